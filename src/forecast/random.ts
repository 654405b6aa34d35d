// The project's one seeded generator (xoshiro128**, 32-bit arithmetic: the same numbers on any machine), read as
// doubles in [0, 1) for methods and in (0, 1) for Monte Carlo streams. Pure: nothing reads the clock.

import { SemicapError } from '../errors.js';
import { say } from '../messages.js';

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** The largest seed the Monte Carlo generator accepts: its seeds are unsigned 32-bit integers. */
export const MAX_SEED = 0xffffffff;

/** One seeder step: advance a Weyl counter by the golden ratio and mix it with murmur3's fmix32. */
export function splitmix32(state: number): { state: number; value: number } {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return { state: next, value: z >>> 0 };
}

/**
 * A seeded xoshiro128** generator.
 *
 * @example
 * const rng = new Rng(42);
 * rng.uniform();  // same value every run, on every machine
 * rng.normal();
 */
export class Rng {
  private s0 = 0;
  private s1 = 0;
  private s2 = 0;
  private s3 = 0;
  /** Box–Muller makes normals in pairs; the second one waits here. */
  private spareNormal: number | undefined = undefined;

  /** `seed`: any safe integer (negative allowed). Both 32-bit halves enter the state. */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed)) {
      throw new SemicapError('usage', say('error.rngSeedRange', { max: Number.MAX_SAFE_INTEGER, seed }));
    }
    const low = seed >>> 0; // two's complement low word, also for negative seeds
    const high = Math.floor(seed / TWO_POW_32) | 0;
    let state = low ^ Math.imul(high, 0x632be5ab);
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      const step = splitmix32(state);
      state = step.state;
      words.push(step.value);
    }
    [this.s0, this.s1, this.s2, this.s3] = words;
    // splitmix32 is a bijection on its counter, so four zero outputs cannot happen for consecutive counters,
    // but keep the all-zero state (xoshiro's one fixed point) impossible by construction anyway.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** A generator started from an explicit 128-bit state (four 32-bit words, not all zero); for reference tests. */
  static fromState(s0: number, s1: number, s2: number, s3: number): Rng {
    if (((s0 | s1 | s2 | s3) >>> 0) === 0) throw new SemicapError('usage', say('error.rngZeroState'));
    const rng = new Rng(0);
    rng.s0 = s0 | 0;
    rng.s1 = s1 | 0;
    rng.s2 = s2 | 0;
    rng.s3 = s3 | 0;
    return rng;
  }

  /** Next raw 32-bit output as an unsigned integer in [0, 2^32). */
  nextUint32(): number {
    const s0 = this.s0;
    const s1 = this.s1;
    const s2 = this.s2;
    const s3 = this.s3;
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    const n2 = s2 ^ s0;
    const n3 = s3 ^ s1;
    this.s1 = s1 ^ n2;
    this.s0 = s0 ^ n3;
    this.s2 = n2 ^ t;
    this.s3 = (n3 << 11) | (n3 >>> 21);
    return result;
  }

  /** Uniform double in [0, 1) with 53 random bits (two 32-bit outputs, as in Vigna's to-double recipe). */
  uniform(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low) / TWO_POW_53;
  }

  /** The same 53 bits as uniform(), moved half a step up: a double in the open interval (0, 1), never 0 or 1. */
  uniformOpen(): number {
    const high = this.nextUint32() >>> 5; // 27 bits
    const low = this.nextUint32() >>> 6; // 26 bits
    return (high * 67108864 + low + 0.5) / TWO_POW_53;
  }

  /**
   * Writes `count` uniformOpen() draws into `out` from index 0: the same numbers as that many calls, in order, with
   * the generator's state kept in local variables (a bulk draw for Monte Carlo loops).
   */
  fillOpen(out: Float64Array, count: number): void {
    let s0 = this.s0;
    let s1 = this.s1;
    let s2 = this.s2;
    let s3 = this.s3;
    for (let i = 0; i < count; i++) {
      // nextUint32() twice, as uniformOpen() draws them: 27 high bits, then 26 low bits.
      let x = Math.imul(s1, 5);
      const high = (Math.imul((x << 7) | (x >>> 25), 9) >>> 0) >>> 5;
      let t = s1 << 9;
      let n2 = s2 ^ s0;
      let n3 = s3 ^ s1;
      s1 ^= n2;
      s0 ^= n3;
      s2 = n2 ^ t;
      s3 = (n3 << 11) | (n3 >>> 21);
      x = Math.imul(s1, 5);
      const low = (Math.imul((x << 7) | (x >>> 25), 9) >>> 0) >>> 6;
      t = s1 << 9;
      n2 = s2 ^ s0;
      n3 = s3 ^ s1;
      s1 ^= n2;
      s0 ^= n3;
      s2 = n2 ^ t;
      s3 = (n3 << 11) | (n3 >>> 21);
      out[i] = (high * 67108864 + low + 0.5) / TWO_POW_53;
    }
    this.s0 = s0;
    this.s1 = s1;
    this.s2 = s2;
    this.s3 = s3;
  }

  /** Standard normal draw (Box–Muller, polar-free form; pairs are cached so no draw is wasted). */
  normal(): number {
    if (this.spareNormal !== undefined) {
      const z = this.spareNormal;
      this.spareNormal = undefined;
      return z;
    }
    const u1 = 1 - this.uniform(); // (0, 1]: log never sees 0
    const u2 = this.uniform();
    const radius = Math.sqrt(-2 * Math.log(u1));
    const angle = 2 * Math.PI * u2;
    this.spareNormal = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Unbiased integer in [0, n) for 1 <= n <= 2^32 (rejection sampling on the top of the 32-bit range). */
  int(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > TWO_POW_32) {
      throw new SemicapError('usage', say('error.rngInt', { n }));
    }
    const limit = TWO_POW_32 - (TWO_POW_32 % n); // largest multiple of n not above 2^32
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }
}

