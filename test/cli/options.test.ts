// The option tables: each command's options parsed into typed settings with their defaults, without running the
// command; errors name the option; an older spelling stands for the new one.
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { backtestOptions, goalOptions, MAX_SIMULATION_SEED, projectOptions, scenarioOptions, sharesOptions } from '../../src/cli/command-options.js';
import { settingsOf, withOptions, type OptionTable, year } from '../../src/cli/options.js';
import { withDefaultCommand } from '../../src/cli/main.js';
import { dataOptions, outputOptions, programOptions, reportOutputOptions } from '../../src/cli/output-options.js';
import { defaultLookTo, defaultThrough } from '../../src/domain/horizons.js';
import { MAX_SEED } from '../../src/forecast/random.js';

/** Parses argv for a command declared with `table` (commander splits, the table parses). */
function parse<T extends OptionTable>(table: T, argv: string[]) {
  const cmd = withOptions(new Command('x').exitOverride(), table);
  cmd.parse(argv, { from: 'user' });
  return settingsOf(cmd, table);
}

describe('option tables', () => {
  it('project: anchors, defaults and the floor word none, typed', () => {
    const { settings } = parse(projectOptions(), ['--from', '2023=29%', '--to', '2027=39%', '--via', '2025=33%', '--floor', 'none']);
    expect(settings.from).toEqual({ year: 2023, value: 29, percent: true });
    expect(settings.via).toEqual([{ year: 2025, value: 33, percent: true }]);
    expect(settings.method).toBe('cagr,linear,logistic');
    expect(settings.through).toBeUndefined();
    expect(settings.floor).toBeNull();
    expect(settings.cap).toBeUndefined();
  });

  it('backtest: text defaults are parsed like given text (--horizon 3, --origins 5, --level 80,95, --jobs auto)', () => {
    const { settings, deprecations } = parse(backtestOptions(), []);
    expect(settings).toMatchObject({ horizon: 3, origins: 5, level: [80, 95], jobs: 'auto', intervals: 'calibrated', fill: 'none', delimiter: ',', decimal: '.', time: 'year', value: 'value' });
    expect(deprecations).toEqual([]);
    expect(parse(backtestOptions(), ['--jobs', '4', '--level', '95,80,95']).settings).toMatchObject({ jobs: 4, level: [80, 95] });
  });

  it('an older spelling gives the same settings and a note; both at once is refused', () => {
    const old = parse(backtestOptions(), ['--holdout', '4']);
    expect(old.settings.horizon).toBe(4);
    expect(old.deprecations).toEqual(['--holdout is deprecated; use --horizon (same meaning)']);
    expect(() => parse(backtestOptions(), ['--holdout', '4', '--horizon', '4'])).toThrow('give --horizon or --holdout, not both (--holdout is its older name)');
    const goal = parse(goalOptions(), ['--from', '2025', '--to', '2034', '--through', '2060']);
    expect(goal.settings).toMatchObject({ deployFrom: 2025, deployTo: 2034, lookTo: 2060 });
    expect(parse(sharesOptions(), ['--from', '2024']).settings.since).toBe(2024);
  });

  it('bad values: one line naming the option as typed', () => {
    expect(() => parse(backtestOptions(), ['--horizon', '0'])).toThrow('--horizon 0 is below 1');
    expect(() => parse(backtestOptions(), ['--holdout', '1.5'])).toThrow('--holdout 1.5 is not a whole number');
    expect(() => parse(scenarioOptions(), ['--through', '20300'])).toThrow(/^--through '20300' is not a year/);
    expect(() => parse(scenarioOptions(), ['--percentiles', '10,x'])).toThrow("--percentiles 'x' is not a number; expected a number");
    expect(() => parse(scenarioOptions(), ['--seed', String(MAX_SEED + 1)])).toThrow(`--seed ${MAX_SEED + 1} is above ${MAX_SEED}`);
  });

  it("the simulations' largest seed is the generator's", () => {
    expect(MAX_SIMULATION_SEED).toBe(MAX_SEED);
  });

  it('a table key that is not the option name is a programming error', () => {
    expect(() => withOptions(new Command('x'), { until: year('--through <year>', 'last year') })).toThrow("option table key 'until' does not match --through");
  });
});

