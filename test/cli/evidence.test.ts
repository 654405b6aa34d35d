// Empirical bands beside anchored projections, end to end: `project` writes cagr_lo80 … after its own columns with
// the values the bundled error table gives (computed here by hand from its rows), shares stay within 0–100, the
// evidence line is printed under the tables, and capacity and self-sufficiency carry their bands too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { allElements, parseXml } from '../report/xml.js';
import { DATASETS, removeDir, semicap, tempDir } from './run.js';

const dir = tempDir();
afterAll(() => removeDir(dir));
const csvRows = (text: string): Record<string, string>[] => parse(text, { columns: true, bom: true }) as Record<string, string>[];
const table = csvRows(readFileSync(join(DATASETS, 'projection_errors.csv'), 'utf8'));
/** The table's row, as numbers: lr_q2_5, lr_q10, lr_q50, lr_q90, lr_q97_5. */
const q = (method: string, span: number, horizon: number) => {
  const row = table.find((r) => r.method === method && r.anchor_span === String(span) && r.horizon === String(horizon))!;
  return [row.lr_q2_5, row.lr_q10, row.lr_q50, row.lr_q90, row.lr_q97_5].map(Number);
};
const PROJECT = ['project', '--from', '2023=29%', '--to', '2027=39%', '--through', '2030'];

