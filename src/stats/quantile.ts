// Quantiles of sorted values, R's default definition (type 7, spreadsheet PERCENTILE.INC): the one definition
// used by simulated intervals, calibrated intervals, the projection error table and Monte Carlo bands.
import { usageError } from '../errors.js';

/**
 * The p-quantile (0 ≤ p ≤ 1) of ascending-sorted values by linear interpolation between order statistics.
 * Infinite values sort to the ends and stay infinite (no ∞ − ∞).
 * @example quantileSorted([1, 2, 3, 4], 0.5) // 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw usageError('a quantile needs at least one value');
  if (!(p >= 0 && p <= 1)) throw usageError(`a quantile level must lie within 0–1; got ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const g = h - lo;
  if (g === 0 || sorted[lo] === sorted[hi]) return sorted[lo];
  return sorted[lo] + g * (sorted[hi] - sorted[lo]);
}
