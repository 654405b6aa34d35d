import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/app/forecast/pool.js';

// A worker that answers each job { n, ms } with n squared after waiting ms (busy), and says which thread did it.
const SQUARE = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort, threadId } from 'node:worker_threads';
    parentPort.on('message', ({ n, ms }) => {
      const end = Date.now() + ms;
      while (Date.now() < end);
      parentPort.postMessage({ result: { square: n * n, thread: threadId } });
    });`)}`,
);

type Job = { n: number; ms: number };
type Answer = { square: number; thread: number };

describe('WorkerPool', () => {
  it('with depth 2 sends each worker two jobs at once; takeQueued takes back the first job not sent, in order', async () => {
    const pool = new WorkerPool<Job, Answer>(SQUARE, 1, undefined, 2);
    try {
      const results = [1, 2, 3, 4].map((n) => pool.run({ n, ms: 50 }));
      // Jobs 1 and 2 went to the worker; 3 and 4 wait here, 3 first.
      const taken = pool.takeQueued();
      expect(taken?.job).toEqual({ n: 3, ms: 50 });
      taken!.settle({ square: -9, thread: -1 });
      expect(pool.takeQueued()?.job).toEqual({ n: 4, ms: 50 });
      expect(pool.takeQueued()).toBeUndefined();
      const [one, two, three] = await Promise.all(results.slice(0, 3));
      expect([one.square, two.square, three.square]).toEqual([1, 4, -9]);
      expect(one.thread).toBeGreaterThan(0);
      expect(two.thread).toBe(one.thread);
    } finally {
      await pool.close();
    }
  });

  it('with depth 1 (the default) keeps every job but the running one queued', async () => {
    const pool = new WorkerPool<Job, Answer>(SQUARE, 1, undefined);
    try {
      const results = [5, 6].map((n) => pool.run({ n, ms: 20 }));
      expect(pool.takeQueued()?.job).toEqual({ n: 6, ms: 20 });
      expect((await results[0]).square).toBe(25);
    } finally {
      await pool.close();
    }
  });

  it('answers every job in order of sending with two workers of depth 2', async () => {
    const pool = new WorkerPool<Job, Answer>(SQUARE, 2, undefined, 2);
    try {
      const answers = await Promise.all(Array.from({ length: 9 }, (_, n) => pool.run({ n, ms: 2 })));
      expect(answers.map((a) => a.square)).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64]);
      expect(new Set(answers.map((a) => a.thread)).size).toBe(2);
    } finally {
      await pool.close();
    }
  });
});
