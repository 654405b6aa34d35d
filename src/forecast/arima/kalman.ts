// Exact Gaussian likelihood of a stationary ARMA by the Kalman filter in R's state-space form, run on the
// differenced series (R: a diffuse prior on the undifferenced one; the same to ~1e-6 relative, and cheaper).

/** Reusable buffers for one state dimension, so the optimiser's thousands of evaluations allocate nothing. */
export class KalmanWorkspace {
  readonly r: number;
  /** Filtered covariance, (r+1)×(r+1) column-major with a zero last row and column (no bounds tests). */
  readonly P: Float64Array;
  readonly Pnew: Float64Array;
  readonly a: Float64Array;
  readonly anew: Float64Array;
  readonly M: Float64Array;
  readonly phiR: Float64Array;
  readonly thetaR: Float64Array;
  /** Lyapunov system (N×N, N = r(r+1)/2) and its right-hand side. */
  readonly sys: Float64Array;
  readonly rhs: Float64Array;
  readonly nSym: number;
  // Outputs of the last filter run.
  ssq = 0;
  sumlog = 0;
  nu = 0;

  constructor(r: number) {
    this.r = r;
    this.P = new Float64Array((r + 1) * (r + 1));
    this.Pnew = new Float64Array(r * r);
    this.a = new Float64Array(r);
    this.anew = new Float64Array(r);
    this.M = new Float64Array(r);
    this.phiR = new Float64Array(r);
    this.thetaR = new Float64Array(r); // thetaR[0] = 1, thetaR[i] = theta_i
    this.nSym = (r * (r + 1)) / 2;
    this.sys = new Float64Array(this.nSym * this.nSym);
    this.rhs = new Float64Array(this.nSym);
  }
}

const workspaces = new Map<number, KalmanWorkspace>();

/** A shared workspace for state dimension r (the code is single-threaded and non-reentrant here). */
export function workspaceFor(r: number): KalmanWorkspace {
  let ws = workspaces.get(r);
  if (ws === undefined) {
    ws = new KalmanWorkspace(r);
    workspaces.set(r, ws);
  }
  return ws;
}

/** State dimension of an ARMA(p, q) in Harvey's form. */
export function stateDimension(p: number, q: number): number {
  return Math.max(p, q + 1);
}

function symIndex(i: number, j: number, r: number): number {
  // row-major packed upper triangle, i <= j
  return i * r - (i * (i - 1)) / 2 + (j - i);
}

/**
 * Stationary state covariance P0 solving P = T P T' + R R' (what R's getQ0 computes), written into ws.Pnew
 * (r×r, column-major like R). Returns false when the system is singular (AR on the unit circle).
 */
