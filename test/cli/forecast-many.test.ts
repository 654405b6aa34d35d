// `forecast` over more series than one batch: the output is streamed and, with several threads, fitted in
// worker threads (so these runs start the built CLI: from the TypeScript sources there is no worker script). Whatever the number of threads, the bytes on stdout and stderr and the exit code are the
// same, and the numbers are the ones known by hand.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, type Run, semicap, semicapProcess, tempDir } from './run.js';

const root = tempDir('semicap-many-');
afterAll(() => removeDir(root));

// 125 series that double every year: series s is (s + 1)·2^k in year 2000 + k (k = 0…11), so naive forecasts
// the last value, (s + 1)·2048, and loglinear continues the doubling, (s + 1)·2^(11 + h). Batches are of 50 series
// (SEMICAP_BATCH_SERIES; 500 by default): three batches, so that --jobs 2 and auto fit in worker threads as they do
// for a file of thousands of series. Three series are spoiled on purpose:
//   s7    has N/A in 2005, in a row written at the end of the file (rows of a series need not be together);
//   s60   lacks 2003;
//   s110  is a single 0: naive can forecast it, loglinear (which needs positive values) cannot.
const SERIES = 125;
const ENV = { SEMICAP_BATCH_SERIES: '50' };
const lines = ['id,year,value'];
let naLine = 0;
for (let s = 0; s < SERIES; s++) {
  for (let k = 0; k < 12; k++) {
    if (s === 7 && k === 5) continue;
    if (s === 60 && k === 3) continue;
    if (s === 110 && k > 0) continue;
    lines.push(`s${s},${2000 + k},${s === 110 ? 0 : (s + 1) * 2 ** k}`);
  }
}
lines.push('s7,2005,N/A');
naLine = lines.length;
const FILE = join(root, 'many.csv');
writeFileSync(FILE, lines.join('\n') + '\n');

