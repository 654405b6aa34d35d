import { describe, expect, it } from 'vitest';
import { addInterval, backtest, poolBacktests } from '../../src/forecast/backtest.js';
import { linear } from '../../src/forecast/trend.js';
import type { Method } from '../../src/forecast/types.js';

/** Last value carried forward, written here so the test does not depend on another module. */
const lastValue: Method = {
  name: 'last',
  minLength: 1,
  fit: (y) => ({
    method: 'last',
    fitted: [],
    residuals: [],
    params: {},
    forecast: (h) => ({ method: 'last', mean: new Array(h).fill(y[y.length - 1]), intervals: [] }),
  }),
};

/** Fails on prefixes shorter than 4 values, the way a method with too little history would. */
const needsFour: Method = {
  name: 'needs4',
  minLength: 1,
  fit: (y, options) => {
    if (y.length < 4) throw new Error(`needs 4 values, got ${y.length}`);
    return lastValue.fit(y, options);
  },
};

const alwaysFails: Method = {
  name: 'broken',
  minLength: 1,
  fit: () => {
    throw new Error('cannot fit');
  },
};

describe('backtest', () => {
  it('forecasts the right points from the right origins, and a line by `linear` without error', () => {
    const y = Array.from({ length: 10 }, (_, t) => 2 * t + 1);
    const result = backtest(y, [linear], { holdout: 2, origins: 3 });
    const [m] = result.methods;
    // Origins 1..3 train on 8, 7, 6 values and forecast positions 8–9, 7–8, 6–7.
    expect(m.forecasts.map((f) => f.trainLength)).toEqual([8, 7, 6]);
    m.forecasts.forEach((f) => f.mean.forEach((v, k) => expect(v).toBeCloseTo(y[f.trainLength + k], 10)));
    expect(m.overall?.count).toBe(6);
    expect(m.overall?.mae).toBeLessThan(1e-12);
    expect(m.overall?.smape).toBeLessThan(1e-12);
    expect(m.byHorizon.map((s) => s?.count)).toEqual([3, 3]);
    expect(m.failures).toEqual([]);
  });

  it('scores known errors per horizon and overall', () => {
    // y = 1, 2, 4, 7, 11, 16; H = 2, K = 2, last value carried forward.
    // Origin 1: train 1,2,4,7 → forecasts 7,7 for 11,16: errors 4, 9; MASE scale mean(1,2,3) = 2.
    // Origin 2: train 1,2,4   → forecasts 4,4 for 7,11: errors 3, 7; MASE scale mean(1,2) = 1.5.
    const y = [1, 2, 4, 7, 11, 16];
    const [m] = backtest(y, [lastValue], { holdout: 2, origins: 2 }).methods;
    expect(m.byHorizon[0]?.mae).toBeCloseTo(3.5, 12);
    expect(m.byHorizon[1]?.mae).toBeCloseTo(8, 12);
    expect(m.overall?.mae).toBeCloseTo(23 / 4, 12);
    expect(m.overall?.me).toBeCloseTo(23 / 4, 12);
    expect(m.overall?.rmse).toBeCloseTo(Math.sqrt((16 + 81 + 9 + 49) / 4), 12);
    expect(m.overall?.mase).toBeCloseTo((4 / 2 + 9 / 2 + 3 / 1.5 + 7 / 1.5) / 4, 12);
    expect(m.overall?.mape).toBeCloseTo(((4 / 11 + 9 / 16 + 3 / 7 + 7 / 11) * 100) / 4, 12);
    expect(m.overall?.smape).toBeCloseTo((200 * 4 / 18 + 200 * 9 / 23 + 200 * 3 / 11 + 200 * 7 / 15) / 4, 12);
    expect(m.byHorizon[1]?.mase).toBeCloseTo((9 / 2 + 7 / 1.5) / 2, 12);
  });

  it('matches R tsCV(y, naive, h = 3) over the same origins (fixtures/trend/tscv.R)', () => {
    const y = [3.1, 4.0, 4.8, 6.3, 6.9, 8.4, 8.8, 10.5, 11.2, 11.9];
    const [m] = backtest(y, [lastValue], { holdout: 3, origins: 4 }).methods;
    expect(m.forecasts.map((f) => f.trainLength)).toEqual([7, 6, 5, 4]);
    expect(m.byHorizon.map((s) => s?.mae)).toEqual([expect.closeTo(1.05, 12), expect.closeTo(2.125, 12), expect.closeTo(3, 12)]);
    expect(m.overall?.rmse).toBeCloseTo(2.2455511572885616, 12);
  });

  it('records failures without crashing and ranks best first', () => {
    const y = [1, 2, 4, 7, 11, 16];
    const result = backtest(y, [alwaysFails, lastValue, needsFour, linear], { holdout: 2, origins: 2 });
    // sMAPE: linear 35.2 (forecasts 8.5, 10.5 and 5.33, 6.83), needs4 61.4 (origin 1 only), last 67.6, broken none.
    expect(result.methods.map((m) => m.method)).toEqual(['linear', 'needs4', 'last', 'broken']);
    const byName = Object.fromEntries(result.methods.map((m) => [m.method, m]));
    expect(byName.needs4.failures).toEqual([{ origin: 2, trainLength: 3, reason: 'needs 4 values, got 3' }]);
    expect(byName.needs4.overall?.count).toBe(2);
    expect(byName.broken.overall).toBeUndefined();
    expect(byName.broken.failures).toHaveLength(2);
    expect(result.methods[result.methods.length - 1].method).toBe('broken');
    expect(byName.linear.overall?.smape).toBeCloseTo(
      (200 * 2.5 / 19.5 + 200 * 5.5 / 26.5 + (200 * (7 - 16 / 3)) / (7 + 16 / 3) + (200 * (11 - 41 / 6)) / (11 + 41 / 6)) / 4,
      12,
    );
    const smapes = result.methods.filter((m) => m.overall).map((m) => m.overall!.smape);
    expect([...smapes].sort((a, b) => a - b)).toEqual(smapes);
  });

  it('counts a prefix shorter than minLength as a failure', () => {
    const picky: Method = { ...lastValue, name: 'picky', minLength: 5 };
    const [m] = backtest([1, 2, 3, 4, 5, 6, 7], [picky], { holdout: 2, origins: 2 }).methods;
    expect(m.failures).toEqual([{ origin: 2, trainLength: 4, reason: 'needs at least 5 values, has 4' }]);
  });

  it('counts non-finite forecasts as failures', () => {
    const nan: Method = { ...lastValue, name: 'nan', fit: (y) => ({ ...lastValue.fit(y), forecast: (h) => ({ method: 'nan', mean: new Array(h).fill(Number.NaN), intervals: [] }) }) };
    const [m] = backtest([1, 2, 3, 4], [nan], { holdout: 1 }).methods;
    expect(m.overall).toBeUndefined();
    expect(m.failures[0].reason).toMatch(/not 1 finite numbers/);
  });

  it('leaves MAPE/MASE undefined (not NaN) when actuals are 0 or the prefix is constant', () => {
    const [m] = backtest([5, 5, 5, 0], [lastValue], { holdout: 1 }).methods;
    expect(m.overall?.mape).toBeUndefined();
    expect(m.overall?.mapeCount).toBe(0);
    expect(m.overall?.mase).toBeUndefined();
    expect(m.overall?.smape).toBe(200);
  });

  it('rejects series too short for the holdout and origins, and bad arguments', () => {
    expect(() => backtest([1, 2, 3], [lastValue], { holdout: 2, origins: 2 })).toThrow(/needs at least 4/);
    expect(() => backtest([1, 2, 3], [lastValue], { holdout: 2, origins: 2 })).toThrow(expect.objectContaining({ kind: 'data' }));
    expect(() => backtest([1, 2, 3], [lastValue], { holdout: 0 })).toThrow(/holdout must be a positive integer/);
    expect(() => backtest([1, 2, 3], [], { holdout: 1 })).toThrow(/at least one method/);
    expect(() => backtest([1, 2, 3], [lastValue, lastValue], { holdout: 1 })).toThrow(/listed twice/);
  });
});

