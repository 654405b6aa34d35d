// A worker thread of `semicap backtest`: reads the grouped rows in shared memory, backtests the range of series
// each message names and answers with the range's pooled sums. Built as its own entry (dist/backtest-worker.js)
// by scripts/build.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import { GroupedRows, type SharedRows } from '../../data/series.js';
import { backtestBatch, backtestMethods, type BacktestBatchOutcome, type BacktestSettings } from './backtest-batch.js';

export interface BacktestWorkerSetup {
  settings: BacktestSettings;
  rows: SharedRows;
  spoiled: Uint8Array;
}

const setup = workerData as BacktestWorkerSetup;
const rows = GroupedRows.fromShared(setup.rows);
const methods = backtestMethods(setup.settings);

parentPort!.on('message', ({ first, last }: { first: number; last: number }) => {
  try {
    const outcome: BacktestBatchOutcome = backtestBatch(rows, setup.spoiled, first, last, setup.settings, methods);
    parentPort!.postMessage({ result: outcome });
  } catch (e) {
    parentPort!.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
