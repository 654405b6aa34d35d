// Non-seasonal ETS models as R's forecast package fits them: etscalc's recursions and likelihood, R's starting
// values and bounds, Nelder-Mead, class 1 and 2 variances, and HoltWintersZZ for short series. Pure.

import { nelderMead } from '../optim.js';

export type ErrorType = 'A' | 'M';
export type TrendType = 'N' | 'A';

export interface EtsSpec {
  error: ErrorType;
  trend: TrendType;
  damped: boolean;
}

/** A fitted non-seasonal ETS model (or R's HoltWintersZZ fit, which forecasts through the same formulas). */
export interface EtsModel {
  /** "ETS(A,Ad,N)" etc.; for the short-series fits "HoltWinters(A,N)" / "HoltWinters(A,A)". */
  label: string;
  spec: EtsSpec;
  /** 'ets': maximum likelihood / MSE state space fit; 'holtwinters': R's short-series HoltWintersZZ. */
  kind: 'ets' | 'holtwinters';
  alpha: number;
  /** 0 without trend. */
  beta: number;
  /** 1 unless damped. */
  phi: number;
  l0: number;
  /** 0 without trend. */
  b0: number;
  /** Level and trend after the last observation (the forecast origin). */
  lastLevel: number;
  lastTrend: number;
  fitted: number[];
  /** Additive errors y − ŷ, or relative errors (y − ŷ)/ŷ for multiplicative-error models, as R's residuals(). */
  errors: number[];
  sigma2: number;
  /** −2·log-likelihood up to a constant, as R's `lik`; NaN for HoltWinters fits. */
  lik: number;
  aic: number;
  aicc: number;
  bic: number;
}

const LOWER = { alpha: 1e-4, beta: 1e-4, phi: 0.8 };
const UPPER = { alpha: 0.9999, beta: 0.9999, phi: 0.98 };

/** "ETS(M,Ad,N)" for a spec. */
export function specLabel(spec: EtsSpec): string {
  return `ETS(${spec.error},${spec.trend}${spec.damped ? 'd' : ''},N)`;
}

interface CalcResult {
  lik: number;
  /** Σe² of the errors as residuals() gives them (additive, or relative for multiplicative errors). */
  sse: number;
  lastLevel: number;
  lastTrend: number;
}

/**
 * R's `etscalc` for non-seasonal models: runs the recursions from (l0, b0), fills one-step forecasts and errors
 * when arrays are given, returns the likelihood term and the last states.
 */
export function etsCalc(
  y: readonly number[],
  spec: EtsSpec,
  alpha: number,
  beta: number,
  phi: number,
  l0: number,
  b0: number,
  fits?: number[],
  errors?: number[],
): CalcResult {
  const n = y.length;
  const trend = spec.trend === 'A';
  const mult = spec.error === 'M';
  const ph = spec.damped ? phi : 1;
  let l = l0;
  let b = trend ? b0 : 0;
  let sse = 0;
  let logSum = 0;
  for (let i = 0; i < n; i++) {
    const phib = trend ? ph * b : 0;
    const f = l + phib;
    const yi = y[i];
    const e = mult ? (yi - f) / f : yi - f;
    if (fits) fits[i] = f;
    if (errors) errors[i] = e;
    const level = f + alpha * (yi - f);
    if (trend) b = phib + (beta / alpha) * (level - l - phib);
    l = level;
    sse += e * e;
    if (mult) logSum += Math.log(Math.abs(f)); // the likelihood of additive errors has no such term
  }
  let lik = n * Math.log(sse);
  if (mult) lik += 2 * logSum;
  return { lik, sse, lastLevel: l, lastTrend: b };
}

/**
 * The optimiser's objective, the same recursions as etsCalc without storing anything: R's likelihood term
 * n·log(Σe²) (+ 2·Σlog|ŷ| for multiplicative errors) for `lik`, the mean squared one-step error for `mse`.
 * Σlog|ŷ| is taken as the log of a running product, renormalised before it can overflow, which costs one
 * logarithm per few dozen steps instead of one per step (ETS fitting spends its time here).
 * The parameters come in p = [alpha, beta, phi, l0, b0] and the value goes to p[5]: doubles passed as arguments
 * or returned are boxed on the heap in V8, and that was most of the garbage a theta fit made (bench/README.md).
 */
