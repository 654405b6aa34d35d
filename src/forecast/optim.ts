// Nelder-Mead, a line-by-line port of R's nmmin with its constants, so our ETS fits walk R's path and land on
// its optimum on the flat likelihoods of short yearly series. Pure.

/** Value standing in for a non-finite objective, as R's `big`. */
const BIG = 1.0e35;

export interface NelderMeadOptions {
  /** Stop when the best value is at or below this (R: abstol, default -Infinity). */
  abstol?: number;
  /** Relative convergence tolerance (R: reltol, default sqrt(.Machine$double.eps)). */
  reltol?: number;
  /** Reflection, contraction and expansion coefficients (R: 1, 0.5, 2). */
  alpha?: number;
  beta?: number;
  gamma?: number;
  /** Maximum number of function evaluations (R's ets: 2000). */
  maxit?: number;
  /**
   * `fn` writing its value into out[0] instead of returning it: the same numbers, without the heap-allocated
   * number a returned double costs per evaluation in V8 (garbage the worker threads then spend time collecting).
   */
  into?: (par: number[], out: Float64Array) => void;
}

export interface NelderMeadResult {
  par: number[];
  value: number;
  /** Function evaluations used. */
  evaluations: number;
  /** 0 converged, 1 evaluation limit reached, 10 simplex stopped shrinking (R's codes). */
  fail: number;
}

/**
 * Minimise `fn` from `start` by the Nelder-Mead simplex method exactly as R's `optim(method = "Nelder-Mead")`.
 * The start must give a finite value: R stops with an error otherwise; here the start comes back with
 * `value: Infinity` and `fail: 1`, for the caller to treat as "cannot fit".
 *
 * @example nelderMead(([x, y]) => (x - 1) ** 2 + (y + 2) ** 2, [0, 0]).par // ≈ [1, -2]
 */
export function nelderMead(
  fn: (par: number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const abstol = options.abstol ?? -Infinity;
  const intol = options.reltol ?? Math.sqrt(Number.EPSILON);
  const alpha = options.alpha ?? 1;
  const bet = options.beta ?? 0.5;
  const gamm = options.gamma ?? 2;
  const maxit = options.maxit ?? 500;
  const n = start.length;
  const bvec = [...start];

  const into = options.into;
  const out = new Float64Array(1);
  /** fn at bvec, into out[0]. */
  const evaluate = (): void => {
    if (into !== undefined) into(bvec, out);
    else out[0] = fn(bvec);
  };
  evaluate();
  let f = out[0];
  if (!Number.isFinite(f)) return { par: [...start], value: Infinity, evaluations: 1, fail: 1 };
  if (n === 0) return { par: [], value: f, evaluations: 1, fail: 0 };

  // Simplex in one flat array: vertex j (0..n) holds n coordinates then its function value, at j·(n + 1);
  // vertex n + 1 is the centroid (R's column C). Same arithmetic, in the same order, as R's P[i][j].
  const n1 = n + 1;
  const stride = n1;
  const P = new Float64Array(stride * (n + 2));
  const at = (i: number, j: number) => j * stride + i; // coordinate i (or the value when i = n) of vertex j
  const cIdx = n + 1; // centroid column (R: C - 1)
  let funcount = 1;
  const convtol = intol * (Math.abs(f) + intol);
  P[at(n, 0)] = f;
  for (let i = 0; i < n; i++) P[at(i, 0)] = bvec[i];
  let L = 0; // best vertex (R: L - 1)
  let size = 0;
  let step = 0;
  for (let i = 0; i < n; i++) if (0.1 * Math.abs(bvec[i]) > step) step = 0.1 * Math.abs(bvec[i]);
  if (step === 0) step = 0.1;
  for (let j = 1; j <= n; j++) {
    for (let i = 0; i < n; i++) P[at(i, j)] = bvec[i];
    let trystep = step;
    while (P[at(j - 1, j)] === bvec[j - 1]) {
      P[at(j - 1, j)] = bvec[j - 1] + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  let oldsize = size;
  let calcvert = true;
  let fail = 0;
  let VH = 0;
  let VL = 0;
  let VR = 0;
  let H = 0;
  do {
    if (calcvert) {
      for (let j = 0; j < n1; j++) {
        if (j !== L) {
          for (let i = 0; i < n; i++) bvec[i] = P[at(i, j)];
          evaluate();
          f = out[0];
          if (!Number.isFinite(f)) f = BIG;
          funcount++;
          P[at(n, j)] = f;
        }
      }
      calcvert = false;
    }
    VL = P[at(n, L)];
    VH = VL;
    H = L;
    for (let j = 0; j < n1; j++) {
      if (j !== L) {
        f = P[at(n, j)];
        if (f < VL) {
          L = j;
          VL = f;
        }
        if (f > VH) {
          H = j;
          VH = f;
        }
      }
    }
    if (VH <= VL + convtol || VL <= abstol) break;

    for (let i = 0; i < n; i++) {
      let temp = -P[at(i, H)];
      for (let j = 0; j < n1; j++) temp += P[at(i, j)];
      P[at(i, cIdx)] = temp / n;
    }
    for (let i = 0; i < n; i++) bvec[i] = (1 + alpha) * P[at(i, cIdx)] - alpha * P[at(i, H)];
    evaluate();
    f = out[0];
    if (!Number.isFinite(f)) f = BIG;
    funcount++;
    VR = f;
    if (VR < VL) {
      P[at(n, cIdx)] = f;
      for (let i = 0; i < n; i++) {
        f = gamm * bvec[i] + (1 - gamm) * P[at(i, cIdx)];
        P[at(i, cIdx)] = bvec[i];
        bvec[i] = f;
      }
      evaluate();
      f = out[0];
      if (!Number.isFinite(f)) f = BIG;
      funcount++;
      if (f < VR) {
        for (let i = 0; i < n; i++) P[at(i, H)] = bvec[i];
        P[at(n, H)] = f;
      } else {
        for (let i = 0; i < n; i++) P[at(i, H)] = P[at(i, cIdx)];
        P[at(n, H)] = VR;
      }
    } else {
      if (VR < VH) {
        for (let i = 0; i < n; i++) P[at(i, H)] = bvec[i];
        P[at(n, H)] = VR;
      }
      for (let i = 0; i < n; i++) bvec[i] = (1 - bet) * P[at(i, H)] + bet * P[at(i, cIdx)];
      evaluate();
      f = out[0];
      if (!Number.isFinite(f)) f = BIG;
      funcount++;
      if (f < P[at(n, H)]) {
        for (let i = 0; i < n; i++) P[at(i, H)] = bvec[i];
        P[at(n, H)] = f;
      } else if (VR >= VH) {
        // Shrink the simplex towards the best vertex.
        calcvert = true;
        size = 0;
        for (let j = 0; j < n1; j++) {
          if (j !== L) {
            for (let i = 0; i < n; i++) {
              P[at(i, j)] = bet * (P[at(i, j)] - P[at(i, L)]) + P[at(i, L)];
              size += Math.abs(P[at(i, j)] - P[at(i, L)]);
            }
          }
        }
        if (size < oldsize) {
          oldsize = size;
        } else {
          fail = 10;
          break;
        }
      }
    }
  } while (funcount <= maxit);

  const par = new Array<number>(n);
  for (let i = 0; i < n; i++) par[i] = P[at(i, L)];
  if (funcount > maxit) fail = 1;
  return { par, value: P[at(n, L)], evaluations: funcount, fail };
}