/** Last value ± 2 as the 80 % interval and ± 5 as the 95 % interval, at every horizon. */
const lastValueBand: Method = {
  name: 'band',
  minLength: 1,
  fit: (y) => ({
    method: 'band',
    fitted: [],
    residuals: [],
    params: {},
    forecast: (h, options) => {
      const last = y[y.length - 1];
      const widths: Record<number, number> = { 80: 2, 95: 5 };
      return {
        method: 'band',
        mean: new Array(h).fill(last),
        intervals: (options?.levels ?? []).map((level) => ({
          level,
          lower: new Array(h).fill(last - (widths[level] ?? 0)),
          upper: new Array(h).fill(last + (widths[level] ?? 0)),
        })),
      };
    },
  }),
};

describe('interval scoring', () => {
  it('addInterval: width, coverage and the interval score 2/α per unit outside', () => {
    const sums = { level: 80, count: 0, inside: 0, sumWidth: 0, sumScore: 0, scaledCount: 0, sumScaledScore: 0 };
    addInterval(sums, 5, 0, 10, 2); // inside: score = width 10; scaled by 2: 5
    addInterval(sums, 12, 0, 10, 4); // 2 above: 10 + (2/0.2)·2 = 30; scaled by 4: 7.5
    addInterval(sums, -1, 0, 10); // 1 below: 10 + 10·1 = 20; no scale: not in the scaled sums
    expect(sums).toEqual({ level: 80, count: 3, inside: 1, sumWidth: 30, sumScore: 60, scaledCount: 2, sumScaledScore: 12.5 });
  });

  it('scores intervals per level and horizon when levels are asked', () => {
    // y = 10, 11, 13, 16, 20; holdout 2, origins 2.
    // Origin 1 (train 10, 11, 13): forecast 13 for 16, 20 → errors 3, 7. Origin 2 (train 10, 11): 11 for 13, 16 → 2, 5.
    // 80 % (±2): inside only for error 2 → coverage 1/4; scores: 4 + 10·1, 4 + 10·5, 4 + 0, 4 + 10·3 = 14, 54, 4, 34.
    // 95 % (±5, 2/α = 40): inside for 3, 2, 5 → 3/4; scores 10, 10 + 40·2 = 90, 10, 10 → mean 30.
    // MSIS: origin 1's scale is mean |diff| of 10, 11, 13 = 1.5, origin 2's (10, 11) is 1:
    // 80 %: (14/1.5 + 54/1.5 + 4 + 34) / 4 = 20.8333…; 95 %: (10/1.5 + 90/1.5 + 10 + 10) / 4 = 21.6666…
    const [m] = backtest([10, 11, 13, 16, 20], [lastValueBand], { holdout: 2, origins: 2, levels: [80, 95] }).methods;
    const [i80, i95] = m.overall!.intervals;
    expect(i80).toMatchObject({ level: 80, count: 4, coverage: 0.25, meanWidth: 4, meanScore: (14 + 54 + 4 + 34) / 4 });
    expect(i80.msis).toBeCloseTo(62.5 / 3, 12);
    expect(i95.coverage).toBe(0.75);
    expect(i95.meanScore).toBeCloseTo(30, 12);
    expect(i95.msis).toBeCloseTo(65 / 3, 12);
    expect(m.byHorizon[0]!.intervals[0].coverage).toBe(0.5);
    expect(m.byHorizon[1]!.intervals[0].coverage).toBe(0);
    const pooled = poolBacktests([
      backtest([10, 11, 13, 16, 20], [lastValueBand], { holdout: 2, origins: 2, levels: [80] }),
      backtest([1, 1, 1, 1], [lastValueBand], { holdout: 2, levels: [80] }),
    ]);
    expect(pooled.methods[0].overall!.intervals[0]).toMatchObject({ count: 6, coverage: 3 / 6 });
  });

  it('counts a forecast without the requested interval as a failure', () => {
    const [m] = backtest([1, 2, 3, 4], [lastValue], { holdout: 1, levels: [90] }).methods;
    expect(m.failures[0].reason).toBe('forecast has no finite 90% interval');
    expect(() => backtest([1, 2, 3, 4], [lastValue], { holdout: 1, levels: [100] })).toThrow(/strictly between 0 and 100/);
  });

  it('linear on an exact line: full coverage, zero width', () => {
    const [m] = backtest([3, 5, 7, 9, 11, 13], [linear], { holdout: 2, origins: 2, levels: [95] }).methods;
    expect(m.overall!.intervals[0].coverage).toBe(1);
    expect(m.overall!.intervals[0].meanWidth).toBeLessThan(1e-9);
  });
});

