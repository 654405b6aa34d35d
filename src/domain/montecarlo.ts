// Monte Carlo runs of scenario series: seeded draws of the uncertain assumptions, every path stepped with the point
// path's rule, each year summarised as percentile bands and each target as the odds of meeting it. Pure.
import { usageError } from '../errors.js';
import { say } from '../messages.js';
import { normalQuantile as qnorm, normalQuantilesOpen } from '../forecast/normal.js';
import { createOpenRng, MAX_SEED, namedStreamSeed, type OpenUnitRng } from '../forecast/random.js';
import { isMet } from './goal.js';
import { stepPath } from './projection.js';
import { checkSeries, pointRate, scenarioPath, seriesBounds, type Scenario, type SeriesAssumptions, type Uncertain } from './scenario.js';

export const DEFAULT_PERCENTILES: readonly number[] = [5, 25, 50, 75, 95];
/** Paths × years above which a run is worth a progress bar (about a quarter of a second). */
export const LONG_RUN_STEPS = 2_000_000;
export const MAX_PATHS = 10_000_000;

export type Progress = (done: number, total: number) => void;

export interface SimulationOptions {
  /** Number of simulated paths (1 to 10 million). */
  paths: number;
  /** Unsigned 32-bit seed. */
  seed: number;
  /** Last year simulated (extended to the series' last target year when that is later). */
  through: number;
  /** Percentiles in (0, 100) reported per year; default 5, 25, 50, 75, 95. */
  percentiles?: readonly number[];
  /** Called as the run goes (every year and every 65,536 paths) with path-years done and their total. */
  onProgress?: Progress;
}

export interface YearBand {
  year: number;
  /** The point path's value (every assumption at its point value). */
  point: number;
  mean: number;
  sd: number;
  /** One value per requested percentile, in the order requested. */
  quantiles: number[];
}

export interface TargetOdds {
  year: number;
  value: number;
  /** Share of paths at or above the target in its year. */
  probability: number;
  /** Binomial standard error of that share: √(p(1 − p)/N). */
  standardError: number;
  /** The point path meets it in its year. */
  pointMet: boolean;
}

export interface SeriesSimulation {
  scenario: string;
  series: string;
  unit: string;
  paths: number;
  seed: number;
  /** The stream's own seed (derived from seed, scenario and series). */
  streamSeed: number;
  percentiles: number[];
  bands: YearBand[];
  targets: TargetOdds[];
  /** Share of path-years held at the floor or cap (0–1). */
  heldFraction: number;
}

/** A function turning a uniform (0, 1) number into a draw from the assumption's distribution. */
export function sampler(u: Uncertain): (uniform: number) => number {
  const d = u.dist;
  const v = u.value;
  switch (d.kind) {
    case 'fixed':
      return () => v;
    case 'normal': {
      const sd = d.sd;
      return (x) => v + sd * qnorm(x);
    }
    case 'uniform': {
      const { min, max } = d;
      return (x) => min + x * (max - min);
    }
    case 'triangular': {
      const { min, max } = d;
      const width = max - min;
      if (width === 0) return () => v;
      const split = (v - min) / width;
      return (x) => (x < split ? min + Math.sqrt(x * width * (v - min)) : max - Math.sqrt((1 - x) * width * (max - v)));
    }
  }
}

/**
 * Writes sampler(u)(uniforms[i]) into out[at + i] for i < count: the same numbers as the sampler gives, in one loop
 * per distribution rather than a call per draw (each loop a function of its own, optimised once by V8 whichever
 * distributions a run meets).
 */
export function sampleInto(u: Uncertain, uniforms: Float64Array, count: number, out: Float64Array, at: number): void {
  const d = u.dist;
  const v = u.value;
  switch (d.kind) {
    case 'fixed':
      out.fill(v, at, at + count);
      return;
    case 'normal':
      normalQuantilesOpen(uniforms, count, out, at);
      shiftAndScale(out, at, count, v, d.sd);
      return;
    case 'uniform':
      stretch(uniforms, count, out, at, d.min, d.max);
      return;
    case 'triangular':
      if (d.max - d.min === 0) out.fill(v, at, at + count);
      else triangularInto(uniforms, count, out, at, d.min, v, d.max);
  }
}

