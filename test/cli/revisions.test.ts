// `semicap revisions` end to end: TrendForce's China mature-node share by release, in release order, with the
// moves and misses computed by hand, the chart with one line per release vintage, and bad options.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-rev-');
afterAll(() => removeDir(root));
const ENV = { NO_COLOR: '1', SEMICAP_LANG: 'en' };
type Doc = { tables: { name: string; columns: { key: string; header: string }[]; rows: Record<string, unknown>[] }[]; warnings: string[] };

describe('semicap revisions', () => {
  it('alone: TrendForce China mature share, every release in release order with its figures', async () => {
    const r = await semicap(['revisions', '--format', 'json'], { env: ENV });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    const releases = doc.tables.find((t) => t.name === 'releases')!;
    expect(releases.columns.map((c) => c.key)).toEqual(['year', 'trendforce_2023_10', 'trendforce_2023_12', 'reuters_2025_02_trendforce', 'trendforce_2025_11']);
    expect(releases.rows).toEqual([
      { year: 2023, trendforce_2023_10: 29, trendforce_2023_12: 31, reuters_2025_02_trendforce: null, trendforce_2025_11: null },
      { year: 2024, trendforce_2023_10: null, trendforce_2023_12: null, reuters_2025_02_trendforce: 34, trendforce_2025_11: null },
      { year: 2027, trendforce_2023_10: 33, trendforce_2023_12: 39, reuters_2025_02_trendforce: null, trendforce_2025_11: null },
      { year: 2030, trendforce_2023_10: null, trendforce_2023_12: null, reuters_2025_02_trendforce: null, trendforce_2025_11: 52 },
    ]);
    const moves = doc.tables.find((t) => t.name === 'moves')!.rows;
    expect(moves.map((m) => [m.target_year, m.from_value, m.to_value, m.move_pp])).toEqual([
      [2023, 29, 31, 2],
      [2027, 33, 39, 6],
    ]);
    expect(moves[1].move_pct as number).toBeCloseTo(600 / 33, 10); // 18.18 %
    expect(moves[1].from_release).toBe('2023-10 trendforce_2023_10');
    expect(moves[1].to_release).toBe('2023-12-14 trendforce_2023_12');
    const misses = doc.tables.find((t) => t.name === 'misses')!.rows;
    expect(misses.map((m) => [m.target_year, m.release, m.point, m.actual])).toEqual([
      [2024, '2023-10 trendforce_2023_10', 'interpolated', 34],
      [2024, '2023-12-14 trendforce_2023_12', 'interpolated', 34],
    ]);
    expect(misses[1].miss_pp as number).toBeCloseTo(31 * Math.pow(39 / 31, 1 / 4) - 34, 10); // −1.17
    expect(doc.warnings[0]).toMatch(/^the releases define the measure differently/);
  });

  it('--chart-out: one line per release vintage with two or more figures, single figures as markers', async () => {
    const svg = join(root, 'rev.svg');
    const r = await semicap(['revisions', '--chart-out', svg], { env: ENV });
    expect(r.code).toBe(0);
    const text = readFileSync(svg, 'utf8');
    expect(text).toContain('2023-10 trendforce_2023_10');
    expect(text).toContain('2023-12-14 trendforce_2023_12');
    expect(text).toContain('2025-11-23 trendforce_2025_11 (forecast)');
  });

  it('--region taiwan: the Nov 2025 release moves nothing it had said before; one release has two figures', async () => {
    const r = await semicap(['revisions', '--region', 'taiwan', '--format', 'csv', '--table', 'sources'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2025-11-23,trendforce_2025_11,TrendForce (via CNA),2021=54 actual; 2030=26 forecast,');
  });

  it('an unknown publisher or measure is a usage error naming what there is', async () => {
    const p = await semicap(['revisions', '--publisher', 'gartner'], { env: ENV });
    expect(p.code).toBe(2);
    expect(p.stderr).toMatch(/^semicap: no release of publisher 'gartner' gives china share of mature capacity; publishers that do: .*TrendForce/);
    const s = await semicap(['revisions', '--segment', 'nothing'], { env: ENV });
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/^semicap: no share figures for region 'china', segment 'nothing'/);
  });

  it('--measure self_sufficiency: IC Insights releases of ic_production_in_china in release order', async () => {
    const r = await semicap(['revisions', '--measure', 'self_sufficiency', '--publisher', 'ic insights', '--format', 'json'], { env: ENV });
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Doc;
    const order = doc.tables.find((t) => t.name === 'sources')!.rows.map((x) => x.source_id);
    expect(order).toEqual(['icinsights_2019_02', 'icinsights_2020_05', 'icinsights_2021_01', 'icinsights_2022_05']);
  });
});
