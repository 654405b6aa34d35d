// Automatic non-seasonal exponential smoothing as R's ets(y) on yearly data: six ETS candidates fitted by maximum
// likelihood, the smallest AICc wins; analytic intervals, R's edge cases for constant and short series.

import { say } from '../messages.js';
import { checkSeries, isConstant } from './common.js';
import { type EtsModel, type EtsSpec, fitEtsModel, fitHoltWinters, shortSeriesThreshold } from './ets/core.js';
import { etsFitted } from './ets/fitted.js';
import { randomWalk } from './naive.js';
import type { Fitted, Method } from './types.js';

/** The candidate models in R's search order for non-seasonal data. */
export function etsCandidates(positive: boolean): EtsSpec[] {
  const out: EtsSpec[] = [];
  for (const error of positive ? (['A', 'M'] as const) : (['A'] as const)) {
    out.push({ error, trend: 'N', damped: false });
    out.push({ error, trend: 'A', damped: true });
    out.push({ error, trend: 'A', damped: false });
  }
  return out;
}

/** R's automatic model choice: the EtsModel with the smallest AICc, or undefined if none could be fitted. */
export function selectEtsModel(y: readonly number[]): EtsModel | undefined {
  let best: EtsModel | undefined;
  let bestIc = Infinity;
  const positive = y.every((v) => v > 0);
  for (const spec of etsCandidates(positive)) {
    const model = fitEtsModel(y, spec, 'lik');
    if (model === undefined || Number.isNaN(model.aicc)) continue;
    if (model.aicc < bestIc) {
      best = model;
      bestIc = model.aicc;
    }
  }
  return best;
}

/** Fit automatic ETS (docs/module-notes.md). Throws SemicapError('data') on NaN/Infinity or no data. */
export function fitEts(y: readonly number[]): Fitted {
  checkSeries(y, 'ets');
  const n = y.length;
  if (isConstant(y)) {
    return etsFitted('ets', y, fitHoltWinters(y, false, 0.99999), {
      fallback: say('note.etsConstant'),
    });
  }
  if (n <= shortSeriesThreshold('Z', undefined)) {
    const level = fitHoltWinters(y, false);
    const trend = fitHoltWinters(y, true); // n >= 2 here: a non-constant series has two values
    const model = trend.sigma2 < level.sigma2 ? trend : level;
    return etsFitted('ets', y, model, {
      fallback: say('note.etsShort', { n: 6 }),
    });
  }
  const model = selectEtsModel(y);
  if (model === undefined) return randomWalk(y, 'ets', 'naive: no ETS model could be fitted');
  return etsFitted('ets', y, model);
}

/** Automatic ETS, R's `ets` for non-seasonal data. */
export const ets: Method = { name: 'ets', minLength: 1, fit: fitEts };
