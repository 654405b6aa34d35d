// Turns a fitted EtsModel into the common Fitted shape (params for reports, forecast with analytic intervals).

import { randomWalk } from '../naive.js';
import type { Fitted, Forecast, ForecastOptions } from '../types.js';
import { checkHorizon, finiteParams, isFiniteForecast, LazyFitted, levelsOf } from '../common.js';
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
  return new EtsFitted(method, y, model, extra);
}

/**
 * etsFitted's object. A class rather than an object literal: its getters live once on the prototype, where a
 * literal defines them again for every series. Params, fitted values and residuals are made when first read (a
 * forecast does not need them).
 */
class EtsFitted extends LazyFitted implements Fitted {
  readonly aicc?: number;
  private paramsMade: Record<string, number | string> | undefined;

  constructor(
    readonly method: string,
    y: readonly number[],
    private readonly model: EtsModel,
    private readonly extra: Record<string, number | string>,
  ) {
    super(y);
    if (Number.isFinite(model.aicc)) this.aicc = model.aicc;
  }

  get params(): Record<string, number | string> {
    return (this.paramsMade ??= finiteParams({ ...modelParams(this.model), ...this.extra }));
  }

  protected makeFitted(): number[] {
    return [...this.model.fitted];
  }

  forecast(h: number, options?: ForecastOptions): Forecast {
    checkHorizon(h);
    const levels = levelsOf(options);
    const { mean, variance } = etsMeanVariance(this.model, h);
    const out: Forecast = { method: this.method, mean, intervals: varianceIntervals(mean, variance, levels) };
    if (isFiniteForecast(out)) return out;
    this.params.fallback = 'naive: the model forecast overflows the number range';
    return randomWalk(this.y, this.method).forecast(h, options);
  }
}