describe('project: bands per method', async () => {
  const r = await semicap([...PROJECT, '--format', 'csv']);
  const rows = csvRows(r.stdout);

  it('CSV: the old columns in their order, then lo/hi 80 and 95 per method', () => {
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe(
      'year,cagr,linear,logistic,point,' + ['cagr', 'linear', 'logistic'].map((m) => `${m}_lo80,${m}_hi80,${m}_lo95,${m}_hi95`).join(','),
    );
  });

  it('anchors and years between them have no band; extrapolated years v·exp(q) of the span-4 rows', () => {
    for (const row of rows.filter((x) => Number(x.year) <= 2027)) expect([row.cagr_lo80, row.linear_hi95, row.logistic_lo95]).toEqual(['', '', '']);
    // 2028 is 1 year past 2027: row (4, 1). 2030 is 3 years past: row (4, 3), its outer quantiles widened by (4, 1) and (4, 2).
    const v2028 = Number(rows[5].cagr);
    const [a, b, , c, d] = q('cagr', 4, 1);
    expect(Number(rows[5].cagr_lo95)).toBeCloseTo(v2028 * Math.exp(a), 9);
    expect(Number(rows[5].cagr_lo80)).toBeCloseTo(v2028 * Math.exp(b), 9);
    expect(Number(rows[5].cagr_hi80)).toBeCloseTo(v2028 * Math.exp(c), 9);
    expect(Number(rows[5].cagr_hi95)).toBeCloseTo(v2028 * Math.exp(d), 9);
    const h = [1, 2, 3].map((k) => q('linear', 4, k));
    const v2030 = Number(rows[7].linear);
    expect(v2030).toBe(46.5);
    expect(Number(rows[7].linear_lo80)).toBeCloseTo(46.5 * Math.exp(Math.min(...h.map((x) => x[1]))), 9);
    expect(Number(rows[7].linear_hi80)).toBeCloseTo(46.5 * Math.exp(Math.max(...h.map((x) => x[3]))), 9);
    expect(Number(rows[7].linear_lo95)).toBeCloseTo(46.5 * Math.exp(Math.min(...h.map((x) => x[0]))), 9);
    expect(Number(rows[7].linear_hi95)).toBeCloseTo(Math.min(100, 46.5 * Math.exp(Math.max(...h.map((x) => x[4])))), 9);
  });

  it('the table shows each band as one range and prints one evidence line per method under the tables', async () => {
    const t = await semicap([...PROJECT, '--wide']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/│ cagr +│ cagr +│ linear/);
    expect(t.stdout).toMatch(/│ 80 % band +│ 95 % band +│/);
    const h = [1, 2, 3].map((k) => q('cagr', 4, k));
    const pct = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(Math.expm1(x) * 100).toFixed(1)} %`;
    const count = table.find((x) => x.method === 'cagr' && x.anchor_span === '4' && x.horizon === '3')!.series;
    const line = `cagr: compound growth from 2 points 4 years apart, 3 years past the last (2030): at least 80 % of ${count} M3 yearly series landed within ${pct(Math.min(...h.map((x) => x[1])))} / ${pct(Math.max(...h.map((x) => x[3])))} of the path, 95 % within ${pct(Math.min(...h.map((x) => x[0])))} / ${pct(Math.max(...h.map((x) => x[4])))}`;
    expect(t.stdout).toContain(`  ${line}\n`);
    expect(t.stdout.indexOf(line)).toBeGreaterThan(t.stdout.indexOf('Implied rates'));
    expect(t.stdout).toContain('  linear: a linear trend from 2 points 4 years apart, 3 years past the last (2030)');
    expect(t.stdout).toContain('  logistic: a logistic curve from 2 points 4 years apart, 3 years past the last (2030)');
  });

  it('JSON carries the same fields as numbers, and its notes the evidence lines', async () => {
    const j = await semicap([...PROJECT, '--format', 'json']);
    const doc = JSON.parse(j.stdout);
    const row = doc.tables[0].rows.find((x: { year: number }) => x.year === 2030);
    expect(row.cagr_lo80).toBeCloseTo(Number(rows[7].cagr_lo80), 12);
    expect(row.cagr_band80).toBeUndefined();
    expect(doc.notes.filter((n: string) => / M3 yearly series landed within /.test(n))).toHaveLength(3);
  });

  it('a share path near 100 %: every band stays within 0–100', async () => {
    const s = await semicap(['project', '--from', '2020=60%', '--to', '2024=90%', '--through', '2035', '--format', 'csv']);
    expect(s.code).toBe(0);
    const values = csvRows(s.stdout).flatMap((row) => Object.entries(row).filter(([k, v]) => /_(lo|hi)(80|95)$/.test(k) && v !== '').map(([, v]) => Number(v)));
    expect(values.length).toBe(3 * 4 * 11);
    expect(Math.max(...values)).toBe(100);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
  });

  it('--chart-out: one method draws its 95 % and 80 % bands, fanning out from the last anchor', async () => {
    const file = join(dir, 'cagr.svg');
    const c = await semicap([...PROJECT, '--method', 'cagr', '--chart-out', file, '--quiet']);
    expect(c.code).toBe(0);
    const bands = allElements(parseXml(readFileSync(file, 'utf8'))).filter((e) => e.attrs.class === 'band');
    expect(bands.map((b) => b.children.find((x) => x.name === 'title')?.text)).toEqual(['cagr 95 % band (M3 errors)', 'cagr 80 % band (M3 errors)']);
  });
});

describe('capacity and self-sufficiency', () => {
  it('capacity: each source and method gets its band fields in CSV, and people a bands table', async () => {
    const r = await semicap(['capacity', '--source', 'trendforce_2023_12', '--format', 'csv']);
    expect(r.code).toBe(0);
    const row = csvRows(r.stdout).find((x) => x.year === '2030')!;
    const v = Number(row['trendforce_2023_12.cagr']);
    expect(Number(row['trendforce_2023_12.cagr_lo80'])).toBeCloseTo(v * Math.exp(Math.min(...[1, 2, 3].map((k) => q('cagr', 4, k)[1]))), 9);
    expect(r.stderr).toBe("semicap: wrote table 'projection'; also available with --table: inputs\n");
    const t = await semicap(['capacity', '--source', 'trendforce_2023_12']);
    expect(t.stdout).toMatch(/│ 2030 │ trendforce_2023_12 │ cagr +│ 46\.33 │ \d+\.\d-\d+\.\d +│ \d+\.\d-100\.0 +│/);
  });

  it('self-sufficiency: the current path and its bands in each target year', async () => {
    const r = await semicap(['self-sufficiency', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    const overdue = rows.find((x) => x.year === '2020')!;
    expect(overdue.cagr_path).toBe('');
    const y2030 = rows.find((x) => x.year === '2030')!;
    // The history's first and last actual figures, 2010 = 10.2 % and 2021 = 16.7 %: 11 years apart, 2030 is 9 past.
    const v = 16.7 * Math.pow(16.7 / 10.2, 9 / 11);
    expect(Number(y2030.cagr_path)).toBeCloseTo(v, 9);
    const h = Array.from({ length: 9 }, (_, k) => q('cagr', 11, k + 1));
    expect(Number(y2030.cagr_hi95)).toBeCloseTo(v * Math.exp(Math.max(...h.map((x) => x[4]))), 9);
    expect(Number(y2030.linear_path)).toBeCloseTo(16.7 + (9 * (16.7 - 10.2)) / 11, 9);
    const t = await semicap(['self-sufficiency', '--wide']);
    expect(t.stdout).toContain('  cagr: compound growth from 2 points 11 years apart, 9 years past the last (2030)');
  });
});
