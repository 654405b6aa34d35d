import { describe, expect, it } from 'vitest';
import { damped } from '../../src/forecast/damped.js';
import { edgeCaseTests } from './fixtures/ets/reference.js';
import { rReferenceTests } from './fixtures/ets/smoothing.js';

describe('damped (R holt(damped = TRUE): ETS(A,Ad,N), opt.crit "mse")', () => {
  rReferenceTests(damped, 'damped');

  it('phi stays in [0.8, 0.98] and the trend steps shrink by phi', () => {
    const f = damped.fit([3, 5, 8, 9, 12, 14, 15, 18, 21, 22, 25, 27, 28, 31]);
    const phi = f.params.phi as number;
    expect(phi).toBeGreaterThanOrEqual(0.8);
    expect(phi).toBeLessThanOrEqual(0.98);
    const { mean } = f.forecast(4);
    const steps = mean.slice(1).map((v, k) => v - mean[k]);
    for (let k = 1; k < steps.length; k++) expect(steps[k] / steps[k - 1]).toBeCloseTo(phi, 9);
  });

  it('too short for damping (n <= 9): undamped HoltWintersZZ as R, and says so', () => {
    const f = damped.fit([3, 5, 4, 6, 8, 7, 9, 10, 11]);
    expect(f.params.phi).toBeUndefined();
    expect(String(f.params.fallback)).toMatch(/not enough data to use damping/);
  });

  edgeCaseTests(damped);
});
