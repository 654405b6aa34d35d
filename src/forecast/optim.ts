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

/** The evaluation a Nelder–Mead run waits for (NelderMeadRun.tell), by where the port of nmmin asks for it. */
const Wait = { Start: 0, Vertex: 1, Reflection: 2, Expansion: 3, Contraction: 4, Done: 5 } as const;
type Wait = (typeof Wait)[keyof typeof Wait];

/** Positions in NelderMeadRun's kept doubles. */
const AT_VH = 0;
const AT_VL = 1;
const AT_VR = 2;
const AT_CONVTOL = 3;
const AT_OLDSIZE = 4;

/**
 * One Nelder–Mead minimisation as a sequence of evaluations the caller makes: `point` is where the objective is
 * wanted, `tell(value)` hands its value over and moves to the next point, until `done`. The steps, constants and
 * arithmetic are those of `nelderMead` (a port of R's nmmin), which is this run driven by a loop; callers with
 * several independent minimisations can advance them together and evaluate their points side by side.
 */
export class NelderMeadRun {
  /** The point to evaluate next (read it, do not keep it: it changes with every step). */
  readonly point: number[];
  private wait: Wait = Wait.Start;
  private readonly n: number;
  private readonly abstol: number;
  private readonly intol: number;
  private readonly alpha: number;
  private readonly bet: number;
  private readonly gamm: number;
  private readonly maxit: number;
  private readonly start: number[];
  /** Simplex in one flat array: vertex j (0..n) holds n coordinates then its value, at j·(n + 1); vertex n + 1 is the centroid (R's column C). */
  private readonly P: Float64Array;
  private funcount = 0;
  private L = 0;
  private H = 0;
  /**
   * The doubles the steps keep: VH, VL, VR (worst, best and reflected values), convtol, oldsize. In a typed array:
   * V8 boxes a double stored into an object's field anew on every store, garbage for each evaluation.
   */
  private readonly kept = new Float64Array(5);
  private calcvert = true;
  /** The vertex whose value the Vertex wait is for. */
  private vertex = 0;
  private fail = 0;
  private finalValue = Infinity;
  private finalPar: number[] | undefined;
  private readonly told = new Float64Array(1);

  constructor(start: readonly number[], options: NelderMeadOptions = {}) {
    this.abstol = options.abstol ?? -Infinity;
    this.intol = options.reltol ?? Math.sqrt(Number.EPSILON);
    this.alpha = options.alpha ?? 1;
    this.bet = options.beta ?? 0.5;
    this.gamm = options.gamma ?? 2;
    this.maxit = options.maxit ?? 500;
    this.n = start.length;
    this.start = [...start];
    this.point = [...start];
    this.P = new Float64Array((this.n + 1) * (this.n + 2));
  }

  /** True once the run has its result. */
  get done(): boolean {
    return this.wait === Wait.Done;
  }

  /** The best point, its value, the evaluations used and R's fail code (after `done`). */
  result(): NelderMeadResult {
    return { par: this.finalPar ?? [...this.start], value: this.finalValue, evaluations: this.funcount, fail: this.fail };
  }

  /** The objective's value at `point`; then `point` is the next one to evaluate unless the run is done. */
  tell(value: number): void {
    this.told[0] = value;
    this.tellFrom(this.told, 0);
  }

