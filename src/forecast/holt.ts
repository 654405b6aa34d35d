// Holt's linear trend as R's holt(y, h): ETS(A,A,N) fitted by R's ets with opt.crit "mse"; short series (n <= 8)
// fall back to HoltWintersZZ as R does (params.fallback).

import { say } from '../messages.js';
import { checkSeries } from './common.js';
import { type EtsModel, fitEtsModel, fitHoltWinters, shortSeriesThreshold } from './ets/core.js';
import { etsFitted } from './ets/fitted.js';
import { randomWalk } from './naive.js';
import type { Fitted, Method } from './types.js';

/** R's way to fit ETS(A,A,N) / ETS(A,Ad,N) for holt: Nelder-Mead on the one-step MSE over all parameters. */
const fitByMse = (y: readonly number[], damped: boolean) => fitEtsModel(y, { error: 'A', trend: 'A', damped }, 'mse');

/**
 * Holt's method with or without damping under a method name (shared by holt and damped), with R's short-series
 * fallbacks; `fitter` fits the state space model on longer series.
 */
export function fitHoltModel(
  y: readonly number[],
  damped: boolean,
  method: string,
  fitter: (y: readonly number[], damped: boolean) => EtsModel | undefined = fitByMse,
): Fitted {
  const n = y.length;
  if (n === 1) return randomWalk(y, method, say('note.holtOne'));
  const threshold = shortSeriesThreshold('A', damped);
  if (n <= threshold) {
    return etsFitted(method, y, fitHoltWinters(y, true), {
      fallback: damped ? say('note.dampedShort', { n: threshold }) : say('note.holtShort', { n: threshold }),
    });
  }
  const model = fitter(y, damped);
  if (model === undefined) return randomWalk(y, method, say('note.etsNotFitted', { model: `ETS(A,${damped ? 'Ad' : 'A'},N)` }));
  return etsFitted(method, y, model);
}

/** Fit Holt's linear trend (docs/module-notes.md). Throws SemicapError('data') on NaN/Infinity or no data. */
export function fitHolt(y: readonly number[]): Fitted {
  checkSeries(y, 'holt');
  return fitHoltModel(y, false, 'holt');
}

/** Holt's linear trend method, R's `holt`. */
export const holt: Method = { name: 'holt', minLength: 1, fit: fitHolt };