/** out[at + i] = v + sd · out[at + i]: standard normal draws moved to mean v and spread sd. */
function shiftAndScale(out: Float64Array, at: number, count: number, v: number, sd: number): void {
  for (let i = 0; i < count; i++) out[at + i] = v + sd * out[at + i];
}

/** Uniform draws on [min, max]. */
function stretch(uniforms: Float64Array, count: number, out: Float64Array, at: number, min: number, max: number): void {
  for (let i = 0; i < count; i++) out[at + i] = min + uniforms[i] * (max - min);
}

/** Triangular draws on [min, max] with mode v (max > min), by inverting the distribution function. */
function triangularInto(uniforms: Float64Array, count: number, out: Float64Array, at: number, min: number, v: number, max: number): void {
  const width = max - min;
  const split = (v - min) / width;
  for (let i = 0; i < count; i++) {
    const x = uniforms[i];
    out[at + i] = x < split ? min + Math.sqrt(x * width * (v - min)) : max - Math.sqrt((1 - x) * width * (max - v));
  }
}

const isUncertain = (u: Uncertain | undefined): u is Uncertain => u !== undefined && !(u.dist.kind === 'fixed' || (u.dist.kind === 'normal' && u.dist.sd === 0));

/** Paths stepped between two progress reports within a year. */
const PROGRESS_CHUNK = 65_536;
/** Paths whose uniforms are drawn at a time (a divisor of PROGRESS_CHUNK, so progress comes at the same paths). */
const DRAW_CHUNK = 4_096;

/** Draws one value of `u` per path into `out` (paths in order, one uniform each), `DRAW_CHUNK` uniforms at a time. */
function drawPerPath(u: Uncertain, rng: OpenUnitRng, uniforms: Float64Array, out: Float64Array): void {
  for (let p0 = 0; p0 < out.length; p0 += DRAW_CHUNK) {
    const n = Math.min(DRAW_CHUNK, out.length - p0);
    rng.fill(uniforms, n);
    sampleInto(u, uniforms, n, out, p0);
  }
}

/**
 * Steps `paths` simulated paths of one series from its start year through `through`, calling `visit(year, values)`
 * for each year with the paths' values (a view reused between years: copy what you keep), and `onSteps(n)` as
 * path-years are done. Returns the number of path-years held at a bound.
 */
export function runPaths(s: SeriesAssumptions, rng: OpenUnitRng, paths: number, through: number, visit: (year: number, values: Float64Array) => void, onSteps?: (steps: number) => void): number {
  checkPaths(paths);
  if (!Number.isInteger(through) || through < s.startYear) throw usageError(say('error.mcThrough', { through, start: s.startYear }));
  const method = s.method;
  const { floor, cap: pointCap } = seriesBounds(s);
  const share = s.unit === 'percent';
  const rateAssumption = method === 'linear' ? s.step : s.growth;
  const rateScale = method === 'linear' ? 1 : 0.01;
  const uncertainRate = isUncertain(rateAssumption);
  const yearlyRate = uncertainRate && rateAssumption!.draw === 'yearly';
  const fixedRate = pointRate(s);
  const uniforms = new Float64Array(Math.min(DRAW_CHUNK, paths));

  // Draws made once per path, in a fixed order: start, cap, rate.
  const values = new Float64Array(paths).fill(s.start.value);
  if (isUncertain(s.start)) drawPerPath(s.start, rng, uniforms, values);
  let caps: Float64Array | undefined;
  if (isUncertain(s.cap)) {
    caps = new Float64Array(paths);
    drawPerPath(s.cap, rng, uniforms, caps);
    for (let p = 0; p < paths; p++) {
      const c = caps[p];
      // A share's cap stays within 0–100; any cap stays at or above the floor.
      caps[p] = share ? Math.min(100, Math.max(c, floor)) : Math.max(c, floor);
    }
  }
  let rates: Float64Array | undefined;
  if (uncertainRate && !yearlyRate) {
    rates = new Float64Array(paths);
    drawPerPath(rateAssumption!, rng, uniforms, rates);
    for (let p = 0; p < paths; p++) rates[p] = rates[p] * rateScale;
  }

  let held = 0;
  for (let p = 0; p < paths; p++) {
    const cap = caps ? caps[p] : pointCap;
    const v = values[p];
    const bounded = v < floor ? floor : v > cap ? cap : v;
    if (bounded !== v) held++;
    values[p] = bounded;
  }
  visit(s.startYear, values);
  onSteps?.(paths);
  // A rate drawn every year: one uniform per path, paths in order, a chunk of paths at a time.
  const drawn = yearlyRate ? new Float64Array(uniforms.length) : undefined;
  for (let year = s.startYear + 1; year <= through; year++) {
    let reported = 0;
    for (let p0 = 0; p0 < paths; p0 += DRAW_CHUNK) {
      if (onSteps !== undefined && p0 - reported === PROGRESS_CHUNK) {
        onSteps(PROGRESS_CHUNK);
        reported = p0;
      }
      const n = Math.min(DRAW_CHUNK, paths - p0);
      if (drawn !== undefined) {
        rng.fill(uniforms, n);
        sampleInto(rateAssumption!, uniforms, n, drawn, 0);
      }
      held += stepPaths(method, { values, caps, pointCap, floor }, { drawn, rateScale, rates, fixedRate }, p0, n);
    }
    visit(year, values);
    onSteps?.(paths - reported);
  }
  return held;
}

