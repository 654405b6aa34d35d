/**
 * `auto`, the default forecasting method: the MEDIAN, horizon by horizon, of five classic extrapolations —
 *
 *   naive (no change), ses (no change, smoothed), drift (the average historical change),
 *   holt (the recent local trend) and damped (the local trend, fading) —
 *
 * exactly as R's forecast package fits them: rwf, rwf(drift = TRUE), ses, holt and holt(damped = TRUE)
 * (the same modules as the methods of those names, checked against R).
 * The median lets the middle opinion win: on a steadily trending series the three trend methods outvote the
 * flat ones; after a turning point, or on a series that cycles, the trend methods disagree with each other and
 * the forecast stays near the no-change ones instead of extrapolating the last boom or bust.
 * Intervals: each bound is the median of the five methods' bounds at that level (see combine.ts).
 *
 * Measured on the 645 yearly M3 series (`npm run bench:m3`): sMAPE 15.80 (avg of horizons 1-6), against
 * 16.42 for the best M3 entry (RBF), 16.76 for R's thetaf, 17.00 for R's ets and 16.03 for the mean of R's
 * ets, auto.arima and thetaf. How it was chosen: among all mean and median combinations of 2-5 of naive,
 * drift, ses, holt, damped, theta and ets, it is in the top ten both on the M3 test years and on a validation
 * split that never sees them (the last 6 training years held out: 19.13 against 21.45 for naive), so its
 * score is not merely the best pick on the test set.
 * Cycles (test/forecast/auto.test.ts, sine plus noise, rolling origin, MAE relative to naive): 0.67-0.82 on
 * 4-5 year cycles, 0.91-1.00 on 6-year cycles, 1.03-1.05 on smooth 8-12 year cycles (no trend extrapolation
 * beats the random walk there); 0.93 on average. A cycle-aware model (ARIMA) does better on cycles, but R-style
 * auto.arima costs more than the whole time budget of auto.
 * Short series inherit the components' fallbacks (see each method; params.fallback lists them): with one
 * observation every component is flat and the intervals have zero width; a constant series gets the constant
 * with zero-width intervals.
 */

import { combine } from './combine.js';
import { damped } from './damped.js';
import { drift } from './drift.js';
import { holt } from './holt.js';
import { naive } from './naive.js';
import { ses } from './ses.js';
import type { Method } from './types.js';

/** The methods auto combines, in the order their params are reported. */
export const AUTO_COMPONENTS: readonly Method[] = [naive, ses, drift, holt, damped];

const combined = combine('auto', AUTO_COMPONENTS, 'median');

/** The default method (see the comment at the top of this file). */
export const auto: Method = { name: 'auto', minLength: 1, fit: combined.fit };
