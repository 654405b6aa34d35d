// The fast path of the long-CSV reader for the common file (UTF-8, one delimiter, LF or CRLF line ends as the first
// line has them, no quotes): bytes in, numbers out; at anything else csv-parse reads the file, with its errors.
import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import type { ByteReader } from './input.js';
import { parseNumber, parseSeriesYear, type NumberRules } from './values.js';
import { say } from '../messages.js';

export interface FastColumns {
  id: number;
  time: number;
  value: number;
}

/** Where the fast reader hands what it reads (series.ts's collector, shared with the csv-parse path). */
export interface FastSink {
  /** The header's cells, untrimmed; throws when the header is not usable (the csv-parse path then says why). */
  header(cells: string[]): FastColumns;
  /** The series number of the id cell bytes[start … end-1] (UTF-8, untrimmed), or -1 to drop its rows (another shard). */
  seriesOf(bytes: Buffer, start: number, end: number): number;
  /** The series already has a bad cell: its later rows are ignored. */
  spoiled(series: number): boolean;
  row(series: number, year: number, value: number): void;
  /** `count` rows of one series at once (years[k], values[k] for k < count); when present, used instead of row. */
  rows?(series: number, years: Uint16Array, values: Float64Array, count: number): void;
  /** A bad cell: `message` as the csv-parse path words it, at 1-based line and column. */
  problem(series: number, line: number, column: number, message: string): void;
  /** Called after each piece of the input has been read (optional). */
  progress?(): void;
}

export interface FastOptions {
  delimiter: string;
  numbers?: NumberRules;
  timeName: string;
  valueName: string;
}

/** Whether the fast path can read with these options at all (decimal commas, % and thousands go to csv-parse). */
export function fastPathApplies(o: FastOptions): boolean {
  const d = o.delimiter.charCodeAt(0);
  return o.delimiter.length === 1 && d < 0x80 && d !== 0x22 && d !== 10 && d !== 13 && !o.numbers?.percentSign && !o.numbers?.thousands && o.numbers?.decimal !== ',';
}

/** Rows of one series held before they are handed to the sink together. */
const PENDING = 1024;

/** csv-parse's max_record_size on the other path: a longer line is left to it. */
const MAX_LINE = 1_000_000;

/** 10^0 … 10^22: every one exact as a double. */
const POW10 = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/**
 * Reads the whole source (a stream, or a plain file's ByteReader) into the sink; returns the number of data records
 * (blank ones are not counted), or -1 when it gave up (the sink's state is then to be discarded).
 */
