// Non-seasonal ETS models as R's forecast package fits them: etscalc's recursions and likelihood, R's starting
// values and bounds, Nelder-Mead, class 1 and 2 variances, and HoltWintersZZ for short series. Pure.

import { NelderMeadRun, nelderMead } from '../optim.js';

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

/** levelObjective for two series at once: each sum and level in its own order, so each value is levelObjective's. */
function levelObjectivePair(ya: Float64Array, pa: Float64Array, yb: Float64Array, pb: Float64Array, lik: boolean): void {
  const na = ya.length;
  const nb = yb.length;
  const both = na < nb ? na : nb;
  const alphaA = pa[0];
  const alphaB = pb[0];
  let la = pa[3];
  let lb = pb[3];
  let sumA = 0;
  let sumB = 0;
  // Two independent recursions in one loop: the processor runs one while the other waits for its last result.
  for (let i = 0; i < both; i++) {
    const da = ya[i] - la;
    sumA += da * da;
    la = la + alphaA * da;
    const db = yb[i] - lb;
    sumB += db * db;
    lb = lb + alphaB * db;
  }
  for (let i = both; i < na; i++) {
    const da = ya[i] - la;
    sumA += da * da;
    la = la + alphaA * da;
  }
  for (let i = both; i < nb; i++) {
    const db = yb[i] - lb;
    sumB += db * db;
    lb = lb + alphaB * db;
  }
  pa[5] = lik ? na * Math.log(sumA) : sumA / na;
  pb[5] = lik ? nb * Math.log(sumB) : sumB / nb;
}

/** trendObjective for two series at once: each in its own order, so each value is trendObjective's. */
function trendObjectivePair(ya: Float64Array, pa: Float64Array, yb: Float64Array, pb: Float64Array, lik: boolean): void {
  const na = ya.length;
  const nb = yb.length;
  const both = na < nb ? na : nb;
  const alphaA = pa[0];
  const alphaB = pb[0];
  const phiA = pa[2];
  const phiB = pb[2];
  const ratioA = pa[1] / alphaA;
  const ratioB = pb[1] / alphaB;
  let la = pa[3];
  let ba = pa[4];
  let lb = pb[3];
  let bb = pb[4];
  let sumA = 0;
  let sumB = 0;
  for (let i = 0; i < both; i++) {
    const phibA = phiA * ba;
    const fa = la + phibA;
    const da = ya[i] - fa;
    sumA += da * da;
    const levelA = fa + alphaA * da;
    ba = phibA + ratioA * (levelA - la - phibA);
    la = levelA;
    const phibB = phiB * bb;
    const fb = lb + phibB;
    const db = yb[i] - fb;
    sumB += db * db;
    const levelB = fb + alphaB * db;
    bb = phibB + ratioB * (levelB - lb - phibB);
    lb = levelB;
  }
  for (let i = both; i < na; i++) {
    const phibA = phiA * ba;
    const fa = la + phibA;
    const da = ya[i] - fa;
    sumA += da * da;
    const levelA = fa + alphaA * da;
    ba = phibA + ratioA * (levelA - la - phibA);
    la = levelA;
  }
  for (let i = both; i < nb; i++) {
    const phibB = phiB * bb;
    const fb = lb + phibB;
    const db = yb[i] - fb;
    sumB += db * db;
    const levelB = fb + alphaB * db;
    bb = phibB + ratioB * (levelB - lb - phibB);
    lb = levelB;
  }
  pa[5] = lik ? na * Math.log(sumA) : sumA / na;
  pb[5] = lik ? nb * Math.log(sumB) : sumB / nb;
}

/**
 * One series' ETS fit in progress: R's Nelder–Mead run over [alpha, beta?, phi?, l0, b0?] and the objective's
 * data. The objective's parameters and value live in `args` (objectiveValue's p): doubles passed as arguments or
 * returned are boxed on the heap in V8, and that was most of the garbage a theta fit made (bench/README.md).
 */
class EtsSearch {
  readonly run: NelderMeadRun;
  readonly yy: Float64Array;
  readonly args = new Float64Array(6);
  readonly trend: boolean;
  readonly mult: boolean;
  readonly lik: boolean;
  private readonly damped: boolean;
  // Positions in the optimiser's vector [alpha, beta?, phi?, l0, b0?].
  private readonly iBeta: number;
  private readonly iPhi: number;
  private readonly iLevel: number;

  constructor(y: readonly number[], spec: EtsSpec, optCrit: 'lik' | 'mse', start: number[], reltol: number) {
    const n = y.length;
    // Copied by a loop: Float64Array.from walks an iterator, one garbage object per value.
    this.yy = new Float64Array(n);
    for (let i = 0; i < n; i++) this.yy[i] = y[i];
    this.trend = spec.trend === 'A';
    this.mult = spec.error === 'M';
    this.lik = optCrit === 'lik';
    this.damped = spec.damped;
    this.iBeta = this.trend ? 1 : -1;
    this.iPhi = spec.damped ? (this.trend ? 2 : 1) : -1;
    this.iLevel = 1 + (this.trend ? 1 : 0) + (spec.damped ? 1 : 0);
    this.run = new NelderMeadRun(start, { maxit: 2000, reltol });
  }

  /** Loads the run's point into args; false where it breaks R's bounds (the objective is then Infinity). */
  load(): boolean {
    const par = this.run.point;
    const args = this.args;
    args[0] = par[0];
    args[1] = this.trend ? par[this.iBeta] : 0;
    args[2] = this.damped ? par[this.iPhi] : 1;
    if (!paramsOk(args[0], args[1], args[2], this.trend, this.damped)) return false;
    args[3] = par[this.iLevel];
    args[4] = this.trend ? par[this.iLevel + 1] : 0;
    return true;
  }

