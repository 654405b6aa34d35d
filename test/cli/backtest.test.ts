// `backtest` end to end: interval coverage and MSIS beside the point measures, numbers known by hand; the same
// bytes whatever --jobs; no progress line when stderr is a pipe.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, semicapProcess, tempDir } from './run.js';

const root = tempDir('semicap-backtest-');
afterAll(() => removeDir(root));
const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

// Two straight lines rising 2 a year (0, 2, …, 20 and 100, 102, …, 120). Holdout 2, one origin: naive forecasts
// the last training value, so the errors are +2 and +4; its residuals (the changes) are all 2, so σ = 2 and its
// intervals are ±z·2·√h. 80 % (z = 1.281552): ±2.5631 at h1 (2 inside), ±3.6248 at h2 (4 outside) → coverage 50 %.
// 95 % (z = 1.959964): ±3.9199 and ±5.5436 → both inside, 100 %.
// MSIS (scale: mean |change| = 2): 95 %: (7.83986 + 11.08727) / 2 / 2 = 4.73178;
// 80 %: h1 5.12621 / 2, h2 (7.24960 + (2/0.2)·(4 − 3.62480)) / 2 → (2.56310 + 5.50081) / 2 = 4.03196.
const LINES = join(root, 'lines.csv');
writeFileSync(LINES, ['id,year,value', ...['a', 'b'].flatMap((id, s) => Array.from({ length: 11 }, (_, k) => `${id},${2000 + k},${100 * s + 2 * k}`))].join('\n') + '\n');

// 110 wavy series of 30 years: three batches of at most 50 series, so two worker threads share them.
const SERIES = 110;
const MANY = join(root, 'many.csv');
const many = ['id,year,value'];
for (let s = 0; s < SERIES; s++) for (let t = 0; t < 30; t++) many.push(`s${s},${1990 + t},${(100 + s + 0.8 * t + 6 * Math.sin(0.9 * t + s)).toFixed(4)}`);
writeFileSync(MANY, many.join('\n') + '\n');

describe('backtest interval quality', () => {
  it('reports coverage and MSIS per level beside sMAPE, MASE, RMSE and MAPE (hand-computed)', async () => {
    const r = await semicap(['backtest', LINES, '--id', 'id', '--method', 'naive', '--horizon', '2', '--origins', '1', '--format', 'csv', '--table', 'summary']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const [row] = rows(r.stdout);
    expect(Object.keys(row)).toEqual(['rank', 'method', 'smape', 'mase', 'mae', 'rmse', 'mape', 'coverage80', 'msis80', 'coverage95', 'msis95', 'points', 'failures']);
    expect(row.method).toBe('naive');
    expect(Number(row.points)).toBe(4);
    expect(Number(row.mae)).toBe(3);
    expect(Number(row.mase)).toBe(1.5);
    expect(Number(row.coverage80)).toBe(50);
    expect(Number(row.coverage95)).toBe(100);
    expect(Number(row.msis80)).toBeCloseTo(4.03196, 4);
    expect(Number(row.msis95)).toBeCloseTo(4.73178, 4);
    const byHorizon = rows((await semicap(['backtest', LINES, '--id', 'id', '--method', 'naive', '--horizon', '2', '--origins', '1', '--format', 'csv', '--table', 'by_horizon'])).stdout);
    expect(byHorizon.map((h) => [h.horizon, h.coverage80, h.coverage95])).toEqual([['1', '100', '100'], ['2', '0', '100']]);
  });

  it('--level chooses the levels; the table says which intervals were used', async () => {
    const csv = await semicap(['backtest', LINES, '--id', 'id', '--method', 'naive', '--horizon', '2', '--origins', '1', '--level', '90', '--format', 'csv']);
    expect(Object.keys(rows(csv.stdout)[0])).toContain('coverage90');
    expect(Object.keys(rows(csv.stdout)[0])).not.toContain('coverage80');
    const table = await semicap(['backtest', LINES, '--id', 'id', '--method', 'naive,auto', '--horizon', '2', '--origins', '1', '--wide']);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/cover 80%.*MSIS 80.*cover 95%.*MSIS 95/);
    expect(table.stdout).toContain('intervals: auto: calibrated on measured errors (M3 yearly train rows');
    expect(table.stdout).toContain('naive: model-based');
    const model = await semicap(['backtest', LINES, '--id', 'id', '--method', 'auto', '--horizon', '2', '--origins', '1', '--intervals', 'model']);
    expect(model.stdout).toContain('intervals: auto: model-based');
    const bad = await semicap(['backtest', LINES, '--intervals', 'guess']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--intervals/);
  });

  it('gives the same bytes with --jobs 1, 2 and auto, and no progress on a pipe', async () => {
    // JSON: every table (summary and by_horizon) of a run in one document. --jobs 2 starts worker threads (a child
    // process); --jobs 1 and auto (too few fits for threads: 110 × 3 origins × 3 methods) fit in the main thread,
    // as they do in this process.
    const args = ['backtest', MANY, '--id', 'id', '--method', 'naive,theta,auto', '--horizon', '4', '--origins', '3', '--format', 'json'];
    const one = await semicap([...args, '--jobs', '1', '--verbose']);
    const two = semicapProcess([...args, '--jobs', '2', '--verbose']);
    const auto = await semicap(args);
    expect(one.code).toBe(0);
    expect(one.stderr).toContain(`semicap: backtested ${SERIES} series in the main thread\n`);
    expect(two.stderr).toContain(`semicap: backtested ${SERIES} series in 2 worker thread(s)\n`);
    // --verbose also puts that line among the JSON's warnings: the one difference allowed.
    expect(two.stdout.replace(`"backtested ${SERIES} series in 2 worker thread(s)"`, `"backtested ${SERIES} series in the main thread"`)).toBe(one.stdout);
    // Without --verbose, no warning at all; the rest of the document as with --jobs 1.
    const { warnings, ...document } = JSON.parse(auto.stdout) as { warnings: string[] };
    expect(warnings).toEqual([]);
    expect(document).toEqual({ ...(JSON.parse(one.stdout) as object), warnings: undefined });
    expect(auto.stderr).toBe('');
    // No progress line on the child's piped stderr either (progress rewrites its line with \r).
    expect(two.stderr).not.toMatch(/\r/);
    const tables = (JSON.parse(one.stdout) as { tables: { name: string; rows: Record<string, unknown>[] }[] }).tables;
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['summary', 'by_horizon']));
    expect(tables.find((t) => t.name === 'summary')!.rows.map((r) => r.points)).toEqual(Array(3).fill(SERIES * 3 * 4));
    expect(tables.find((t) => t.name === 'by_horizon')!.rows).toHaveLength(3 * 4);
  });

  it('names the series it skips and exits 65', async () => {
    const file = join(root, 'short.csv');
    writeFileSync(file, 'id,year,value\nok,2000,1\nok,2001,2\nok,2002,4\nok,2003,5\nshort,2000,1\n');
    const r = await semicap(['backtest', file, '--id', 'id', '--method', 'naive', '--horizon', '1', '--origins', '2', '--format', 'csv']);
    expect(r.code).toBe(65);
    expect(r.stderr).toContain("skipped series 'short': series of 1 values is too short for holdout 1 with 2 origin(s): needs at least 3");
    expect(rows(r.stdout)[0].points).toBe('2');
  });
});
