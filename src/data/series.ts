// Reading a long CSV of many yearly series (one row per series and year) as a stream, so a file of
// hundreds of megabytes is never held as one string. A bad value spoils only its own series, which is
// reported with the reason and the place; the other series still come out.
import { pipeline, Transform } from 'node:stream';
import { parse } from 'csv-parse';
import { dataError, usageError } from '../errors.js';
import { describeCsvError, headerProblems } from './csv.js';
import { asInputError } from './files.js';
import { openInput, type Input } from './input.js';
import { formatProblem, problemError } from './problem.js';
import { fastPathApplies, readFast, type FastOptions, type FastSink } from './series-fast.js';
import { shardOfId, type Shard } from './shard.js';
import { parseNumber, parseSeriesYear, type NumberRules } from './values.js';
import { LookalikeIds } from './ids.js';
import { gb18030ToUtf8, type Encoding } from './encoding.js';
import { say } from '../messages.js';

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
  /** Rows per storage chunk as a power of two (default 20); small values let tests cross chunk boundaries. */
  chunkBits?: number;
  /** Bytes per read of a file (default 1 MiB); small values let tests cross read boundaries with small files. */
  readChunk?: number;
  /** Keep only the series whose id hashes to this shard (see shard.ts); needs an id column. */
  shard?: Shard;
  /** Which reader: the byte-level fast path where it applies (default), or always csv-parse (tests compare them). */
  reader?: 'auto' | 'csv-parse';
  /** The file's text encoding (default UTF-8); another one is decoded to UTF-8 and read by csv-parse. */
  encoding?: Encoding;
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
  /** Warnings about distinct ids that look alike (ids.ts). */
  lookalikeIds?: string[];
}

/**
 * Rows kept in columns of fixed-size typed chunks (year, value: 10 bytes a row) instead of two JS arrays per
 * series (about 50 bytes a value with their slack): a 200 MB file of 9.4 M rows then needs about 94 MB for its
 * values, and no chunk is ever copied to grow. A file whose rows come series by series (the usual long CSV) is
 * stored grouped as it is read; only when a series comes back after another has started does the store keep
 * each row's series number (4 bytes more a row) and group the rows at the end.
 */
class RowStore {
  /** Rows per chunk: 2^shift (2^20 by default; tests use tiny chunks to cross chunk boundaries). */
  private readonly chunk: number;
  constructor(private readonly shift = 20) {
    this.chunk = 1 << shift;
  }
  private years: Uint16Array[] = [];
  private values: Float64Array[] = [];
  /** Series number of each row: only once the rows have left series order. */
  private seriesOf: Int32Array[] | undefined;
  private lastSeries = -1;
  length = 0;

  /** `counts` holds the rows stored so far per series (before this one), to number the rows in series order. */
  push(series: number, year: number, value: number, counts: ArrayLike<number>): void {
    this.follow(series, counts);
    const c = this.openChunk();
    const i = this.length & (this.chunk - 1);
    this.years[c][i] = year;
    this.values[c][i] = value;
    if (this.seriesOf) this.seriesOf[c][i] = series;
    this.length++;
  }

  /** `count` rows of one series at once: the same as push for each, in order. */
  pushMany(series: number, years: Uint16Array, values: Float64Array, count: number, counts: ArrayLike<number>): void {
    if (count === 0) return;
    this.follow(series, counts);
    for (let k = 0; k < count; ) {
      const c = this.openChunk();
      const i = this.length & (this.chunk - 1);
      const n = Math.min(count - k, this.chunk - i);
      this.years[c].set(years.subarray(k, k + n), i);
      this.values[c].set(values.subarray(k, k + n), i);
      this.seriesOf?.[c].fill(series, i, i + n);
      this.length += n;
      k += n;
    }
  }

  /** Rows of `series` come next: when it comes back after a later series, the rows so far are numbered first. */
  private follow(series: number, counts: ArrayLike<number>): void {
    if (this.seriesOf === undefined && series < this.lastSeries) this.numberRowsSoFar(counts);
    this.lastSeries = Math.max(this.lastSeries, series);
  }

  /** The chunk the next row goes to, started when the last one is full. */
  private openChunk(): number {
    if ((this.length & (this.chunk - 1)) === 0) {
      this.years.push(sharedUint16(this.chunk));
      this.values.push(sharedFloat64(this.chunk));
      this.seriesOf?.push(new Int32Array(this.chunk));
    }
    return this.length >>> this.shift;
  }