describe('poolBacktests', () => {
  it('pools points of several series exactly and keeps failures with their series id', () => {
    const a = backtest([1, 2, 4, 7, 11, 16], [lastValue, needsFour], { holdout: 2, origins: 2, id: 'A' });
    const b = backtest([10, 8, 9, 7, 6], [lastValue, needsFour], { holdout: 2, origins: 1, id: 'B' });
    // B: train 10, 8, 9 → forecasts 9, 9 for 7, 6: errors −2, −3.
    const pooled = poolBacktests([a, b]);
    expect(pooled.seriesCount).toBe(2);
    const last = pooled.methods.find((m) => m.method === 'last')!;
    expect(last.overall?.count).toBe(6);
    expect(last.overall?.mae).toBeCloseTo((4 + 9 + 3 + 7 + 2 + 3) / 6, 12);
    expect(last.overall?.me).toBeCloseTo((4 + 9 + 3 + 7 - 2 - 3) / 6, 12);
    expect(last.byHorizon[0]?.mae).toBeCloseTo((4 + 3 + 2) / 3, 12);
    expect(last.forecasts).toEqual([]);
    const needs = pooled.methods.find((m) => m.method === 'needs4')!;
    expect(needs.failures).toEqual([
      { id: 'A', origin: 2, trainLength: 3, reason: 'needs 4 values, got 3' },
      { id: 'B', origin: 1, trainLength: 3, reason: 'needs 4 values, got 3' },
    ]);
  });

  it('refuses results with different holdouts', () => {
    const a = backtest([1, 2, 3, 4], [lastValue], { holdout: 1 });
    const b = backtest([1, 2, 3, 4], [lastValue], { holdout: 2 });
    expect(() => poolBacktests([a, b])).toThrow(/holdouts 1 and 2/);
    expect(() => poolBacktests([])).toThrow(/nothing to pool/);
  });
});
