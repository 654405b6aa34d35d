// Fuzzing every command with generated options and generated files: hostile input is bad data (65), usage (2),
// missing input (66) or cannot write (73/74) — never an internal error (70), never a stack trace.
//
// The commands and their options are read from the program itself (buildProgram), so a new command or option is
// fuzzed without touching this file. Most runs go through run(argv, io) in this process (fast); a few through
// the built CLI as child processes. Seeded: the same cases every run; a failure prints the seed and the argv.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, run, type Io } from '../../src/cli/main.js';
import { DATASETS, ROOT, semicapAsync, tempDir } from './run.js';

const root = tempDir('semicap-fuzz-');
const cwd = process.cwd();
const savedEnv: NodeJS.ProcessEnv = {};
const sandbox = join(root, 'sandbox', 'parent', 'cwd');
const data = join(root, 'data');
const files = {
  series: join(root, 'series.csv'),
  rules: join(root, 'rules.csv'),
  scenarios: join(root, 'scenarios.csv'),
  out: join(root, 'out'),
};

beforeAll(() => {
  cpSync(DATASETS, data, { recursive: true });
  mkdirSync(files.out);
  // Generated values may be relative output paths (`--out 2023=-5`, `--out ..`): they must land in an empty
  // sandbox, never in the project or next to this run's inputs.
  mkdirSync(sandbox, { recursive: true });
  Object.assign(savedEnv, process.env);
  process.chdir(sandbox);
  process.env.HOME = root;
  for (const k of ['XDG_CONFIG_HOME', 'SEMICAP_FORMAT', 'SEMICAP_DATA', 'SEMICAP_LANG', 'NO_COLOR', 'FORCE_COLOR']) delete process.env[k];
});
afterAll(() => {
  // Test files share a worker (vitest.config.ts): leave the folder and the environment as they were.
  process.chdir(cwd);
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  rmSync(root, { recursive: true, force: true });
});

const ORIGINAL: Record<string, string> = {};
const datasetText = (name: string) => (ORIGINAL[name] ??= readFileSync(join(DATASETS, name), 'utf8'));

// ---- values ----

/** Text that has broken parsers before: prototype names, escapes, overflow, nesting, separators. */
const HOSTILE = [
  '', ' ', '__proto__', 'constructor', 'toString', 'prototype', 'hasOwnProperty', '\x1b[2J\x1b]0;t\x07', 'a\nsemicap: ok', '\u202e\u2066x', '\u200b', '\ufeff',
  '0', '-0', '-1', '1e999', '-1e999', '1e-400', '1e308', '5e-324', 'NaN', 'Infinity', '0x1f', '１２', '1,5', '83,000', '29%', '%', '-', '+', '.', '..', '=', '==', '@a', ';', ',', ',,', '=1+2',
  '2023=29%', '2027=39%', '2023=1e308', '2023=-5', '2023=29%,2027=39%', '2023==29', 'a=b=c', '3000=1', '1899=5', '2023=', '=5',
  'mean(naive,drift)', 'mean(mean(mean(mean(mean(naive,drift),naive),naive),naive),naive)', 'mean(', ')', 'median()', 'mean(naive)', 'x'.repeat(600),
  'base.growth_pct=5', 'base.__proto__=1', 'x.y.z=1', '__proto__.polluted=1',
];
const NAMES = ['china', 'mature', 'world', 'smic', 'big_fund', 'trendforce_2023_12', 'trendforce_2023_10', 'ic_production_in_china', 'cagr', 'linear', 'logistic', 'auto', 'naive', 'theta', 'base', 'share', 'wpm', 'all', 'rules', 'table', 'value', 'year', 'id'];
const NUMBERS = ['1', '2', '5', '10', '50', '80', '95', '100', '2024', '2030', '2040', '2200', '80,95', '5,50,95', '200'];

const value = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE) }, { weight: 2, arbitrary: fc.constantFrom(...NAMES) }, { weight: 2, arbitrary: fc.constantFrom(...NUMBERS) });

