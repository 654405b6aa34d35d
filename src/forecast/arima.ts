// ARIMA with automatic order selection for yearly data, after R's forecast::auto.arima (KPSS for d, stepwise AICc
// search, CSS-ML fits); forecasts and intervals from R's full state space. Known differences: docs/module-notes.md.

import { SemicapError } from '../errors.js';
import { type ArmaFit, fitArma, fixedWhiteNoise, hessianRejects } from './arima/fit.js';
import { difference, ndiffs } from './arima/kpss.js';
import { filterStateSpace, forecastStateSpace, integratedAr, makeArima } from './arima/statespace.js';
import { checkHorizon, isConstant, levelsOf } from './common.js';
import { normalIntervals } from './intervals.js';
import type { Fitted, Forecast, ForecastOptions, Method } from './types.js';
import { say } from '../messages.js';

/** The chosen model: ARMA(p, q) fit on the d-times differenced series, plus how it was chosen. */
export interface ArimaModel {
  d: number;
  fit: ArmaFit;
  /** Why the search was bypassed, when it was (short or constant series). */
  fallback?: string;
}

interface Candidate {
  p: number;
  q: number;
  constant: boolean;
}

const MAX_P = 5;
const MAX_Q = 5;
const START_P = 2;
const START_Q = 2;
const NMODELS = 94;
/** Shortest series given auto.arima's order search; shorter ones get the fallbacks of selectArima. */
const SHORTEST_SEARCH = 6;

/** auto.arima's stepwise search on the differenced series w; undefined when no candidate could be fitted. */
function stepwiseSearch(w: Float64Array, d: number, seriesLength: number): ArmaFit | undefined {
  const maxP = Math.min(MAX_P, Math.floor(seriesLength / 3));
  const maxQ = Math.min(MAX_Q, Math.floor(seriesLength / 3));
  const useAic = seriesLength <= 3;
  const allowConstant = d <= 1; // mean for d = 0, drift for d = 1, nothing for d = 2
  let constant = allowConstant;
  let startP = START_P;
  let startQ = START_Q;
  if (seriesLength < 10) {
    startP = Math.min(startP, 1);
    startQ = Math.min(startQ, 1);
  }
  startP = Math.min(startP, maxP);
  startQ = Math.min(startQ, maxQ);

  // As R's stepwise search, max.order (p + q <= 5) is not enforced here: forecast 8.20 applies it only
  // to the exhaustive search (stepwise = FALSE).
  const tried = new Set<string>();
  const key = (c: Candidate): string => `${c.p},${c.q},${c.constant ? 1 : 0}`;
  let best: ArmaFit | undefined;
  let bestIc = Infinity;

  /** Fit a candidate; true when it becomes the best (myarima's ic, with checkarima only where it matters). */
  const attempt = (c: Candidate): boolean => {
    tried.add(key(c));
    const fit = fitArma(w, c);
    if (fit === undefined || !fit.rootsOk) return false;
    const ic = useAic ? fit.aic : fit.aicc;
    // checkarima's Hessian test only changes the outcome when the candidate would win, so it runs then.
    if (!(ic < bestIc) || hessianRejects(w, fit)) return false;
    best = fit;
    bestIc = ic;
    return true;
  };

  let p = startP;
  let q = startQ;
  attempt({ p, q, constant });
  if (attempt({ p: 0, q: 0, constant })) {
    p = 0;
    q = 0;
  }
  if (maxP > 0 && attempt({ p: 1, q: 0, constant })) {
    p = 1;
    q = 0;
  }
  if (maxQ > 0 && attempt({ p: 0, q: 1, constant })) {
    p = 0;
    q = 1;
  }
  // R leaves `constant` unchanged here even when the constant-free model wins.
  if (constant && attempt({ p: 0, q: 0, constant: false })) {
    p = 0;
    q = 0;
  }

  let startk = 0;
  while (startk < tried.size && tried.size < NMODELS) {
    startk = tried.size;
    const moves: Array<[number, number, boolean]> = [
      [-1, 0, p > 0],
      [0, -1, q > 0],
      [1, 0, p < maxP],
      [0, 1, q < maxQ],
      [-1, -1, q > 0 && p > 0],
      [-1, 1, q < maxQ && p > 0],
      [1, -1, q > 0 && p < maxP],
      [1, 1, q < maxQ && p < maxP],
    ];
    let improved = false;
    for (const [dp, dq, allowed] of moves) {
      const c = { p: p + dp, q: q + dq, constant };
      if (!allowed || tried.has(key(c))) continue;
      if (tried.size + 1 > NMODELS) break;
      if (attempt(c)) {
        p = c.p;
        q = c.q;
        improved = true;
        break;
      }
    }
    if (improved) continue;
    if (allowConstant) {
      const c = { p, q, constant: !constant };
      if (!tried.has(key(c)) && tried.size + 1 <= NMODELS && attempt(c)) constant = !constant;
    }
  }
  return best;
}

