// Your data over ours: a --data folder with only some files, or only some rows, is layered over the bundled
// datasets; the user's rows win on the same key and every conflict is listed. `validate` checks what is there,
// `datasets` shows each series' age, and `validate --max-age` warns about stale series.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-layer-');
afterAll(() => removeDir(root));
const ENV = { NO_COLOR: '1', SEMICAP_LANG: 'en', SEMICAP_TODAY: '2026-12-06' };
const csvRows = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];
const CAPACITY = 'year,period,entity,region,segment,value,unit,kind,source_id,notes\n';

function folder(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('a folder with only the user’s capacity.csv', () => {
  const dir = folder('only-capacity', { 'capacity.csv': `${CAPACITY}2023,Q4,smic,china,company,900000,wpm_8in_eq,actual,smic_2023_q4,my correction\n2026,year,smic,china,company,1200000,wpm_8in_eq,forecast,smic_2023_q4,\n` });

  it('validate checks what is there and does not fail for the files it lacks', async () => {
    const r = await semicap(['validate', dir, '--format', 'csv'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(csvRows(r.stdout).map((x) => [x.dataset, x.rows, x.status])).toEqual([['capacity', '2', 'ok']]);
    const table = await semicap(['validate', dir, '--wide'], { env: ENV });
    expect(table.stdout).toContain(`${dir}: your capacity.csv layered over the bundled datasets; your rows win on the same key (1 replaced, 1 added); bundled: sources.csv, capacity_share.csv, funds.csv, self_sufficiency.csv, fx.csv`);
    expect(table.stderr).toBe(`semicap: warning: ${join(dir, 'capacity.csv')}:2: yours replaces a bundled row (year=2023 period=Q4 entity=smic segment=company unit=wpm_8in_eq source_id=smic_2023_q4): value 805500 → 900000\n`);
  });

  it('capacity uses the user’s rows and the bundled rest, and lists the conflict as a warning', async () => {
    const r = await semicap(['capacity', '--metric', 'wpm', '--region', 'smic', '--data', dir, '--format', 'csv'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    const rows = csvRows(r.stdout);
    const at = (y: string) => rows.find((x) => x.year === y)!;
    expect(at('2023').observed).toBe('900000');
    expect(at('2024').observed).toBe('948000'); // bundled
    expect([at('2026').point, at('2026').observed_kind]).toEqual(['anchor', 'forecast']); // the user's new row
    expect(r.stderr).toContain('semicap: warning: ' + join(dir, 'capacity.csv') + ':2: yours replaces a bundled row (year=2023 period=Q4 entity=smic segment=company unit=wpm_8in_eq source_id=smic_2023_q4): value 805500 → 900000\n');
    const table = await semicap(['capacity', '--metric', 'wpm', '--region', 'smic', '--data', dir, '--wide'], { env: ENV });
    expect(table.stdout).toContain('! ' + join(dir, 'capacity.csv') + ':2: yours replaces a bundled row');
    expect(table.stdout).toContain('your rows win on the same key');
  });
});

describe('a user’s fx.csv with one row', () => {
  it('its rate wins for that year; the other years stay bundled; the conflict names both rates', async () => {
    const dir = folder('fx-row', { 'fx.csv': 'year,currency,per_usd,kind,source_id\n2024,CNY,7.3,estimate,reuters_2024_05\n' });
    const r = await semicap(['funds', '--data', dir, '--format', 'json'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { tables: { name: string; rows: Record<string, unknown>[] }[]; warnings: string[] };
    const rows = doc.tables[0].rows;
    const big3 = rows.find((x) => x.fund === 'big_fund III' && x.measure === 'registered_capital')!;
    expect(big3.usd_bn_low as number).toBeCloseTo(344 / 7.3, 10);
    const big2 = rows.find((x) => x.fund === 'big_fund II' && x.measure === 'registered_capital')!;
    expect(big2.usd_bn_low as number).toBeCloseTo(204.15 / 6.9081, 10);
    expect(doc.warnings).toEqual([`${join(dir, 'fx.csv')}:2: yours replaces a bundled row (year=2024 currency=CNY): per_usd 7.1957 → 7.3, kind actual → estimate, source_id fred_aexchus_copy → reuters_2024_05`]);
  });

  it('same key, same values: no conflict', async () => {
    const dir = folder('fx-same', { 'fx.csv': 'year,currency,per_usd,kind,source_id\n2024,CNY,7.1957,actual,fred_aexchus_copy\n' });
    const r = await semicap(['funds', '--data', dir, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
  });
});

describe('problems in a partial folder are still found', () => {
  it('a source_id that resolves nowhere (neither in the user’s sources.csv nor the bundled one) is exit 65', async () => {
    const dir = folder('bad-source', {
      'capacity.csv': `${CAPACITY}2027,year,my_fab,china,company,50000,wpm_8in_eq,forecast,my_source,\n2028,year,my_fab,china,company,60000,wpm_8in_eq,forecast,nobody,\n`,
      'sources.csv': 'source_id,publisher,title,url,published,notes\nmy_source,Me,My own estimate,,2026-11-01,\n',
    });
    const r = await semicap(['validate', dir], { env: ENV });
    expect(r.code).toBe(65);
    expect(r.stderr).toBe(`semicap: ${join(dir, 'capacity.csv')}:3:9: source_id 'nobody' is not in sources.csv; expected one of its source_id values\n`);
    // The user's own source resolves; bundled sources stay available.
    const ok = folder('good-source', { 'capacity.csv': `${CAPACITY}2027,year,my_fab,china,company,50000,wpm_8in_eq,forecast,my_source,\n2028,year,my_fab,china,company,60000,wpm_8in_eq,forecast,smic_2023_q4,\n`, 'sources.csv': 'source_id,publisher,title,url,published,notes\nmy_source,Me,My own estimate,,2026-11-01,\n' });
    expect((await semicap(['validate', ok], { env: ENV })).code).toBe(0);
    const cap = await semicap(['capacity', '--metric', 'wpm', '--region', 'my_fab', '--data', ok, '--format', 'csv'], { env: ENV });
    expect(cap.code, cap.stderr).toBe(0);
  });
});

describe('ages of series', () => {
  it('datasets shows each series’ latest year and the age of its newest source at SEMICAP_TODAY', async () => {
    const r = await semicap(['datasets', '--format', 'json'], { env: ENV });
    expect(r.code).toBe(0);
    const series = (JSON.parse(r.stdout).tables as { name: string; rows: Record<string, unknown>[] }[]).find((t) => t.name === 'series')!.rows;
    const fx = series.find((x) => x.dataset === 'fx' && x.series === 'CNY')!;
    expect(fx).toMatchObject({ latest_year: 2025, newest_source: 'frb_g5a_2024_02', published: '2024-02-01' });
    // 2024-02-01 → 2026-02-01 is 731 days (2024 is a leap year), → 2026-12-06 308 more: 1,039 days / 365.2425.
    expect(fx.age_years as number).toBeCloseTo(1039 / 365.2425, 10);
    const mature = series.find((x) => x.dataset === 'capacity_share' && x.series === 'china/mature')!;
    expect(mature).toMatchObject({ latest_year: 2030, newest_source: 'trendforce_2025_11' });
    // 2025-11-23 → 2026-12-06: 378 days.
    expect(mature.age_years as number).toBeCloseTo(378 / 365.2425, 10);
  });

  it('validate --max-age warns on stderr about stale series and exits 0', async () => {
    const r = await semicap(['validate', '--max-age', '10'], { env: ENV });
    expect(r.code).toBe(0);
    const lines = r.stderr.trim().split('\n');
    // economist_2016_01 (2016-01 → 2026-12-06, 10.9 years) is the only dated newest source over 10 years.
    expect(lines[0]).toMatch(/^semicap: warning: .*datasets: stale: funds ic_guidelines_2014: newest source economist_2016_01 \(2016-01\) is 10\.9 years old, over --max-age 10; latest year 2014$/);
    expect(lines.filter((l) => l.includes('stale:'))).toHaveLength(1);
    expect(lines[1]).toMatch(/no dated source, age unknown: capacity_share china\/capacity_12in_eq/);
    expect((await semicap(['validate', '--max-age', '11'], { env: ENV })).stderr).not.toMatch(/stale:/);
  });

  it('--max-age on a folder with problems still exits 65; a bad SEMICAP_TODAY is a usage error', async () => {
    const dir = folder('stale-bad', { 'fx.csv': 'year,currency,per_usd,kind,source_id\n2024,CNY,abc,estimate,reuters_2024_05\n' });
    expect((await semicap(['validate', dir, '--max-age', '1'], { env: ENV })).code).toBe(65);
    const bad = await semicap(['validate', '--max-age', '1'], { env: { ...ENV, SEMICAP_TODAY: 'yesterday' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('semicap: SEMICAP_TODAY=yesterday; expected a date such as 2026-12-06\n');
  });
});
