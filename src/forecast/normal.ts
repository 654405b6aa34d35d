// Distribution functions for intervals: the normal (quantile by AS241, R's qnorm) and Student's t (quantile by
// Newton steps on the distribution function). Invalid arguments throw a usage error.

import { SemicapError } from '../errors.js';
import { say } from '../messages.js';

const LOG_SQRT_PI = 0.5723649429247001; // log(Γ(1/2))

function checkProbability(p: number, what: string): void {
  if (!(p > 0 && p < 1)) throw new SemicapError('usage', say('error.normProbability', { what, p }));
}

/**
 * Standard normal quantile z with P(Z <= z) = p, for 0 < p < 1 (Wichura 1988, AS241 PPND16).
 *
 * @example normalQuantile(0.975) // 1.959963984540054
 */
export function normalQuantile(p: number): number {
  checkProbability(p, 'normalQuantile');
  return normalQuantileOpen(p);
}

/** normalQuantile for a p known to lie in (0, 1) (a Monte Carlo stream's uniforms): the same arithmetic, no check. */
export function normalQuantileOpen(p: number): number {
  ONE_P[0] = p;
  normalQuantilesOpen(ONE_P, 1, ONE_Z, 0);
  return ONE_Z[0];
}

const ONE_P = new Float64Array(1);
const ONE_Z = new Float64Array(1);

/**
 * normalQuantileOpen of ps[i] into out[at + i] for i < count: one loop, so that no number is boxed between a call
 * and its caller (the Monte Carlo's millions of normal draws).
 */