/**
 * One year's step of paths p0 … p0 + n − 1 (a small function of its own, so that V8 optimises the loop once for
 * the whole run); a path's rate is this year's draw (drawn[i], scaled), its own draw (rates[p]) or the fixed rate.
 * Returns how many of the paths were held at a bound.
 */
function stepPaths(
  method: SeriesAssumptions['method'],
  paths: { values: Float64Array; caps: Float64Array | undefined; pointCap: number; floor: number },
  rate: { drawn: Float64Array | undefined; rateScale: number; rates: Float64Array | undefined; fixedRate: number },
  p0: number,
  n: number,
): number {
  const { values, caps, pointCap, floor } = paths;
  const { drawn, rateScale, rates, fixedRate } = rate;
  let held = 0;
  for (let i = 0; i < n; i++) {
    const p = p0 + i;
    const cap = caps ? caps[p] : pointCap;
    const r = drawn !== undefined ? drawn[i] * rateScale : rates ? rates[p] : fixedRate;
    let next = stepPath(method, values[p], r, cap);
    if (next < floor) {
      next = floor;
      held++;
    } else if (next > cap) {
      next = cap;
      held++;
    } else if (Number.isNaN(next)) {
      next = floor; // unreachable for valid input (kept so a NaN can never leave this function)
    }
    values[p] = next;
  }
  return held;
}

/**
 * Simulates one series: percentile bands per year and the probability of each target being met in its year.
 * @example simulateSeries('base', series, { paths: 10000, seed: 42, through: 2030 }).bands.at(-1)?.quantiles
 */