/** A generator for `seed` (shorthand for `new Rng(seed)`). */
export function createRng(seed: number): Rng {
  return new Rng(seed);
}

/** Derive the seed of the `index`-th independent stream from one user seed (splitmix-mixed, reproducible). */
export function streamSeed(seed: number, index: number): number {
  const rng = new Rng(seed);
  let state = rng.nextUint32() ^ Math.imul(index | 0, 0x9e3779b9);
  const a = splitmix32(state);
  state = a.state;
  const b = splitmix32(state);
  // 53-bit safe integer from two mixed words.
  return (a.value >>> 11) * TWO_POW_32 + b.value;
}

/** Doubles in the open interval (0, 1), as inverse distribution functions need them (Monte Carlo sampling). */
export interface OpenUnitRng {
  /** A double uniformly distributed in the open interval (0, 1), 53 bits of resolution. */
  uniform(): number;
  /** The next `count` uniform() draws written into `out` from index 0 (the same numbers, in order). */
  fill(out: Float64Array, count: number): void;
}

/**
 * The Monte Carlo generator for a seed (an unsigned 32-bit integer): xoshiro128** read through uniformOpen().
 * @example const r = createOpenRng(42); r.uniform() // 0.6606157208001622 on every machine
 */
export function createOpenRng(seed: number): OpenUnitRng {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new SemicapError('usage', say('error.rngSeed', { max: MAX_SEED, seed }));
  }
  const generator = new Rng(seed);
  return { uniform: () => generator.uniformOpen(), fill: (out, count) => generator.fillOpen(out, count) };
}

/**
 * A sub-seed for one named stream (a scenario's series), so that each series draws the same numbers whichever
 * other scenarios or series run beside it. FNV-1a over the UTF-16 code units of the key, mixed with the seed by two
 * seeder steps; an unsigned 32-bit integer, a seed for createOpenRng.
 */
export function namedStreamSeed(seed: number, key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const mixed = splitmix32((seed ^ h) | 0).value;
  return splitmix32((mixed + Math.imul(h, 0x27d4eb2d)) | 0).value;
}

/** Uniform draw in [min, max). */
export function uniform(rng: Rng, min = 0, max = 1): number {
  if (!(Number.isFinite(min) && Number.isFinite(max) && min <= max)) {
    throw new SemicapError('usage', say('error.rngUniform', { min, max }));
  }
  return min + (max - min) * rng.uniform();
}

/** Normal draw with the given mean and standard deviation (sd >= 0). */
export function normal(rng: Rng, mean = 0, sd = 1): number {
  if (!(Number.isFinite(mean) && Number.isFinite(sd) && sd >= 0)) {
    throw new SemicapError('usage', say('error.rngNormal', { mean, sd }));
  }
  return mean + sd * rng.normal();
}

/**
 * Triangular draw on [min, max] with the given mode, by inverting its distribution function.
 *
 * @example triangular(rng, 0.05, 0.08, 0.15) // growth of 5–15 %, most likely 8 %
 */
export function triangular(rng: Rng, min: number, mode: number, max: number): number {
  if (!(Number.isFinite(min) && Number.isFinite(mode) && Number.isFinite(max) && min <= mode && mode <= max)) {
    throw new SemicapError('usage', say('error.rngTriangular', { min, mode, max }));
  }
  if (min === max) return min;
  const u = rng.uniform();
  const split = (mode - min) / (max - min);
  return u < split
    ? min + Math.sqrt(u * (max - min) * (mode - min))
    : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}
