// Simple exponential smoothing as R's ses(y, h): ETS(A,N,N) fitted by R's ets with opt.crit "mse", intervals
// σ²·(1 + (h − 1)·α²); short series (n <= 6) fall back to HoltWintersZZ as R does.

import { say } from '../messages.js';
import { checkSeries } from './common.js';
import { type EtsModel, fitEtsModel, fitHoltWinters, shortSeriesThreshold } from './ets/core.js';
import { etsFitted } from './ets/fitted.js';
import { randomWalk } from './naive.js';
import type { Fitted, Method } from './types.js';

/** Fit SES (docs/module-notes.md). Throws SemicapError('data') on NaN/Infinity or no data. */
export function fitSes(y: readonly number[]): Fitted {
  checkSeries(y, 'ses');
  return fitSesModel(y, 'ses');
}

/** R's way to fit ETS(A,N,N) for ses: Nelder-Mead on the one-step MSE over alpha and l0. */
const fitAnnByMse = (y: readonly number[]) => fitEtsModel(y, { error: 'A', trend: 'N', damped: false }, 'mse');

/** SES under a given method name, with R's short-series fallbacks; `fitter` fits ETS(A,N,N) on longer series. */
export function fitSesModel(
  y: readonly number[],
  method: string,
  fitter: (y: readonly number[]) => EtsModel | undefined = fitAnnByMse,
): Fitted {
  const n = y.length;
  if (n === 1) return randomWalk(y, method, 'naive: one observation');
  if (n <= shortSeriesThreshold('N', undefined)) {
    return etsFitted(method, y, fitHoltWinters(y, false), {
      fallback: say('note.sesShort', { n: 6 }),
    });
  }
  const model = fitter(y);
  if (model === undefined) return randomWalk(y, method, 'naive: ETS(A,N,N) could not be fitted');
  return etsFitted(method, y, model);
}

/** Simple exponential smoothing, R's `ses`. */
export const ses: Method = { name: 'ses', minLength: 1, fit: fitSes };
