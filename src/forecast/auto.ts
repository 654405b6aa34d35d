// `auto`, the default method: the median of five classic extrapolations for series shorter than AUTO_LONG years;
// longer ones choose among candidates by rolling-origin error. The rule and its evidence: docs/module-notes.md.

import { say } from '../messages.js';
import { fitArima } from './arima.js';
import { combine, combineFitted } from './combine.js';
import { checkSeries } from './common.js';
import { type EtsModel, type EtsSpec, fitEtsModel, fitEtsModels, shortSeriesThreshold } from './ets/core.js';
import { drift } from './drift.js';
import { fitHolt, fitHoltModel } from './holt.js';
import { fitDamped } from './damped.js';
import { naive } from './naive.js';
import { arimaOrigins, driftOrigins, etsOrigins, naiveOrigins, originError, thetaOrigins, type OriginForecasts } from './rolling.js';
import { fitSesModel } from './ses.js';
import { fitTheta } from './theta.js';
import type { FitOutcome, Fitted, Forecast, ForecastOptions, Method } from './types.js';

/** The optimiser's relative tolerance for auto's smoothing components (R: sqrt(machine epsilon)). */
export const AUTO_RELTOL = 1e-3;
/** Shortest history (years) on which auto weighs each candidate's own rolling-origin errors. */
export const AUTO_LONG = 48;
/** Years at the end of a long series held out of the candidates' fits and forecast from year by year: a third. */
export const evidenceOrigins = (n: number): number => Math.floor(n / 3);
/** Years ahead scored from each origin. */
export const EVIDENCE_STEPS = 6;

/**
 * `fit` for each series, the state space fits (spec, by MSE at AUTO_RELTOL) of the series longer than `threshold`
 * run side by side: `fitWith(y, model)` is the method's fit of y taking its state space fit from `model`.
 */
function fitEachTogether(ys: readonly (readonly number[])[], name: string, spec: EtsSpec, threshold: number, fitWith: (y: readonly number[], model: () => EtsModel | undefined) => Fitted): FitOutcome[] {
  const long = ys.filter((y) => y.length > threshold && y.every(Number.isFinite));
  const models = fitEtsModels(long, spec, 'mse', AUTO_RELTOL);
  let next = 0;
  return ys.map((y) => {
    try {
      checkSeries(y, name);
      if (y.length <= threshold) return { fitted: fitWith(y, () => fitEtsModel(y, spec, 'mse', AUTO_RELTOL)) };
      const model = models[next++];
      return { fitted: fitWith(y, () => model) };
    } catch (thrown) {
      return { thrown };
    }
  });
}

const SES_SPEC: EtsSpec = { error: 'A', trend: 'N', damped: false };

const quickSes: Method = {
  name: 'ses',
  minLength: 1,
  fit(y) {
    checkSeries(y, 'ses');
    return fitSesModel(y, 'ses', (v) => fitEtsModel(v, SES_SPEC, 'mse', AUTO_RELTOL));
  },
  fitMany: (ys) => fitEachTogether(ys, 'ses', SES_SPEC, shortSeriesThreshold('N', undefined), (y, model) => fitSesModel(y, 'ses', model)),
};

function quickHolt(damped: boolean): Method {
  const name = damped ? 'damped' : 'holt';
  const spec: EtsSpec = { error: 'A', trend: 'A', damped };
  return {
    name,
    minLength: 1,
    fit(y) {
      checkSeries(y, name);
      return fitHoltModel(y, damped, name, (v, d) => fitEtsModel(v, { error: 'A', trend: 'A', damped: d }, 'mse', AUTO_RELTOL));
    },
    fitMany: (ys) => fitEachTogether(ys, name, spec, shortSeriesThreshold('A', damped), (y, model) => fitHoltModel(y, damped, name, model)),
  };
}

/** The methods auto's median combines, in the order their params are reported. */
export const AUTO_COMPONENTS: readonly Method[] = [naive, quickSes, drift, quickHolt(false), quickHolt(true)];

const median = combine('auto', AUTO_COMPONENTS, 'median');

