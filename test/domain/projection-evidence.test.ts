// The error table of anchored projections and the bands it gives: quantiles as R's type 7, one case per series
// projected by the commands' own path function, bands by hand from chosen rows, and the bundled table regenerated
// byte for byte from the M3 benchmark file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_TABLE, evidenceLine, measureErrorTable } from '../../src/app/projection-evidence.js';
import { formatErrorTable, loadErrorTable } from '../../src/data/projection-errors.js';
import { anchoredOutcome, bandRow, measureAnchoredErrors, nearestRow, projectionBands, type ErrorRow, type YearlySeries } from '../../src/domain/projection-evidence.js';
import { quantileSorted } from '../../src/stats/quantile.js';
import { project } from '../../src/domain/projection.js';

const ROOT = join(import.meta.dirname, '..', '..');
const M3 = join(ROOT, '..', 'shared', 'benchmarks', 'm3-yearly', 'm3_yearly.csv');
const TABLE = join(ROOT, 'datasets', 'projection_errors.csv');

describe('quantileSorted', () => {
  it('interpolates between order statistics as R quantile(type = 7)', () => {
    // R: quantile(1:4, c(.025, .1, .5, .9, .975)) → 1.075 1.3 2.5 3.7 3.925
    const q = [0.025, 0.1, 0.5, 0.9, 0.975].map((p) => quantileSorted([1, 2, 3, 4], p));
    [1.075, 1.3, 2.5, 3.7, 3.925].forEach((v, i) => expect(q[i]).toBeCloseTo(v, 12));
    expect(quantileSorted([7], 0.975)).toBe(7);
  });
});

describe('anchoredOutcome: one case of a series', () => {
  // 2000–2005, growing 10 % a year, then a flat last year.
  const s: YearlySeries = { id: 's', years: [2000, 2001, 2002, 2003, 2004, 2005], values: [100, 110, 121, 133.1, 146.41, 146.41] };

  it('anchors span + horizon and horizon years before the last value; the path runs to the last year', () => {
    // span 2, horizon 2: anchors 2001 = 110 and 2003 = 133.1; compound 10 %/yr → 2005 = 161.051; actual 146.41.
    const c = anchoredOutcome(s, 'cagr', 2, 2, 2)!;
    expect(c.projected).toBeCloseTo(161.051, 9);
    expect(c.logRatio).toBeCloseTo(Math.log(146.41 / 161.051), 12);
    // linear: 11.55 a year → 133.1 + 23.1 = 156.2
    expect(anchoredOutcome(s, 'linear', 2, 2, 2)!.projected).toBeCloseTo(156.2, 9);
    // logistic with cap 2 × 133.1: z = logit(133.1) + 2·(logit(133.1) − logit(110)) / 2
    const cap = 266.2;
    const logit = (v: number) => Math.log(v / (cap - v));
    const z = logit(133.1) + (logit(133.1) - logit(110));
    expect(anchoredOutcome(s, 'logistic', 2, 2, 2)!.projected).toBeCloseTo(cap / (1 + Math.exp(-z)), 9);
  });

  it('is undefined when the series is too short for the span and horizon', () => {
    expect(anchoredOutcome(s, 'cagr', 3, 2, 2)).toBeDefined();
    expect(anchoredOutcome(s, 'cagr', 4, 2, 2)).toBeUndefined();
  });

  it('a linear path held at 0 is counted as held, not given an infinite ratio', () => {
    const falling: YearlySeries = { id: 'f', years: [2000, 2001, 2002, 2003], values: [100, 50, 40, 30] };
    // span 1, horizon 2: anchors 2000 = 100, 2001 = 50 → 2003 would be −50, held at 0.
    expect(anchoredOutcome(falling, 'linear', 1, 2, 2)).toMatchObject({ projected: 0, held: true });
    const rows = measureAnchoredErrors([falling], { ...BUNDLED_TABLE, methods: ['linear'], maxSpan: 1, maxHorizon: 2 });
    expect(rows).toEqual([
      // horizon 1: anchors 2001 = 50, 2002 = 40 → 2003 = 30, the actual: ln 1 = 0
      { benchmark: 'm3_yearly', method: 'linear', span: 1, horizon: 1, series: 1, held: 0, q: [0, 0, 0, 0, 0] },
      { benchmark: 'm3_yearly', method: 'linear', span: 1, horizon: 2, series: 0, held: 1, q: [] },
    ].filter((r) => r.series > 0));
  });
});

