import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { semicap } from './run.js';

const dir = mkdtempSync(join(tmpdir(), 'semicap-forecast-'));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
// y = 2·t + 1 for t = 0..9 (years 2000–2009): a straight line, so `linear` continues it exactly.
const line = Array.from({ length: 10 }, (_, t) => `${2000 + t},${2 * t + 1}`).join('\n');

describe('semicap forecast', () => {
  it('writes the documented CSV columns and continues a straight line exactly', () => {
    const p = file('line.csv', `year,value\n${line}\n`);
    const r = semicap(['forecast', p, '--method', 'linear', '--horizon', '3', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header).toBe('id,year,method,mean,lo80,hi80,lo95,hi95');
    expect(rows.map((row) => row.split(',').slice(0, 4))).toEqual([
      ['(series)', '2010', 'linear', '21'],
      ['(series)', '2011', 'linear', '23'],
      ['(series)', '2012', 'linear', '25'],
    ]);
    for (const row of rows) {
      const [mean, lo80, hi80, lo95, hi95] = row.split(',').slice(3).map(Number);
      expect(lo95).toBeLessThanOrEqual(lo80);
      expect(lo80).toBeLessThanOrEqual(mean);
      expect(hi80).toBeGreaterThanOrEqual(mean);
      expect(hi95).toBeGreaterThanOrEqual(hi80);
    }
  });

  it('names interval columns by the levels asked for', () => {
    const p = file('line2.csv', `year,value\n${line}\n`);
    const r = semicap(['forecast', p, '--method', 'linear', '--horizon', '1', '--level', '50,90', '--format', 'csv']);
    expect(r.stdout.split('\n')[0]).toBe('id,year,method,mean,lo50,hi50,lo90,hi90');
  });

  it('forecasts the good series, reports the bad ones by id with the reason, and exits 65', () => {
    const p = file('many.csv', `id,year,value\n${line.split('\n').map((l) => `a,${l}`).join('\n')}\nb,2000,1\nb,2001,oops\nc,2000,1\nc,2002,3\n`);
    const out = join(dir, 'many-out.csv');
    const r = semicap(['forecast', p, '--id', 'id', '--method', 'linear', '--horizon', '2', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(65);
    expect(r.stdout).toBe('');
    const written = readFileSync(out, 'utf8').trim().split('\n');
    expect(written.slice(1).map((row) => row.split(',')[0])).toEqual(['a', 'a']);
    expect(r.stderr).toContain(`semicap: skipped series 'b': ${p}:13:3: value 'oops' is not a number; expected a number`);
    expect(r.stderr).toContain("semicap: skipped series 'c': missing year(s) 2001; expected consecutive years (or use --fill linear to interpolate)");
  });

  it('fails as a whole, writing nothing, when no series can be forecast', () => {
    const p = file('none.csv', 'year,value\n2000,x\n');
    const out = join(dir, 'none-out.csv');
    const r = semicap(['forecast', p, '--method', 'linear', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(65);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^semicap: .*none\.csv: no series could be forecast/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses an unknown method with a suggestion (exit 2)', () => {
    const p = file('line3.csv', `year,value\n${line}\n`);
    const r = semicap(['forecast', p, '--method', 'lineer']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown method 'lineer'.*linear/);
  });

  it('holds forecasts of a share within --floor and --cap and says so', () => {
    const p = file('share.csv', 'year,share\n2019,80\n2020,85\n2021,90\n2022,95\n2023,99\n');
    const r = semicap(['forecast', p, '--value', 'share', '--method', 'linear', '--cap', '100', '--floor', '0', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    const values = doc.tables[0].rows.flatMap((row: Record<string, number>) => [row.mean, row.lo80, row.hi80, row.lo95, row.hi95]);
    expect(Math.max(...values)).toBe(100);
    expect(doc.warnings[0]).toMatch(/at the bound \(held there\)/);
  });
});

describe('semicap backtest', () => {
  it('scores a method that is exactly right at zero error and ranks it first', () => {
    const p = file('bt.csv', `year,value\n${line}\n`);
    const r = semicap(['backtest', p, '--method', 'naive,linear', '--holdout', '2', '--origins', '3', '--format', 'json']);
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout).tables.find((t: { name: string }) => t.name === 'summary');
    expect(summary.rows[0]).toMatchObject({ rank: 1, method: 'linear', smape: 0, mae: 0, points: 6 });
    // naive forecasts the last training value: errors are 2 and 4 at horizons 1 and 2 at every origin → MAE 3.
    expect(summary.rows[1]).toMatchObject({ rank: 2, method: 'naive', mae: 3, points: 6 });
  });
});
