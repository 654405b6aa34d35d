import { describe, expect, it } from 'vitest';
import { magnitudeScale, scaleBy } from '../../src/forecast/scale.js';
import { forecastSeries } from '../../src/app/forecast/batch.js';
import { getMethod } from '../../src/forecast/registry.js';

describe('magnitudeScale', () => {
  it('leaves ordinary values alone, rescales extreme ones by a power of two, refuses spreads no fit resolves', () => {
    expect(magnitudeScale([1, 2, 3])).toEqual({ exponent: 0 });
    expect(magnitudeScale([0, 0])).toEqual({ exponent: 0 });
    expect(magnitudeScale([1e15, 2e14])).toEqual({ exponent: 0 });
    expect(magnitudeScale([2e300, 3e300])).toEqual({ exponent: -998 });
    expect(magnitudeScale([1e-300, 3e-300])).toEqual({ exponent: 995 });
    expect(magnitudeScale([5e-324, 1e-323])).toEqual({ exponent: 1073 });
    expect(scaleBy(scaleBy(5e-324, 1073), -1073)).toBe(5e-324);
    expect(magnitudeScale([1e-20, 1e10])).toEqual({ reason: 'values span 1.0e-20 to 1.0e+10, more than 15 orders of magnitude; no fit can resolve both (rescale or split the series)' });
  });

  it('a series of 1e300s is forecast exactly as the same series in ordinary units, scaled (powers of two are exact)', () => {
    const base = [1, 2.5, 3, 4.25, 5, 7];
    const factor = 2 ** 996;
    const series = (values: number[]) => ({ id: 'x', startYear: 2000, values, filled: [] });
    for (const name of ['naive', 'drift', 'holt', 'theta']) {
      const method = getMethod(name);
      const plain = forecastSeries(series(base), [method], 3, [80, 95], 1).ok[0].forecast;
      const huge = forecastSeries(series(base.map((v) => v * factor)), [method], 3, [80, 95], 1).ok[0].forecast;
      expect(huge.mean.map((v) => v / factor)).toEqual(plain.mean);
      expect(huge.intervals[1].upper.map((v) => v / factor)).toEqual(plain.intervals[1].upper);
      // Not degenerate: the 95 % interval has width.
      expect(huge.intervals[1].upper[0]).toBeGreaterThan(huge.intervals[1].lower[0]);
    }
  });
});
