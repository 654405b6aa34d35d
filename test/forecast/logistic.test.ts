import { describe, expect, it } from 'vitest';
import { boundOffset, estimateCap, logistic, logisticNls, logit, sigmoid } from '../../src/forecast/logistic.js';
import { createRng } from '../../src/forecast/random.js';

const SHARE = [2.1, 3.0, 4.4, 6.9, 9.5, 14.2, 19.0, 26.5, 33.0, 41.2, 48.5, 55.0];

describe('logistic', () => {
  it('with a known cap is OLS on the logit, as R lm(qlogis(y/100) ~ t)', () => {
    // R: f <- lm(qlogis(y/100) ~ t); coef -4.15363186025340081, 0.37690424952729629; sigma 0.087822116062068065;
    //    100 * plogis(predict(f, data.frame(t = 13:15))) = 67.833341778956068 75.454987935202027 81.756431651369439
    const fit = logistic.fit(SHARE, { cap: 100 });
    expect(fit.params.slope).toBeCloseTo(0.37690424952729629, 12);
    expect(fit.params.intercept).toBeCloseTo(-4.15363186025340081 + 0.37690424952729629, 12);
    expect(fit.params.sigmaLogit).toBeCloseTo(0.087822116062068065, 12);
    const fc = fit.forecast(3);
    [67.833341778956068, 75.454987935202027, 81.756431651369439].forEach((v, k) => expect(fc.mean[k]).toBeCloseTo(v, 10));
  });

  it('recovers an exact curve and its cap when the cap is not given', () => {
    const y = Array.from({ length: 15 }, (_, i) => 80 * sigmoid(-3 + 0.4 * (i + 1)));
    const fit = logistic.fit(y);
    expect(fit.params.cap).toBeCloseTo(80, 6);
    expect(fit.params.slope).toBeCloseTo(0.4, 8);
    expect(fit.params.capEstimated).toBe('yes');
    expect(fit.forecast(1).mean[0]).toBeCloseTo(80 * sigmoid(-3 + 0.4 * 16), 6);
  });

  it('says when the estimated cap ends at the search limit (exponential data)', () => {
    const y = [1, 2, 4, 8, 16, 32];
    const estimate = estimateCap(y, 0);
    expect(estimate.atSearchLimit).toBe(true);
    expect(logistic.fit(y).params.capNote).toMatch(/search limit/);
  });

  it('keeps means and intervals inside [floor, cap], also with zeros and values on the cap', () => {
    const cases: [number[], { cap?: number; floor?: number }][] = [
      [SHARE, { cap: 100 }],
      [[0, 0, 1, 3, 5, 9], { cap: 100 }],
      [[90, 95, 99, 100, 100], { cap: 100 }],
      [[40, 35, 25, 12, 6, 3], { cap: 100 }],
      [[12, 13, 15, 18], { floor: 10, cap: 20 }],
    ];
    for (const [y, options] of cases) {
      const fc = logistic.fit(y, options).forecast(10, { levels: [80, 95, 99] });
      const floor = options.floor ?? 0;
      const values = [...fc.mean, ...fc.intervals.flatMap((i) => [...i.lower, ...i.upper])];
      expect(values.every(Number.isFinite)).toBe(true);
      expect(Math.min(...values)).toBeGreaterThanOrEqual(floor);
      expect(Math.max(...values)).toBeLessThanOrEqual(options.cap!);
      for (const i of fc.intervals) i.lower.forEach((lo, k) => expect(lo).toBeLessThanOrEqual(fc.mean[k] + 1e-9));
    }
  });

  it('intervals widen with the horizon on the logit scale and nest by level', () => {
    // On the original scale they may narrow as the curve flattens towards the cap; on the logit scale the
    // parameter uncertainty makes them widen.
    const fc = logistic.fit(SHARE, { cap: 100 }).forecast(6, { levels: [80, 95] });
    const [i80, i95] = fc.intervals;
    const width = (k: number) => logit(i95.upper[k] / 100) - logit(i95.lower[k] / 100);
    expect(width(5)).toBeGreaterThan(width(0));
    for (let k = 0; k < 6; k++) {
      expect(i95.lower[k]).toBeLessThanOrEqual(i80.lower[k]);
      expect(i95.upper[k]).toBeGreaterThanOrEqual(i80.upper[k]);
    }
  });

  it('covers about 80 % of one-step outcomes on simulated logistic data', () => {
    // 300 series of 20 values with N(0, 0.2) noise on the logit scale; the 80 % interval for the next value should
    // contain it about 80 % of the time (binomial sd √(.8·.2/300) = 2.3 points; bootstrap intervals of a
    // 20-point fit run a little narrow, so the band is 80 ± 8).
    const rng = createRng(99);
    let covered = 0;
    const trials = 300;
    for (let s = 0; s < trials; s++) {
      const z = (t: number) => -2 + 0.15 * t + 0.2 * rng.normal();
      const y = Array.from({ length: 20 }, (_, i) => 100 * sigmoid(z(i + 1)));
      const next = 100 * sigmoid(z(21));
      const [i80] = logistic.fit(y, { cap: 100 }).forecast(1, { levels: [80], seed: s }).intervals;
      if (next >= i80.lower[0] && next <= i80.upper[0]) covered++;
    }
    expect(Math.abs(covered / trials - 0.8)).toBeLessThan(0.08);
  });

  it('is reproducible with a seed', () => {
    const fit = logistic.fit(SHARE, { cap: 100 });
    expect(fit.forecast(4, { seed: 5 })).toEqual(fit.forecast(4, { seed: 5 }));
    expect(fit.forecast(4, { seed: 5 })).not.toEqual(fit.forecast(4, { seed: 6 }));
  });

  it('falls back on one value, two values and constant series', () => {
    const one = logistic.fit([30], { cap: 100 });
    expect(one.params.fallback).toMatch(/one observation/);
    expect(one.forecast(2).mean).toEqual([30, 30]);
    const flat = logistic.fit([0, 0, 0]);
    expect(flat.params.fallback).toMatch(/constant/);
    expect(flat.forecast(2).intervals[0].lower).toEqual([0, 0]);
    const two = logistic.fit([20, 30], { cap: 100 });
    expect(two.params.fallback).toMatch(/two observations/);
    const fc = two.forecast(1);
    // Through logit(0.2) and logit(0.3): next logit = 2·logit(0.3) − logit(0.2).
    expect(fc.mean[0]).toBeCloseTo(100 * sigmoid(2 * logit(0.3) - logit(0.2)), 10);
    expect(fc.intervals[0].upper[0]).toBe(fc.mean[0]);
  });

  it('names broken preconditions', () => {
    expect(() => logistic.fit([-1, 2, 3, 4])).toThrow(/at or above the floor 0, got -1 at position 1/);
    expect(() => logistic.fit([50, 120], { cap: 100 })).toThrow(/at or below the cap 100, got 120/);
    expect(() => logistic.fit([1, 2, 3])).toThrow(/needs a cap, or at least 4 values/);
    expect(() => logistic.fit([1, 2], { cap: 0 })).toThrow(expect.objectContaining({ kind: 'usage' }));
    expect(() => logistic.fit([1, 2, 3, 4]).forecast(0)).toThrow(/positive integer/);
  });

  it('boundOffset is half the smallest distance to a bound, at most 1 %', () => {
    expect(boundOffset([0, 0.5, 1])).toBe(0.01);
    expect(boundOffset([0, 0.004, 0.5])).toBe(0.002);
    expect(boundOffset([0.3, 0.99])).toBeCloseTo(0.005, 15);
  });
});

