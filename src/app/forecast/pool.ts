// A small pool of worker threads, each running one job at a time; results come back as promises. Used by
// `forecast` and `backtest` to fit many series on all cores. Hand-written rather than a pool library: the jobs are
// ranges over rows already in shared memory, so the pool only posts small messages, and it adds nothing to start-up.
import { fileURLToPath } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { exists } from '../../data/files.js';

/** What the pool uses of a worker thread. */
export type PoolWorker = Pick<Worker, 'on' | 'postMessage' | 'terminate' | 'ref' | 'unref'>;

/**
 * How worker threads are started: real threads running the bundle's scripts (dist/), which exist only once built.
 * A seam: tests start stand-ins that run the same job handlers in their own thread.
 */
export interface WorkerThreads {
  start(script: URL, options: WorkerOptions): PoolWorker;
  available(script: URL): boolean;
}

export const realThreads: WorkerThreads = {
  start: (script, options) => new Worker(script, options),
  available: (script) => exists(fileURLToPath(script)),
};

interface Waiting<J, R> {
  job: J;
  transfer: ArrayBuffer[];
  resolve(result: R): void;
  reject(error: Error): void;
}

/**
 * Fitting makes much short-lived garbage and holds little, so a small young generation serves a worker well;
 * V8's default lets it grow to tens of MB per thread (peak memory with and without: bench/README.md).
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 4 };

export class WorkerPool<J, R> {
  private readonly all: PoolWorker[] = [];
  private readonly queue: Waiting<J, R>[] = [];
  /** The jobs each worker has been sent and not yet answered, oldest first (a worker answers in order). */
  private readonly busy = new Map<PoolWorker, Waiting<J, R>[]>();
  /** Workers that failed: sent nothing more. */
  private readonly failed = new Set<PoolWorker>();

  /**
   * `depth`: jobs sent to a worker at a time. With 2, a worker finds its next job waiting when it answers,
   * instead of waiting for this thread to read the answer and send another (this thread may be busy itself).
   */
  constructor(
    script: URL,
    size: number,
    workerData: unknown,
    private readonly depth = 1,
    threads: WorkerThreads = realThreads,
  ) {
    for (let i = 0; i < size; i++) {
      const worker = threads.start(script, { workerData, resourceLimits: WORKER_LIMITS });
      worker.on('message', (message: { result?: R; error?: string }) => this.settle(worker, message));
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', (code) => {
        if ((this.busy.get(worker)?.length ?? 0) > 0) this.fail(worker, new Error(`worker thread exited with code ${code}`));
      });
      this.all.push(worker);
      this.busy.set(worker, []);
    }
  }

  get size(): number {
    return this.all.length;
  }

  /** Runs a job on the next free worker; the buffers in `transfer` move to the worker (no copy). */
  run(job: J, transfer: ArrayBuffer[] = []): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ job, transfer, resolve, reject });
      this.next();
    });
  }

  /** Lets the process end while the workers run (unref), or keeps it alive for them again (ref). */
  unref(): void {
    for (const w of this.all) w.unref();
  }

  ref(): void {
    for (const w of this.all) w.ref();
  }

  /** Drops the jobs not yet started (their promises reject). */
  dropQueued(): void {
    for (const waiting of this.queue.splice(0)) waiting.reject(new Error('dropped'));
  }

  /** Stops every worker; jobs not yet finished are abandoned. */
  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }

  private next(): void {
    // Fill every worker to one job first, then to `depth`.
    for (let held = 0; held < this.depth && this.queue.length > 0; held++) {
      for (const worker of this.all) {
        const sent = this.busy.get(worker)!;
        if (sent.length > held || this.queue.length === 0 || this.failed.has(worker)) continue;
        const waiting = this.queue.shift()!;
        sent.push(waiting);
        worker.postMessage(waiting.job, waiting.transfer);
      }
    }
  }

  private settle(worker: PoolWorker, message: { result?: R; error?: string }): void {
    const waiting = this.busy.get(worker)?.shift();
    if (waiting) {
      if (message.error !== undefined) waiting.reject(new Error(`in a worker thread: ${message.error}`));
      else waiting.resolve(message.result as R);
    }
    this.next();
  }

  private fail(worker: PoolWorker, error: Error): void {
    this.failed.add(worker);
    for (const waiting of this.busy.get(worker)?.splice(0) ?? []) waiting.reject(error);
  }
}