/**
 * A restricted order search: every ARMA(p, q) with p <= maxP and q <= maxQ, with and without the constant where
 * one is allowed, the lowest AICc winning (auto.arima(y, stepwise = FALSE, max.p, max.q)). With orders up to 1
 * it fits 4-8 models where the stepwise search fits 10-30: a cheaper ARIMA for short yearly series.
 */
export interface ArimaSearch {
  maxP: number;
  maxQ: number;
}

/** R's non-stepwise search (p outer, q, then constant off/on; first of equal scores kept). */
function exhaustiveSearch(w: Float64Array, d: number, seriesLength: number, search: ArimaSearch): ArmaFit | undefined {
  const maxP = Math.min(search.maxP, Math.floor(seriesLength / 3));
  const maxQ = Math.min(search.maxQ, Math.floor(seriesLength / 3));
  const useAic = seriesLength <= 3;
  const constants = d <= 1 ? [false, true] : [false];
  let best: ArmaFit | undefined;
  let bestIc = Infinity;
  for (let p = 0; p <= maxP; p++) {
    for (let q = 0; q <= maxQ; q++) {
      for (const constant of constants) {
        const fit = fitArma(w, { p, q, constant });
        if (fit === undefined || !fit.rootsOk) continue;
        const ic = useAic ? fit.aic : fit.aicc;
        if (!(ic < bestIc) || hessianRejects(w, fit)) continue;
        best = fit;
        bestIc = ic;
      }
    }
  }
  return best;
}

/** Random walk ARIMA(0,1,0) without drift (sigma² from the differences), the short-series fallback. */
function randomWalk(y: Float64Array, reason: string): ArimaModel {
  return { d: 1, fit: fixedWhiteNoise(difference(y, 1), undefined), fallback: reason };
}

/**
 * Select and fit an ARIMA model to y as auto.arima does (docs/module-notes.md). y must be finite and
 * non-empty. Fallbacks instead of the search: length 1 naive; constant series ARIMA(0,0,0) with the mean;
 * lengths 2-3 random walk; lengths 4-5 ARIMA(0,d,0) with mean or drift (d by KPSS); no fittable
 * candidate random walk. Each says why in `fallback`.
 */
