import { describe, expect, it } from 'vitest';
import { ageInYears, parseToday, releaseDate, seriesFreshness, staleSeries } from '../../src/app/freshness.js';
import { clockFrom } from '../../src/cli/clock.js';
import type { Datasets } from '../../src/data/datasets.js';

const TODAY = new Date(Date.UTC(2026, 11, 6));
const source = (source_id: string, published: string | null) => ({ source_id, publisher: 'p', title: 't', url: null, published, notes: null, line: 2 });
const share = (year: number, region: string, source_id: string) => ({ year, region, segment: 'mature', share_pct: 30, kind: 'actual' as const, definition: null, source_id, notes: null, line: 2 });

const data = {
  sources: [source('old', '2016-01'), source('new', '2025-11-23'), source('undated', 'n.d.')],
  capacityShare: [share(2023, 'china', 'old'), share(2030, 'china', 'new'), share(2019, 'taiwan', 'undated')],
  capacity: [],
  funds: [],
  selfSufficiency: [],
  fx: [],
} as unknown as Datasets;

describe('release dates and ages', () => {
  it('a month counts from its first day, a year from 1 January; n.d. has no date', () => {
    expect(releaseDate('2016-01')!.toISOString()).toBe('2016-01-01T00:00:00.000Z');
    expect(releaseDate('2024')!.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(releaseDate('n.d.')).toBeUndefined();
    expect(ageInYears(releaseDate('2025-11-23')!, TODAY)).toBeCloseTo(378 / 365.2425, 12);
  });

  it('each series: latest year and its newest dated source', () => {
    const f = seriesFreshness(data, TODAY);
    expect(f.map((x) => [x.series, x.latestYear, x.newestSource])).toEqual([
      ['china/mature', 2030, 'new'],
      ['taiwan/mature', 2019, null],
    ]);
    expect(staleSeries(f, 1)).toEqual(['stale: capacity_share china/mature: newest source new (2025-11-23) is 1.0 years old, over --max-age 1; latest year 2030', 'no dated source, age unknown: capacity_share taiwan/mature']);
    expect(staleSeries(f, 2)).toEqual(['no dated source, age unknown: capacity_share taiwan/mature']);
  });
});

describe('the clock', () => {
  it('SEMICAP_TODAY fixes it; without it the injected clock is used', () => {
    expect(clockFrom({ SEMICAP_TODAY: '2026-12-06' }).toISOString()).toBe('2026-12-06T00:00:00.000Z');
    expect(clockFrom({}, () => TODAY)).toBe(TODAY);
    expect(() => clockFrom({ SEMICAP_TODAY: '06/12/2026' })).toThrow(/expected a date such as/);
    expect(parseToday('2026-13-40')).toBeUndefined();
  });
});
