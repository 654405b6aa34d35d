// Compound, linear and logistic paths, the one module every command computes them with: through anchors
// (project: piecewise-linear in each method's own space) or from a start at a rate (ratePath). Pure.
import { usageError } from '../errors.js';
import { say } from '../messages.js';

export const PROJECTION_METHODS = ['cagr', 'linear', 'logistic'] as const;
export type ProjectionMethod = (typeof PROJECTION_METHODS)[number];

/** A known point: an integer calendar year and a value (percent for shares). */
export interface Anchor {
  year: number;
  value: number;
}

export interface ProjectionRequest {
  method: ProjectionMethod;
  /** Two or more anchors with unique integer years (any order; they are sorted). */
  anchors: readonly Anchor[];
  /** Last year of the output; defaults to the last anchor's year. */
  through?: number;
  /** First year of the output; defaults to the first anchor's year. Earlier years are extrapolated back. */
  from?: number;
  /** The value is a share in percent: bounded by floor and cap (0 and 100 unless set). */
  isShare?: boolean;
  /**
   * Lower bound the path is held at, for every method and kind of value: default 0 (a share, a capacity or an amount
   * cannot go below nothing), and 0 is a real bound. `null`: no floor, for cagr and linear values that may be
   * negative (a share and a logistic curve always have one).
   */
  floor?: number | null;
  /** Upper bound. Shares: default 100. Other values: used only by logistic, where it is required. */
  cap?: number;
  /** Unit shown in warning messages; defaults to '%' for shares and nothing otherwise. */
  unitLabel?: string;
}

export type PointStatus = 'anchor' | 'interpolated' | 'extrapolated';

export interface ProjectionPoint {
  year: number;
  value: number;
  status: PointStatus;
  /** True when the method's path left the bounds here and the value was held at the bound. */
  clamped: boolean;
}

/** The rates one segment between two consecutive anchors implies, whatever the method. */
export interface Segment {
  fromYear: number;
  toYear: number;
  fromValue: number;
  toValue: number;
  /** Compound rate in percent per year (RRI × 100); null when a value is not positive, or too large to represent (methods other than cagr). */
  cagrPct: number | null;
  /** Constant step per year, in the value's units (percentage points for shares). */
  stepPerYear: number;
  /** Logistic growth rate per year on the logit scale; null when no (floor, cap) is known or a value lies outside it. */
  k: number | null;
  /** The projection method's own rate for this segment (cagrPct, stepPerYear or k). */
  rate: number;
  rateUnit: '%/yr' | 'pp/yr' | 'units/yr' | 'k/yr';
}

/** A path that would have left its bounds: where it first did and what was done. */
export interface ClampWarning {
  method: ProjectionMethod;
  bound: 'cap' | 'floor';
  boundValue: number;
  /** The first year (counting away from the anchors) the path would have crossed. */
  year: number;
  /** The path's value in that year had it not been held. */
  unclampedValue: number;
  /** forward: after the anchors; backward: extrapolating before them. */
  direction: 'forward' | 'backward';
  message: string;
}

export interface Projection {
  method: ProjectionMethod;
  /** The anchors, sorted by year. */
  anchors: Anchor[];
  isShare: boolean;
  /** The bounds applied (null: none on that side). For logistic, the floor and cap of the curve. */
  bounds: { floor: number | null; cap: number | null };
  from: number;
  through: number;
  segments: Segment[];
  /** One point per year from `from` to `through`. */
  points: ProjectionPoint[];
  clamps: ClampWarning[];
  /** Human-readable messages (one per clamp), for stderr or a report's warnings. */
  warnings: string[];
}

/** Longest output span accepted, so a typo such as 20300 cannot ask for tens of thousands of rows. */
export const MAX_SPAN_YEARS = 500;

/**
 * Projects a path through the anchors with one method.
 *
 * @example
 * project({ method: 'cagr', anchors: [{ year: 2023, value: 29 }, { year: 2027, value: 39 }], through: 2030, isShare: true })
 * // points 2030 → 48.70 (29·(39/29)^(7/4)); segments[0].cagrPct → 7.6878
 */
