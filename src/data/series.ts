// Reading a long CSV of many yearly series (one row per series and year) as a stream, so a file of
// hundreds of megabytes is never held as one string. A bad value spoils only its own series, which is
// reported with the reason and the place; the other series still come out.
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { dataError, usageError } from '../errors.js';
import { headerProblems } from './csv.js';
import { asInputError } from './files.js';
import { formatProblem } from './problem.js';
import { parseNumber, parseYear, type NumberRules } from './values.js';

export interface SeriesColumns {
  /** Series identifier column; absent → the whole file is one series. */
  id?: string;
  time: string;
  value: string;
}

export interface ReadSeriesOptions {
  columns: SeriesColumns;
  delimiter?: string;
  numbers?: NumberRules;
  /** How to treat missing years inside a series: refuse the series, or interpolate linearly. */
  fill?: 'none' | 'linear';
}

export interface YearlySeries {
  id: string;
  /** First year; the series is regular: values[i] is for startYear + i. */
  startYear: number;
  values: number[];
  /** Years filled by interpolation, if any. */
  filled: number[];
}

export interface SkippedSeries {
  id: string;
  reason: string;
}

export interface SeriesSet {
  file: string;
  series: YearlySeries[];
  skipped: SkippedSeries[];
  rows: number;
}

/**
 * Rows kept in columns of fixed-size typed chunks (series number, year, value: 14 bytes a row) instead of two
 * JS arrays per series (about 50 bytes a value with their slack): a 200 MB file of 9.4 M rows then needs
 * about 130 MB for its values, and no chunk is ever copied to grow.
 */
class RowStore {
  static readonly CHUNK = 1 << 20;
  private seriesOf: Int32Array[] = [];
  private yearOf: Uint16Array[] = [];
  private valueOf: Float64Array[] = [];
  length = 0;

  push(series: number, year: number, value: number): void {
    const c = this.length >>> 20;
    const i = this.length & (RowStore.CHUNK - 1);
    if (i === 0) {
      this.seriesOf.push(new Int32Array(RowStore.CHUNK));
      this.yearOf.push(new Uint16Array(RowStore.CHUNK));
      this.valueOf.push(new Float64Array(RowStore.CHUNK));
    }
    this.seriesOf[c][i] = series;
    this.yearOf[c][i] = year;
    this.valueOf[c][i] = value;
    this.length++;
  }

  /**
   * Groups the rows by series, keeping file order within each: one flat year and value array, and where each
   * series starts. Chunks are released as they are copied, so the two copies never coexist whole.
   */
  groupBy(counts: Int32Array): { start: Int32Array; years: Uint16Array; values: Float64Array } {
    const start = new Int32Array(counts.length + 1);
    for (let s = 0; s < counts.length; s++) start[s + 1] = start[s] + counts[s];
    const next = start.slice(0, counts.length);
    const years = new Uint16Array(this.length);
    const values = new Float64Array(this.length);
    for (let c = 0; c < this.seriesOf.length; c++) {
      const n = Math.min(RowStore.CHUNK, this.length - c * RowStore.CHUNK);
      const ss = this.seriesOf[c];
      const ys = this.yearOf[c];
      const vs = this.valueOf[c];
      for (let i = 0; i < n; i++) {
        const at = next[ss[i]]++;
        years[at] = ys[i];
        values[at] = vs[i];
      }
      this.seriesOf[c] = this.yearOf[c] = this.valueOf[c] = undefined as never;
    }
    this.seriesOf = [];
    this.yearOf = [];
    this.valueOf = [];
    return { start, years, values };
  }
}

interface SeriesEntry {
  id: string;
  /** Rows stored for the series (none after its first problem). */
  count: number;
  problem?: string;
}

const ONE_SERIES = '';

