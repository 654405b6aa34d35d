import { describe, expect, it } from 'vitest';
import { drift } from '../../src/forecast/drift.js';
import { normalQuantile } from '../../src/forecast/normal.js';
import { createRng, normal } from '../../src/forecast/random.js';
import { edgeCaseTests, expectMatchesR, referencesFor } from './fixtures/ets/reference.js';

describe('drift (R rwf(drift = TRUE))', () => {
  it('hand-computed: y = 10, 12, 11, 15', () => {
    // drift b = (15 - 10)/3 = 5/3; residuals 1/3, -8/3, 7/3, SSR = 114/9; sigma² = SSR/2 = 57/9;
    // se(b)² = sigma²/3 = 19/9; variance at h: sigma²·h + h²·se(b)².
    const f = drift.fit([10, 12, 11, 15]);
    const fc = f.forecast(2, { levels: [80] });
    const b = 5 / 3;
    expect(fc.mean[0]).toBeCloseTo(15 + b, 12);
    expect(fc.mean[1]).toBeCloseTo(15 + 2 * b, 12);
    const z = normalQuantile(0.9);
    const v1 = 57 / 9 + 19 / 9;
    const v2 = (2 * 57) / 9 + (4 * 19) / 9;
    expect(fc.intervals[0].lower[0]).toBeCloseTo(15 + b - z * Math.sqrt(v1), 12);
    expect(fc.intervals[0].upper[1]).toBeCloseTo(15 + 2 * b + z * Math.sqrt(v2), 12);
    expect(f.params.drift).toBeCloseTo(b, 12);
    expect(f.params.driftSe).toBeCloseTo(Math.sqrt(19 / 9), 12);
    expect(f.residuals[1]).toBeCloseTo(1 / 3, 12);
  });

  for (const ref of referencesFor('drift')) {
    it(`matches R ${ref.r_call} on ${ref.series}`, () => {
      // Closed form: rounding only.
      expectMatchesR(drift.fit(ref.y).forecast(6, { levels: [80, 95] }), ref, 1e-9);
    });
  }

  it('two observations: drift forecast with the naive walk variance, fallback named', () => {
    const f = drift.fit([4, 6]);
    const fc = f.forecast(2, { levels: [95] });
    expect(fc.mean).toEqual([8, 10]);
    const z = normalQuantile(0.975);
    expect(fc.intervals[0].upper[0]).toBeCloseTo(8 + z * 2, 12);
    expect(String(f.params.fallback)).toMatch(/two observations/);
  });

  it('80% intervals cover about 80% of simulated random walks with drift', () => {
    // 500 seeded walks with drift 1.5; h = 1 coverage within 3 binomial sd (0.054) of 80%.
    const rng = createRng(77);
    const trials = 500;
    let hits = 0;
    for (let s = 0; s < trials; s++) {
      const y = [50];
      for (let t = 1; t < 31; t++) y.push(y[t - 1] + 1.5 + normal(rng, 0, 3));
      const { lower, upper } = drift.fit(y.slice(0, 30)).forecast(1, { levels: [80] }).intervals[0];
      if (y[30] >= lower[0] && y[30] <= upper[0]) hits++;
    }
    expect(Math.abs(hits / trials - 0.8)).toBeLessThanOrEqual(3 * Math.sqrt((0.8 * 0.2) / trials));
  });

  edgeCaseTests(drift);
});