export async function readFast(source: Readable | ByteReader, o: FastOptions, sink: FastSink): Promise<number> {
  const delimiter = o.delimiter.charCodeAt(0);
  /** The largest byte the line scan stops at (the delimiter, LF, CR). */
  const highest = Math.max(delimiter, 13);
  const rules = o.numbers;
  /** Validity of each 4-digit year, learnt from parseSeriesYear the first time it is seen (0 unknown, 1 ok, 2 not). */
  const yearOk = new Uint8Array(10_000);

  let columns: FastColumns | undefined;
  let width = 0;
  let fieldStart = new Int32Array(64);
  let line = 0;
  // The previous record's id bytes and series: consecutive rows of one series need no lookup.
  let lastId = new Uint8Array(256);
  let lastIdLength = -1;
  let lastSeries = -1;
  /** Whether lastSeries already has a bad cell (then its rows are ignored): asked once per series, not per row. */
  let lastSpoiled = false;
  let rows = 0;
  /** Whether lines end in CRLF (decided by the first line end, as csv-parse decides its record delimiter). */
  let crlf = false;
  // Rows read but not yet handed to the sink, all of series pendingSeries: handed over together when the series
  // changes and after each piece of input, so a row costs no call (and its value no boxed number).
  const pendingYears = new Uint16Array(PENDING);
  const pendingValues = new Float64Array(PENDING);
  let pendingSeries = -1;
  let pending = 0;
  const flush = () => {
    if (pending === 0) return;
    if (sink.rows !== undefined) sink.rows(pendingSeries, pendingYears, pendingValues, pending);
    else for (let k = 0; k < pending; k++) sink.row(pendingSeries, pendingYears[k], pendingValues[k]);
    pending = 0;
  };

  /**
   * Handles the lines of buf[from … to-1] (to is just past a LF, or the end of the input); false to give up. The
   * bytes were checked beforehand (see plainBytes): no quote or NUL, valid UTF-8; a CR only as the end of a CRLF line.
   */
  const lines = (buf: Buffer, from: number, to: number): boolean => {
    let i = from;
    while (i < to) {
      line++;
      if (columns !== undefined) {
        const next = plainRecord(buf, i, to);
        if (next >= 0) {
          i = next;
          continue;
        }
      }
      const start = i;
      // A UTF-8 byte-order mark: csv-parse removes it from the first header name; left to that path.
      if (line === 1 && buf[start] === 0xef && buf[start + 1] === 0xbb && buf[start + 2] === 0xbf) return false;
      // One pass finds the delimiters and the line end (a native indexOf a line costs more than it saves).
      let fields = 0;
      fieldStart[0] = start;
      for (; i < to; i++) {
        const b = buf[i];
        // Most bytes are none of the three a line can stop at: one comparison rules them out.
        if (b > highest) continue;
        if (b !== delimiter) {
          if (b === 10) {
            if (crlf) return false; // a LF without its CR
            break;
          }
          if (b === 13) {
            if (!crlf || i + 1 >= to || buf[i + 1] !== 10) return false; // a CR that does not end a CRLF line
            break;
          }
          continue;
        }
        fields++;
        if (columns !== undefined && fields >= width) return false;
        if (fields + 1 >= fieldStart.length) {
          const grown = new Int32Array(fieldStart.length * 2);
          grown.set(fieldStart);
          fieldStart = grown;
        }
        fieldStart[fields] = i + 1;
      }
      const lineEnd = i;
      fieldStart[fields + 1] = lineEnd + 1;
      i += crlf && i < to ? 2 : 1;
      if (lineEnd === start) continue; // an empty line, skipped as csv-parse's skip_empty_lines does
      if (lineEnd - start > MAX_LINE) return false;
      if (columns === undefined) {
        if (fields === 0) return false;
        const cells: string[] = [];
        for (let f = 0; f <= fields; f++) cells.push(buf.toString('utf8', fieldStart[f], fieldStart[f + 1] - 1));
        try {
          columns = sink.header(cells);
        } catch {
          return false;
        }
        width = fields + 1;
        continue;
      }
      if (fields + 1 !== width) return false;
      if (!record(buf, start, lineEnd)) return false;
    }
    flush();
    return true;
  };

  /**
   * The usual data record in one pass: the fields as many as the header's, the year four digits already known
   * good, the value a plainNumber, the line ended as the first one. Stores its row as `record` would and returns
   * where the next line starts; -1 for any other line, which `lines` then reads from its start.
   */
  const plainRecord = (buf: Buffer, start: number, to: number): number => {
    const c = columns!;
    const last = width - 1;
    let i = start;
    let idStart = 0;
    let idEnd = 0;
    /** Whether the id field holds the previous record's id (then the series is the same). */
    let sameId = false;
    let year = 0;
    let value = 0;
    for (let f = 0; f <= last; f++) {
      const from = i;
      if (f === c.time) {
        // Four digits of a year already seen good.
        if (i + 4 >= to) return -1;
        year = digit(buf[i]) * 1000 + digit(buf[i + 1]) * 100 + digit(buf[i + 2]) * 10 + digit(buf[i + 3]);
        if (year < 0 || yearOk[year] !== 1) return -1;
        i += 4;
      } else if (f === c.value) {
        // The number's bytes up to the first that cannot be part of one, then parsed as plainNumber does.
        for (; i < to; i++) {
          const b = buf[i];
          if (!((b >= 48 && b <= 57) || b === 46 || b === 45 || b === 43 || b === 101 || b === 69)) break;
        }
        value = plainNumber(buf, from, i);
        if (Number.isNaN(value)) return -1;
      } else if (f === c.id && lastIdLength >= 0 && sameBytes(buf, i, i + lastIdLength, lastId, lastIdLength)) {
        // The previous record's id (the field must end here: checked below).
        i += lastIdLength;
        sameId = true;
      } else {
        for (; i < to; i++) {
          const b = buf[i];
          if (b <= highest && (b === delimiter || b === 10 || b === 13)) break;
        }
        if (f === c.id) {
          idStart = from;
          idEnd = i;
        }
      }
      // Every field but the last ends at a delimiter, the last at the line end.
      if (i >= to) return -1;
      const b = buf[i];
      if (f < last ? b !== delimiter : b !== (crlf ? 13 : 10)) return -1;
      i++;
    }
    // i is just past the line's LF, or its CR in a CRLF file.
    if (crlf) {
      if (i >= to || buf[i] !== 10) return -1;
      i++;
    }
    if (i - start > MAX_LINE) return -1;
    rows++;
    if (c.id >= 0) {
      // A field that does not start with the previous id's bytes is another id (the id cell as written).
      if (!sameId) newId(buf, idStart, idEnd);
    } else if (lastIdLength < 0) oneSeries(buf);
    if (lastSeries >= 0 && !lastSpoiled) hold(lastSeries, year, value);
    return i;
  };

  /** A record whose id cell (buf[s … e-1]) differs from the previous one's: its series becomes the current one. */
  const newId = (buf: Buffer, s: number, e: number) => {
    flush();
    lastSeries = sink.seriesOf(buf, s, e);
    lastSpoiled = lastSeries >= 0 && sink.spoiled(lastSeries);
    if (e - s > lastId.length) lastId = new Uint8Array(2 * (e - s));
    buf.copy(lastId, 0, s, e);
    lastIdLength = e - s;
  };

  /** The first record of a file without an id column: the one series of the file becomes the current one. */
  const oneSeries = (buf: Buffer) => {
    flush();
    lastSeries = sink.seriesOf(buf, 0, 0);
    lastSpoiled = false;
    lastIdLength = 0;
  };

  /** A row of `series` held with the pending ones (handed over first when they are another series' or full). */
  const hold = (series: number, year: number, value: number) => {
    if (series !== pendingSeries || pending === PENDING) {
      flush();
      pendingSeries = series;
    }
    pendingYears[pending] = year;
    pendingValues[pending++] = value;
  };

  /** One data record, its fields in fieldStart; false to give up. */
  const record = (buf: Buffer, start: number, end: number): boolean => {
    const c = columns!;
    const ys = fieldStart[c.time];
    const ye = fieldStart[c.time + 1] - 1;
    // A record of blank cells is a line a spreadsheet left behind, not a row (a plain year rules that out).
    if (ye - ys !== 4 || !isDigit(buf[ys])) {
      let blank = true;
      for (let f = 0; f < width && blank; f++) blank = buf.toString('utf8', fieldStart[f], fieldStart[f + 1] - 1).trim() === '';
      if (blank) return true;
    }
    rows++;
    if (c.id >= 0) {
      // The cell's bytes as they are: equal bytes are the same id (the sink trims and decodes a new one).
      const s = fieldStart[c.id];
      const e = fieldStart[c.id + 1] - 1;
      if (!sameBytes(buf, s, e, lastId, lastIdLength)) newId(buf, s, e);
    } else if (lastIdLength < 0) oneSeries(buf);
    const series = lastSeries;
    if (series < 0 || lastSpoiled) return true;
    let year = -1;
    if (ye - ys === 4) {
      const y = digit(buf[ys]) * 1000 + digit(buf[ys + 1]) * 100 + digit(buf[ys + 2]) * 10 + digit(buf[ys + 3]);
      if (y >= 0 && y < 10_000) {
        if (yearOk[y] === 0) {
          const parsed = parseSeriesYear(buf.toString('utf8', ys, ye));
          yearOk[y] = parsed.ok && parsed.value === y ? 1 : 2;
        }
        if (yearOk[y] === 1) year = y;
      }
    }
    if (year < 0) {
      const parsed = parseSeriesYear(buf.toString('utf8', ys, ye));
      if (!parsed.ok) {
        flush();
        sink.problem(series, line, c.time + 1, say('error.badCell', { column: o.timeName, reason: parsed.reason }));
        lastSpoiled = true;
        return true;
      }
      year = parsed.value;
    }
    const vs = fieldStart[c.value];
    const ve = fieldStart[c.value + 1] - 1;
    let value = plainNumber(buf, vs, ve);
    if (Number.isNaN(value)) {
      const parsed = parseNumber(buf.toString('utf8', vs, ve), rules);
      if (!parsed.ok) {
        flush();
        sink.problem(series, line, c.value + 1, say('error.seriesBadValue', { column: o.valueName, reason: parsed.reason }));
        lastSpoiled = true;
        return true;
      }
      value = parsed.value;
    }
    hold(series, year, value);
    return true;
  };

  // Room for a few pieces (4 MiB for reads of a MiB): a small file is not given megabytes it never fills.
  let buf = Buffer.allocUnsafe(isByteReader(source) ? Math.min(1 << 22, Math.max(4 * source.chunk, 1 << 12)) : 1 << 22);
  let length = 0;
  /** Room for n more bytes after the first `length`. */
  const reserve = (n: number) => {
    if (length + n <= buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * buf.length, length + n));
    buf.copy(grown, 0, 0, length);
    buf = grown;
  };
  /** Reads the whole lines among the first `length` bytes and keeps the rest for the next piece; false to give up. */
  const take = (): boolean => {
    const lastLf = buf.lastIndexOf(10, length - 1);
    // No line end yet: wait for more bytes, unless the line is already longer than any record may be.
    if (lastLf < 0) return length <= MAX_LINE;
    if (line === 0) {
      const firstLf = buf.indexOf(10);
      crlf = firstLf > 0 && firstLf < length && buf[firstLf - 1] === 13;
    }
    // Whole lines only: a character's bytes never contain a LF, so no character is cut at lastLf.
    if (!isUtf8(buf.subarray(0, lastLf + 1)) || !lines(buf, 0, lastLf + 1)) return false;
    buf.copy(buf, 0, lastLf + 1, length);
    length -= lastLf + 1;
    sink.progress?.();
    return true;
  };
  if (isByteReader(source)) {
    // A plain file: read straight into the buffer, no chunk allocated and copied per read.
    try {
      for (;;) {
        reserve(source.chunk);
        const n = await source.read(buf, length, source.chunk);
        if (n === 0) break;
        if (!plainBytes(buf.subarray(length, length + n))) return -1;
        length += n;
        if (!take()) return -1;
      }
    } finally {
      await source.close();
    }
  } else {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (!plainBytes(chunk)) return giveUp(source);
      reserve(chunk.length);
      chunk.copy(buf, length);
      length += chunk.length;
      if (!take()) return giveUp(source);
    }
  }
  if (length > 0 && (!isUtf8(buf.subarray(0, length)) || !lines(buf, 0, length))) return -1;
  return columns === undefined ? -1 : rows;
}

