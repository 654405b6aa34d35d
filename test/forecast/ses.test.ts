import { describe, expect, it } from 'vitest';
import { ses } from '../../src/forecast/ses.js';
import { createRng, normal } from '../../src/forecast/random.js';
import { edgeCaseTests } from './fixtures/ets/reference.js';
import { rReferenceTests } from './fixtures/ets/smoothing.js';

describe('ses (R ses: ETS(A,N,N), opt.crit "mse")', () => {
  rReferenceTests(ses, 'ses');

  it('variance grows as sigma²·(1 + (h − 1)·alpha²) (class 1)', () => {
    const f = ses.fit([12, 15, 11, 14, 18, 16, 19, 17, 21, 18, 22, 20]);
    const fc = f.forecast(4, { levels: [95] });
    const alpha = f.params.alpha as number;
    const half = fc.intervals[0].upper.map((u, k) => u - fc.mean[k]);
    for (let k = 1; k < 4; k++) {
      expect(half[k] / half[0]).toBeCloseTo(Math.sqrt(1 + k * alpha * alpha), 10);
    }
    expect(new Set(fc.mean).size).toBe(1); // flat forecast
  });

  it('short series (n <= 6) use R\'s HoltWintersZZ path and say so', () => {
    const f = ses.fit([10, 12, 11, 14, 15]);
    expect(f.params.model).toBe('HoltWinters(A,N)');
    expect(String(f.params.fallback)).toMatch(/HoltWintersZZ/);
  });

  it('80% intervals cover about 80% of simulated ETS(A,N,N) series', () => {
    // 500 seeded series y_t = l_{t-1} + e_t, l_t = l_{t-1} + 0.4·e_t, sd 1; h = 1 coverage of the next value
    // within 3 binomial sd (0.054) of 80%. Estimated parameters make real coverage slightly lower.
    const rng = createRng(4242);
    const trials = 500;
    let hits = 0;
    for (let s = 0; s < trials; s++) {
      let level = 50;
      const y: number[] = [];
      for (let t = 0; t < 31; t++) {
        const e = normal(rng, 0, 1);
        y.push(level + e);
        level += 0.4 * e;
      }
      const { lower, upper } = ses.fit(y.slice(0, 30)).forecast(1, { levels: [80] }).intervals[0];
      if (y[30] >= lower[0] && y[30] <= upper[0]) hits++;
    }
    expect(Math.abs(hits / trials - 0.8)).toBeLessThanOrEqual(3 * Math.sqrt((0.8 * 0.2) / trials));
  });

  edgeCaseTests(ses);
});
