// The Monte Carlo's bulk draws and bucketed quantiles give exactly the numbers of the plain way: a uniform a call,
// a sampler call a draw, a sorted copy a year. The plain way is written out here as the reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { QuantileBuckets, runPaths, sampleInto, sampler, simulateSeries } from '../../src/domain/montecarlo.js';
import { isMet } from '../../src/domain/goal.js';
import { stepPath } from '../../src/domain/projection.js';
import { pointRate, seriesBounds, type SeriesAssumptions, type Uncertain } from '../../src/domain/scenario.js';
import { normalQuantile, normalQuantileOpen } from '../../src/forecast/normal.js';
import { createOpenRng, namedStreamSeed, Rng } from '../../src/forecast/random.js';
import { quantileSorted } from '../../src/stats/quantile.js';

const fixed = (value: number): Uncertain => ({ value, dist: { kind: 'fixed' }, draw: 'once' });
const normal = (value: number, sd: number, draw: 'once' | 'yearly' = 'once'): Uncertain => ({ value, dist: { kind: 'normal', sd }, draw });
const triangular = (value: number, min: number, max: number, draw: 'once' | 'yearly' = 'once'): Uncertain => ({ value, dist: { kind: 'triangular', min, max }, draw });
const uniform = (value: number, min: number, max: number, draw: 'once' | 'yearly' = 'once'): Uncertain => ({ value, dist: { kind: 'uniform', min, max }, draw });

/** The simulation the plain way: each draw a uniform() and a sampler call, each year's quantiles off a sorted copy. */
function reference(scenario: string, s: SeriesAssumptions, paths: number, seed: number, through: number, percentiles: number[]) {
  const rng = createOpenRng(namedStreamSeed(seed, `${scenario}\u0000${s.series}`));
  const { floor, cap: pointCap } = seriesBounds(s);
  const rateOf = s.method === 'linear' ? s.step : s.growth;
  const scale = s.method === 'linear' ? 1 : 0.01;
  const uncertain = (u: Uncertain | undefined) => u !== undefined && !(u.dist.kind === 'fixed' || (u.dist.kind === 'normal' && u.dist.sd === 0));
  const values = Array.from({ length: paths }, () => (uncertain(s.start) ? sampler(s.start)(rng.uniform()) : s.start.value));
  const caps = uncertain(s.cap) ? Array.from({ length: paths }, () => Math.max(sampler(s.cap!)(rng.uniform()), floor)).map((c) => (s.unit === 'percent' ? Math.min(100, c) : c)) : undefined;
  const yearly = uncertain(rateOf) && rateOf!.draw === 'yearly';
  const rates = uncertain(rateOf) && !yearly ? Array.from({ length: paths }, () => sampler(rateOf!)(rng.uniform()) * scale) : undefined;
  let held = 0;
  const bands: { year: number; mean: number; sd: number; quantiles: number[] }[] = [];
  const hits: number[] = s.targets.map(() => 0);
  const summarise = (year: number) => {
    let sum = 0;
    for (const v of values) sum += v;
    const mean = sum / paths;
    let squares = 0;
    for (const v of values) squares += (v - mean) * (v - mean);
    const sorted = Float64Array.from(values).sort();
    bands.push({ year, mean, sd: paths > 1 ? Math.sqrt(squares / (paths - 1)) : 0, quantiles: percentiles.map((p) => quantileSorted(sorted, p / 100)) });
    s.targets.forEach((t, i) => {
      if (t.year === year) hits[i] = values.filter((v) => isMet(v, t.value, 'atLeast')).length;
    });
  };
  for (let p = 0; p < paths; p++) {
    const cap = caps ? caps[p] : pointCap;
    const bounded = Math.min(Math.max(values[p], floor), cap);
    if (bounded !== values[p]) held++;
    values[p] = bounded;
  }
  summarise(s.startYear);
  for (let year = s.startYear + 1; year <= through; year++) {
    for (let p = 0; p < paths; p++) {
      const cap = caps ? caps[p] : pointCap;
      const rate = yearly ? sampler(rateOf!)(rng.uniform()) * scale : rates ? rates[p] : pointRate(s);
      const next = stepPath(s.method, values[p], rate, cap);
      if (next < floor || next > cap) held++;
      values[p] = next < floor ? floor : next > cap ? cap : next;
    }
    summarise(year);
  }
  return { bands, hits, held };
}

const SERIES: SeriesAssumptions[] = [
  { series: 'share', unit: 'percent', method: 'cagr', startYear: 2024, start: normal(34, 3), growth: normal(5.9, 2, 'yearly'), targets: [{ year: 2030, value: 45 }], notes: [] },
  { series: 'capped', unit: 'percent', method: 'logistic', startYear: 2024, start: triangular(30, 25, 40), growth: uniform(12, 4, 20), cap: triangular(60, 50, 90), targets: [{ year: 2028, value: 50 }, { year: 2032, value: 55 }], notes: [] },
  { series: 'wpm', unit: 'wpm', method: 'linear', startYear: 2023, start: fixed(700), step: triangular(60, 10, 90, 'yearly'), cap: uniform(900, 850, 1000), targets: [{ year: 2029, value: 950 }], notes: [] },
  { series: 'fund', unit: 'USD_bn', method: 'cagr', startYear: 2025, start: uniform(50, 40, 60), growth: normal(8, 0), floor: 45, targets: [], notes: [] },
];