export function project(request: ProjectionRequest): Projection {
  const { method } = request;
  if (!(PROJECTION_METHODS as readonly string[]).includes(method)) {
    throw usageError(`unknown projection method "${String(method)}"; expected one of ${PROJECTION_METHODS.join(', ')}`);
  }
  const anchors = validateAnchors(request.anchors);
  const isShare = request.isShare === true;
  const bounds = resolveBounds(request, isShare);
  checkAnchorsAgainstBounds(method, anchors, bounds, isShare);

  const from = request.from ?? anchors[0].year;
  const through = request.through ?? anchors[anchors.length - 1].year;
  checkSpan(from, through);

  const transform = transformFor(method, bounds);
  const xs = anchors.map((a) => a.year);
  const zs = anchors.map((a) => transform.forward(a.value));
  const anchorByYear = new Map(anchors.map((a) => [a.year, a.value]));
  const clampLow = method === 'logistic' ? null : bounds.floor;
  const clampHigh = method === 'logistic' || !isShare ? null : bounds.cap;

  const raw: number[] = [];
  const points: ProjectionPoint[] = [];
  for (let year = from; year <= through; year++) {
    const anchored = anchorByYear.get(year);
    // Anchor years take the anchor's value exactly, not exp(ln(v)) with its last-digit drift.
    const value = anchored ?? (method === 'cagr' ? compoundAt(anchors, year) : transform.inverse(piecewiseLinearAt(xs, zs, year)));
    if (!Number.isFinite(value) && (clampHigh === null || value !== Infinity)) {
      throw usageError(say('error.pathOverflows', { method, year }));
    }
    raw.push(value);
    const held = clampValue(value, clampLow, clampHigh);
    points.push({
      year,
      value: held,
      status: anchored !== undefined ? 'anchor' : year > xs[0] && year < xs[xs.length - 1] ? 'interpolated' : 'extrapolated',
      clamped: held !== value,
    });
  }

  const unit = request.unitLabel ?? (isShare ? '%' : '');
  const clamps = findClamps(method, points, raw, xs[0], clampLow, clampHigh, unit);
  return {
    method,
    anchors,
    isShare,
    bounds: {
      floor: method === 'logistic' ? bounds.floor : clampLow,
      cap: method === 'logistic' ? bounds.cap : clampHigh,
    },
    from,
    through,
    segments: segmentsFor(method, anchors, bounds, isShare),
    points,
    clamps,
    warnings: clamps.map((c) => c.message),
  };
}

/**
 * One method's path through the anchors in one year, before, between or after them: the point `project` gives
 * for that year (bounds, clamping and the overflow-safe compound path included).
 * @example pathPointAt({ method: 'linear', anchors: [{ year: 2023, value: 29 }, { year: 2027, value: 39 }], isShare: true }, 2030).value // 46.5
 */
export function pathPointAt(request: Omit<ProjectionRequest, 'from' | 'through'>, year: number): ProjectionPoint {
  const anchors = validateAnchors(request.anchors);
  const p = project({ ...request, from: Math.min(year, anchors[0].year), through: Math.max(year, anchors[anchors.length - 1].year) });
  return p.points[year - p.from];
}

/** Projects the same anchors with several methods, in the order given (the CLI's year-by-method table). */
export function projectMethods(methods: readonly ProjectionMethod[], request: Omit<ProjectionRequest, 'method'>): Projection[] {
  if (methods.length === 0) throw usageError(`no projection method given; expected one or more of ${PROJECTION_METHODS.join(', ')}`);
  return methods.map((method) => project({ ...request, method }));
}

/**
 * Compound rate in percent per year that takes `fromValue` to `toValue` in `years` (spreadsheet RRI × 100).
 * Computed in logs, exp(ln(to/from)/years) − 1, so a ratio beyond the range of doubles (5e-324 → 99.9) still gives
 * its finite rate and a small rate over many years keeps its digits; a rate that itself does not fit in a double
 * (a growth factor above 1.8e308 a year) is a usage error rather than Infinity.
 * @example compoundRatePct(29, 39, 4) // 7.6878...
 */
export function compoundRatePct(fromValue: number, toValue: number, years: number): number {
  const pct = compoundRateOrNull(fromValue, toValue, years);
  if (pct === null) {
    throw usageError(`the compound rate from ${fromValue} to ${toValue} in ${years} year(s) is too large to represent (a growth factor above 1.8e308 a year)`);
  }
  return pct;
}

/** compoundRatePct, but null where the rate is too large to represent (bad arguments are still usage errors). */
export function compoundRateOrNull(fromValue: number, toValue: number, years: number): number | null {
  if (!(years > 0) || !Number.isFinite(years)) throw usageError(`a compound rate needs a positive, finite number of years; got ${years}`);
  if (!(fromValue > 0) || !(toValue > 0) || !Number.isFinite(fromValue) || !Number.isFinite(toValue)) {
    throw usageError(`a compound rate needs positive, finite values at both ends; got ${fromValue} and ${toValue}`);
  }
  const pct = Math.expm1(logRatio(fromValue, toValue) / years) * 100;
  return Number.isFinite(pct) ? pct : null;
}

