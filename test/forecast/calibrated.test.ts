import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { conformalQuantiles, pseudoTest, smoothedQuantiles } from '../../bench/intervals.js';
import { calibrationFile, calibrationSource, calibrationTable, DEFAULT_M3, OUT, readM3, scaledErrorsNearEnd } from '../../scripts/calibrate-intervals.js';
import { calibrated, calibratedIntervals, calibrationScale, scaledErrorQuantiles, scaledQuantile, type CalibrationTable } from '../../src/forecast/calibrated.js';
import { naive } from '../../src/forecast/naive.js';
import { normal, Rng } from '../../src/forecast/random.js';
import { getMethod, shippedCalibration, withIntervals } from '../../src/forecast/registry.js';

// A two-horizon table: scaled-error quantiles at p = 0.1, 0.5, 0.9.
const TABLE: CalibrationTable = {
  method: 'naive',
  source: 'hand-made',
  probabilities: [0.1, 0.5, 0.9],
  quantiles: [
    [-1, 0, 2],
    [-2, 0, 3],
  ],
  counts: [10, 10],
};

describe('scaledErrorQuantiles', () => {
  it('takes type-7 quantiles per horizon', () => {
    // Sorted 1, 2, 3, 4: p = 0.25 sits at position 0.75 → 1 + 0.75 = 1.75; p = 0.5 at 1.5 → 2.5.
    // Horizon 2, sorted −3, 0, 6: p = 0.25 at position 0.5 → −1.5; p = 0.5 at 1 → 0.
    expect(scaledErrorQuantiles([[3, 1, 2, 4], [6, -3, 0]], [0.25, 0.5])).toEqual([[1.75, 2.5], [-1.5, 0]]);
    expect(() => scaledErrorQuantiles([[]], [0.5])).toThrow(/no scaled errors at horizon 1/);
  });
});

describe('calibrated intervals on a hand-computed case', () => {
  // y = 10, 12, 11, 13: scale = (2 + 1 + 2) / 3 = 5/3; naive forecasts 13 at every horizon.
  const y = [10, 12, 11, 13];
  const scale = 5 / 3;

  it('80 %: mean + scale × the 0.1 and 0.9 quantiles, horizon by horizon', () => {
    const [i80] = calibrated(naive, TABLE).fit(y).forecast(2, { levels: [80] }).intervals;
    // h1: 13 − 5/3 = 11.333…, 13 + 2·5/3 = 16.333…; h2: 13 − 2·5/3 = 9.666…, 13 + 3·5/3 = 18.
    expect(i80.lower[0]).toBeCloseTo(13 - scale, 12);
    expect(i80.upper[0]).toBeCloseTo(13 + 2 * scale, 12);
    expect(i80.lower[1]).toBeCloseTo(13 - 2 * scale, 12);
    expect(i80.upper[1]).toBeCloseTo(18, 12);
  });

  it('interpolates between the probabilities and holds the extremes', () => {
    // 50 %: p = 0.25 is 0.15/0.4 of the way from −1 (0.1) to 0 (0.5): −0.625; p = 0.75 is 0.25/0.4 from 0 to 2: 1.25.
    expect(scaledQuantile(TABLE, 1, 0.25)).toBeCloseTo(-0.625, 12);
    expect(scaledQuantile(TABLE, 1, 0.75)).toBeCloseTo(1.25, 12);
    // 95 %: p = 0.025 and 0.975 lie outside the table: held at −1 and 2.
    const [i95] = calibratedIntervals([13], scale, TABLE, [95]);
    expect(i95.lower[0]).toBeCloseTo(13 - scale, 12);
    expect(i95.upper[0]).toBeCloseTo(13 + 2 * scale, 12);
  });

  it('extrapolates past the last horizon by the growth of the table widths', () => {
    // Widths (0.9 − 0.1 quantiles): 3 at h1, 5 at h2, so g = log(5/3)/log 2 and h = 4 multiplies h2 by (4/2)^g = 5/3:
    // q4(0.9) = 3 · 5/3 = 5, q4(0.1) = −2 · 5/3 = −10/3.
    expect(scaledQuantile(TABLE, 4, 0.9)).toBeCloseTo(5, 12);
    expect(scaledQuantile(TABLE, 4, 0.1)).toBeCloseTo(-10 / 3, 12);
  });

  it('keeps the point forecast and the model intervals where there is no scale', () => {
    const c = calibrated(naive, TABLE);
    expect(c.fit(y).forecast(2).mean).toEqual(naive.fit(y).forecast(2).mean);
    expect(c.fit([5, 5, 5]).forecast(2)).toEqual(naive.fit([5, 5, 5]).forecast(2));
    expect(c.fit([7]).forecast(1)).toEqual(naive.fit([7]).forecast(1));
    expect(c.fit(y).params.intervals).toBe('calibrated');
    expect(() => calibrated(getMethod('theta'), TABLE)).toThrow(/table for 'naive' given to method 'theta'/);
  });

  it('keeps the model intervals on series longer than the calibration series', () => {
    const c = calibrated(naive, { ...TABLE, maxLength: 4 });
    expect(c.fit(y).forecast(2).intervals).not.toEqual(naive.fit(y).forecast(2).intervals);
    const longer = [...y, 12];
    expect(c.fit(longer).forecast(2)).toEqual(naive.fit(longer).forecast(2));
    expect(c.fit(longer).params.intervals).toBe('model (longer than the 4 years of the calibration series)');
  });
});

