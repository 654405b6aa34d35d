// Reading a long CSV of many yearly series (one row per series and year) as a stream, so a file of
// hundreds of megabytes is never held as one string. A bad value spoils only its own series, which is
// reported with the reason and the place; the other series still come out.
import { accessSync, constants, createReadStream, statSync } from 'node:fs';
import { pipeline, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { dataError, usageError } from '../errors.js';
import { describeCsvError, headerProblems } from './csv.js';
import { asInputError } from './files.js';
import { formatProblem, problemError } from './problem.js';
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
  const delimiter = options.delimiter ?? ',';
  const parser = parse({ bom: true, delimiter, relax_column_count: false, skip_empty_lines: true, info: true, max_record_size: 1_000_000 });
  // pipeline, not pipe: an error in the file stream or the UTF-8 check must reach the loop below.
  pipeline(createReadStream(path), strictUtf8(path, delimiter), parser, () => undefined);
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
      throw problemError(describeCsvError(e, path, undefined, delimiter));
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

/**
 * Passes the bytes through unchanged while checking that they are UTF-8 text: csv-parse would turn a bad byte
 * into U+FFFD silently (a mangled series id). A NUL byte means a binary file; a UTF-16 byte-order mark, UTF-16
 * text. The header line is also checked for a foreign delimiter, with how to read such a file.
 */
function strictUtf8(file: string, delimiter: string): Transform {
  let need = 0;
  let lo = 0x80;
  let hi = 0xbf;
  let line = 1;
  let offset = 0;
  let pendingCr = false;
  let first = true;
  const fail = (message: string) => problemError({ file, line, message });
  const invalid = (at: number) => fail(`invalid UTF-8 at byte ${at + 1}; expected UTF-8 text (re-save the file as UTF-8)`);
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (first) {
        first = false;
        if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
          return done(fail('is UTF-16 text; expected UTF-8 (save it as "CSV UTF-8 (comma delimited)")'));
        }
        const foreign = foreignDelimiter(chunk, delimiter);
        if (foreign) {
          return done(fail(`the header is separated by ${foreign === '\t' ? 'tabs' : `'${foreign}'`}, not '${delimiter}'; read it with --delimiter ${foreign === '\t' ? '"\\t"' : `"${foreign}"`}${foreign === ';' ? ' (and --decimal , for decimal commas)' : ''}`));
        }
      }
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk[i];
        if (need === 0) {
          if (c < 0x80) {
            if (c === 10) line++;
            else if (pendingCr) line++;
            pendingCr = c === 13;
            if (c === 0) return done(fail('contains a NUL byte: this is a binary file, expected UTF-8 CSV text'));
            continue;
          }
          if (pendingCr) line++;
          pendingCr = false;
          if (c >= 0xc2 && c <= 0xdf) [need, lo, hi] = [1, 0x80, 0xbf];
          else if (c >= 0xe0 && c <= 0xef) [need, lo, hi] = [2, c === 0xe0 ? 0xa0 : 0x80, c === 0xed ? 0x9f : 0xbf];
          else if (c >= 0xf0 && c <= 0xf4) [need, lo, hi] = [3, c === 0xf0 ? 0x90 : 0x80, c === 0xf4 ? 0x8f : 0xbf];
          else return done(invalid(offset + i));
        } else {
          if (c < lo || c > hi) return done(invalid(offset + i));
          [need, lo, hi] = [need - 1, 0x80, 0xbf];
        }
      }
      offset += chunk.length;
      done(null, chunk);
    },
    flush(done) {
      done(need > 0 ? invalid(offset - 1) : null);
    },
  });
}

/** The header line uses `;` or tabs and never the expected delimiter. */
function foreignDelimiter(chunk: Buffer, delimiter: string): string | undefined {
  const end = chunk.indexOf(10);
  const head = chunk.subarray(0, end === -1 ? Math.min(chunk.length, 4096) : end).toString('utf8').replace(/^\uFEFF/, '');
  if (head.includes(delimiter)) return undefined;
  return [';', '\t'].find((d) => d !== delimiter && head.split(d).length > 2);
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
