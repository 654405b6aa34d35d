// Running the batches of `forecast` and `backtest`: ranges of series handed to worker threads over rows in
// shared memory (or fitted in the main thread when there is little work), results yielded in series order.
import { availableParallelism } from 'node:os';
import type { ReadSoFar, SeriesTable, SharedRows } from '../../data/series.js';
import type { Method } from '../../forecast/types.js';
import { remember } from '../../messages.js';
import { backtestBatch, backtestMethods, type BacktestBatchOutcome, type BacktestSettings } from './backtest-batch.js';
import type { BacktestWorkerSetup } from './worker-jobs.js';
import { forecastBatch, type BatchOutcome, type BatchSettings } from './batch.js';
import { numbersPerSeries } from './rows.js';
import { realThreads, WorkerPool, type WorkerThreads } from './pool.js';

/** Most series per batch: big enough that handing a batch to a worker costs little, small enough to spread. */
const BATCH = 500;
/** Output numbers per batch at most (8 bytes each): a long horizon or many methods make batches smaller. */
const BATCH_NUMBERS = 1 << 17;
/** Below this many series (two batches' worth), starting worker threads costs more than it saves. */
const parallelFrom = (settings: BatchSettings): number => 2 * (settings.batchSeries ?? BATCH);

/** What each worker thread is started with (known before the file is read). */
export interface WorkerSetup {
  settings: BatchSettings;
}

/** One batch for a worker: series first … last-1 of the rows (shared memory: nothing is copied). */
export interface WorkerJob {
  first: number;
  last: number;
  rows: SharedRows;
  /** 1 for a series spoiled while reading, by series number (covers first … last-1). */
  spoiled: Uint8Array;
  /** The ids of series first … last-1, when the worker writes its rows as CSV (settings.csv). */
  ids?: string[];
}

/** A worker's answer: the outcome, and the batch's output numbers in a buffer that moved to this thread. */
export interface WorkerResult {
  outcome: BatchOutcome;
  numbers: Float64Array;
}

/** The worker script beside this module in the bundle (dist/); absent when running from the TypeScript sources. */
const WORKER = new URL('./forecast-worker.js', import.meta.url);

export interface BatchDone {
  first: number;
  last: number;
  outcome: BatchOutcome;
  /** The batch's output numbers: valid until the next batch is asked for, unless `own`. */
  out: Float64Array;
  /** Whether `out` belongs to this batch alone (no later batch writes into it), so it can be kept without a copy. */
  own: boolean;
  /** Worker threads used (0: the main thread did the work). */
  workers: number;
}

/** Series per batch for these settings: fixed by the output's size alone, so the batches never depend on --jobs. */
function batchSize(settings: BatchSettings, methodCount: number): number {
  return Math.max(1, Math.min(settings.batchSeries ?? BATCH, Math.floor(BATCH_NUMBERS / numbersPerSeries(settings.horizon, settings.levels, methodCount))));
}

/**
 * Worker threads (0 or 1: none, the main thread fits every series): --jobs, or with 'auto', once there are enough
 * series to pay for starting them, one fewer than the cores, since the main thread fits blocks too once the file
 * is read (forecastBatches).
 */
const threadsFor = (jobs: number | 'auto', series: number, from: number): number => (jobs === 'auto' ? (series >= from && availableParallelism() > 1 ? Math.max(2, availableParallelism()) - 1 : 0) : jobs);
/** Whether these threads call for worker threads at all (see threadsFor). */
const usesWorkers = (jobs: number | 'auto', series: number, from: number): boolean => (jobs === 'auto' ? threadsFor(jobs, series, from) > 0 : jobs > 1);

/** Output held from batches fitted while the file was still read, at most (numbers and CSV text). */
const HEAD_START_BYTES = 64 << 20;