describe('a table scaled by recent changes', () => {
  it('scales by the mean absolute change over the last m changes, or over all where those are all zero', () => {
    // Last 2 changes of 10, 20, 21, 23: 1 and 2 → 1.5 (the whole history's would be 13/3).
    expect(calibrationScale([10, 20, 21, 23], 2)).toBeCloseTo(1.5, 12);
    expect(calibrationScale([10, 20, 21, 23])).toBeCloseTo(13 / 3, 12);
    // Last 2 changes of 10, 12, 12, 12 are zero: the whole history's (2 + 0 + 0) / 3.
    expect(calibrationScale([10, 12, 12, 12], 2)).toBeCloseTo(2 / 3, 12);
    expect(calibrationScale([5, 5, 5], 2)).toBeUndefined();
    // Fewer changes than m: all of them.
    expect(calibrationScale([1, 4], 6)).toBe(3);
  });

  it('gives mean + recent scale × the table quantiles', () => {
    // Naive forecasts 23; scale 1.5: h1 80 % = 23 − 1.5 = 21.5 … 23 + 2 · 1.5 = 26; h2 = 23 − 3 … 23 + 4.5.
    const [i80] = calibrated(naive, { ...TABLE, recentChanges: 2 }).fit([10, 20, 21, 23]).forecast(2, { levels: [80] }).intervals;
    expect(i80.lower[0]).toBeCloseTo(21.5, 12);
    expect(i80.upper[0]).toBeCloseTo(26, 12);
    expect(i80.lower[1]).toBeCloseTo(20, 12);
    expect(i80.upper[1]).toBeCloseTo(27.5, 12);
  });
});

describe('scaledErrorsNearEnd', () => {
  // y = 1, 2, 4, 7, 11, 16; naive; horizon 2; outcomes in the last 2 values (11 and 16).
  //   fit on 5 values (scale 10/4 = 2.5, forecast 11): h1 → (16 − 11) / 2.5 = 2
  //   fit on 4 (scale 6/3 = 2, forecast 7): h1 → (11 − 7) / 2 = 2, h2 → (16 − 7) / 2 = 4.5
  //   fit on 3 (scale 3/2, forecast 4): h1 scores 7, not among the last 2; h2 → (11 − 4) / 1.5 = 14/3
  const y = [1, 2, 4, 7, 11, 16];

  it('collects each horizon\'s errors on the last years, scaled by the history before the origin', () => {
    const e = scaledErrorsNearEnd([y], naive, 2, 2, 3);
    expect(e[0]).toEqual([2, 2]);
    expect(e[1][0]).toBeCloseTo(4.5, 12);
    expect(e[1][1]).toBeCloseTo(14 / 3, 12);
    // At least 4 values to fit on: the fit on 3 drops out.
    expect(scaledErrorsNearEnd([y], naive, 2, 2, 4)[1]).toEqual([4.5]);
  });

  it('scales by the last changes when asked', () => {
    // Last change before each origin: 4 (11 − 7), 3 (7 − 4), 2 (4 − 2).
    const e = scaledErrorsNearEnd([y], naive, 2, 2, 3, 1);
    expect(e[0]).toEqual([1.25, 4 / 3]);
    expect(e[1]).toEqual([3, 3.5]);
  });
});