/** Smallest positive normal double: below it a quotient has lost digits (subnormal) or become 0. */
const MIN_NORMAL = 2.2250738585072014e-308;

/**
 * ln(b / a) for positive finite a and b, also where b / a itself overflows to Infinity or underflows to 0.
 * @example logRatio(5e-324, 1) // 744.44 (1 / 5e-324 is Infinity)
 */
export function logRatio(a: number, b: number): number {
  const ratio = b / a;
  // ln of the quotient where it is an ordinary double (exact for a ratio near 1), else the difference of logs.
  return isNormal(ratio) ? Math.log(ratio) : Math.log(b) - Math.log(a);
}

/** Constant step per year that takes `fromValue` to `toValue` in `years`. @example linearStep(29, 39, 4) // 2.5 */
export function linearStep(fromValue: number, toValue: number, years: number): number {
  if (!(years > 0)) throw usageError(`a linear step needs a positive number of years; got ${years}`);
  return (toValue - fromValue) / years;
}

/**
 * Value at `t` of the piecewise-linear function through (xs[i], zs[i]), continued beyond the ends along the
 * first and last segments. xs must be strictly increasing with at least two entries.
 */
export function piecewiseLinearAt(xs: readonly number[], zs: readonly number[], t: number): number {
  const i = segmentIndex(xs, t);
  return zs[i] + ((zs[i + 1] - zs[i]) * (t - xs[i])) / (xs[i + 1] - xs[i]);
}

/** Index of the segment [xs[i], xs[i+1]] that covers t, the first or last one beyond the ends. */
function segmentIndex(xs: readonly number[], t: number): number {
  const last = xs.length - 2;
  let i = 0;
  while (i < last && t > xs[i + 1]) i++;
  return i;
}

/**
 * The compound path at t: v0·(v1/v0)^((t − y0)/(y1 − y0)) on the segment covering t (the spreadsheet GROWTH
 * formula). Same as exp of the log-linear interpolation, but exact where it can be (100·2^10 is 102400, not
 * 102399.99999999923). Where the ratio or its power leaves the normal range of doubles (1e-300 → 1e300), the path
 * is taken in logs instead, so it is Infinity or 0 only where its own value is.
 */
function compoundAt(anchors: readonly Anchor[], t: number): number {
  const i = segmentIndex(
    anchors.map((a) => a.year),
    t,
  );
  const a = anchors[i];
  const b = anchors[i + 1];
  const fraction = (t - a.year) / (b.year - a.year);
  const ratio = b.value / a.value;
  const power = Math.pow(ratio, fraction);
  if (isNormal(ratio) && isNormal(power)) return a.value * power;
  return Math.exp(Math.log(a.value) + fraction * logRatio(a.value, b.value));
}

const isNormal = (x: number) => x >= MIN_NORMAL && x < Infinity;

/** A year of a path stepped from a start at a rate. */
export interface RatePoint {
  year: number;
  value: number;
  /** The path was held at its floor or cap this year. */
  held: boolean;
}

/**
 * One year of a path from `value` at `rate`, before bounds: the form scenarios and simulations step in (a rate
 * drawn per year or per path). `rate` is the growth fraction (cagr, logistic) or the step (linear); logistic takes
 * the exact one-year step of the logistic curve from 0 to `saturation` whose growth factor is 1 + rate.
 * @example stepPath('cagr', 40, 0.2, 100) // 48
 */
export function stepPath(method: ProjectionMethod, value: number, rate: number, saturation: number): number {
  if (method === 'linear') return value + rate;
  const factor = rate > -1 ? 1 + rate : 0;
  if (method === 'cagr') return value * factor;
  if (value <= 0) return 0;
  if (value >= saturation) return saturation;
  return (saturation * value * factor) / (saturation + value * (factor - 1));
}

/**
 * A path from `start` at a constant rate through `through`, held within [floor, cap] every year (the logistic
 * saturates at the cap). The start itself is held too.
 * @example ratePath('cagr', { year: 2025, value: 90 }, 0.2, { floor: 0, cap: 100 }, 2026)[1] // { year: 2026, value: 100, held: true }
 */