describe('measureAnchoredErrors', () => {
  it('gives per method, span and horizon the quantiles of ln(actual / projected) over the series', () => {
    // Five flat series and their last values: a no-change path (any method) projects the anchors' level.
    const series = [2, 3, 5, 7, 11].map((last, i) => ({ id: `s${i}`, years: [2000, 2001, 2002], values: [10, 10, last] }));
    const rows = measureAnchoredErrors(series, { ...BUNDLED_TABLE, methods: ['cagr'], maxSpan: 1, maxHorizon: 1 });
    const sorted = [2, 3, 5, 7, 11].map((v) => Math.log(v / 10));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ method: 'cagr', span: 1, horizon: 1, series: 5, held: 0 });
    // type 7 on 5 values: p = .025 → 0.1 of the way from the first to the second, and so on.
    const at = (h: number) => sorted[Math.floor(h)] + (h - Math.floor(h)) * (sorted[Math.min(Math.floor(h) + 1, 4)] - sorted[Math.floor(h)]);
    [0.1, 0.4, 2, 3.6, 3.9].forEach((h, i) => expect(rows[0].q[i]).toBeCloseTo(at(h), 12));
  });
});

// A small table of chosen numbers: span 4, horizons 1 and 2, and span 1, horizon 1.
const TABLE_ROWS: ErrorRow[] = [
  { benchmark: 'm3_yearly', method: 'cagr', span: 4, horizon: 1, series: 600, held: 0, q: [-0.5, -0.2, 0, 0.1, 0.4] },
  { benchmark: 'm3_yearly', method: 'cagr', span: 4, horizon: 2, series: 590, held: 0, q: [-0.6, -0.1, 0, 0.3, 0.35] },
  { benchmark: 'm3_yearly', method: 'cagr', span: 1, horizon: 1, series: 645, held: 0, q: [-0.9, -0.3, 0, 0.3, 0.9] },
];

