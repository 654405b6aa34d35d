import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/app/forecast/pool.js';

// A worker that answers each job { n } with n squared and which thread did it. Job { n, peek: ms } first
// waits (up to ms milliseconds) for the next job to be in its inbox already, and says whether it came: taken from
// the inbox there, that job is answered right after.
const SQUARE = new URL(
  `data:text/javascript,${encodeURIComponent(`
    import { parentPort, receiveMessageOnPort, threadId } from 'node:worker_threads';
    const answer = (n, extra) => parentPort.postMessage({ result: { square: n * n, thread: threadId, ...extra } });
    parentPort.on('message', ({ n, peek }) => {
      if (!peek) return answer(n, {});
      const end = Date.now() + peek;
      let next;
      while (next === undefined && Date.now() < end) next = receiveMessageOnPort(parentPort);
      answer(n, { nextWasSent: next !== undefined });
      if (next !== undefined) answer(next.message.n, {});
    });`)}`,
);

type Job = { n: number; peek?: number };
type Answer = { square: number; thread: number; nextWasSent?: boolean };

describe('WorkerPool', () => {
  it('with depth 2 sends a worker its next job before it has answered the one it is on', async () => {
    const pool = new WorkerPool<Job, Answer>(SQUARE, 1, undefined, 2);
    try {
      const [first, second] = await Promise.all([pool.run({ n: 3, peek: 1000 }), pool.run({ n: 4 })]);
      expect(first).toMatchObject({ square: 9, nextWasSent: true });
      expect(second.square).toBe(16);
    } finally {
      await pool.close();
    }
  });

  it('with depth 1 (the default) sends the next job only once the worker has answered', async () => {
    const pool = new WorkerPool<Job, Answer>(SQUARE, 1, undefined);
    try {
      // Both jobs are given in the same turn: had the pool sent the second at once, it would be in the inbox within
      // a few milliseconds, so 200 ms of waiting (spent spinning) tells as well as a second.
      const [first, second] = await Promise.all([pool.run({ n: 5, peek: 200 }), pool.run({ n: 6 })]);
      expect(first).toMatchObject({ square: 25, nextWasSent: false });
      expect(second.square).toBe(36);
    } finally {
      await pool.close();
    }
  });

  it('answers every job, each with its own result, with two workers of depth 2', async () => {
    const pool = new WorkerPool<Job, Answer>(SQUARE, 2, undefined, 2);
    try {
      const answers = await Promise.all(Array.from({ length: 9 }, (_, n) => pool.run({ n })));
      expect(answers.map((a) => a.square)).toEqual([0, 1, 4, 9, 16, 25, 36, 49, 64]);
      expect(new Set(answers.map((a) => a.thread)).size).toBe(2);
    } finally {
      await pool.close();
    }
  });
});