/** Where an output or input option points: files of this run, a missing folder, an input (refused). */
const OUT_TARGETS = [join(files.out, 'o.csv'), join(files.out, 'o.svg'), join(files.out, 'o.xlsx'), join(files.out, 'missing', 'o.csv'), join(files.out, 'o'.repeat(250) + '.csv'), files.rules, join(data, 'fx.csv'), files.out];
const DATA_TARGETS = [data, join(root, 'nowhere'), files.series, root];
const INPUT_TARGETS = [files.series, files.rules, files.scenarios, join(data, 'capacity.csv'), join(root, 'nothing.csv'), root];

// ---- generated files ----

const cell = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NUMBERS, ...NAMES) }, { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) });
const csvCell = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const IDS = ['a', 'b', 'a ', 'а', '__proto__', 'constructor', 'toString', '\x1b[31mc', 'd\ne', '=1+2', '-x', '中芯'];
const seriesFile = fc.oneof(
  // regular yearly series (they get forecast, so their ids reach every renderer)
  fc
    .tuple(fc.uniqueArray(fc.constantFrom(...IDS), { minLength: 1, maxLength: 4 }), fc.integer({ min: 4, max: 9 }), fc.constantFrom(1, 1e300, 1e-300, -5, 1e9))
    .map(([ids, years, scale]) => ['id,year,value', ...ids.flatMap((id, k) => Array.from({ length: years }, (_, i) => `${csvCell(id)},${2010 + i},${scale * (1 + k + i * 0.5 + (i % 3) * 0.25)}`))].join('\n') + '\n'),
  // well-formed series with unusual values and ids
  fc
    .array(fc.tuple(fc.constantFrom('a', 'b', 'a ', 'а', '__proto__', 'constructor', 'toString', '\x1b[31mc', 'd\ne'), fc.integer({ min: 1995, max: 2026 }), fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1e300, -1e300, 1e-300, 5e-324, 1, 2, 3))), { minLength: 1, maxLength: 40 })
    .map((rows) => ['id,year,value', ...rows.map(([id, y, v]) => `${csvCell(id)},${y},${v}`)].join('\n') + '\n'),
  // anything in the cells
  fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 0, maxLength: 12 }).map((rows) => ['id,year,value', ...rows.map((r) => r.map(csvCell).join(','))].join('\n') + '\n'),
);

