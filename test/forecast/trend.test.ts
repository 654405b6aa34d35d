import { describe, expect, it } from 'vitest';
import { fitLine, linear, loglinear } from '../../src/forecast/trend.js';
import { SemicapError } from '../../src/errors.js';
import { createRng } from '../../src/forecast/random.js';

const FIXTURE = [3.1, 4.0, 4.8, 6.3, 6.9, 8.4, 8.8, 10.5, 11.2, 11.9];

function expectClose(actual: number[], expected: number[], digits: number): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], digits));
}

describe('linear', () => {
  it('matches the closed form on a series worked by hand', () => {
    // y = 1, 3, 2, 5 at t = 1..4: t̄ = 2.5, ȳ = 2.75, Stt = 5, Sty = −1.5·1 − 0.5·3 + 0.5·2 + 1.5·5 = 5.5,
    // slope = 5.5/5 = 1.1, intercept (t = 0) = 2.75 − 1.1·2.5 = 0, fitted 1.1, 2.2, 3.3, 4.4,
    // residuals −0.1, 0.8, −1.3, 0.6, SSR = 2.7, σ² = 2.7/2 = 1.35.
    // Forecast at t = 5: 5.5; se = √(1.35·(1 + 1/4 + 2.5²/5)) = √3.375; 95 %: ± t(0.975, 2 df)·se,
    // t(0.975, 2 df) = (2p − 1)/√(2p(1 − p)) = 0.95/√0.04875 = 4.302652729749464.
    const fit = linear.fit([1, 3, 2, 5]);
    expectClose(fit.fitted, [1.1, 2.2, 3.3, 4.4], 12);
    expectClose(fit.residuals, [-0.1, 0.8, -1.3, 0.6], 12);
    expect(fit.params.slope).toBeCloseTo(1.1, 12);
    expect(fit.params.intercept).toBeCloseTo(1.1, 12); // level at the first observation
    expect(fit.params.sigma).toBeCloseTo(Math.sqrt(1.35), 12);
    const fc = fit.forecast(1, { levels: [95] });
    expect(fc.mean[0]).toBeCloseTo(5.5, 12);
    const halfWidth = 4.302652729749464 * Math.sqrt(3.375);
    expect(fc.intervals[0].lower[0]).toBeCloseTo(5.5 - halfWidth, 10);
    expect(fc.intervals[0].upper[0]).toBeCloseTo(5.5 + halfWidth, 10);
  });

  it('matches R tslm(y ~ trend) forecasts and intervals (fixtures/trend/make.R)', () => {
    const fc = linear.fit(FIXTURE).forecast(4, { levels: [80, 95] });
    expectClose(fc.mean, [13.16, 14.172727272727276, 15.185454545454547, 16.198181818181819], 10);
    expectClose(fc.intervals[0].lower, [12.714184633241574, 13.705327852472033, 14.694070539805109, 15.680746401827852], 9);
    expectClose(fc.intervals[1].upper, [13.895997144440669, 14.944357557978273, 15.996681012616177, 17.052416591734048], 9);
    expect(fc.intervals.map((i) => i.level)).toEqual([80, 95]);
  });

  it('forecasts an exact line exactly, with zero-width intervals', () => {
    const fc = linear.fit([2, 4, 6, 8, 10]).forecast(3);
    expectClose(fc.mean, [12, 14, 16], 12);
    for (const i of fc.intervals) {
      expectClose(i.lower, [12, 14, 16], 10);
      expectClose(i.upper, [12, 14, 16], 10);
    }
  });

  it('falls back on 1 and 2 observations and says so', () => {
    const one = linear.fit([7]);
    expect(one.params.fallback).toMatch(/one observation/);
    const fc1 = one.forecast(3);
    expect(fc1.mean).toEqual([7, 7, 7]);
    expect(fc1.intervals[1].lower).toEqual([7, 7, 7]);
    const two = linear.fit([1, 3]);
    expect(two.params.fallback).toMatch(/two observations/);
    const fc2 = two.forecast(2);
    expectClose(fc2.mean, [5, 7], 12);
    expectClose(fc2.intervals[0].upper, [5, 7], 12);
  });

  it('handles a constant series without NaN', () => {
    const fc = linear.fit([4, 4, 4, 4]).forecast(2);
    expect(fc.mean).toEqual([4, 4]);
    for (const i of fc.intervals) expect([...i.lower, ...i.upper].every(Number.isFinite)).toBe(true);
  });

  it('clamps to floor and cap when given (0 is a real floor)', () => {
    const fc = linear.fit([30, 20, 10, 5], { floor: 0, cap: 100 }).forecast(4);
    expect(Math.min(...fc.mean, ...fc.intervals.flatMap((i) => i.lower))).toBe(0);
    const up = linear.fit([80, 90, 95, 99], { cap: 100 }).forecast(3);
    expect(Math.max(...up.mean, ...up.intervals.flatMap((i) => i.upper))).toBe(100);
  });

  it('rejects empty and non-finite input as data errors, bad horizons and levels as usage errors', () => {
    expect(() => linear.fit([])).toThrow(expect.objectContaining({ kind: 'data' }));
    expect(() => linear.fit([1, Number.NaN, 3])).toThrow(/finite numbers, got NaN at position 2/);
    const fit = linear.fit([1, 2, 3]);
    expect(() => fit.forecast(0)).toThrow(expect.objectContaining({ kind: 'usage' }));
    expect(() => fit.forecast(2, { levels: [100] })).toThrow(/strictly between 0 and 100/);
  });

  it('fitLine is stable for large magnitudes (centred sums)', () => {
    const base = 1e12;
    const line = fitLine([base + 1, base + 2, base + 3, base + 4]);
    expect(line.slope).toBeCloseTo(1, 6);
    expect(line.sigma2).toBeLessThan(1e-6);
  });
});

