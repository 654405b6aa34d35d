import { describe, expect, it } from 'vitest';
import { holt } from '../../src/forecast/holt.js';
import { edgeCaseTests } from './fixtures/ets/reference.js';
import { rReferenceTests } from './fixtures/ets/smoothing.js';

describe('holt (R holt: ETS(A,A,N), opt.crit "mse")', () => {
  rReferenceTests(holt, 'holt');

  it('forecasts a straight line: equal steps of the last slope', () => {
    const f = holt.fit([3, 5, 8, 9, 12, 14, 15, 18, 21, 22, 25, 27]);
    const { mean } = f.forecast(5);
    const steps = mean.slice(1).map((v, k) => v - mean[k]);
    for (const s of steps) expect(s).toBeCloseTo(steps[0], 9);
    expect(f.params.model).toBe('ETS(A,A,N)');
    expect(f.params.beta as number).toBeLessThanOrEqual(f.params.alpha as number);
  });

  it('short series (n <= 8) use R\'s HoltWintersZZ path and say so', () => {
    expect(String(holt.fit([3, 5, 4, 6, 8, 7, 9, 10]).params.fallback)).toMatch(/n <= 8/);
  });

  edgeCaseTests(holt);
});
