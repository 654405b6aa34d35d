// Turns a fitted EtsModel into the common Fitted shape (params for reports, forecast with analytic intervals).

import { randomWalk } from '../naive.js';
import type { Fitted, Forecast, ForecastOptions } from '../types.js';
import { checkHorizon, finiteParams, isFiniteForecast, levelsOf } from '../common.js';
import { varianceIntervals } from '../intervals.js';
import { type EtsModel, etsMeanVariance } from './core.js';

/** Parameters of a model by name, as R prints them (beta is ETS's β = α·β* for state space fits). */
export function modelParams(model: EtsModel): Record<string, number | string> {
  const params: Record<string, number | string> = { model: model.label, alpha: model.alpha };
  if (model.spec.trend === 'A') params.beta = model.beta;
  if (model.spec.damped) params.phi = model.phi;
  params.l0 = model.l0;
  if (model.spec.trend === 'A') params.b0 = model.b0;
  params.sigma2 = model.sigma2;
  if (Number.isFinite(model.aicc)) {
    params.loglik = -0.5 * model.lik;
    params.aic = model.aic;
    params.aicc = model.aicc;
    params.bic = model.bic;
  }
  return params;
}

/**
 * The Fitted object of an ETS model. Forecast means and intervals come from R's class 1/2 formulas; if they
 * are not finite (an explosive fit on extreme data), the forecast falls back to the naive random walk of y.
 */
export function etsFitted(
  method: string,
  y: readonly number[],
  model: EtsModel,
  extra: Record<string, number | string> = {},
): Fitted {
  const params = finiteParams({ ...modelParams(model), ...extra });
  // Fitted values and residuals are made when first read (a forecast does not need them).
  let fitted: number[] | undefined;
  let residuals: number[] | undefined;
  return {
    method,
    get fitted() {
      return (fitted ??= [...model.fitted]);
    },
    get residuals() {
      const f = this.fitted;
      return (residuals ??= y.map((v, i) => v - f[i]));
    },
    params,
    ...(Number.isFinite(model.aicc) ? { aicc: model.aicc } : {}),
    forecast(h: number, options?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = levelsOf(options);
      const { mean, variance } = etsMeanVariance(model, h);
      const out: Forecast = { method, mean, intervals: varianceIntervals(mean, variance, levels) };
      if (isFiniteForecast(out)) return out;
      params.fallback = 'naive: the model forecast overflows the number range';
      return randomWalk(y, method).forecast(h, options);
    },
  };
}