export function stationaryCovariance(
  phi: ArrayLike<number>,
  phiOff: number,
  p: number,
  theta: ArrayLike<number>,
  thetaOff: number,
  q: number,
  ws: KalmanWorkspace,
): boolean {
  const r = ws.r;
  const ph = ws.phiR;
  const th = ws.thetaR;
  ph.fill(0);
  th.fill(0);
  for (let i = 0; i < p; i++) ph[i] = phi[phiOff + i];
  th[0] = 1;
  for (let i = 0; i < q; i++) th[i + 1] = theta[thetaOff + i];
  const out = ws.Pnew;
  if (r === 1) {
    const v = 1 - ph[0] * ph[0];
    if (!(v > 0)) return false;
    out[0] = 1 / v;
    return true;
  }
  if (p === 0) {
    // Pure MA: T is nilpotent, P0 = sum_k T^k R R' T'^k; with T a shift, P0[i][j] = sum_k th[i+k] th[j+k].
    for (let i = 0; i < r; i++) {
      for (let j = i; j < r; j++) {
        let s = 0;
        for (let k = 0; j + k < r; k++) s += th[i + k] * th[j + k];
        out[i + r * j] = s;
        out[j + r * i] = s;
      }
    }
    return true;
  }
  const N = ws.nSym;
  const A = ws.sys;
  const b = ws.rhs;
  A.fill(0);
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      const row = symIndex(i, j, r);
      const base = row * N;
      A[base + row] += 1;
      // minus (T P T')_{ij} = phi_i phi_j P00 + phi_i P_{0,j+1} + phi_j P_{i+1,0} + P_{i+1,j+1}
      A[base + 0] -= ph[i] * ph[j];
      if (j + 1 < r) A[base + symIndex(0, j + 1, r)] -= ph[i];
      if (i + 1 < r) A[base + symIndex(0, i + 1, r)] -= ph[j];
      if (i + 1 < r && j + 1 < r) A[base + symIndex(i + 1, j + 1, r)] -= 1;
      b[row] = th[i] * th[j];
    }
  }
  // Gaussian elimination with partial pivoting.
  for (let col = 0; col < N; col++) {
    let piv = col;
    let best = Math.abs(A[col * N + col]);
    for (let rr = col + 1; rr < N; rr++) {
      const v = Math.abs(A[rr * N + col]);
      if (v > best) {
        best = v;
        piv = rr;
      }
    }
    if (!(best > 1e-300)) return false;
    if (piv !== col) {
      for (let k = col; k < N; k++) {
        const t = A[col * N + k];
        A[col * N + k] = A[piv * N + k];
        A[piv * N + k] = t;
      }
      const t = b[col];
      b[col] = b[piv];
      b[piv] = t;
    }
    const d = A[col * N + col];
    for (let rr = col + 1; rr < N; rr++) {
      const f = A[rr * N + col] / d;
      if (f === 0) continue;
      for (let k = col; k < N; k++) A[rr * N + k] -= f * A[col * N + k];
      b[rr] -= f * b[col];
    }
  }
  for (let row = N - 1; row >= 0; row--) {
    let s = b[row];
    for (let k = row + 1; k < N; k++) s -= A[row * N + k] * b[k];
    b[row] = s / A[row * N + row];
  }
  for (let i = 0; i < r; i++) {
    for (let j = i; j < r; j++) {
      const v = b[symIndex(i, j, r)];
      out[i + r * j] = v;
      out[j + r * i] = v;
    }
  }
  return Number.isFinite(out[0]);
}

/**
 * Run the filter over w - mu (R's ARIMA_Like with d = 0): leaves ssq (sum of squared standardised
 * innovations), sumlog (sum of log innovation variances) and nu in ws, the filtered state in ws.a,
 * and, when resid is given, the standardised innovations v_t / sqrt(F_t) (R's arima residuals).
 * Returns false when the stationary covariance cannot be formed.
 */