describe('calibration on a known process', () => {
  // Random walks y_t = y_{t−1} + N(0, 1), lengths 15–40, seeded. The table is learned on 1,500 walks (naive's
  // scaled errors 6 steps past the end) and applied to 3,000 fresh walks: a conformal interval pooled over
  // exchangeable series covers its level up to sampling noise.
  const rng = new Rng(20261206);
  const walk = () => {
    const n = 15 + (rng.nextUint32() % 26);
    const y = [100];
    while (y.length < n + 6) y.push(y[y.length - 1] + normal(rng));
    return { train: y.slice(0, n), test: y.slice(n) };
  };
  const learn = Array.from({ length: 1500 }, walk);
  const errors: number[][] = Array.from({ length: 6 }, () => []);
  for (const { train, test } of learn) {
    const scale = train.slice(1).reduce((s, v, i) => s + Math.abs(v - train[i]), 0) / (train.length - 1);
    const last = train[train.length - 1];
    test.forEach((v, k) => errors[k].push((v - last) / scale));
  }
  const probabilities = [0.025, 0.1, 0.5, 0.9, 0.975];
  const table: CalibrationTable = { method: 'naive', source: 'simulated', probabilities, quantiles: scaledErrorQuantiles(errors, probabilities), counts: errors.map((e) => e.length) };

  it('80 % covers 80 ± 3 % and 95 % covers 95 ± 2 % of 3,000 fresh walks', () => {
    const method = calibrated(naive, table);
    let inside80 = 0;
    let inside95 = 0;
    let count = 0;
    for (let i = 0; i < 3000; i++) {
      const { train, test } = walk();
      const [i80, i95] = method.fit(train).forecast(6, { levels: [80, 95] }).intervals;
      test.forEach((v, k) => {
        count++;
        if (v >= i80.lower[k] && v <= i80.upper[k]) inside80++;
        if (v >= i95.lower[k] && v <= i95.upper[k]) inside95++;
      });
    }
    expect(inside80 / count).toBeGreaterThan(0.77);
    expect(inside80 / count).toBeLessThan(0.83);
    expect(inside95 / count).toBeGreaterThan(0.93);
    expect(inside95 / count).toBeLessThan(0.97);
  });
});

describe('the shipped procedure on a known process', () => {
  // The calibration script's own steps (errors landing in the last 3 years of each history, scaled by its last 6
  // changes; type-7 quantiles; a table with recentChanges 6) for naive on Gaussian random walks of 15–40 years.
  // A walk's increments are exchangeable, so naive's scaled errors from any origin with 6 changes behind it share
  // one distribution: fresh walks must be covered at the nominal level, horizon by horizon.
  const rng = new Rng(20261207);
  const walk = (length: number) => {
    const y = [50];
    while (y.length < length) y.push(y[y.length - 1] + normal(rng, 0, 2));
    return y;
  };
  const histories = Array.from({ length: 1500 }, () => walk(15 + (rng.nextUint32() % 26)));
  const errors = scaledErrorsNearEnd(histories, naive, 6, 3, 7, 6);
  const probabilities = [0.025, 0.1, 0.9, 0.975];
  const table: CalibrationTable = { method: 'naive', source: 'simulated', probabilities, quantiles: scaledErrorQuantiles(errors, probabilities), counts: errors.map((e) => e.length), recentChanges: 6 };

  it('learns 3 errors per walk and horizon', () => {
    expect(table.counts).toEqual([4500, 4500, 4500, 4500, 4500, 4500]);
  });

  it('covers 80 ± 3 % and 95 ± 2 % of 3,000 fresh walks, pooled and at each horizon', () => {
    const method = calibrated(naive, table);
    const inside = { 80: new Array<number>(6).fill(0), 95: new Array<number>(6).fill(0) };
    const count = 3000;
    for (let i = 0; i < count; i++) {
      const y = walk(21 + (rng.nextUint32() % 26));
      const train = y.slice(0, -6);
      const test = y.slice(-6);
      const [i80, i95] = method.fit(train).forecast(6, { levels: [80, 95] }).intervals;
      test.forEach((v, k) => {
        if (v >= i80.lower[k] && v <= i80.upper[k]) inside[80][k]++;
        if (v >= i95.lower[k] && v <= i95.upper[k]) inside[95][k]++;
      });
    }
    const pooled = (level: 80 | 95) => inside[level].reduce((a, b) => a + b, 0) / (6 * count);
    expect(pooled(80)).toBeGreaterThan(0.77);
    expect(pooled(80)).toBeLessThan(0.83);
    expect(pooled(95)).toBeGreaterThan(0.93);
    expect(pooled(95)).toBeLessThan(0.97);
    for (let k = 0; k < 6; k++) {
      expect(inside[80][k] / count).toBeGreaterThan(0.77);
      expect(inside[80][k] / count).toBeLessThan(0.83);
      expect(inside[95][k] / count).toBeGreaterThan(0.93);
      expect(inside[95][k] / count).toBeLessThan(0.97);
    }
  });

  it('is too narrow when the process is noisier than the walks it learned on', () => {
    // The same table on walks whose last 6 changes understate the noise (sd 2, then 6 in the 6 test years):
    // coverage must fall well below 80 %, so the check above can fail.
    const method = calibrated(naive, table);
    let inside = 0;
    for (let i = 0; i < 1000; i++) {
      const train = walk(30);
      const test: number[] = [];
      let last = train[train.length - 1];
      for (let k = 0; k < 6; k++) test.push((last += normal(rng, 0, 6)));
      const [i80] = method.fit(train).forecast(6, { levels: [80] }).intervals;
      test.forEach((v, k) => {
        if (v >= i80.lower[k] && v <= i80.upper[k]) inside++;
      });
    }
    expect(inside / 6000).toBeLessThan(0.5);
  });
});

