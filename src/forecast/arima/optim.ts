// A port of R's optim(method = "BFGS") (vmmin, optim's finite-difference gradient, optimhess): ARIMA likelihoods
// are flat, so a different optimiser would land on visibly different coefficients than R's.

/** Objective over the unscaled parameter vector; may return a non-finite value (treated as "too far"). */
export type Objective = (par: Float64Array) => number;

/** Thrown where R's optim stops with an error (non-finite start or finite difference): the fit fails. */
export class OptimError extends Error {}

export interface OptimResult {
  par: Float64Array;
  value: number;
  /** 0 converged, 1 iteration limit reached (R's `convergence`). */
  convergence: number;
}

const NDEPS = 1e-3;
const STEPREDN = 0.2;
const ACCTOL = 1e-4;
const RELTEST = 10.0;
const RELTOL = 1.490116119384765625e-8; // sqrt(.Machine$double.eps)

/** Scratch space so one minimisation allocates once, not per evaluation. */
class Scaled {
  readonly x: Float64Array;
  constructor(
    readonly fn: Objective,
    readonly parscale: Float64Array,
  ) {
    this.x = new Float64Array(parscale.length);
  }
  /** f at scaled point b (x = b * parscale), as optim's fminfn. */
  value(b: Float64Array): number {
    const n = b.length;
    for (let i = 0; i < n; i++) this.x[i] = b[i] * this.parscale[i];
    return this.fn(this.x);
  }
  /** Central differences in the scaled space, as optim's fmingr without an analytic gradient. */
  gradient(b: Float64Array, g: Float64Array): void {
    const n = b.length;
    const x = this.x;
    for (let i = 0; i < n; i++) x[i] = b[i] * this.parscale[i];
    for (let i = 0; i < n; i++) {
      x[i] = (b[i] + NDEPS) * this.parscale[i];
      const v1 = this.fn(x);
      x[i] = (b[i] - NDEPS) * this.parscale[i];
      const v2 = this.fn(x);
      const d = (v1 - v2) / (2 * NDEPS);
      if (!Number.isFinite(d)) throw new OptimError(`non-finite finite-difference value [${i + 1}]`);
      g[i] = d;
      x[i] = b[i] * this.parscale[i];
    }
  }
}

/**
 * Minimise fn from init by BFGS exactly as R's optim(method = "BFGS", control = list(parscale, maxit))
 * does (reltol sqrt(eps), abstol -Inf). Throws OptimError where R would stop with an error.
 */
