// Small helpers every forecasting method shares: input checks, normal intervals from a per-horizon variance,
// and the guard that keeps NaN/Infinity out.

import { SemicapError } from '../errors.js';
import { checkLevels, levelToZ } from './normal.js';
import { DEFAULT_LEVELS, type Forecast, type ForecastOptions, type Interval } from './types.js';

/** Throws SemicapError('data') unless y is a non-empty array of finite numbers. */
export function checkSeries(y: readonly number[], method: string): void {
  if (!Array.isArray(y) || y.length === 0) {
    throw new SemicapError('data', `${method} needs at least 1 observation, got none`);
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new SemicapError('data', `${method} needs finite numbers, got ${String(v)} at position ${i + 1}`);
    }
  }
}

/** Throws SemicapError('usage') unless h is a positive integer. */
export function checkHorizon(h: number): void {
  if (!Number.isInteger(h) || h < 1) throw new SemicapError('usage', `horizon must be a positive integer, got ${h}`);
}

/** Interval levels from the options (default 80 and 95), validated. */
export function levelsOf(options: ForecastOptions | undefined): readonly number[] {
  const levels = options?.levels ?? DEFAULT_LEVELS;
  checkLevels(levels);
  return levels;
}

/**
 * Normal intervals mean ± z·sqrt(variance) per level, as R's forecast methods build them. A variance that is
 * negative, NaN or infinite (numerically broken) gives a zero-width interval rather than NaN; a bound beyond the
 * largest double is clamped to it.
 */
export function varianceIntervals(mean: readonly number[], variance: readonly number[], levels: readonly number[]): Interval[] {
  const h = mean.length;
  const sd = new Array<number>(h);
  for (let k = 0; k < h; k++) {
    const v = variance[k];
    sd[k] = Number.isFinite(v) && v > 0 ? Math.sqrt(v) : 0;
  }
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
export function clampToDouble(x: number): number {
  if (x === Infinity) return Number.MAX_VALUE;
  if (x === -Infinity) return -Number.MAX_VALUE;
  return x;
}

/** True when every number in a forecast (means and bounds) is finite. */
export function isFiniteForecast(f: Forecast): boolean {
  if (!f.mean.every(Number.isFinite)) return false;
  return f.intervals.every((i) => i.lower.every(Number.isFinite) && i.upper.every(Number.isFinite));
}

/**
 * R's `is.constant`: all values equal to the first within all.equal's tolerance (mean relative
 * difference below 1.5e-8).
 */
export function isConstant(y: readonly number[]): boolean {
  let diff = 0;
  let scale = 0;
  for (const v of y) {
    diff += Math.abs(v - y[0]);
    scale += Math.abs(v);
  }
  if (diff === 0) return true;
  return scale > 0 ? diff / scale < 1.5e-8 : diff < 1.5e-8;
}

/** The params without numbers that are not finite (an overflowed sigma on extreme data is dropped, not reported). */
export function finiteParams(params: Record<string, number | string>): Record<string, number | string> {
  for (const k in params) {
    const v = params[k];
    if (typeof v === 'number' && !Number.isFinite(v)) delete params[k];
  }
  return params;
}