const METRIC = fc.constantFrom('share', 'cagr', 'wpm', 'self_sufficiency', 'fund', 'rows', 'valid', '__proto__', 'toString', 'constructor', '', 'shares');
const SELECTOR = fc
  .array(fc.tuple(fc.constantFrom('region', 'segment', 'source', 'year', 'method', 'entity', 'scope', 'kind', 'path', 'fund', 'phase', 'measure', 'bound', 'fx_year', 'dataset', '__proto__', 'constructor'), value), { maxLength: 4 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join(' '));
const randomRules = fc
  .array(fc.tuple(value, METRIC, SELECTOR, fc.constantFrom('>=', '>', '<=', '<', '==', '!=', 'eq', 'ge', '=>', '', '__proto__'), value, fc.constantFrom('%', '%/yr', 'wpm_8in_eq', 'wpm_12in', 'CNY_bn', 'USD_bn', '', '__proto__')), { maxLength: 5 })
  .map((rules) => ['rule,metric,selector,op,value,unit', ...rules.map((r) => r.map(csvCell).join(','))].join('\n') + '\n');

/** The example rules with one field of one rule replaced: rule files that mostly get as far as evaluation. */
const EXAMPLE_RULES = readFileSync(join(ROOT, 'docs', 'rules.example.csv'), 'utf8').split('\n').filter((l) => l !== '' && !l.startsWith('#')).slice(1);
const nearRules = fc.tuple(fc.nat(EXAMPLE_RULES.length - 1), fc.nat(5), value, fc.boolean()).map(([rule, field, text, mutate]) => {
  const lines = [...EXAMPLE_RULES];
  if (mutate) {
    const cells = lines[rule].split(',');
    cells[field] = csvCell(text);
    lines[rule] = cells.join(',');
  }
  return ['rule,metric,selector,op,value,unit', ...lines].join('\n') + '\n';
});
const rulesFile = fc.oneof(randomRules, nearRules);

const DATASET_FILES = ['sources.csv', 'capacity_share.csv', 'capacity.csv', 'funds.csv', 'self_sufficiency.csv', 'fx.csv', 'scenarios.csv'];
/** One cell of one bundled dataset replaced by a hostile or unusual value. */
const datasetMutation = fc.record({ file: fc.constantFrom(...DATASET_FILES), row: fc.nat(60), column: fc.nat(12), text: cell });

/** The bundled datasets in the data folder, one cell broken when a mutation is given. */
function mutateDatasets(m: { file: string; row: number; column: number; text: string } | undefined): void {
  for (const name of DATASET_FILES) {
    if (name === m?.file) continue;
    keepFile(join(data, name), datasetText(name));
  }
  if (m === undefined) return;
  const lines = datasetText(m.file).split('\n');
  const at = 1 + (m.row % Math.max(1, lines.length - 2));
  // Naive split is enough: the point is a broken cell, quoted fields that split oddly are broken input too.
  const cells = lines[at].split(',');
  cells[m.column % cells.length] = csvCell(m.text);
  lines[at] = cells.join(',');
  keepFile(join(data, m.file), lines.join('\n'));
}

/**
 * What this file last wrote to each input: a file is written again only when its text changes or its size shows it
 * was changed behind our back (writing ten files a run was half the in-process fuzz's time).
 */
const written = new Map<string, string>();
function keepFile(path: string, text: string): void {
  if (written.get(path) === text && existsSync(path) && statSync(path).size === Buffer.byteLength(text)) return;
  writeFileSync(path, text);
  written.set(path, text);
}

/** A project config file in the working folder: any JSON, or an object of known and hostile keys. */
const configFile = fc.oneof(
  fc.json({ maxDepth: 2 }),
  fc.dictionary(fc.constantFrom('format', 'data', 'lang', 'color', 'ascii', '__proto__', 'constructor'), fc.oneof(value, fc.boolean(), fc.integer(), fc.constant(null)), { maxKeys: 3 }).map((o) => JSON.stringify(o)),
);

// ---- argv ----

interface CommandShape {
  name: string;
  args: { required: boolean; variadic: boolean }[];
  options: { flag: string; takesValue: boolean; choices?: readonly string[] }[];
}

const silentIo = (): Io & { out: string[]; err: string[] } => {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: async (t) => void out.push(t), stderr: (t) => void err.push(t), stdoutIsTTY: false, stderrIsTTY: false, env: {} };
};

function commandShapes(): CommandShape[] {
  const program = buildProgram(silentIo(), async () => undefined);
  return program.commands.map((c) => ({
    name: c.name(),
    args: c.registeredArguments.map((a) => ({ required: a.required, variadic: a.variadic })),
    options: c.options.map((o) => ({ flag: o.long!, takesValue: o.required || o.optional, choices: o.argChoices })),
  }));
}

/** The value an option gets: its own kind of target for paths, a choice or anything otherwise. */
function optionValue(flag: string, choices: readonly string[] | undefined, pick: { any: string; choice: number; target: number; valid: boolean }): string {
  if (flag === '--out' || flag === '--chart-out') return OUT_TARGETS[pick.target % OUT_TARGETS.length];
  if (flag === '--data') return DATA_TARGETS[pick.target % DATA_TARGETS.length];
  if (flag === '--file') return INPUT_TARGETS[pick.target % INPUT_TARGETS.length];
  if (flag === '--jobs') return ['1', '0', 'x', 'auto', '-1', '2'][pick.target % 6];
  if (choices && pick.valid) return choices[pick.choice % choices.length];
  return pick.any;
}

function positional(command: string, pick: number, any: string): string {
  switch (command) {
    case 'forecast':
    case 'backtest':
      return [files.series, files.series, files.rules, join(root, 'nothing.csv'), root][pick % 5];
    case 'check':
      return [files.rules, files.rules, files.series, join(root, 'nothing.csv'), root][pick % 5];
    case 'validate':
      return [data, join(data, 'funds.csv'), join(data, 'scenarios.csv'), files.series, join(root, 'nothing.csv')][pick % 5];
    case 'completion':
      return ['bash', 'zsh', 'fish', any][pick % 4];
    default:
      return any;
  }
}

