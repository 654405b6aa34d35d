// Random walk with drift, as R's `rwf(y, h, drift = TRUE)` in forecast 8.x (lagwalk + forecast.lagwalk):
// the drift b is the mean of the one-step changes d_t = y_t − y_{t−1} (t = 2..n), i.e. (y_n − y_1)/(n − 1);
// residuals d_t − b; σ² = Σ(d_t − b)²/(n − 2) (R: the residual variance of lm(d ~ 1)); the drift's standard
// error s_b = σ/√(n − 1). Forecast y_n + h·b with variance σ²·h + (h·s_b)², R's formula. (R divides by
// n − 1 instead of n − 2 when the estimated drift is exactly 0; kept for agreement.)
// Edge cases: one observation: flat forecast, zero-width intervals (params.fallback 'naive'). Two observations:
// the drift is y2 − y1 but there is no residual to estimate σ; R returns NaN bounds there. We use the naive
// random walk's variance (σ² = (y2 − y1)², s_b = 0), i.e. the one observed change counted as noise, and say
// so in params.fallback. A forecast beyond the largest double (drift from values near 1e308) falls back to naive.

import { checkHorizon, checkSeries, finiteParams, isFiniteForecast, levelsOf } from './common.js';
import { varianceIntervals } from './intervals.js';
import { randomWalk } from './naive.js';
import type { Fitted, Forecast, ForecastOptions, Method } from './types.js';

/** Fit the random walk with drift (see the file comment). Throws SemicapError('data') on NaN/Infinity. */
export function fitDrift(y: readonly number[]): Fitted {
  checkSeries(y, 'drift');
  const n = y.length;
  if (n === 1) return randomWalk(y, 'drift', 'naive: one observation, no drift can be estimated');
  const m = n - 1; // number of changes
  const drift = (y[n - 1] - y[0]) / m;
  const fitted = y.map((_, i) => (i === 0 ? Number.NaN : y[i - 1] + drift));
  const residuals = y.map((v, i) => (i === 0 ? Number.NaN : v - fitted[i]));
  let ss = 0;
  for (let i = 1; i < n; i++) ss += residuals[i] * residuals[i];
  let sigma2: number;
  let driftSe: number;
  const params: Record<string, number | string> = { drift };
  if (n === 2) {
    sigma2 = (y[1] - y[0]) ** 2;
    driftSe = 0;
    params.fallback = 'two observations: no residual to estimate the error; variance of the naive random walk';
  } else {
    sigma2 = ss / (m - (drift !== 0 ? 1 : 0));
    driftSe = Math.sqrt(ss / (m - 1) / m);
  }
  params.driftSe = driftSe;
  params.sigma = Math.sqrt(sigma2);
  finiteParams(params);
  const last = y[n - 1];
  return {
    method: 'drift',
    fitted,
    residuals,
    params,
    forecast(h: number, options?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = levelsOf(options);
      const mean = Array.from({ length: h }, (_, k) => last + (k + 1) * drift);
      const variance = mean.map((_, k) => sigma2 * (k + 1) + ((k + 1) * driftSe) ** 2);
      const out: Forecast = { method: 'drift', mean, intervals: varianceIntervals(mean, variance, levels) };
      if (isFiniteForecast(out)) return out;
      params.fallback = 'naive: the drift forecast overflows the number range';
      return randomWalk(y, 'drift').forecast(h, options);
    },
  };
}

/** Random walk with drift, R's `rwf(drift = TRUE)`. */
export const drift: Method = { name: 'drift', minLength: 1, fit: fitDrift };