  /** Whether the rows so far are stored in series order (no series has come back after another began). */
  get inSeriesOrder(): boolean {
    return this.seriesOf === undefined;
  }

  /** The chunks so far (in series order while inSeriesOrder), without their row starts. */
  chunks(): SharedRows {
    return { start: new Int32Array(0), years: [...this.years], values: [...this.values], shift: this.shift };
  }

  /** The rows so far came series by series: series 0's rows first, then series 1's, and so on. */
  private numberRowsSoFar(counts: ArrayLike<number>): void {
    this.seriesOf = this.years.map(() => new Int32Array(this.chunk));
    let row = 0;
    for (let s = 0; s < counts.length; s++) {
      for (let k = 0; k < counts[s]; k++, row++) this.seriesOf[row >>> this.shift][row & (this.chunk - 1)] = s;
    }
  }

  /**
   * The rows grouped by series, keeping file order within each, and where each series starts. Rows already in
   * series order stay where they are; otherwise chunks are released as they are copied, so the two copies never
   * coexist whole.
   */
  groupBy(counts: Int32Array): GroupedRows {
    const start = new Int32Array(new SharedArrayBuffer(4 * (counts.length + 1)));
    for (let s = 0; s < counts.length; s++) start[s + 1] = start[s] + counts[s];
    if (this.seriesOf === undefined) return new GroupedRows(start, this.years, this.values, this.shift);
    const next = start.slice(0, counts.length);
    const years = Array.from({ length: this.years.length }, () => sharedUint16(this.chunk));
    const values = Array.from({ length: this.values.length }, () => sharedFloat64(this.chunk));
    for (let c = 0; c < this.seriesOf.length; c++) {
      const n = Math.min(this.chunk, this.length - c * this.chunk);
      const ss = this.seriesOf[c];
      const ys = this.years[c];
      const vs = this.values[c];
      for (let i = 0; i < n; i++) {
        const at = next[ss[i]]++;
        years[at >>> this.shift][at & (this.chunk - 1)] = ys[i];
        values[at >>> this.shift][at & (this.chunk - 1)] = vs[i];
      }
      this.seriesOf[c] = this.years[c] = this.values[c] = undefined as never;
    }
    this.seriesOf = undefined;
    this.years = [];
    this.values = [];
    return new GroupedRows(start, years, values, this.shift);
  }
}

// Chunks live in shared memory, so that worker threads read the rows where they are, without a copy.
const sharedUint16 = (n: number) => new Uint16Array(new SharedArrayBuffer(2 * n));
const sharedFloat64 = (n: number) => new Float64Array(new SharedArrayBuffer(8 * n));

/** GroupedRows as plain data over shared memory: what a worker thread receives to read the same rows. */
export interface SharedRows {
  start: Int32Array;
  years: Uint16Array[];
  values: Float64Array[];
  shift: number;
}

/**
 * What the fast reader has read so far, while it is still reading (readSeriesTable's `watch`): series 0 …
 * complete-1 have had every row so far and a later series has begun, so they are complete unless the file
 * comes back to one of them (the finished table then keeps its rows elsewhere: see GroupedRows.sameChunks).
 */
export interface ReadSoFar {
  complete: number;
  id(series: number): string;
  /** Rows stored for the series (none after its first bad cell). */
  rowCount(series: number): number;
  spoiled(series: number): boolean;
  /** The rows' chunks so far, in series order while the file keeps series together (shared memory). */
  rows(): SharedRows;
}

/** Rows grouped by series in chunks: series n has rows start[n] … start[n+1]-1. */
export class GroupedRows {
  constructor(
    readonly start: Int32Array,
    private readonly yearChunks: Uint16Array[],
    private readonly valueChunks: Float64Array[],
    private readonly shift: number,
  ) {}

  static fromShared(shared: SharedRows): GroupedRows {
    return new GroupedRows(shared.start, shared.years, shared.values, shared.shift);
  }

  /** The same rows, for another thread (shared memory: nothing is copied). */
  share(): SharedRows {
    return { start: this.start, years: this.yearChunks, values: this.valueChunks, shift: this.shift };
  }

  /** Whether these rows are kept in the very chunks of `rows` (the same memory, not a copy), as far as those go. */
  sameChunks(rows: Pick<SharedRows, 'years' | 'values'>): boolean {
    return rows.years.every((c, i) => this.yearChunks[i] === c) && rows.values.every((c, i) => this.valueChunks[i] === c);
  }

