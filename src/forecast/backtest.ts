// Rolling-origin evaluation (R's tsCV over a fixed horizon): errors per method and horizon summarised by
// accuracy.ts' measures and interval scores (coverage, MSIS), kept as sums so series pool exactly.

import { SemicapError } from '../errors.js';
import { maseScale, symmetricApe } from './accuracy.js';
import { checkLevels } from './normal.js';
import type { FitOptions, Forecast, ForecastOptions, Method } from './types.js';
import { say } from '../messages.js';

export interface BacktestOptions {
  /** Forecast horizon H at every origin. */
  holdout: number;
  /** Number of forecast origins K (default 1). */
  origins?: number;
  /** Passed to every method's fit (cap, floor). */
  fitOptions?: FitOptions;
  /** Series name, carried into failure records (useful once results are pooled). */
  id?: string;
  /** Interval levels (percent) to score; none by default (point forecasts only, which is faster). */
  levels?: readonly number[];
  /** Seed passed to the methods' forecasts (simulated intervals). */
  seed?: number;
}

/** Running sums for one interval level. */
export interface IntervalSums {
  level: number;
  count: number;
  inside: number;
  sumWidth: number;
  sumScore: number;
  /** Points whose origin has a defined MASE scale, and their interval scores divided by it. */
  scaledCount: number;
  sumScaledScore: number;
}

export interface IntervalSummary {
  level: number;
  count: number;
  /** Share of actuals inside the interval, 0..1. */
  coverage: number;
  meanWidth: number;
  /** Mean interval score (lower is better). */
  meanScore: number;
  /** Mean scaled interval score (MSIS) over the points with a defined scale; undefined when none has. */
  msis: number | undefined;
}

/** Running sums from which every measure is computed; adding two of them pools their points. */
export interface ErrorSums {
  count: number;
  sumError: number;
  sumAbs: number;
  sumSquared: number;
  sumSape: number;
  /** Points with a non-zero actual, over which MAPE is taken. */
  apeCount: number;
  sumApe: number;
  /** Points whose origin has a defined MASE scale. */
  scaledCount: number;
  sumScaled: number;
  /** One entry per scored interval level (empty without levels). */
  intervals: IntervalSums[];
}

export interface AccuracySummary {
  /** Forecast points scored. */
  count: number;
  me: number;
  mae: number;
  rmse: number;
  /** Over the points with a non-zero actual (mapeCount of count); undefined when there are none. */
  mape: number | undefined;
  mapeCount: number;
  smape: number;
  /** Over the points whose training prefix has a non-zero naive scale (maseCount of count); else undefined. */
  mase: number | undefined;
  maseCount: number;
  /** Interval scores by level (empty when no levels were asked). */
  intervals: IntervalSummary[];
}

export interface BacktestFailure {
  id?: string;
  /** 1 = latest origin. */
  origin: number;
  trainLength: number;
  reason: string;
}

export interface OriginForecast {
  origin: number;
  trainLength: number;
  /** Point forecasts for positions trainLength .. trainLength + H − 1 (0-based) of the series. */
  mean: number[];
}

export interface MethodBacktest {
  method: string;
  /** Undefined when the method failed at every origin. */
  overall: AccuracySummary | undefined;
  /** Index k is horizon k + 1; undefined where nothing was scored. */
  byHorizon: (AccuracySummary | undefined)[];
  failures: BacktestFailure[];
  /** Per-origin forecasts of a single series (empty after pooling). */
  forecasts: OriginForecast[];
  /** Raw sums behind the summaries, for pooling. */
  sums: { overall: ErrorSums; byHorizon: ErrorSums[] };
}

export interface BacktestResult {
  holdout: number;
  origins: number;
  /** Number of series behind the result (1, or more after pooling). */
  seriesCount: number;
  /** Best first (docs/module-notes.md). */
  methods: MethodBacktest[];
}

/** Empty sums (with interval sums for `levels`). */
export function emptySums(levels: readonly number[] = []): ErrorSums {
  return {
    count: 0,
    sumError: 0,
    sumAbs: 0,
    sumSquared: 0,
    sumSape: 0,
    apeCount: 0,
    sumApe: 0,
    scaledCount: 0,
    sumScaled: 0,
    intervals: levels.map((level) => ({ level, count: 0, inside: 0, sumWidth: 0, sumScore: 0, scaledCount: 0, sumScaledScore: 0 })),
  };
}

/**
 * Add one interval [lower, upper] at `into.level` and its actual: coverage, width, interval score and, when the
 * MASE scale is defined, the scaled interval score.
 */
export function addInterval(into: IntervalSums, actual: number, lower: number, upper: number, scale?: number): void {
  const alpha = (100 - into.level) / 100; // exact for integer levels
  const width = upper - lower;
  let score = width;
  if (actual < lower) score += (2 / alpha) * (lower - actual);
  if (actual > upper) score += (2 / alpha) * (actual - upper);
  into.count++;
  if (actual >= lower && actual <= upper) into.inside++;
  into.sumWidth += width;
  into.sumScore += score;
  if (scale !== undefined) {
    into.scaledCount++;
    into.sumScaledScore += score / scale;
  }
}

