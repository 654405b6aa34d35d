import { describe, expect, it } from 'vitest';
import { aggregate, combine, combineForecasts } from '../../src/forecast/combine.js';
import { damped } from '../../src/forecast/damped.js';
import { holt } from '../../src/forecast/holt.js';
import { naive } from '../../src/forecast/naive.js';
import { ses } from '../../src/forecast/ses.js';
import type { Forecast } from '../../src/forecast/types.js';
import { allFinite, edgeCaseTests, expectSemicapError } from './fixtures/ets/reference.js';

const fc = (method: string, mean: number[], lo: number[], hi: number[]): Forecast => ({
  method,
  mean,
  intervals: [{ level: 80, lower: lo, upper: hi }],
});

describe('combine', () => {
  it('aggregate: mean, odd and even medians', () => {
    expect(aggregate([3, 1, 2], 'mean')).toBe(2);
    expect(aggregate([3, 1, 2], 'median')).toBe(2);
    expect(aggregate([4, 1, 3, 2], 'median')).toBe(2.5);
    expect(aggregate([5], 'median')).toBe(5);
  });

  it('combines means and each bound the same way, horizon by horizon', () => {
    const parts = [fc('a', [10, 20], [8, 15], [12, 25]), fc('b', [11, 19], [9, 10], [13, 30]), fc('c', [14, 30], [7, 28], [20, 31])];
    const med = combineForecasts('m', parts, 'median', [80]);
    expect(med.mean).toEqual([11, 20]);
    expect(med.intervals[0].lower).toEqual([8, 15]);
    expect(med.intervals[0].upper).toEqual([13, 30]);
    const mean = combineForecasts('m', parts, 'mean', [80]);
    expect(mean.mean[0]).toBeCloseTo(35 / 3, 12);
    expect(mean.intervals[0].upper[1]).toBeCloseTo(86 / 3, 12);
  });

  it('keeps the point forecast inside the combined interval', () => {
    const m = combine('shd', [ses, holt, damped], 'mean');
    const out = m.fit([5, 7, 6, 9, 12, 11, 14, 13, 17, 16, 19, 22]).forecast(6, { levels: [80, 95] });
    for (const i of out.intervals) {
      for (let k = 0; k < 6; k++) {
        expect(i.lower[k]).toBeLessThanOrEqual(out.mean[k]);
        expect(out.mean[k]).toBeLessThanOrEqual(i.upper[k]);
      }
    }
  });

  it('equals the mean of the components it combines (Comb S-H-D)', () => {
    const y = [5, 7, 6, 9, 12, 11, 14, 13, 17, 16, 19, 22];
    const out = combine('shd', [ses, holt, damped], 'mean').fit(y).forecast(3);
    const parts = [ses, holt, damped].map((m) => m.fit(y).forecast(3));
    for (let k = 0; k < 3; k++) {
      expect(out.mean[k]).toBeCloseTo((parts[0].mean[k] + parts[1].mean[k] + parts[2].mean[k]) / 3, 10);
      expect(out.intervals[1].lower[k]).toBeCloseTo(
        (parts[0].intervals[1].lower[k] + parts[1].intervals[1].lower[k] + parts[2].intervals[1].lower[k]) / 3,
        10,
      );
    }
  });

  it('reports component params and fallbacks', () => {
    const f = combine('c', [naive, ses], 'median').fit([1, 2, 3]);
    expect(f.params.components).toBe('naive,ses');
    expect(typeof f.params['ses.alpha']).toBe('number');
    expect(String(f.params.fallback)).toMatch(/^ses: /);
    expect(allFinite(f.forecast(2))).toBe(true);
  });

  it('a component without a requested level is an internal error; no methods is a usage error', () => {
    expectSemicapError(() => combineForecasts('m', [fc('a', [1], [0], [2])], 'mean', [95]), 'internal');
    expectSemicapError(() => combine('none', [], 'mean'), 'usage');
  });

  describe('edge cases of a median combination', () => {
    edgeCaseTests(combine('median3', [naive, ses, damped], 'median'));
  });
});
