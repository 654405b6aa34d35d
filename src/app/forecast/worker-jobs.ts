// What the worker threads of `forecast` and `backtest` do with each job the main thread sends: kept apart from the
// thread scripts (forecast-worker.ts, backtest-worker.ts), which only wire these handlers to their port.
import { GroupedRows, type SharedRows } from '../../data/series.js';
import { methodsFromSpecs, withIntervals } from '../../forecast/registry.js';
import { backtestBatch, backtestMethods, type BacktestBatchOutcome, type BacktestSettings } from './backtest-batch.js';
import { forecastBatch } from './batch.js';
import { numbersPerSeries } from './rows.js';
import type { WorkerJob, WorkerResult, WorkerSetup } from './run.js';

export interface BacktestWorkerSetup {
  settings: BacktestSettings;
  rows: SharedRows;
  spoiled: Uint8Array;
}

/** A worker's answer to one job (a result or an error's text), and the buffers that move with it. */
export interface JobReply<R> {
  reply: { result: R } | { error: string };
  transfer: ArrayBuffer[];
}

const failed = (e: unknown): JobReply<never> => ({ reply: { error: e instanceof Error ? (e.stack ?? e.message) : String(e) }, transfer: [] });

/** Forecasts the range of series each job names over the rows in shared memory. */
export function forecastJobs(setup: WorkerSetup): (job: WorkerJob) => JobReply<WorkerResult> {
  const { settings } = setup;
  const methods = withIntervals(methodsFromSpecs(settings.methods), settings.intervals);
  const perSeries = numbersPerSeries(settings.horizon, settings.levels, methods.length);
  return ({ first, last, rows, spoiled, ids }) => {
    try {
      const numbers = new Float64Array((last - first) * perSeries);
      const outcome = forecastBatch(GroupedRows.fromShared(rows), spoiled, first, last, settings, methods, numbers, ids);
      // The numbers and the CSV text move to the main thread (no copy).
      const transfer = outcome.csv === undefined ? [numbers.buffer] : [numbers.buffer, outcome.csv.buffer as ArrayBuffer];
      return { reply: { result: { outcome, numbers } }, transfer };
    } catch (e) {
      return failed(e);
    }
  };
}

/** Backtests the range of series each job names and answers with the range's pooled sums. */
export function backtestJobs(setup: BacktestWorkerSetup): (job: { first: number; last: number }) => JobReply<BacktestBatchOutcome> {
  const rows = GroupedRows.fromShared(setup.rows);
  const methods = backtestMethods(setup.settings);
  return ({ first, last }) => {
    try {
      return { reply: { result: backtestBatch(rows, setup.spoiled, first, last, setup.settings, methods) }, transfer: [] };
    } catch (e) {
      return failed(e);
    }
  };
}
