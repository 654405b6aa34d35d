// Percentile columns of simulated bands (`scenario`, `goal`): p5, p50, p95, ...
import type { Column } from '../model.js';

/** The percentile column key of a percentile: 5 → p5, 2.5 → p2.5. */
export const percentileKey = (p: number) => `p${p}`;

export function bandColumns(percentiles: readonly number[], digits = 2): Column[] {
  return percentiles.map((p) => ({ key: percentileKey(p), header: percentileKey(p), type: 'number' as const, digits }));
}
