// The forecast rows as batches hand them on in shared memory: one row of numbers per series, year and method.
// The one place the row format is written (by a batch, in any thread) and read back (for the output).
import { csvCell, csvDialect, type CsvDecimal, type CsvDelimiter } from '../../report/csv.js';
import type { Forecast } from '../../forecast/types.js';
import { writeNumberText } from '../../report/number-bytes.js';

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
  const mean = forecast.mean;
  for (let h = 0; h < mean.length; h++) {
    out[at] = series;
    out[at + 1] = firstYear + h;
    out[at + 2] = method;
    out[at + 3] = mean[h];
    at += width;
  }
  // Each level's bounds down its two columns (NaN where the method gave no interval at that level).
  for (let k = 0; k < levels.length; k++) {
    const interval = intervalAt(forecast, levels[k]);
    for (let h = 0, row = at - mean.length * width; h < mean.length; h++, row += width) {
      out[row + 4 + 2 * k] = interval === undefined ? NaN : interval.lower[h];
      out[row + 5 + 2 * k] = interval === undefined ? NaN : interval.upper[h];
    }
  }
  return at;
}

/** The forecast's interval at this level, if it has one. */
function intervalAt(forecast: Forecast, level: number): Forecast['intervals'][number] | undefined {
  for (const interval of forecast.intervals) if (interval.level === level) return interval;
  return undefined;
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

/** Where a thread's batches are written before each is copied out at its exact size (grown when too small). */
let scratch = Buffer.allocUnsafeSlow(1 << 16);

/**
 * The rows of the first `written` numbers as CSV lines in UTF-8, cell for cell what the CSV writer makes of
 * decodeRows' cells (csv.ts csvCell): so the threads that computed the rows also turn their numbers into text.
 * Numbers are written as bytes without a string each (number-bytes.ts: the text of String(x)), and the result is a
 * buffer of its own (transferable to another thread without a copy). `idOf` gives a series' id by its number.
 */
export function renderRows(out: Float64Array, written: number, levels: readonly number[], idOf: (series: number) => string, methodNames: readonly string[], csv: CsvRendering): Uint8Array {
  const dialect = csvDialect(csv);
  const separator = dialect.delimiter.charCodeAt(0);
  const decimal = csv.decimal.charCodeAt(0);
  const width = rowWidth(levels);
  const methods = methodNames.map((m) => Buffer.from(csvCell(dialect, m)));
  const methodBytes = methods.reduce((n, m) => Math.max(n, m.length), 0);
  // Each series' id cell, said once for its run of rows; bounds: at most 3 UTF-8 bytes per UTF-16 unit.
  const idCells: string[] = [];
  let bound = 0;
  for (let at = 0, last = -1, idBytes = 0; at < written; at += width) {
    if (out[at] !== last) {
      last = out[at];
      const cell = csvCell(dialect, idOf(last));
      idCells.push(cell);
      idBytes = 3 * cell.length;
    }
    bound += idBytes + methodBytes + width * (NUMBER_BYTES + 1) + 2;
  }
  if (scratch.length < bound) scratch = Buffer.allocUnsafeSlow(Math.max(bound, 2 * scratch.length));
  const bytes = scratch;
  let n = 0;
  let run = -1;
  let idStart = 0;
  let idEnd = 0;
  // Each column's number in the row before, and where its text is (NaN: none yet, and never equal).
  const previous = new Float64Array(width).fill(Number.NaN);
  const previousStart = new Int32Array(width);
  const previousEnd = new Int32Array(width);
  for (let at = 0, last = -1; at < written; at += width) {
    if (out[at] !== last) {
      // A series' first row: its id encoded; the rows after it copy those bytes.
      last = out[at];
      idStart = n;
      n += bytes.write(idCells[++run], n);
      idEnd = n;
    } else for (let i = idStart; i < idEnd; i++) bytes[n++] = bytes[i];
    bytes[n++] = separator;
    n = writeNumberText(out[at + 1], bytes, n, decimal);
    bytes[n++] = separator;
    const method = methods[out[at + 2]];
    for (let i = 0; i < method.length; i++) bytes[n++] = method[i];
    for (let k = 3; k < width; k++) {
      bytes[n++] = separator;
      const v = out[at + k];
      if (v === previous[k]) {
        // The number of the row before in this column (a flat forecast): its text copied.
        for (let i = previousStart[k], end = previousEnd[k]; i < end; i++) bytes[n++] = bytes[i];
        continue;
      }
      previous[k] = v;
      previousStart[k] = n;
      // Not finite (no interval at this level): an empty cell, as csvCell writes it.
      if (v - v === 0) n = writeNumberText(v, bytes, n, decimal);
      previousEnd[k] = n;
    }
    if (csv.excel) bytes[n++] = 13;
    bytes[n++] = 10;
  }
  return new Uint8Array(bytes.subarray(0, n));
}
