// Currency conversion end to end: `funds`, `overview`, `check` and `report` follow one rule — each figure at its
// own year's average rate (fx.csv), `--fx-year` for one year — and show the rate and year each row used.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-fx-');
afterAll(() => removeDir(root));
const ENV = { NO_COLOR: '1', SEMICAP_LANG: 'en' };
const csvRows = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];
const bigFund = (rows: Record<string, string>[], phase: string) => rows.find((r) => r.fund === `big_fund ${phase}` && r.measure === 'registered_capital')!;

describe('funds', () => {
  it("converts each figure at its own year's average and shows the rate and year on every row", async () => {
    const r = await semicap(['funds', '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    for (const row of rows) {
      expect(Number(row.cny_per_usd), row.fund).toBeGreaterThan(6);
      expect(row.fx_year, row.fund).toBe(row.year);
    }
    // Hand-checked: 344 / 7.1957 = 47.81; 204.15 / 6.9081 = 29.55.
    expect(Number(bigFund(rows, 'III').usd_bn_low)).toBeCloseTo(344 / 7.1957, 9);
    expect(Number(Number(bigFund(rows, 'III').usd_bn_low).toFixed(2))).toBe(47.81);
    expect(bigFund(rows, 'III').cny_per_usd).toBe('7.1957');
    expect(Number(Number(bigFund(rows, 'II').usd_bn_low).toFixed(2))).toBe(29.55);
    expect(bigFund(rows, 'II').cny_per_usd).toBe('6.9081');
    expect(bigFund(rows, 'II').fx_year).toBe('2019');
  });

  it("shows Reuters' own conversion (USD 47.5 bn at 7.2449) beside the computed 47.81", async () => {
    const r = await semicap(['funds', '--fund', 'big_fund', '--wide'], { env: ENV });
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.includes('big_fund III') && l.includes('registered_capital'))!;
    const cells = line.split('│').map((c) => c.trim());
    expect(cells).toEqual(expect.arrayContaining(['47.8', '7.1957', '2024', '47.5', '7.2449', 'reuters_2024_05']));
    expect(cells.indexOf('47.5')).toBeGreaterThan(cells.indexOf('7.1957'));
    expect(r.stdout).toContain("Funds and packages (converted at each figure's own year's average rate)");
  });

  it('--fx-year 2023 converts every figure at 7.0809', async () => {
    const r = await semicap(['funds', '--fx-year', '2023', '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows.every((x) => x.cny_per_usd === '7.0809' && x.fx_year === '2023')).toBe(true);
    expect(Number(bigFund(rows, 'III').usd_bn_low)).toBeCloseTo(344 / 7.0809, 9);
    expect(Number(bigFund(rows, 'II').usd_bn_low)).toBeCloseTo(204.15 / 7.0809, 9);
  });

  it('--fx-year with no rate is a usage error naming the years there are', async () => {
    const r = await semicap(['funds', '--fx-year', '2013'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^semicap: no CNY per USD rate for 2013; available years: 2014, 2015, .*, 2025\n$/);
  });
});

describe('one rule in every command', () => {
  it('overview totals the Big Fund phases at their own years, as funds does', async () => {
    const funds = csvRows((await semicap(['funds', '--format', 'csv', '--table', 'totals'], { env: ENV })).stdout);
    const overview = await semicap(['overview', '--format', 'json'], { env: ENV });
    expect(overview.code).toBe(0);
    const totals = (JSON.parse(overview.stdout).tables as { name: string; rows: Record<string, unknown>[] }[]).find((t) => t.name === 'totals')!;
    const phase3 = (rows: Record<string, unknown>[]) => rows.find((x) => String(x.total).startsWith('Big Fund through phase III'))!;
    const expected = 98.72 / 6.162 + 204.15 / 6.9081 + 344 / 7.1957;
    expect(Number(phase3(funds).usd_bn_low)).toBeCloseTo(expected, 9);
    expect(phase3(totals.rows).usd_bn_low as number).toBeCloseTo(expected, 9);
    expect(phase3(totals.rows).cny_per_usd).toBe('2014: 6.162; 2019: 6.9081; 2024: 7.1957');
  });

  it('check converts a fund at its own year (47.81) unless fx_year names one', async () => {
    const file = join(root, 'rules.csv');
    writeFileSync(file, ['rule,metric,selector,op,value,unit', 'own,fund,fund=big_fund phase=III measure=registered_capital,>,47.8,USD_bn', 'at 2023,fund,fund=big_fund phase=III measure=registered_capital fx_year=2023,>,48.5,USD_bn', ''].join('\n'));
    const r = await semicap(['check', file, '--format', 'json'], { env: ENV });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout).tables[0].rows as { actual: number; detail: string }[];
    expect(rows[0].actual).toBeCloseTo(344 / 7.1957, 10);
    expect(rows[0].detail).toBe('big_fund III registered_capital, low, 2024 rate (7.1957)');
    expect(rows[1].actual).toBeCloseTo(344 / 7.0809, 10);
  });

  it('report writes the funds table with the same conversions', async () => {
    const out = join(root, 'report');
    const r = await semicap(['report', '--out', out], { env: ENV });
    expect(r.code).toBe(0);
    const rows = csvRows(readFileSync(join(out, 'funds-funds.csv'), 'utf8'));
    expect(Number(bigFund(rows, 'III').usd_bn_low)).toBeCloseTo(344 / 7.1957, 9);
    expect(bigFund(rows, 'III').source_usd_low).toBe('47.5');
  });
});
