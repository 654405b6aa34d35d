// Options declared once: flags, help, default and parser together, in a table per command. The table registers
// the options with commander (which only splits the command line) and gives the type of the settings the command
// receives: every value parsed and every default applied in one place (settingsOf), before the command runs.
import { say } from '../messages.js';
import { Option, type Command } from 'commander';
import { LOOK_AHEAD_YEARS, THROUGH_DEFAULT } from '../domain/horizons.js';
import { usageError } from '../errors.js';
import type { IntervalMode } from '../forecast/registry.js';
import { parseAnchorArg, parseLevels, parseNumberArg, parseYearArg, type AnchorArg } from './args.js';

/** One option: how commander declares it, and how its text (or texts, when repeated) becomes a typed value. */
export interface OptionDef<T> {
  readonly option: Option;
  /** `flag` is the spelling the user typed (an older one for a deprecated alias), for error messages. */
  readonly parse: (value: unknown, flag: string) => T;
  /** Older spellings of the same option: they still work, with a one-line deprecation note on stderr. */
  readonly aliases: readonly string[];
}

// biome-ignore lint/suspicious/noExplicitAny: a table holds options of any value type
export type OptionTable = Record<string, OptionDef<any>>;

/** The typed settings a command receives from its table. */
export type SettingsOf<T extends OptionTable> = { -readonly [K in keyof T]: T[K] extends OptionDef<infer V> ? V : never };

const def = <T>(option: Option, parse: (value: unknown, flag: string) => T): OptionDef<T> => ({ option, parse, aliases: [] });
/** Commander's value of an option that takes one: the text typed, or the default (undefined: neither). */
export const given = (value: unknown): value is string => typeof value === 'string';

/** Text as given; with a default, never undefined. */
export function text(flags: string, help: string): OptionDef<string | undefined>;
export function text(flags: string, help: string, fallback: string): OptionDef<string>;
export function text(flags: string, help: string, fallback?: string): OptionDef<string | undefined> {
  return def(withDefault(new Option(flags, help), fallback), (v) => (given(v) ? v : fallback));
}

/** A four-digit year. */
export function year(flags: string, help: string): OptionDef<number | undefined>;
export function year(flags: string, help: string, fallback: string): OptionDef<number>;
export function year(flags: string, help: string, fallback?: string): OptionDef<number | undefined> {
  return def(withDefault(new Option(flags, help), fallback), (v, flag) => (given(v) ? parseYearArg(v, flag) : fallback === undefined ? undefined : parseYearArg(fallback, flag)));
}

type NumberRules = { min?: number; max?: number; integer?: boolean };

/** A number (a % sign allowed), checked against its bounds. */
export function number(flags: string, help: string, rules?: NumberRules): OptionDef<number | undefined>;
export function number(flags: string, help: string, rules: NumberRules, fallback: string): OptionDef<number>;
export function number(flags: string, help: string, rules: NumberRules = {}, fallback?: string): OptionDef<number | undefined> {
  return def(withDefault(new Option(flags, help), fallback), (v, flag) => {
    const t = given(v) ? v : fallback;
    return t === undefined ? undefined : parseNumberArg(t, flag, rules);
  });
}

/** `YEAR=VALUE`, e.g. 2023=29%. */
export function anchor(flags: string, help: string): OptionDef<AnchorArg | undefined> {
  return def(new Option(flags, help), (v, flag) => (given(v) ? parseAnchorArg(v, flag) : undefined));
}

/** `YEAR=VALUE`, repeatable. */
export function anchors(flags: string, help: string): OptionDef<AnchorArg[]> {
  return def(repeatable(new Option(flags, help)), (v, flag) => all(v).map((t) => parseAnchorArg(t, flag)));
}

/** Free text, repeatable (e.g. --set KEY=VALUE). */
export function texts(flags: string, help: string): OptionDef<string[]> {
  return def(repeatable(new Option(flags, help)), (v) => all(v));
}

/** The texts of a repeatable option (commander collects them in a list). */
const all = (value: unknown): string[] => (Array.isArray(value) ? value.filter(given) : given(value) ? [value] : []);

/** A comma-separated list of names (blanks dropped); undefined when not given. */
export function names(flags: string, help: string): OptionDef<string[] | undefined> {
  return def(new Option(flags, help), (v) => (given(v) ? splitList(v) : undefined));
}

/** One of a fixed set of words (commander checks the choice). */
export function choice<C extends string>(flags: string, help: string, choices: readonly C[], fallback: C): OptionDef<C>;
export function choice<C extends string>(flags: string, help: string, choices: readonly C[]): OptionDef<C | undefined>;
export function choice<C extends string>(flags: string, help: string, choices: readonly C[], fallback?: C): OptionDef<C | undefined> {
  const option = new Option(flags, help).choices(choices);
  if (fallback !== undefined) option.default(fallback);
  return def(option, (v) => choices.find((c) => c === v) ?? fallback);
}