  /** The years of rows from … to-1, to read: a view where they lie in one chunk, else a copy. */
  years(from: number, to: number): Uint16Array {
    if (from >>> this.shift === (to - 1) >>> this.shift && to > from) return this.yearChunks[from >>> this.shift].subarray(from & ((1 << this.shift) - 1), ((to - 1) & ((1 << this.shift) - 1)) + 1);
    return copyRows(this.yearChunks, this.shift, from, to, new Uint16Array(to - from));
  }

  /** The values of rows from … to-1, to read: a view where they lie in one chunk, else a copy. */
  values(from: number, to: number): Float64Array {
    if (from >>> this.shift === (to - 1) >>> this.shift && to > from) return this.valueChunks[from >>> this.shift].subarray(from & ((1 << this.shift) - 1), ((to - 1) & ((1 << this.shift) - 1)) + 1);
    return copyRows(this.valueChunks, this.shift, from, to, new Float64Array(to - from));
  }
}

function copyRows<T extends Uint16Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(chunks: (Uint16Array | Float64Array)[], shift: number, from: number, to: number, into: T): T {
  const size = 1 << shift;
  let row = from;
  while (row < to) {
    const c = row >>> shift;
    const i = row & (size - 1);
    const n = Math.min(to - row, size - i);
    into.set(chunks[c].subarray(i, i + n) as never, row - from);
    row += n;
  }
  return into;
}

interface SeriesEntry {
  id: string;
  problem?: PendingProblem;
}

/** A problem found while streaming: its line is looked up afterwards (see lineNumbers), its text then made. */
interface PendingProblem {
  /** Index of the record in the file (0 = header), as the parser yields them. */
  record: number;
  /** Its line, when the reader knew it at once. */
  line?: number;
  column: number;
  message: string;
}

const ONE_SERIES = '';

/**
 * The series of a long CSV, grouped but not yet built: series n has the rows grouped.start[n] …
 * grouped.start[n+1]-1, in file order. seriesAt() builds one series on demand, so a file of a million series never
 * becomes a million arrays at once, and the grouped columns can be handed to worker threads as they are.
 */
export interface SeriesTable {
  file: string;
  /** Data rows read. */
  rows: number;
  /** Series labels in order of first appearance ('(series)' when the file has no id column). */
  ids: string[];
  /** Why series n was spoiled by a bad cell (FILE:LINE:COLUMN: …), or undefined. */
  problems: (string | undefined)[];
  grouped: GroupedRows;
  fill: 'none' | 'linear';
  /** Warnings about distinct ids that look alike (ids.ts). */
  lookalikeIds: string[];
}

/** Reads a long CSV file of yearly series, streaming, and builds every series. */
export async function readSeriesFile(path: string, options: ReadSeriesOptions): Promise<SeriesSet> {
  const table = await readSeriesTable(path, options);
  const series: YearlySeries[] = [];
  const skipped: SkippedSeries[] = [];
  for (let n = 0; n < table.ids.length; n++) {
    const built = seriesAt(table, n);
    if ('reason' in built) skipped.push(built);
    else series.push(built);
  }
  return { file: path, series, skipped, rows: table.rows, lookalikeIds: table.lookalikeIds };
}

/** Series n of a table: a regular yearly series, or why it is skipped. */
export function seriesAt(table: SeriesTable, n: number): YearlySeries | SkippedSeries {
  const id = table.ids[n];
  const problem = table.problems[n];
  if (problem !== undefined) return { id, reason: problem };
  const built = regularSeriesAt(table.grouped, n, table.fill);
  return 'reason' in built ? { id, reason: built.reason } : { id, ...built };
}

/** Series n of the grouped rows as a regular yearly series, or why it is not one (what batches and seriesAt build). */
export function regularSeriesAt(rows: GroupedRows, n: number, fill: 'none' | 'linear'): Omit<YearlySeries, 'id'> | { reason: string } {
  const from = rows.start[n];
  const to = rows.start[n + 1];
  return toRegularSeries(rows.years(from, to), rows.values(from, to), fill);
}

/**
 * What a reader collects: series in order of first appearance, their first bad cell, and their rows. Both readers
 * (the byte-level fast path and csv-parse) fill one, so ids, shards and problems are handled in one place.
 */
