// A worker thread of `semicap forecast`: reads the grouped rows in shared memory, forecasts the range of series
// each message names, and answers with the output numbers (and CSV text) in buffers that move to the main thread.
// Built as its own entry (dist/forecast-worker.js) by scripts/build.mjs.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerJob, WorkerSetup } from './run.js';
import { forecastJobs } from './worker-jobs.js';

const answer = forecastJobs(workerData as WorkerSetup);

parentPort!.on('message', (job: WorkerJob) => {
  const { reply, transfer } = answer(job);
  parentPort!.postMessage(reply, transfer);
});
