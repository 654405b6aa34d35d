// Method names for the command line: name → Method and the --method syntax ("theta,auto",
// "median(ets,arima,theta)"); unknown names are usage errors that suggest the closest.

import calibration from '../../datasets/interval_calibration.json' with { type: 'json' };
import { SemicapError } from '../errors.js';
import { levenshtein } from '../text.js';
import { arima } from './arima.js';
import { auto } from './auto.js';
import { calibrated, type CalibrationTable } from './calibrated.js';
import { type Combiner, combine } from './combine.js';
import { damped } from './damped.js';
import { drift } from './drift.js';
import { ets } from './ets.js';
import { holt } from './holt.js';
import { logistic, logisticNls } from './logistic.js';
import { naive } from './naive.js';
import { ses } from './ses.js';
import { theta } from './theta.js';
import { linear, loglinear } from './trend.js';
import type { Method } from './types.js';
import { say } from '../messages.js';

/** Every registered method by its command-line name. */
const METHOD_TABLE: readonly Method[] = [
  naive,
  drift,
  ses,
  holt,
  damped,
  ets,
  theta,
  arima,
  linear,
  loglinear,
  logistic,
  logisticNls,
  auto,
];

const METHODS: ReadonlyMap<string, Method> = new Map(METHOD_TABLE.map((m) => [m.name, m]));

export type { Combiner };
const COMBINERS: readonly Combiner[] = ['mean', 'median'];

/** A parsed `--method` item. */
export type MethodSpec =
  | { kind: 'method'; name: string }
  | { kind: 'combination'; combiner: Combiner; members: MethodSpec[] };

/** Registered method names, in table order. */
export function methodNames(): string[] {
  return [...METHODS.keys()];
}

