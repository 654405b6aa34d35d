// Small helpers every forecasting method shares: input checks and the guard that keeps NaN/Infinity out.

import { SemicapError } from '../errors.js';
import { checkLevels } from './normal.js';
import { DEFAULT_LEVELS, type Forecast, type ForecastOptions } from './types.js';
import { say } from '../messages.js';

/** Throws SemicapError('data') unless y is a non-empty array of finite numbers. */
export function checkSeries(y: readonly number[], method: string): void {
  if (!Array.isArray(y) || y.length === 0) {
    throw new SemicapError('data', say('error.fcNoObservations', { method }));
  }
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new SemicapError('data', say('error.fcNotFinite', { method, value: String(v), position: i + 1 }));
    }
  }
}

/** Throws SemicapError('usage') unless h is a positive integer. */
export function checkHorizon(h: number): void {
  if (!Number.isInteger(h) || h < 1) throw new SemicapError('usage', say('error.fcHorizon', { h }));
}

/** Interval levels from the options (default 80 and 95), validated. */
export function levelsOf(options: ForecastOptions | undefined): readonly number[] {
  const levels = options?.levels ?? DEFAULT_LEVELS;
  checkLevels(levels);
  return levels;
}

/**
 * The fitted values and residuals (y − fitted) of a fit, made when first read: a forecast does not read them. A
 * method's Fitted class extends it and says how its fitted values are made.
 */
export abstract class LazyFitted {
  private fittedMade: number[] | undefined;
  private residualsMade: number[] | undefined;

  constructor(protected readonly y: readonly number[]) {}

  protected abstract makeFitted(): number[];

  get fitted(): number[] {
    return (this.fittedMade ??= this.makeFitted());
  }

  get residuals(): number[] {
    const f = this.fitted;
    return (this.residualsMade ??= this.y.map((v, i) => v - f[i]));
  }
}

/** True when every number in a forecast (means and bounds) is finite. */
export function isFiniteForecast(f: Forecast): boolean {
  if (!allFinite(f.mean)) return false;
  for (const i of f.intervals) if (!allFinite(i.lower) || !allFinite(i.upper)) return false;
  return true;
}

/** Every value finite (a loop: called for every forecast of a batch). */
function allFinite(xs: readonly number[]): boolean {
  for (let k = 0; k < xs.length; k++) if (!Number.isFinite(xs[k])) return false;
  return true;
}

/**
 * R's forecast:::is.constant: all.equal(x, rep(x[1], n)), i.e. the mean absolute deviation from the
 * first value is at most 1.5e-8 relative to mean |x| (absolute when mean |x| is that small).
 */
export function isConstant(x: ArrayLike<number>): boolean {
  const n = x.length;
  if (n === 0) return true;
  let dev = 0;
  let scale = 0;
  for (let i = 0; i < n; i++) {
    dev += Math.abs(x[i] - x[0]);
    scale += Math.abs(x[i]);
  }
  dev /= n;
  scale /= n;
  const tol = 1.5e-8;
  return scale > tol ? dev / scale <= tol : dev <= tol;
}

/** The params without numbers that are not finite (an overflowed sigma on extreme data is dropped, not reported). */
export function finiteParams(params: Record<string, number | string>): Record<string, number | string> {
  for (const k in params) {
    const v = params[k];
    if (typeof v === 'number' && !Number.isFinite(v)) delete params[k];
  }
  return params;
}
