// The Theta method as R's thetaf(y, h) for yearly data (Hyndman & Billah 2003): SES plus half the least-squares
// slope as drift, with thetaf's intervals; SES's fallbacks for short series.

import { say } from '../messages.js';
import { checkHorizon, checkSeries, finiteParams, isFiniteForecast, levelsOf } from './common.js';
import { varianceIntervals } from './intervals.js';
import { type EtsModel, fitEtsModel, fitEtsModels, fitHoltWinters, shortSeriesThreshold } from './ets/core.js';
import { modelParams } from './ets/fitted.js';
import { randomWalk } from './naive.js';
import type { FitOutcome, Fitted, Forecast, ForecastOptions, Method } from './types.js';

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

/** The SES model thetaf uses: ETS(A,N,N) fitted by MSE. */
const SES_SPEC = { error: 'A', trend: 'N', damped: false } as const;

/** True where thetaf takes R's short-series fallback for SES (HoltWintersZZ) instead of the state space fit. */
const isShort = (y: readonly number[]): boolean => y.length <= shortSeriesThreshold('N', undefined);

function sesModel(y: readonly number[]): { model: EtsModel; fallback?: string } | undefined {
  if (isShort(y)) return { model: fitHoltWinters(y, false), fallback: say('note.thetaShort', { n: 6 }) };
  const model = fitEtsModel(y, SES_SPEC, 'mse');
  return model === undefined ? undefined : { model };
}

/** Fit thetaf (docs/module-notes.md). Throws SemicapError('data') on NaN/Infinity or no data. */
export function fitTheta(y: readonly number[]): Fitted {
  checkSeries(y, 'theta');
  if (y.length === 1) return randomWalk(y, 'theta', 'naive: one observation');
  return thetaOf(y, sesModel(y));
}

/**
 * fitTheta for each series, the SES fits of the longer ones run side by side (fitEtsModels): the same fits and
 * forecasts, in less time when there are many series.
 */
export function fitThetaMany(ys: readonly (readonly number[])[]): FitOutcome[] {
  const out = new Array<FitOutcome>(ys.length);
  const long: number[] = [];
  ys.forEach((y, i) => {
    try {
      checkSeries(y, 'theta');
      if (y.length === 1 || isShort(y)) out[i] = { fitted: fitTheta(y) };
      else long.push(i);
    } catch (thrown) {
      out[i] = { thrown };
    }
  });
  const models = fitEtsModels(
    long.map((i) => ys[i]),
    SES_SPEC,
    'mse',
  );
  long.forEach((i, k) => {
    const model = models[k];
    out[i] = { fitted: thetaOf(ys[i], model === undefined ? undefined : { model }) };
  });
  return out;
}

/** Theta from its SES fit (or the random walk where SES could not be fitted). */
function thetaOf(y: readonly number[], ses: { model: EtsModel; fallback?: string } | undefined): Fitted {
  if (ses === undefined) return randomWalk(y, 'theta', 'naive: the SES model could not be fitted');
  return new ThetaFit(y, ses.model, ses.fallback);
}

/**
 * A fitted thetaf. A class rather than an object literal: its getters live once on the prototype, where a literal
 * defines them again for every series. Params, fitted values and residuals are made when first read (a forecast
 * does not need them).
 */
class ThetaFit implements Fitted {
  readonly method = 'theta';
  private readonly drift: number;
  private readonly alpha: number;
  /** (1 − (1 − α)^n)/α: the drift's weight at one step ahead. */
  private readonly start: number;
  private paramsMade: Record<string, number | string> | undefined;
  private fittedMade: number[] | undefined;
  private residualsMade: number[] | undefined;

  constructor(
    private readonly y: readonly number[],
    private readonly model: EtsModel,
    private readonly fallback: string | undefined,
  ) {
    this.drift = lineSlope(y) / 2;
    this.alpha = Math.max(1e-10, model.alpha);
    this.start = (1 - (1 - this.alpha) ** y.length) / this.alpha;
  }

  get fitted(): number[] {
    return (this.fittedMade ??= [...this.model.fitted]);
  }

  get residuals(): number[] {
    const f = this.fitted;
    return (this.residualsMade ??= this.y.map((v, i) => v - f[i]));
  }

  get params(): Record<string, number | string> {
    if (this.paramsMade === undefined) {
      const params: Record<string, number | string> = { ...modelParams(this.model), drift: this.drift };
      if (this.fallback !== undefined) params.fallback = this.fallback;
      this.paramsMade = finiteParams(params);
    }
    return this.paramsMade;
  }

  forecast(h: number, options?: ForecastOptions): Forecast {
    checkHorizon(h);
    const levels = levelsOf(options);
    const { alpha, drift, start } = this;
    const level = this.model.lastLevel;
    const sigma2 = this.model.sigma2;
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
    return randomWalk(this.y, 'theta').forecast(h, options);
  }
}

/** The Theta method, R's `thetaf` for non-seasonal data. */
export const theta: Method = { name: 'theta', minLength: 1, fit: fitTheta, fitMany: fitThetaMany };
