// One ARIMA(p, d, q) fit as R's arima(method = "CSS-ML") through forecast's myarima: CSS start, exact ML by the
// Kalman filter on the differenced series, and myarima's criteria and rejection rules.

import { cssMeanSquare } from './css.js';
import { KalmanWorkspace, armaFilter, concentratedObjective, stateDimension, workspaceFor } from './kalman.js';
import { OptimError, bfgs, invert, optimHessian } from './optim.js';
import { invpartrans, maInvert, partrans, rootsClearOfUnitCircle, rootsOutside } from './polynomial.js';

export interface ArmaSpec {
  p: number;
  q: number;
  constant: boolean;
}

/** A fitted ARMA on the differenced series (coefficients in R's order: ar, ma, then mean/drift). */
export interface ArmaFit extends ArmaSpec {
  phi: Float64Array;
  theta: Float64Array;
  mu: number;
  /** Log-likelihood as R reports it: -0.5 * (2 m value + m + m log 2π) with m = length of w. */
  loglik: number;
  aic: number;
  aicc: number;
  /** myarima's sigma²: sum of squared standardised residuals over (m - number of coefficients). */
  sigma2: number;
  /** Number of estimated coefficients (p + q + constant). */
  ncoef: number;
  /** Transformed parameter vector at the optimum and its parscale, for the lazy Hessian check. */
  raw: Float64Array;
  parscale: Float64Array;
  /** Whether the candidate passed myarima's root check (1.01). */
  rootsOk: boolean;
  /** Filtered ARMA state at the end of w (for forecasting) and R's standardised residuals on w. */
  state: Float64Array;
  residuals: Float64Array;
}

const LOG_2PI = Math.log(2 * Math.PI);
const DOUBLE_XMAX = Number.MAX_VALUE;

/** Sample mean and the lm standard error sd/sqrt(m) R uses to scale the constant (parscale 10·se). */
function meanAndSe(w: ArrayLike<number>): { mean: number; se: number } {
  const m = w.length;
  let s = 0;
  for (let i = 0; i < m; i++) s += w[i];
  const mean = s / m;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (w[i] - mean) * (w[i] - mean);
  const sd = m > 1 ? Math.sqrt(ss / (m - 1)) : 0;
  return { mean, se: sd / Math.sqrt(m) };
}

/** Parameter vector (ar, ma) with the AR block mapped through partrans when trans is set. */
function untransform(par: Float64Array, p: number, trans: boolean, out: Float64Array): void {
  out.set(par);
  if (trans && p > 0) partrans(par, 0, p, out, 0);
}

/**
 * ML starting point from CSS coefficients: AR mapped to the unconstrained space, MA inverted; undefined where R
 * stops ("non-stationary AR part from CSS") or a value is not finite.
 */
function mlStart(cssPar: Float64Array, p: number, q: number): Float64Array | undefined {
  const init = Float64Array.from(cssPar);
  if (p > 0 && !rootsOutside(init.subarray(0, p), 1)) return undefined;
  if (p > 0) init.set(invpartrans(init.subarray(0, p), p), 0);
  if (q > 0) init.set(maInvert(init.subarray(p, p + q)), p);
  for (let i = 0; i < init.length; i++) if (!Number.isFinite(init[i])) return undefined;
  return init;
}

/** Whether ML parameters (AR in the unconstrained space, MA as optimised) pass myarima's root check. */
function mlRootsClear(par: Float64Array, p: number, q: number): boolean {
  const phi = new Float64Array(p);
  if (p > 0) partrans(par, 0, p, phi, 0);
  return rootsClearOfUnitCircle(phi, maInvert(par.subarray(p, p + q)));
}

/**
 * Fit ARMA(p, q) (+ constant) to w by CSS-ML as R does. Returns undefined where R's arima stops with an
 * error (non-stationary AR from CSS, non-finite objective or finite difference): myarima then scores the
 * candidate Inf.
 */
