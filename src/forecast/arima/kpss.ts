// The KPSS level-stationarity test and the differencing choice of R's forecast::ndiffs(test = "kpss").
import { isConstant } from '../common.js';

/** 5% critical value of the KPSS level ("mu") statistic (Kwiatkowski et al. 1992, Table 1; urca's cval). */
export const KPSS_CRITICAL_5PCT = 0.463;

/**
 * KPSS level-stationarity statistic as urca::ur.kpss(type = "mu", use.lag = lag): partial sums of the
 * demeaned series over n² times the Newey–West long-run variance with Bartlett weights.
 */
export function kpssStatistic(y: ArrayLike<number>, lag: number): number {
  const n = y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i];
  mean /= n;
  let s = 0;
  let num = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const e = y[i] - mean;
    s += e;
    num += s * s;
    s2 += e * e;
  }
  num /= n * n;
  s2 /= n;
  let den = s2;
  for (let l = 1; l <= lag; l++) {
    let cov = 0;
    for (let i = l; i < n; i++) cov += (y[i] - mean) * (y[i - l] - mean);
    den += (2 / n) * (1 - l / (lag + 1)) * cov;
  }
  return num / den;
}

/** Lag used by ndiffs for a series of length n: trunc(3 * sqrt(n) / 13) (not urca's "short" default). */
export function ndiffsLag(n: number): number {
  return Math.trunc((3 * Math.sqrt(n)) / 13);
}

/** First differences of x applied d times. */
export function difference(x: ArrayLike<number>, d: number): Float64Array<ArrayBuffer> {
  let w: Float64Array<ArrayBuffer> = Float64Array.from(x as ArrayLike<number>);
  for (let k = 0; k < d; k++) {
    const next = new Float64Array(Math.max(0, w.length - 1));
    for (let i = 1; i < w.length; i++) next[i - 1] = w[i] - w[i - 1];
    w = next;
  }
  return w;
}

/**
 * Number of first differences (0..maxD) as forecast::ndiffs(x, alpha = 0.05, test = "kpss"): difference
 * while the KPSS p-value (interpolated in urca's table) is below 0.05, i.e. while the statistic exceeds
 * the 5% critical value 0.463, stopping early at a constant series.
 */
export function ndiffs(x: ArrayLike<number>, maxD = 2): number {
  let w: Float64Array<ArrayBuffer> = Float64Array.from(x as ArrayLike<number>);
  let d = 0;
  if (isConstant(w)) return d;
  let dodiff = kpssRejects(w);
  if (dodiff === undefined) return d;
  while (dodiff && d < maxD) {
    d++;
    w = difference(w, 1);
    if (isConstant(w)) return d;
    dodiff = kpssRejects(w);
    if (dodiff === undefined) return d - 1;
  }
  return d;
}

/** Does KPSS reject level stationarity at 5%? undefined where the statistic cannot be computed. */
function kpssRejects(w: Float64Array): boolean | undefined {
  if (w.length < 2) return undefined;
  const stat = kpssStatistic(w, ndiffsLag(w.length));
  if (!Number.isFinite(stat)) return undefined;
  return stat > KPSS_CRITICAL_5PCT;
}
