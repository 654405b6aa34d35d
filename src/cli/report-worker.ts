// The worker thread that writes a `semicap report` folder, so that the main thread stays free to answer a signal
// at once (Ctrl-C removes the temporary folder and exits 130 while the analyses are still computing here).
import { parentPort, workerData } from 'node:worker_threads';
import { isSemicapError } from '../errors.js';
import { messagesOf } from '../messages.js';
import { writeReport, type ReportJob, type ReportReply } from './commands/report.js';

const job = workerData as ReportJob;
const post = (reply: ReportReply) => parentPort!.postMessage(reply);
// Progress lines are drawn by the main thread, on its stderr.
const progress = { isTTY: job.progress.isTTY, columns: job.progress.columns, write: (text: string) => post({ progress: text }) };
try {
  const result = await writeReport(job.temp, job.dir, job.opts, job.given, progress);
  // Texts said here are rendered in the reader's language there: the main thread learns how they were said.
  post({ result, said: messagesOf([...result.report.notes, result.report.tables[0]?.title ?? '', ...(result.messages ?? [])]) });
} catch (e) {
  const err = e as Error;
  post({ error: { kind: isSemicapError(e) ? e.kind : undefined, message: err?.message ?? String(e), stack: err?.stack }, said: messagesOf([err?.message ?? '']) });
}
