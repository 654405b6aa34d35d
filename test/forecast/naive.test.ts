import { describe, expect, it } from 'vitest';
import { naive } from '../../src/forecast/naive.js';
import { normalQuantile } from '../../src/forecast/normal.js';
import { createRng, normal } from '../../src/forecast/random.js';
import { edgeCaseTests, expectMatchesR, referencesFor } from './fixtures/ets/reference.js';

describe('naive (R rwf)', () => {
  it('hand-computed: y = 10, 12, 11, 15', () => {
    // changes 2, -1, 4: sigma² = (4 + 1 + 16)/3 = 7; h-step sd = sqrt(7h).
    const f = naive.fit([10, 12, 11, 15]);
    const fc = f.forecast(2, { levels: [95] });
    expect(fc.mean).toEqual([15, 15]);
    const z = normalQuantile(0.975);
    expect(fc.intervals[0].lower[0]).toBeCloseTo(15 - z * Math.sqrt(7), 12);
    expect(fc.intervals[0].upper[1]).toBeCloseTo(15 + z * Math.sqrt(14), 12);
    expect(f.fitted.slice(1)).toEqual([10, 12, 11]);
    expect(Number.isNaN(f.fitted[0])).toBe(true);
    expect(f.residuals.slice(1)).toEqual([2, -1, 4]);
    expect(f.params.sigma).toBeCloseTo(Math.sqrt(7), 12);
  });

  // Closed-form method: R and we compute the same sums, so only rounding differs (1e-9 of the series' scale).
  for (const ref of referencesFor('naive')) {
    it(`matches R ${ref.r_call} on ${ref.series}`, () => {
      expectMatchesR(naive.fit(ref.y).forecast(6, { levels: [80, 95] }), ref, 1e-9);
    });
  }

  it('80% intervals cover about 80% of simulated random walks', () => {
    // 500 seeded Gaussian random walks of 30 steps; the next value must fall in the h = 1 interval about 80% of
    // the time. The binomial sd of the hit rate is sqrt(0.8·0.2/500) ≈ 0.018; we allow 3 sd (0.054). The
    // interval uses an estimated sigma, so true coverage is slightly below 80% (t vs normal at 29 df: ~79.3%).
    const rng = createRng(20240601);
    const trials = 500;
    let hits1 = 0;
    let hits3 = 0;
    for (let s = 0; s < trials; s++) {
      const y = [100];
      for (let t = 1; t < 33; t++) y.push(y[t - 1] + normal(rng, 0, 2));
      const fc = naive.fit(y.slice(0, 30)).forecast(3, { levels: [80] });
      const { lower, upper } = fc.intervals[0];
      if (y[30] >= lower[0] && y[30] <= upper[0]) hits1++;
      if (y[32] >= lower[2] && y[32] <= upper[2]) hits3++;
    }
    const tol = 3 * Math.sqrt((0.8 * 0.2) / trials);
    expect(Math.abs(hits1 / trials - 0.8)).toBeLessThanOrEqual(tol);
    expect(Math.abs(hits3 / trials - 0.8)).toBeLessThanOrEqual(tol);
  });

  edgeCaseTests(naive);
});
