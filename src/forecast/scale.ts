// Series of extreme magnitude: fitted in a rescaled unit, so that no method meets overflow, underflow or
// optimiser tolerances meant for ordinary numbers; a series whose values span too many orders of magnitude
// for any fit to be meaningful is refused with the reason, never forecast with degenerate (zero-width) intervals.
import { say } from '../messages.js';

/** Values beyond these magnitudes are rescaled before fitting. */
export const LARGEST_PLAIN = 1e15;
export const SMALLEST_PLAIN = 1e-15;
/** Largest ratio of the largest to the smallest non-zero magnitude in one series that a fit can resolve. */
export const WIDEST_SPREAD = 1e15;

/**
 * The power of two to scale a series by before fitting (0 for ordinary values; scaling by a power of two there
 * and back is exact), or why the series cannot be fitted.
 * @example magnitudeScale([2e300, 3e300]) // { exponent: -998 }
 */
export function magnitudeScale(values: ArrayLike<number>): { exponent: number } | { reason: string } {
  let largest = 0;
  let smallest = Infinity;
  for (let i = 0; i < values.length; i++) {
    const a = Math.abs(values[i]);
    if (a > largest) largest = a;
    if (a > 0 && a < smallest) smallest = a;
  }
  if (largest === 0) return { exponent: 0 };
  if (largest / smallest > WIDEST_SPREAD) {
    return { reason: say('error.fcSpread', { smallest: smallest.toExponential(1), largest: largest.toExponential(1), orders: Math.log10(WIDEST_SPREAD) }) };
  }
  if (largest <= LARGEST_PLAIN && largest >= SMALLEST_PLAIN) return { exponent: 0 };
  return { exponent: -Math.round(Math.log2(largest)) };
}

/** v × 2^exponent, in two steps: 2^1074 (needed for the smallest denormals) is itself beyond the largest double. */
export function scaleBy(v: number, exponent: number): number {
  const half = Math.trunc(exponent / 2);
  return v * 2 ** half * 2 ** (exponent - half);
}
