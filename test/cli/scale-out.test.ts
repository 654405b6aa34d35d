// Reading at scale through the built CLI: `-` reads standard input, .csv.gz reads like the plain file, a FIFO is
// read without blocking (Ctrl-C still exits 130), and `--shard K/N` runs (through GNU parallel when it is on PATH,
// else one after another) whose rows together are exactly the whole run's. Child processes where the test is about
// them (standard input, a FIFO and a signal, GNU parallel, worker threads); the other runs in this process.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, removeDir, semicap, semicapProcess, tempDir, type Run } from './run.js';
import { signalWhenWaiting } from './signal-waiting.js';

const root = tempDir('semicap-scale-');
afterAll(() => removeDir(root));

/** `series` series of 8 years, one of them (s77) with a bad cell, and a one-value series. */
function seriesText(series: number): string {
  const lines = ['id,year,value'];
  for (let s = 0; s < series; s++) for (let k = 0; k < 8; k++) lines.push(`s${s},${2010 + k},${s === 77 && k === 3 ? 'n/a' : ((s + 1) * (1 + 0.05 * k) + (k % 3)).toFixed(2)}`);
  lines.push('short,2020,1');
  return lines.join('\n') + '\n';
}
// 120 series: four shards of some 30 series each, and three batches of 50 (SEMICAP_BATCH_SERIES) for the worker
// threads of --jobs 2, which start from two batches.
const SERIES = 120;
const TEXT = seriesText(SERIES);
const FILE = join(root, 'many.csv');
const GZ = join(root, 'many.csv.gz');
writeFileSync(FILE, TEXT);
writeFileSync(GZ, gzipSync(TEXT));
const BATCHES_OF_50 = { SEMICAP_BATCH_SERIES: '50' };
const VERBOSE_LINE = /^semicap: (config files: |format=|rows are computed |fitted \d+ series |\d+ block\(s\) |done in )/;
const ARGS = ['--id', 'id', '--method', 'naive,theta', '--horizon', '2', '--format', 'csv'];
// The whole run, in this process (one thread): the reference the child processes' runs are compared with.
let whole: Run;
beforeAll(async () => {
  whole = await semicap(['forecast', FILE, ...ARGS]);
});
const body = (csv: string) => csv.split('\n').slice(1).filter((l) => l !== '');

describe('input forms', () => {
  it('the whole run: exit 65 for the bad series, the others forecast', () => {
    expect(whole.code).toBe(65);
    expect(whole.stderr).toContain(`skipped series 's77': ${FILE}:${2 + 77 * 8 + 3}:3: value 'n/a' is not a number`);
    expect(body(whole.stdout)).toHaveLength(SERIES * 4);
  });

  it('.csv.gz gives the same bytes on stdout, the same messages (file name aside) and exit code, whatever --jobs', async () => {
    // --jobs 2 in worker threads (a child process; batches of 50 series, so three), --jobs 1 in this process.
    for (const jobs of ['1', '2']) {
      const gz = jobs === '1' ? await semicap(['forecast', GZ, ...ARGS, '--jobs', jobs]) : semicapProcess(['forecast', GZ, ...ARGS, '--jobs', jobs, '--verbose'], { env: BATCHES_OF_50 });
      expect(gz.code).toBe(whole.code);
      expect(gz.stdout).toBe(whole.stdout);
      if (jobs === '2') expect(gz.stderr).toContain(`semicap: fitted ${SERIES + 1} series in 2 worker thread(s)\n`);
      // The messages of the run, without the lines --verbose adds (settings, threads, blocks, timings).
      const messages = gz.stderr.split('\n').filter((l) => !VERBOSE_LINE.test(l)).join('\n');
      expect(messages.split(GZ).join('F')).toBe(whole.stderr.split(FILE).join('F'));
    }
  });

  it('`-` reads standard input, plain or gzip, and names it (stdin) in messages', () => {
    const piped = spawnSync(process.execPath, [BIN, 'forecast', '-', ...ARGS], { input: TEXT, encoding: 'utf8' });
    expect(piped.status).toBe(65);
    expect(piped.stdout).toBe(whole.stdout);
    expect(piped.stderr.split('(stdin)').join('F')).toBe(whole.stderr.split(FILE).join('F'));
    const gz = spawnSync(process.execPath, [BIN, 'forecast', '-', ...ARGS], { input: gzipSync(TEXT) });
    expect(gz.stdout.toString()).toBe(whole.stdout);
  });

  it('a FIFO is read when a writer comes, and Ctrl-C exits 130 while none does', async () => {
    const fifo = join(root, 'in.fifo');
    execFileSync('mkfifo', [fifo]);
    const child = spawn(process.execPath, [BIN, 'forecast', fifo, ...ARGS]);
    let stdout = '';
    child.stdout.on('data', (d) => (stdout += d));
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    const { writeFile } = await import('node:fs/promises');
    await writeFile(fifo, TEXT);
    expect(await done).toBe(65);
    expect(stdout).toBe(whole.stdout);

    const waiting = spawn(process.execPath, [BIN, 'forecast', fifo, ...ARGS]);
    const exited = new Promise<number | null>((resolve) => waiting.on('close', resolve));
    // Once it waits for a writer (its event loop watches the FIFO) and its handlers are in place: no guessed delay.
    signalWhenWaiting(waiting, 'SIGINT', fifo);
    const timer = setTimeout(() => waiting.kill('SIGKILL'), 15_000);
    expect(await exited).toBe(130);
    clearTimeout(timer);
  }, 20_000);
});

