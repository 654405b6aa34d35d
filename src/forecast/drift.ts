// Random walk with drift as R's rwf(y, h, drift = TRUE): drift the mean one-step change, variance σ²·h + (h·s_b)²;
// one or two observations and overflowing forecasts fall back as params.fallback says.

import { say } from '../messages.js';
import { checkHorizon, checkSeries, finiteParams, isFiniteForecast, levelsOf } from './common.js';
import { varianceIntervals } from './intervals.js';
import { randomWalk } from './naive.js';
import type { Fitted, Forecast, ForecastOptions, Method } from './types.js';

/** Fit the random walk with drift (docs/module-notes.md). Throws SemicapError('data') on NaN/Infinity. */
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
    params.fallback = say('note.driftTwo');
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
      params.fallback = say('note.overflowNaive', { method: 'drift' });
      return randomWalk(y, 'drift').forecast(h, options);
    },
  };
}

/** Random walk with drift, R's `rwf(drift = TRUE)`. */
export const drift: Method = { name: 'drift', minLength: 1, fit: fitDrift };
