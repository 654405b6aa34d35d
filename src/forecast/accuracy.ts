// Forecast accuracy measures as R's forecast::accuracy() defines them (MAE, RMSE, MAPE, MASE) plus M3's sMAPE;
// an undefined measure is `undefined`, never NaN or Infinity.

import { SemicapError } from '../errors.js';
import { say } from '../messages.js';

function checkPairs(actual: readonly number[], forecast: readonly number[]): void {
  if (actual.length !== forecast.length) {
    throw new SemicapError('usage', say('error.accLengths', { forecasts: forecast.length, actuals: actual.length }));
  }
  if (actual.length === 0) throw new SemicapError('usage', say('error.accEmpty'));
  for (let i = 0; i < actual.length; i++) {
    if (!Number.isFinite(actual[i]) || !Number.isFinite(forecast[i])) {
      throw new SemicapError('data', say('error.accNotFinite', { actual: actual[i], forecast: forecast[i], position: i + 1 }));
    }
  }
}

/** Mean error (actual − forecast): the bias. */
export function me(actual: readonly number[], forecast: readonly number[]): number {
  checkPairs(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += actual[i] - forecast[i];
  return sum / actual.length;
}

/** Mean absolute error. @example mae([1, 2], [2, 4]) // 1.5 */
export function mae(actual: readonly number[], forecast: readonly number[]): number {
  checkPairs(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - forecast[i]);
  return sum / actual.length;
}

/** Root mean squared error. @example rmse([0, 0], [3, 4]) // √12.5 */
export function rmse(actual: readonly number[], forecast: readonly number[]): number {
  checkPairs(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += (actual[i] - forecast[i]) ** 2;
  return Math.sqrt(sum / actual.length);
}

/** Mean absolute percentage error in percent; undefined when any actual is 0. */
export function mape(actual: readonly number[], forecast: readonly number[]): number | undefined {
  checkPairs(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) {
    if (actual[i] === 0) return undefined;
    sum += Math.abs((actual[i] - forecast[i]) / actual[i]);
  }
  return (100 * sum) / actual.length;
}

/** One symmetric absolute percentage error, 200·|a − f|/(|a| + |f|), 0 when both are 0 (M3 definition). */
export function symmetricApe(actual: number, forecast: number): number {
  const denominator = Math.abs(actual) + Math.abs(forecast);
  return denominator === 0 ? 0 : (200 * Math.abs(actual - forecast)) / denominator;
}

/** Symmetric MAPE in percent (M3 definition, see symmetricApe). @example smape([100], [80]) // 22.2… */
export function smape(actual: readonly number[], forecast: readonly number[]): number {
  checkPairs(actual, forecast);
  let sum = 0;
  for (let i = 0; i < actual.length; i++) sum += symmetricApe(actual[i], forecast[i]);
  return sum / actual.length;
}

/**
 * MASE scale: the in-sample mean absolute first difference (one-step naive error), as R's accuracy() uses for
 * non-seasonal series. Undefined for fewer than 2 values or a constant series.
 */
export function maseScale(insample: readonly number[]): number | undefined {
  if (insample.length < 2) return undefined;
  let sum = 0;
  for (let t = 1; t < insample.length; t++) {
    const d = insample[t] - insample[t - 1];
    if (!Number.isFinite(d)) throw new SemicapError('data', say('error.accScale', { position: t + 1 }));
    sum += Math.abs(d);
  }
  const scale = sum / (insample.length - 1);
  return scale > 0 ? scale : undefined;
}

/** Mean absolute scaled error against `insample`'s naive scale; undefined when the scale is (see maseScale). */
export function mase(actual: readonly number[], forecast: readonly number[], insample: readonly number[]): number | undefined {
  const scale = maseScale(insample);
  const meanAbs = mae(actual, forecast);
  return scale === undefined ? undefined : meanAbs / scale;
}

export interface Accuracy {
  me: number;
  mae: number;
  rmse: number;
  mape: number | undefined;
  smape: number;
  /** Only when an in-sample series is given and its scale is defined. */
  mase: number | undefined;
}

/** All measures at once (R's accuracy(forecast, test) test-set row, plus sMAPE). */
export function accuracy(actual: readonly number[], forecast: readonly number[], insample?: readonly number[]): Accuracy {
  return {
    me: me(actual, forecast),
    mae: mae(actual, forecast),
    rmse: rmse(actual, forecast),
    mape: mape(actual, forecast),
    smape: smape(actual, forecast),
    mase: insample === undefined ? undefined : mase(actual, forecast, insample),
  };
}
