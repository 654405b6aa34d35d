// Logistic growth between a floor and a cap (shares, adoption): a line on the logit scale (or Levenberg–Marquardt
// for logistic-nls), the cap estimated when not given, intervals bootstrapped on the logit scale.

import { SemicapError } from '../errors.js';
import { checkHorizon, checkSeries, levelsOf } from './common.js';
import { bootstrapIntervals, zeroWidthIntervals } from './intervals.js';
import { fitLine, type LineFit } from './trend.js';
import type { FitOptions, Fitted, Forecast, ForecastOptions, Interval, Method } from './types.js';
import { say } from '../messages.js';

/** Logistic function 1/(1 + e^−z), computed without overflow for large |z|. */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** log(p / (1 − p)) for 0 < p < 1. */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}

const MIN_OFFSET = 1e-9;

/** How far values on a bound are moved inside (fraction of the range): docs/module-notes.md. */
export function boundOffset(proportions: readonly number[]): number {
  let offset = 0.01;
  for (const p of proportions) {
    if (p > 0 && p < 1) offset = Math.min(offset, p / 2, (1 - p) / 2);
  }
  // Never below 1e-9 (logit ±20.7): a value a hair off a bound (or subnormal) must not make the logit infinite.
  return Math.max(offset, MIN_OFFSET);
}

/** Proportions of the range (y − floor)/(cap − floor), moved off the bounds, on the logit scale. */
export function logitScale(y: readonly number[], floor: number, cap: number): number[] {
  const proportions = y.map((v) => (v - floor) / (cap - floor));
  const offset = boundOffset(proportions);
  return proportions.map((p) => logit(Math.min(Math.max(p, offset), 1 - offset)));
}

function curve(floor: number, cap: number, z: number): number {
  return floor + (cap - floor) * sigmoid(z);
}

/** How the curve is fitted: OLS on the logit scale, or nonlinear least squares on the original scale. */
export type LogisticEstimation = 'logit' | 'nls';

function curveSse(y: readonly number[], floor: number, cap: number, intercept: number, slope: number): number {
  let sse = 0;
  for (let i = 0; i < y.length; i++) sse += (y[i] - curve(floor, cap, intercept + slope * (i + 1))) ** 2;
  return sse;
}

/**
 * Levenberg–Marquardt for (a, b) in y_t ≈ floor + (cap − floor)·σ(a + b·t), started at `start`; time is centred
 * for conditioning. Returns the start unchanged when no step lowers the squared error.
 */
export function nlsLine(
  y: readonly number[],
  floor: number,
  cap: number,
  start: { intercept: number; slope: number },
): { intercept: number; slope: number } {
  const n = y.length;
  const tMean = (n + 1) / 2;
  const range = cap - floor;
  // Parameters: c = a + b·t̄ (level at the centre) and b.
  let c = start.intercept + start.slope * tMean;
  let b = start.slope;
  let sse = curveSse(y, floor, cap, c - b * tMean, b);
  let lambda = 1e-3;
  for (let iteration = 0; iteration < 200; iteration++) {
    let jcc = 0;
    let jcb = 0;
    let jbb = 0;
    let gc = 0;
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const u = i + 1 - tMean;
      const s = sigmoid(c + b * u);
      const d = range * s * (1 - s);
      const r = y[i] - (floor + range * s);
      jcc += d * d;
      jcb += d * d * u;
      jbb += d * d * u * u;
      gc += d * r;
      gb += d * r * u;
    }
    let improved = false;
    while (lambda < 1e12) {
      const acc = jcc * (1 + lambda) + 1e-300;
      const abb = jbb * (1 + lambda) + 1e-300;
      const det = acc * abb - jcb * jcb;
      if (!(det > 0)) {
        lambda *= 10;
        continue;
      }
      const dc = (abb * gc - jcb * gb) / det;
      const db = (acc * gb - jcb * gc) / det;
      const trial = curveSse(y, floor, cap, c + dc - (b + db) * tMean, b + db);
      if (Number.isFinite(trial) && trial < sse) {
        const relative = (sse - trial) / Math.max(sse, 1e-300);
        c += dc;
        b += db;
        sse = trial;
        lambda = Math.max(lambda / 10, 1e-12);
        improved = relative > 1e-12;
        break;
      }
      lambda *= 10;
    }
    if (!improved) break;
  }
  return { intercept: c - b * tMean, slope: b };
}