describe('simulateSeries: bulk draws and bucketed quantiles', () => {
  it('every band, target count and held share equal the plain way, to the last bit', () => {
    for (const s of SERIES) {
      for (const paths of [1, 2_047, 5_000]) {
        const percentiles = [1, 5, 25, 50, 75, 95, 99];
        const fast = simulateSeries('base', s, { paths, seed: 11, through: 2031, percentiles });
        const plain = reference('base', s, paths, 11, Math.max(2031, ...s.targets.map((t) => t.year)), percentiles);
        expect(fast.bands.map(({ year, mean, sd, quantiles }) => ({ year, mean, sd, quantiles }))).toEqual(plain.bands);
        expect(fast.targets.map((t) => t.probability * paths)).toEqual(plain.hits);
        const years = fast.bands.length;
        expect(fast.heldFraction).toBe(years > 1 ? plain.held / (paths * years) : plain.held / paths);
      }
    }
  });

  it('progress comes every 65,536 paths within a year and adds up to paths × years', () => {
    const calls: number[] = [];
    runPaths(SERIES[0], createOpenRng(3), 140_000, 2026, () => undefined, (n) => calls.push(n));
    expect(calls).toEqual([140_000, 65_536, 65_536, 8_928, 65_536, 65_536, 8_928]);
  });
});

describe('the pieces', () => {
  it('Rng.fillOpen writes the draws uniformOpen() gives, and the generator goes on from there', () => {
    for (const [seed, count] of [[1, 0], [42, 1], [7, 4_097]] as const) {
      const bulk = new Rng(seed);
      const one = new Rng(seed);
      const out = new Float64Array(count + 1).fill(-1);
      bulk.fillOpen(out, count);
      expect(Array.from(out.subarray(0, count))).toEqual(Array.from({ length: count }, () => one.uniformOpen()));
      expect(out[count]).toBe(-1);
      expect(bulk.uniformOpen()).toBe(one.uniformOpen());
      expect(bulk.nextUint32()).toBe(one.nextUint32());
    }
  });

  it('sampleInto gives the sampler of each distribution, value for value, at the offset asked', () => {
    const rng = createOpenRng(5);
    const u = new Float64Array(1_000);
    rng.fill(u, u.length);
    for (const a of [fixed(3), normal(5, 2), normal(5, 0), uniform(1, -2, 4), triangular(6, 2, 9), triangular(4, 4, 4), triangular(2, 2, 8), triangular(8, 2, 8)]) {
      const out = new Float64Array(u.length + 3).fill(-7);
      sampleInto(a, u, u.length, out, 3);
      const draw = sampler(a);
      expect(Array.from(out)).toEqual([-7, -7, -7, ...Array.from(u, draw)]);
    }
  });

  it('normalQuantileOpen is normalQuantile within (0, 1), bit for bit, tails included', () => {
    fc.assert(fc.property(fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }).filter((p) => p < 1), (p) => {
        expect(normalQuantileOpen(p)).toBe(normalQuantile(p));
      }), { numRuns: 2_000, seed: 41 });
    for (const p of [1e-300, 0.025, 0.075, 0.5, 0.925, 0.975, 1 - 1e-16]) expect(normalQuantileOpen(p)).toBe(normalQuantile(p));
  });

  it('QuantileBuckets gives the type-7 quantiles of the sorted values and leaves the values as they were', () => {
    const buckets = new QuantileBuckets();
    const value = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
      { weight: 2, arbitrary: fc.constantFrom(0, 100, 344.5) },
      { weight: 1, arbitrary: fc.double({ min: 99.999, max: 100, noNaN: true }) },
    );
    fc.assert(
      fc.property(
        fc.array(value, { minLength: 2_048, maxLength: 6_000 }),
        fc.uniqueArray(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 7 }),
        (xs, qs) => {
          const levels = [...qs].sort((a, b) => a - b);
          const values = Float64Array.from(xs);
          const sorted = Float64Array.from(xs).sort();
          // -0 and 0 are the same quantile (+0 makes them one), as for quantilesBySelection.
          expect(buckets.quantiles(values, levels).map((v) => v + 0)).toEqual(levels.map((q) => quantileSorted(sorted, q) + 0));
          expect(Array.from(values)).toEqual(xs);
        },
      ),
      { numRuns: 60, seed: 2718 },
    );
  });

  it('QuantileBuckets: most values at one bound, a range too wide to measure, and all values equal', () => {
    const buckets = new QuantileBuckets();
    const levels = [0.05, 0.5, 0.95];
    const r = createOpenRng(9);
    const capped = Float64Array.from({ length: 50_000 }, () => Math.min(100, 70 + 40 * r.uniform()));
    const wide = Float64Array.from({ length: 3_000 }, (_, i) => (i % 3 === 0 ? -Number.MAX_VALUE : i % 3 === 1 ? Number.MAX_VALUE : i));
    for (const xs of [capped, wide, new Float64Array(4_000).fill(42)]) {
      const sorted = Float64Array.from(xs).sort();
      expect(buckets.quantiles(xs, levels)).toEqual(levels.map((q) => quantileSorted(sorted, q)));
    }
    expect(() => buckets.quantiles(capped, [0.5, 0.1])).toThrow(/increasing/);
    expect(() => buckets.quantiles(new Float64Array(4_000).fill(1), [0.5, 0.1])).toThrow(/increasing/);
    expect(() => buckets.quantiles(new Float64Array(0), [0.5])).toThrow(/at least one value/);
  });
});