export function armaFilter(
  w: ArrayLike<number>,
  mu: number,
  phi: ArrayLike<number>,
  phiOff: number,
  p: number,
  theta: ArrayLike<number>,
  thetaOff: number,
  q: number,
  ws: KalmanWorkspace,
  resid?: Float64Array,
): boolean {
  if (!stationaryCovariance(phi, phiOff, p, theta, thetaOff, q, ws)) return false;
  const r = ws.r;
  const ph = ws.phiR;
  const th = ws.thetaR;
  const a = ws.a;
  const anew = ws.anew;
  const P = ws.P;
  const r1 = r + 1;
  const Pnew = ws.Pnew;
  const M = ws.M;
  a.fill(0);
  let ssq = 0;
  let sumlog = 0;
  let nu = 0;
  const n = w.length;
  // Once the filtered covariance stops changing (to 1e-13, far below what the likelihood or the
  // optimiser's finite differences can see), the predicted covariance and gain are constant: skip their
  // O(r²) updates. R keeps updating; the difference is rounding.
  let l = 0;
  let steady = false;
  for (; l < n && !steady; l++) {
    const a0 = a[0];
    for (let i = 0; i < r; i++) anew[i] = (i < r - 1 ? a[i + 1] : 0) + ph[i] * a0;
    if (l > 0) {
      // Pnew = T P T' + R R' with P padded by a zero row and column at index r.
      const P00 = P[0];
      for (let i = 0; i < r; i++) {
        const thi = th[i];
        const phi_i = ph[i];
        const Pi1 = P[i + 1]; // P[i+1][0]
        for (let j = i; j < r; j++) {
          const tmp = thi * th[j] + phi_i * (ph[j] * P00 + P[j + 1]) + ph[j] * Pi1 + P[i + 1 + r1 * (j + 1)];
          Pnew[i + r * j] = tmp;
          Pnew[j + r * i] = tmp;
        }
      }
    }
    const resid0 = w[l] - mu - anew[0];
    const gain = Pnew[0];
    for (let i = 0; i < r; i++) M[i] = Pnew[i];
    if (gain < 1e4) {
      nu++;
      ssq += (resid0 * resid0) / gain;
      sumlog += Math.log(gain);
    }
    if (resid !== undefined) resid[l] = resid0 / Math.sqrt(gain);
    const k = resid0 / gain;
    for (let i = 0; i < r; i++) a[i] = anew[i] + M[i] * k;
    let change = 0;
    for (let i = 0; i < r; i++) {
      const mi = M[i] / gain;
      for (let j = i; j < r; j++) {
        const v = Pnew[i + r * j] - mi * M[j];
        const dv = Math.abs(v - P[i + r1 * j]);
        if (dv > change) change = dv;
        P[i + r1 * j] = v;
        P[j + r1 * i] = v;
      }
    }
    if (l > 0 && change < 1e-13) steady = true;
  }
  if (l < n) {
    // Steady state: constant gain M / F, updated in place (a[i+1] is read before it is overwritten).
    const gain = Pnew[0];
    const invGain = 1 / gain;
    const sdGain = Math.sqrt(gain);
    const counted = gain < 1e4;
    let ssqTail = 0;
    const count = n - l;
    for (; l < n; l++) {
      const a0 = a[0];
      const pred = (r > 1 ? a[1] : 0) + ph[0] * a0;
      const resid0 = w[l] - mu - pred;
      ssqTail += resid0 * resid0;
      if (resid !== undefined) resid[l] = resid0 / sdGain;
      const k = resid0 * invGain;
      for (let i = 0; i < r; i++) a[i] = (i < r - 1 ? a[i + 1] : 0) + ph[i] * a0 + M[i] * k;
    }
    if (counted) {
      nu += count;
      ssq += ssqTail * invGain;
      sumlog += count * Math.log(gain);
    }
  }
  ws.ssq = ssq;
  ws.sumlog = sumlog;
  ws.nu = nu;
  return true;
}

/** R's armafn value: 0.5 * (log(ssq / nu) + sumlog / nu), the concentrated negative log-likelihood / n. */
export function concentratedObjective(ws: KalmanWorkspace): number {
  return 0.5 * (Math.log(ws.ssq / ws.nu) + ws.sumlog / ws.nu);
}

/**
 * Exact Gaussian log-likelihood of w under ARMA(phi, theta) with mean mu, sigma² concentrated out
 * (sigma² = ssq / nu), as R's arima(method = "ML") reports it at fixed coefficients. NaN-free: returns
 * -Infinity when the stationary covariance does not exist.
 */
export function armaLogLik(
  w: ArrayLike<number>,
  mu: number,
  phi: ArrayLike<number>,
  theta: ArrayLike<number>,
): { loglik: number; sigma2: number } {
  const ws = new KalmanWorkspace(stateDimension(phi.length, theta.length));
  if (!armaFilter(w, mu, phi, 0, phi.length, theta, 0, theta.length, ws)) return { loglik: -Infinity, sigma2: 0 };
  const nu = ws.nu;
  const value = concentratedObjective(ws);
  return { loglik: -0.5 * (2 * nu * value + nu + nu * Math.log(2 * Math.PI)), sigma2: ws.ssq / nu };
}