const GLOBAL = ['--no-color', '--quiet', '--verbose', '--lang'];

/** The examples of every command's --help, as argv with this run's files in place of the example ones. */
function helpExamples(): string[][] {
  const sources = ['program.ts', 'define-extras.ts', 'define-forecast.ts', 'define-scenario.ts'].map((f) => readFileSync(join(ROOT, 'src', 'cli', f), 'utf8')).join('\n');
  const examples = [...sources.matchAll(/'semicap ([^'$>&]*)'/g)].map((m) => m[1].trim());
  return examples.map((e) => {
    const argv = (e.match(/"[^"]*"|\S+/g) ?? []).map((a) => a.replace(/^"|"$/g, ''));
    return argv.map((a, i) => {
      const flag = argv[i - 1];
      if (flag === '--out' || flag === '--chart-out') return OUT_TARGETS[0];
      if (flag === '--data') return data;
      if (flag === '--id') return 'id';
      if (flag === '--value') return 'value';
      // 1,000 paths instead of the examples' 10,000 to 100,000: the same code, a small part of the time.
      if (flag === '--simulate') return '1000';
      if (/\.csv$/.test(a) && flag?.startsWith('--') !== true) return /rules/.test(a) ? files.rules : /my-data/.test(a) ? join(data, a.split('/').pop()!) : files.series;
      if (a === 'my-data/') return data;
      return a;
    });
  });
}

/** A help example with up to two changes: an option's value replaced, or another option of the command added. */
function nearExamples(shapes: CommandShape[]) {
  const examples = helpExamples();
  const change = fc.record({ kind: fc.constantFrom('replace', 'add'), at: fc.nat(20), option: fc.nat(40), text: value, target: fc.nat(20) });
  return fc.tuple(fc.nat(examples.length - 1), fc.array(change, { maxLength: 2 })).map(([which, changes]) => {
    const argv = [...examples[which]];
    const shape = shapes.find((s) => s.name === argv[0]);
    for (const c of changes) {
      const values = argv.map((a, i) => (i > 0 && argv[i - 1].startsWith('--') && !a.startsWith('--') ? i : -1)).filter((i) => i > 0);
      if (c.kind === 'replace' && values.length > 0) argv[values[c.at % values.length]] = c.text;
      else if (shape && shape.options.length > 0) {
        const o = shape.options[c.option % shape.options.length];
        argv.push(o.flag);
        if (o.takesValue) argv.push(optionValue(o.flag, o.choices, { any: c.text, choice: c.at, target: c.target, valid: c.at % 2 === 0 }));
      }
    }
    return argv;
  });
}

function argvFor(shapes: CommandShape[]) {
  return fc.oneof(randomArgv(shapes), nearExamples(shapes));
}

function randomArgv(shapes: CommandShape[]) {
  const pick = fc.record({ any: value, choice: fc.nat(20), target: fc.nat(20), valid: fc.boolean() });
  return fc
    .record({
      command: fc.nat(shapes.length - 1),
      options: fc.array(fc.tuple(fc.nat(40), pick), { maxLength: 4 }),
      which: fc.nat(),
      positionals: fc.array(fc.tuple(fc.nat(10), value), { maxLength: 2 }),
      globals: fc.subarray(GLOBAL),
      lang: fc.constantFrom('en', 'zh', 'zh', 'zh', 'fr'),
    })
    .map(({ command, options, positionals, globals, lang, which }) => {
      const shape = shapes[command];
      const argv: string[] = [];
      for (const g of globals) argv.push(...(g === '--lang' ? [g, lang] : [g]));
      argv.push(shape.name);
      // One positional where the command takes one (a second now and then), several for a variadic one.
      const one = positionals.length > 0 ? positionals.slice(0, shape.args.some((a) => a.variadic) || which % 10 === 0 ? 2 : 1) : [[0, ''] as [number, string]];
      const wanted = shape.args.length === 0 ? [] : one;
      if (shape.args.length > 0) for (const [p, any] of wanted) argv.push(positional(shape.name, p, any));
      // The generated series files have an id column: name it, so that most runs get as far as forecasting.
      if (shape.name === 'forecast' || shape.name === 'backtest') argv.push('--id', 'id');
      for (const [which, p] of options) {
        const o = shape.options[which % Math.max(1, shape.options.length)];
        if (o === undefined) continue;
        argv.push(o.flag);
        if (o.takesValue) argv.push(optionValue(o.flag, o.choices, p));
      }
      return argv;
    });
}

// FUZZ_SEED and FUZZ_RUNS explore further by hand (e.g. FUZZ_RUNS=2000 FUZZ_SEED=7); CI runs the fixed ones.
const SEED = Number(process.env.FUZZ_SEED ?? 1601);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

const STACK = /^\s+at |\n\s+at |(^|\s)[A-Z]\w*Error: |internal error/;
const ALLOWED = new Set([0, 1, 2, 65, 66, 73, 74]);

function expectHandled(argv: string[], code: number | null, stderr: string): void {
  // expect only on a failure: it costs more than most in-process runs.
  if (ALLOWED.has(code ?? -1) && !STACK.test(stderr)) return;
  const shown = JSON.stringify(argv);
  expect(ALLOWED.has(code ?? -1), `${shown} → exit ${code}: ${stderr}`).toBe(true);
  expect(STACK.test(stderr), `${shown} → stack trace or internal error: ${stderr}`).toBe(false);
}

describe('fuzz: every command with generated options and files', () => {
  const shapes = commandShapes();

  it('has commands and options to fuzz', () => {
    expect(shapes.map((s) => s.name)).toEqual(expect.arrayContaining(['forecast', 'check', 'validate', 'scenario', 'goal', 'report']));
  });

  it(`in process: never exit 70, never a stack trace (${RUNS} runs, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(argvFor(shapes), seriesFile, rulesFile, fc.option(datasetMutation, { nil: undefined }), fc.oneof({ weight: 7, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: configFile }), async (argv, series, rules, mutation, config) => {
        const configPath = join(sandbox, 'semicap.config.json');
        if (config === undefined) rmSync(configPath, { force: true });
        else writeFileSync(configPath, config);
        keepFile(files.series, series);
        keepFile(files.rules, rules);
        keepFile(files.scenarios, datasetText('scenarios.csv'));
        mutateDatasets(mutation);
        const io = silentIo();
        const code = await run(argv, io);
        process.exitCode = 0;
        expectHandled(argv, code, io.err.join(''));
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 60_000 + RUNS * 500);

  it('as child processes of the built CLI: never exit 70, never a stack trace (12 runs, seed 1602)', async () => {
    // The cases are drawn by the same seeded property as before; the processes then run two at a time (each spends
    // most of its time starting Node), every one with its own input files, output folder and copy of the sandbox.
    const cases: { argv: string[]; series: string; rules: string }[] = [];
    fc.assert(
      fc.property(argvFor(shapes), seriesFile, rulesFile, (argv, series, rules) => void cases.push({ argv, series, rules })),
      { seed: 1602, numRuns: 12 },
    );
    mutateDatasets(undefined);
    const runCase = async ({ argv, series, rules }: (typeof cases)[number], k: number) => {
      const own = join(root, `child-${k}`);
      const ownFiles = { series: join(own, 'series.csv'), rules: join(own, 'rules.csv'), out: join(own, 'out') };
      const cwd = join(own, 'sandbox');
      mkdirSync(ownFiles.out, { recursive: true });
      cpSync(sandbox, cwd, { recursive: true });
      writeFileSync(ownFiles.series, series);
      writeFileSync(ownFiles.rules, rules);
      const local = argv.map((a) => (a === files.series ? ownFiles.series : a === files.rules ? ownFiles.rules : a.startsWith(files.out) ? ownFiles.out + a.slice(files.out.length) : a));
      const r = await semicapAsync(local, { cwd, env: { HOME: root, LANG: 'C.UTF-8' } });
      expectHandled(local, r.code, r.stderr);
    };
    let next = 0;
    const lane = async () => {
      while (next < cases.length) {
        const k = next++;
        await runCase(cases[k], k);
      }
    };
    await Promise.all([lane(), lane()]);
    expect(cases).toHaveLength(12);
  }, 120_000);
});
