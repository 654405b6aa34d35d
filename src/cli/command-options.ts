// Every command's options, one table each (flags, help, default, parser), registered by program.ts and define-*.ts;
// a command receives its table's typed settings (SettingsOf). Shared names (--through, --look-to, --level, --seed,
// --intervals, --method, --horizon) mean the same everywhere; older spellings are aliases with a deprecation note.
import { Option } from 'commander';
import { THROUGH_DEFAULT } from '../domain/horizons.js';
import type { AnchorArg } from './args.js';
import { parseNumberArg } from './args.js';
import {
  alias,
  anchor,
  anchors,
  choice,
  flag,
  given,
  intervals,
  levels,
  lookTo,
  names,
  number,
  type OptionDef,
  required,
  seed,
  type SettingsOf,
  text,
  texts,
  through,
  year,
} from './options.js';

export const projectOptions = () => ({
  from: required(anchor('--from <year=value>', 'first anchor, e.g. 2023=29% (a % sign marks a share, bounded 0–100)')),
  to: required(anchor('--to <year=value>', 'last anchor, e.g. 2027=39%')),
  via: anchors('--via <year=value>', 'an anchor in between (repeatable): piecewise growth'),
  through: through(),
  method: text('--method <names>', 'cagr, linear, logistic (comma-separated)', 'cagr,linear,logistic'),
  cap: number('--cap <value>', 'upper bound: the logistic saturation level (default 100 for shares)'),
  floor: floorOption(),
  target: anchor('--target <year=value>', 'also report what it takes to reach VALUE by YEAR and when each path gets there'),
  lookTo: lookTo(),
});
export type ProjectOptions = SettingsOf<ReturnType<typeof projectOptions>>;

/** `--floor`: a number, or `none` for no floor (null); undefined: the default, 0. */
function floorOption(): OptionDef<number | null | undefined> {
  return {
    option: new Option('--floor <value>', 'lower bound a path is held at, with a warning (default 0; none: no floor, for values that can be negative)'),
    parse: (v, f) => (!given(v) ? undefined : v.trim().toLowerCase() === 'none' ? null : parseNumberArg(v, f)),
    aliases: [],
  };
}

export const capacityOptions = () => ({
  metric: choice('--metric <metric>', 'share (percent of global capacity) or wpm (wafers per month)', ['share', 'wpm'], 'share'),
  region: text('--region <region>', 'region (share) or entity (wpm), e.g. china, taiwan, smic (default: china)'),
  segment: text('--segment <segment>', 'segment, e.g. mature, foundry, advanced, all_fabs'),
  source: text('--source <source_id>', 'use only figures from this source (see semicap datasets)'),
  through: through(),
  method: text('--method <names>', 'anchored: cagr, linear, logistic; with --metric wpm also fitted to the history: ets, theta, arima, auto, ... (comma-separated)', 'cagr,linear,logistic'),
  level: levels(),
  seed: seed(),
  intervals: intervals(),
  unit: choice('--unit <unit>', 'with --metric wpm: output unit', ['wpm_8in_eq', 'wpm_12in']),
});
export type CapacityOptions = SettingsOf<ReturnType<typeof capacityOptions>>;

export const revisionsOptions = () => ({
  publisher: text('--publisher <name>', 'publisher (part of sources.csv publisher, any case)', 'trendforce'),
  measure: choice('--measure <measure>', "share (a region's share of a capacity segment) or self_sufficiency (a scope)", ['share', 'self_sufficiency'], 'share'),
  region: text('--region <region>', 'with --measure share: region', 'china'),
  segment: text('--segment <segment>', 'with --measure share: capacity segment', 'mature'),
  scope: text('--scope <scope>', 'with --measure self_sufficiency: series', 'ic_production_in_china'),
});
export type RevisionsOptions = SettingsOf<ReturnType<typeof revisionsOptions>>;

export const fundsOptions = () => ({
  fxYear: year('--fx-year <year>', "convert every figure at this year's average CNY/USD rate (default: each figure at its own year's average; a year without one uses the nearest, and says so)"),
  fund: text('--fund <fund>', 'only this fund (e.g. big_fund, support_package_2025, chips_act)'),
});
export type FundsOptions = SettingsOf<ReturnType<typeof fundsOptions>>;

export const selfSufficiencyOptions = () => ({
  scope: text('--scope <scope>', 'history series to use', 'ic_production_in_china'),
  lookTo: alias(lookTo(`the later of ${THROUGH_DEFAULT} and the last target`), '--through <year>'),
  current: anchor('--current <year=value>', 'override the current level, e.g. 2025=40%'),
  target: anchors('--target <year=value>', 'an extra target to assess (repeatable), e.g. 2030=100%'),
  method: text('--method <names>', 'statistical methods to fit to the history with intervals, e.g. ets,theta,auto (the compound and linear current path is always shown)'),
  level: levels(),
  seed: seed(),
  intervals: intervals(),
});
export type SelfSufficiencyOptions = SettingsOf<ReturnType<typeof selfSufficiencyOptions>>;