class SeriesCollector {
  // The Map only finds an id's number (ids such as __proto__ are data).
  private readonly numberOf = new Map<string, number>();
  /** New ids are checked against the earlier ones: look-alikes stay apart and are warned about (ids.ts). */
  readonly lookalikes = new LookalikeIds();
  readonly entries: SeriesEntry[] = [];
  /** Rows stored per series (none after its first problem). */
  readonly counts: number[] = [];
  readonly store: RowStore;
  columnIndex: { id: number; time: number; value: number } | undefined;
  /** Data records read (blank ones are not), in every shard. */
  rows = 0;
  constructor(chunkBits: number | undefined) {
    this.store = new RowStore(chunkBits);
  }

  /** The number of the series with this id (as written, not trimmed); a new series at its first row. */
  seriesNumber(id: string): number {
    let n = this.numberOf.get(id);
    if (n === undefined) {
      n = this.entries.length;
      this.lookalikes.add(id);
      this.numberOf.set(id, n);
      this.entries.push({ id });
      this.counts.push(0);
    }
    return n;
  }

  add(n: number, year: number, value: number): void {
    this.store.push(n, year, value, this.counts);
    this.counts[n]++;
  }

  /** Rows 0 … count-1 of years and values, all of series n (as many add calls, in order). */
  addMany(n: number, years: Uint16Array, values: Float64Array, count: number): void {
    this.store.pushMany(n, years, values, count, this.counts);
    this.counts[n] += count;
  }
}

/**
 * Reads a long CSV file of yearly series, streaming, into grouped typed columns. Header problems fail the
 * whole file (exit 65); a bad cell spoils only its series. `-` reads standard input; gzip input is decompressed.
 */
export async function readSeriesTable(path: string, options: ReadSeriesOptions, watch?: (soFar: ReadSoFar) => void): Promise<SeriesTable> {
  if (options.shard !== undefined && options.columns.id === undefined) throw usageError('--shard needs --id: shards split the series by id');
  const input = decodedInput(openInput(path, options.readChunk), options.encoding ?? 'utf-8');
  const file = input.label;
  const delimiter = options.delimiter ?? ',';
  const fast: FastOptions = { delimiter, numbers: options.numbers, timeName: options.columns.time, valueName: options.columns.value };
  // The fast path gives up on anything unusual; the file is then read again by csv-parse, so only a file that can be
  // read twice takes it.
  let collected: SeriesCollector | undefined;
  if (input.rereadable && options.reader !== 'csv-parse' && options.encoding !== 'gb18030' && fastPathApplies(fast)) collected = await readWithFastPath(input, options, fast, watch);
  collected ??= await readWithCsvParse(input, options, delimiter);
  const { columnIndex, rows, entries, counts, store } = collected;
  if (columnIndex === undefined) throw dataError(formatProblem({ file, message: say('error.seriesEmptyFile') }));
  if (rows === 0) throw dataError(formatProblem({ file, message: say('error.noRows') }));

  const pending = entries.filter((e) => e.problem !== undefined && e.problem.line === undefined).map((e) => e.problem!.record);
  const lines = pending.length === 0 ? new Map<number, number>() : await lineNumbers(input, delimiter, pending);
  const grouped = store.groupBy(Int32Array.from(counts));
  return {
    grouped,
    file,
    rows,
    ids: entries.map((e) => (e.id === ONE_SERIES ? '(series)' : e.id)),
    problems: entries.map((e) => (e.problem === undefined ? undefined : formatProblem({ file, line: e.problem.line ?? lines.get(e.problem.record), column: e.problem.column, message: e.problem.message }))),
    fill: options.fill ?? 'none',
    lookalikeIds: collected.lookalikes.warnings(),
  };
}

/** The input decoded to UTF-8 on the way in when it is in another encoding (GB18030). */
function decodedInput(input: Input, encoding: Encoding): Input {
  if (encoding === 'utf-8') return input;
  return { path: input.path, label: input.label, rereadable: input.rereadable, open: () => pipeline(input.open(), gb18030ToUtf8(input.label), () => undefined) };
}