export function selectArima(y: Float64Array, search?: ArimaSearch): ArimaModel {
  const n = y.length;
  if (n === 1) {
    return { d: 0, fit: fixedWhiteNoise(y, y[0]), fallback: say('note.arimaOne') };
  }
  if (isConstant(y)) {
    let mean = 0;
    for (let i = 0; i < n; i++) mean += y[i];
    return { d: 0, fit: fixedWhiteNoise(y, mean / n), fallback: say('note.arimaConstant') };
  }
  if (n <= 3) return randomWalk(y, `length ${n}: random walk ARIMA(0,1,0), too short to select orders`);

  let d = ndiffs(y, 2);
  if (d >= n) d = n - 1;
  const w = difference(y, d);
  if (isConstant(w)) {
    // A straight line (d = 1) or a parabola (d = 2): R fixes the drift at the constant difference.
    let mean = 0;
    for (let i = 0; i < w.length; i++) mean += w[i];
    mean /= w.length;
    return { d, fit: fixedWhiteNoise(w, d < 2 ? mean : undefined) };
  }
  if (n <= SHORTEST_SEARCH - 1) {
    // With 4-5 points AICc's small-sample correction is undefined or swamps the likelihood: R's
    // auto.arima then picks over-fitted models (negative denominators) or drops the mean of a positive
    // series (85 of 300 simulated length-4 series here). Keep d from KPSS and fit only the constant.
    const constant = d <= 1;
    const fit = fitArma(w, { p: 0, q: 0, constant });
    const what = constant ? (d === 0 ? 'with mean' : 'with drift') : 'without constant';
    if (fit !== undefined) return { d, fit, fallback: say('note.arimaShort', { n, d, what }) };
    return randomWalk(y, say('note.arimaShortWalk', { n }));
  }
  const best = search === undefined ? stepwiseSearch(w, d, n) : exhaustiveSearch(w, d, n, search);
  if (best === undefined) return randomWalk(y, 'no ARIMA candidate could be fitted: random walk ARIMA(0,1,0)');
  return { d, fit: best };
}

/** ψ-weights psi_0..psi_{h-1} of the ARIMA model (AR part including the differencing). */
export function psiWeights(phi: ArrayLike<number>, theta: ArrayLike<number>, d: number, h: number): Float64Array {
  const ar = integratedAr(phi, d);
  const psi = new Float64Array(h);
  if (h > 0) psi[0] = 1;
  for (let j = 1; j < h; j++) {
    let v = j <= theta.length ? theta[j - 1] : 0;
    for (let i = 1; i <= Math.min(j, ar.length); i++) v += ar[i - 1] * psi[j - i];
    psi[j] = v;
  }
  return psi;
}

/** Point forecasts: ARMA forecasts of the differenced series from the filtered state, integrated d times. */
export function pointForecasts(y: Float64Array, model: ArimaModel, h: number): Float64Array {
  const { fit, d } = model;
  const r = fit.state.length;
  const a = Float64Array.from(fit.state);
  const wHat = new Float64Array(h);
  for (let k = 0; k < h; k++) {
    const a0 = a[0];
    for (let i = 0; i < r; i++) a[i] = (i < r - 1 ? a[i + 1] : 0) + (i < fit.p ? fit.phi[i] * a0 : 0);
    wHat[k] = a[0] + fit.mu;
  }
  // Integrate: level j holds diff(y, j); its last value anchors the cumulative sum.
  let out = wHat;
  for (let level = d - 1; level >= 0; level--) {
    const base = difference(y, level);
    let last = base[base.length - 1];
    const next = new Float64Array(h);
    for (let k = 0; k < h; k++) {
      last += out[k];
      next[k] = last;
    }
    out = next;
  }
  return out;
}

function checkSeries(y: readonly number[]): Float64Array {
  if (y.length === 0) throw new SemicapError('data', say('error.arimaEmpty'));
  for (let i = 0; i < y.length; i++) {
    if (typeof y[i] !== 'number' || !Number.isFinite(y[i])) {
      throw new SemicapError('data', say('error.arimaNotFinite', { position: i + 1, value: String(y[i]) }));
    }
  }
  return Float64Array.from(y);
}

/** ARIMA(p,d,q) label as R prints it, e.g. "ARIMA(1,1,0) with drift". */
export function arimaLabel(p: number, d: number, q: number, constant: boolean): string {
  const base = `ARIMA(${p},${d},${q})`;
  if (!constant) return d === 0 ? say('model.arima', { base, mean: 'zero' }) : base;
  return say('model.arima', { base, mean: d === 0 ? 'non-zero' : 'drift' });
}

