// With worker threads, `forecast` starts fitting blocks of series while the file is still being read, and keeps
// those results only if the finished table is what the workers read. Whatever happens while reading (series in
// blocks, a series that comes back after its block was sent, a file the fast reader gives up on late and
// csv-parse reads again), the bytes written and the exit code are those of one thread (--jobs 1).
// These runs start the built CLI: from the TypeScript sources there is no worker script.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicapProcess, tempDir } from './run.js';

const root = tempDir('semicap-head-');
afterAll(() => removeDir(root));

const SERIES = 10_000;
const YEARS = 8;

/** Series s: value (s % 97 + 1) · (1 + k/10) + a digit pattern, years 2000 …; rows of a series together. */
function seriesLines(s: number, id = `s${s}`): string[] {
  const lines: string[] = [];
  for (let k = 0; k < YEARS; k++) lines.push(`${id},${2000 + k},${(((s % 97) + 1) * (1 + k / 10) + ((s * 7 + k * 3) % 11) / 3).toFixed(4)}`);
  return lines;
}

function write(name: string, lines: string[]): string {
  const file = join(root, name);
  writeFileSync(file, `id,year,value\n${lines.join('\n')}\n`);
  return file;
}

const blocks = write('blocks.csv', Array.from({ length: SERIES }, (_, s) => seriesLines(s)).flat());
// Series 10's last year comes at the very end, long after the first blocks were sent to the workers.
const comesBack = write(
  'comes-back.csv',
  [...Array.from({ length: SERIES }, (_, s) => (s === 10 ? seriesLines(s).slice(0, -1) : seriesLines(s))).flat(), seriesLines(10).at(-1)!],
);
// A quoted id near the end: the fast reader gives up there and csv-parse reads the whole file again.
const quotedLate = write('quoted-late.csv', Array.from({ length: SERIES }, (_, s) => seriesLines(s, s === SERIES - 5 ? `"s${s}"` : `s${s}`)).flat());
// An unclosed quote near the end: csv-parse fails the whole file after the workers have started.
const unclosedLate = write('unclosed-late.csv', Array.from({ length: SERIES }, (_, s) => seriesLines(s, s === SERIES - 5 ? `"s${s}` : `s${s}`)).flat());
// A bad value in a series of the first block: the series is skipped (exit 65) with its line, whatever the threads.
const badEarly = write('bad-early.csv', Array.from({ length: SERIES }, (_, s) => (s === 3 ? seriesLines(s).map((l, k) => (k === 4 ? 's3,2004,n/a' : l)) : seriesLines(s))).flat());

const ARGS = ['--id', 'id', '--method', 'naive,drift', '--horizon', '3'];

/** A run writing to --out (stdout of a child is cut at a megabyte): exit code, stderr and the file's bytes. */
function run(file: string, jobs: string, format: string[] = ['--format', 'csv']): { code: number | null; stderr: string; out: Buffer } {
  const out = join(root, 'out.txt');
  const r = semicapProcess(['forecast', file, ...ARGS, ...format, '--jobs', jobs, '--out', out]);
  return { code: r.code, stderr: r.stderr, out: r.code === 0 || r.code === 65 ? readFileSync(out) : Buffer.alloc(0) };
}

describe('forecast with worker threads started while reading', () => {
  for (const [name, file, code] of [
    ['series in blocks', blocks, 0],
    ['a series that comes back after its block', comesBack, 0],
    ['a file the fast reader gives up on late', quotedLate, 0],
    ['a bad value in the first block', badEarly, 65],
  ] as const) {
    it(`writes the same bytes and exit code as one thread: ${name}`, () => {
      const one = run(file, '1');
      expect(one.code).toBe(code);
      // Every series forecast (3 years × 2 methods), but a skipped one.
      expect(one.out.toString('utf8').trimEnd().split('\n')).toHaveLength(1 + (SERIES - (code === 0 ? 0 : 1)) * 6);
      for (const jobs of ['2', '4', 'auto']) {
        const other = run(file, jobs);
        expect(other.code, jobs).toBe(one.code);
        expect(other.out.equals(one.out), jobs).toBe(true);
        // --jobs above the cores adds a line saying so (ci-contract.test.ts), nothing else.
        expect(other.stderr.replace(/^semicap: --jobs 4: .*\n/, ''), jobs).toBe(one.stderr);
      }
    });
  }

  it('names the bad cell by line and column whatever the threads', () => {
    expect(run(badEarly, '2').stderr.split('\n')[0]).toBe(`semicap: skipped series 's3': ${badEarly}:${1 + 3 * YEARS + 5}:3: value 'n/a' is not a number; expected a number`);
  });

  it('fails a file that cannot be read as one thread does, after the workers started, and ends (no thread left behind)', () => {
    const one = semicapProcess(['forecast', unclosedLate, ...ARGS, '--format', 'csv', '--jobs', '1']);
    expect(one.code).toBe(65);
    expect(one.stderr).toMatch(/^semicap: .*unclosed-late\.csv:\d+/);
    const two = semicapProcess(['forecast', unclosedLate, ...ARGS, '--format', 'csv', '--jobs', '2']);
    expect([two.code, two.stdout, two.stderr]).toEqual([one.code, one.stdout, one.stderr]);
  });

  it('JSON and Excel CSV are the same with one thread and with two', () => {
    for (const format of [['--format', 'json'], ['--format', 'csv', '--excel']]) {
      const [one, two] = ['1', '2'].map((jobs) => run(blocks, jobs, format));
      expect(one.code, format.join(' ')).toBe(0);
      expect(two.code, format.join(' ')).toBe(0);
      expect(two.out.equals(one.out), format.join(' ')).toBe(true);
    }
  });
});
