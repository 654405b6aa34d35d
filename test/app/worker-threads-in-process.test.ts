// The worker-thread paths of `forecast` and `backtest` (the pool, the head start, the batches handed out), run in
// this thread: stand-in workers answer each job with the very handlers the thread scripts use, so the output
// must be exactly that of fitting every batch in the main thread.
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkerOptions } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import type { BacktestSettings } from '../../src/app/forecast/backtest-batch.js';
import type { BatchSettings } from '../../src/app/forecast/batch.js';
import { WorkerPool, type PoolWorker, type WorkerThreads } from '../../src/app/forecast/pool.js';
import { backtestBatches, forecastBatches, HeadStart } from '../../src/app/forecast/run.js';
import { backtestJobs, forecastJobs, type JobReply } from '../../src/app/forecast/worker-jobs.js';
import { readSeriesTable, type SeriesTable } from '../../src/data/series.js';
import { methodsFromSpecs, parseMethodSpecs, withIntervals } from '../../src/forecast/registry.js';

const dir = mkdtempSync(join(tmpdir(), 'semicap-inthread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A worker thread's stand-in: answers each job on a later turn, as a thread would, with `answer`. */
class StandIn extends EventEmitter {
  posted = 0;
  /** The first series of each job posted. */
  firsts: number[] = [];
  terminated = false;
  refs: string[] = [];
  constructor(private readonly answer: (job: never) => unknown) {
    super();
  }
  postMessage(job: unknown): void {
    this.posted++;
    this.firsts.push((job as { first: number }).first);
    setImmediate(() => this.emit('message', this.answer(job as never)));
  }
  terminate(): Promise<number> {
    this.terminated = true;
    return Promise.resolve(0);
  }
  ref(): void {
    this.refs.push('ref');
  }
  unref(): void {
    this.refs.push('unref');
  }
}

/** Threads started in this thread, each running the handler of the script it was started with. */
function inThisThread(): WorkerThreads & { started: StandIn[] } {
  const started: StandIn[] = [];
  return {
    started,
    available: () => true,
    start: (script: URL, options: WorkerOptions): PoolWorker => {
      const answer: (job: never) => JobReply<unknown> = script.href.endsWith('/forecast-worker.js') ? forecastJobs(options.workerData) : backtestJobs(options.workerData);
      const worker = new StandIn((job) => answer(job).reply);
      started.push(worker);
      return worker as unknown as PoolWorker;
    },
  };
}

/** `count` series of 6 to 20 years (random walks), one with a value that is not a number, one with a gap. */
function writeSeries(name: string, count: number, seed = 11): string {
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const lines = ['id,year,value'];
  for (let s = 0; s < count; s++) {
    const years = 6 + Math.floor(random() * 15);
    let level = 100 + 900 * random();
    for (let k = 0; k < years; k++) {
      if (s === 5 && k === 3) continue;
      level *= 1 + 0.04 * (random() - 0.3);
      lines.push(`s${s},${2000 + k},${s === 7 && k === 1 ? 'n/a' : level.toFixed(2)}`);
    }
  }
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

const columns = { id: 'id', time: 'year', value: 'value' };
const specs = parseMethodSpecs('naive,drift');
const methods = withIntervals(methodsFromSpecs(specs), 'calibrated');
// Batches of 50 series (500 unless set): these files of a few hundred series take the paths of files of thousands.
const settings: BatchSettings = { methods: specs, intervals: 'calibrated', horizon: 4, levels: [80, 95], seed: 1, bounds: {}, fill: 'none', batchSeries: 50 };


/** The batches of forecastBatches, as plain data, and the worker threads it said it used. */
async function run(data: SeriesTable, jobs: number, head?: HeadStart, threads?: WorkerThreads) {
  const seen: { first: number; last: number; numbers: number[]; failures: unknown[]; irregular: unknown[]; written: number }[] = [];
  const workers = new Set<number>();
  for await (const { first, last, outcome, out, workers: w } of forecastBatches(data, settings, methods, jobs, head, threads)) {
    seen.push({ first, last, numbers: Array.from(out.subarray(0, outcome.written)), failures: outcome.failures, irregular: outcome.irregular, written: outcome.written });
    workers.add(w);
  }
  return { seen, workers: [...workers] };
}

describe('forecastBatches with worker threads', () => {
  it('hands batches to the workers and the main thread, and yields what one thread computes, in series order', async () => {
    const data = await readSeriesTable(writeSeries('many.csv', 170), { columns });
    const alone = await run(data, 1);
    expect(alone.workers).toEqual([0]);
    expect(alone.seen.map((b) => [b.first, b.last])).toEqual([[0, 50], [50, 100], [100, 150], [150, 170]]);
    const threads = inThisThread();
    const together = await run(data, 3, undefined, threads);
    expect(together.workers).toEqual([3]);
    expect(together).toEqual({ ...alone, workers: [3] });
    // Three threads started, all given work, and all stopped at the end.
    expect(threads.started).toHaveLength(3);
    expect(threads.started.reduce((n, w) => n + w.posted, 0)).toBeGreaterThan(0);
    expect(threads.started.every((w) => w.terminated)).toBe(true);
    // The series with a gap was reported by whoever fitted its batch.
    expect(together.seen[0].irregular).toEqual(alone.seen[0].irregular);
    expect(alone.seen[0].irregular).not.toEqual([]);
  });

  it('fits in the main thread when the bundle has no worker script, whatever --jobs', async () => {
    const data = await readSeriesTable(writeSeries('many.csv', 120), { columns });
    const threads = { ...inThisThread(), available: () => false };
    const result = await run(data, 4, undefined, threads);
    expect(result.workers).toEqual([0]);
    expect(threads.started).toHaveLength(0);
    expect(HeadStart.possible(4, threads)).toBe(false);
    expect(HeadStart.possible(4, inThisThread())).toBe(true);
    expect(HeadStart.possible(1, inThisThread())).toBe(false);
  });
});

describe('HeadStart: workers that fit while the file is read', () => {
  it('starts workers during the read and their early blocks give the same output as one thread', async () => {
    const path = writeSeries('head.csv', 260, 5);
    const alone = await run(await readSeriesTable(path, { columns }), 1);
    const threads = inThisThread();
    const head = new HeadStart(settings, methods.length, 2, threads);
    const data = await readSeriesTable(path, { columns }, head.watch);
    // The threads were started while reading, and do not keep the process alive until adopted.
    expect(threads.started).toHaveLength(2);
    expect(threads.started[0].refs).toEqual(['unref']);
    const sentWhileReading = threads.started.reduce((n, w) => n + w.posted, 0);
    expect(sentWhileReading).toBeGreaterThan(0);
    const together = await run(data, 2, head, threads);
    expect(threads.started[0].refs).toEqual(['unref', 'ref']);
    expect(threads.started).toHaveLength(2);
    expect(together).toEqual({ ...alone, workers: [2] });
    expect(threads.started.every((w) => w.terminated)).toBe(true);
    // The blocks fitted while reading were kept: none was sent twice.
    const firsts = threads.started.flatMap((w) => w.firsts);
    expect(firsts).toContain(0);
    expect(new Set(firsts).size).toBe(firsts.length);
  });

  it('drops the early blocks when the finished table is not what the workers read, and fits them again', async () => {
    const threads = inThisThread();
    const head = new HeadStart(settings, methods.length, 2, threads);
    await readSeriesTable(writeSeries('first.csv', 260, 5), { columns }, head.watch);
    const other = await readSeriesTable(writeSeries('other.csv', 260, 9), { columns });
    const alone = await run(other, 1);
    const together = await run(other, 2, head, threads);
    expect(together).toEqual({ ...alone, workers: [2] });
    // Block 0 was fitted while reading, then again for the table it belongs to.
    expect(threads.started.flatMap((w) => w.firsts).filter((f) => f === 0)).toHaveLength(2);
  });

  it('starts nothing for a file too small for two batches, and close() stops the threads it started', async () => {
    const threads = inThisThread();
    const small = new HeadStart(settings, methods.length, 2, threads);
    const data = await readSeriesTable(writeSeries('small.csv', 30), { columns }, small.watch);
    expect(threads.started).toHaveLength(0);
    expect(small.adopt(data, new Uint8Array(data.ids.length))).toBeUndefined();
    await small.close();
    const big = new HeadStart(settings, methods.length, 2, threads);
    await readSeriesTable(writeSeries('big.csv', 260, 3), { columns }, big.watch);
    expect(threads.started).toHaveLength(2);
    await big.close();
    expect(threads.started.every((w) => w.terminated)).toBe(true);
  });
});

describe('backtestBatches with worker threads', () => {
  it('gives the pooled sums of one thread, batch by batch, with the workers it started', async () => {
    const data = await readSeriesTable(writeSeries('backtest.csv', 230), { columns });
    const backtest: BacktestSettings = { methods: specs, intervals: 'calibrated', holdout: 2, origins: 2, levels: [80], fill: 'none' };
    const batches = async (jobs: number, threads?: WorkerThreads) => {
      const seen: unknown[] = [];
      const workers = new Set<number>();
      for await (const { first, last, outcome, workers: w } of backtestBatches(data, backtest, 2, jobs, threads)) {
        seen.push({ first, last, outcome });
        workers.add(w);
      }
      return { seen, workers: [...workers] };
    };
    const alone = await batches(1);
    expect(alone.workers).toEqual([0]);
    expect(alone.seen).toHaveLength(5);
    const threads = inThisThread();
    const together = await batches(2, threads);
    expect(together).toEqual({ ...alone, workers: [2] });
    expect(threads.started.map((w) => w.posted)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(threads.started[0].posted + threads.started[1].posted).toBe(5);
    expect(threads.started.every((w) => w.terminated)).toBe(true);
  });
});

describe('the worker-side handlers', () => {
  it('answer a job that cannot be done with the error text, not a throw', async () => {
    const answer = forecastJobs({ settings });
    const { reply, transfer } = answer({ first: 0, last: 2, rows: undefined as never, spoiled: new Uint8Array(2) });
    expect(transfer).toEqual([]);
    expect('error' in reply && reply.error).toMatch(/TypeError/);
  });
});

describe('WorkerPool', () => {
  /** A pool over stand-ins whose answers the test gives by hand. */
  function pool(size: number) {
    const workers: StandIn[] = [];
    const jobs: unknown[][] = [];
    const threads: WorkerThreads = {
      available: () => true,
      start: () => {
        const k = workers.length;
        jobs.push([]);
        const w = new StandIn(() => undefined);
        w.postMessage = (job: unknown) => {
          w.posted++;
          jobs[k].push(job);
        };
        workers.push(w);
        return w as unknown as PoolWorker;
      },
    };
    return { p: new WorkerPool<number, number>(new URL('file:///x.js'), size, null, 1, threads), workers, jobs };
  }

  it('runs one job per worker at a time, queues the rest, and settles each with its own answer', async () => {
    const { p, workers, jobs } = pool(2);
    expect(p.size).toBe(2);
    const results = [1, 2, 3].map((n) => p.run(n));
    expect(jobs.flat().sort()).toEqual([1, 2]);
    const first = jobs.findIndex((j) => j[0] === 1);
    workers[first].emit('message', { result: 10 });
    expect(await results[0]).toBe(10);
    // The freed worker took the queued job.
    expect(jobs[first]).toEqual([1, 3]);
    workers[first].emit('message', { result: 30 });
    workers[1 - first].emit('message', { error: 'boom' });
    expect(await results[2]).toBe(30);
    await expect(results[1]).rejects.toThrow('in a worker thread: boom');
  });

  it('rejects the job of a worker that fails or exits, drops queued jobs, and stops every worker', async () => {
    const { p, workers, jobs } = pool(2);
    const [a, b, c] = [1, 2, 3].map((n) => p.run(n));
    const of = (job: number) => workers[jobs.findIndex((j) => j.includes(job))];
    of(1).emit('error', new Error('crashed'));
    await expect(a).rejects.toThrow('crashed');
    of(2).emit('exit', 1);
    await expect(b).rejects.toThrow('worker thread exited with code 1');
    // An exit with no job in hand rejects nothing.
    of(2).emit('exit', 0);
    p.dropQueued();
    await expect(c).rejects.toThrow('dropped');
    p.unref();
    p.ref();
    expect(workers.map((w) => w.refs)).toEqual([['unref', 'ref'], ['unref', 'ref']]);
    await p.close();
    expect(workers.every((w) => w.terminated)).toBe(true);
  });
});
