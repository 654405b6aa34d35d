// Turning CSV bytes into header + cells with line numbers, and nothing more: what a cell means is the
// schema's business (schema.ts). Every failure becomes a Problem with file, line and column.
import { parse } from 'csv-parse/sync';
import { problemError, type Problem } from './problem.js';
import { looksLikeGb18030 } from './encoding.js';
import { say } from '../messages.js';

export interface CsvRow {
  /** 1-based line on which the record starts. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

export interface CsvOptions {
  delimiter?: string;
  /**
   * Try readPlainCsv first (the bundled datasets: start-up time). Text it does not take is read by csv-parse,
   * so records, lines and errors are csv-parse's either way.
   */
  plainFirst?: boolean;
}

/** A record as read, with the 1-based line on which it starts. */
export interface CsvRecord {
  record: string[];
  line: number;
}

const FORBIDDEN_HEADERS = new Set(['__proto__', 'constructor', 'prototype']);

/** Decodes UTF-8 strictly: a file that is not UTF-8 text is refused at the first bad byte, with its line. */
export function decodeUtf8(bytes: Uint8Array, file: string): string {
  // Excel's "Unicode text" and some exports are UTF-16 with a byte-order mark: text, but not UTF-8.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw problemError({ file, line: 1, message: 'is UTF-16 text; expected UTF-8 (save it as "CSV UTF-8 (comma delimited)")' });
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw problemError({ file, line: lineAt(bytes, nul), message: 'contains a NUL byte: this is a binary file, expected UTF-8 CSV text' });
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const message = looksLikeGb18030(bytes) ? say('error.notUtf8Gbk', { at: bad + 1 }) : `invalid UTF-8 at byte ${bad + 1}; expected UTF-8 text (re-save the file as UTF-8)`;
    throw problemError({ file, line: lineAt(bytes, bad), message });
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (isLineBreak(bytes, i)) line++;
  return line;
}

/** A line ends with LF, CRLF (counted at its LF) or a lone CR (old Mac "CSV (Macintosh)" exports). */
const isLineBreak = (bytes: Uint8Array, i: number) => bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10);

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let k = 1; k <= need; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return 0;
}

/** Checks header names: none empty, none repeated, none that could reach an object's prototype. */
export function headerProblems(header: string[], file: string): Problem[] {
  const problems: Problem[] = [];
  const seen = new Map<string, number>();
  header.forEach((name, i) => {
    const column = i + 1;
    if (name.trim() === '') problems.push({ file, line: 1, column, message: 'empty column name in the header; expected a name' });
    else if (FORBIDDEN_HEADERS.has(name.trim())) problems.push({ file, line: 1, column, message: `column name '${name}' is not allowed; expected an ordinary name` });
    else if (seen.has(name.trim())) problems.push({ file, line: 1, column, message: `column '${name}' appears twice (also column ${seen.get(name.trim())}); expected unique names` });
    else seen.set(name.trim(), column);
  });
  return problems;
}

/**
 * Parses CSV text (RFC 4180: quoted fields, doubled quotes, newlines inside quotes, CRLF or LF, optional BOM).
 * Throws a data error naming file, line and column for a syntax error, an empty file or a bad header.
 */
export function parseCsv(text: string, file: string, options: CsvOptions = {}): CsvTable {
  if (text.replace(/^\uFEFF/, '').trim() === '') throw problemError({ file, message: 'is empty; expected a header row and data rows' });
  const delimiter = options.delimiter ?? ',';
  const foreign = foreignDelimiter(text, delimiter);
  if (foreign !== undefined) {
    const why = foreign === ';' ? `';', not '${delimiter}' (a spreadsheet export for a decimal-comma locale?)` : `tabs, not '${delimiter}'`;
    throw problemError({ file, line: 1, message: `the header is separated by ${why}; expected comma-separated CSV with '.' decimals: save it as "CSV UTF-8 (comma delimited)"` });
  }
  const records = (options.plainFirst && delimiter === ',' ? readPlainCsv(text) : undefined) ?? readWithCsvParse(text, file, delimiter);
  const [head, ...body] = records;
  const header = head.record.map((h) => h.trim());
  const problems = headerProblems(header, file);
  if (problems.length > 0) throw problemError(problems[0]);
  const rows: CsvRow[] = [];
  for (const r of body) {
    // A line of only delimiters/whitespace is an empty line a spreadsheet left behind, not a record.
    if (r.record.every((c) => c.trim() === '')) continue;
    rows.push({ line: r.line, cells: r.record });
  }
  return { file, header, rows };
}

/**
 * The line end csv-parse would find for itself: the first \r\n, \n or \r outside quotes ('\n' when there is none,
 * where any would do). Given up front, it spares csv-parse looking for one at each byte of the first line (slow on
 * a long first line: bench/README.md).
 */
export function firstLineEnd(text: string): string {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 10) return '\n';
    else if (!quoted && c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return '\n';
}

/** Reads CSV text with csv-parse: every record with its line; a syntax error is a located problem. */
export function readWithCsvParse(text: string, file: string, delimiter: string): CsvRecord[] {
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      record_delimiter: firstLineEnd(text),
      info: true,
      relax_column_count: false,
      skip_empty_lines: true,
      columns: false,
      max_record_size: 1_000_000,
    }) as unknown as { record: string[]; info: { bytes: number } }[];
  } catch (e) {
    throw problemError(describeCsvError(e, file, text, delimiter));
  }
  // csv-parse reports where a record ends (in bytes); a record starts where the previous one ended,
  // after any empty lines it skipped. Line numbers are counted from those byte offsets.
  const bytes = Buffer.from(text, 'utf8');
  const lineOf = lineFinder(bytes);
  let previousEnd = 0;
  return records.map((r) => {
    let start = previousEnd;
    while (start < bytes.length && (bytes[start] === 10 || bytes[start] === 13)) start++;
    previousEnd = r.info.bytes;
    return { record: r.record, line: lineOf(start) };
  });
}