/**
 * Worker threads that start while the file is still being read: `watch` (readSeriesTable's) sends each block of
 * series whose rows are all in, so fitting and reading overlap. The results wait until the finished table
 * confirms what the workers read (the same rows in the same memory, the same ids and bad series); otherwise
 * they are dropped and the blocks fitted again. The threads do not keep the process alive until adopted.
 */
export class HeadStart {
  private pool: WorkerPool<WorkerJob, WorkerResult> | undefined;
  private readonly size: number;
  private readonly maxBlocks: number;
  /** Row starts and bad-series flags of the series seen complete, in shared memory (grown by copying, doubling). */
  private start = new Int32Array(new SharedArrayBuffer(4 * 64));
  private spoiled = new Uint8Array(new SharedArrayBuffer(64));
  private filled = 0;
  private readonly ids: string[] = [];
  private readonly results: Promise<WorkerResult>[] = [];
  private lastRows: SharedRows | undefined;
  /** Once adopted: the blocks sent while reading, and whether their results were kept (for --verbose). */
  adopted: { blocks: number; kept: boolean } | undefined;

  constructor(
    private readonly settings: BatchSettings,
    methodCount: number,
    private readonly jobs: number | 'auto',
    private readonly threads: WorkerThreads = realThreads,
  ) {
    this.size = batchSize(settings, methodCount);
    const perBatch = 3 * 8 * this.size * numbersPerSeries(settings.horizon, settings.levels, methodCount);
    this.maxBlocks = Math.max(2, Math.floor(HEAD_START_BYTES / perBatch));
  }

  /** Whether worker threads can be started here at all (the bundle has the worker script, and --jobs allows it). */
  static possible(jobs: number | 'auto', threads: WorkerThreads = realThreads): boolean {
    return (jobs === 'auto' || jobs > 1) && threads.available(WORKER);
  }

  /** For readSeriesTable: sends the blocks of series complete so far. */
  readonly watch = (soFar: ReadSoFar): void => {
    const complete = soFar.complete;
    const size = this.size;
    if (this.pool === undefined) {
      // As forecastBatches decides: threads only for two batches or more, and (with 'auto') enough series.
      if (complete < 2 * size || !usesWorkers(this.jobs, complete, parallelFrom(this.settings))) return;
      // Every block goes to a worker as soon as it is complete: a worker that has answered finds its next block
      // waiting, instead of waiting for this thread to read its answer between two pieces of the file.
      this.pool = new WorkerPool<WorkerJob, WorkerResult>(WORKER, threadsFor(this.jobs, complete, parallelFrom(this.settings)), { settings: this.settings } satisfies WorkerSetup, this.maxBlocks, this.threads);
      this.pool.unref();
    }
    if ((this.results.length + 1) * size > complete || this.results.length >= this.maxBlocks) return;
    this.fill(soFar, Math.min(complete, (this.maxBlocks + 1) * size));
    const rows = { ...soFar.rows(), start: this.start };
    this.lastRows = rows;
    while ((this.results.length + 1) * size <= complete && this.results.length < this.maxBlocks) {
      const first = this.results.length * size;
      const last = first + size;
      const job: WorkerJob = { first, last, rows, spoiled: this.spoiled, ...(this.settings.csv === undefined ? {} : { ids: this.ids.slice(first, last) }) };
      const result = this.pool.run(job);
      // A result may be dropped unread (the table was not what the workers read): never an unhandled rejection.
      result.catch(() => undefined);
      this.results.push(result);
    }
  };

  /** Row starts, flags and ids of series filled … upTo-1. */
  private fill(soFar: ReadSoFar, upTo: number): void {
    if (upTo + 1 > this.start.length) {
      const start = new Int32Array(new SharedArrayBuffer(4 * 2 * (upTo + 1)));
      start.set(this.start);
      this.start = start;
      const spoiled = new Uint8Array(new SharedArrayBuffer(2 * (upTo + 1)));
      spoiled.set(this.spoiled);
      this.spoiled = spoiled;
    }
    for (let s = this.filled; s < upTo; s++) {
      this.start[s + 1] = this.start[s] + soFar.rowCount(s);
      this.spoiled[s] = soFar.spoiled(s) ? 1 : 0;
      this.ids.push(soFar.id(s));
    }
    this.filled = Math.max(this.filled, upTo);
  }

