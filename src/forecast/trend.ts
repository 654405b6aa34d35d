// Trend regressions on time as R's tslm(y ~ trend) (`linear`) and with lambda = 0 (`loglinear`, back-transformed
// as the median), with regression prediction intervals; floor and cap clamp the forecast.

import { linearRegression } from 'simple-statistics';
import { SemicapError } from '../errors.js';
import { checkHorizon, checkSeries, levelsOf } from './common.js';
import { clampForecast, studentTIntervals, zeroWidthIntervals } from './intervals.js';
import type { FitOptions, Fitted, Forecast, ForecastOptions, Method } from './types.js';
import { say } from '../messages.js';

/** An ordinary least squares line through (t, y), t = 1..n, with what its prediction intervals need. */
export interface LineFit {
  n: number;
  intercept: number;
  slope: number;
  /** Mean of t (= (n + 1)/2). */
  tMean: number;
  /** Σ (t − t̄)². */
  stt: number;
  /** Residual variance SSR/(n − 2); undefined when n <= 2 (no residual degrees of freedom). */
  sigma2: number | undefined;
  fitted: number[];
  residuals: number[];
}

/** Least squares line of y on t = 1..n (slope 0 for a single observation). */
export function fitLine(y: readonly number[]): LineFit {
  const n = y.length;
  // simple-statistics' linearRegression is R's lm(y ~ t) to rounding (centred sums; test/forecast/trend.test.ts), so it stays.
  const pairs = y.map((v, i) => [i + 1, v]);
  const { m: slope, b: intercept } = linearRegression(pairs);
  const tMean = (n + 1) / 2;
  const stt = (n * (n * n - 1)) / 12; // Σ (t − t̄)² for t = 1..n
  const fitted = y.map((_, i) => intercept + slope * (i + 1));
  const residuals = y.map((v, i) => v - fitted[i]);
  let sigma2: number | undefined;
  if (n > 2) {
    let ssr = 0;
    for (const e of residuals) ssr += e * e;
    sigma2 = ssr / (n - 2);
  }
  return { n, intercept, slope, tMean, stt, sigma2, fitted, residuals };
}

/** Point forecasts of a line for t = n+1..n+h. */
export function lineMean(line: LineFit, h: number): number[] {
  return Array.from({ length: h }, (_, k) => line.intercept + line.slope * (line.n + k + 1));
}

/** Standard errors of prediction σ̂·√(1 + 1/n + (t₀ − t̄)²/Sₜₜ) at t₀ = n+1..n+h (needs sigma2). */
export function linePredictionSe(line: LineFit, h: number): number[] {
  const sigma2 = line.sigma2 ?? 0;
  return Array.from({ length: h }, (_, k) => {
    const d = line.n + k + 1 - line.tMean;
    return Math.sqrt(sigma2 * (1 + 1 / line.n + (d * d) / line.stt));
  });
}

/** Mean and intervals of a line on its own scale: Student t with n − 2 df, zero width when n <= 2. */
export function lineForecast(line: LineFit, h: number, levels: readonly number[]): Pick<Forecast, 'mean' | 'intervals'> {
  const mean = lineMean(line, h);
  if (line.sigma2 === undefined) return { mean, intervals: zeroWidthIntervals(mean, levels) };
  return { mean, intervals: studentTIntervals(mean, linePredictionSe(line, h), levels, line.n - 2) };
}

function fallbackNote(n: number): string | undefined {
  if (n === 1) return say('note.flatOne');
  if (n === 2) return say('note.trendTwo');
  return undefined;
}

function lineParams(line: LineFit): Record<string, number | string> {
  const params: Record<string, number | string> = {
    intercept: line.intercept + line.slope, // level at the first observation (t = 1)
    slope: line.slope,
  };
  if (line.sigma2 !== undefined) params.sigma = Math.sqrt(line.sigma2);
  const note = fallbackNote(line.n);
  if (note !== undefined) params.fallback = note;
  return params;
}

/** Fit `linear` (docs/module-notes.md). */
export function fitLinear(y: readonly number[], options: FitOptions = {}): Fitted {
  checkSeries(y, 'linear');
  const line = fitLine(y);
  return {
    method: 'linear',
    fitted: line.fitted,
    residuals: line.residuals,
    params: lineParams(line),
    forecast(h: number, forecastOptions?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = levelsOf(forecastOptions);
      const { mean, intervals } = lineForecast(line, h, levels);
      return held({ method: 'linear', mean, intervals }, options);
    },
  };
}

function checkPositive(y: readonly number[]): void {
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] > 0)) {
      throw new SemicapError(
        'data',
        say('error.loglinPositive', { value: y[i], position: i + 1 }),
      );
    }
  }
}

function exponentiate(values: readonly number[], what: string): number[] {
  return values.map((v, k) => {
    const e = Math.exp(v);
    if (!Number.isFinite(e) || e === 0) {
      throw new SemicapError('data', say('error.loglinRange', { what, horizon: k + 1, log: v }));
    }
    return e;
  });
}

/** Fit `loglinear` (docs/module-notes.md): strictly positive series only, else SemicapError('data'). */
export function fitLoglinear(y: readonly number[], options: FitOptions = {}): Fitted {
  checkSeries(y, 'loglinear');
  checkPositive(y);
  const line = fitLine(y.map(Math.log));
  const fitted = line.fitted.map(Math.exp);
  const params = lineParams(line);
  params.growth = Math.expm1(line.slope); // yearly growth rate of the median path
  params.backTransform = 'median';
  return {
    method: 'loglinear',
    fitted,
    residuals: y.map((v, i) => v - fitted[i]),
    params,
    forecast(h: number, forecastOptions?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = levelsOf(forecastOptions);
      const onLog = lineForecast(line, h, levels);
      const mean = exponentiate(onLog.mean, 'forecast');
      const intervals = onLog.intervals.map((i) => ({
        level: i.level,
        lower: exponentiate(i.lower, 'interval'),
        upper: exponentiate(i.upper, 'interval'),
      }));
      return held({ method: 'loglinear', mean, intervals }, options);
    },
  };
}

/** Linear trend on time (OLS), Student t prediction intervals. */
export const linear: Method = { name: 'linear', minLength: 1, fit: fitLinear };

/** Log-linear (exponential) trend: OLS on log y, median back-transform; strictly positive series only. */
export const loglinear: Method = { name: 'loglinear', minLength: 1, fit: fitLoglinear };

/** The forecast held within the fit's floor and cap. */
function held(forecast: Forecast, bounds: FitOptions): Forecast {
  clampForecast(forecast, bounds);
  return forecast;
}