function modelParams(model: ArimaModel, scale: number, sigma2: number): Record<string, number | string> {
  const { fit, d } = model;
  const params: Record<string, number | string> = {
    model: arimaLabel(fit.p, d, fit.q, fit.constant),
    p: fit.p,
    d,
    q: fit.q,
    constant: fit.constant ? (d === 0 ? 'mean' : 'drift') : 'none',
  };
  fit.phi.forEach((v, i) => (params[`ar${i + 1}`] = v));
  fit.theta.forEach((v, i) => (params[`ma${i + 1}`] = v));
  if (fit.constant) params[d === 0 ? 'mean' : 'drift'] = fit.mu / scale;
  params.sigma2 = sigma2 / scale / scale;
  params.sigma = Math.sqrt(sigma2) / scale;
  // Density of y = ys / scale: the log-likelihood gains m log(scale) over the m observations it uses.
  const logJacobian = fit.residuals.length * Math.log(scale);
  if (Number.isFinite(fit.loglik)) params.loglik = fit.loglik + logJacobian;
  if (Number.isFinite(fit.aic)) params.aic = fit.aic - 2 * logJacobian;
  if (Number.isFinite(fit.aicc)) params.aicc = fit.aicc - 2 * logJacobian;
  if (model.fallback !== undefined) params.fallback = model.fallback;
  // Series near the top of double range can have a variance that is not representable: leave it out.
  for (const [key, value] of Object.entries(params)) if (typeof value === 'number' && !Number.isFinite(value)) delete params[key];
  return params;
}

/**
 * Power of ten that brings mean |y| to [1e3, 1e4) when it lies outside [1e-2, 1e5) (1 inside the band and
 * for all-zero y).
 * R's arima is not scale-free: optimhess steps the constant by ndeps / parscale in already-scaled units,
 * so for series in the billions the Hessian of every model with a mean or drift turns singular and
 * auto.arima drops the constant (M3 yearly multiplied by 1e6 scores sMAPE 18.95 instead of 17.10).
 * Far below 1 the same step turns coarse. Fitting at a magnitude where R's numerics work, then scaling
 * back, keeps R's choices on ordinary data (all M3 yearly series, M3 times 1e-3, shares in percent lie
 * inside the band) and makes the method independent of units outside it.
 */
export function magnitudeScale(y: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < y.length; i++) m += Math.abs(y[i]) / y.length; // divided first: no overflow near 1e308
  if (!(m > 0) || (m >= 1e-2 && m < 1e5)) return 1;
  const k = Math.floor(Math.log10(m));
  const scale = 10 ** (3 - k);
  // Denormal-sized input would need a scale beyond double range; leave it (it reads as constant anyway).
  let max = 0;
  for (let i = 0; i < y.length; i++) max = Math.max(max, Math.abs(y[i]));
  return scale > 0 && Number.isFinite(scale) && Number.isFinite(max * scale) ? scale : 1;
}

/** Clamp to the double range: only series near ±1e308 can overflow there, and no Infinity may leave. */
function finite(v: number): number {
  return Math.min(Number.MAX_VALUE, Math.max(-Number.MAX_VALUE, v));
}

/** What R reports after the search: residuals, sigma² and forecasts from the full state-space model. */
interface FinalPass {
  /** R's standardised residuals for all n observations (the first d are diffuse start-up values). */
  residuals: Float64Array;
  sigma2: number;
  /** Point forecasts and forecast variances (in units of sigma²) h steps ahead. */
  forecast(h: number): { mean: Float64Array; variance: Float64Array };
}

/**
 * Filter the chosen model once through R's makeARIMA state space on the (scaled) series. The constant
 * enters as R's regression term: x - mean for d = 0, x - drift·t for d = 1, added back to the forecasts.
 * Models from the search take myarima's sigma² (all squared residuals over n - d - coefficients); fixed
 * models (constant series, straight lines, fallbacks) keep the sigma² of their own fit.
 */