describe('the rolling validation of bench:intervals', () => {
  it('cuts each train part `back` years before its end: the history before, the next 6 years as pseudo-test', () => {
    const train = Array.from({ length: 20 }, (_, i) => i);
    const [cut] = pseudoTest([{ id: 'a', train, test: [99] }], 8, 8);
    expect(cut.train).toEqual(train.slice(0, 12));
    expect(cut.test).toEqual([12, 13, 14, 15, 16, 17]);
    // Too little history before the cut (12 < 13), or a cut whose 6 years do not fit (back 5): left out.
    expect(pseudoTest([{ id: 'a', train, test: [] }], 8, 13)).toEqual([]);
    expect(pseudoTest([{ id: 'a', train, test: [] }], 5, 2)).toEqual([]);
  });

  it('takes split-conformal order statistics', () => {
    // n = 9: p = 0.1 → floor(10 · 0.1) = 1st smallest; p = 0.9 → ceil(10 · 0.9) = 9th; p = 0.75 → ceil(7.5) = 8th.
    const row = [5, 3, 9, 1, 7, 2, 8, 4, 6];
    expect(conformalQuantiles([row], [0.1, 0.75, 0.9])).toEqual([[1, 8, 9]]);
    // n = 4: p = 0.05 → rank floor(0.25) = 0, held at the 1st; p = 0.95 → ceil(4.75) = 5, held at the 4th.
    expect(conformalQuantiles([[4, 1, 3, 2]], [0.05, 0.95])).toEqual([[1, 4]]);
  });

  it('smooths each probability across horizons by a power law in h', () => {
    // Quantiles 1, 2, 4 at h = 1, 2, 3: the least-squares line through (log h, log q) has slope 1.23366 and passes
    // through the means (log 6 / 3, log 2), so q̂_h = 2 · (h / 6^(1/3))^1.23366 = 0.95728, 2.25117, 3.71231 (computed
    // independently in Python).
    expect(smoothedQuantiles([[1], [2], [4]], [0.5]).map((r) => r[0])).toEqual([0.95728, 2.25117, 3.71231].map((v) => expect.closeTo(v, 4)));
    // An exact power law is kept: q_h = 3 h² → 3, 12, 27. A quantile that changes sign across horizons is left alone.
    expect(smoothedQuantiles([[3], [12], [27]], [0.5]).map((r) => r[0])).toEqual([3, 12, 27].map((v) => expect.closeTo(v, 10)));
    expect(smoothedQuantiles([[-1], [0.5], [2]], [0.5])).toEqual([[-1], [0.5], [2]]);
  });
});

describe('the shipped table', () => {
  it('is auto\'s, with ascending quantiles for 6 horizons', () => {
    const table = shippedCalibration('auto')!;
    expect(table.quantiles).toHaveLength(6);
    expect(table.maxLength).toBe(47); // the longest M3 yearly series
    expect(table.recentChanges).toBe(6);
    for (const row of table.quantiles) for (let j = 1; j < row.length; j++) expect(row[j]).toBeGreaterThanOrEqual(row[j - 1]);
    expect(withIntervals([getMethod('auto'), getMethod('theta')], 'calibrated').map((m) => m.fit([1, 3, 2, 5, 4]).params.intervals)).toEqual(['calibrated', undefined]);
    expect(withIntervals([getMethod('auto')], 'model')[0]).toBe(getMethod('auto'));
  });

  it.skipIf(!existsSync(DEFAULT_M3))(`regenerates byte for byte from the M3 train rows${existsSync(DEFAULT_M3) ? '' : ` (skipped: ${DEFAULT_M3} not found)`}`, () => {
    const series = readM3(DEFAULT_M3);
    expect(calibrationFile([calibrationTable(series, getMethod('auto'), calibrationSource(series))])).toBe(readFileSync(OUT, 'utf8'));
  }, 120_000); // up to 15 fits of auto on each of 645 series
});