/** The candidates weighed on long series, in the order they are reported (the first wins ties). */
export const AUTO_CANDIDATES = ['median', 'theta', 'arima', 'holt', 'damped'] as const;
export type AutoCandidate = (typeof AUTO_CANDIDATES)[number];

const num = (params: Record<string, number | string>, key: string): number | undefined => {
  const v = params[key];
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

/** ETS parameters from a fit's params, or undefined (a fallback fit without them). */
function etsParams(params: Record<string, number | string>): { alpha: number; beta?: number; phi?: number; l0: number; b0?: number } | undefined {
  const alpha = num(params, 'alpha');
  const l0 = num(params, 'l0');
  if (alpha === undefined || l0 === undefined) return undefined;
  return { alpha, l0, beta: num(params, 'beta'), phi: num(params, 'phi'), b0: num(params, 'b0') };
}

/** Coefficients of an arima fit's params (ar1.., ma1.., mean or drift). */
function arimaParams(params: Record<string, number | string>): { d: number; phi: number[]; theta: number[]; mu: number } {
  const phi: number[] = [];
  const theta: number[] = [];
  for (let i = 1; num(params, `ar${i}`) !== undefined; i++) phi.push(num(params, `ar${i}`)!);
  for (let i = 1; num(params, `ma${i}`) !== undefined; i++) theta.push(num(params, `ma${i}`)!);
  return { d: num(params, 'd') ?? 1, phi, theta, mu: num(params, 'mean') ?? num(params, 'drift') ?? 0 };
}

/** Horizon-by-horizon median of the five components' origin forecasts (NaN where one is missing). */
function medianOrigins(parts: OriginForecasts[], n: number, h: number): OriginForecasts {
  const column = new Array<number>(parts.length);
  const out: OriginForecasts = [];
  for (let o = 0; o < n; o++) {
    const row = new Float64Array(h);
    for (let k = 0; k < h; k++) {
      for (let i = 0; i < parts.length; i++) column[i] = parts[i][o][k];
      row[k] = column.some((v) => !Number.isFinite(v)) ? Number.NaN : column.sort((a, b) => a - b)[parts.length >> 1];
    }
    out.push(row);
  }
  return out;
}

/**
 * Each candidate's mean absolute error over the last third of y: fitted on the years before, rolled through
 * those years with its parameters held (NaN where a candidate could not be scored).
 */
export function autoEvidence(y: readonly number[]): Record<AutoCandidate, number> {
  const n = y.length;
  const head = y.slice(0, n - evidenceOrigins(n));
  const from = head.length - 1;
  const h = EVIDENCE_STEPS;
  const [, ses, , holt, damped] = AUTO_COMPONENTS.map((m) => m.fit(head).params);
  const [sesP, holtP, dampedP] = [ses, holt, damped].map(etsParams);
  const errors: Record<AutoCandidate, number> = { median: Number.NaN, theta: Number.NaN, arima: Number.NaN, holt: Number.NaN, damped: Number.NaN };
  if (sesP && holtP && dampedP) {
    const parts = [naiveOrigins(y, h), etsOrigins(y, h, sesP), driftOrigins(y, h), etsOrigins(y, h, holtP), etsOrigins(y, h, dampedP)];
    errors.median = originError(y, medianOrigins(parts, n, h), from, h);
    errors.theta = originError(y, thetaOrigins(y, h, sesP), from, h);
    errors.holt = originError(y, parts[3], from, h);
    errors.damped = originError(y, parts[4], from, h);
  }
  try {
    errors.arima = originError(y, arimaOrigins(y, h, arimaParams(fitArima(head).params)), from, h);
  } catch {
    // A head arima cannot fit is no evidence for arima.
  }
  return errors;
}

/** The candidate with the lowest error; the median unless another one is strictly lower. */
export function chooseCandidate(errors: Record<AutoCandidate, number>): AutoCandidate {
  let best: AutoCandidate = 'median';
  if (!Number.isFinite(errors.median)) return best;
  for (const c of AUTO_CANDIDATES) if (Number.isFinite(errors[c]) && errors[c] < errors[best]) best = c;
  return best;
}

/** How each candidate is fitted to the whole series once chosen (as the methods of those names). */
const FULL_FIT: Record<AutoCandidate, (y: readonly number[]) => Fitted> = {
  median: (y) => median.fit(y),
  theta: fitTheta,
  arima: fitArima,
  holt: fitHolt,
  damped: fitDamped,
};

const fmt = (v: number): string => (Number.isFinite(v) ? Number(v.toPrecision(4)).toString() : 'n/a');

// Said only when the params are read (--explain), through the catalogue so that it prints in the reader's language.
const medianWhy = (n: number) => (): string => say('auto.whyShort', { n, long: AUTO_LONG });

/** Fit auto to y (see the comment at the top of this file). */
export function fitAuto(y: readonly number[]): Fitted {
  checkSeries(y, 'auto');
  const n = y.length;
  let chose: AutoCandidate = 'median';
  let errors: Record<AutoCandidate, number> | undefined;
  if (n >= AUTO_LONG) {
    errors = autoEvidence(y);
    chose = chooseCandidate(errors);
  }
  const why =
    errors === undefined
      ? medianWhy(n)
      : (): string => {
          const scores = AUTO_CANDIDATES.map((c) => `${c} ${fmt(errors![c])}`).join(', ');
          return say('auto.whyLong', { n, origins: evidenceOrigins(n), steps: EVIDENCE_STEPS, scores });
        };
  return autoFitted(chose, why, errors, FULL_FIT[chose](y));
}

/**
 * fitAuto for each series; for those shorter than AUTO_LONG years, each component of the median fits all of them
 * at once (their fitMany, where they have one), so their smoothing fits run side by side. The same fits.
 */
export function fitAutoMany(ys: readonly (readonly number[])[]): FitOutcome[] {
  const out = new Array<FitOutcome>(ys.length);
  const short: number[] = [];
  ys.forEach((y, i) => {
    try {
      checkSeries(y, 'auto');
      if (y.length < AUTO_LONG) short.push(i);
      else out[i] = { fitted: fitAuto(y) };
    } catch (thrown) {
      out[i] = { thrown };
    }
  });
  const shortYs = short.map((i) => ys[i]);
  const parts = AUTO_COMPONENTS.map((m): FitOutcome[] =>
    m.fitMany !== undefined
      ? m.fitMany(shortYs)
      : shortYs.map((y) => {
          try {
            return { fitted: m.fit(y) };
          } catch (thrown) {
            return { thrown };
          }
        }),
  );
  short.forEach((i, k) => {
    // As combine's fit: the first component that throws decides the outcome.
    const fits: Fitted[] = [];
    for (const part of parts) {
      const outcome = part[k];
      if ('thrown' in outcome) {
        out[i] = outcome;
        return;
      }
      fits.push(outcome.fitted);
    }
    out[i] = { fitted: autoFitted('median', medianWhy(ys[i].length), undefined, combineFitted('auto', ys[i], fits, 'median')) };
  });
  return out;
}

/** auto's Fitted around the chosen candidate's fit, with why it was chosen. */
function autoFitted(chose: AutoCandidate, why: () => string, errors: Record<AutoCandidate, number> | undefined, fitted: Fitted): Fitted {
  let params: Record<string, number | string> | undefined;
  return {
    method: 'auto',
    get fitted() {
      return fitted.fitted;
    },
    get residuals() {
      return fitted.residuals;
    },
    get params() {
      if (params === undefined) {
        params = { 'auto.rule': errors ? 'evidence' : 'median', 'auto.chose': chose, 'auto.why': why() };
        if (errors) for (const c of AUTO_CANDIDATES) if (Number.isFinite(errors[c])) params[`auto.mae.${c}`] = errors[c];
        for (const [k, v] of Object.entries(fitted.params)) params[chose === 'median' ? k : `${chose}.${k}`] = v;
      }
      return params;
    },
    ...(fitted.aicc !== undefined && chose !== 'median' ? { aicc: fitted.aicc } : {}),
    forecast(h: number, options?: ForecastOptions): Forecast {
      return { ...fitted.forecast(h, options), method: 'auto' };
    },
  };
}

/** The default method (see the comment at the top of this file). */
export const auto: Method = { name: 'auto', minLength: 1, fit: fitAuto, fitMany: fitAutoMany };