  /**
   * tell with the value read from values[at]: a double passed as an argument to a call V8 does not inline is boxed
   * on the heap, one garbage object per evaluation, and fitting makes thousands of evaluations per series.
   */
  tellFrom(values: Float64Array, at: number): void {
    const n = this.n;
    const P = this.P;
    const stride = n + 1;
    const cIdx = n + 1;
    const bvec = this.point;
    let f = values[at];
    switch (this.wait) {
      case Wait.Start: {
        if (!Number.isFinite(f)) {
          this.funcount = 1;
          this.finish(Infinity, [...this.start], 1);
          return;
        }
        if (n === 0) {
          this.funcount = 1;
          this.finish(f, [], 0);
          return;
        }
        this.funcount = 1;
        this.kept[AT_CONVTOL] = this.intol * (Math.abs(f) + this.intol);
        P[n] = f;
        for (let i = 0; i < n; i++) P[i] = bvec[i];
        this.L = 0;
        let size = 0;
        let step = 0;
        for (let i = 0; i < n; i++) if (0.1 * Math.abs(bvec[i]) > step) step = 0.1 * Math.abs(bvec[i]);
        if (step === 0) step = 0.1;
        for (let j = 1; j <= n; j++) {
          for (let i = 0; i < n; i++) P[j * stride + i] = bvec[i];
          let trystep = step;
          while (P[j * stride + j - 1] === bvec[j - 1]) {
            P[j * stride + j - 1] = bvec[j - 1] + trystep;
            trystep *= 10;
          }
          size += trystep;
        }
        this.kept[AT_OLDSIZE] = size;
        this.calcvert = true;
        this.fail = 0;
        this.top();
        return;
      }
      case Wait.Vertex: {
        if (!Number.isFinite(f)) f = BIG;
        this.funcount++;
        P[this.vertex * stride + n] = f;
        this.nextVertex(this.vertex + 1);
        return;
      }
      case Wait.Reflection: {
        if (!Number.isFinite(f)) f = BIG;
        this.funcount++;
        const VR = f;
        this.kept[AT_VR] = VR;
        const H = this.H;
        if (VR < this.kept[AT_VL]) {
          P[cIdx * stride + n] = f;
          for (let i = 0; i < n; i++) {
            f = this.gamm * bvec[i] + (1 - this.gamm) * P[cIdx * stride + i];
            P[cIdx * stride + i] = bvec[i];
            bvec[i] = f;
          }
          this.wait = Wait.Expansion;
          return;
        }
        if (VR < this.kept[AT_VH]) {
          for (let i = 0; i < n; i++) P[H * stride + i] = bvec[i];
          P[H * stride + n] = VR;
        }
        for (let i = 0; i < n; i++) bvec[i] = (1 - this.bet) * P[H * stride + i] + this.bet * P[cIdx * stride + i];
        this.wait = Wait.Contraction;
        return;
      }
      case Wait.Expansion: {
        if (!Number.isFinite(f)) f = BIG;
        this.funcount++;
        const H = this.H;
        if (f < this.kept[AT_VR]) {
          for (let i = 0; i < n; i++) P[H * stride + i] = bvec[i];
          P[H * stride + n] = f;
        } else {
          for (let i = 0; i < n; i++) P[H * stride + i] = P[cIdx * stride + i];
          P[H * stride + n] = this.kept[AT_VR];
        }
        this.bottom();
        return;
      }
      case Wait.Contraction: {
        if (!Number.isFinite(f)) f = BIG;
        this.funcount++;
        const H = this.H;
        if (f < P[H * stride + n]) {
          for (let i = 0; i < n; i++) P[H * stride + i] = bvec[i];
          P[H * stride + n] = f;
        } else if (this.kept[AT_VR] >= this.kept[AT_VH]) {
          // Shrink the simplex towards the best vertex.
          const L = this.L;
          this.calcvert = true;
          let size = 0;
          for (let j = 0; j < n + 1; j++) {
            if (j !== L) {
              for (let i = 0; i < n; i++) {
                P[j * stride + i] = this.bet * (P[j * stride + i] - P[L * stride + i]) + P[L * stride + i];
                size += Math.abs(P[j * stride + i] - P[L * stride + i]);
              }
            }
          }
          if (size < this.kept[AT_OLDSIZE]) {
            this.kept[AT_OLDSIZE] = size;
          } else {
            this.fail = 10;
            this.stop();
            return;
          }
        }
        this.bottom();
        return;
      }
      default:
        throw new Error('NelderMeadRun.tell after the run is done');
    }
  }

  /** The end of nmmin's loop body: `while (funcount <= maxit)`. */
  private bottom(): void {
    if (this.funcount <= this.maxit) this.top();
    else this.stop();
  }

  /** The top of nmmin's loop body: the vertices' values after a shrink, then the next reflection. */
  private top(): void {
    if (this.calcvert) this.nextVertex(0);
    else this.reflect();
  }

  /** Asks for the value of the first vertex from `from` on other than the best one, or goes on to the reflection. */
  private nextVertex(from: number): void {
    const n = this.n;
    for (let j = from; j < n + 1; j++) {
      if (j !== this.L) {
        for (let i = 0; i < n; i++) this.point[i] = this.P[j * (n + 1) + i];
        this.vertex = j;
        this.wait = Wait.Vertex;
        return;
      }
    }
    this.calcvert = false;
    this.reflect();
  }

  /** Best and worst vertices, the convergence test, then the reflected point. */
  private reflect(): void {
    const n = this.n;
    const P = this.P;
    const stride = n + 1;
    const cIdx = n + 1;
    let L = this.L;
    let VL = P[L * stride + n];
    let VH = VL;
    let H = L;
    for (let j = 0; j < n + 1; j++) {
      if (j !== L) {
        const f = P[j * stride + n];
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
    this.L = L;
    this.H = H;
    this.kept[AT_VL] = VL;
    this.kept[AT_VH] = VH;
    if (VH <= VL + this.kept[AT_CONVTOL] || VL <= this.abstol) {
      this.stop();
      return;
    }
    for (let i = 0; i < n; i++) {
      let temp = -P[H * stride + i];
      for (let j = 0; j < n + 1; j++) temp += P[j * stride + i];
      P[cIdx * stride + i] = temp / n;
    }
    for (let i = 0; i < n; i++) this.point[i] = (1 + this.alpha) * P[cIdx * stride + i] - this.alpha * P[H * stride + i];
    this.wait = Wait.Reflection;
  }

  /** After the loop: the best vertex is the result. */
  private stop(): void {
    const n = this.n;
    const par = new Array<number>(n);
    for (let i = 0; i < n; i++) par[i] = this.P[this.L * (n + 1) + i];
    this.finish(this.P[this.L * (n + 1) + n], par, this.funcount > this.maxit ? 1 : this.fail);
  }

  private finish(value: number, par: number[], fail: number): void {
    this.finalValue = value;
    this.finalPar = par;
    this.fail = fail;
    this.wait = Wait.Done;
  }
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
  const run = new NelderMeadRun(start, options);
  const into = options.into;
  const out = new Float64Array(1);
  while (!run.done) {
    if (into !== undefined) into(run.point, out);
    else out[0] = fn(run.point);
    run.tellFrom(out, 0);
  }
  return run.result();
}