function addIntervalSums(a: readonly IntervalSums[], b: readonly IntervalSums[]): IntervalSums[] {
  const byLevel = new Map<number, IntervalSums>();
  for (const i of [...a, ...b]) {
    const into = byLevel.get(i.level) ?? { level: i.level, count: 0, inside: 0, sumWidth: 0, sumScore: 0, scaledCount: 0, sumScaledScore: 0 };
    byLevel.set(i.level, {
      level: i.level,
      count: into.count + i.count,
      inside: into.inside + i.inside,
      sumWidth: into.sumWidth + i.sumWidth,
      sumScore: into.sumScore + i.sumScore,
      scaledCount: into.scaledCount + i.scaledCount,
      sumScaledScore: into.sumScaledScore + i.sumScaledScore,
    });
  }
  return [...byLevel.values()].sort((x, y) => x.level - y.level);
}

/** Add one scored point (actual, forecast; scale undefined when MASE has none) into `sums`. */
export function addPoint(sums: ErrorSums, actual: number, forecast: number, scale: number | undefined): void {
  const error = actual - forecast;
  const absolute = Math.abs(error);
  sums.count++;
  sums.sumError += error;
  sums.sumAbs += absolute;
  sums.sumSquared += error * error;
  sums.sumSape += symmetricApe(actual, forecast);
  if (actual !== 0) {
    sums.apeCount++;
    sums.sumApe += (100 * absolute) / Math.abs(actual);
  }
  if (scale !== undefined) {
    sums.scaledCount++;
    sums.sumScaled += absolute / scale;
  }
}

/** Sum of two sums (pooling). */
export function addSums(a: ErrorSums, b: ErrorSums): ErrorSums {
  return {
    count: a.count + b.count,
    sumError: a.sumError + b.sumError,
    sumAbs: a.sumAbs + b.sumAbs,
    sumSquared: a.sumSquared + b.sumSquared,
    sumSape: a.sumSape + b.sumSape,
    apeCount: a.apeCount + b.apeCount,
    sumApe: a.sumApe + b.sumApe,
    scaledCount: a.scaledCount + b.scaledCount,
    sumScaled: a.sumScaled + b.sumScaled,
    intervals: addIntervalSums(a.intervals, b.intervals),
  };
}

/** The measures from their sums; undefined when no point was scored. */
export function summarise(sums: ErrorSums): AccuracySummary | undefined {
  if (sums.count === 0) return undefined;
  return {
    count: sums.count,
    me: sums.sumError / sums.count,
    mae: sums.sumAbs / sums.count,
    rmse: Math.sqrt(sums.sumSquared / sums.count),
    mape: sums.apeCount > 0 ? sums.sumApe / sums.apeCount : undefined,
    mapeCount: sums.apeCount,
    smape: sums.sumSape / sums.count,
    mase: sums.scaledCount > 0 ? sums.sumScaled / sums.scaledCount : undefined,
    maseCount: sums.scaledCount,
    intervals: sums.intervals
      .filter((i) => i.count > 0)
      .map((i) => ({
        level: i.level,
        count: i.count,
        coverage: i.inside / i.count,
        meanWidth: i.sumWidth / i.count,
        meanScore: i.sumScore / i.count,
        msis: i.scaledCount > 0 ? i.sumScaledScore / i.scaledCount : undefined,
      })),
  };
}

function checkCount(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 1) throw new SemicapError('usage', say('error.btPositiveCount', { what, value }));
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function methodResult(method: string, sums: { overall: ErrorSums; byHorizon: ErrorSums[] }, failures: BacktestFailure[], forecasts: OriginForecast[]): MethodBacktest {
  return {
    method,
    overall: summarise(sums.overall),
    byHorizon: sums.byHorizon.map(summarise),
    failures,
    forecasts,
    sums,
  };
}

/** Order best first: scored before unscored, then sMAPE, then MASE (undefined last), then name. */
export function compareMethods(a: MethodBacktest, b: MethodBacktest): number {
  if (a.overall === undefined || b.overall === undefined) {
    if (a.overall !== b.overall) return a.overall === undefined ? 1 : -1;
    return a.method.localeCompare(b.method);
  }
  if (a.overall.smape !== b.overall.smape) return a.overall.smape - b.overall.smape;
  const maseA = a.overall.mase ?? Infinity;
  const maseB = b.overall.mase ?? Infinity;
  if (maseA !== maseB) return maseA < maseB ? -1 : 1;
  return a.method.localeCompare(b.method);
}

function checkMethods(methods: readonly Method[]): void {
  if (methods.length === 0) throw new SemicapError('usage', say('error.btNoMethod'));
  const seen = new Set<string>();
  for (const m of methods) {
    if (seen.has(m.name)) throw new SemicapError('usage', say('error.btMethodTwice', { name: m.name }));
    seen.add(m.name);
  }
}

