// One definition per derived number: no rate or path across definitions, and every table that mixes observed
// with interpolated or projected years says which row is which.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-def-');
afterAll(() => removeDir(root));
const ENV = { NO_COLOR: '1', SEMICAP_LANG: 'en' };
const csvRows = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];

describe('self-sufficiency across definitions', () => {
  it('chip_other_estimate: no current path or year reached; says it mixes definitions and names the latest figures', async () => {
    const r = await semicap(['self-sufficiency', '--scope', 'chip_other_estimate', '--format', 'json'], { env: ENV });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { tables: { name: string; rows: Record<string, unknown>[] }[]; notes: string[]; warnings: string[] };
    expect(doc.warnings).toEqual([
      'chip_other_estimate mixes 5 definitions: no rate, current path or year reached is computed across them; latest figures, each on its own definition: 2016 33 % (weixioashi_nd) → 2019 30 % (c114_2020_08) → 2022 25.61 % (ibs_xqhv_2023_03) → 2023 23 % (techinsights_xqhv_2024_03)',
    ]);
    expect(doc.notes.join('\n')).not.toMatch(/10\.97/);
    expect(doc.notes).toContain('no current path: the latest definition has only one figure');
    const targets = doc.tables.find((t) => t.name === 'targets')!.rows;
    expect(targets.every((t) => t.path_cagr_reaches === null && t.path_linear_reaches === null)).toBe(true);
    const table = await semicap(['self-sufficiency', '--scope', 'chip_other_estimate'], { env: ENV });
    expect(table.stdout).toContain('no path (definitions differ)');
    expect(table.stdout).not.toContain('not by 2040');
  });

  it('check: a path rule on a series of mixed definitions cannot be evaluated, like self-sufficiency', async () => {
    const file = join(root, 'rules.csv');
    writeFileSync(file, 'rule,metric,selector,op,value,unit\nmixed,self_sufficiency,scope=chip_other_estimate year=2030 path=cagr,>=,1,%\none definition,self_sufficiency,scope=ic_production_in_china year=2021 path=cagr,==,16.7,%\n');
    const r = await semicap(['check', file, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(1);
    const rows = csvRows(r.stdout);
    expect(rows[0].result).toBe('error');
    expect(rows[0].detail).toBe("series 'chip_other_estimate' mixes 5 definitions and its latest has fewer than two actual figures: no path across definitions");
    expect(rows[1].result).toBe('pass');
  });

  it('--method on a series whose latest definition has one figure is a usage error', async () => {
    const r = await semicap(['self-sufficiency', '--scope', 'chip_other_estimate', '--method', 'ets'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('semicap: --method needs two or more actual figures of one definition; chip_other_estimate mixes 5 definitions and its latest has 1\n');
  });
});

describe('rows say what they are', () => {
  it('capacity --metric wpm: anchors, interpolated and extrapolated years marked, the observed figure beside', async () => {
    const r = await semicap(['capacity', '--metric', 'wpm', '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows.map((x) => [x.year, x.point, x.observed, x.observed_kind])).toEqual([
      ['2023', 'anchor', '7600000', 'actual'],
      ['2024', 'interpolated', '8850000', 'estimate'],
      ['2025', 'anchor', '10100000', 'forecast'],
      ['2026', 'extrapolated', '', ''],
      ['2027', 'extrapolated', '', ''],
      ['2028', 'extrapolated', '', ''],
      ['2029', 'extrapolated', '', ''],
      ['2030', 'extrapolated', '', ''],
    ]);
    // The 2024 row's path value is the compound interpolation, not the observed 8.85 M: 7.6 M × (10.1/7.6)^(1/2).
    expect(Number(rows[1]['china.cagr'])).toBeCloseTo(7_600_000 * Math.sqrt(10.1 / 7.6), 4);
  });

  it('capacity shares: each row marked; sources whose years differ are marked one by one', async () => {
    const r = await semicap(['capacity', '--region', 'taiwan', '--segment', 'mature', '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    const at = (y: string) => rows.find((x) => x.year === y)!.point;
    expect(at('2021')).toBe('trendforce_2025_11 anchor');
    expect(at('2023')).toBe('trendforce_2023_10 anchor; trendforce_2025_11 interpolated');
    expect(at('2030')).toBe('trendforce_2023_10 extrapolated; trendforce_2025_11 anchor');
  });
});