function finalPass(ys: Float64Array, model: ArimaModel): FinalPass {
  const { fit, d } = model;
  const n = ys.length;
  const mu = fit.constant ? fit.mu : 0;
  const regression = (t: number): number => (!fit.constant ? 0 : d === 0 ? mu : mu * (t + 1)); // t from 0
  const ss = makeArima(fit.phi, fit.theta, d);
  const estimated = model.fallback === undefined && Number.isFinite(fit.aic);
  if (ss === undefined) {
    // Not reached for accepted fits (their AR roots lie outside 1.01); ψ-weights as a safe fallback.
    const residuals = new Float64Array(n).fill(Number.NaN);
    residuals.set(fit.residuals, n - fit.residuals.length);
    return {
      residuals,
      sigma2: fit.sigma2,
      forecast: (h) => {
        const psi = psiWeights(fit.phi, fit.theta, d, h);
        const variance = new Float64Array(h);
        let acc = 0;
        for (let k = 0; k < h; k++) variance[k] = acc += psi[k] * psi[k];
        return { mean: pointForecasts(ys, model, h), variance };
      },
    };
  }
  const x = Float64Array.from(ys, (v, t) => v - regression(t));
  const residuals = filterStateSpace(ss, x);
  let sigma2 = fit.sigma2;
  if (estimated) {
    let ssr = 0;
    for (let t = 0; t < n; t++) ssr += residuals[t] * residuals[t];
    sigma2 = ssr / (n - d - fit.ncoef);
  }
  return {
    residuals,
    sigma2,
    forecast: (h) => {
      const { mean, variance } = forecastStateSpace(ss, h);
      for (let k = 0; k < h; k++) {
        mean[k] += regression(n + k);
        if (!(variance[k] > 0)) variance[k] = 0;
      }
      return { mean, variance };
    },
  };
}

/**
 * Fit auto-selected ARIMA to a finite, non-empty series and return the common Fitted shape. params carry
 * the model label, p, d, q, constant (mean/drift/none), coefficients (ar1.., ma1.., mean or drift),
 * sigma2, sigma, loglik/aic/aicc where defined, and fallback when the search was bypassed. Throws
 * SemicapError('data') on NaN/Infinity or an empty series.
 */
export function fitArima(values: readonly number[], search?: ArimaSearch): Fitted {
  const y = checkSeries(values);
  const scale = magnitudeScale(y);
  const ys = scale === 1 ? y : Float64Array.from(y, (v) => v * scale);
  const model = selectArima(ys, search);
  const { d } = model;
  const final = finalPass(ys, model);
  const n = y.length;
  // The first d residuals are the diffuse filter's start-up values, not forecast errors: reported as NaN.
  const fitted = new Array<number>(n).fill(Number.NaN);
  const residuals = new Array<number>(n).fill(Number.NaN);
  for (let t = d; t < n; t++) {
    const e = final.residuals[t] / scale;
    if (!Number.isFinite(e)) continue;
    residuals[t] = e;
    fitted[t] = y[t] - e;
  }
  const sigma2 = Number.isFinite(final.sigma2) && final.sigma2 > 0 ? final.sigma2 : 0;
  const params = modelParams(model, scale, sigma2);

  return {
    method: 'arima',
    fitted,
    residuals,
    params,
    ...(typeof params.aicc === 'number' ? { aicc: params.aicc } : {}),
    forecast(h: number, options?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = levelsOf(options);
      const fc = final.forecast(h);
      const mean = Array.from(fc.mean, (v) => finite(v / scale));
      const sd = Array.from(fc.variance, (v) => Math.sqrt(sigma2 * v) / scale);
      return { method: 'arima', mean, intervals: normalIntervals(mean, sd, levels) };
    },
  };
}

/** auto.arima-style ARIMA for yearly series (docs/module-notes.md). */
export const arima: Method = {
  name: 'arima',
  minLength: 1,
  fit: (y) => fitArima(y),
};