/**
 * Longest text readPlainCsv takes. A UTF-16 unit is at most 3 UTF-8 bytes, so no record of a shorter text can reach
 * csv-parse's max_record_size above; longer texts go to csv-parse, which applies it.
 */
const PLAIN_MAX_CHARS = 300_000;

/**
 * Reads the plain RFC 4180 CSV the bundled datasets are written in, with the same records and lines as csv-parse
 * with the options above, in a fraction of its time on a cold start. Plain means: comma-delimited, LF line ends
 * (no CR anywhere), no byte-order mark, quotes only around whole fields ("" for a quote inside), every record as
 * many fields as the first, under 300,000 characters. For any other text it returns undefined and gives no
 * reason: csv-parse then reads it and names any error (test/data/plain-csv.test.ts checks both against csv-parse).
 */
export function readPlainCsv(text: string): CsvRecord[] | undefined {
  const n = text.length;
  if (n >= PLAIN_MAX_CHARS || text.includes('\r') || text.includes('\uFEFF')) return undefined;
  const records: CsvRecord[] = [];
  let width = -1;
  let line = 1;
  let i = 0;
  while (i < n) {
    // An empty line is skipped, as csv-parse's skip_empty_lines does; a line of spaces or "" is a record.
    if (text.charCodeAt(i) === 10) {
      i++;
      line++;
      continue;
    }
    const record: string[] = [];
    const startLine = line;
    for (;;) {
      if (text.charCodeAt(i) === 34) {
        // A quoted field: up to the quote that is not doubled; it may hold commas and line ends.
        let value = '';
        let from = i + 1;
        for (;;) {
          const quote = text.indexOf('"', from);
          if (quote === -1) return undefined;
          value += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === 34) {
            value += '"';
            from = quote + 2;
            continue;
          }
          i = quote + 1;
          break;
        }
        for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) line++;
        record.push(value);
        if (i >= n || text.charCodeAt(i) === 10) break;
        if (text.charCodeAt(i) !== 44) return undefined;
        i++;
      } else {
        let end = i;
        while (end < n) {
          const c = text.charCodeAt(end);
          if (c === 44 || c === 10) break;
          if (c === 34) return undefined;
          end++;
        }
        record.push(text.slice(i, end));
        i = end;
        if (i >= n || text.charCodeAt(i) === 10) break;
        i++;
      }
    }
    if (width === -1) width = record.length;
    else if (record.length !== width) return undefined;
    records.push({ record, line: startLine });
    // Past the line end that closed the record.
    if (i < n) {
      i++;
      line++;
    }
  }
  return records;
}

/** A header line with no expected delimiter but several `;` or tabs: the file uses another delimiter. */
function foreignDelimiter(text: string, delimiter: string): string | undefined {
  const end = text.indexOf('\n');
  const first = (end === -1 ? text : text.slice(0, end)).replace(/^\uFEFF/, '');
  if (first.includes(delimiter)) return undefined;
  return [';', '\t'].find((d) => d !== delimiter && first.split(d).length > 2);
}

/** Maps a byte offset in UTF-8 text to its 1-based line. */
function lineFinder(bytes: Uint8Array): (byteOffset: number) => number {
  const newlines: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (isLineBreak(bytes, i)) newlines.push(i);
  return (offset) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newlines[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}

/** A csv-parse error as a located Problem in words a user can act on (text, when known, finds where a quote opened). */
export function describeCsvError(e: unknown, file: string, text: string | undefined, delimiter: string): Problem {
  const err = e as { code?: string; lines?: number; message?: string; column?: number | string };
  const line = typeof err.lines === 'number' ? err.lines : undefined;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      // csv-parse reports the last line of the file; the line where the quote opened is the one to fix.
      const opened = text !== undefined ? unclosedQuoteLine(text, delimiter) : undefined;
      const where = opened !== undefined ? 'it opens on this line' : 'the file ends inside it';
      return { file, line: opened ?? line, message: `a quoted field is never closed (${where}); expected a closing " (write "" for a quote inside a quoted field)` };
    }
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const detail = /Invalid Record Length: expect (\d+), got (\d+)/.exec(err.message ?? '');
      const what = detail ? `has ${detail[2]} fields, expected ${detail[1]} like the header` : 'has a different number of fields than the header';
      return { file, line, message: `${what} (a stray comma or a wrong delimiter?)` };
    }
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return { file, line, message: 'text after a closing quote; expected a delimiter or the end of the line (write "" for a quote inside a quoted field)' };
    case 'INVALID_OPENING_QUOTE':
      return { file, line, message: 'a quote inside an unquoted field; expected the whole field in quotes with "" for each quote' };
    case 'CSV_MAX_RECORD_SIZE':
      return { file, line, message: 'a record longer than 1,000,000 characters; expected ordinary CSV rows' };
    default:
      return { file, line, message: `cannot be read as CSV (${(err.message ?? String(e)).split('\n')[0]})` };
  }
}

/** The line on which a quoted field opens that never closes (RFC 4180 quoting), if any. */
export function unclosedQuoteLine(text: string, delimiter: string): number | undefined {
  let line = 1;
  let inQuote = false;
  let openedAt = 0;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
    if (inQuote) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else inQuote = false;
      }
      continue;
    }
    if (c === '"' && fieldStart) {
      inQuote = true;
      openedAt = line;
    }
    fieldStart = c === delimiter || c === '\n' || c === '\r' || c === '\uFEFF';
  }
  return inQuote ? openedAt : undefined;
}
