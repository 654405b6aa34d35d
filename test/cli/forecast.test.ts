// End-to-end runs of `forecast` and `backtest` (long CSVs through the streaming reader), on series whose
// answers are known by hand: a straight line continues as the same line, with zero error in a backtest.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-fc-');
afterAll(() => removeDir(root));

// a: 10, 12, …, 20 (2015–2020), a line of slope 2; b: constant 5.
const TWO = join(root, 'two.csv');
writeFileSync(TWO, 'id,year,value\n' + [0, 1, 2, 3, 4, 5].map((k) => `a,${2015 + k},${10 + 2 * k}`).join('\n') + '\n' + [0, 1, 2, 3, 4, 5].map((k) => `b,${2015 + k},5`).join('\n') + '\n');
// c: 20 years on the line 3 + 0.5·k.
const LINE = join(root, 'line.csv');
writeFileSync(LINE, 'id,year,value\n' + Array.from({ length: 20 }, (_, k) => `c,${2000 + k},${3 + 0.5 * k}`).join('\n') + '\n');

const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];
describe('forecast', () => {
  const ARGS = ['forecast', TWO, '--id', 'id', '--method', 'linear', '--horizon', '3'];

  it('--format csv: a line continues on the line, a constant stays constant', async () => {
    const r = await semicap([...ARGS, '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const got = rows(r.stdout).map((x) => [x.id, x.year, x.method, Number(x.mean)]);
    expect(got).toEqual([
      ['a', '2021', 'linear', 22],
      ['a', '2022', 'linear', 24],
      ['a', '2023', 'linear', 26],
      ['b', '2021', 'linear', 5],
      ['b', '2022', 'linear', 5],
      ['b', '2023', 'linear', 5],
    ]);
    // An exact fit has no residual spread: the intervals collapse onto the mean.
    for (const x of rows(r.stdout)) expect([x.lo80, x.hi80, x.lo95, x.hi95].map(Number)).toEqual([1, 1, 1, 1].map(() => Number(x.mean)));
  });

  it('--format json and md carry the same forecast; --out writes the bytes stdout would', async () => {
    const j = JSON.parse((await semicap([...ARGS, '--format', 'json'])).stdout) as { command: string; tables: { name: string; rows: Record<string, unknown>[] }[] };
    expect(j.command).toBe('forecast');
    expect(j.tables[0].rows.find((x) => x.id === 'a' && x.year === 2023)!.mean).toBe(26);
    const md = await semicap([...ARGS, '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^\| id \| year \|/m);
    for (const format of ['csv', 'json', 'md', 'table']) {
      const out = join(root, `fc.${format}`);
      const r = await semicap([...ARGS, '--format', format, '--out', out]);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(`semicap: wrote ${out}\n`);
      expect(readFileSync(out, 'utf8')).toBe((await semicap([...ARGS, '--format', format])).stdout);
    }
  });

  it('series from any century forecast: 1811-1830 continues in 1831-1833 (exit 0)', async () => {
    const old = join(root, 'old.csv');
    writeFileSync(old, 'year,value\n' + Array.from({ length: 20 }, (_, k) => `${1811 + k},${100 + 3 * k}`).join('\n') + '\n');
    const r = await semicap(['forecast', old, '--method', 'linear', '--horizon', '3', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(rows(r.stdout).map((x) => [x.year, Number(x.mean)])).toEqual([
      ['1831', 160],
      ['1832', 163],
      ['1833', 166],
    ]);
    expect((await semicap(['forecast', old, '--horizon', '2', '--format', 'csv'])).code).toBe(0);
  });

  it('fractional, five-digit and negative years are refused with one line naming file, line and column', async () => {
    for (const bad of ['1811.5', '20230', '-5', '0']) {
      const file = join(root, 'bad-year.csv');
      writeFileSync(file, `year,value\n${bad},5\n1812,6\n1813,7\n`);
      const r = await semicap(['forecast', file, '--format', 'csv']);
      expect(r.code).toBe(65);
      expect(r.stderr).toContain(`bad-year.csv:2:1: year '${bad}' is not a whole year from 1 to 9999`);
      expect(r.stderr).not.toMatch(/year year/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('--help shows examples', async () => {
    const r = await semicap(['forecast', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
  });
});

describe('backtest', () => {
  it('a straight line is forecast without error by the linear method', async () => {
    const r = await semicap(['backtest', LINE, '--id', 'id', '--method', 'linear', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const [summary] = rows(r.stdout);
    expect(summary.method).toBe('linear');
    for (const k of ['mae', 'rmse', 'mape', 'smape']) expect(Number(summary[k]), k).toBeCloseTo(0, 9);
    expect(Number(summary.failures)).toBe(0);
  });

  it('a series too short to backtest is a data error with one line', async () => {
    const r = await semicap(['backtest', TWO, '--id', 'id', '--method', 'linear']);
    expect(r.code).toBe(65);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/too short/);
  });

  it('--help shows examples', async () => {
    expect((await semicap(['backtest', '--help'])).stdout).toContain('Examples:');
  });
});
