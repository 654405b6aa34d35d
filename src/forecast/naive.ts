// Naive forecast (random walk) as R's rwf(y, h): the last value, with intervals y_n ± z·σ·√h; one observation
// gives zero-width intervals (params.fallback).

import { say } from '../messages.js';
import { checkHorizon, checkSeries, finiteParams, LazyFitted, levelsOf } from './common.js';
import { varianceIntervals } from './intervals.js';
import type { Fitted, Forecast, ForecastOptions, Method } from './types.js';

/** Fit the random walk (docs/module-notes.md). Throws SemicapError('data') on NaN/Infinity or no data. */
export function fitNaive(y: readonly number[]): Fitted {
  checkSeries(y, 'naive');
  return randomWalk(y, 'naive');
}

/** Random walk fitted under a given method name (used by other methods' fallbacks). */
export function randomWalk(y: readonly number[], method: string, fallback?: string): Fitted {
  const n = y.length;
  let ss = 0;
  for (let i = 1; i < n; i++) {
    const residual = y[i] - y[i - 1];
    ss += residual * residual;
  }
  const sigma2 = n > 1 ? ss / (n - 1) : 0;
  const params: Record<string, number | string> = { sigma: Math.sqrt(sigma2) };
  const note = fallback ?? (n === 1 ? say('note.naiveOne') : undefined);
  if (note !== undefined) params.fallback = note;
  finiteParams(params);
  return new RandomWalk(method, y, sigma2, params);
}

/** A fitted random walk: each value's fit is the one before it (none for the first). */
class RandomWalk extends LazyFitted implements Fitted {
  constructor(
    readonly method: string,
    y: readonly number[],
    private readonly sigma2: number,
    readonly params: Record<string, number | string>,
  ) {
    super(y);
  }

  protected makeFitted(): number[] {
    const y = this.y;
    return y.map((_, i) => (i === 0 ? Number.NaN : y[i - 1]));
  }

  forecast(h: number, options?: ForecastOptions): Forecast {
    checkHorizon(h);
    const levels = levelsOf(options);
    const mean = new Array<number>(h).fill(this.y[this.y.length - 1]);
    const variance = mean.map((_, k) => this.sigma2 * (k + 1));
    return { method: this.method, mean, intervals: varianceIntervals(mean, variance, levels) };
  }
}

/** The naive method (random walk), R's `rwf` without drift. */
export const naive: Method = { name: 'naive', minLength: 1, fit: fitNaive };
