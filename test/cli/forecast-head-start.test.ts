// With worker threads, `forecast` starts fitting blocks of series while the file is still being read, and keeps
// those results only if the finished table is what the workers read. Whatever happens while reading (series in
// blocks, a series that comes back after its block was sent, a file the fast reader gives up on late and
// csv-parse reads again), the bytes written and the exit code are those of one thread (--jobs 1).
// The runs with worker threads start the built CLI (from the TypeScript sources there is no worker script); the
// one-thread runs they are compared with run in this process. Each run is made once and shared by the tests that
// look at it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EN } from '../../src/messages.js';
import { ZH } from '../../src/report/zh.js';
import { removeDir, semicap, semicapProcess, tempDir } from './run.js';

const root = tempDir('semicap-head-');
afterAll(() => removeDir(root));

// Worker threads start once two blocks of series are complete, and each block is sent once all its rows are in.
// Blocks here are of 25 series (SEMICAP_BATCH_SERIES; 500 by default) and the files are read in pieces of 1 KiB
// (SEMICAP_READ_CHUNK_BYTES; 1 MiB by default), so that these files of 100 series (about 14 KB) go the way a file
// of many megabytes does: the threads start a few pieces in, more blocks go out as later pieces come, and the
// last block is fitted after the whole file is read.
const BLOCK = 25;
const SERIES = 4 * BLOCK;
const YEARS = 8;
const ENV = { SEMICAP_READ_CHUNK_BYTES: '1024', SEMICAP_BATCH_SERIES: String(BLOCK) };

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

interface Written {
  code: number | null;
  stderr: string;
  out: Buffer;
}

const runs = new Map<string, Promise<Written>>();

/**
 * A run writing to --out (stdout of a child is cut at a megabyte): exit code, stderr and the file's bytes; made
 * once for each file, --jobs, format and --verbose, then shared. One thread runs in this process.
 */
function run(file: string, jobs: string, format: string[] = ['--format', 'csv'], verbose = false): Promise<Written> {
  const key = [file, jobs, ...format, verbose].join(' ');
  const done = runs.get(key);
  if (done !== undefined) return done;
  // A file of its own (runs may overlap); stderr names it as OUT, so that the runs' stderr compare.
  const out = join(root, `out-${runs.size}.txt`);
  const args = ['forecast', file, ...ARGS, ...format, '--jobs', jobs, '--out', out, ...(verbose ? ['--verbose'] : [])];
  const written = (jobs === '1' ? semicap(args, { env: ENV }) : Promise.resolve(semicapProcess(args, { env: ENV }))).then((r) => ({
    code: r.code,
    stderr: r.stderr.replaceAll(out, 'OUT'),
    out: r.code === 0 || r.code === 65 ? readFileSync(out) : Buffer.alloc(0),
  }));
  runs.set(key, written);
  return written;
}

/** Lines only --verbose writes: where settings came from, the threads and head start, the file the time. */
const VERBOSE_ONLY = /^semicap: (config files: |format=|rows are computed as they are written|fitted \d+ series |\d+ block\(s\) of series sent |done in \d+ ms).*\n/gm;

/** What --verbose says of the blocks sent while reading: how many, and whether their results were kept. */
function headStart(stderr: string): { blocks: number; kept: boolean } | undefined {
  const m = /^semicap: (\d+) block\(s\) of series sent to worker threads while reading: (results kept|results dropped, fitted again)$/m.exec(stderr);
  return m === null ? undefined : { blocks: Number(m[1]), kept: m[2] === 'results kept' };
}

// --jobs is capped at the cores: on two cores --jobs 4 runs exactly as --jobs 2 does (two worker threads), with
// one line more on stderr (ci-contract.test.ts), so it is run only where it means more threads.
const JOBS = availableParallelism() > 2 ? ['2', '4', 'auto'] : ['2', 'auto'];
/** With one core --jobs 2 and auto fit every series in the main thread: no head start to see. */
const THREADED = availableParallelism() > 1;

