// Nelder-Mead minimiser, a line-by-line port of R's `nmmin` (src/appl/optim.c), which R's forecast package calls
// (through its C++ `etsNelderMead`) to fit ETS models. Porting the same algorithm with the same constants
// (reflection 1, contraction 0.5, expansion 2, relative tolerance sqrt(machine epsilon), non-finite values
// replaced by 1e35) lets our ETS fits walk the same path as R's and land on the same optimum, which matters
// because the likelihood surfaces of short yearly series are flat and a different optimiser stops elsewhere.
// Pure: no randomness, no I/O.

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

  let f = fn(bvec);
  if (!Number.isFinite(f)) return { par: [...start], value: Infinity, evaluations: 1, fail: 1 };
  if (n === 0) return { par: [], value: f, evaluations: 1, fail: 0 };

  // P[i][j]: i < n coordinates, i = n the function value; column j = vertex j, column n+1 the centroid.
  const n1 = n + 1;
  const C = n + 2;
  const P: number[][] = Array.from({ length: n1 }, () => new Array<number>(C).fill(0));
  let funcount = 1;
  const convtol = intol * (Math.abs(f) + intol);
  P[n1 - 1][0] = f;
  for (let i = 0; i < n; i++) P[i][0] = bvec[i];
  let L = 1;
  let size = 0;
  let step = 0;
  for (let i = 0; i < n; i++) if (0.1 * Math.abs(bvec[i]) > step) step = 0.1 * Math.abs(bvec[i]);
  if (step === 0) step = 0.1;
  for (let j = 2; j <= n1; j++) {
    for (let i = 0; i < n; i++) P[i][j - 1] = bvec[i];
    let trystep = step;
    while (P[j - 2][j - 1] === bvec[j - 2]) {
      P[j - 2][j - 1] = bvec[j - 2] + trystep;
      trystep *= 10;
    }
    size += trystep;
  }
  let oldsize = size;
  let calcvert = true;
  let fail = 0;
  let VH: number;
  let VL: number;
  let VR: number;
  let H: number;
  do {
    if (calcvert) {
      for (let j = 0; j < n1; j++) {
        if (j + 1 !== L) {
          for (let i = 0; i < n; i++) bvec[i] = P[i][j];
          f = fn(bvec);
          if (!Number.isFinite(f)) f = BIG;
          funcount++;
          P[n1 - 1][j] = f;
        }
      }
      calcvert = false;
    }
    VL = P[n1 - 1][L - 1];
    VH = VL;
    H = L;
    for (let j = 1; j <= n1; j++) {
      if (j !== L) {
        f = P[n1 - 1][j - 1];
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
      let temp = -P[i][H - 1];
      for (let j = 0; j < n1; j++) temp += P[i][j];
      P[i][C - 1] = temp / n;
    }
    for (let i = 0; i < n; i++) bvec[i] = (1 + alpha) * P[i][C - 1] - alpha * P[i][H - 1];
    f = fn(bvec);
    if (!Number.isFinite(f)) f = BIG;
    funcount++;
    VR = f;
    if (VR < VL) {
      P[n1 - 1][C - 1] = f;
      for (let i = 0; i < n; i++) {
        f = gamm * bvec[i] + (1 - gamm) * P[i][C - 1];
        P[i][C - 1] = bvec[i];
        bvec[i] = f;
      }
      f = fn(bvec);
      if (!Number.isFinite(f)) f = BIG;
      funcount++;
      if (f < VR) {
        for (let i = 0; i < n; i++) P[i][H - 1] = bvec[i];
        P[n1 - 1][H - 1] = f;
      } else {
        for (let i = 0; i < n; i++) P[i][H - 1] = P[i][C - 1];
        P[n1 - 1][H - 1] = VR;
      }
    } else {
      if (VR < VH) {
        for (let i = 0; i < n; i++) P[i][H - 1] = bvec[i];
        P[n1 - 1][H - 1] = VR;
      }
      for (let i = 0; i < n; i++) bvec[i] = (1 - bet) * P[i][H - 1] + bet * P[i][C - 1];
      f = fn(bvec);
      if (!Number.isFinite(f)) f = BIG;
      funcount++;
      if (f < P[n1 - 1][H - 1]) {
        for (let i = 0; i < n; i++) P[i][H - 1] = bvec[i];
        P[n1 - 1][H - 1] = f;
      } else if (VR >= VH) {
        // Shrink the simplex towards the best vertex.
        calcvert = true;
        size = 0;
        for (let j = 0; j < n1; j++) {
          if (j + 1 !== L) {
            for (let i = 0; i < n; i++) {
              P[i][j] = bet * (P[i][j] - P[i][L - 1]) + P[i][L - 1];
              size += Math.abs(P[i][j] - P[i][L - 1]);
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
  for (let i = 0; i < n; i++) par[i] = P[i][L - 1];
  if (funcount > maxit) fail = 1;
  return { par, value: P[n1 - 1][L - 1], evaluations: funcount, fail };
}
