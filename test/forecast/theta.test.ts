import { describe, expect, it } from 'vitest';
import { ses } from '../../src/forecast/ses.js';
import { lineSlope, theta } from '../../src/forecast/theta.js';
import { edgeCaseTests } from './fixtures/ets/reference.js';
import { rReferenceTests } from './fixtures/ets/smoothing.js';

describe('theta (R thetaf, non-seasonal)', () => {
  rReferenceTests(theta, 'theta');

  it('is SES plus half the regression slope times (h − 1 + (1 − (1 − α)^n)/α)', () => {
    const y = [20, 22, 21, 25, 27, 26, 30, 31, 33, 32, 36, 38];
    const s = ses.fit(y);
    const alpha = s.params.alpha as number;
    const b = lineSlope(y) / 2;
    const n = y.length;
    const sesMean = s.forecast(3).mean;
    const { mean } = theta.fit(y).forecast(3);
    for (let k = 0; k < 3; k++) {
      expect(mean[k]).toBeCloseTo(sesMean[k] + b * (k + (1 - (1 - alpha) ** n) / alpha), 10);
    }
  });

  it('lineSlope is the least squares slope', () => {
    expect(lineSlope([1, 3, 5, 7])).toBeCloseTo(2, 12);
    expect(lineSlope([5])).toBe(0);
  });

  edgeCaseTests(theta);
});
