import { describe, expect, it } from 'vitest';
import { releaseValueAt, revisionHistory, type Release } from '../../src/domain/revisions.js';

// TrendForce's China mature-node share by release (FACTS.md §7c), given out of order on purpose.
const RELEASES: Release[] = [
  { sourceId: 'nov2025', published: '2025-11-23', figures: [{ year: 2030, value: 52, kind: 'forecast' }] },
  { sourceId: 'dec2023', published: '2023-12-14', figures: [{ year: 2023, value: 31, kind: 'estimate' }, { year: 2027, value: 39, kind: 'forecast' }] },
  { sourceId: 'feb2025', published: '2025-02-10', figures: [{ year: 2024, value: 34, kind: 'actual' }] },
  { sourceId: 'oct2023', published: '2023-10', figures: [{ year: 2023, value: 29, kind: 'estimate' }, { year: 2027, value: 33, kind: 'forecast' }] },
];

describe('revisionHistory', () => {
  const h = revisionHistory(RELEASES, { isShare: true });

  it('orders releases by release date (a month-only date before the days of later months)', () => {
    expect(h.releases.map((r) => r.sourceId)).toEqual(['oct2023', 'dec2023', 'feb2025', 'nov2025']);
    expect(h.targetYears).toEqual([2023, 2024, 2027, 2030]);
  });

  it('moves for the same target year, by hand: 2023 29 → 31 (+2 pp, +6.90 %), 2027 33 → 39 (+6 pp, +18.18 %)', () => {
    expect(h.moves.map((m) => [m.targetYear, m.from.sourceId, m.to.sourceId])).toEqual([
      [2023, 'oct2023', 'dec2023'],
      [2027, 'oct2023', 'dec2023'],
    ]);
    expect(h.moves[0].movePp).toBe(2);
    expect(h.moves[0].movePct).toBeCloseTo((2 / 29) * 100, 12); // 6.8966
    expect(h.moves[1].movePp).toBe(6);
    expect(h.moves[1].movePct).toBeCloseTo((6 / 33) * 100, 12); // 18.1818
  });

  it('misses against the 2024 actual published later, on each release’s own compound path', () => {
    expect(h.misses.map((m) => [m.targetYear, m.release.sourceId, m.point, m.actual.sourceId])).toEqual([
      [2024, 'oct2023', 'interpolated', 'feb2025'],
      [2024, 'dec2023', 'interpolated', 'feb2025'],
    ]);
    // 29 × (33/29)^(1/4) = 29.952; 31 × (39/31)^(1/4) = 32.831.
    expect(h.misses[0].release.value).toBeCloseTo(29 * Math.pow(33 / 29, 1 / 4), 10);
    expect(h.misses[0].missPp).toBeCloseTo(29 * Math.pow(33 / 29, 1 / 4) - 34, 10);
    expect(h.misses[1].missPp).toBeCloseTo(31 * Math.pow(39 / 31, 1 / 4) - 34, 10);
    expect(h.misses[1].missPct).toBeCloseTo(((31 * Math.pow(39 / 31, 1 / 4) - 34) / 34) * 100, 10);
  });

  it('a stated forecast is compared with an actual only when the actual was published after it', () => {
    const later = revisionHistory([
      { sourceId: 'f', published: '2020-01', figures: [{ year: 2022, value: 20, kind: 'forecast' }] },
      { sourceId: 'early', published: '2019-06', figures: [{ year: 2022, value: 99, kind: 'actual' }] },
      { sourceId: 'a', published: '2023-03-01', figures: [{ year: 2022, value: 25, kind: 'actual' }] },
    ]);
    expect(later.misses).toHaveLength(1);
    expect(later.misses[0]).toMatchObject({ targetYear: 2022, point: 'stated', missPp: -5, missPct: -20 });
    expect(later.misses[0].actual.sourceId).toBe('a');
  });
});

describe('releaseValueAt', () => {
  it('never beyond a release’s own figures', () => {
    const oct = RELEASES[3];
    expect(releaseValueAt(oct, 2027, true)).toEqual({ value: 33, point: 'stated' });
    expect(releaseValueAt(oct, 2028, true)).toBeUndefined();
    expect(releaseValueAt(RELEASES[0], 2029, true)).toBeUndefined();
  });
});

describe('what counts as a forecast', () => {
  it('years between two of a release’s own actuals are not forecasts; years after its last actual are', () => {
    const h = revisionHistory([
      { sourceId: 'r', published: '2019-02', figures: [{ year: 2013, value: 12.6, kind: 'actual' }, { year: 2018, value: 15.3, kind: 'actual' }, { year: 2023, value: 20.5, kind: 'forecast' }] },
      { sourceId: 'later', published: '2022-05', figures: [{ year: 2014, value: 15.1, kind: 'actual' }, { year: 2021, value: 16.7, kind: 'actual' }] },
    ]);
    expect(h.misses.map((m) => m.targetYear)).toEqual([2021]);
    // 15.3 × (20.5/15.3)^(3/5) on the release's own path from its last actual to its forecast.
    expect(h.misses[0].release.value).toBeCloseTo(15.3 * Math.pow(20.5 / 15.3, 3 / 5), 10);
  });
});
