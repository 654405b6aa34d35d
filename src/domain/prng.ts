// A small seeded random number generator for the Monte Carlo runs: xoshiro128** (Blackman & Vigna) on 32-bit
// integer arithmetic (Math.imul, >>>), seeded through splitmix32. Integer operations give the same stream on every
// machine and JavaScript engine; nothing here calls Math.random. Doubles take 53 random bits and never hit 0 or 1,
// so inverse distribution functions never see an endpoint.
//
// Why not a library: the draws must be reproducible byte for byte for years (a printed seed must give the same
// report again), so the algorithm is pinned here, small enough to read.
import { usageError } from '../errors.js';

/** The largest seed accepted: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

export interface Rng {
  /** A double uniformly distributed in the open interval (0, 1), 53 bits of resolution. */
  uniform(): number;
}

/** splitmix32 step: spreads a 32-bit state into a well-mixed 32-bit output (used for seeding and stream keys). */
function splitmix32(state: number): [next: number, out: number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/**
 * A xoshiro128** generator for a seed (an unsigned 32-bit integer).
 * @example const r = createRng(42); r.uniform() // same number on every machine for seed 42
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw usageError(`a seed must be a whole number from 0 to ${MAX_SEED}; got ${seed}`);
  let state = seed | 0;
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitmix32(state);
    state = next;
    words.push(out | 0);
  }
  let [s0, s1, s2, s3] = words;
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is a fixed point (cannot happen via splitmix, kept as a guard)
  const next32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  return {
    uniform(): number {
      const high = next32() >>> 5; // 27 bits
      const low = next32() >>> 6; // 26 bits
      return (high * 67108864 + low + 0.5) / 9007199254740992;
    },
  };
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/**
 * A sub-seed for one named stream (a scenario's series), so that each series draws the same numbers whichever
 * other scenarios or series run beside it. FNV-1a over the UTF-16 code units of the key, mixed with the seed.
 */
export function streamSeed(seed: number, key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const [, mixed] = splitmix32((seed ^ h) | 0);
  const [, out] = splitmix32((mixed + Math.imul(h, 0x27d4eb2d)) | 0);
  return out >>> 0;
}