export function simulateSeries(scenario: string, s: SeriesAssumptions, options: SimulationOptions): SeriesSimulation {
  checkSeries(scenario, s);
  checkPaths(options.paths);
  const percentiles = checkPercentiles(options.percentiles ?? DEFAULT_PERCENTILES);
  checkSeed(options.seed);
  const paths = options.paths;
  const through = Math.max(options.through, ...s.targets.map((t) => t.year));
  const key = `${scenario}\u0000${s.series}`;
  const seed = namedStreamSeed(options.seed, key);
  const rng = createOpenRng(seed);
  const point = new Map(scenarioPath(s, through).map((p) => [p.year, p.value]));
  const targetsByYear = new Map<number, { value: number; index: number }[]>();
  s.targets.forEach((t, index) => targetsByYear.set(t.year, [...(targetsByYear.get(t.year) ?? []), { value: t.value, index }]));
  const hits = new Array<number>(s.targets.length).fill(0);
  const bands: YearBand[] = [];
  const buckets = new QuantileBuckets();
  const levels = percentiles.map((q) => q / 100);
  const totalSteps = (through - s.startYear + 1) * paths;
  let doneSteps = 0;
  const report = options.onProgress;
  const held = runPaths(
    s,
    rng,
    paths,
    through,
    (year, values) => {
      const mean = sumOf(values) / paths;
      const sd = paths > 1 ? Math.sqrt(squaresAbout(values, mean) / (paths - 1)) : 0;
      for (const t of targetsByYear.get(year) ?? []) hits[t.index] = countMet(values, t.value);
      bands.push({ year, point: point.get(year) ?? NaN, mean, sd, quantiles: buckets.quantiles(values, levels) });
    },
    report === undefined
      ? undefined
      : (steps) => {
          doneSteps += steps;
          report(doneSteps, totalSteps);
        },
  );
  const years = through - s.startYear + 1;
  return {
    scenario,
    series: s.series,
    unit: s.unit,
    paths,
    seed: options.seed,
    streamSeed: seed,
    percentiles,
    bands,
    targets: s.targets.map((t, i) => {
      const probability = hits[i] / paths;
      const pointValue = point.get(t.year) ?? NaN;
      return {
        year: t.year,
        value: t.value,
        probability,
        standardError: Math.sqrt((probability * (1 - probability)) / paths),
        pointMet: isMet(pointValue, t.value, 'atLeast'),
      };
    }),
    heldFraction: years > 1 ? held / (paths * years) : held / paths,
  };
}

// The yearly statistics, each loop a small function of its own: V8 optimises it once for all years, where a loop
// inside a larger function falls back to slower code whenever another part of that function meets a new case.

/** The values added up in order. */
function sumOf(values: Float64Array): number {
  let sum = 0;
  for (let p = 0; p < values.length; p++) sum += values[p];
  return sum;
}

/** The squared distances from `mean`, added up in order. */
function squaresAbout(values: Float64Array, mean: number): number {
  let squares = 0;
  for (let p = 0; p < values.length; p++) squares += (values[p] - mean) * (values[p] - mean);
  return squares;
}

/** How many values meet `target` (at or above it). */
function countMet(values: Float64Array, target: number): number {
  let count = 0;
  for (let p = 0; p < values.length; p++) if (isMet(values[p], target, 'atLeast')) count++;
  return count;
}

/**
 * Simulates every series of every scenario with one seed; progress is reported over all of them together.
 * @example simulateScenarios(scenarios, { paths: 100000, seed: 7, through: 2030 })
 */
export function simulateScenarios(scenarios: readonly Scenario[], options: SimulationOptions): SeriesSimulation[] {
  checkPaths(options.paths);
  checkSeed(options.seed);
  const work = scenarios.flatMap((sc) => sc.series.map((s) => ({ scenario: sc.name, s, years: Math.max(options.through, ...s.targets.map((t) => t.year)) - s.startYear + 1 })));
  const total = work.reduce((sum, w) => sum + Math.max(1, w.years) * options.paths, 0);
  let before = 0;
  const report = options.onProgress;
  return work.map((w) => {
    const offset = before;
    before += Math.max(1, w.years) * options.paths;
    return simulateSeries(w.scenario, w.s, { ...options, onProgress: report === undefined ? undefined : (done) => report(offset + done, total) });
  });
}

/**
 * Type-7 quantiles at increasing levels (each within 0–1) of `values`, which is reordered in place: each needed
 * order statistic is found by quickselect on the part right of the previous one, so the whole costs a few passes
 * over the data instead of a sort. Gives exactly quantileSorted() of the sorted values.
 * @example quantilesBySelection(Float64Array.of(4, 1, 3, 2), [0.5]) // [2.5]
 */
export function quantilesBySelection(values: Float64Array, levels: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) throw usageError('a quantile needs at least one value');
  let left = 0;
  return levels.map((q, i) => {
    checkLevel(levels, i);
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    select(values, lo, left, n - 1);
    left = lo;
    const low = values[lo];
    if (lo + 1 >= n || h === lo) return low;
    // The next order statistic is the smallest value right of lo (everything there is ≥ values[lo]).
    let next = values[lo + 1];
    for (let j = lo + 2; j < n; j++) if (values[j] < next) next = values[j];
    return low + (h - lo) * (next - low);
  });
}

