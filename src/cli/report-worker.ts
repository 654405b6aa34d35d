// The worker thread that writes a `semicap report` folder (aside.ts): progress lines go to the main thread's stderr.
import { readingOnce } from '../data/read-once.js';
import { serveAside } from './aside.js';
import { writeReport, type ReportJob } from './commands/report.js';

// Each dataset file is read once for all the analyses (the main thread's run does not reach into this thread).
await serveAside<ReportJob, Awaited<ReturnType<typeof writeReport>>, string>((job, progress) =>
  readingOnce(() => writeReport(job.temp, job.dir, job.opts, job.given, { isTTY: job.progress.isTTY, columns: job.progress.columns, write: progress })),
);