export function fitArma(w: Float64Array, spec: ArmaSpec): ArmaFit | undefined {
  const { p, q, constant } = spec;
  const m = w.length;
  const narma = p + q;
  const ncoef = narma + (constant ? 1 : 0);
  const r = stateDimension(p, q);
  const ws: KalmanWorkspace = workspaceFor(r);
  const resid = new Float64Array(m);

  const init = new Float64Array(ncoef);
  const parscale = new Float64Array(ncoef).fill(1);
  if (constant) {
    const { mean, se } = meanAndSe(w);
    init[narma] = mean;
    parscale[narma] = 10 * se;
    if (!(parscale[narma] > 0)) return undefined;
  }
  const muOf = (par: Float64Array): number => (constant ? par[narma] : 0);

  const css = (par: Float64Array): number => 0.5 * Math.log(cssMeanSquare(w, muOf(par), par, 0, p, par, p, q, resid));

  const work = new Float64Array(ncoef);
  const mlObjective =
    (trans: boolean) =>
    (par: Float64Array): number => {
      untransform(par, p, trans, work);
      if (!armaFilter(w, muOf(par), work, 0, p, work, p, q, ws)) return DOUBLE_XMAX;
      return concentratedObjective(ws);
    };
  const ml = mlObjective(true);

  try {
    let value: number;
    let coef: Float64Array;
    if (ncoef === 0) {
      value = ml(init);
      coef = init;
    } else {
      const cssRes = bfgs(css, init, parscale);
      const start = mlStart(cssRes.convergence === 0 ? cssRes.par : init, p, q);
      if (start === undefined) return undefined;
      let res = bfgs(ml, start, parscale);
      // R starts ML from zero when CSS stops at its iteration limit. On long, cyclical series the CSS surface
      // is a flat ridge where R's and our last-bit arithmetic stop 100 iterations at different spots, and
      // R's CSS may converge where ours does not; ML from zero then ends on a root at the unit circle that the
      // search rejects (sunspots 1900-1979: R's ARIMA(2,1,2) with drift lost). Only then ML is also run from
      // where CSS stopped, keeping the higher likelihood; every other case follows R's path.
      if (cssRes.convergence !== 0 && !mlRootsClear(res.par, p, q)) {
        const ridge = mlStart(cssRes.par, p, q);
        if (ridge !== undefined) {
          try {
            const alt = bfgs(ml, ridge, parscale);
            if (alt.value < res.value) res = alt;
          } catch (e) {
            if (!(e instanceof OptimError)) throw e;
          }
        }
      }
      coef = res.par;
      value = res.value;
      if (q > 0) {
        const inverted = maInvert(coef.subarray(p, p + q));
        let changed = false;
        for (let i = 0; i < q; i++) if (inverted[i] !== coef[p + i]) changed = true;
        if (changed) {
          coef.set(inverted, p);
          value = ml(coef);
        }
      }
    }
    const raw = Float64Array.from(coef);
    const phi = new Float64Array(p);
    if (p > 0) partrans(coef, 0, p, phi, 0);
    const theta = Float64Array.from(coef.subarray(p, p + q));
    const mu = muOf(coef);

    const loglik = -0.5 * (2 * m * value + m + m * LOG_2PI);
    const npar = ncoef + 1;
    const aic = -2 * loglik + 2 * npar;
    const denom = m - npar - 1;
    // R divides by (nstar - npar - 1) whatever its sign; a non-positive denominator would make AICc
    // meaningless (R can even prefer such a model), so it scores Inf here.
    const aicc = denom > 0 ? aic + (2 * npar * (npar + 1)) / denom : Infinity;

    if (!armaFilter(w, mu, phi, 0, p, theta, 0, q, ws, resid)) return undefined;
    // myarima: sum of all squared standardised residuals, including those of observations the likelihood
    // skips (prediction variance >= 1e4, near a unit root), over nstar - npar + 1.
    let ssr = 0;
    for (let t = 0; t < m; t++) ssr += resid[t] * resid[t];
    const sigma2 = ssr / (m - ncoef);

    return {
      p,
      q,
      constant,
      phi,
      theta,
      mu,
      loglik,
      aic: Number.isFinite(aic) ? aic : Infinity,
      aicc: Number.isFinite(aicc) ? aicc : Infinity,
      sigma2,
      ncoef,
      raw,
      parscale,
      rootsOk: rootsClearOfUnitCircle(phi, theta),
      state: Float64Array.from(ws.a),
      residuals: resid,
    };
  } catch (e) {
    if (e instanceof OptimError) return undefined;
    throw e;
  }
}