/** Throws unless levels[i] lies within 0–1 and is not below the level before it. */
function checkLevel(levels: readonly number[], i: number): void {
  const q = levels[i];
  if (!(q >= 0 && q <= 1) || (i > 0 && q < levels[i - 1])) throw usageError(`quantile levels must be increasing within 0–1; got ${levels.join(', ')}`);
}

/** Below this many values a copy and quantilesBySelection are as quick as buckets. */
const BUCKETS_FROM = 2_048;
/** Buckets over the values' range: a few dozen values each on 100,000 paths of a smooth distribution. */
const BUCKET_COUNT = 4_096;

/**
 * Type-7 quantiles of many values without reordering them, exactly those of quantilesBySelection: two passes find
 * the range, one counts the values in equal-width buckets of it (a bucket's index never decreases with the value),
 * and one gathers the values of the few buckets that hold a needed order statistic, which quickselect then finds
 * among them: four light passes over the values instead of a copy and several selections over most of them. The
 * buffers are kept between calls (one per year of a run).
 */
export class QuantileBuckets {
  private readonly counts = new Int32Array(BUCKET_COUNT);
  private readonly slotOf = new Int32Array(BUCKET_COUNT);
  private gathered = new Float64Array(0);
  private copy = new Float64Array(0);

  /** The quantiles at increasing levels (each within 0–1) of `values`, which are left as they are. */
  quantiles(values: Float64Array, levels: readonly number[]): number[] {
    const n = values.length;
    if (n === 0) return quantilesBySelection(values, levels); // the error for no values
    const ranks = orderStatistics(n, levels);
    const min = minOf(values);
    const span = maxOf(values) - min;
    // All values equal (every path held at a bound): each order statistic is that value.
    if (span === 0) return typeSeven(n, levels, () => min);
    // Few values, or a range too wide for its width to be a number: select on a copy (kept for the next year).
    if (n < BUCKETS_FROM || !(span > 0 && span < Infinity)) return this.bySelection(values, levels);
    const { counts, slotOf } = this;
    const scale = BUCKET_COUNT / span;
    countBuckets(values, min, scale, counts);
    // The bucket of each needed rank and the rank within it; each needed bucket gets a slot in `gathered`.
    slotOf.fill(-1);
    const bucketOfRank: number[] = [];
    const firstRank: number[] = [];
    const slotStart: number[] = [];
    let size = 0;
    let b = 0;
    let before = 0;
    for (const r of ranks) {
      while (before + counts[b] <= r) before += counts[b++];
      if (slotOf[b] < 0) {
        slotOf[b] = slotStart.length;
        slotStart.push(size);
        size += counts[b];
      }
      bucketOfRank.push(b);
      firstRank.push(before);
    }
    // Most values in the needed buckets (paths piled up at a bound): selection on a copy, as cheap and no more memory.
    if (size > n / 4) return this.bySelection(values, levels);
    // Grown by doubling: a buffer that grows year by year as paths gather at a bound leaves little garbage.
    if (this.gathered.length < size) this.gathered = new Float64Array(Math.max(size, 2 * this.gathered.length));
    const gathered = this.gathered;
    gatherBuckets(values, min, scale, slotOf, Int32Array.from(slotStart), gathered);
    const at = new Map<number, number>();
    ranks.forEach((r, j) => {
      const start = slotStart[slotOf[bucketOfRank[j]]];
      const k = start + (r - firstRank[j]);
      select(gathered, k, start, start + counts[bucketOfRank[j]] - 1);
      at.set(r, gathered[k]);
    });
    return typeSeven(n, levels, (rank) => at.get(rank)!);
  }

  /** quantilesBySelection on a copy of the values (the copy's buffer kept for the next year). */
  private bySelection(values: Float64Array, levels: readonly number[]): number[] {
    if (this.copy.length < values.length) this.copy = new Float64Array(values.length);
    const copy = this.copy.subarray(0, values.length);
    copy.set(values);
    return quantilesBySelection(copy, levels);
  }
}

