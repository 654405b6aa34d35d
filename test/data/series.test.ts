import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSeriesFile, toRegularSeries } from '../../src/data/series.js';

const dir = mkdtempSync(join(tmpdir(), 'semicap-series-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const columns = { id: 'id', time: 'year', value: 'value' };

describe('readSeriesFile', () => {
  it('groups rows by id, sorts years and keeps the good series when one is bad', async () => {
    const p = file('many.csv', 'id,year,value\na,2021,2\na,2020,1\nb,2020,5\nb,2021,oops\nc,2020,1\nc,2020,2\n');
    const set = await readSeriesFile(p, { columns });
    expect(set.rows).toBe(6);
    expect(set.series).toEqual([{ id: 'a', startYear: 2020, values: [1, 2], filled: [] }]);
    expect(set.skipped).toEqual([
      { id: 'b', reason: `${p}:5:3: value 'oops' is not a number; expected a number` },
      { id: 'c', reason: 'year 2020 appears twice; expected one value per year' },
    ]);
  });

  it('names the line of each bad cell, also in quoted multi-line records, blank lines and files read from a pipe', async () => {
    // Line numbers of bad cells are found by a second pass over a regular file, and at once from a pipe.
    const text = 'id,year,value\n\n"a\nb",2020,1\n"a\nb",2021,x\n\nc,2020,1\nc,20x1,2\nd,2020,3\n';
    const expected = [
      { id: 'a\nb', reason: `PATH:6:3: value 'x' is not a number; expected a number` },
      { id: 'c', reason: `PATH:9:2: year '20x1' is not a whole year from 1 to 9999 (such as 1811 or 2023)` },
    ];
    const p = file('lines.csv', text);
    const set = await readSeriesFile(p, { columns });
    expect(set.skipped).toEqual(expected.map((e) => ({ ...e, reason: e.reason.replace('PATH', p) })));
    expect(set.series.map((x) => x.id)).toEqual(['d']);
    const fifo = join(dir, 'lines.fifo');
    execFileSync('mkfifo', [fifo]);
    const writer = import('node:fs/promises').then((fs) => fs.writeFile(fifo, text));
    const piped = await readSeriesFile(fifo, { columns });
    await writer;
    expect(piped.skipped).toEqual(expected.map((e) => ({ ...e, reason: e.reason.replace('PATH', fifo) })));
  });

  it('reads one series when there is no id column', async () => {
    const p = file('one.csv', 'year,share\n2023,29\n2024,34\n');
    const set = await readSeriesFile(p, { columns: { time: 'year', value: 'share' } });
    expect(set.series).toEqual([{ id: '(series)', startYear: 2023, values: [29, 34], filled: [] }]);
  });

  it('names a missing column with the header it found', async () => {
    const p = file('cols.csv', 'id,yr,value\na,2020,1\n');
    await expect(readSeriesFile(p, { columns })).rejects.toThrow(`${p}:1: no column 'year' (--time); the header has: id, yr, value`);
  });

  it('refuses a missing file and a folder as missing input', async () => {
    await expect(readSeriesFile(join(dir, 'nope.csv'), { columns })).rejects.toMatchObject({ kind: 'missing-input' });
    await expect(readSeriesFile(dir, { columns })).rejects.toMatchObject({ kind: 'missing-input' });
  });
});

describe('toRegularSeries', () => {
  it('refuses gaps by default and interpolates them when asked', () => {
    expect(toRegularSeries([2020, 2023], [1, 4], 'none')).toEqual({ reason: 'missing year(s) 2021, 2022; expected consecutive years (or use --fill linear to interpolate)' });
    expect(toRegularSeries([2020, 2023], [1, 4], 'linear')).toEqual({ startYear: 2020, values: [1, 2, 3, 4], filled: [2021, 2022] });
  });
});
