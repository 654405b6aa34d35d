// The Theta method as R's thetaf(y, h) for yearly data (Hyndman & Billah 2003): SES plus half the least-squares
// slope as drift, with thetaf's intervals; SES's fallbacks for short series.

import { say } from '../messages.js';
import { checkHorizon, checkSeries, finiteParams, isFiniteForecast, levelsOf } from './common.js';
import { varianceIntervals } from './intervals.js';
import { type EtsModel, fitEtsModel, fitHoltWinters, shortSeriesThreshold } from './ets/core.js';
import { modelParams } from './ets/fitted.js';
import { randomWalk } from './naive.js';
import type { Fitted, Forecast, ForecastOptions, Method } from './types.js';

/** Slope of the least squares line of y on t = 0..n−1 (0 for one observation). */
export function lineSlope(y: readonly number[]): number {
  const n = y.length;
  if (n < 2) return 0;
  const tMean = (n - 1) / 2;
  let yMean = 0;
  for (const v of y) yMean += v;
  yMean /= n;
  let sty = 0;
  let stt = 0;
  for (let t = 0; t < n; t++) {
    sty += (t - tMean) * (y[t] - yMean);
    stt += (t - tMean) * (t - tMean);
  }
  return sty / stt;
}

function sesModel(y: readonly number[]): { model: EtsModel; fallback?: string } | undefined {
  if (y.length <= shortSeriesThreshold('N', undefined)) {
    return { model: fitHoltWinters(y, false), fallback: say('note.thetaShort', { n: 6 }) };
  }
  const model = fitEtsModel(y, { error: 'A', trend: 'N', damped: false }, 'mse');
  return model === undefined ? undefined : { model };
}

/** Fit thetaf (docs/module-notes.md). Throws SemicapError('data') on NaN/Infinity or no data. */
export function fitTheta(y: readonly number[]): Fitted {
  checkSeries(y, 'theta');
  const n = y.length;
  if (n === 1) return randomWalk(y, 'theta', 'naive: one observation');
  const ses = sesModel(y);
  if (ses === undefined) return randomWalk(y, 'theta', 'naive: the SES model could not be fitted');
  const { model } = ses;
  const drift = lineSlope(y) / 2;
  const alpha = Math.max(1e-10, model.alpha);
  const level = model.lastLevel;
  const sigma2 = model.sigma2;
  const start = (1 - (1 - alpha) ** n) / alpha;
  // Params, fitted values and residuals are made when first read (a forecast does not need them).
  let params: Record<string, number | string> | undefined;
  let fitted: number[] | undefined;
  let residuals: number[] | undefined;
  return {
    method: 'theta',
    get fitted() {
      return (fitted ??= [...model.fitted]);
    },
    get residuals() {
      const f = this.fitted;
      return (residuals ??= y.map((v, i) => v - f[i]));
    },
    get params() {
      if (params === undefined) {
        params = { ...modelParams(model), drift };
        if (ses.fallback !== undefined) params.fallback = ses.fallback;
        finiteParams(params);
      }
      return params;
    },
    forecast(h: number, options?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = levelsOf(options);
      // Plain loops: Array.from and map cost an iterator or a callback per value, and this runs once a series.
      const mean = new Array<number>(h);
      const variance = new Array<number>(h);
      for (let k = 0; k < h; k++) {
        mean[k] = level + drift * (k + start);
        variance[k] = sigma2 * (k * alpha * alpha + 1);
      }
      const out: Forecast = { method: 'theta', mean, intervals: varianceIntervals(mean, variance, levels) };
      if (isFiniteForecast(out)) return out;
      this.params.fallback = say('note.overflowNaive', { method: 'theta' });
      return randomWalk(y, 'theta').forecast(h, options);
    },
  };
}

/** The Theta method, R's `thetaf` for non-seasonal data. */
export const theta: Method = { name: 'theta', minLength: 1, fit: fitTheta };