const ARGS = ['forecast', FILE, '--id', 'id', '--method', 'naive,loglinear', '--horizon', '2', '--level', '80'];
const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('forecast of many series', () => {
  // One thread in this process; 2 and auto in the built CLI (worker threads start only from the bundle).
  const runs: Record<string, Run> = {};
  beforeAll(async () => {
    runs['1'] = await semicap([...ARGS, '--format', 'csv', '--jobs', '1'], { env: ENV });
    for (const jobs of ['2', 'auto']) runs[jobs] = semicapProcess([...ARGS, '--format', 'csv', '--jobs', jobs], { env: ENV });
  });

  it('gives the same bytes on stdout and stderr and the same exit code with 1, 2 or auto threads', () => {
    expect(runs['1'].code).toBe(65);
    for (const jobs of ['2', 'auto']) {
      expect(runs[jobs].code, jobs).toBe(runs['1'].code);
      expect(runs[jobs].stdout, jobs).toBe(runs['1'].stdout);
      expect(runs[jobs].stderr, jobs).toBe(runs['1'].stderr);
    }
  });

  it('forecasts each series as known by hand, in input order', () => {
    const got = rows(runs['2'].stdout);
    // 122 whole series × 2 methods × 2 years, and s110's naive forecast.
    expect(got).toHaveLength(122 * 4 + 2);
    const ids = [...new Set(got.map((r) => r.id))];
    expect(ids.slice(0, 8)).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's8']);
    expect(ids).toHaveLength(123);
    // The first and last series of each batch.
    for (const s of [0, 49, 50, 99, 100, 124]) {
      const of = got.filter((r) => r.id === `s${s}`);
      expect(of.map((r) => [r.year, r.method]), `s${s}`).toEqual([
        ['2012', 'naive'],
        ['2013', 'naive'],
        ['2012', 'loglinear'],
        ['2013', 'loglinear'],
      ]);
      const expected = [2048, 2048, 4096, 8192].map((x) => (s + 1) * x);
      of.forEach((r, i) => expect(Number(r.mean) / expected[i], `s${s} ${r.method} ${r.year}`).toBeCloseTo(1, 12));
    }
    expect(got.filter((r) => r.id === 's110').map((r) => [r.year, r.method, Number(r.mean)])).toEqual([
      ['2001', 'naive', 0],
      ['2002', 'naive', 0],
    ]);
  });

  it('names each spoiled series on stderr with the reason, the bad cell by file, line and column', () => {
    expect(runs['1'].stderr.trimEnd().split('\n')).toEqual([
      `semicap: skipped series 's7': ${FILE}:${naLine}:3: value 'N/A' is not a number; expected a number`,
      "semicap: skipped series 's60': missing year(s) 2003; expected consecutive years (or use --fill linear to interpolate)",
      "semicap: partly skipped series 's110': loglinear: loglinear needs strictly positive values (it models log y), got 0 at position 1",
    ]);
  });

  // One run to --out with --verbose: its messages and the file it writes are checked in two tests below.
  const out = join(root, 'out.csv');
  let written: Run | undefined;
  const writtenRun = () => (written ??= semicapProcess([...ARGS, '--format', 'csv', '--jobs', '2', '--verbose', '--out', out], { env: ENV }));

  it('--verbose says how many threads fitted the series', async () => {
    expect(writtenRun().stderr).toContain(`semicap: fitted ${SERIES} series in 2 worker thread(s)`);
    expect((await semicap([...ARGS, '--format', 'csv', '--jobs', '1', '--verbose'], { env: ENV })).stderr).toContain(`semicap: fitted ${SERIES} series in the main thread`);
  });

  it('JSON, tables and --out carry the same forecast as the CSV on stdout', () => {
    const json = JSON.parse(semicapProcess([...ARGS, '--format', 'json', '--jobs', '2'], { env: ENV }).stdout) as { tables: { rows: Record<string, unknown>[] }[]; notes: string[] };
    expect(json.tables[0].rows).toHaveLength(122 * 4 + 2);
    const last = json.tables[0].rows.at(-1) as Record<string, number | string>;
    expect([last.id, last.year, last.method]).toEqual(['s124', 2013, 'loglinear']);
    expect((last.mean as number) / (125 * 8192)).toBeCloseTo(1, 12);
    expect(json.notes[0]).toBe(`${SERIES} series read from ${FILE}; 123 forecast; intervals at 80 %; seed 42`);
    const table = semicapProcess([...ARGS, '--jobs', '2'], { env: ENV });
    expect(table.code).toBe(65);
    expect(table.stdout).toMatch(/s124 +│ 2013 +│ loglinear +│ +1,024,000/);
    expect(writtenRun().code).toBe(65);
    expect(readFileSync(out, 'utf8')).toBe(runs['1'].stdout);
  });

  it('--jobs must be a whole number of at least 1 (or auto)', async () => {
    for (const bad of ['0', '1.5', 'many']) {
      const r = await semicap([...ARGS, '--jobs', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/^semicap: .*--jobs/);
    }
  });
});

describe('forecast of many series, none of which can be forecast', () => {
  it('is a data error that leaves an existing --out file as it was and no temporary file', () => {
    const dir = tempDir('semicap-none-');
    try {
      const bad = join(dir, 'short.csv');
      // Three batches of 50 (SEMICAP_BATCH_SERIES), so that --jobs 2 fits them in worker threads.
      writeFileSync(bad, 'id,year,value\n' + Array.from({ length: 120 }, (_, s) => `s${s},2020,0\ns${s},2021,${-s}`).join('\n') + '\n');
      const out = join(dir, 'keep.csv');
      writeFileSync(out, 'old\n');
      const r = semicapProcess(['forecast', bad, '--id', 'id', '--method', 'loglinear', '--format', 'csv', '--out', out, '--jobs', '2'], { env: ENV });
      expect(r.code).toBe(65);
      expect(r.stderr).toMatch(/no series could be forecast \(120 problem\(s\); first: skipped series 's0': loglinear: loglinear needs strictly positive values \(it models log y\), got 0 at position 1\)/);
      expect(readFileSync(out, 'utf8')).toBe('old\n');
      expect(readdirSync(dir).sort()).toEqual(['keep.csv', 'short.csv']);
      const stdout = semicapProcess(['forecast', bad, '--id', 'id', '--method', 'loglinear', '--format', 'csv'], { env: ENV });
      expect(stdout.code).toBe(65);
      expect(stdout.stdout).toBe('');
    } finally {
      removeDir(dir);
    }
  });
});
