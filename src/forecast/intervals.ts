// Interval builders every method shares, written once: normal (mean ± z·sd), Student t, zero-width, bootstrapped
// from resampled residuals with the seeded generator, and clampForecast for the bounds. Pure.

import { SemicapError } from '../errors.js';
import { checkLevels, levelToT, levelToZ } from './normal.js';
import { Rng } from './random.js';
import type { FitOptions, Forecast, Interval } from './types.js';
import { quantileSorted } from '../stats/quantile.js';
import { say } from '../messages.js';

/** Seed used when the caller gives none, so unseeded calls are reproducible too. */
export const DEFAULT_SEED = 20231231;
/** Number of simulated paths for bootstrap intervals (as R's forecast uses for bootstrapped intervals). */
export const DEFAULT_PATHS = 5000;

function checkWidths(mean: readonly number[], widths: readonly number[], what: string): void {
  if (mean.length !== widths.length) {
    throw new SemicapError('usage', say('error.intWidthCount', { what, means: mean.length, values: widths.length }));
  }
  for (let k = 0; k < widths.length; k++) {
    if (!(Number.isFinite(widths[k]) && widths[k] >= 0)) {
      throw new SemicapError('usage', say('error.intWidth', { what, value: widths[k], horizon: k + 1 }));
    }
    if (!Number.isFinite(mean[k])) throw new SemicapError('usage', say('error.intMean', { horizon: k + 1 }));
  }
}

/**
 * Normal intervals mean ± z·sd per level, as R's forecast methods build them; a bound beyond the largest double is
 * clamped to it. The levels are checked by the caller (levelsOf).
 * @example normalIntervals([10], [2], [95]) // [{ level: 95, lower: [6.08], upper: [13.92] }]
 */
export function normalIntervals(mean: readonly number[], sd: readonly number[], levels: readonly number[]): Interval[] {
  const h = mean.length;
  return levels.map((level) => {
    const z = zOf(level);
    const lower = new Array<number>(h);
    const upper = new Array<number>(h);
    for (let k = 0; k < h; k++) {
      lower[k] = clampToDouble(mean[k] - z * sd[k]);
      upper[k] = clampToDouble(mean[k] + z * sd[k]);
    }
    return { level, lower, upper };
  });
}

/**
 * Normal intervals from a per-horizon forecast variance. A variance that is negative, NaN or infinite (numerically
 * broken) gives a zero-width interval rather than NaN.
 */
export function varianceIntervals(mean: readonly number[], variance: readonly number[], levels: readonly number[]): Interval[] {
  const sd = new Array<number>(variance.length);
  for (let k = 0; k < variance.length; k++) {
    const v = variance[k];
    sd[k] = Number.isFinite(v) && v > 0 ? Math.sqrt(v) : 0;
  }
  return normalIntervals(mean, sd, levels);
}

/** levelToZ, remembered per level (the same two or three levels are asked for thousands of times). */
const zCache = new Map<number, number>();
function zOf(level: number): number {
  let z = zCache.get(level);
  if (z === undefined) {
    z = levelToZ(level);
    if (zCache.size < 64) zCache.set(level, z);
  }
  return z;
}

/** x, with ±Infinity (a bound past the largest double) clamped to ±Number.MAX_VALUE. */
function clampToDouble(x: number): number {
  if (x === Infinity) return Number.MAX_VALUE;
  if (x === -Infinity) return -Number.MAX_VALUE;
  return x;
}

/** Student t intervals mean ± t(df)·se at each level (regression prediction intervals). */
export function studentTIntervals(
  mean: readonly number[],
  se: readonly number[],
  levels: readonly number[],
  df: number,
): Interval[] {
  checkLevels(levels);
  checkWidths(mean, se, 'standard error');
  return levels.map((level) => {
    const t = levelToT(level, df);
    return { level, lower: mean.map((m, k) => m - t * se[k]), upper: mean.map((m, k) => m + t * se[k]) };
  });
}

/** Zero-width intervals (lower = upper = mean): for fits with no information about their error. */
export function zeroWidthIntervals(mean: readonly number[], levels: readonly number[]): Interval[] {
  checkLevels(levels);
  return levels.map((level) => ({ level, lower: [...mean], upper: [...mean] }));
}

/**
 * Empirical intervals from simulated values by horizon: `columns[k]` holds every path's value at horizon k+1
 * (sorted in place). The interval at level L runs from the (1 − L/100)/2 to the (1 + L/100)/2 quantile (type 7).
 */
