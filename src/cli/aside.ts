// Long synchronous work (a report's analyses, a large simulation) run in a worker thread while the main thread
// only waits: Ctrl-C is then handled at once (the signal handler removes temporary files and exits, which ends
// the thread), instead of after the work, which gives the event loop no turn until it is done.
import { fileURLToPath } from 'node:url';
import { type MessagePort, parentPort, Worker, workerData } from 'node:worker_threads';
import { exists } from '../data/files.js';
import { isSemicapError, SemicapError, type ErrorKind } from '../errors.js';
import { messagesOf, remember, type Message } from '../messages.js';

/** What the worker sends: progress as it goes, then the result or the error, with how their texts were said. */
type Reply<R, P> = { progress: P } | { result: R; said: Message[] } | { error: { kind?: ErrorKind; message: string; stack?: string }; said: Message[] };

/**
 * Simulations of fewer paths run in the main thread: they take a fraction of a second, less than a worker thread
 * adds to a run (its start and its own copy of the modules).
 */
export const ASIDE_FROM_PATHS = 200_000;

/** The worker script `name` beside the bundle's modules (dist/); absent when running from the TypeScript sources. */
export const asideScript = (name: string): URL | undefined => {
  const url = new URL(`./${name}.js`, import.meta.url);
  return exists(fileURLToPath(url)) ? url : undefined;
};

/** What runAside uses of its worker thread. */
export type AsideWorker = Pick<Worker, 'on' | 'terminate'>;

/** Starts the worker thread (a seam: tests serve the same protocol from their own thread). */
const startThread = (script: URL, data: unknown): AsideWorker => new Worker(script, { workerData: data });

/** Runs `script` with `data` in a worker thread; errors come back with their kind, texts in the reader's language. */
export async function runAside<R, P = never>(script: URL, data: unknown, onProgress: (progress: P) => void = () => undefined, start = startThread): Promise<R> {
  const worker = start(script, data);
  try {
    return await new Promise<R>((done, fail) => {
      worker.on('message', (reply: Reply<R, P>) => {
        if ('progress' in reply) return onProgress(reply.progress);
        reply.said.forEach(remember);
        if ('result' in reply) return done(reply.result);
        const { kind, message, stack } = reply.error;
        const error = kind === undefined ? new Error(message) : new SemicapError(kind, message);
        if (stack !== undefined) error.stack = stack;
        fail(error);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`a worker thread exited with code ${code}`)));
    });
  } finally {
    await worker.terminate();
  }
}

/** The worker's side: runs `work` on the data it was started with and sends back its result or error. */
export async function serveAside<D, R, P = never>(work: (data: D, progress: (p: P) => void) => R | Promise<R>, port: Pick<MessagePort, 'postMessage'> = parentPort!, data: D = workerData as D): Promise<void> {
  const post = (reply: Reply<R, P>) => port.postMessage(reply);
  try {
    const result = await work(data, (progress) => post({ progress }));
    post({ result, said: messagesOf(stringsIn(result)) });
  } catch (e) {
    const err = e as Error;
    const message = err?.message ?? String(e);
    post({ error: { kind: isSemicapError(e) ? e.kind : undefined, message, stack: err?.stack }, said: messagesOf([message]) });
  }
}

/** Every string in a result (notes, messages, cells): those said through the catalogue are sent with it. */
function stringsIn(value: unknown, found: string[] = []): string[] {
  if (typeof value === 'string') found.push(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, found);
  else if (value !== null && typeof value === 'object' && !ArrayBuffer.isView(value)) for (const v of Object.values(value)) stringsIn(v, found);
  return found;
}