/** A switch: on when given (`false` as third argument shows "default: false" in help). */
export function flag(flags: string, help: string, fallback?: false): OptionDef<boolean> {
  return def(withDefault(new Option(flags, help), fallback), (v) => v === true);
}

/** A `--no-X` switch: on unless given (commander sets X to true by default, false when --no-X is given). */
export function negated(flags: string, help: string): OptionDef<boolean> {
  return def(new Option(flags, help), (v) => v !== false);
}

/** Commander insists on the option; its value is then never undefined. */
export function required<T>(d: OptionDef<T | undefined>): OptionDef<T> {
  d.option.makeOptionMandatory(true);
  return {
    ...d,
    parse: (value, flag) => {
      const parsed = d.parse(value, flag);
      if (parsed === undefined) throw new Error(`${d.option.long} is mandatory but has no value`);
      return parsed;
    },
  };
}

/** The option under an older spelling too (hidden from help; using it prints a deprecation note). */
export function alias<T>(d: OptionDef<T>, ...older: string[]): OptionDef<T> {
  return { ...d, aliases: [...d.aliases, ...older] };
}

// --- options several commands share, so that a name means the same everywhere --------------------------------

/** --through YEAR: the last year projected. Undefined when not given: the command applies throughDefault(). */
export const through = (help = `last year projected (default: ${THROUGH_DEFAULT}, or the last anchor year when later)`) => year('--through <year>', help);

/** --look-to YEAR: the last year searched for the year a path reaches a target ("not by YEAR" after it). */
export const lookTo = (after = 'the later of --through and the last target') => year('--look-to <year>', `last year searched for the year a path reaches a target (default: ${LOOK_AHEAD_YEARS} years after ${after})`);

/** --level: prediction interval levels in percent. */
export const levels = (help = 'prediction interval levels of fitted methods, in percent') => def(new Option('--level <levels>', help).default('80,95'), (v) => parseLevels(given(v) ? v : '80,95'));

/** --seed of simulated intervals (a whole number, default 42). */
export const seed = (help = 'seed for simulated intervals') => number('--seed <n>', help, { integer: true, min: 0 }, '42');

/** --intervals: calibrated on measured errors of the same method (auto's default) or the model's own. */
export const intervals = () =>
  choice<IntervalMode>('--intervals <kind>', "prediction intervals: calibrated (on measured errors of the same method, where a table is shipped: auto) or model (the method's own)", ['calibrated', 'model'], 'calibrated');

// --- registering and parsing -----------------------------------------------------------------------------------

/** Adds a table's options (and their older spellings, hidden) to a command. */
export function withOptions<C extends Command>(cmd: C, table: OptionTable): C {
  for (const [key, d] of Object.entries(table)) {
    // The table's key is the settings field: it must be the name commander gives the option.
    if (d.option.attributeName() !== key) throw new Error(`option table key '${key}' does not match ${d.option.long}`);
    cmd.addOption(d.option);
    for (const older of d.aliases) {
      const o = new Option(older, `deprecated: ${d.option.long}`).hideHelp();
      if (d.option.variadic || Array.isArray(d.option.defaultValue)) o.argParser(collect).default([]);
      cmd.addOption(o);
    }
  }
  return cmd;
}

/**
 * A command's settings: each option of its table parsed, defaults applied. An older spelling stands for the
 * option (with a note in `deprecations`); both spellings at once is a usage error.
 */
export function settingsOf<T extends OptionTable>(cmd: Command, table: T): { settings: SettingsOf<T>; deprecations: string[] } {
  const opts: Record<string, unknown> = cmd.opts();
  const settings: Record<string, unknown> = {};
  const deprecations: string[] = [];
  for (const [key, d] of Object.entries(table)) {
    let value = opts[key];
    let used = d.option.long ?? key;
    for (const older of d.aliases) {
      const o = new Option(older);
      const old = opts[o.attributeName()];
      if (old === undefined || (Array.isArray(old) && old.length === 0)) continue;
      if (cmd.getOptionValueSource(key) === 'cli') throw usageError(say('option.bothNames', { old: o.long ?? older, option: d.option.long ?? key }));
      value = old;
      used = o.long ?? older;
      deprecations.push(say('option.deprecated', { old: o.long ?? older, option: d.option.long ?? key }));
    }
    settings[key] = d.parse(value, used);
  }
  // Each key was set by its own def's parse just above: the one place the table's types are asserted.
  return { settings: settings as SettingsOf<T>, deprecations };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];
const repeatable = (o: Option) => o.argParser(collect).default([]);
const splitList = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');

function withDefault(option: Option, fallback: string | false | undefined): Option {
  return fallback === undefined ? option : option.default(fallback);
}