export function ratePath(method: ProjectionMethod, start: Anchor, rate: number, bounds: { floor: number; cap: number }, through: number): RatePoint[] {
  const { floor, cap } = bounds;
  let value = clampValue(start.value, floor, cap);
  const points: RatePoint[] = [{ year: start.year, value, held: value !== start.value }];
  for (let year = start.year + 1; year <= through; year++) {
    const free = stepPath(method, value, rate, cap);
    value = clampValue(free, floor, cap);
    points.push({ year, value, held: value !== free });
  }
  return points;
}

// ---------------------------------------------------------------------------------------------------------------

interface Bounds {
  floor: number | null;
  cap: number | null;
}

interface Transform {
  forward(v: number): number;
  inverse(z: number): number;
}

/** Sorted copy of the anchors; rejects fewer than two, non-integer or repeated years and non-finite values. */
export function validateAnchors(anchors: readonly Anchor[]): Anchor[] {
  if (!Array.isArray(anchors) || anchors.length < 2) {
    throw usageError(`a projection needs at least two anchors (year=value); got ${Array.isArray(anchors) ? anchors.length : 0}`);
  }
  for (const a of anchors) {
    if (!Number.isInteger(a.year)) throw usageError(`anchor years must be whole years; got ${a.year}`);
    if (!Number.isFinite(a.value)) throw usageError(`anchor ${a.year} needs a finite value; got ${a.value}`);
  }
  const sorted = anchors.map((a) => ({ year: a.year, value: a.value })).sort((a, b) => a.year - b.year);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].year === sorted[i - 1].year) {
      throw usageError(say('error.anchorsSameYear', { year: sorted[i].year }));
    }
  }
  return sorted;
}

function resolveBounds(request: ProjectionRequest, isShare: boolean): Bounds {
  const { cap } = request;
  const floor = request.floor === undefined ? 0 : request.floor;
  if (floor !== null && !Number.isFinite(floor)) throw usageError(`the floor must be a finite number; got ${floor}`);
  if (cap !== undefined && !Number.isFinite(cap)) throw usageError(`the cap must be a finite number; got ${cap}`);
  if (floor === null && (isShare || request.method === 'logistic')) {
    throw usageError(say('error.alwaysFloor', { share: isShare ? 'yes' : 'no' }));
  }
  let resolved: Bounds;
  if (isShare) {
    resolved = { floor, cap: cap ?? 100 };
    if (resolved.floor! < 0 || resolved.cap! > 100) {
      throw usageError(say('error.shareBounds', { floor: String(resolved.floor), cap: String(resolved.cap) }));
    }
  } else if (request.method === 'logistic') {
    if (cap === undefined) {
      throw usageError(say('error.logisticCap'));
    }
    resolved = { floor, cap };
  } else {
    resolved = { floor, cap: cap ?? null };
  }
  if (resolved.floor !== null && resolved.cap !== null && !(resolved.floor < resolved.cap)) {
    throw usageError(say('error.floorNotBelowCap', { floor: resolved.floor, cap: resolved.cap }));
  }
  return resolved;
}

function checkAnchorsAgainstBounds(method: ProjectionMethod, anchors: Anchor[], bounds: Bounds, isShare: boolean): void {
  for (const a of anchors) {
    if (method === 'cagr' && !(a.value > 0)) {
      throw usageError(say('error.cagrPositive', { year: a.year, value: a.value }));
    }
    if (method === 'logistic') {
      if (!(a.value > bounds.floor! && a.value < bounds.cap!)) {
        throw usageError(say('error.logisticBetween', { floor: String(bounds.floor), cap: String(bounds.cap), year: a.year, value: a.value }));
      }
      continue;
    }
    if (bounds.floor !== null && a.value < bounds.floor) {
      throw usageError(say('error.anchorBelow', { year: a.year, value: a.value, floor: bounds.floor }));
    }
    if (isShare && bounds.cap !== null && a.value > bounds.cap) {
      throw usageError(say('error.anchorAbove', { year: a.year, value: a.value, cap: bounds.cap }));
    }
  }
}

/** Whole first and last years, in order, at most MAX_SPAN_YEARS apart. */
export function checkSpan(from: number, through: number): void {
  if (!Number.isInteger(from) || !Number.isInteger(through)) {
    throw usageError(`the first and last years must be whole years; got ${from} and ${through}`);
  }
  if (from > through) throw usageError(say('error.firstAfterLast', { from, through }));
  if (through - from > MAX_SPAN_YEARS) {
    throw usageError(say('error.spanTooLong', { max: MAX_SPAN_YEARS, from, through }));
  }
}