/** The byte-level reader; undefined when it gave up (the file is then for csv-parse). */
async function readWithFastPath(input: Input, options: ReadSeriesOptions, fast: FastOptions, watch?: (soFar: ReadSoFar) => void): Promise<SeriesCollector | undefined> {
  const c = new SeriesCollector(options.chunkBits);
  const shard = options.shard;
  // Told after each piece read, while the rows are still in series order.
  const soFar: ReadSoFar = {
    complete: 0,
    id: (n) => c.entries[n].id,
    rowCount: (n) => c.counts[n],
    spoiled: (n) => c.entries[n].problem !== undefined,
    rows: () => c.store.chunks(),
  };
  const progress =
    watch === undefined
      ? undefined
      : () => {
          if (!c.store.inSeriesOrder || c.entries.length < 2) return;
          soFar.complete = c.entries.length - 1;
          watch(soFar);
        };
  const sink: FastSink = {
    header: (cells) => (c.columnIndex = resolveColumns(cells.map((h) => h.trim()), options.columns, input.label)),
    seriesOf: (bytes, start, end) => {
      if (c.columnIndex!.id < 0) return c.seriesNumber(ONE_SERIES);
      const id = bytes.toString('utf8', start, end);
      if (shard !== undefined && shardOfId(id, shard.count) !== shard.index) return -1;
      return c.seriesNumber(id);
    },
    spoiled: (n) => c.entries[n].problem !== undefined,
    row: (n, year, value) => c.add(n, year, value),
    rows: (n, years, values, count) => c.addMany(n, years, values, count),
    problem: (n, line, column, message) => void (c.entries[n].problem = { record: -1, line, column, message }),
    ...(progress === undefined ? {} : { progress }),
  };
  try {
    c.rows = await readFast(input.bytes?.() ?? input.open(), fast, sink);
    return c.rows < 0 ? undefined : c;
  } catch (e) {
    throw readError(e, input.label, fast.delimiter);
  }
}

/** Reads with csv-parse: any CSV it takes, with its errors; lines of bad cells are found afterwards where possible. */
async function readWithCsvParse(input: Input, options: ReadSeriesOptions, delimiter: string): Promise<SeriesCollector> {
  const path = input.label;
  // csv-parse's per-record info (the line number) triples the parsing time, so a regular file is read without
  // it and the lines of the few bad cells are found by a second pass; a pipe cannot be read twice.
  const withInfo = !input.rereadable;
  const parser = parse({ bom: true, delimiter, relax_column_count: false, skip_empty_lines: true, info: withInfo, max_record_size: 1_000_000 });
  // pipeline, not pipe: an error in the file stream or the UTF-8 check must reach the loop below.
  pipeline(input.open(), strictUtf8(path, delimiter), parser, () => undefined);
  const c = new SeriesCollector(options.chunkBits);
  const shard = options.shard;
  // The shard of the previous record's id: rows of one series usually come together.
  let lastId: string | undefined;
  let lastKept = true;
  let recordNo = -1;
  try {
    for await (const item of parser as AsyncIterable<string[] | { record: string[]; info: { lines: number } }>) {
      recordNo++;
      const record = withInfo ? (item as { record: string[] }).record : (item as string[]);
      if (c.columnIndex === undefined) {
        c.columnIndex = resolveColumns(record.map((h) => h.trim()), options.columns, path);
        continue;
      }
      const columnIndex = c.columnIndex;
      if (record.every((cell) => cell.trim() === '')) continue;
      c.rows++;
      // Ids as written (not trimmed): look-alikes stay apart and are warned about (ids.ts).
      const id = columnIndex.id >= 0 ? record[columnIndex.id] : ONE_SERIES;
      if (shard !== undefined) {
        if (id !== lastId) lastKept = shardOfId(id, shard.count) === shard.index;
        lastId = id;
        if (!lastKept) continue;
      }
      const n = c.seriesNumber(id);
      const entry = c.entries[n];
      if (entry.problem) continue;
      const year = parseSeriesYear(record[columnIndex.time]);
      const value = year.ok ? parseNumber(record[columnIndex.value], options.numbers) : undefined;
      if (!year.ok || !value!.ok) {
        entry.problem = !year.ok
          ? { record: recordNo, column: columnIndex.time + 1, message: say('error.badCell', { column: options.columns.time, reason: year.reason }) }
          : { record: recordNo, column: columnIndex.value + 1, message: say('error.seriesBadValue', { column: options.columns.value, reason: (value as { reason: string }).reason }) };
        if (withInfo) entry.problem.line = (item as { info: { lines: number } }).info.lines;
        continue;
      }
      c.add(n, year.value, value!.value);
    }
  } catch (e) {
    throw readError(e, path, delimiter);
  }
  return c;
}