describe('logistic-nls', () => {
  it('matches R nls() on the original scale', () => {
    // R: nls(y ~ 100 * plogis(a + b * t), start = list(a = -4.15, b = 0.377)):
    //    a = -3.87120203517249095, b = 0.34640567213599327; forecast at t = 13: 65.295906594459922
    // R: nls(y ~ 10 + 30 * plogis(a + b * t), y = 12, 13, 15, 18, 22, 27, 31, 34, 36, 37.5):
    //    a = -3.34692961165279446, b = 0.59259273703856419
    // (R stops at its default relative-offset tolerance, so agreement is to about 7 digits.)
    const fit = logisticNls.fit(SHARE, { cap: 100 });
    expect(fit.method).toBe('logistic-nls');
    expect(fit.params.slope).toBeCloseTo(0.34640567213599327, 6);
    expect(fit.params.intercept).toBeCloseTo(-3.87120203517249095 + 0.34640567213599327, 6);
    expect(fit.forecast(1).mean[0]).toBeCloseTo(65.295906594459922, 4);
    const bounded = logisticNls.fit([12, 13, 15, 18, 22, 27, 31, 34, 36, 37.5], { floor: 10, cap: 40 });
    expect(bounded.params.slope).toBeCloseTo(0.59259273703856419, 6);
    expect(bounded.params.intercept).toBeCloseTo(-3.34692961165279446 + 0.59259273703856419, 6);
  });

  it('has a lower squared error on the original scale than the logit fit', () => {
    const sse = (fitted: number[]) => fitted.reduce((s, f, i) => s + (SHARE[i] - f) ** 2, 0);
    expect(sse(logisticNls.fit(SHARE, { cap: 100 }).fitted)).toBeLessThan(sse(logistic.fit(SHARE, { cap: 100 }).fitted));
  });

  it('keeps its intervals inside the bounds and around its curve', () => {
    const fc = logisticNls.fit([40, 35, 25, 12, 6, 3, 1, 0.5], { cap: 100 }).forecast(8, { levels: [95] });
    const [i95] = fc.intervals;
    expect(Math.min(...i95.lower)).toBeGreaterThanOrEqual(0);
    fc.mean.forEach((m, k) => {
      expect(i95.lower[k]).toBeLessThanOrEqual(m);
      expect(i95.upper[k]).toBeGreaterThanOrEqual(m);
    });
  });

  it('estimates a cap too', () => {
    const y = Array.from({ length: 15 }, (_, i) => 80 * sigmoid(-3 + 0.4 * (i + 1)));
    expect(logisticNls.fit(y).params.cap).toBeCloseTo(80, 4);
  });
});