/**
 * forecast:::checkarima on a fit: true when R's var.coef = A' (n H)^-1 A (H the optimhess Hessian of the
 * ML objective in the transformed space, A the Jacobian of the AR transform) has a NaN or negative
 * diagonal, or H cannot be inverted (R's solve() stops). Such fits score Inf.
 */
export function hessianRejects(w: Float64Array, fit: ArmaFit): boolean {
  const { p, q, constant, ncoef } = fit;
  if (ncoef === 0) return false;
  const narma = p + q;
  const m = w.length;
  const ws = workspaceFor(stateDimension(p, q));
  const work = new Float64Array(ncoef);
  const ml = (par: Float64Array): number => {
    work.set(par);
    if (p > 0) partrans(par, 0, p, work, 0);
    if (!armaFilter(w, constant ? par[narma] : 0, work, 0, p, work, p, q, ws)) return DOUBLE_XMAX;
    return concentratedObjective(ws);
  };
  let H: Float64Array;
  try {
    H = optimHessian(ml, fit.raw, fit.parscale);
  } catch (e) {
    if (e instanceof OptimError) return true;
    throw e;
  }
  for (let i = 0; i < H.length; i++) H[i] *= m;
  const Hinv = invert(H, ncoef);
  if (Hinv === undefined) return true;
  // A: identity except the AR block, the forward-difference Jacobian of partrans (R's ARIMA_Gradtrans).
  const A = new Float64Array(ncoef * ncoef);
  for (let i = 0; i < ncoef; i++) A[i * ncoef + i] = 1;
  if (p > 0) {
    const eps = 1e-3;
    const w1 = Float64Array.from(fit.raw.subarray(0, p));
    const w2 = new Float64Array(p);
    const w3 = new Float64Array(p);
    partrans(w1, 0, p, w2, 0);
    for (let i = 0; i < p; i++) {
      w1[i] += eps;
      partrans(w1, 0, p, w3, 0);
      for (let j = 0; j < p; j++) A[i * ncoef + j] = (w3[j] - w2[j]) / eps; // A[i, j] (row i, column j)
      w1[i] -= eps;
    }
  }
  // diag(A' Hinv A)_j = sum_{i,k} A[i, j] Hinv[i, k] A[k, j]
  for (let j = 0; j < ncoef; j++) {
    let s = 0;
    for (let i = 0; i < ncoef; i++) {
      const aij = A[i * ncoef + j];
      if (aij === 0) continue;
      for (let k = 0; k < ncoef; k++) s += aij * Hinv[i * ncoef + k] * A[k * ncoef + j];
    }
    if (!(s >= 0)) return true;
  }
  return false;
}

/**
 * ARIMA(0, d, 0) on w with the constant fixed (mu, or none when undefined), nothing estimated: what
 * auto.arima fits when the (differenced) series is constant. sigma² is stats::arima's ssq / m.
 */
export function fixedWhiteNoise(w: Float64Array, mu: number | undefined): ArmaFit {
  const m = w.length;
  const ws = workspaceFor(1);
  const resid = new Float64Array(m);
  const none = new Float64Array(0);
  armaFilter(w, mu ?? 0, none, 0, 0, none, 0, 0, ws, resid);
  const sigma2 = m > 0 ? ws.ssq / m : 0;
  const loglik = m > 0 && sigma2 > 0 ? -0.5 * (m * Math.log(sigma2) + m + m * LOG_2PI) : Infinity;
  return {
    p: 0,
    q: 0,
    constant: mu !== undefined,
    phi: new Float64Array(0),
    theta: new Float64Array(0),
    mu: mu ?? 0,
    loglik,
    aic: Infinity,
    aicc: Infinity,
    sigma2,
    ncoef: 0,
    raw: new Float64Array(0),
    parscale: new Float64Array(0),
    rootsOk: true,
    state: Float64Array.from(ws.a),
    residuals: resid,
  };
}