describe('default horizons', () => {
  it('--through: 2030, or the last anchor when later', () => {
    expect(defaultThrough()).toBe(2030);
    expect(defaultThrough(2023, 2027)).toBe(2030);
    expect(defaultThrough(2025, 2035)).toBe(2035);
  });
  it('--look-to: 20 years after the later of --through and the last target', () => {
    expect(defaultLookTo(2030, 2025)).toBe(2050);
    expect(defaultLookTo(2030, 2035, 2032)).toBe(2055);
    expect(defaultLookTo(2040)).toBe(2060);
  });

  it('output options: typed, with their defaults; report parses its own with the same parsers', () => {
    expect(parse(outputOptions(), []).settings).toEqual({
      format: 'table',
      out: undefined,
      table: undefined,
      excel: false,
      locale: undefined,
      delimiter: undefined,
      decimal: undefined,
      rawText: false,
      chart: false,
      chartOut: undefined,
      ascii: false,
      wide: false,
    });
    const given = parse(outputOptions(), ['-f', 'csv', '-o', 'x.csv', '--table', 'totals', '--excel', '--delimiter', ';', '--decimal', ',', '--raw-text', '--chart', '--chart-out', 'c.svg', '--ascii', '--wide']);
    expect(given.settings).toMatchObject({ format: 'csv', out: 'x.csv', table: 'totals', excel: true, delimiter: ';', decimal: ',', rawText: true, chart: true, chartOut: 'c.svg', ascii: true, wide: true });
    expect(() => parse(outputOptions(), ['--format', 'yaml'])).toThrow("argument 'yaml' is invalid. Allowed choices are table, csv, json, md, xlsx.");
    expect(() => parse(reportOutputOptions(), ['--format', 'xlsx'])).toThrow('Allowed choices are table, csv, json, md.');
    expect(parse(reportOutputOptions(), ['--locale', 'de']).settings).toEqual({ format: 'table', wide: false, excel: false, locale: 'de', delimiter: undefined, decimal: undefined, rawText: false });
    expect(parse(dataOptions(), ['-d', 'examples/my-data/']).settings).toEqual({ data: 'examples/my-data/' });
  });

  it('program options: --no-color turns colour off, --lang takes en or zh', () => {
    expect(parse(programOptions(), []).settings).toEqual({ color: true, debug: false, quiet: false, verbose: false, lang: undefined });
    expect(parse(programOptions(), ['--no-color', '--debug', '-q', '--verbose', '--lang', 'zh']).settings).toEqual({ color: false, debug: true, quiet: true, verbose: true, lang: 'zh' });
    expect(() => parse(programOptions(), ['--lang', 'fr'])).toThrow("argument 'fr' is invalid. Allowed choices are en, zh.");
  });

  it('only program options before any command: the overview runs (the options read from their table)', () => {
    expect(withDefaultCommand(['-q', '--no-color', '--lang', 'zh', '--verbose', '--debug'])).toEqual(['-q', '--no-color', '--lang', 'zh', '--verbose', '--debug', 'overview']);
    expect(withDefaultCommand(['--lang=zh', '--quiet'])).toEqual(['--lang=zh', '--quiet', 'overview']);
    expect(withDefaultCommand([])).toEqual(['overview']);
    // A value missing, a command or an output option: left for commander to run or refuse.
    expect(withDefaultCommand(['--lang'])).toEqual(['--lang']);
    expect(withDefaultCommand(['-q', 'funds'])).toEqual(['-q', 'funds']);
    expect(withDefaultCommand(['-q', '--format', 'csv'])).toEqual(['-q', '--format', 'csv']);
    expect(withDefaultCommand(['--debug=1'])).toEqual(['--debug=1']);
  });
});
