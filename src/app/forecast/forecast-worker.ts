// A worker thread of `semicap forecast`: reads the grouped rows in shared memory, forecasts the range of series
// each message names into the named shared output slot, and answers with what else the batch produced.
// Built as its own entry (dist/forecast-worker.js) by scripts/build.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import { GroupedRows } from '../../data/series.js';
import { methodsFromSpecs, withIntervals } from '../../forecast/registry.js';
import { forecastBatch, type BatchOutcome } from './batch.js';
import type { WorkerSetup, WorkerJob } from './run.js';

const setup = workerData as WorkerSetup;
const rows = GroupedRows.fromShared(setup.rows);
const methods = withIntervals(methodsFromSpecs(setup.settings.methods), setup.settings.intervals);

parentPort!.on('message', ({ first, last, slot, ids }: WorkerJob) => {
  try {
    const outcome: BatchOutcome = forecastBatch(rows, setup.spoiled, first, last, setup.settings, methods, setup.slots[slot], ids);
    // The CSV text's buffer moves to the main thread (no copy).
    parentPort!.postMessage({ result: outcome }, outcome.csv === undefined ? [] : [outcome.csv.buffer as ArrayBuffer]);
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
