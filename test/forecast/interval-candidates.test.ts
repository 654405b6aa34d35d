import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binOf, CANDIDATES, groupQuantiles, rolling } from '../../bench/interval-candidates.js';
import { CALIBRATIONS, memoized, rollingValidation } from '../../bench/intervals.js';
import { DEFAULT_M3, readM3 } from '../../scripts/calibrate-intervals.js';
import { getMethod } from '../../src/forecast/registry.js';

describe('group-conditional (Mondrian) quantiles of the interval candidates', () => {
  it('cuts the feature into groups of equal counts and takes each group\'s quantiles', () => {
    // Features 0, 0, 1, 1: the edge is their median 0.5. Group 1: errors 1, 2 → median 1.5; group 2: 3, 10 → 6.5.
    expect(groupQuantiles([1, 2, 3, 10], [0, 0, 1, 1], 2, 2, [0.5])).toEqual({ edges: [0.5], quantiles: [[1.5], [6.5]], counts: [2, 2] });
  });

  it('pools a group smaller than the minimum back to all errors', () => {
    // Features 0, 0, 0, 1: edge = type-7 median 0; a value equal to an edge falls below it, so the groups hold
    // 3 and 1 errors. With a minimum of 2 the second uses the pooled median of 1, 2, 3, 10: 2.5.
    expect(groupQuantiles([1, 2, 3, 10], [0, 0, 0, 1], 2, 2, [0.5])).toEqual({ edges: [0], quantiles: [[2], [2.5]], counts: [3, 1] });
    // One group: every error, no edges.
    expect(groupQuantiles([4, 1, 3], [9, 9, 9], 1, 100, [0, 1])).toEqual({ edges: [], quantiles: [[1, 4]], counts: [3] });
  });

  it('places a value by the edges below it', () => {
    expect([0, 1, 1.5, 2, 7].map((x) => binOf([1, 2], x))).toEqual([0, 0, 1, 1, 2]);
  });
});

// The M3 file lives in ../shared beside the repository; without it the block is skipped and its name says why.
const m3Missing = existsSync(DEFAULT_M3) ? '' : ` (skipped: ${DEFAULT_M3} not found)`;
describe.skipIf(m3Missing !== '')(`the candidates bench against bench:intervals${m3Missing}`, () => {
  it('reproduces the shipped calibration\'s rolling validation through its own code path', () => {
    // The first 30 M3 series with 26+ train years (shorter ones drop out of the early cuts): the candidate "shipped" (errors of auto's members' median, recent-change scale)
    // must give the same coverage at every cut as bench/intervals.ts with the shipped calibration.
    const m3 = readM3(DEFAULT_M3).filter((s) => s.train.length >= 26).slice(0, 30);
    const mine = rolling(m3, CANDIDATES[0]);
    const theirs = rollingValidation(m3, memoized(getMethod('auto')), CALIBRATIONS[0]);
    expect(mine.cuts.map((c) => [c.series, c.cover80, c.cover95])).toEqual(theirs.cuts.map((c) => [c.series, c.cover80, c.cover95]));
    expect(mine.msis).toBeCloseTo(theirs.msis, 9);
  });
});