describe('fitLine (simple-statistics linearRegression) against R lm(y ~ t)', () => {
  // Coefficients printed by R 4.2: coef(lm(y ~ seq_along(y))), %.17g.
  it('agrees with lm to rounding on ordinary series', () => {
    const cases: [number[], number, number][] = [
      [[1, 2, 4, 8, 16, 32], -9.6000000000000032, 5.7428571428571429],
      [[100, 90, 95, 70, 60, 65, 40, 42, 30, 10, 12, 5], 111.15151515151517, -9.1643356643356686],
      [[0.001, 0.0031, 0.0029, 0.0052, 0.0071, 0.0064, 0.0093], -9.9999999999998487e-5, 0.0012749999999999997],
    ];
    for (const [y, a, b] of cases) {
      const line = fitLine(y);
      expect(Math.abs(line.intercept - a) / Math.abs(a)).toBeLessThan(1e-13);
      expect(Math.abs(line.slope - b) / Math.abs(b)).toBeLessThan(1e-13);
    }
  });

  it('centres before summing: at 1e9 the slope is the exact 1.2 (lm: 1.2000000255 from its QR), a constant series 0 (lm: −1.5e-15)', () => {
    expect(fitLine([1000000001, 1000000003, 1000000002, 1000000007, 1000000005]).slope).toBe(1.2);
    expect(fitLine([5.5, 5.5, 5.5]).slope).toBe(0);
  });
});

describe('loglinear', () => {
  it('matches R tslm(y ~ trend, lambda = 0) (median back-transform) (fixtures/trend/make.R)', () => {
    const fit = loglinear.fit(FIXTURE);
    expect(fit.params.backTransform).toBe('median');
    const fc = fit.forecast(4, { levels: [80, 95] });
    expectClose(fc.mean, [15.716984699590176, 18.224783796885312, 21.132726842437798, 24.504660728727849], 9);
    expectClose(fc.intervals[1].lower, [12.006748162056832, 13.742215230367972, 15.705739741547783, 17.927423941461001], 9);
    expectClose(fc.intervals[0].upper, [18.501442344765067, 21.623613386594677, 25.294865455510859, 29.611805006217708], 8);
  });

  it('recovers an exact exponential path and its growth rate', () => {
    const y = [100, 110, 121, 133.1, 146.41];
    const fit = loglinear.fit(y);
    expect(fit.params.growth).toBeCloseTo(0.1, 12);
    expectClose(fit.forecast(2).mean, [161.051, 177.1561], 8);
  });

  it('excludes zeros and negatives with a data error that names the reason', () => {
    expect(() => loglinear.fit([3, 0, 5])).toThrow(SemicapError);
    expect(() => loglinear.fit([3, 0, 5])).toThrow(/strictly positive.*got 0 at position 2/);
    expect(() => loglinear.fit([-1, 2])).toThrow(expect.objectContaining({ kind: 'data' }));
  });

  it('falls back on one observation', () => {
    const fit = loglinear.fit([5]);
    expect(fit.params.fallback).toMatch(/one observation/);
    expect(fit.forecast(2).mean).toEqual([5, 5]);
  });

  it('refuses a forecast that would overflow rather than return Infinity', () => {
    const fit = loglinear.fit([1, 1e100, 1e200]);
    expect(() => fit.forecast(5)).toThrow(/leaves the range of numbers/);
  });
});

describe('interval coverage on simulated data', () => {
  it('linear: the t prediction interval is exact for a line plus normal noise', () => {
    // 4000 series of 8 values, y = 5 + 0.7·t + N(0, 2²); the 80 % and 95 % intervals for t = 11 (h = 3) should
    // contain the outcome 80 % / 95 % of the time. Tolerance: 5 binomial standard errors (0.032 and 0.017).
    const rng = createRng(314);
    const trials = 4000;
    let in80 = 0;
    let in95 = 0;
    for (let s = 0; s < trials; s++) {
      const y = Array.from({ length: 8 }, (_, i) => 5 + 0.7 * (i + 1) + 2 * rng.normal());
      const outcome = 5 + 0.7 * 11 + 2 * rng.normal();
      const [i80, i95] = linear.fit(y).forecast(3, { levels: [80, 95] }).intervals;
      if (outcome >= i80.lower[2] && outcome <= i80.upper[2]) in80++;
      if (outcome >= i95.lower[2] && outcome <= i95.upper[2]) in95++;
    }
    expect(Math.abs(in80 / trials - 0.8)).toBeLessThan(5 * Math.sqrt((0.8 * 0.2) / trials));
    expect(Math.abs(in95 / trials - 0.95)).toBeLessThan(5 * Math.sqrt((0.95 * 0.05) / trials));
  });

  it('loglinear: exact for exponential growth with log-normal noise', () => {
    const rng = createRng(2718);
    const trials = 4000;
    let in90 = 0;
    for (let s = 0; s < trials; s++) {
      const y = Array.from({ length: 10 }, (_, i) => 100 * Math.exp(0.08 * (i + 1) + 0.1 * rng.normal()));
      const outcome = 100 * Math.exp(0.08 * 11 + 0.1 * rng.normal());
      const [i90] = loglinear.fit(y).forecast(1, { levels: [90] }).intervals;
      if (outcome >= i90.lower[0] && outcome <= i90.upper[0]) in90++;
    }
    expect(Math.abs(in90 / trials - 0.9)).toBeLessThan(5 * Math.sqrt((0.9 * 0.1) / trials));
  });
});