/** The line on the logit scale by the chosen estimation; residuals and σ² on the logit scale. */
function logisticLine(y: readonly number[], floor: number, cap: number, estimation: LogisticEstimation): LineFit {
  const z = logitScale(y, floor, cap);
  const ols = fitLine(z);
  if (estimation === 'logit' || y.length < 3) return ols;
  const { intercept, slope } = nlsLine(y, floor, cap, ols);
  const fitted = z.map((_, i) => intercept + slope * (i + 1));
  const residuals = z.map((v, i) => v - fitted[i]);
  let ssr = 0;
  for (const e of residuals) ssr += e * e;
  return { ...ols, intercept, slope, fitted, residuals, sigma2: ssr / (y.length - 2) };
}

function squaredError(y: readonly number[], floor: number, cap: number, estimation: LogisticEstimation = 'logit'): number {
  const line = logisticLine(y, floor, cap, estimation);
  let sse = 0;
  for (let i = 0; i < y.length; i++) sse += (y[i] - curve(floor, cap, line.fitted[i])) ** 2;
  return sse;
}

export interface CapEstimate {
  cap: number;
  /** True when the best cap is the largest one searched: the data show no saturation. */
  atSearchLimit: boolean;
}

/** Least squares cap above max(y) (docs/module-notes.md); y must have 4+ values and not be constant. */
export function estimateCap(y: readonly number[], floor: number, estimation: LogisticEstimation = 'logit'): CapEstimate {
  const max = Math.max(...y);
  const range = max - floor;
  // Search over s = log(cap − max) − log(range) in [log 0.001, log 100].
  const capOf = (s: number) => max + range * Math.exp(s);
  const objective = (s: number) => squaredError(y, floor, capOf(s), estimation);
  const low = Math.log(0.001);
  const high = Math.log(100);
  const steps = 60;
  let bestIndex = 0;
  let bestValue = Infinity;
  for (let i = 0; i <= steps; i++) {
    const value = objective(low + ((high - low) * i) / steps);
    if (value < bestValue) {
      bestValue = value;
      bestIndex = i;
    }
  }
  const step = (high - low) / steps;
  let a = low + step * Math.max(bestIndex - 1, 0);
  let b = low + step * Math.min(bestIndex + 1, steps);
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = objective(c);
  let fd = objective(d);
  for (let i = 0; i < 40; i++) {
    if (fc <= fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - ratio * (b - a);
      fc = objective(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + ratio * (b - a);
      fd = objective(d);
    }
  }
  const s = fc <= fd ? c : d;
  const best = Math.min(fc, fd) <= bestValue ? s : low + step * bestIndex;
  return { cap: capOf(best), atSearchLimit: bestIndex === steps };
}

/** Intercept and slope of y on t = 1..n (closed form, allocation-free: used once per bootstrap path). */
function refitLine(z: Float64Array, n: number, tMean: number, stt: number): { intercept: number; slope: number } {
  let zSum = 0;
  for (let i = 0; i < n; i++) zSum += z[i];
  const zMean = zSum / n;
  let stz = 0;
  for (let i = 0; i < n; i++) stz += (i + 1 - tMean) * (z[i] - zMean);
  const slope = stz / stt;
  return { intercept: zMean - slope * tMean, slope };
}

function resolveBounds(y: readonly number[], options: FitOptions): { floor: number; cap: number | undefined } {
  const floor = options.floor ?? 0;
  const cap = options.cap;
  if (!Number.isFinite(floor)) throw new SemicapError('usage', say('error.logFloor', { floor }));
  if (cap !== undefined && !(Number.isFinite(cap) && cap > floor)) {
    throw new SemicapError('usage', say('error.logCap', { floor, cap }));
  }
  y.forEach((v, i) => {
    if (v < floor) {
      throw new SemicapError('data', say('error.logBelowFloor', { floor, value: v, position: i + 1 }));
    }
    if (cap !== undefined && v > cap) {
      throw new SemicapError('data', say('error.logAboveCap', { cap, value: v, position: i + 1 }));
    }
  });
  return { floor, cap };
}

function flatFit(y: readonly number[], params: Record<string, number | string>, name: string): Fitted {
  const value = y[y.length - 1];
  return {
    method: name,
    fitted: y.map(() => value),
    residuals: y.map((v) => v - value),
    params,
    forecast(h: number, options?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = levelsOf(options);
      const mean = new Array<number>(h).fill(value);
      return { method: name, mean, intervals: zeroWidthIntervals(mean, levels) };
    },
  };
}

function bootstrapLogistic(
  line: LineFit,
  logitResiduals: readonly number[],
  floor: number,
  cap: number,
  h: number,
  levels: readonly number[],
  options: ForecastOptions | undefined,
  center: boolean,
): Interval[] {
  const n = line.n;
  const inflation = Math.sqrt(n / (n - 2));
  const residuals = logitResiduals.map((e) => e * inflation);
  const pseudo = new Float64Array(n);
  return bootstrapIntervals(
    h,
    residuals,
    (draw) => {
      for (let i = 0; i < n; i++) pseudo[i] = line.fitted[i] + draw();
      const refit = refitLine(pseudo, n, line.tMean, line.stt);
      const path = new Float64Array(h);
      for (let k = 0; k < h; k++) path[k] = curve(floor, cap, refit.intercept + refit.slope * (n + k + 1) + draw());
      return path;
    },
    { levels, center, ...(options?.seed !== undefined ? { seed: options.seed } : {}), ...(options?.paths !== undefined ? { paths: options.paths } : {}) },
  );
}

/** Fit the logistic curve (docs/module-notes.md). */
export function fitLogistic(y: readonly number[], options: FitOptions = {}, estimation: LogisticEstimation = 'logit'): Fitted {
  const name = estimation === 'nls' ? 'logistic-nls' : 'logistic';
  checkSeries(y, 'logistic');
  const bounds = resolveBounds(y, options);
  const floor = bounds.floor;
  const isConstant = y.every((v) => v === y[0]);
  if (y.length === 1 || isConstant) {
    return flatFit(y, {
      floor,
      ...(bounds.cap !== undefined ? { cap: bounds.cap } : {}),
      fallback: y.length === 1 ? say('note.flatOne') : say('note.flatConstant'),
    }, name);
  }
  let cap: number;
  const params: Record<string, number | string> = { floor };
  if (bounds.cap !== undefined) {
    cap = bounds.cap;
  } else {
    if (y.length < 4) {
      throw new SemicapError('data', say('error.logNeedsCap', { count: y.length }));
    }
    const estimate = estimateCap(y, floor, estimation);
    cap = estimate.cap;
    params.capEstimated = 'yes';
    if (estimate.atSearchLimit) params.capNote = 'at the search limit: the data show no saturation';
  }
  params.cap = cap;
  const line = logisticLine(y, floor, cap, estimation);
  params.intercept = line.intercept + line.slope; // logit at the first observation
  params.slope = line.slope;
  if (line.sigma2 !== undefined) params.sigmaLogit = Math.sqrt(line.sigma2);
  if (y.length === 2) params.fallback = say('note.logisticTwo');
  const fitted = line.fitted.map((v) => curve(floor, cap, v));
  return {
    method: name,
    fitted,
    residuals: y.map((v, i) => v - fitted[i]),
    params,
    forecast(h: number, forecastOptions?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = levelsOf(forecastOptions);
      const mean = Array.from({ length: h }, (_, k) => curve(floor, cap, line.intercept + line.slope * (y.length + k + 1)));
      let intervals: Interval[];
      if (levels.length === 0) intervals = [];
      else if (line.sigma2 === undefined) intervals = zeroWidthIntervals(mean, levels);
      else intervals = bootstrapLogistic(line, line.residuals, floor, cap, h, levels, forecastOptions, estimation === 'nls');
      return { method: name, mean, intervals };
    },
  };
}

/** Logistic growth with a cap (FitOptions.cap, else estimated) and a floor (FitOptions.floor, else 0). */
export const logistic: Method = { name: 'logistic', minLength: 1, fit: (y, options) => fitLogistic(y, options, 'logit') };

/** The same curve fitted by nonlinear least squares on the original scale (docs/module-notes.md). */
export const logisticNls: Method = { name: 'logistic-nls', minLength: 1, fit: (y, options) => fitLogistic(y, options, 'nls') };