export function normalQuantilesOpen(ps: Float64Array, count: number, out: Float64Array, at: number): void {
  for (let i = 0; i < count; i++) {
    const p = ps[i];
    const q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
      const r = 0.180625 - q * q;
      const num =
        ((((((r * 2509.0809287301226727 + 33430.575583588128105) * r + 67265.770927008700853) * r +
          45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r +
          133.14166789178437745) * r + 3.387132872796366608;
      const den =
        ((((((r * 5226.495278852545925 + 28729.085735721942674) * r + 39307.89580009271061) * r +
          21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r +
          42.313330701600911252) * r + 1.0;
      out[at + i] = (q * num) / den;
      continue;
    }
    let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
    let value: number;
    if (r <= 5) {
      r -= 1.6;
      const num =
        ((((((r * 7.7454501427834140764e-4 + 0.0227238449892691845833) * r + 0.24178072517745061177) * r +
          1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r +
          4.6303378461565452959) * r + 1.42343711074968357734;
      const den =
        ((((((r * 1.05075007164441684324e-9 + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r +
          0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r +
          2.05319162663775882187) * r + 1.0;
      value = num / den;
    } else {
      r -= 5;
      const num =
        ((((((r * 2.01033439929228813265e-7 + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r +
          0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r +
          5.4637849111641143699) * r + 6.6579046435011037772;
      const den =
        ((((((r * 2.04426310338993978564e-15 + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r +
          7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r +
          0.59983220655588793769) * r + 1.0;
      value = num / den;
    }
    out[at + i] = q < 0 ? -value : value;
  }
}

/** log Γ(x) for x > 0 (Lanczos, g = 7, 9 terms; relative error below 1e-15 over the range used here). */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new SemicapError('usage', say('error.normLogGamma', { x }));
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x); // reflection
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  const z = x - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

const TINY = 1e-300;
const EPS = 1e-16;

/** Upper regularised incomplete gamma Q(1/2, x) for x >= 0 (series below 1.5, Lentz continued fraction above). */
function upperGammaHalf(x: number): number {
  const a = 0.5;
  if (x === 0) return 1;
  const logPrefix = -x + a * Math.log(x) - LOG_SQRT_PI;
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 500; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * EPS) break;
    }
    return 1 - sum * Math.exp(logPrefix);
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 500; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(logPrefix) * h;
}

/**
 * Standard normal distribution function P(Z <= x), with full relative accuracy in the lower tail.
 *
 * @example normalCdf(1.959963984540054) // 0.975
 */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new SemicapError('usage', say('error.normCdfNaN', { what: 'normalCdf' }));
  if (x === Infinity) return 1;
  if (x === -Infinity) return 0;
  const tail = 0.5 * upperGammaHalf((x * x) / 2); // P(Z > |x|)
  return x < 0 ? tail : 1 - tail;
}

/** Continued fraction for the incomplete beta function (modified Lentz, as in Numerical Recipes' betacf). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b), with x and 1 − x both passed so neither is lost to cancellation. */
function incompleteBeta(a: number, b: number, x: number, oneMinusX: number): number {
  if (x <= 0) return 0;
  if (oneMinusX <= 0) return 1;
  const logFront =
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(oneMinusX);
  const front = Math.exp(logFront);
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, oneMinusX)) / b;
}

function checkDf(df: number, what: string): void {
  if (!(df > 0)) throw new SemicapError('usage', say('error.normDf', { what, df }));
}

/**
 * Student t distribution function P(T <= t) with `df` degrees of freedom (df may be fractional or Infinity).
 *
 * @example studentTCdf(2.228138851986274, 10) // 0.975
 */
export function studentTCdf(t: number, df: number): number {
  checkDf(df, 'studentTCdf');
  if (Number.isNaN(t)) throw new SemicapError('usage', say('error.normCdfNaN', { what: 'studentTCdf' }));
  if (df === Infinity) return normalCdf(t);
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const t2 = t * t;
  // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2)
  const tail = 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
  return t < 0 ? tail : 1 - tail;
}

function studentTDensity(t: number, df: number): number {
  const logDensity =
    logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI) - ((df + 1) / 2) * Math.log1p((t * t) / df);
  return Math.exp(logDensity);
}

/** Cornish–Fisher expansion of the t quantile in powers of 1/df (Abramowitz & Stegun 26.7.5): a start value. */
function cornishFisherT(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + g1 / df + g2 / df ** 2 + g3 / df ** 3 + g4 / df ** 4;
}

/**
 * Student t quantile: the t with P(T <= t) = p, for 0 < p < 1 and df > 0 (Infinity gives the normal quantile).
 * Exact closed forms for 1 and 2 degrees of freedom; otherwise Newton steps on `studentTCdf` kept inside a
 * shrinking bracket (bisection when a step would leave it).
 *
 * @example studentTQuantile(0.975, 1)  // 12.706204736174707
 * @example studentTQuantile(0.975, 10) // 2.228138852 (R's qt: 2.2281388519649385)
 */
export function studentTQuantile(p: number, df: number): number {
  checkProbability(p, 'studentTQuantile');
  checkDf(df, 'studentTQuantile');
  if (df === Infinity || df > 1e10) return normalQuantile(p);
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
  if (p === 0.5) return 0;
  // Solve for t > 0 on the upper tail probability q = min(p, 1 − p), computed directly (not as 1 − CDF), so
  // far-tail quantiles keep their relative accuracy; the quantile is odd around p = 0.5.
  const q = p < 0.5 ? p : 1 - p;
  const z = -normalQuantile(q);
  let t = df >= 3 ? cornishFisherT(z, df) : z;
  let low = 0;
  let high = Math.max(2 * t, 1);
  while (studentTUpperTail(high, df) > q) high *= 2;
  if (!(t > low && t < high)) t = (low + high) / 2;
  for (let i = 0; i < 200; i++) {
    const f = studentTUpperTail(t, df) - q; // decreasing in t
    if (f === 0) break;
    if (f > 0) low = t;
    else high = t;
    let next = t + f / studentTDensity(t, df);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) {
      t = next;
      break;
    }
    t = next;
  }
  return p > 0.5 ? t : -t;
}

/** P(T > t) for t >= 0, straight from the incomplete beta function. */
function studentTUpperTail(t: number, df: number): number {
  const t2 = t * t;
  return 0.5 * incompleteBeta(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
}

/** Throws SemicapError('usage') unless 0 < level < 100 (an interval level in percent). */
export function checkLevel(level: number): void {
  if (!(typeof level === 'number' && level > 0 && level < 100)) {
    throw new SemicapError('usage', say('error.normLevel', { level }));
  }
}

/** Throws SemicapError('usage') unless every level is strictly between 0 and 100. */
export function checkLevels(levels: readonly number[]): void {
  for (const level of levels) checkLevel(level);
}

/**
 * The z multiplier of a two-sided normal interval at `level` percent: the (1 + level/100)/2 quantile.
 *
 * @example levelToZ(80) // 1.2815515655446004
 * @example levelToZ(95) // 1.959963984540054
 */
export function levelToZ(level: number): number {
  checkLevel(level);
  return normalQuantile(0.5 + level / 200);
}

/** The multiplier of a two-sided Student t interval at `level` percent with `df` degrees of freedom. */
export function levelToT(level: number, df: number): number {
  checkLevel(level);
  return studentTQuantile(0.5 + level / 200, df);
}