describe('--shard K/N', () => {
  const SHARDS = 4;
  const hasParallel = spawnSync('parallel', ['--version'], { encoding: 'utf8' }).status === 0;

  it(`the shards' rows together are exactly the whole run's (${hasParallel ? 'run under GNU parallel' : 'GNU parallel not on PATH: run one after another'})`, () => {
    const outs = Array.from({ length: SHARDS }, (_, k) => join(root, `shard-${k}.csv`));
    if (hasParallel) {
      // As the README shows: one process per shard, each writing its own file.
      const r = spawnSync('parallel', ['--halt', 'never', process.execPath, BIN, 'forecast', FILE, ...ARGS, '--shard', `{}/${SHARDS}`, '--out', join(root, 'shard-{}.csv'), ':::', ...Array.from({ length: SHARDS }, (_, k) => String(k))], { encoding: 'utf8' });
      // parallel's exit code is the number of failed jobs: only the shard holding s77 fails (65).
      expect(r.status).toBe(1);
    } else {
      for (let k = 0; k < SHARDS; k++) semicapProcess(['forecast', FILE, ...ARGS, '--shard', `${k}/${SHARDS}`, '--out', outs[k]]);
    }
    const parts = outs.map((o) => readFileSync(o, 'utf8'));
    parts.forEach((p) => expect(p.split('\n')[0]).toBe(whole.stdout.split('\n')[0]));
    const union = parts.flatMap(body).sort();
    expect(union).toEqual(body(whole.stdout).sort());
    // Every shard holds some series, and no id is in two shards.
    const idsOf = parts.map((p) => new Set(body(p).map((l) => l.split(',')[0])));
    idsOf.forEach((ids) => expect(ids.size).toBeGreaterThan(SERIES / 8));
    expect(idsOf.reduce((n, ids) => n + ids.size, 0)).toBe(new Set(body(whole.stdout).map((l) => l.split(',')[0])).size);
  });

  it('each shard names only its own skipped series; a shard with no series is empty, exit 0', async () => {
    let messages = '';
    for (let k = 0; k < SHARDS; k++) messages += (await semicap(['forecast', FILE, ...ARGS, '--shard', `${k}/${SHARDS}`])).stderr;
    expect(messages.split('\n').filter(Boolean).sort()).toEqual(whole.stderr.split('\n').filter(Boolean).sort());
    const one = join(root, 'one.csv');
    writeFileSync(one, 'id,year,value\na,2020,1\na,2021,2\n');
    const runs: Run[] = [];
    for (const k of [0, 1, 2]) runs.push(await semicap(['forecast', one, '--id', 'id', '--method', 'naive', '--format', 'csv', '--shard', `${k}/3`]));
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(runs.map((r) => body(r.stdout).length).sort()).toEqual([0, 0, 6]);
  });

  it('backtest --shard evaluates only the shard\'s series', async () => {
    const all = await semicap(['backtest', FILE, '--id', 'id', '--method', 'naive', '--horizon', '1', '--origins', '1', '--format', 'csv']);
    const points = (csv: string) => {
      const [header, first] = csv.split('\n');
      return Number(first.split(',')[header.split(',').indexOf('points')]);
    };
    const parts: Run[] = [];
    for (let k = 0; k < SHARDS; k++) parts.push(await semicap(['backtest', FILE, '--id', 'id', '--method', 'naive', '--horizon', '1', '--origins', '1', '--format', 'csv', '--shard', `${k}/${SHARDS}`]));
    expect(all.stdout.split('\n')[0]).toContain('points');
    expect(parts.reduce((n, p) => n + points(p.stdout), 0)).toBe(points(all.stdout));
  });

  it('refuses a bad K/N and a shard without --id as usage errors (exit 2)', async () => {
    for (const [shard, message] of [
      ['4/4', '--shard 4/4: K must be from 0 to 3 (shards are numbered from 0)'],
      ['1/0', '--shard 1/0: N must be from 1 to 1000000'],
      ['x', "--shard 'x'; expected K/N with K from 0 to N-1, such as 0/4"],
    ]) {
      const r = await semicap(['forecast', FILE, '--id', 'id', '--shard', shard]);
      expect(r.code, shard).toBe(2);
      expect(r.stderr).toBe(`semicap: ${message}\n`);
    }
    expect((await semicap(['forecast', FILE, '--shard', '0/2'])).stderr).toBe('semicap: --shard needs --id: shards split the series by id\n');
  });
});
