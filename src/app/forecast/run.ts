// Running the batches of `forecast` and `backtest`: ranges of series handed to worker threads over rows in
// shared memory (or fitted in the main thread when there is little work), results yielded in series order.
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { exists } from '../../data/files.js';
import type { SeriesTable, SharedRows } from '../../data/series.js';
import type { Method } from '../../forecast/types.js';
import { remember } from '../../messages.js';
import { backtestBatch, backtestMethods, type BacktestBatchOutcome, type BacktestSettings } from './backtest-batch.js';
import type { BacktestWorkerSetup } from './backtest-worker.js';
import { forecastBatch, type BatchOutcome, type BatchSettings } from './batch.js';
import { numbersPerSeries } from './rows.js';
import { WorkerPool } from './pool.js';

/** Most series per batch: big enough that handing a batch to a worker costs little, small enough to spread. */
const BATCH = 500;
/** Output numbers per batch at most (8 bytes each): a long horizon or many methods make batches smaller. */
const BATCH_NUMBERS = 1 << 17;
/** Below this many series, starting worker threads costs more than it saves. */
const PARALLEL_FROM = 1000;

/** What each worker thread is started with: all in shared memory, so nothing is copied per batch. */
export interface WorkerSetup {
  settings: BatchSettings;
  rows: SharedRows;
  spoiled: Uint8Array;
  slots: Float64Array[];
}

/** One batch for a worker: series first … last-1, output into slot `slot`. */
export interface WorkerJob {
  first: number;
  last: number;
  slot: number;
  /** The ids of series first … last-1, when the worker writes its rows as CSV (settings.csv). */
  ids?: string[];
}

/** The worker script beside this module in the bundle (dist/); absent when running from the TypeScript sources. */
const WORKER = new URL('./forecast-worker.js', import.meta.url);

export interface BatchDone {
  first: number;
  last: number;
  outcome: BatchOutcome;
  /** The batch's output numbers: valid until the next batch is asked for. */
  out: Float64Array;
  /** Worker threads used (0: the main thread did the work). */
  workers: number;
}

/** The batches' results in series order, fitted in worker threads when there are many series and cores. */
export async function* forecastBatches(data: SeriesTable, settings: BatchSettings, methods: Method[], jobs: number | 'auto'): AsyncGenerator<BatchDone> {
  const total = data.ids.length;
  const perSeries = numbersPerSeries(settings.horizon, settings.levels, methods.length);
  const size = Math.max(1, Math.min(BATCH, Math.floor(BATCH_NUMBERS / perSeries)));
  const ranges = Array.from({ length: Math.ceil(total / size) }, (_, i) => [i * size, Math.min(total, (i + 1) * size)] as const);
  const spoiled = new Uint8Array(new SharedArrayBuffer(total));
  data.problems.forEach((p, s) => (spoiled[s] = p === undefined ? 0 : 1));
  const threads = jobs === 'auto' ? (total >= PARALLEL_FROM ? availableParallelism() : 1) : jobs;
  if (threads <= 1 || ranges.length < 2 || !exists(fileURLToPath(WORKER))) {
    const out = new Float64Array(size * perSeries);
    for (const [first, last] of ranges) {
      yield { first, last, outcome: forecastBatch(data.grouped, spoiled, first, last, settings, methods, out, data.ids.slice(first, last)), out, workers: 0 };
      // Let the output be written between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }
  // A few batches in flight per worker keep every core busy; each has its own output slot in shared memory,
  // reused once the batch before has been handed on.
  const workers = Math.min(threads, ranges.length);
  const slots = Array.from({ length: 2 * workers }, () => new Float64Array(new SharedArrayBuffer(8 * size * perSeries)));
  const setup: WorkerSetup = { settings, rows: data.grouped.share(), spoiled, slots };
  const pool = new WorkerPool<WorkerJob, BatchOutcome>(WORKER, workers, setup);
  try {
    const inFlight: { slot: number; outcome: Promise<BatchOutcome> }[] = [];
    let next = 0;
    const send = (slot: number) => {
      const [first, last] = ranges[next++];
      inFlight.push({ slot, outcome: pool.run({ first, last, slot, ...(settings.csv === undefined ? {} : { ids: data.ids.slice(first, last) }) }) });
    };
    while (next < ranges.length && inFlight.length < slots.length) send(inFlight.length);
    for (const [first, last] of ranges) {
      const { slot, outcome } = inFlight.shift()!;
      const done = await outcome;
      // Reasons said in a worker thread are registered here too, so that they print in the reader's language.
      done.said.forEach(remember);
      yield { first, last, outcome: done, out: slots[slot], workers };
      if (next < ranges.length) send(slot);
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
export async function* backtestBatches(data: SeriesTable, settings: BacktestSettings, methodCount: number, jobs: number | 'auto'): AsyncGenerator<{ first: number; last: number; outcome: BacktestBatchOutcome; workers: number }> {
  const total = data.ids.length;
  const ranges = Array.from({ length: Math.ceil(total / BACKTEST_BATCH) }, (_, i) => [i * BACKTEST_BATCH, Math.min(total, (i + 1) * BACKTEST_BATCH)] as const);
  const spoiled = new Uint8Array(new SharedArrayBuffer(Math.max(1, total)));
  data.problems.forEach((p, s) => (spoiled[s] = p === undefined ? 0 : 1));
  const threads = jobs === 'auto' ? (total * settings.origins * methodCount >= BACKTEST_PARALLEL_FROM ? availableParallelism() : 1) : jobs;
  if (threads <= 1 || ranges.length < 2 || !exists(fileURLToPath(BACKTEST_WORKER))) {
    const methods = backtestMethods(settings);
    for (const [first, last] of ranges) {
      yield { first, last, outcome: backtestBatch(data.grouped, spoiled, first, last, settings, methods), workers: 0 };
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }
  const workers = Math.min(threads, ranges.length);
  const setup: BacktestWorkerSetup = { settings, rows: data.grouped.share(), spoiled };
  const pool = new WorkerPool<{ first: number; last: number }, BacktestBatchOutcome>(BACKTEST_WORKER, workers, setup);
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