/** The known name closest to `name` within edit distance 2 (ties: table order), or undefined. */
export function suggestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = levenshtein(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function unknownMethod(name: string): SemicapError {
  const known = [...methodNames(), ...COMBINERS.map((c) => `${c}(...)`)];
  const suggestion = suggestName(name, [...methodNames(), ...COMBINERS]);
  return new SemicapError('usage', say('error.unknownMethod', { name, known: known.join(', '), hint: suggestion ?? '' }));
}

/** Canonical text of a spec, used as the combined method's name: `mean(ses,theta)`. */
export function specName(spec: MethodSpec): string {
  return spec.kind === 'method' ? spec.name : `${spec.combiner}(${spec.members.map(specName).join(',')})`;
}

/** Bounds of a `--method` expression: characters, combination nesting, method names in all. */
export const METHOD_TEXT_LIMIT = 500;
export const METHOD_DEPTH_LIMIT = 4;
export const METHOD_COUNT_LIMIT = 32;

/**
 * Parse `--method` text into specs (syntax only; names are checked by parseMethodList).
 * Throws SemicapError('usage') on empty items, unbalanced parentheses or a combination of fewer than 2 methods.
 */
export function parseMethodSpec(text: string): MethodSpec[] {
  const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  const fail = (what: string) => new SemicapError('usage', say('error.methodSyntax', { text: shown, what }));
  // Bounds first: a hostile expression must be a usage error, never a stack overflow or a run of thousands of fits.
  if (text.length > METHOD_TEXT_LIMIT) throw fail(say('error.methodTooLong', { length: text.length, max: METHOD_TEXT_LIMIT }));
  const tokens = text.toLowerCase().match(/[^\s(),]+|[(),]|\s+/g)?.filter((t) => t.trim() !== '') ?? [];
  let position = 0;
  let depth = 0;
  let names = 0;

  const parseList = (closing: boolean): MethodSpec[] => {
    const items: MethodSpec[] = [];
    for (;;) {
      items.push(parseItem());
      const token = tokens[position];
      if (token === ',') {
        position++;
        continue;
      }
      if (token === ')') {
        if (!closing) throw fail(say('error.methodUnopened'));
        return items;
      }
      if (token === undefined) {
        if (closing) throw fail(say('error.methodUnclosed'));
        return items;
      }
      throw fail(say('error.methodComma', { token }));
    }
  };

  const parseItem = (): MethodSpec => {
    const token = tokens[position];
    if (token === undefined || token === ',' || token === ')' || token === '(') {
      throw fail(token === undefined || token === ',' || token === ')' ? say('error.methodMissing') : say('error.methodParenName'));
    }
    position++;
    if (++names > METHOD_COUNT_LIMIT) throw fail(say('error.methodTooMany', { max: METHOD_COUNT_LIMIT }));
    if (tokens[position] !== '(') return { kind: 'method', name: token };
    if (!(COMBINERS as readonly string[]).includes(token)) {
      throw fail(say('error.methodNotCombiner', { combiners: COMBINERS.join(' and '), token }));
    }
    if (++depth > METHOD_DEPTH_LIMIT) throw fail(say('error.methodTooDeep', { max: METHOD_DEPTH_LIMIT }));
    position++;
    const members = parseList(true);
    depth--;
    position++; // the ')'
    if (members.length < 2) throw fail(say('error.methodCombineTwo', { token }));
    return { kind: 'combination', combiner: token as Combiner, members };
  };

  if (tokens.length === 0) throw fail(say('error.methodNone'));
  return parseList(false);
}

/** The registered method called `name`; SemicapError('usage') with suggestions when there is none. */
export function getMethod(name: string): Method {
  const method = METHODS.get(name.toLowerCase());
  if (method === undefined) throw unknownMethod(name);
  return method;
}

function resolve(spec: MethodSpec): Method {
  if (spec.kind === 'method') return getMethod(spec.name);
  return combine(specName(spec), spec.members.map(resolve), spec.combiner);
}

/**
 * Methods for `--method` text, e.g. `parseMethodList("theta,mean(ses,arima)")`.
 * Throws SemicapError('usage') for unknown names (with a "did you mean"), bad syntax or a method listed twice.
 */
export function parseMethodList(text: string): Method[] {
  return methodsFromSpecs(parseMethodSpecs(text));
}

/**
 * The specs of `--method` text, checked (known names, no method listed twice): plain data, so worker threads
 * are handed the parsed list and build the methods with methodsFromSpecs.
 */
export function parseMethodSpecs(text: string): MethodSpec[] {
  const specs = parseMethodSpec(text);
  const names = specs.map(specName);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new SemicapError('usage', say('error.methodTwice', { name: duplicate }));
  specs.forEach(resolve);
  return specs;
}

/** The methods of parsed specs. */
export function methodsFromSpecs(specs: readonly MethodSpec[]): Method[] {
  return specs.map(resolve);
}

/** How prediction intervals are made: calibrated on measured errors where a table exists, or the model's own. */
export type IntervalMode = 'calibrated' | 'model';

/** The shipped calibration table of a method (datasets/interval_calibration.json), if there is one. */
export function shippedCalibration(name: string): CalibrationTable | undefined {
  return (calibration.tables as CalibrationTable[]).find((t) => t.method === name);
}

/**
 * `methods` with their intervals made as `mode` says: with 'calibrated', every method that has a shipped
 * calibration table gets calibrated intervals (calibrated.ts); the others, and every method with 'model', keep
 * their own.
 */
export function withIntervals(methods: readonly Method[], mode: IntervalMode): Method[] {
  return methods.map((m) => {
    const table = mode === 'calibrated' ? shippedCalibration(m.name) : undefined;
    return table === undefined ? m : calibrated(m, table);
  });
}

function calibrationText(table: CalibrationTable): string {
  return table.maxLength === undefined ? table.source : say('intervals.longer', { source: table.source, years: table.maxLength });
}

/** One line for a report's notes: which intervals each method's bands are. */
export function intervalsNote(methods: readonly Method[], mode: IntervalMode): string {
  const calibratedNames = mode === 'calibrated' ? methods.filter((m) => shippedCalibration(m.name) !== undefined).map((m) => m.name) : [];
  const modelNames = methods.map((m) => m.name).filter((n) => !calibratedNames.includes(n));
  const calibratedPart = calibratedNames.length > 0 ? say('intervals.calibrated', { methods: calibratedNames.join(', '), source: calibrationText(shippedCalibration(calibratedNames[0])!) }) : '';
  const modelPart = modelNames.length > 0 ? say('intervals.model', { methods: modelNames.join(', ') }) : '';
  return say('intervals.note', { calibrated: calibratedPart, model: modelPart });
}