  /** The objective at the loaded point into args[5]. */
  evaluate(): void {
    if (this.mult) objectiveValue(this.yy, this.trend, this.mult, this.lik, this.args);
    else if (this.trend) trendObjective(this.yy, this.lik, this.args);
    else levelObjective(this.yy, this.lik, this.args);
  }

  /** Hands the value in args[5] to the optimiser, as forecast's target function returns it. */
  tell(): void {
    const args = this.args;
    const value = args[5];
    if (this.lik && value < -1e10) args[5] = -1e10; // avoid perfect fits, as forecast's target function
    else if (Number.isNaN(value)) args[5] = Infinity;
    this.run.tellFrom(args, 5);
  }

  /** Tells the optimiser its point is outside R's bounds (the objective is Infinity there). */
  refuse(): void {
    this.args[5] = Infinity;
    this.run.tellFrom(this.args, 5);
  }
}

/** Both searches' objectives at their loaded points: side by side where they share a recursion, else one by one. */
function evaluatePair(a: EtsSearch, b: EtsSearch): void {
  if (a.mult || b.mult || a.trend !== b.trend || a.lik !== b.lik) {
    a.evaluate();
    b.evaluate();
  } else if (a.trend) trendObjectivePair(a.yy, a.args, b.yy, b.args, a.lik);
  else levelObjectivePair(a.yy, a.args, b.yy, b.args, a.lik);
}

/**
 * Runs the searches to their ends, advancing all of them together and evaluating their points two at a time. Each
 * search takes the steps it would take alone (its values are computed by the same arithmetic), so the results do
 * not depend on which searches run together; only the time does, as two recursions share the processor's wait.
 */
function runSearches(searches: EtsSearch[]): void {
  if (searches.length === 1) {
    const s = searches[0];
    while (!s.run.done) {
      if (s.load()) {
        s.evaluate();
        s.tell();
      } else s.refuse();
    }
    return;
  }
  const active = searches.slice();
  while (active.length > 0) {
    // A search whose point is loaded waits here for a second one to be evaluated with.
    let held: EtsSearch | undefined;
    for (const s of active) {
      if (!s.load()) s.refuse();
      else if (held === undefined) held = s;
      else {
        evaluatePair(held, s);
        held.tell();
        s.tell();
        held = undefined;
      }
    }
    if (held !== undefined) {
      held.evaluate();
      held.tell();
    }
    let k = 0;
    for (const s of active) if (!s.run.done) active[k++] = s;
    active.length = k;
  }
}

/** A state space fit (EtsModel); fitted values and errors are the recursion run again when first read. */
class StateSpaceModel implements EtsModel {
  readonly kind = 'ets' as const;
  private fittedValues: number[] | undefined;
  private errorValues: number[] | undefined;

  constructor(
    private readonly y: readonly number[],
    readonly spec: EtsSpec,
    readonly alpha: number,
    readonly beta: number,
    readonly phi: number,
    readonly l0: number,
    readonly b0: number,
    readonly lastLevel: number,
    readonly lastTrend: number,
    readonly sigma2: number,
    readonly lik: number,
    readonly aic: number,
    readonly aicc: number,
    readonly bic: number,
  ) {}

  get label(): string {
    return specLabel(this.spec);
  }

  get fitted(): number[] {
    if (this.fittedValues === undefined) this.fill();
    return this.fittedValues!;
  }

  get errors(): number[] {
    if (this.errorValues === undefined) this.fill();
    return this.errorValues!;
  }

  private fill(): void {
    const n = this.y.length;
    this.fittedValues = new Array<number>(n);
    this.errorValues = new Array<number>(n);
    etsCalc(this.y, this.spec, this.alpha, this.beta, this.phi, this.l0, this.b0, this.fittedValues, this.errorValues);
  }
}

/** The model at the end of a search, or undefined where R gives up (an objective not finite at the start). */
function searchedModel(y: readonly number[], spec: EtsSpec, search: EtsSearch): EtsModel | undefined {
  const n = y.length;
  const opt = search.run.result();
  if (!Number.isFinite(opt.value)) return undefined;
  const np = opt.par.length;
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
  return new StateSpaceModel(y, spec, alpha, beta, phi, p.l0, p.b0, r.lastLevel, r.lastTrend, r.sse / (n - np), r.lik, aic, aicc, bic);
}

/**
 * Fit one ETS model to each series by R's `etsmodel`, the series' optimisations run side by side (runSearches):
 * each result is what fitEtsModel gives for that series alone.
 */
export function fitEtsModels(
  ys: readonly (readonly number[])[],
  spec: EtsSpec,
  optCrit: 'lik' | 'mse',
  reltol = Math.sqrt(Number.EPSILON),
): (EtsModel | undefined)[] {
  const searches: (EtsSearch | undefined)[] = ys.map((y) => {
    const start = initialParams(spec);
    for (const state of initialStates(y, spec.trend)) start.push(state);
    return start.length >= y.length - 1 ? undefined : new EtsSearch(y, spec, optCrit, start, reltol);
  });
  runSearches(searches.filter((s) => s !== undefined));
  return ys.map((y, i) => {
    const search = searches[i];
    return search === undefined ? undefined : searchedModel(y, spec, search);
  });
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
  return fitEtsModels([y], spec, optCrit, reltol)[0];
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