describe('bands', () => {
  it('nearestRow clamps a span or horizon beyond the table to its edge', () => {
    expect(nearestRow(TABLE_ROWS, 'cagr', 9, 7)).toBe(TABLE_ROWS[1]);
    expect(nearestRow(TABLE_ROWS, 'cagr', 1, 1)).toBe(TABLE_ROWS[2]);
    expect(nearestRow(TABLE_ROWS, 'linear', 1, 1)).toBeUndefined();
  });

  it('bandRow widens the outer quantiles to the widest of the shorter horizons (a band never narrows)', () => {
    expect(bandRow(TABLE_ROWS, 'cagr', 4, 2)!.q).toEqual([-0.6, -0.2, 0, 0.3, 0.4]);
    expect(bandRow(TABLE_ROWS, 'cagr', 4, 2)!.series).toBe(590);
  });

  it('by hand: v·exp(q) past the last anchor, none on anchors and between them', () => {
    const p = project({ method: 'cagr', anchors: [{ year: 2020, value: 20 }, { year: 2024, value: 40 }], through: 2026, isShare: true });
    const bands = projectionBands(p, TABLE_ROWS);
    expect(bands.map((b) => b.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(bands.slice(0, 5).every((b) => b.bands === null)).toBe(true);
    // 2025: 40·2^(1/4) = 47.57, the span-4 horizon-1 row.
    const v2025 = 40 * Math.pow(2, 1 / 4);
    expect(bands[5].bands![80].lower).toBeCloseTo(v2025 * Math.exp(-0.2), 12);
    expect(bands[5].bands![80].upper).toBeCloseTo(v2025 * Math.exp(0.1), 12);
    expect(bands[5].bands![95].lower).toBeCloseTo(v2025 * Math.exp(-0.5), 12);
    expect(bands[5].bands![95].upper).toBeCloseTo(v2025 * Math.exp(0.4), 12);
    // 2026: 40·2^(2/4) = 56.57, horizon 2 widened by horizon 1: [−0.6, −0.2, ·, 0.3, 0.4].
    const v2026 = 40 * Math.SQRT2;
    expect(bands[6].bands![80].lower).toBeCloseTo(v2026 * Math.exp(-0.2), 12);
    expect(bands[6].bands![80].upper).toBeCloseTo(v2026 * Math.exp(0.3), 12);
    expect(bands[6].bands![95].lower).toBeCloseTo(v2026 * Math.exp(-0.6), 12);
    expect(bands[6].bands![95].upper).toBeCloseTo(v2026 * Math.exp(0.4), 12);
  });

  it('a share band is held within 0–100, also where the path itself is held at 100', () => {
    const p = project({ method: 'cagr', anchors: [{ year: 2020, value: 40 }, { year: 2024, value: 80 }], through: 2026, isShare: true });
    const bands = projectionBands(p, TABLE_ROWS);
    // 2025: 80·2^(1/4) = 95.14; e^0.1 and e^0.4 take it above 100: held there.
    expect(bands[5].bands![80].upper).toBe(100);
    expect(bands[5].bands![95].upper).toBe(100);
    expect(bands[5].bands![80].lower).toBeCloseTo(80 * Math.pow(2, 1 / 4) * Math.exp(-0.2), 12);
    // 2026: the path is held at 100 (80·2^(2/4) = 113.1); the lower ends measured from 100.
    expect(p.points[6].value).toBe(100);
    expect(bands[6].bands).toEqual({ 80: { lower: 100 * Math.exp(-0.2), upper: 100 }, 95: { lower: 100 * Math.exp(-0.6), upper: 100 } });
  });

  it('the evidence line states the case and the measured spread in percent', () => {
    const p = project({ method: 'cagr', anchors: [{ year: 2020, value: 40 }, { year: 2024, value: 80 }], through: 2026, isShare: true });
    // e^−0.2 − 1 = −18.1 %, e^0.3 − 1 = +35.0 %, e^−0.6 − 1 = −45.1 %, e^0.4 − 1 = +49.2 %
    expect(evidenceLine(p, TABLE_ROWS)).toBe(
      'cagr: compound growth from 2 points 4 years apart, 2 years past the last (2026): at least 80 % of 590 M3 yearly series landed within −18.1 % / +35.0 % of the path, 95 % within −45.1 % / +49.2 %',
    );
    const atAnchor = project({ method: 'cagr', anchors: [{ year: 2020, value: 40 }, { year: 2024, value: 80 }], isShare: true });
    expect(evidenceLine(atAnchor, TABLE_ROWS)).toBeUndefined();
  });

  it('with 3 anchors the band follows the last segment, the one the path continues along', () => {
    const p = project({ method: 'cagr', anchors: [{ year: 2020, value: 10 }, { year: 2023, value: 20 }, { year: 2024, value: 22 }], through: 2025 });
    // last segment 2023→2024: span 1 → the span-1 row.
    expect(projectionBands(p, TABLE_ROWS)[5].bands![95].upper).toBeCloseTo(24.2 * Math.exp(0.9), 9);
  });
});

describe('the bundled error table', () => {
  it('reads back as written (formatErrorTable of the loaded rows gives the file)', () => {
    expect(formatErrorTable(loadErrorTable(TABLE))).toBe(readFileSync(TABLE, 'utf8'));
  });

  // The M3 file lives in ../shared beside the repository (CI and the project's machines have it); without it the
  // test says so in its name.
  const m3 = existsSync(M3);
  it.skipIf(!m3)(`regenerates byte for byte from the M3 yearly file at ../shared/benchmarks/m3-yearly (npm run evidence)${m3 ? '' : ` (skipped: ${M3} not found)`}`, { timeout: 120_000 }, () => {
    expect(measureErrorTable(M3)).toBe(readFileSync(TABLE, 'utf8'));
  });
});
