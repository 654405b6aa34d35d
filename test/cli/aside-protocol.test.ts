// runAside and serveAside talk over a message port: here the two ends run in this thread, over a real
// MessageChannel (so every reply is structured-cloned as between threads), the worker's end loaded as a module
// instance of its own (its own message catalogue, as in a thread).
import { EventEmitter } from 'node:events';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { describe, expect, it, vi } from 'vitest';
import { runAside, type AsideWorker } from '../../src/cli/aside.js';
import { exitCodeFor } from '../../src/cli/exit.js';
import { SemicapError } from '../../src/errors.js';
import { messageOf } from '../../src/messages.js';
import { translateText } from '../../src/report/i18n.js';

/** The worker's end: aside.ts and messages.ts as a thread would load them, apart from this thread's. */
async function workerSide() {
  vi.resetModules();
  const aside = await import('../../src/cli/aside.js');
  const messages = await import('../../src/messages.js');
  const errors = await import('../../src/errors.js');
  return { ...aside, ...messages, ...errors };
}

/**
 * A start function for runAside: the "thread" serves `serve` on the other end of a channel; `replies` keeps what
 * crossed it, `exit` lets a test end the thread.
 */
function overChannel(serve: (port: MessagePort, data: unknown) => unknown) {
  const replies: unknown[] = [];
  const events = new EventEmitter();
  let terminated = 0;
  const start = (_script: URL, data: unknown): AsideWorker => {
    const { port1, port2 } = new MessageChannel();
    port1.on('message', (reply) => {
      replies.push(reply);
      events.emit('message', reply);
    });
    setImmediate(() => serve(port2, data));
    return {
      on: ((event: string, listener: (...args: unknown[]) => void) => events.on(event, listener)) as AsideWorker['on'],
      terminate: () => {
        terminated++;
        port1.close();
        return Promise.resolve(0);
      },
    };
  };
  return { start, replies, events, terminated: () => terminated };
}

const script = new URL('file:///nowhere/report-worker.js');

describe('runAside ⇄ serveAside', () => {
  it('forwards progress in order, returns the result, and stops the thread', async () => {
    const w = await workerSide();
    const channel = overChannel((port, data) =>
      w.serveAside<{ n: number }, number[], string>(
        (input, progress) => {
          for (let i = 1; i <= input.n; i++) progress(`step ${i}`);
          return Array.from({ length: input.n }, (_, i) => i * i);
        },
        port,
        data as { n: number },
      ),
    );
    const seen: string[] = [];
    const result = await runAside<number[], string>(script, { n: 4 }, (p) => seen.push(p), channel.start);
    expect(result).toEqual([0, 1, 4, 9]);
    expect(seen).toEqual(['step 1', 'step 2', 'step 3', 'step 4']);
    expect(channel.terminated()).toBe(1);
  });

  it('carries the messages a result was said with, so that this thread renders them in Chinese', async () => {
    const w = await workerSide();
    const id = `aside-${process.pid}-${Date.now()}`;
    let text = '';
    const channel = overChannel((port) =>
      w.serveAside(
        () => {
          text = w.say('warning.skippedSeries', { id, problem: w.say('warning.skippedSeries', { id: `${id}-inner`, problem: 'x' }) });
          return { notes: [text], count: 1 };
        },
        port,
        null,
      ),
    );
    const result = await runAside<{ notes: string[]; count: number }>(script, null, undefined, channel.start);
    expect(result.notes).toEqual([text]);
    expect(channel.replies).toHaveLength(1);
    expect((channel.replies[0] as { said: unknown[] }).said).toEqual([
      { key: 'warning.skippedSeries', params: { id, problem: `skipped series '${id}-inner': x` } },
      { key: 'warning.skippedSeries', params: { id: `${id}-inner`, problem: 'x' } },
    ]);
    expect(messageOf(text)).toEqual({ key: 'warning.skippedSeries', params: { id, problem: `skipped series '${id}-inner': x` } });
    const zh = translateText(text);
    expect(zh).not.toBe(text);
    expect(zh).toContain(id);
    expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('rebuilds an error with its kind (and so its exit code) and its Chinese wording', async () => {
    const w = await workerSide();
    const file = `aside-${Date.now()}.csv`;
    let said = '';
    const channel = overChannel((port) =>
      w.serveAside(
        () => {
          said = w.say('warning.skippedSeries', { id: file, problem: 'x' });
          throw w.dataError(said);
        },
        port,
        null,
      ),
    );
    const error = await runAside(script, null, undefined, channel.start).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SemicapError);
    expect((error as SemicapError).kind).toBe('data');
    expect(exitCodeFor((error as SemicapError).kind)).toBe(65);
    expect((error as Error).message).toBe(said);
    expect((error as Error).stack).toContain('aside-protocol.test.ts');
    expect(translateText((error as Error).message)).toMatch(/[\u4e00-\u9fff]/);
    expect(channel.terminated()).toBe(1);
  });

  it('an error without a kind comes back as a plain Error (a bug, not bad input)', async () => {
    const w = await workerSide();
    const channel = overChannel((port) =>
      w.serveAside(
        () => {
          throw new RangeError('out of range');
        },
        port,
        null,
      ),
    );
    const error = await runAside(script, null, undefined, channel.start).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(SemicapError);
    expect((error as Error).message).toBe('out of range');
    expect((error as Error).stack).toContain('RangeError');
  });

  it('fails when the thread errors or exits before answering', async () => {
    const crashing = overChannel(() => undefined);
    const crashed = runAside(script, null, undefined, crashing.start);
    setImmediate(() => crashing.events.emit('error', new Error('thread crashed')));
    await expect(crashed).rejects.toThrow('thread crashed');
    const exiting = overChannel(() => undefined);
    const exited = runAside(script, null, undefined, exiting.start);
    setImmediate(() => exiting.events.emit('exit', 3));
    await expect(exited).rejects.toThrow('a worker thread exited with code 3');
    expect(crashing.terminated() + exiting.terminated()).toBe(2);
  });
});
