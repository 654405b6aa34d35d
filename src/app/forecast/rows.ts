// The forecast rows as batches hand them on in shared memory: one row of numbers per series, year and method.
// The one place the row format is written (by a batch, in any thread) and read back (for the output).
import { csvCell, csvDialect, type CsvDecimal, type CsvDelimiter } from '../../report/csv.js';
import type { Forecast } from '../../forecast/types.js';

/**
 * Numbers per output row: series (its number in the file), year, method (index in the method list), mean, then
 * lower and upper bound per level (NaN where a method gave no interval at that level).
 */
export const rowWidth = (levels: readonly number[]): number => 4 + 2 * levels.length;

/** A cell of a decoded row: the id and method name as text, the numbers, null where a bound is missing. */
export type RowCell = string | number | null;

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
export function decodeRows(out: Float64Array, written: number, levels: readonly number[], ids: readonly string[], methodNames: readonly string[]): RowCell[][] {
  const width = rowWidth(levels);
  const cells: RowCell[][] = [];
  for (let at = 0; at < written; at += width) {
    const row: RowCell[] = [ids[out[at]], out[at + 1], methodNames[out[at + 2]]];
    for (let k = 3; k < width; k++) row.push(Number.isNaN(out[at + k]) ? null : out[at + k]);
    cells.push(row);
  }
  return cells;
}

/** How rows are written as CSV: the CSV writer's options. */
export interface CsvRendering {
  neutralise: boolean;
  excel: boolean;
  delimiter: CsvDelimiter;
  decimal: CsvDecimal;
}

/** Longest text of a number as CSV writes it (String(x): 17 digits, sign, point, exponent, e.g. -1.2345678901234567e-308). */
const NUMBER_BYTES = 24;

/**
 * The rows of the first `written` numbers as CSV lines in UTF-8, cell for cell what the CSV writer makes of
 * decodeRows' cells (csv.ts csvCell): so the threads that computed the rows also turn their numbers into text.
 * Written as bytes into a buffer of its own (transferable to another thread without a copy), so that a batch's
 * text is no heap of string pieces for the garbage collector to move. `idOf` gives a series' id by its number.
 */
export function renderRows(out: Float64Array, written: number, levels: readonly number[], idOf: (series: number) => string, methodNames: readonly string[], csv: CsvRendering): Uint8Array {
  const dialect = csvDialect(csv);
  const separator = dialect.delimiter.charCodeAt(0);
  const width = rowWidth(levels);
  const methods = methodNames.map((m) => Buffer.from(csvCell(dialect, m)));
  const ids = new Map<number, Buffer>();
  let bound = 0;
  for (let at = 0; at < written; at += width) {
    let id = ids.get(out[at]);
    if (id === undefined) {
      id = Buffer.from(csvCell(dialect, idOf(out[at])));
      ids.set(out[at], id);
    }
    bound += id.length + methods[out[at + 2]].length + width * (NUMBER_BYTES + 1) + 2;
  }
  const bytes = Buffer.allocUnsafeSlow(bound);
  let n = 0;
  const number = (v: number) => {
    const text = csvCell(dialect, v);
    for (let i = 0; i < text.length; i++) bytes[n++] = text.charCodeAt(i);
  };
  for (let at = 0; at < written; at += width) {
    n += ids.get(out[at])!.copy(bytes, n);
    bytes[n++] = separator;
    number(out[at + 1]);
    bytes[n++] = separator;
    n += methods[out[at + 2]].copy(bytes, n);
    for (let k = 3; k < width; k++) {
      bytes[n++] = separator;
      number(out[at + k]);
    }
    if (csv.excel) bytes[n++] = 13;
    bytes[n++] = 10;
  }
  return bytes.subarray(0, n);
}
