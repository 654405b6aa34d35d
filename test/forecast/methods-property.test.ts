// Property tests: for any valid input the trend and logistic methods return finite numbers only, with
// intervals around the mean, and the logistic stays within its bounds.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logistic } from '../../src/forecast/logistic.js';
import { linear, loglinear } from '../../src/forecast/trend.js';
import type { Forecast } from '../../src/forecast/types.js';

function allFinite(f: Forecast): boolean {
  return [...f.mean, ...f.intervals.flatMap((i) => [...i.lower, ...i.upper])].every(Number.isFinite);
}

function ordered(f: Forecast): boolean {
  const slack = (v: number) => 1e-9 * Math.max(1, Math.abs(v));
  return f.intervals.every((i) =>
    f.mean.every((m, k) => i.lower[k] <= m + slack(m) && m <= i.upper[k] + slack(m)),
  );
}

const horizon = fc.integer({ min: 1, max: 12 });

describe('no NaN or Infinity for valid input', () => {
  it('linear', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 40 }), horizon, (y, h) => {
        const f = linear.fit(y).forecast(h, { levels: [50, 80, 95, 99] });
        expect(allFinite(f)).toBe(true);
        expect(ordered(f)).toBe(true);
      }),
      { numRuns: 300, seed: 7101 },
    );
  });

  it('loglinear on positive series of moderate range', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 1, maxLength: 40 }), horizon, (y, h) => {
        const f = loglinear.fit(y).forecast(h);
        expect(allFinite(f)).toBe(true);
        expect(ordered(f)).toBe(true);
        expect(Math.min(...f.mean, ...f.intervals.flatMap((i) => i.lower))).toBeGreaterThan(0);
      }),
      { numRuns: 300, seed: 7102 },
    );
  });

  it('loglinear on any positive series: finite numbers, or a data error when a bound overflows', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 40 }), horizon, (y, h) => {
        let f: Forecast;
        try {
          f = loglinear.fit(y).forecast(h);
        } catch (error) {
          expect(error).toMatchObject({ kind: 'data', message: expect.stringMatching(/leaves the range of numbers/) });
          return;
        }
        expect(allFinite(f)).toBe(true);
      }),
      { numRuns: 300, seed: 7103 },
    );
  });

  it('logistic stays in [floor, cap] with a given cap and with an estimated one', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 25 }),
        horizon,
        fc.boolean(),
        (y, h, capGiven) => {
          const options = capGiven || y.length < 4 ? { cap: 100 } : {};
          const fit = logistic.fit(y, options);
          const cap = Number(fit.params.cap ?? 100);
          const f = fit.forecast(h, { levels: [80, 95], paths: 400 });
          expect(allFinite(f)).toBe(true);
          const values = [...f.mean, ...f.intervals.flatMap((i) => [...i.lower, ...i.upper])];
          expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
          expect(Math.max(...values)).toBeLessThanOrEqual(cap);
          expect(fit.fitted.every(Number.isFinite)).toBe(true);
        },
      ),
      { numRuns: 100, seed: 7104 },
    );
  });
});