export const claimsOptions = () => ({
  failOn: text('--fail-on <verdicts>', 'exit 1 when any claim gets one of these verdicts (comma-separated), e.g. conflicts,no_source'),
  headlines: flag('--headlines', 'only the claims marked headline=yes', false),
});
export type ClaimsOptions = SettingsOf<ReturnType<typeof claimsOptions>>;

export const validateOptions = () => ({
  maxAge: number('--max-age <years>', 'warn (stderr, exit unchanged) about series whose newest source is older than YEARS (today: SEMICAP_TODAY=YYYY-MM-DD or the clock)', { min: 0 }),
});
export type ValidateOptions = SettingsOf<ReturnType<typeof validateOptions>>;

export const datasetsOptions = () => ({
  sources: flag('--sources', 'list every source instead of the files', false),
});
export type DatasetsOptions = SettingsOf<ReturnType<typeof datasetsOptions>>;

// --- forecast and backtest: a long CSV of series ---------------------------------------------------------------

/** --jobs: a number of worker threads, or auto (all cores, when there are enough series to share). */
function jobsOption(help: string): OptionDef<number | 'auto'> {
  return {
    option: new Option('--jobs <n>', help).default('auto'),
    parse: (v, f) => (!given(v) || v === 'auto' ? 'auto' : parseNumberArg(v, f, { integer: true, min: 1, max: 256 })),
    aliases: [],
  };
}

/** How to read FILE: its columns, delimiter, decimal mark, encoding, gaps and shard (checked together in series-options.ts). */
const seriesOptions = (defaultMethods: string) => ({
  id: text('--id <column>', 'column naming the series (absent: the file is one series)'),
  time: text('--time <column>', 'column of years', 'year'),
  value: text('--value <column>', 'column of values', 'value'),
  delimiter: text('--delimiter <char>', 'field delimiter of FILE, and of --excel output (e.g. ";" for European spreadsheet exports, "\\t" for tabs)', ','),
  decimal: text('--decimal <char>', 'decimal separator of FILE, and of --excel output: . or , (with --delimiter ";")', '.'),
  encoding: text('--encoding <name>', 'text encoding of FILE: utf-8, or gb18030 (GBK: what Excel on Chinese Windows saves)', 'utf-8'),
  fill: choice('--fill <how>', 'missing years inside a series: none (skip the series) or linear (interpolate)', ['none', 'linear'], 'none'),
  shard: text('--shard <k/n>', 'only the series whose id hashes to shard K of N (K from 0 to N-1; FNV-1a of the id, see the README), to split a run across processes or machines'),
  method: text('--method <names>', 'methods, comma-separated: naive, drift, ses, holt, damped, ets, theta, arima, linear, loglinear, logistic, auto, or mean(a,b)/median(a,b)', defaultMethods),
});
export type SeriesOptions = SettingsOf<ReturnType<typeof seriesOptions>>;

export const forecastOptions = () => ({
  ...seriesOptions('auto'),
  horizon: number('--horizon <n>', 'years to forecast', { min: 1, max: 100, integer: true }, '6'),
  level: levels('prediction interval levels in percent'),
  seed: seed('seed for simulated intervals (same seed, same numbers)'),
  cap: number('--cap <value>', 'upper bound (e.g. 100 for shares in percent): the logistic saturation level; forecasts and intervals are held below it'),
  floor: number('--floor <value>', 'lower bound (e.g. 0); 0 is a real bound'),
  jobs: jobsOption('worker threads fitting series: a number, or auto (all cores when there are 1000 series or more)'),
  explain: flag('--explain', 'instead of the forecasts, say per series what each method fitted: for auto, the candidate it chose and the evidence'),
  intervals: intervals(),
});
export type ForecastOptions = SettingsOf<ReturnType<typeof forecastOptions>>;

export const backtestOptions = () => ({
  ...seriesOptions('naive,drift,ses,holt,damped,theta,ets,arima,auto'),
  horizon: alias(number('--horizon <n>', 'years forecast at each origin and scored', { min: 1, max: 100, integer: true }, '3'), '--holdout <h>'),
  origins: number('--origins <k>', 'number of forecast origins (each one year earlier)', { min: 1, max: 1000, integer: true }, '5'),
  level: levels('prediction interval levels scored (coverage and MSIS), in percent'),
  intervals: intervals(),
  jobs: jobsOption('worker threads: a number, or auto (all cores when there is enough work)'),
});
export type BacktestOptions = SettingsOf<ReturnType<typeof backtestOptions>>;

// --- reports ---------------------------------------------------------------------------------------------------