function objectiveValue(y: Float64Array, trend: boolean, mult: boolean, lik: boolean, p: Float64Array): void {
  const n = y.length;
  const alpha = p[0];
  const beta = p[1];
  const phi = p[2];
  let l = p[3];
  let b = trend ? p[4] : 0;
  let sse = 0;
  let sumSq = 0;
  let logSum = 0;
  let prod = 1;
  const ratio = beta / alpha;
  for (let i = 0; i < n; i++) {
    const phib = trend ? phi * b : 0;
    const f = l + phib;
    const yi = y[i];
    const d = yi - f;
    if (mult) {
      const e = d / f;
      sse += e * e;
      prod *= f < 0 ? -f : f;
      if (prod > 1e150 || prod < 1e-150) {
        logSum += Math.log(prod);
        prod = 1;
      }
    } else {
      sse += d * d;
    }
    sumSq += d * d;
    const level = f + alpha * d;
    if (trend) b = phib + ratio * (level - l - phib);
    l = level;
  }
  if (!lik) {
    p[5] = sumSq / n;
    return;
  }
  let value = n * Math.log(sse);
  if (mult) value += 2 * (logSum + Math.log(prod));
  p[5] = value;
}

/**
 * objectiveValue for additive errors without a trend (ses, theta): the same arithmetic in the same order, with
 * one running sum (for additive errors Σe² and the squared one-step errors are the same numbers) and no branch
 * in the loop, which is the inner loop of every ses and theta fit.
 */
function levelObjective(y: Float64Array, lik: boolean, p: Float64Array): void {
  const n = y.length;
  const alpha = p[0];
  let l = p[3];
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i] - l;
    sumSq += d * d;
    l = l + alpha * d;
  }
  p[5] = lik ? n * Math.log(sumSq) : sumSq / n;
}

/** objectiveValue for additive errors with a (possibly damped) trend: the same arithmetic, one running sum. */
function trendObjective(y: Float64Array, lik: boolean, p: Float64Array): void {
  const n = y.length;
  const alpha = p[0];
  const phi = p[2];
  let l = p[3];
  let b = p[4];
  let sumSq = 0;
  const ratio = p[1] / alpha;
  for (let i = 0; i < n; i++) {
    const phib = phi * b;
    const f = l + phib;
    const d = y[i] - f;
    sumSq += d * d;
    const level = f + alpha * d;
    b = phib + ratio * (level - l - phib);
    l = level;
  }
  p[5] = lik ? n * Math.log(sumSq) : sumSq / n;
}

/**
 * R's bounds = "both" check (usual bounds and admissibility) for non-seasonal parameters. `beta` and `phi` are
 * only checked when the model has them (numbers always, never undefined, so the optimiser's hot loop keeps
 * them unboxed).
 */
function paramsOk(alpha: number, beta: number, phi: number, hasBeta: boolean, hasPhi: boolean): boolean {
  if (!(alpha >= LOWER.alpha && alpha <= UPPER.alpha)) return false;
  if (hasBeta && !(beta >= LOWER.beta && beta <= alpha && beta <= UPPER.beta)) return false;
  if (hasPhi && !(phi >= LOWER.phi && phi <= UPPER.phi)) return false;
  const p = hasPhi ? phi : 1;
  if (p < 0 || p > 1 + 1e-8) return false;
  if (alpha < 1 - 1 / p || alpha > 1 + 1 / p) return false;
  if (hasBeta && (beta < alpha * (p - 1) || beta > (1 + p) * (2 - alpha))) return false;
  return true;
}

/** R's `initparam` for non-seasonal models with bounds "both": alpha, beta, phi starting values. */
function initialParams(spec: EtsSpec): number[] {
  const alpha = LOWER.alpha + 0.2 * (UPPER.alpha - LOWER.alpha);
  const par = [alpha];
  if (spec.trend === 'A') {
    const upperBeta = Math.min(UPPER.beta, alpha);
    let beta = LOWER.beta + 0.1 * (upperBeta - LOWER.beta);
    if (beta < 0 || beta > alpha) beta = alpha - 0.001;
    par.push(beta);
  }
  if (spec.damped) par.push(LOWER.phi + 0.99 * (UPPER.phi - LOWER.phi));
  return par;
}

/** R's `initstate` for non-seasonal models: mean of the first 10 values, or their least squares line. */
function initialStates(y: readonly number[], trend: TrendType): number[] {
  const maxn = Math.min(10, y.length);
  if (trend === 'N') {
    let s = 0;
    for (let i = 0; i < maxn; i++) s += y[i];
    return [s / maxn];
  }
  // lsfit(1:maxn, y[1:maxn])
  const tMean = (maxn + 1) / 2;
  let yMean = 0;
  for (let i = 0; i < maxn; i++) yMean += y[i];
  yMean /= maxn;
  let sty = 0;
  let stt = 0;
  for (let i = 0; i < maxn; i++) {
    const dt = i + 1 - tMean;
    sty += dt * (y[i] - yMean);
    stt += dt * dt;
  }
  let b0 = stt > 0 ? sty / stt : 0;
  let l0 = yMean - b0 * tMean;
  if (Math.abs(l0 + b0) < 1e-8) {
    l0 *= 1 + 0.001;
    b0 *= 1 - 0.001;
  }
  return [l0, b0];
}

