// Splitting a run into N shards by series id (FNV-1a of the id's UTF-8 bytes, modulo N), stable across runs and
// machines, so shards can run anywhere without preprocessing the file.
import { usageError } from '../errors.js';
import { say } from '../messages.js';

export interface Shard {
  /** 0 … count − 1. */
  index: number;
  count: number;
}

/** Largest N accepted: far more shards than any cluster runs, small enough to catch a typo. */
export const MAX_SHARDS = 1_000_000;

/** Parses `--shard K/N` (K from 0 to N − 1). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw usageError(say('error.shardShape', { text }));
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || count > MAX_SHARDS) throw usageError(say('error.shardCount', { text, max: MAX_SHARDS }));
  if (index >= count) throw usageError(say('error.shardIndex', { text, max: count - 1 }));
  return { index, count };
}

/** FNV-1a, 32 bits, of bytes[start … end-1]. */
export function fnv1a32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ bytes[i], 0x01000193);
  return h >>> 0;
}

/** The shard (0 … count − 1) of an id. */
export const shardOfId = (id: string, count: number): number => fnv1a32(Buffer.from(id, 'utf8')) % count;
