// Damped trend as R's holt(y, h, damped = TRUE): ETS(A,Ad,N) fitted by R's ets with opt.crit "mse";
// short series (n <= 9) fall back to an undamped HoltWintersZZ as R does (params.fallback).

import { checkSeries } from './common.js';
import { fitHoltModel } from './holt.js';
import type { Fitted, Method } from './types.js';

/** Fit the damped trend method (docs/module-notes.md). Throws SemicapError('data') on NaN/Infinity or no data. */
export function fitDamped(y: readonly number[]): Fitted {
  checkSeries(y, 'damped');
  return fitHoltModel(y, true, 'damped');
}

/** Damped trend method, R's `holt(damped = TRUE)`. */
export const damped: Method = { name: 'damped', minLength: 1, fit: fitDamped };