/** Splits an optimiser vector [alpha, beta?, phi?, l0, b0?] into named parts. */
function unpack(par: readonly number[], spec: EtsSpec) {
  let k = 0;
  const alpha = par[k++];
  const beta = spec.trend === 'A' ? par[k++] : undefined;
  const phi = spec.damped ? par[k++] : undefined;
  const l0 = par[k++];
  const b0 = spec.trend === 'A' ? par[k++] : 0;
  return { alpha, beta, phi, l0, b0 };
}

/**
 * Fit one ETS model by R's `etsmodel`: returns undefined where R gives up (too many parameters for the data,
 * or an objective that is not finite at the starting values). `reltol` is the optimiser's relative tolerance,
 * R's sqrt(machine epsilon) by default.
 */
export function fitEtsModel(
  y: readonly number[],
  spec: EtsSpec,
  optCrit: 'lik' | 'mse',
  reltol = Math.sqrt(Number.EPSILON),
): EtsModel | undefined {
  const n = y.length;
  const start = initialParams(spec);
  for (const state of initialStates(y, spec.trend)) start.push(state);
  const np = start.length;
  if (np >= n - 1) return undefined;
  // Copied by a loop: Float64Array.from walks an iterator, one garbage object per value.
  const yy = new Float64Array(n);
  for (let i = 0; i < n; i++) yy[i] = y[i];
  const trend = spec.trend === 'A';
  const mult = spec.error === 'M';
  const lik = optCrit === 'lik';
  // Positions in the optimiser's vector [alpha, beta?, phi?, l0, b0?].
  const iBeta = trend ? 1 : -1;
  const iPhi = spec.damped ? (trend ? 2 : 1) : -1;
  const iLevel = 1 + (trend ? 1 : 0) + (spec.damped ? 1 : 0);
  const damped = spec.damped;
  // The objective's parameters and value (objectiveValue's p); its value goes to out[0] (NelderMeadOptions.into).
  const args = new Float64Array(6);
  const objectiveInto = (par: number[], out: Float64Array): void => {
    args[0] = par[0];
    args[1] = trend ? par[iBeta] : 0;
    args[2] = damped ? par[iPhi] : 1;
    if (!paramsOk(args[0], args[1], args[2], trend, damped)) {
      out[0] = Infinity;
      return;
    }
    args[3] = par[iLevel];
    args[4] = trend ? par[iLevel + 1] : 0;
    if (mult) objectiveValue(yy, trend, mult, lik, args);
    else if (trend) trendObjective(yy, lik, args);
    else levelObjective(yy, lik, args);
    let value = args[5];
    if (lik && value < -1e10) value = -1e10; // avoid perfect fits, as forecast's target function
    out[0] = Number.isNaN(value) ? Infinity : value;
  };
  const box = new Float64Array(1);
  const objective = (par: number[]): number => {
    objectiveInto(par, box);
    return box[0];
  };
  const opt = nelderMead(objective, start, { maxit: 2000, reltol, into: objectiveInto });
  if (!Number.isFinite(opt.value)) return undefined;
  const p = unpack(opt.par, spec);
  const alpha = p.alpha;
  const beta = p.beta ?? 0;
  const phi = p.phi ?? 1;
  const r = etsCalc(y, spec, alpha, beta, phi, p.l0, p.b0);
  if (Number.isNaN(r.lik)) return undefined;
  const k = np + 1; // parameters, initial states and sigma
  const aic = r.lik + 2 * k;
  const bic = r.lik + Math.log(n) * k;
  const aicc = aic + (2 * k * (k + 1)) / (n - k - 1);
  // Fitted values and errors are the same recursion run again when first read (a forecast does not need them).
  let fitted: number[] | undefined;
  let errors: number[] | undefined;
  const fill = () => {
    fitted = new Array<number>(n);
    errors = new Array<number>(n);
    etsCalc(y, spec, alpha, beta, phi, p.l0, p.b0, fitted, errors);
  };
  return {
    label: specLabel(spec),
    spec,
    kind: 'ets',
    alpha,
    beta,
    phi,
    l0: p.l0,
    b0: p.b0,
    lastLevel: r.lastLevel,
    lastTrend: r.lastTrend,
    get fitted() {
      if (fitted === undefined) fill();
      return fitted!;
    },
    get errors() {
      if (errors === undefined) fill();
      return errors!;
    },
    sigma2: r.sse / (n - np),
    lik: r.lik,
    aic,
    aicc,
    bic,
  };
}

