// Random numbers for the Monte Carlo runs: the project's seeded xoshiro128** (src/forecast/random.ts, 32-bit integer
// arithmetic, the same stream on every machine and JavaScript engine; nothing calls Math.random), read as doubles
// of 53 random bits that never hit 0 or 1, so inverse distribution functions never see an endpoint; and stream
// seeds keyed by name, so each scenario series has its own stream.
import { usageError } from '../errors.js';
import { Rng as Xoshiro, splitmix32 as splitmixStep } from '../forecast/random.js';

/** The largest seed accepted: seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

export interface Rng {
  /** A double uniformly distributed in the open interval (0, 1), 53 bits of resolution. */
  uniform(): number;
}

/** splitmix32 step: spreads a 32-bit state into a well-mixed 32-bit output (used for stream keys). */
function splitmix32(state: number): [next: number, out: number] {
  const step = splitmixStep(state);
  return [step.state, step.value];
}

/**
 * A xoshiro128** generator (src/forecast/random.ts) for a seed (an unsigned 32-bit integer), read as doubles in
 * the open interval (0, 1): the shared generator's own uniform() can return 0, which an inverse distribution
 * function cannot take.
 * @example const r = createRng(42); r.uniform() // 0.6606157208001622 on every machine
 */
export function createRng(seed: number): Rng {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) throw usageError(`a seed must be a whole number from 0 to ${MAX_SEED}; got ${seed}`);
  const generator = new Xoshiro(seed);
  return {
    uniform(): number {
      const high = generator.nextUint32() >>> 5; // 27 bits
      const low = generator.nextUint32() >>> 6; // 26 bits
      return (high * 67108864 + low + 0.5) / 9007199254740992;
    },
  };
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
