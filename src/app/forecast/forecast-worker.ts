// A worker thread of `semicap forecast`: reads the grouped rows in shared memory, forecasts the range of series
// each message names, and answers with the output numbers (and CSV text) in buffers that move to the main thread.
// Built as its own entry (dist/forecast-worker.js) by scripts/build.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import { GroupedRows } from '../../data/series.js';
import { methodsFromSpecs, withIntervals } from '../../forecast/registry.js';
import { forecastBatch } from './batch.js';
import { numbersPerSeries } from './rows.js';
import type { WorkerJob, WorkerResult, WorkerSetup } from './run.js';

const setup = workerData as WorkerSetup;
const { settings } = setup;
const methods = withIntervals(methodsFromSpecs(settings.methods), settings.intervals);
const perSeries = numbersPerSeries(settings.horizon, settings.levels, methods.length);

parentPort!.on('message', ({ first, last, rows, spoiled, ids }: WorkerJob) => {
  try {
    const numbers = new Float64Array((last - first) * perSeries);
    const outcome = forecastBatch(GroupedRows.fromShared(rows), spoiled, first, last, settings, methods, numbers, ids);
    // The numbers and the CSV text move to the main thread (no copy).
    const transfer = outcome.csv === undefined ? [numbers.buffer] : [numbers.buffer, outcome.csv.buffer as ArrayBuffer];
    parentPort!.postMessage({ result: { outcome, numbers } satisfies WorkerResult }, transfer);
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