/** One pass of R's `zzhw` (non-seasonal, undamped): fitted values, residuals and SSE from simple starting states. */
function holtWintersPass(y: readonly number[], alpha: number, beta: number, trend: boolean) {
  const n = y.length;
  let level = y[0];
  let slope = trend ? y[1] - y[0] : 0;
  let sse = 0;
  const fitted = new Array<number>(n);
  const residuals = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const xhat = level + slope;
    fitted[i] = xhat;
    const res = y[i] - xhat;
    residuals[i] = res;
    sse += res * res;
    const newLevel = alpha * y[i] + (1 - alpha) * (level + slope);
    if (trend) slope = beta * (newLevel - level) + (1 - beta) * slope;
    level = newLevel;
  }
  return { fitted, residuals, sse, level, slope };
}

/**
 * R's `HoltWintersZZ(y, beta = FALSE | NULL, gamma = FALSE)` for series too short for the state space fit:
 * simple starting states, alpha (and beta) in [0, 1] minimising the SSE, sigma² = mean squared residual.
 * `fixedAlpha` skips the search (R's ets uses alpha = 0.99999 for constant series). Needs n >= 2 with a trend.
 */
export function fitHoltWinters(y: readonly number[], trend: boolean, fixedAlpha?: number): EtsModel {
  const sseOf = (par: number[]): number => {
    for (const p of par) if (!(p >= 0 && p <= 1)) return Infinity;
    return holtWintersPass(y, par[0], trend ? par[1] : 0, trend).sse;
  };
  let alpha = fixedAlpha ?? 0.2;
  let beta = 0;
  if (fixedAlpha === undefined) {
    // initparam with bounds [0, 1]: alpha 0.2, beta 0.1 · min(1, alpha) = 0.02.
    const opt = nelderMead(sseOf, trend ? [0.2, 0.02] : [0.2], { maxit: 2000 });
    alpha = opt.par[0];
    beta = trend ? opt.par[1] : 0;
  }
  const pass = holtWintersPass(y, alpha, beta, trend);
  const n = y.length;
  const spec: EtsSpec = { error: 'A', trend: trend ? 'A' : 'N', damped: false };
  return {
    label: `HoltWinters(A,${trend ? 'A' : 'N'})`,
    spec,
    kind: 'holtwinters',
    alpha,
    beta,
    phi: 1,
    l0: y[0],
    b0: trend ? y[1] - y[0] : 0,
    lastLevel: pass.level,
    lastTrend: pass.slope,
    fitted: pass.fitted,
    errors: pass.residuals,
    sigma2: pass.sse / n,
    lik: Number.NaN,
    aic: Number.NaN,
    aicc: Number.NaN,
    bic: Number.NaN,
  };
}

/** Number of parameters R counts before deciding a series is too short (`npars` in `ets`). */
export function shortSeriesThreshold(trend: TrendType | 'Z', damped: boolean | undefined): number {
  let npars = 2;
  if (trend === 'A') npars += 2;
  if (damped === true) npars += 1;
  return npars + 4;
}

/**
 * h-step means and variances by R's class 1 (additive errors) or class 2 (multiplicative errors) formulas:
 * μ_j = l + b·(φ + … + φ^j); c_j = α + β·(φ + … + φ^j); class 1: v_j = σ²·(1 + Σ_{i<j} c_i²);
 * class 2: θ_1 = μ_1², θ_j = μ_j² + σ²·Σ_{i<j} c_i²·θ_{j−i}, v_j = (1 + σ²)·θ_j − μ_j².
 */
export function etsMeanVariance(model: EtsModel, h: number): { mean: number[]; variance: number[] } {
  const { alpha, sigma2, lastLevel: l, lastTrend: b } = model;
  const trend = model.spec.trend === 'A';
  const phi = model.phi;
  const beta = trend ? model.beta : 0;
  const mean = new Array<number>(h);
  const c = new Array<number>(h); // c[j-1] = c_j
  let phiSum = 0;
  let power = 1;
  for (let j = 1; j <= h; j++) {
    power *= phi;
    phiSum += power;
    mean[j - 1] = trend ? l + b * phiSum : l;
    c[j - 1] = trend ? alpha + beta * phiSum : alpha;
  }
  const variance = new Array<number>(h);
  if (model.spec.error === 'A') {
    let acc = 0;
    for (let j = 1; j <= h; j++) {
      variance[j - 1] = sigma2 * (1 + acc);
      acc += c[j - 1] * c[j - 1];
    }
  } else {
    const theta = new Array<number>(h);
    for (let j = 1; j <= h; j++) {
      let s = 0;
      for (let i = 1; i < j; i++) s += c[i - 1] * c[i - 1] * theta[j - i - 1];
      theta[j - 1] = mean[j - 1] * mean[j - 1] + sigma2 * s;
      variance[j - 1] = (1 + sigma2) * theta[j - 1] - mean[j - 1] * mean[j - 1];
    }
  }
  return { mean, variance };
}