/**
 * Rolling-origin backtest of `methods` on one series (docs/module-notes.md).
 * Throws SemicapError('data') when the series is too short for the holdout and origins (it needs H + K values).
 *
 * @example backtest([1, 2, 3, 4, 5, 6], [linear], { holdout: 2, origins: 3 }) // origins train on 4, 3, 2 values
 */
export function backtest(y: readonly number[], methods: readonly Method[], options: BacktestOptions): BacktestResult {
  const holdout = options.holdout;
  const origins = options.origins ?? 1;
  checkCount(holdout, 'holdout');
  checkCount(origins, 'origins');
  checkMethods(methods);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new SemicapError('data', say('error.btNotFinite', { value: y[i], position: i + 1 }));
  }
  const n = y.length;
  if (n - holdout - (origins - 1) < 1) {
    throw new SemicapError(
      'data',
      say('error.btTooShort', { n, holdout, origins, min: holdout + origins }),
    );
  }
  const levels = options.levels ?? [];
  checkLevels(levels);
  const forecastOptions: ForecastOptions = { levels: [...levels], ...(options.seed !== undefined ? { seed: options.seed } : {}) };
  const results: MethodBacktest[] = methods.map((method) => {
    const sums = { overall: emptySums(levels), byHorizon: Array.from({ length: holdout }, () => emptySums(levels)) };
    const failures: BacktestFailure[] = [];
    const forecasts: OriginForecast[] = [];
    for (let origin = 1; origin <= origins; origin++) {
      const trainLength = n - holdout - (origin - 1);
      const train = y.slice(0, trainLength);
      const fail = (reason: string) =>
        failures.push({ ...(options.id !== undefined ? { id: options.id } : {}), origin, trainLength, reason });
      if (trainLength < method.minLength) {
        fail(say('error.btTrainTooShort', { min: method.minLength, count: trainLength }));
        continue;
      }
      let forecast: Forecast;
      try {
        forecast = method.fit(train, options.fitOptions).forecast(holdout, forecastOptions);
      } catch (error) {
        fail(reasonOf(error));
        continue;
      }
      const mean = forecast.mean;
      if (mean.length !== holdout || !mean.every(Number.isFinite)) {
        fail(say('error.btForecastNotFinite', { holdout }));
        continue;
      }
      const intervals = levels.map((level) => forecast.intervals.find((i) => i.level === level));
      const badLevel = levels.find((level, j) => {
        const i = intervals[j];
        return i === undefined || i.lower.length !== holdout || i.upper.length !== holdout ||
          !i.lower.every(Number.isFinite) || !i.upper.every(Number.isFinite);
      });
      if (badLevel !== undefined) {
        fail(say('error.btIntervalNotFinite', { level: badLevel }));
        continue;
      }
      const scale = maseScale(train);
      for (let k = 0; k < holdout; k++) {
        const actual = y[trainLength + k];
        addPoint(sums.overall, actual, mean[k], scale);
        addPoint(sums.byHorizon[k], actual, mean[k], scale);
        intervals.forEach((interval, j) => {
          addInterval(sums.overall.intervals[j], actual, interval!.lower[k], interval!.upper[k], scale);
          addInterval(sums.byHorizon[k].intervals[j], actual, interval!.lower[k], interval!.upper[k], scale);
        });
      }
      forecasts.push({ origin, trainLength, mean: [...mean] });
    }
    return methodResult(method.name, sums, failures, forecasts);
  });
  return { holdout, origins, seriesCount: 1, methods: results.sort(compareMethods) };
}

/**
 * Pool several series' backtests (same holdout) into one result, method by method: every scored point of every
 * series counts once, failures are concatenated (with their series id when given), per-origin forecasts dropped.
 * A method missing from some series' results is pooled over the series that have it.
 */
export function poolBacktests(results: readonly BacktestResult[]): BacktestResult {
  if (results.length === 0) throw new SemicapError('usage', say('error.btNothingToPool'));
  const holdout = results[0].holdout;
  for (const r of results) {
    if (r.holdout !== holdout) throw new SemicapError('usage', say('error.btPoolHoldouts', { a: holdout, b: r.holdout }));
  }
  const pooled = new Map<string, { overall: ErrorSums; byHorizon: ErrorSums[]; failures: BacktestFailure[] }>();
  for (const result of results) {
    for (const m of result.methods) {
      const into = pooled.get(m.method) ?? {
        overall: emptySums(),
        byHorizon: Array.from({ length: holdout }, () => emptySums()),
        failures: [],
      };
      into.overall = addSums(into.overall, m.sums.overall);
      into.byHorizon = into.byHorizon.map((s, k) => addSums(s, m.sums.byHorizon[k]));
      into.failures.push(...m.failures);
      pooled.set(m.method, into);
    }
  }
  const methods = [...pooled].map(([name, p]) => methodResult(name, { overall: p.overall, byHorizon: p.byHorizon }, p.failures, []));
  return {
    holdout,
    origins: Math.max(...results.map((r) => r.origins)),
    seriesCount: results.reduce((s, r) => s + r.seriesCount, 0),
    methods: methods.sort(compareMethods),
  };
}
