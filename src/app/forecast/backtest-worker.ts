// A worker thread of `semicap backtest`: reads the grouped rows in shared memory, backtests the range of series
// each message names and answers with the range's pooled sums. Built as its own entry (dist/backtest-worker.js)
// by scripts/build.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import { backtestJobs, type BacktestWorkerSetup } from './worker-jobs.js';

const answer = backtestJobs(workerData as BacktestWorkerSetup);

parentPort!.on('message', (job: { first: number; last: number }) => parentPort!.postMessage(answer(job).reply));
