import { describe, expect, it } from 'vitest';
import {
  checkLevels,
  levelToT,
  levelToZ,
  logGamma,
  normalCdf,
  normalQuantile,
  studentTCdf,
  studentTQuantile,
} from '../../src/forecast/normal.js';

// Reference values from R 4 (options(digits = 17)):
//   qnorm(c(0.975, 0.9, 1e-10, 0.5 + 1e-9, 0.999999))
//   pnorm(c(1.96, -3, -10, 0.3, -37))
//   qt(0.975, c(1, 2, 3, 5, 10, 30, 100)); qt(c(0.9, 0.995, 0.0005), 4); qt(0.975, 2.5)
//   pt(c(2, -3.5, 0.1), 7)
describe('normalQuantile (AS241)', () => {
  it('matches R qnorm to about 15 digits', () => {
    const cases: [number, number][] = [
      [0.975, 1.9599639845400536],
      [0.9, 1.2815515655446008],
      [1e-10, -6.3613409024040557],
      [0.5 + 1e-9, 2.5066282037387119e-9],
      [0.999999, 4.7534243088170891],
    ];
    for (const [p, z] of cases) expect(normalQuantile(p)).toBeCloseTo(z, 14);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('is odd around 1/2', () => {
    for (const p of [0.01, 0.2, 0.4, 0.49]) expect(normalQuantile(p)).toBeCloseTo(-normalQuantile(1 - p), 14);
  });

  it('rejects 0, 1 and NaN rather than returning infinities', () => {
    expect(() => normalQuantile(0)).toThrow(/strictly between 0 and 1/);
    expect(() => normalQuantile(1)).toThrow(/strictly between 0 and 1/);
    expect(() => normalQuantile(Number.NaN)).toThrow(/strictly between 0 and 1/);
  });
});

describe('normalCdf', () => {
  it('matches R pnorm, with relative accuracy far in the lower tail', () => {
    const cases: [number, number][] = [
      [1.96, 0.97500210485177963],
      [-3, 1.3498980316300946e-3],
      [-10, 7.6198530241605269e-24],
      [0.3, 0.61791142218895267],
      [-37, 5.7255712225245771e-300],
    ];
    for (const [x, p] of cases) expect(Math.abs(normalCdf(x) / p - 1)).toBeLessThan(1e-12);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(Infinity)).toBe(1);
  });

  it('inverts normalQuantile', () => {
    for (const p of [1e-8, 0.001, 0.1, 0.5, 0.8, 0.975, 0.9999]) {
      expect(Math.abs(normalCdf(normalQuantile(p)) - p)).toBeLessThan(1e-14);
    }
  });
});

describe('logGamma', () => {
  it('gives log((n−1)!) at integers and log√π at 1/2', () => {
    expect(logGamma(1)).toBeCloseTo(0, 14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
  });
});

describe('Student t', () => {
  it('quantiles agree with the printed table (97.5 %: 12.706 at 1 df, 2.228 at 10, 1.960 at ∞)', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228, 3);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.96, 2);
    expect(studentTQuantile(0.95, 5)).toBeCloseTo(2.015, 3);
    expect(studentTQuantile(0.995, 20)).toBeCloseTo(2.845, 3);
  });

  it('quantiles match R qt to 11 digits', () => {
    const at975: [number, number][] = [
      [1, 12.7062047361746941],
      [2, 4.3026527297494619],
      [3, 3.1824463052837078],
      [5, 2.5705818356363137],
      [10, 2.2281388519862739],
      [30, 2.0422724563012378],
      [100, 1.9839715185235516],
    ];
    for (const [df, t] of at975) expect(Math.abs(studentTQuantile(0.975, df) / t - 1)).toBeLessThan(1e-11);
    expect(studentTQuantile(0.9, 4)).toBeCloseTo(1.5332062740589429, 11);
    expect(studentTQuantile(0.995, 4)).toBeCloseTo(4.6040948713499921, 11);
    expect(studentTQuantile(0.0005, 4)).toBeCloseTo(-8.6103015813792751, 10);
    expect(studentTQuantile(0.975, 2.5)).toBeCloseTo(3.5746548420036919, 11);
  });

  it('keeps relative accuracy in far tails and at small or fractional df', () => {
    // R: qt(c(0.975, 0.9999, 0.6, 1e-12, 0.999999), c(0.5, 1.5, 3, 4, 200))
    const cases: [number, number, number][] = [
      [0.975, 0.5, 164.55767348049445786],
      [0.9999, 1.5, 242.26409884652412075],
      [0.6, 3, 0.27667066233268983],
      [1e-12, 4, -1316.07274655925721163],
      [0.999999, 200, 4.89730210282044975],
    ];
    for (const [p, df, t] of cases) expect(Math.abs(studentTQuantile(p, df) / t - 1)).toBeLessThan(1e-11);
  });

  it('distribution function matches R pt', () => {
    expect(studentTCdf(2, 7)).toBeCloseTo(0.957190335718512, 14);
    expect(studentTCdf(-3.5, 7)).toBeCloseTo(0.0049965204409427718, 15);
    expect(studentTCdf(0.1, 7)).toBeCloseTo(0.5384259701976037, 14);
    expect(studentTCdf(0, 3)).toBe(0.5);
  });

  it('approaches the normal quantile as df grows', () => {
    expect(Math.abs(studentTQuantile(0.975, 1e6) - 1.9599663568141066)).toBeLessThan(1e-9);
    expect(studentTQuantile(0.975, 1e12)).toBe(normalQuantile(0.975));
  });

  it('rejects non-positive degrees of freedom', () => {
    expect(() => studentTQuantile(0.9, 0)).toThrow(/degrees of freedom > 0/);
    expect(() => studentTCdf(1, -2)).toThrow(/degrees of freedom > 0/);
  });
});

describe('levels', () => {
  it('levelToZ gives the two-sided normal multipliers', () => {
    expect(levelToZ(80)).toBeCloseTo(1.2816, 4);
    expect(levelToZ(95)).toBeCloseTo(1.95996, 5);
    expect(levelToZ(50)).toBeCloseTo(0.6744897501960817, 14);
  });

  it('levelToT gives the two-sided t multipliers', () => {
    expect(levelToT(95, 10)).toBeCloseTo(2.2281388519862739, 11);
    expect(levelToT(80, 1)).toBeCloseTo(3.0776835371752536, 12); // tan(0.4π)
  });

  it('rejects levels outside (0, 100) as usage errors', () => {
    for (const bad of [0, 100, -5, 150, Number.NaN]) {
      expect(() => levelToZ(bad)).toThrow(expect.objectContaining({ kind: 'usage' }));
    }
    expect(() => checkLevels([80, 100])).toThrow(/strictly between 0 and 100, got 100/);
    expect(() => checkLevels([80, 95])).not.toThrow();
  });
});
