// Logistic growth between a floor and a cap, for shares and adoption curves:
//   y_t = floor + (cap − floor) / (1 + exp(−(a + b·t))),  t = 1..n
// Fit: ordinary least squares of logit((y − floor)/(cap − floor)) on t — simple, robust and closed-form.
// - floor: FitOptions.floor, else 0 (a real floor: shares cannot go below it). Values below it are a data error.
// - cap: FitOptions.cap when given (values above it are a data error); otherwise estimated above max(y), by
//   minimising the squared error on the original scale over caps from max(y) + 0.1 % to 100× the observed range
//   above the floor (log grid, then golden-section refinement). Needs 4 or more values; params say whether the
//   estimate ended at the search limit (no sign of saturation in the data).
// - Values on a bound have an infinite logit: they are moved inside by half the smallest non-zero distance of
//   any value to that bound (at most 1 %, at least 1e-9 of the range), so one zero does not dominate the fit.
// Forecasts: the fitted curve, i.e. the median (the logistic map is monotone, so medians carry over).
// Intervals: bootstrapped on the logit scale (intervals.ts): each path refits the line to fitted + resampled
// residuals (parameter uncertainty) and adds a resampled residual per horizon; residuals are inflated by
// √(n/(n−2)) for the two fitted parameters. Mapped back through the logistic curve, every path stays within
// [floor, cap]. The uncertainty of an estimated cap is not included.
// Short or flat histories: 1 value or a constant series give a flat forecast; 2 values a curve through both
// points; zero-width intervals in these cases, with params.fallback saying why.

import { SemicapError } from '../errors.js';
import { bootstrapIntervals, zeroWidthIntervals } from './intervals.js';
import { checkLevels } from './normal.js';
import { checkFiniteSeries, checkHorizon, fitLine, type LineFit } from './trend.js';
import { DEFAULT_LEVELS, type FitOptions, type Fitted, type Forecast, type ForecastOptions, type Interval, type Method } from './types.js';

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

/** How far values on a bound are moved inside (fraction of the range): see the file comment. */
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

function squaredError(y: readonly number[], floor: number, cap: number): number {
  const line = fitLine(logitScale(y, floor, cap));
  let sse = 0;
  for (let i = 0; i < y.length; i++) sse += (y[i] - curve(floor, cap, line.fitted[i])) ** 2;
  return sse;
}

export interface CapEstimate {
  cap: number;
  /** True when the best cap is the largest one searched: the data show no saturation. */
  atSearchLimit: boolean;
}

/** Least squares cap above max(y) (see the file comment); y must have 4+ values and not be constant. */
export function estimateCap(y: readonly number[], floor: number): CapEstimate {
  const max = Math.max(...y);
  const range = max - floor;
  // Search over s = log(cap − max) − log(range) in [log 0.001, log 100].
  const capOf = (s: number) => max + range * Math.exp(s);
  const objective = (s: number) => squaredError(y, floor, capOf(s));
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
  if (!Number.isFinite(floor)) throw new SemicapError('usage', `logistic floor must be finite, got ${floor}`);
  if (cap !== undefined && !(Number.isFinite(cap) && cap > floor)) {
    throw new SemicapError('usage', `logistic cap must be a finite number above the floor ${floor}, got ${cap}`);
  }
  y.forEach((v, i) => {
    if (v < floor) {
      throw new SemicapError('data', `logistic needs values at or above the floor ${floor}, got ${v} at position ${i + 1} (give a floor)`);
    }
    if (cap !== undefined && v > cap) {
      throw new SemicapError('data', `logistic needs values at or below the cap ${cap}, got ${v} at position ${i + 1}`);
    }
  });
  return { floor, cap };
}

function flatFit(y: readonly number[], params: Record<string, number | string>): Fitted {
  const value = y[y.length - 1];
  return {
    method: 'logistic',
    fitted: y.map(() => value),
    residuals: y.map((v) => v - value),
    params,
    forecast(h: number, options?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = options?.levels ?? DEFAULT_LEVELS;
      checkLevels(levels);
      const mean = new Array<number>(h).fill(value);
      return { method: 'logistic', mean, intervals: zeroWidthIntervals(mean, levels) };
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
    { levels, ...(options?.seed !== undefined ? { seed: options.seed } : {}), ...(options?.paths !== undefined ? { paths: options.paths } : {}) },
  );
}

/** Fit the logistic curve (see the file comment). */
export function fitLogistic(y: readonly number[], options: FitOptions = {}): Fitted {
  checkFiniteSeries(y, 'logistic');
  const bounds = resolveBounds(y, options);
  const floor = bounds.floor;
  const isConstant = y.every((v) => v === y[0]);
  if (y.length === 1 || isConstant) {
    return flatFit(y, {
      floor,
      ...(bounds.cap !== undefined ? { cap: bounds.cap } : {}),
      fallback: y.length === 1 ? 'one observation: flat forecast, zero-width intervals' : 'constant series: flat forecast, zero-width intervals',
    });
  }
  let cap: number;
  const params: Record<string, number | string> = { floor };
  if (bounds.cap !== undefined) {
    cap = bounds.cap;
  } else {
    if (y.length < 4) {
      throw new SemicapError('data', `logistic needs a cap, or at least 4 values to estimate one; got ${y.length} values`);
    }
    const estimate = estimateCap(y, floor);
    cap = estimate.cap;
    params.capEstimated = 'yes';
    if (estimate.atSearchLimit) params.capNote = 'at the search limit: the data show no saturation';
  }
  params.cap = cap;
  const z = logitScale(y, floor, cap);
  const line = fitLine(z);
  params.intercept = line.intercept + line.slope; // logit at the first observation
  params.slope = line.slope;
  if (line.sigma2 !== undefined) params.sigmaLogit = Math.sqrt(line.sigma2);
  if (y.length === 2) params.fallback = 'two observations: curve through both points, zero-width intervals';
  const fitted = line.fitted.map((v) => curve(floor, cap, v));
  return {
    method: 'logistic',
    fitted,
    residuals: y.map((v, i) => v - fitted[i]),
    params,
    forecast(h: number, forecastOptions?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = forecastOptions?.levels ?? DEFAULT_LEVELS;
      checkLevels(levels);
      const mean = Array.from({ length: h }, (_, k) => curve(floor, cap, line.intercept + line.slope * (y.length + k + 1)));
      let intervals: Interval[];
      if (levels.length === 0) intervals = [];
      else if (line.sigma2 === undefined) intervals = zeroWidthIntervals(mean, levels);
      else intervals = bootstrapLogistic(line, line.residuals, floor, cap, h, levels, forecastOptions);
      return { method: 'logistic', mean, intervals };
    },
  };
}

/** Logistic growth with a cap (FitOptions.cap, else estimated) and a floor (FitOptions.floor, else 0). */
export const logistic: Method = { name: 'logistic', minLength: 1, fit: fitLogistic };
