// One read of each dataset file per run: inside readingOnce(), the loaders (datasets.ts) keep what they read,
// checked and merged in the run's memo, so a command that runs several analyses over one folder (report, overview,
// check) parses and checks each file once. The memo is found through AsyncLocalStorage: the use cases keep their
// signatures, and runs side by side (in-process tests) never share one. Outside a run nothing is kept.
import { AsyncLocalStorage } from 'node:async_hooks';
import { resolve } from 'node:path';

/** What one run has read: the values made once (by key), and how many times each file was read from disk. */
export interface ReadMemo {
  values: Map<string, unknown>;
  /** Reads from disk by resolved path: with the memo in place each file is read once. */
  reads: Map<string, number>;
}

export const newReadMemo = (): ReadMemo => ({ values: new Map(), reads: new Map() });

const current = new AsyncLocalStorage<ReadMemo>();

/**
 * Runs `work` (and everything it awaits) with one memo of the files read. Nested calls join the outer run's memo,
 * so a test or a command that opens its own run sees every read of the whole run.
 */
export function readingOnce<T>(work: () => T, memo: ReadMemo = newReadMemo()): T {
  return current.getStore() === undefined ? current.run(memo, work) : work();
}

/** The value of `key` made once in this run (`make` again outside a run); a `make` that throws is not kept. */
export function once<T>(key: string, make: () => T): T {
  const memo = current.getStore();
  if (memo === undefined) return make();
  if (memo.values.has(key)) return memo.values.get(key) as T;
  const value = make();
  memo.values.set(key, value);
  return value;
}

/** Notes a read of `path` from disk in this run's memo (for the test that each file is read once). */
export function countRead(path: string): void {
  const memo = current.getStore();
  if (memo === undefined) return;
  const at = resolve(path);
  memo.reads.set(at, (memo.reads.get(at) ?? 0) + 1);
}

const ids = new WeakMap<object, number>();
let lastId = 0;

/** A number naming `o` for memo keys: the same object always gets the same number, another object another one. */
export function idOf(o: object): number {
  let id = ids.get(o);
  if (id === undefined) {
    id = ++lastId;
    ids.set(o, id);
  }
  return id;
}