export const reportOptions = () => ({
  out: required(text('-o, --out <dir>', 'folder to write the report into (created if missing)')),
  timestamp: flag('--timestamp', 'put the time of the run into summary.md, report.json and index.html (off: same inputs, same bytes)', false),
});
export type ReportOptions = SettingsOf<ReturnType<typeof reportOptions>>;

// --- scenarios, goals, shares ----------------------------------------------------------------------------------

/** Largest seed of the simulations (forecast/random.ts MAX_SEED; not imported: start-up loads no forecasting code). */
export const MAX_SIMULATION_SEED = 0xffffffff;

/** --simulate, --seed and --percentiles of `scenario` and `goal`. */
const simulationOptions = () => ({
  simulate: number('--simulate <n>', 'Monte Carlo: simulate N paths drawing the uncertain assumptions', { min: 1, max: 10_000_000, integer: true }),
  seed: number('--seed <s>', 'seed of the simulation (0–4294967295); one is chosen and printed when not given', { min: 0, max: MAX_SIMULATION_SEED, integer: true }),
  percentiles: percentilesOption(),
});
export type SimulationOptions = SettingsOf<ReturnType<typeof simulationOptions>>;

function percentilesOption(): OptionDef<number[] | undefined> {
  return {
    option: new Option('--percentiles <list>', 'percentiles reported per year, e.g. 10,50,90 (default 5,25,50,75,95)'),
    parse: (v, f) =>
      !given(v)
        ? undefined
        : v
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
            .map((s) => parseNumberArg(s, f, { min: 0, max: 100 })),
    aliases: [],
  };
}

export const scenarioOptions = () => ({
  file: text('--file <csv>', 'a scenario file in the shape of datasets/scenarios.csv (default: scenarios.csv of --data, else the bundled one; - reads standard input)'),
  series: names('--series <names>', 'only these series (comma-separated), e.g. mature_share,china_wpm'),
  through: through('last year of the paths (default: 2030, or the last start year when later; targets later than this are still assessed)'),
  lookTo: lookTo(),
  set: texts('--set <key=value>', 'override an assumption (repeatable): SCENARIO.SERIES.ASSUMPTION=VALUE, SCENARIO may be *'),
  ...simulationOptions(),
});
export type ScenarioOptions = SettingsOf<ReturnType<typeof scenarioOptions>>;

export const goalOptions = () => ({
  current: anchor('--current <year=value>', 'where the series stands, e.g. 2025=40% (a % sign marks a share)'),
  target: anchor('--target <year=value>', 'the target, e.g. 2030=100%'),
  rate: number('--rate <pct>', 'the current path: compound growth in %/yr'),
  step: number('--step <x>', 'the current path: linear step per year (percentage points for shares)'),
  scenario: text('--scenario <name.series>', "the current path from a scenario's series, e.g. base.self_sufficiency"),
  rateSd: number('--rate-sd <pct>', 'with --simulate: standard deviation of the compound rate (%/yr)', { min: 0 }),
  stepSd: number('--step-sd <x>', 'with --simulate: standard deviation of the linear step', { min: 0 }),
  draw: choice('--draw <mode>', 'with --simulate: draw the rate once per path or anew every year', ['once', 'yearly'], 'once'),
  lookTo: alias(lookTo(`the later of ${THROUGH_DEFAULT}, the current year and the target`), '--through <year>'),
  fundTotal: number('--fund-total <amount>', 'funds: the total to deploy (e.g. 344 for Big Fund III, RMB bn)', { min: 0 }),
  deployed: number('--deployed <amount>', 'funds: already deployed', { min: 0 }, '0'),
  deployFrom: alias(year('--deploy-from <year>', 'funds: first deployment year'), '--from <year>'),
  deployTo: alias(year('--deploy-to <year>', 'funds: last deployment year'), '--to <year>'),
  growth: number('--growth <pct>', "funds: yearly amounts grow at this %/yr (gives the first year's amount)"),
  firstYear: number('--first-year <amount>', "funds: the first year's amount (gives the growth the total needs)"),
  ...simulationOptions(),
});
export type GoalOptions = SettingsOf<ReturnType<typeof goalOptions>>;

export const sharesOptions = () => ({
  segment: text('--segment <segment>', 'capacity segment, e.g. foundry, mature, wafer_300mm', 'foundry'),
  source: text('--source <source_id>', "use this source's figures (default: the source with the most regions having two or more years)"),
  region: names('--region <names>', 'only these regions (comma-separated); the rest of the world is the remainder'),
  through: through(),
  since: alias(year('--since <year>', 'first year (default: the first anchor year)'), '--from <year>'),
  method: choice('--method <method>', 'cagr: shares as capacities growing at compound rates, divided by the total; linear: constant steps', ['cagr', 'linear'], 'cagr'),
});
export type SharesOptions = SettingsOf<ReturnType<typeof sharesOptions>>;

export type { AnchorArg };
