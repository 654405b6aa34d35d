// R's full ARIMA state space (makeARIMA: ARMA states plus d differencing states under a diffuse prior), filtered
// once for the chosen model: the residuals and predict.Arima's forecasts and variances R reports.

import { stationaryCovariance, workspaceFor } from './kalman.js';

const KAPPA = 1e6;

/** The augmented model: transition T, shock covariance V, observation vector Z (all dense, rd = r + d). */
export interface ArimaStateSpace {
  rd: number;
  T: Float64Array; // row-major rd×rd
  V: Float64Array; // row-major rd×rd
  Z: Float64Array;
  /** Filtered state and covariance after the last observation (row-major P). */
  a: Float64Array;
  P: Float64Array;
}

/** Coefficients of 1 - sum phiStar_i B^i = (1 - sum phi_i B^i)(1 - B)^d: the AR part of an ARIMA(p, d, q). */
export function integratedAr(phi: ArrayLike<number>, d: number): Float64Array {
  let poly = [1, ...Array.from(phi, (v) => -v)];
  for (let k = 0; k < d; k++) {
    const next = new Array<number>(poly.length + 1).fill(0);
    for (let i = 0; i < poly.length; i++) {
      next[i] += poly[i];
      next[i + 1] -= poly[i];
    }
    poly = next;
  }
  return Float64Array.from(poly.slice(1), (v) => -v);
}

/** Coefficients delta of x_t = sum_i delta_i x_{t-i} + w_t for w = (1 - B)^d x: (1) for d = 1, (2, -1) for d = 2. */
const differencingDelta = (d: number): Float64Array => integratedAr([], d);

/** R's makeARIMA for AR phi, MA theta and d differences; returns undefined when the AR part is not stationary. */
export function makeArima(phi: ArrayLike<number>, theta: ArrayLike<number>, d: number): ArimaStateSpace | undefined {
  const p = phi.length;
  const q = theta.length;
  const r = Math.max(p, q + 1);
  const rd = r + d;
  const delta = differencingDelta(d);
  const Z = new Float64Array(rd);
  Z[0] = 1;
  for (let i = 0; i < d; i++) Z[r + i] = delta[i];
  const T = new Float64Array(rd * rd);
  for (let i = 0; i < p; i++) T[i * rd] = phi[i];
  for (let i = 1; i < r; i++) T[(i - 1) * rd + i] = 1;
  if (d > 0) {
    for (let j = 0; j < rd; j++) T[r * rd + j] = Z[j];
    for (let i = 1; i < d; i++) T[(r + i) * rd + (r + i - 1)] = 1;
  }
  const R = new Float64Array(rd);
  R[0] = 1;
  for (let i = 0; i < q; i++) R[i + 1] = theta[i];
  const V = new Float64Array(rd * rd);
  for (let i = 0; i < rd; i++) for (let j = 0; j < rd; j++) V[i * rd + j] = R[i] * R[j];
  // Initial covariance: stationary ARMA block, and kappa on the diagonal of the differencing block
  // (makeARIMA's Pn[cbind(r + 1:d, r + 1:d)] <- kappa).
  const ws = workspaceFor(r);
  if (!stationaryCovariance(phi, 0, p, theta, 0, q, ws)) return undefined;
  const P = new Float64Array(rd * rd);
  for (let i = 0; i < r; i++) for (let j = 0; j < r; j++) P[i * rd + j] = ws.Pnew[i + r * j];
  for (let i = 0; i < d; i++) P[(r + i) * rd + (r + i)] = KAPPA;
  return { rd, T, V, Z, a: new Float64Array(rd), P };
}

/** out = T M T' + V (row-major, rd×rd); scratch has rd×rd entries. */
function propagate(ss: ArimaStateSpace, M: Float64Array, out: Float64Array, scratch: Float64Array): void {
  const { rd, T, V } = ss;
  for (let i = 0; i < rd; i++) {
    for (let j = 0; j < rd; j++) {
      let s = 0;
      for (let k = 0; k < rd; k++) s += T[i * rd + k] * M[k * rd + j];
      scratch[i * rd + j] = s;
    }
  }
  for (let i = 0; i < rd; i++) {
    for (let j = 0; j < rd; j++) {
      let s = V[i * rd + j];
      for (let k = 0; k < rd; k++) s += scratch[i * rd + k] * T[j * rd + k];
      out[i * rd + j] = s;
    }
  }
}

/**
 * Filter x (the series minus its mean or drift term) through ss as R's ARIMA_Like does, leaving the final
 * filtered state in ss.a / ss.P; returns the standardised residuals v_t / sqrt(F_t) of all observations.
 */
export function filterStateSpace(ss: ArimaStateSpace, x: ArrayLike<number>): Float64Array {
  const { rd, T, Z } = ss;
  const n = x.length;
  const resid = new Float64Array(n);
  const a = ss.a;
  const P = ss.P; // holds the initial Pn on entry
  const anew = new Float64Array(rd);
  const Pnew = Float64Array.from(P);
  const scratch = new Float64Array(rd * rd);
  const M = new Float64Array(rd);
  a.fill(0);
  for (let l = 0; l < n; l++) {
    for (let i = 0; i < rd; i++) {
      let s = 0;
      for (let k = 0; k < rd; k++) s += T[i * rd + k] * a[k];
      anew[i] = s;
    }
    if (l > 0) propagate(ss, P, Pnew, scratch);
    let pred = 0;
    for (let i = 0; i < rd; i++) pred += Z[i] * anew[i];
    const resid0 = x[l] - pred;
    let gain = 0;
    for (let i = 0; i < rd; i++) {
      let s = 0;
      for (let k = 0; k < rd; k++) s += Pnew[i * rd + k] * Z[k];
      M[i] = s;
      gain += Z[i] * s;
    }
    resid[l] = resid0 / Math.sqrt(gain);
    for (let i = 0; i < rd; i++) a[i] = anew[i] + (M[i] * resid0) / gain;
    for (let i = 0; i < rd; i++) for (let j = 0; j < rd; j++) P[i * rd + j] = Pnew[i * rd + j] - (M[i] * M[j]) / gain;
  }
  return resid;
}

/** R's KalmanForecast from the filtered state: h point forecasts and their variances in units of sigma². */
export function forecastStateSpace(ss: ArimaStateSpace, h: number): { mean: Float64Array; variance: Float64Array } {
  const { rd, T, Z } = ss;
  const a = Float64Array.from(ss.a);
  const P = Float64Array.from(ss.P);
  const anew = new Float64Array(rd);
  const Pnew = new Float64Array(rd * rd);
  const scratch = new Float64Array(rd * rd);
  const mean = new Float64Array(h);
  const variance = new Float64Array(h);
  for (let l = 0; l < h; l++) {
    let fc = 0;
    for (let i = 0; i < rd; i++) {
      let s = 0;
      for (let k = 0; k < rd; k++) s += T[i * rd + k] * a[k];
      anew[i] = s;
      fc += s * Z[i];
    }
    a.set(anew);
    mean[l] = fc;
    propagate(ss, P, Pnew, scratch);
    P.set(Pnew);
    let v = 0;
    for (let i = 0; i < rd; i++) for (let j = 0; j < rd; j++) v += Z[i] * P[i * rd + j] * Z[j];
    variance[l] = v;
  }
  return { mean, variance };
}