describe('forecast with worker threads started while reading', () => {
  // Whether the results of the blocks sent while reading are kept: yes where the finished table is what the
  // workers read, no where a series came back later or csv-parse read the file again.
  for (const [name, file, code, kept] of [
    ['series in blocks', blocks, 0, true],
    ['a series that comes back after its block', comesBack, 0, false],
    ['a file the fast reader gives up on late', quotedLate, 0, false],
    ['a bad value in the first block', badEarly, 65, true],
  ] as const) {
    it(`writes the same bytes and exit code as one thread: ${name}`, async () => {
      const one = await run(file, '1');
      expect(one.code).toBe(code);
      // Every series forecast (3 years × 2 methods), but a skipped one.
      expect(one.out.toString('utf8').trimEnd().split('\n')).toHaveLength(1 + (SERIES - (code === 0 ? 0 : 1)) * 6);
      for (const jobs of JOBS) {
        // --verbose with 2 and auto, to see the head start; it adds lines of its own to stderr, nothing else.
        const verbose = jobs !== '4';
        const other = await run(file, jobs, undefined, verbose);
        expect(other.code, jobs).toBe(one.code);
        expect(other.out.equals(one.out), jobs).toBe(true);
        // --jobs above the cores adds a line saying so (ci-contract.test.ts), nothing else.
        expect(other.stderr.replace(/^semicap: --jobs 4: .*\n/, '').replace(VERBOSE_ONLY, ''), jobs).toBe(one.stderr);
        if (verbose) expect(other.stderr, jobs).toMatch(/^semicap: done in \d+ ms$/m);
      }
    });

    it.runIf(THREADED)(`sends blocks to the worker threads while reading, and ${kept ? 'keeps' : 'drops'} their results: ${name}`, async () => {
      for (const jobs of ['2', 'auto']) {
        // Blocks go out once two blocks of series are in, and before the last one is: 2 or 3 of the 4, never all.
        const head = headStart((await run(file, jobs, undefined, true)).stderr);
        expect(head?.kept, jobs).toBe(kept);
        expect(head?.blocks, jobs).toBeGreaterThanOrEqual(2);
        expect(head?.blocks, jobs).toBeLessThan(SERIES / BLOCK);
      }
    });
  }

  it('names the bad cell by line and column whatever the threads', async () => {
    expect((await run(badEarly, '2', undefined, true)).stderr.replace(VERBOSE_ONLY, '').split('\n')[0]).toBe(`semicap: skipped series 's3': ${badEarly}:${1 + 3 * YEARS + 5}:3: value 'n/a' is not a number; expected a number`);
  });

  it('fails a file that cannot be read as one thread does, after the workers started, and ends (no thread left behind)', async () => {
    const one = await semicap(['forecast', unclosedLate, ...ARGS, '--format', 'csv', '--jobs', '1'], { env: ENV });
    expect(one.code).toBe(65);
    expect(one.stderr).toMatch(/^semicap: .*unclosed-late\.csv:\d+/);
    const two = semicapProcess(['forecast', unclosedLate, ...ARGS, '--format', 'csv', '--jobs', '2'], { env: ENV });
    expect([two.code, two.stdout, two.stderr]).toEqual([one.code, one.stdout, one.stderr]);
  });

  it('one thread sends no blocks while reading, and says nothing of it', async () => {
    const one = await run(blocks, '1', undefined, true);
    expect(one.code).toBe(0);
    expect(one.stderr).toContain(`semicap: fitted ${SERIES} series in the main thread\n`);
    expect(headStart(one.stderr)).toBeUndefined();
  });

  it('reads a file in pieces of SEMICAP_READ_CHUNK_BYTES bytes or of a MiB, in batches of any SEMICAP_BATCH_SERIES, to the same result', async () => {
    const written: Buffer[] = [];
    for (const [bytes, batch] of [['1024', undefined], [undefined, undefined], [undefined, '7'], ['1024', '1']]) {
      const out = join(root, `pieces-${bytes}-${batch}.csv`);
      const r = await semicap(['forecast', blocks, ...ARGS, '--format', 'csv', '--jobs', '1', '--out', out], { env: { SEMICAP_READ_CHUNK_BYTES: bytes, SEMICAP_BATCH_SERIES: batch } });
      expect(r.code, r.stderr).toBe(0);
      written.push(readFileSync(out));
    }
    const one = (await run(blocks, '1')).out;
    for (const w of written) expect(w.equals(one)).toBe(true);
  });

  it('a bad SEMICAP_READ_CHUNK_BYTES, SEMICAP_PROGRESS_DELAY_MS or SEMICAP_BATCH_SERIES is a usage error before any work (exit 2, no file)', async () => {
    const cases = [
      ['SEMICAP_READ_CHUNK_BYTES', '512', 'SEMICAP_READ_CHUNK_BYTES=512; expected a whole number from 1024 to 1073741824'],
      ['SEMICAP_READ_CHUNK_BYTES', '1e6', 'SEMICAP_READ_CHUNK_BYTES=1e6; expected a whole number from 1024 to 1073741824'],
      ['SEMICAP_PROGRESS_DELAY_MS', 'soon', 'SEMICAP_PROGRESS_DELAY_MS=soon; expected a whole number from 0 to 9999999'],
      ['SEMICAP_BATCH_SERIES', '0', 'SEMICAP_BATCH_SERIES=0; expected a whole number from 1 to 1000000'],
    ] as const;
    for (const [name, given, message] of cases) {
      const out = join(root, `bad-${name}.csv`);
      const r = await semicap(['forecast', blocks, ...ARGS, '--format', 'csv', '--out', out], { env: { [name]: given } });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(`semicap: ${message}\n`);
      expect(existsSync(out)).toBe(false);
    }
  });

  it('says kept or dropped in English and in Chinese, as the line read above', () => {
    for (const kept of [true, false]) expect(headStart(`semicap: ${EN['forecast.headStart']({ blocks: 3, kept })}\n`)).toEqual({ blocks: 3, kept });
    expect(ZH['forecast.headStart']({ blocks: 3, kept: true })).toBe('读取期间已向工作线程发送 3 批序列：结果已采用');
    expect(ZH['forecast.headStart']({ blocks: 2, kept: false })).toBe('读取期间已向工作线程发送 2 批序列：结果已弃用，重新拟合');
  });

  it('JSON and Excel CSV are the same with one thread and with two', async () => {
    for (const format of [['--format', 'json'], ['--format', 'csv', '--excel']]) {
      const [one, two] = await Promise.all(['1', '2'].map((jobs) => run(blocks, jobs, format)));
      expect(one.code, format.join(' ')).toBe(0);
      expect(two.code, format.join(' ')).toBe(0);
      expect(two.out.equals(one.out), format.join(' ')).toBe(true);
    }
  });
});