/** Type-7 quantiles of n values at `levels`, from their order statistics (rank 0 the smallest), as quantileSorted(). */
function typeSeven(n: number, levels: readonly number[], orderStatistic: (rank: number) => number): number[] {
  return levels.map((q) => {
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    const low = orderStatistic(lo);
    if (lo + 1 >= n || h === lo) return low;
    return low + (h - lo) * (orderStatistic(lo + 1) - low);
  });
}

const minOf = (values: Float64Array): number => {
  let min = values[0];
  for (let i = 1; i < values.length; i++) if (values[i] < min) min = values[i];
  return min;
};

const maxOf = (values: Float64Array): number => {
  let max = values[0];
  for (let i = 1; i < values.length; i++) if (values[i] > max) max = values[i];
  return max;
};

/** The bucket of a value: its distance from the minimum in bucket widths, the top edge in the last bucket. */
const bucketOf = (v: number, min: number, scale: number): number => {
  const b = ((v - min) * scale) | 0;
  return b < BUCKET_COUNT ? b : BUCKET_COUNT - 1;
};

/** counts[b] = how many values fall in bucket b. */
function countBuckets(values: Float64Array, min: number, scale: number, counts: Int32Array): void {
  counts.fill(0);
  for (let i = 0; i < values.length; i++) counts[bucketOf(values[i], min, scale)]++;
}

/** Copies the values of the buckets with a slot (slotOf[b] ≥ 0) to `gathered`, each slot's from `next[slot]` on. */
function gatherBuckets(values: Float64Array, min: number, scale: number, slotOf: Int32Array, next: Int32Array, gathered: Float64Array): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const slot = slotOf[bucketOf(v, min, scale)];
    if (slot >= 0) gathered[next[slot]++] = v;
  }
}

/** The order statistics (0-based ranks, increasing) that the type-7 quantiles at `levels` read. */
function orderStatistics(n: number, levels: readonly number[]): number[] {
  const ranks = new Set<number>();
  levels.forEach((q, i) => {
    checkLevel(levels, i);
    const h = (n - 1) * q;
    const lo = Math.floor(h);
    ranks.add(lo);
    if (lo + 1 < n && h !== lo) ranks.add(lo + 1);
  });
  return [...ranks].sort((a, b) => a - b);
}

/** Quickselect (median-of-three pivot, Hoare partition): afterwards a[k] is the k-th smallest of a[left..right], smaller ones left of it, larger right. */
function select(a: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    if (right - left < 16) {
      for (let i = left + 1; i <= right; i++) {
        const v = a[i];
        let j = i - 1;
        while (j >= left && a[j] > v) {
          a[j + 1] = a[j];
          j--;
        }
        a[j + 1] = v;
      }
      return;
    }
    const mid = (left + right) >>> 1;
    if (a[mid] < a[left]) swap(a, mid, left);
    if (a[right] < a[left]) swap(a, right, left);
    if (a[right] < a[mid]) swap(a, right, mid);
    const pivot = a[mid];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return; // j < k < i: a[k] equals the pivot and sits in its final place
  }
}

function swap(a: Float64Array, i: number, j: number): void {
  const t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/** Validates and orders percentiles (each strictly within 0–100, no duplicates). */
export function checkPercentiles(percentiles: readonly number[]): number[] {
  if (percentiles.length === 0) throw usageError(say('error.mcNoPercentile'));
  for (const p of percentiles) {
    if (!Number.isFinite(p) || p <= 0 || p >= 100) throw usageError(say('error.mcPercentile', { value: p }));
  }
  const unique = [...new Set(percentiles)].sort((a, b) => a - b);
  if (unique.length !== percentiles.length) throw usageError(say('error.mcPercentileTwice', { list: percentiles.join(',') }));
  return unique;
}

function checkPaths(paths: number): void {
  if (!Number.isInteger(paths) || paths < 1 || paths > MAX_PATHS) throw usageError(say('error.mcPaths', { max: MAX_PATHS, value: paths }));
}

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw usageError(say('error.mcSeed', { max: MAX_SEED, value: seed }));
}
