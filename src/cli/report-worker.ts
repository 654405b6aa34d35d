// The worker thread that writes a `semicap report` folder (aside.ts): progress lines go to the main thread's stderr.
import { serveAside } from './aside.js';
import { writeReport, type ReportJob } from './commands/report.js';

await serveAside<ReportJob, Awaited<ReturnType<typeof writeReport>>, string>(
  (job, progress) => writeReport(job.temp, job.dir, job.opts, job.given, { isTTY: job.progress.isTTY, columns: job.progress.columns, write: progress }));