/** Reads a long CSV file of yearly series, streaming. Header problems fail the whole file (exit 65). */
export async function readSeriesFile(path: string, options: ReadSeriesOptions): Promise<SeriesSet> {
  checkReadable(path);
  const parser = createReadStream(path).pipe(
    parse({ bom: true, delimiter: options.delimiter ?? ',', relax_column_count: false, skip_empty_lines: true, info: true, max_record_size: 1_000_000 }),
  );
  // Series in order of first appearance; the Map only finds an id's number (ids such as __proto__ are data).
  const numberOf = new Map<string, number>();
  const entries: SeriesEntry[] = [];
  const store = new RowStore();
  let columnIndex: { id: number; time: number; value: number } | undefined;
  let rows = 0;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const { record, info } = item;
      if (columnIndex === undefined) {
        columnIndex = resolveColumns(record.map((h) => h.trim()), options.columns, path);
        continue;
      }
      if (record.every((c) => c.trim() === '')) continue;
      rows++;
      const id = columnIndex.id >= 0 ? record[columnIndex.id].trim() : ONE_SERIES;
      let n = numberOf.get(id);
      if (n === undefined) {
        n = entries.length;
        numberOf.set(id, n);
        entries.push({ id, count: 0 });
      }
      const entry = entries[n];
      if (entry.problem) continue;
      const line = info.lines;
      const year = parseYear(record[columnIndex.time]);
      if (!year.ok) {
        entry.problem = formatProblem({ file: path, line, column: columnIndex.time + 1, message: `${options.columns.time} ${year.reason}` });
        continue;
      }
      const value = parseNumber(record[columnIndex.value], options.numbers);
      if (!value.ok) {
        entry.problem = formatProblem({ file: path, line, column: columnIndex.value + 1, message: `${options.columns.value} ${value.reason}; expected a number` });
        continue;
      }
      store.push(n, year.value, value.value);
      entry.count++;
    }
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith('CSV_') || (e as { code?: string }).code === 'INVALID_OPENING_QUOTE') {
      const err = e as { lines?: number; message: string };
      throw dataError(formatProblem({ file: path, line: err.lines, message: `cannot be read as CSV: ${err.message.split('\n')[0].replace(/^[^:]*: /, '')}` }));
    }
    if ((e as { kind?: string }).kind) throw e;
    throw asInputError(e, path);
  }
  if (columnIndex === undefined) throw dataError(formatProblem({ file: path, message: 'is empty; expected a header row and data rows' }));
  if (rows === 0) throw dataError(formatProblem({ file: path, message: 'has a header but no data rows; expected at least one row' }));

  const grouped = store.groupBy(Int32Array.from(entries, (e) => e.count));
  const series: YearlySeries[] = [];
  const skipped: SkippedSeries[] = [];
  for (let n = 0; n < entries.length; n++) {
    const entry = entries[n];
    const label = entry.id === ONE_SERIES ? '(series)' : entry.id;
    if (entry.problem) {
      skipped.push({ id: label, reason: entry.problem });
      continue;
    }
    const from = grouped.start[n];
    const to = grouped.start[n + 1];
    const built = toRegularSeries(Array.from(grouped.years.subarray(from, to)), Array.from(grouped.values.subarray(from, to)), options.fill ?? 'none');
    if ('reason' in built) skipped.push({ id: label, reason: built.reason });
    else series.push({ id: label, ...built });
  }
  return { file: path, series, skipped, rows };
}

/** Turns a missing, unreadable or folder path into a clear error before streaming starts. */
function checkReadable(path: string): void {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw asInputError(e, path);
  }
}

function resolveColumns(header: string[], columns: SeriesColumns, file: string): { id: number; time: number; value: number } {
  const problems = headerProblems(header, file);
  if (problems.length > 0) throw dataError(formatProblem(problems[0]));
  const find = (name: string, option: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw dataError(formatProblem({ file, line: 1, message: `no column '${name}' (${option}); the header has: ${header.join(', ')}` }));
    return i;
  };
  const id = columns.id !== undefined ? find(columns.id, '--id') : -1;
  const time = find(columns.time, '--time');
  const value = find(columns.value, '--value');
  if (new Set([id, time, value].filter((i) => i >= 0)).size < (id >= 0 ? 3 : 2)) throw usageError('--id, --time and --value must name different columns');
  return { id, time, value };
}

/** Sorts by year (a long table's row order carries no meaning), refuses duplicates, fills or refuses gaps. */
export function toRegularSeries(years: number[], values: number[], fill: 'none' | 'linear'): Omit<YearlySeries, 'id'> | { reason: string } {
  const order = years.map((_, i) => i).sort((a, b) => years[a] - years[b]);
  const ys = order.map((i) => years[i]);
  const vs = order.map((i) => values[i]);
  for (let i = 1; i < ys.length; i++) if (ys[i] === ys[i - 1]) return { reason: `year ${ys[i]} appears twice; expected one value per year` };
  const startYear = ys[0];
  const span = ys[ys.length - 1] - startYear + 1;
  if (span === ys.length) return { startYear, values: vs, filled: [] };
  const missing: number[] = [];
  for (let i = 1; i < ys.length; i++) for (let y = ys[i - 1] + 1; y < ys[i]; y++) missing.push(y);
  if (fill === 'none') {
    const list = missing.length > 5 ? `${missing.slice(0, 5).join(', ')} and ${missing.length - 5} more` : missing.join(', ');
    return { reason: `missing year(s) ${list}; expected consecutive years (or use --fill linear to interpolate)` };
  }
  const out: number[] = [];
  for (let i = 0; i < ys.length; i++) {
    if (i > 0) {
      const gap = ys[i] - ys[i - 1];
      for (let k = 1; k < gap; k++) out.push(vs[i - 1] + ((vs[i] - vs[i - 1]) * k) / gap);
    }
    out.push(vs[i]);
  }
  return { startYear, values: out, filled: missing };
}
