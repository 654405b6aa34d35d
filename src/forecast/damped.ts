// Damped trend as R's `holt(y, h, damped = TRUE)` (forecast 8.x): ETS(A,Ad,N), phi in [0.8, 0.98], parameters
// and initial states by R's ets with opt.crit = "mse", intervals from the ETS class 1 variance.
// Short series (n <= 9): R warns "Not enough data to use damping" and fits an undamped HoltWintersZZ; so do we
// (params.fallback). One observation: flat naive forecast, zero-width intervals.

import { checkSeries } from './common.js';
import { fitHoltModel } from './holt.js';
import type { Fitted, Method } from './types.js';

/** Fit the damped trend method (see the file comment). Throws SemicapError('data') on NaN/Infinity or no data. */
export function fitDamped(y: readonly number[]): Fitted {
  checkSeries(y, 'damped');
  return fitHoltModel(y, true, 'damped');
}

/** Damped trend method, R's `holt(damped = TRUE)`. */
export const damped: Method = { name: 'damped', minLength: 1, fit: fitDamped };