function readError(e: unknown, path: string, delimiter: string): unknown {
  const code = (e as { code?: string }).code;
  if (code?.startsWith('CSV_') || code === 'INVALID_OPENING_QUOTE') return problemError(describeCsvError(e, path, undefined, delimiter));
  if ((e as { kind?: string }).kind) return e;
  return asInputError(e, path);
}

/** The second pass: the line on which each wanted record (by index, 0 = header) starts. */
async function lineNumbers(input: Input, delimiter: string, records: number[]): Promise<Map<number, number>> {
  const wanted = new Set(records);
  // A loop, not Math.max(...records): hundreds of thousands of arguments overflow the stack.
  const last = records.reduce((a, b) => (b > a ? b : a), -Infinity);
  const lines = new Map<number, number>();
  const parser = parse({ bom: true, delimiter, relax_column_count: false, skip_empty_lines: true, info: true, max_record_size: 1_000_000 });
  pipeline(input.open(), parser, () => undefined);
  let recordNo = -1;
  try {
    for await (const { info } of parser as AsyncIterable<{ info: { lines: number } }>) {
      recordNo++;
      if (wanted.has(recordNo)) lines.set(recordNo, info.lines);
      if (recordNo >= last) break;
    }
  } catch (e) {
    throw readError(e, input.label, delimiter);
  }
  return lines;
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
  const invalid = (at: number) => fail(say('error.notUtf8', { at: at + 1 }));
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (first) {
        first = false;
        if (chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
          return done(fail('is UTF-16 text; expected UTF-8 (save it as "CSV UTF-8 (comma delimited)")'));
        }
        const foreign = foreignDelimiter(chunk, delimiter);
        if (foreign === '，') return done(fail(say('error.fullWidthDelimiter')));
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
  return [';', '\t', '，'].find((d) => d !== delimiter && head.split(d).length > 2);
}

function resolveColumns(header: string[], columns: SeriesColumns, file: string): { id: number; time: number; value: number } {
  const problems = headerProblems(header, file);
  if (problems.length > 0) throw dataError(formatProblem(problems[0]));
  if (header.length === 1 && header[0].split('，').length > 1) throw dataError(formatProblem({ file, line: 1, message: say('error.fullWidthDelimiter') }));
  const find = (name: string, option: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw dataError(formatProblem({ file, line: 1, message: say('error.seriesNoColumn', { name, option, header: header.join(', ') }) }));
    return i;
  };
  const id = columns.id !== undefined ? find(columns.id, '--id') : -1;
  const time = find(columns.time, '--time');
  const value = find(columns.value, '--value');
  if (new Set([id, time, value].filter((i) => i >= 0)).size < (id >= 0 ? 3 : 2)) throw usageError(say('error.seriesSameColumns'));
  return { id, time, value };
}

/** Sorts by year (a long table's row order carries no meaning), refuses duplicates, fills or refuses gaps. */
export function toRegularSeries(years: ArrayLike<number>, values: ArrayLike<number>, fill: 'none' | 'linear'): Omit<YearlySeries, 'id'> | { reason: string } {
  // The usual case, consecutive years in order, needs no sorting.
  let consecutive = years.length > 0;
  for (let i = 1; i < years.length && consecutive; i++) consecutive = years[i] === years[i - 1] + 1;
  if (consecutive) {
    // Copied by a loop: Array.from walks a typed array's iterator, one garbage object per value.
    const copy: number[] = [];
    for (let i = 0; i < values.length; i++) copy.push(values[i]);
    return { startYear: years[0], values: copy, filled: [] };
  }
  const order = Array.from(years, (_, i) => i).sort((a, b) => years[a] - years[b]);
  const ys = order.map((i) => years[i]);
  const vs = order.map((i) => values[i]);
  for (let i = 1; i < ys.length; i++) if (ys[i] === ys[i - 1]) return { reason: say('error.seriesYearTwice', { year: ys[i] }) };
  const startYear = ys[0];
  const span = ys[ys.length - 1] - startYear + 1;
  if (span === ys.length) return { startYear, values: vs, filled: [] };
  const missing: number[] = [];
  for (let i = 1; i < ys.length; i++) for (let y = ys[i - 1] + 1; y < ys[i]; y++) missing.push(y);
  if (fill === 'none') {
    return { reason: say('error.seriesMissingYears', { years: missing.slice(0, 5).join(', '), more: missing.length > 5 ? missing.length - 5 : 0 }) };
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