export function bfgs(fn: Objective, init: Float64Array, parscale: Float64Array, maxit = 100): OptimResult {
  const n = init.length;
  const s = new Scaled(fn, parscale);
  const b = new Float64Array(n);
  for (let i = 0; i < n; i++) b[i] = init[i] / parscale[i];
  const unscale = (): Float64Array => {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = b[i] * parscale[i];
    return out;
  };
  if (maxit <= 0 || n === 0) {
    return { par: unscale(), value: s.value(b), convergence: 0 };
  }
  const g = new Float64Array(n);
  const t = new Float64Array(n);
  const X = new Float64Array(n);
  const c = new Float64Array(n);
  const B = new Float64Array(n * n); // lower triangle used, B[i*n+j] with j <= i

  let f = s.value(b);
  if (!Number.isFinite(f)) throw new OptimError("initial value in 'vmmin' is not finite");
  let fmin = f;
  let gradcount = 1;
  s.gradient(b, g);
  let iter = 1;
  let ilast = gradcount;
  let count = 0;

  do {
    if (ilast === gradcount) {
      B.fill(0);
      for (let i = 0; i < n; i++) B[i * n + i] = 1;
    }
    for (let i = 0; i < n; i++) {
      X[i] = b[i];
      c[i] = g[i];
    }
    let gradproj = 0;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let j = 0; j <= i; j++) sum -= B[i * n + j] * g[j];
      for (let j = i + 1; j < n; j++) sum -= B[j * n + i] * g[j];
      t[i] = sum;
      gradproj += sum * g[i];
    }
    if (gradproj < 0) {
      let steplength = 1.0;
      let accpoint = false;
      do {
        count = 0;
        for (let i = 0; i < n; i++) {
          b[i] = X[i] + steplength * t[i];
          if (RELTEST + X[i] === RELTEST + b[i]) count++;
        }
        if (count < n) {
          f = s.value(b);
          accpoint = Number.isFinite(f) && f <= fmin + gradproj * steplength * ACCTOL;
          if (!accpoint) steplength *= STEPREDN;
        }
      } while (!(count === n || accpoint));
      const enough = f > -Infinity && Math.abs(f - fmin) > RELTOL * (Math.abs(fmin) + RELTOL);
      if (!enough) {
        count = n;
        fmin = f;
      }
      if (count < n) {
        fmin = f;
        s.gradient(b, g);
        gradcount++;
        iter++;
        let D1 = 0;
        for (let i = 0; i < n; i++) {
          t[i] = steplength * t[i];
          c[i] = g[i] - c[i];
          D1 += t[i] * c[i];
        }
        if (D1 > 0) {
          let D2 = 0;
          for (let i = 0; i < n; i++) {
            let sum = 0;
            for (let j = 0; j <= i; j++) sum += B[i * n + j] * c[j];
            for (let j = i + 1; j < n; j++) sum += B[j * n + i] * c[j];
            X[i] = sum;
            D2 += sum * c[i];
          }
          D2 = 1.0 + D2 / D1;
          for (let i = 0; i < n; i++) {
            for (let j = 0; j <= i; j++) B[i * n + j] += (D2 * t[i] * t[j] - X[i] * t[j] - t[i] * X[j]) / D1;
          }
        } else {
          ilast = gradcount;
        }
      } else if (ilast < gradcount) {
        count = 0;
        ilast = gradcount;
      }
    } else {
      count = 0;
      if (ilast === gradcount) count = n;
      else ilast = gradcount;
    }
    if (iter >= maxit) break;
    if (gradcount - ilast > 2 * n) ilast = gradcount;
  } while (count !== n || ilast !== gradcount);

  return { par: unscale(), value: fmin, convergence: iter < maxit ? 0 : 1 };
}

/**
 * Numerical Hessian of fn at par as R's optimhess (differences of finite-difference gradients,
 * symmetrised), row-major n×n. Throws OptimError on a non-finite difference.
 */
export function optimHessian(fn: Objective, par: Float64Array, parscale: Float64Array): Float64Array {
  const n = par.length;
  const s = new Scaled(fn, parscale);
  const dpar = new Float64Array(n);
  for (let i = 0; i < n; i++) dpar[i] = par[i] / parscale[i];
  const df1 = new Float64Array(n);
  const df2 = new Float64Array(n);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const eps = NDEPS / parscale[i];
    dpar[i] += eps;
    s.gradient(dpar, df1);
    dpar[i] -= 2 * eps;
    s.gradient(dpar, df2);
    for (let j = 0; j < n; j++) H[i * n + j] = (df1[j] - df2[j]) / (2 * eps * parscale[i] * parscale[j]);
    dpar[i] += eps;
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const m = 0.5 * (H[i * n + j] + H[j * n + i]);
      H[i * n + j] = m;
      H[j * n + i] = m;
    }
  }
  return H;
}

/**
 * Inverse of a small dense matrix (row-major) by Gauss–Jordan with partial pivoting; undefined when the
 * matrix is singular to working precision (where R's solve() stops with an error).
 */
export function invert(A: Float64Array, n: number): Float64Array | undefined {
  const M = Float64Array.from(A);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(A[i]));
  if (!(scale > 0) || !Number.isFinite(scale)) return undefined;
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(M[r * n + col]) > Math.abs(M[piv * n + col])) piv = r;
    const pv = M[piv * n + col];
    if (Math.abs(pv) <= scale * 1e-14) return undefined;
    if (piv !== col) {
      for (let k = 0; k < n; k++) {
        let tmp = M[col * n + k];
        M[col * n + k] = M[piv * n + k];
        M[piv * n + k] = tmp;
        tmp = inv[col * n + k];
        inv[col * n + k] = inv[piv * n + k];
        inv[piv * n + k] = tmp;
      }
    }
    for (let k = 0; k < n; k++) {
      M[col * n + k] /= pv;
      inv[col * n + k] /= pv;
    }
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const fct = M[r * n + col];
      if (fct === 0) continue;
      for (let k = 0; k < n; k++) {
        M[r * n + k] -= fct * M[col * n + k];
        inv[r * n + k] -= fct * inv[col * n + k];
      }
    }
  }
  return inv;
}