  /**
   * The pool and the results of the blocks sent, if the finished table is what the workers read: the same
   * chunks of memory, row starts, bad series and ids. Otherwise the pool only (its results are dropped).
   */
  adopt(data: SeriesTable, spoiled: Uint8Array): { pool: WorkerPool<WorkerJob, WorkerResult>; results: Promise<WorkerResult>[] } | undefined {
    const pool = this.pool;
    if (pool === undefined) return undefined;
    pool.ref();
    const sent = this.results.length * this.size;
    const start = data.grouped.start;
    let same = this.lastRows !== undefined && data.grouped.sameChunks(this.lastRows) && sent < data.ids.length;
    for (let s = 0; same && s < sent; s++) same = start[s + 1] === this.start[s + 1] && spoiled[s] === this.spoiled[s] && data.ids[s] === this.ids[s];
    if (!same) pool.dropQueued();
    this.adopted = { blocks: this.results.length, kept: same };
    // Handed over, not kept here: each result is let go once written.
    const results = this.results.splice(0);
    return { pool, results: same ? results : [] };
  }

  /** Stops the threads (when the file could not be read). */
  async close(): Promise<void> {
    await this.pool?.close();
  }
}

/** The batches' results in series order, fitted in worker threads when there are many series and cores. */
export async function* forecastBatches(data: SeriesTable, settings: BatchSettings, methods: Method[], jobs: number | 'auto', head?: HeadStart, threads: WorkerThreads = realThreads): AsyncGenerator<BatchDone> {
  const total = data.ids.length;
  const perSeries = numbersPerSeries(settings.horizon, settings.levels, methods.length);
  const size = batchSize(settings, methods.length);
  const ranges = Array.from({ length: Math.ceil(total / size) }, (_, i) => [i * size, Math.min(total, (i + 1) * size)] as const);
  const spoiled = new Uint8Array(new SharedArrayBuffer(Math.max(1, total)));
  data.problems.forEach((p, s) => (spoiled[s] = p === undefined ? 0 : 1));
  const early = head?.adopt(data, spoiled);
  const wanted = threadsFor(jobs, total, parallelFrom(settings));
  if (early === undefined && (!usesWorkers(jobs, total, parallelFrom(settings)) || ranges.length < 2 || !threads.available(WORKER))) {
    const out = new Float64Array(size * perSeries);
    for (const [first, last] of ranges) {
      yield { first, last, outcome: forecastBatch(data.grouped, spoiled, first, last, settings, methods, out, data.ids.slice(first, last)), out, own: false, workers: 0 };
      // Let the output be written between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }
  const workers = Math.min(early?.pool.size ?? wanted, ranges.length);
  const pool = early?.pool ?? new WorkerPool<WorkerJob, WorkerResult>(WORKER, workers, { settings } satisfies WorkerSetup, 2, threads);
  const rows = data.grouped.share();
  try {
    // Batches fitted while the file was read come first; a few more in flight per worker keep every core busy.
    const results: (Promise<WorkerResult> | WorkerResult | undefined)[] = [...(early?.results ?? [])];
    /** Whether batch k's result is in (a worker answered, or the main thread fitted it). */
    const ready: boolean[] = [];
    let pending = 0;
    const track = (k: number, result: Promise<WorkerResult>) => {
      pending++;
      result.then(
        () => ((ready[k] = true), pending--),
        () => ((ready[k] = true), pending--),
      );
    };
    results.forEach((r, k) => track(k, r as Promise<WorkerResult>));
    const send = () => {
      const [first, last] = ranges[results.length];
      const result = pool.run({ first, last, rows, spoiled, ...(settings.csv === undefined ? {} : { ids: data.ids.slice(first, last) }) });
      track(results.length, result);
      results.push(result);
    };
    for (let i = 0; i < ranges.length; i++) {
      while (results.length < ranges.length && pending < 2 * workers) send();
      // While batch i is still with a worker, the main thread fits the next batch no one has taken (the same
      // function in either thread: the output cannot depend on who fitted what).
      while (!ready[i] && results.length < ranges.length) {
        const [first, last] = ranges[results.length];
        const numbers = new Float64Array((last - first) * perSeries);
        ready[results.length] = true;
        results.push({ outcome: forecastBatch(data.grouped, spoiled, first, last, settings, methods, numbers, data.ids.slice(first, last)), numbers });
        // Let the workers' answers in.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      const { outcome, numbers } = (await results[i])!;
      // Held no longer than it takes to write it.
      results[i] = undefined;
      // Reasons said in a worker thread are registered here too, so that they print in the reader's language.
      outcome.said.forEach(remember);
      const [first, last] = ranges[i];
      yield { first, last, outcome, out: numbers, own: true, workers };
    }
  } finally {
    await pool.close();
  }
}

/** Series per batch: the batches, and so the pooling order and the output, never depend on --jobs. */
const BACKTEST_BATCH = 50;
/** Below this many fits (series × origins × methods), starting worker threads costs more than it saves. */
const BACKTEST_PARALLEL_FROM = 2000;
/** The worker script beside this module in the bundle (dist/); absent when running from the TypeScript sources. */
const BACKTEST_WORKER = new URL('./backtest-worker.js', import.meta.url);

/** The batches' outcomes in series order, computed in worker threads when there is enough work and cores. */
export async function* backtestBatches(data: SeriesTable, settings: BacktestSettings, methodCount: number, jobs: number | 'auto', workerThreads: WorkerThreads = realThreads): AsyncGenerator<{ first: number; last: number; outcome: BacktestBatchOutcome; workers: number }> {
  const total = data.ids.length;
  const ranges = Array.from({ length: Math.ceil(total / BACKTEST_BATCH) }, (_, i) => [i * BACKTEST_BATCH, Math.min(total, (i + 1) * BACKTEST_BATCH)] as const);
  const spoiled = new Uint8Array(new SharedArrayBuffer(Math.max(1, total)));
  data.problems.forEach((p, s) => (spoiled[s] = p === undefined ? 0 : 1));
  const threads = jobs === 'auto' ? (total * settings.origins * methodCount >= BACKTEST_PARALLEL_FROM ? availableParallelism() : 1) : jobs;
  if (threads <= 1 || ranges.length < 2 || !workerThreads.available(BACKTEST_WORKER)) {
    const methods = backtestMethods(settings);
    for (const [first, last] of ranges) {
      yield { first, last, outcome: backtestBatch(data.grouped, spoiled, first, last, settings, methods), workers: 0 };
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }
  const workers = Math.min(threads, ranges.length);
  const setup: BacktestWorkerSetup = { settings, rows: data.grouped.share(), spoiled };
  const pool = new WorkerPool<{ first: number; last: number }, BacktestBatchOutcome>(BACKTEST_WORKER, workers, setup, 1, workerThreads);
  try {
    // A few batches in flight per worker keep every core busy; results are taken in series order.
    const inFlight: Promise<BacktestBatchOutcome>[] = [];
    let next = 0;
    const send = () => {
      const [first, last] = ranges[next++];
      inFlight.push(pool.run({ first, last }));
    };
    while (next < ranges.length && inFlight.length < 3 * workers) send();
    for (const [first, last] of ranges) {
      const outcome = await inFlight.shift()!;
      outcome.said.forEach(remember);
      if (next < ranges.length) send();
      yield { first, last, outcome, workers };
    }
  } finally {
    await pool.close();
  }
}