const isByteReader = (source: Readable | ByteReader): source is ByteReader => typeof (source as ByteReader).chunk === 'number';

/** Bytes the fast path reads: no quote or NUL (native scans, many times faster than a JS loop; CRs are checked as lines are read, UTF-8 by line). */
function plainBytes(chunk: Buffer): boolean {
  return chunk.indexOf(0x22) < 0 && chunk.indexOf(0) < 0;
}

/** Stops reading a source the fast path gave up on. */
function giveUp(source: Readable): -1 {
  source.destroy();
  return -1;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
/** The digit's value, or a large negative number for any other byte (so a sum of four is negative). */
const digit = (c: number) => (c >= 48 && c <= 57 ? c - 48 : -100_000);

function sameBytes(buf: Uint8Array, s: number, e: number, other: Uint8Array, otherLength: number): boolean {
  if (e - s !== otherLength) return false;
  for (let k = 0; k < otherLength; k++) if (buf[s + k] !== other[k]) return false;
  return true;
}

/**
 * The value of a plain decimal number in bytes[s … e-1] (`[+-]digits[.digits][e[+-]digits]`, as parseNumber's
 * common case), or NaN when it is anything else or needs more care than one exact operation: up to 15 digits
 * and a power of ten up to 22 are exact doubles, so one multiplication or division rounds correctly (Clinger's
 * fast path) and gives the same double as Number(text). -0 becomes 0, as in parseNumber.
 */
export function plainNumber(b: Uint8Array, s: number, e: number): number {
  let i = s;
  let negative = false;
  if (i < e && (b[i] === 43 || b[i] === 45)) {
    negative = b[i] === 45;
    i++;
  }
  let m = 0;
  let digits = 0;
  let fraction = 0;
  while (i < e && b[i] >= 48 && b[i] <= 57) {
    m = m * 10 + (b[i] - 48);
    digits++;
    i++;
  }
  if (i < e && b[i] === 46) {
    i++;
    while (i < e && b[i] >= 48 && b[i] <= 57) {
      m = m * 10 + (b[i] - 48);
      digits++;
      fraction++;
      i++;
    }
  }
  if (digits === 0 || digits > 15) return NaN;
  let exponent = 0;
  if (i < e && (b[i] === 101 || b[i] === 69)) {
    i++;
    let minus = false;
    if (i < e && (b[i] === 43 || b[i] === 45)) {
      minus = b[i] === 45;
      i++;
    }
    const from = i;
    while (i < e && b[i] >= 48 && b[i] <= 57 && i - from < 4) {
      exponent = exponent * 10 + (b[i] - 48);
      i++;
    }
    if (i === from) return NaN;
    if (minus) exponent = -exponent;
  }
  if (i !== e) return NaN;
  const power = exponent - fraction;
  if (power < -22 || power > 22) return NaN;
  const value = power < 0 ? m / POW10[-power] : m * POW10[power];
  return negative && value !== 0 ? -value : value;
}