function transformFor(method: ProjectionMethod, bounds: Bounds): Transform {
  switch (method) {
    case 'cagr':
      return { forward: Math.log, inverse: Math.exp };
    case 'linear':
      return { forward: (v) => v, inverse: (z) => z };
    case 'logistic': {
      const floor = bounds.floor!;
      const cap = bounds.cap!;
      return { forward: (v) => logit(floor, cap, v), inverse: (z) => floor + (cap - floor) * sigmoid(z) };
    }
  }
}

function logit(floor: number, cap: number, v: number): number {
  return Math.log(v - floor) - Math.log(cap - v);
}

/** 1 / (1 + e^−z), written so neither branch overflows. */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

function clampValue(v: number, low: number | null, high: number | null): number {
  if (low !== null && v < low) return low;
  if (high !== null && v > high) return high;
  return v;
}

function segmentsFor(method: ProjectionMethod, anchors: Anchor[], bounds: Bounds, isShare: boolean): Segment[] {
  const segments: Segment[] = [];
  for (let i = 0; i + 1 < anchors.length; i++) {
    const a = anchors[i];
    const b = anchors[i + 1];
    const years = b.year - a.year;
    // Every method reports the compound rate; only a cagr path needs it to be representable.
    const cagrPct = !(a.value > 0 && b.value > 0) ? null : method === 'cagr' ? compoundRatePct(a.value, b.value, years) : compoundRateOrNull(a.value, b.value, years);
    const stepPerYear = linearStep(a.value, b.value, years);
    const k = logisticK(a, b, bounds);
    const rate = method === 'cagr' ? cagrPct! : method === 'linear' ? stepPerYear : k!;
    const rateUnit = method === 'cagr' ? '%/yr' : method === 'linear' ? (isShare ? 'pp/yr' : 'units/yr') : 'k/yr';
    segments.push({ fromYear: a.year, toYear: b.year, fromValue: a.value, toValue: b.value, cagrPct, stepPerYear, k, rate, rateUnit });
  }
  return segments;
}

/** Slope per year on the logit scale between two anchors, when both lie strictly inside (floor, cap). */
function logisticK(a: Anchor, b: Anchor, bounds: Bounds): number | null {
  const floor = bounds.floor ?? null;
  const cap = bounds.cap ?? null;
  if (floor === null || cap === null) return null;
  const inside = (v: number) => v > floor && v < cap;
  if (!inside(a.value) || !inside(b.value)) return null;
  return (logit(floor, cap, b.value) - logit(floor, cap, a.value)) / (b.year - a.year);
}

/**
 * One warning per run of clamped years, named by the year the path first crossed counting away from the
 * anchors (the run's first year going forward, its last year going backward).
 */
function findClamps(
  method: ProjectionMethod,
  points: ProjectionPoint[],
  raw: number[],
  firstAnchorYear: number,
  low: number | null,
  high: number | null,
  unit: string,
): ClampWarning[] {
  const clamps: ClampWarning[] = [];
  const boundOf = (i: number): 'cap' | 'floor' | null =>
    !points[i].clamped ? null : high !== null && raw[i] > high ? 'cap' : 'floor';
  let i = 0;
  while (i < points.length) {
    const bound = boundOf(i);
    if (bound === null) {
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < points.length && boundOf(end + 1) === bound) end++;
    const backward = points[end].year < firstAnchorYear;
    const at = backward ? end : i;
    const boundValue = bound === 'cap' ? high! : low!;
    clamps.push(makeClamp(method, bound, boundValue, points[at].year, raw[at], backward, unit));
    i = end + 1;
  }
  return clamps;
}

function makeClamp(
  method: ProjectionMethod,
  bound: 'cap' | 'floor',
  boundValue: number,
  year: number,
  unclampedValue: number,
  backward: boolean,
  unit: string,
): ClampWarning {
  const u = unit === '' ? '' : ` ${unit}`;
  const shownBound = formatPlain(boundValue);
  const shownValue = formatDistinct(unclampedValue, boundValue);
  return {
    method,
    bound,
    boundValue,
    year,
    unclampedValue,
    direction: backward ? 'backward' : 'forward',
    message: say('warning.wouldPass', { method, backward: backward ? 'yes' : 'no', bound: shownBound, unit: u, year, value: shownValue }),
  };
}

function formatPlain(v: number): string {
  return String(Number(v.toFixed(6)));
}

/** One decimal, or more when one decimal would make the value look equal to the bound it crossed. */
function formatDistinct(v: number, bound: number): string {
  for (let digits = 1; digits <= 6; digits++) {
    const shown = v.toFixed(digits);
    if (Number(shown) !== bound) return shown;
  }
  return String(v);
}
