// The forecast rows as batches hand them on in shared memory: one row of numbers per series, year and method.
// The one place the row format is written (by a batch, in any thread) and read back (for the output).
import type { CellValue } from '../../report/model.js';
import type { Forecast } from '../../forecast/types.js';

/**
 * Numbers per output row: series (its number in the file), year, method (index in the method list), mean, then
 * lower and upper bound per level (NaN where a method gave no interval at that level).
 */
export const rowWidth = (levels: readonly number[]): number => 4 + 2 * levels.length;

/** Output numbers one series can produce: a row per method and year ahead. */
export const numbersPerSeries = (horizon: number, levels: readonly number[], methodCount: number): number => methodCount * horizon * rowWidth(levels);

/** Writes one method's forecast of series `series` as rows from `at`; returns where the next row starts. */
export function encodeForecast(out: Float64Array, at: number, series: number, firstYear: number, method: number, forecast: Forecast, levels: readonly number[]): number {
  const width = rowWidth(levels);
  const intervals = levels.map((l) => forecast.intervals.find((i) => i.level === l));
  for (let h = 0; h < forecast.mean.length; h++) {
    out[at] = series;
    out[at + 1] = firstYear + h;
    out[at + 2] = method;
    out[at + 3] = forecast.mean[h];
    intervals.forEach((interval, k) => {
      out[at + 4 + 2 * k] = interval ? interval.lower[h] : NaN;
      out[at + 5 + 2 * k] = interval ? interval.upper[h] : NaN;
    });
    at += width;
  }
  return at;
}

/** The rows of the first `written` numbers as output cells: id, year, method name, mean, bounds (NaN → empty). */
export function decodeRows(out: Float64Array, written: number, levels: readonly number[], ids: readonly string[], methodNames: readonly string[]): CellValue[][] {
  const width = rowWidth(levels);
  const cells: CellValue[][] = [];
  for (let at = 0; at < written; at += width) {
    const row: CellValue[] = [ids[out[at]], out[at + 1], methodNames[out[at + 2]]];
    for (let k = 3; k < width; k++) row.push(Number.isNaN(out[at + k]) ? null : out[at + k]);
    cells.push(row);
  }
  return cells;
}