export function columnQuantileIntervals(columns: readonly Float64Array[], levels: readonly number[]): Interval[] {
  checkLevels(levels);
  const h = columns.length;
  const intervals: Interval[] = levels.map((level) => ({ level, lower: new Array(h), upper: new Array(h) }));
  for (let k = 0; k < h; k++) {
    const column = columns[k];
    if (column.length === 0) throw new SemicapError('usage', say('error.intNoPaths'));
    for (let i = 0; i < column.length; i++) {
      if (!Number.isFinite(column[i])) {
        throw new SemicapError('internal', `simulated path ${i} is not finite at horizon ${k + 1}`);
      }
    }
    column.sort();
    for (const interval of intervals) {
      const tail = (100 - interval.level) / 200; // exact for integer levels
      interval.lower[k] = quantileSorted(column, tail);
      interval.upper[k] = quantileSorted(column, 1 - tail);
    }
  }
  return intervals;
}

/** A function returning a uniformly resampled value of `pool` (unbiased: rejection above the last full cycle). */
function residualDraw(rng: Rng, pool: readonly number[]): () => number {
  const n = pool.length;
  const limit = 4294967296 - (4294967296 % n);
  return () => {
    let x = rng.nextUint32();
    while (x >= limit) x = rng.nextUint32();
    return pool[x % n];
  };
}

export interface BootstrapOptions {
  levels: readonly number[];
  /** Seed for the resampling; DEFAULT_SEED when absent. */
  seed?: number;
  /** Number of simulated paths; DEFAULT_PATHS when absent. */
  paths?: number;
  /** Subtract the residuals' mean before resampling (for residuals of fits without an intercept). */
  center?: boolean;
}

/**
 * Bootstrapped intervals: `simulatePath(draw)` builds one future path of length h, calling `draw()` for every
 * error it needs (a residual resampled with replacement); the paths' empirical quantiles give the intervals.
 * Methods put their error structure into `simulatePath`: a regression adds one draw per horizon to its line, a
 * random walk accumulates them, the logistic fit works on the logit scale and maps back inside its bounds.
 * NaN residuals (start-up values) are ignored; with no finite residual every draw is 0 and the intervals have
 * zero width.
 */
export function bootstrapIntervals(
  h: number,
  residuals: readonly number[],
  simulatePath: (draw: () => number) => ArrayLike<number>,
  options: BootstrapOptions,
): Interval[] {
  if (!Number.isInteger(h) || h < 1) throw new SemicapError('usage', say('error.fcHorizon', { h }));
  const nPaths = options.paths ?? DEFAULT_PATHS;
  if (!Number.isInteger(nPaths) || nPaths < 1) {
    throw new SemicapError('usage', say('error.intPaths', { n: nPaths }));
  }
  checkLevels(options.levels);
  let pool = residuals.filter(Number.isFinite);
  if (options.center && pool.length > 0) {
    const mean = pool.reduce((s, e) => s + e, 0) / pool.length;
    pool = pool.map((e) => e - mean);
  }
  const rng = new Rng(options.seed ?? DEFAULT_SEED);
  const draw = pool.length === 0 ? () => 0 : residualDraw(rng, pool);
  const columns = Array.from({ length: h }, () => new Float64Array(nPaths));
  for (let i = 0; i < nPaths; i++) {
    const path = simulatePath(draw);
    if (path.length < h) throw new SemicapError('internal', `simulated path has ${path.length} values, expected ${h}`);
    for (let k = 0; k < h; k++) columns[k][i] = path[k];
  }
  return columnQuantileIntervals(columns, options.levels);
}

/**
 * Holds every number of a forecast within [floor, cap] (in place); returns how many sit at a bound afterwards
 * (methods given the bounds may already have held them there), so the output can say so. Either bound may be
 * absent; 0 is a real bound.
 */
export function clampForecast(forecast: Forecast, bounds: FitOptions): number {
  if (bounds.floor === undefined && bounds.cap === undefined) return 0;
  let moved = 0;
  const hold = (xs: number[]) =>
    xs.forEach((x, i) => {
      const held = Math.min(bounds.cap ?? Infinity, Math.max(bounds.floor ?? -Infinity, x));
      xs[i] = held;
      if (held === bounds.cap || held === bounds.floor) moved++;
    });
  hold(forecast.mean);
  for (const interval of forecast.intervals) {
    hold(interval.lower);
    hold(interval.upper);
  }
  return moved;
}
