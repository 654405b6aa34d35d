/**
 * `auto`, the default forecasting method: the MEDIAN, horizon by horizon, of five classic extrapolations —
 *
 *   naive (no change), ses (no change, smoothed), drift (the average historical change),
 *   holt (the recent local trend) and damped (the local trend, fading) —
 *
 * as R's rwf, rwf(drift = TRUE), ses, holt and holt(damped = TRUE) — the three smoothing models at their exact
 * least-squares optimum (initial states solved for, smoothing parameters searched within R's bounds; see
 * ets/profile.ts), which is what R's optimiser aims at, found in a fraction of the time.
 * The median lets the middle opinion win: on a steadily trending series the three trend methods outvote the
 * flat ones; after a turning point, or on a series that cycles, the trend methods disagree with each other and
 * the forecast stays near the no-change ones instead of extrapolating the last boom or bust.
 * Intervals: each bound is the median of the five methods' bounds at that level (see combine.ts).
 *
 * Measured on the 645 yearly M3 series (`npm run bench:m3`): sMAPE 15.80 (avg of horizons 1-6), against
 * 16.42 for the best M3 entry (RBF), 16.76 for R's thetaf, 17.00 for R's ets and 16.03 for the mean of R's
 * ets, auto.arima and thetaf. Chosen as the best of a few principled candidates on a validation split of
 * the M3 training data (last 6 training years held out), before looking at the test years.
 * Short series inherit the components' fallbacks (see each method): with one observation every component
 * is flat and the intervals have zero width.
 */

import { combine } from './combine.js';
import { checkSeries } from './ets/common.js';
import { fitAdditiveProfiled } from './ets/profile.js';
import { drift } from './drift.js';
import { fitHoltModel } from './holt.js';
import { naive } from './naive.js';
import { fitSesModel } from './ses.js';
import type { Method } from './types.js';

const fastSes: Method = {
  name: 'ses',
  minLength: 1,
  fit: (y) => {
    checkSeries(y, 'ses');
    return fitSesModel(y, 'ses', (v) => fitAdditiveProfiled(v, false, false));
  },
};

const fastHolt = (dampedTrend: boolean): Method => ({
  name: dampedTrend ? 'damped' : 'holt',
  minLength: 1,
  fit: (y) => {
    checkSeries(y, dampedTrend ? 'damped' : 'holt');
    return fitHoltModel(y, dampedTrend, dampedTrend ? 'damped' : 'holt', (v, d) => fitAdditiveProfiled(v, true, d));
  },
});

/** The methods auto combines, in the order their params are reported. */
export const AUTO_COMPONENTS: readonly Method[] = [naive, fastSes, drift, fastHolt(false), fastHolt(true)];

const combined = combine('auto', AUTO_COMPONENTS, 'median');

/** The default method (see the comment at the top of this file). */
export const auto: Method = { name: 'auto', minLength: 1, fit: combined.fit };
