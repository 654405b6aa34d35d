import { describe, expect, it } from 'vitest';
import {
  bootstrapIntervals,
  clampForecast,
  normalIntervals,
  columnQuantileIntervals,
  studentTIntervals,
  varianceIntervals,
  zeroWidthIntervals,
} from '../../src/forecast/intervals.js';
import { quantileSorted } from '../../src/stats/quantile.js';
import { createRng } from '../../src/forecast/random.js';

describe('normal and t intervals', () => {
  it('normalIntervals is mean ± z·sd', () => {
    const [i80, i95] = normalIntervals([10, 20], [2, 0], [80, 95]);
    expect(i80.level).toBe(80);
    expect(i80.lower[0]).toBeCloseTo(10 - 1.2815515655446008 * 2, 12);
    expect(i95.upper[0]).toBeCloseTo(10 + 1.9599639845400536 * 2, 12);
    expect(i95.lower[1]).toBe(20);
    expect(i95.upper[1]).toBe(20);
  });

  it('studentTIntervals uses the t multiplier', () => {
    const [i95] = studentTIntervals([0], [1], [95], 10);
    expect(i95.upper[0]).toBeCloseTo(2.2281388519862739, 11);
  });

  it('varianceIntervals: mean ± z·sqrt(variance); a broken variance gives zero width, a bound past the largest double is held at it', () => {
    const [i95] = varianceIntervals([10, 5, 7, 0], [4, -1, Number.NaN, 1e300 * 1e300], [95]);
    expect(i95.lower[0]).toBeCloseTo(10 - 1.9599639845400536 * 2, 12);
    expect([i95.lower[1], i95.upper[1], i95.lower[2], i95.upper[2]]).toEqual([5, 5, 7, 7]);
    expect([i95.lower[3], i95.upper[3]]).toEqual([0, 0]);
    const [far] = normalIntervals([0], [1e308], [95]);
    expect([far.lower[0], far.upper[0]]).toEqual([-Number.MAX_VALUE, Number.MAX_VALUE]);
  });

  it('studentTIntervals rejects negative or non-finite widths and mismatched lengths', () => {
    expect(() => studentTIntervals([1], [-1], [95], 3)).toThrow(/finite and >= 0/);
    expect(() => studentTIntervals([1], [Number.NaN], [95], 3)).toThrow(/finite and >= 0/);
    expect(() => studentTIntervals([1, 2], [1], [95], 3)).toThrow(/one value per horizon/);
    expect(() => studentTIntervals([1], [1], [0], 3)).toThrow(/strictly between 0 and 100/);
  });

  it('zeroWidthIntervals copies the mean', () => {
    expect(zeroWidthIntervals([3, 4], [80])).toEqual([{ level: 80, lower: [3, 4], upper: [3, 4] }]);
  });
});

describe('quantiles', () => {
  it('quantileSorted follows R type 7', () => {
    // R: quantile(c(1, 2, 3, 4, 10), c(0, 0.1, 0.5, 0.9, 1)) = 1, 1.4, 3, 7.6, 10
    const x = [1, 2, 3, 4, 10];
    expect([0, 0.1, 0.5, 0.9, 1].map((p) => quantileSorted(x, p))).toEqual([1, 1.4, 3, expect.closeTo(7.6, 12), 10]);
    expect(quantileSorted([5], 0.3)).toBe(5);
  });

  it('columnQuantileIntervals takes per-horizon quantiles across paths', () => {
    // 101 paths: path i is [i, −i]; the 80 % interval is the 10th–90th percentile: [10, 90] and [−90, −10].
    const columns = [Float64Array.from({ length: 101 }, (_, i) => i), Float64Array.from({ length: 101 }, (_, i) => -i)];
    const [i80] = columnQuantileIntervals(columns, [80]);
    expect(i80.lower).toEqual([10, -90]);
    expect(i80.upper).toEqual([90, -10]);
  });
});

describe('bootstrapIntervals', () => {
  it('resamples residuals: with residuals ±1 a one-draw path gives an interval [mean−1, mean+1]', () => {
    const [i80] = bootstrapIntervals(1, [-1, 1, Number.NaN], (draw) => [5 + draw()], { levels: [80], paths: 400 });
    expect(i80.lower[0]).toBe(4);
    expect(i80.upper[0]).toBe(6);
  });

  it('gives the normal interval width for normal residuals, and a random walk widens with √h', () => {
    const rng = createRng(1);
    const residuals = Array.from({ length: 2000 }, () => rng.normal());
    const intervals = bootstrapIntervals(
      4,
      residuals,
      (draw) => {
        const path = [];
        let level = 0;
        for (let k = 0; k < 4; k++) path.push((level += draw()));
        return path;
      },
      { levels: [95], paths: 20000, seed: 3 },
    );
    const [i95] = intervals;
    // Half-width of a 95 % interval of a sum of k standard normals: 1.96·√k. The 2.5 % quantile of 20 000 draws
    // has a standard error of about √(0.025·0.975/20000)/φ(1.96) = 0.0019/0.0584 ≈ 0.019 per unit sd.
    for (let k = 1; k <= 4; k++) {
      const half = (i95.upper[k - 1] - i95.lower[k - 1]) / 2;
      expect(Math.abs(half / Math.sqrt(k) - 1.96)).toBeLessThan(0.08);
    }
  });

  it('is reproducible with a seed and changes with it', () => {
    const residuals = [-2, -0.5, 0.3, 1, 2.5];
    const run = (seed: number) => bootstrapIntervals(2, residuals, (d) => [d(), d() + d()], { levels: [80], paths: 300, seed });
    expect(run(11)).toEqual(run(11));
    expect(run(11)).not.toEqual(run(12));
  });

  it('centres residuals when asked', () => {
    const [i] = bootstrapIntervals(1, [9, 11], (d) => [d()], { levels: [50], paths: 200, center: true });
    expect(i.lower[0]).toBe(-1);
    expect(i.upper[0]).toBe(1);
  });

  it('gives zero-width intervals when no residual is finite', () => {
    const [i] = bootstrapIntervals(2, [Number.NaN], (d) => [3 + d(), 4 + d()], { levels: [95], paths: 10 });
    expect(i.lower).toEqual([3, 4]);
    expect(i.upper).toEqual([3, 4]);
  });

  it('refuses non-finite simulated paths', () => {
    expect(() => bootstrapIntervals(1, [1], () => [Number.NaN], { levels: [95], paths: 2 })).toThrow(/not finite/);
  });
});

describe('clampForecast', () => {
  it('holds means and bounds within [floor, cap], 0 included, and counts the numbers at a bound', () => {
    const fc = { method: 'x', mean: [-1, 50, 120], intervals: [{ level: 95, lower: [-5, 40, 90], upper: [3, 60, 130] }] };
    expect(clampForecast(fc, { floor: 0, cap: 100 })).toBe(4);
    expect(fc.mean).toEqual([0, 50, 100]);
    expect(fc.intervals[0].lower).toEqual([0, 40, 90]);
    expect(fc.intervals[0].upper).toEqual([3, 60, 100]);
    // Already held: still counted (the output says how many values sit at a bound).
    expect(clampForecast(fc, { floor: 0 })).toBe(2);
    expect(clampForecast(fc, {})).toBe(0);
  });
});
