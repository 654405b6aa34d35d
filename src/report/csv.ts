// RFC 4180 CSV with full-precision numbers, safe to open in a spreadsheet; for Excel (--excel) optionally in the
// dialect of a comma-decimal locale (`;` between fields, `,` in numbers). Written by csv-stringify, with the
// formula guard as its string cast; the streamed forecast (stream.ts) writes the same cells with csvCell().
import { stringify } from 'csv-stringify/sync';
import type { CellValue, Table } from './model.js';

/** Field delimiters a CSV is written with: `;` is what Excel expects where the decimal mark is a comma. */
export type CsvDelimiter = ',' | ';' | '\t';
export type CsvDecimal = '.' | ',';

export interface CsvWriteOptions {
  /** Prefix text cells that a spreadsheet would run as a formula (OWASP CSV injection). Default on. */
  neutralise?: boolean;
  /** UTF-8 byte-order mark and CRLF line ends, so Excel on Windows reads Chinese text right. */
  excel?: boolean;
  /** Between fields; default `,`. */
  delimiter?: CsvDelimiter;
  /** In numbers; default `.`. */
  decimal?: CsvDecimal;
}

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// What a spreadsheet runs as a formula: = + - @ and their full-width and small forms (Excel folds them to ASCII).
const FORMULA_CHAR = '=+\\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66\uFE6B';
// Characters a spreadsheet skips or that a reader cannot see before the first one: spaces (NBSP and the other
// Unicode spaces, the BOM), zero-width characters, the soft hyphen.
const INVISIBLE = '\\s\u200b-\u200d\u2060\u180e\u00ad';
/** A formula at the start of the text, behind any invisible characters; or a tab, CR or LF at the start. */
const FORMULA_START = new RegExp(`^(?:[\\t\\r\\n]|[${INVISIBLE}]*[${FORMULA_CHAR}])`);
/** A formula behind a separator some spreadsheet splits cells at, among `separators`. */
const formulaAfter = (separators: string) => new RegExp(`([${separators}])(?=[${INVISIBLE}]*[${FORMULA_CHAR}])`, 'g');
// `;` (many European locales) and tab (pasted text) always; a comma only in a file delimited otherwise, since a
// cell holding the delimiter is quoted and no spreadsheet splits inside quotes.
const FORMULA_AFTER_SEPARATOR = formulaAfter(';\\t');
const FORMULA_AFTER_ANY_SEPARATOR = formulaAfter(',;\\t');

/**
 * A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP). For Excel (`--excel`), whose
 * settings in some locales split cells at `;` or `,` (and which splits pasted text at tabs), so does any part
 * behind one of those that the file leaves unquoted. Text that is a plain number, such as `-3.5`, is never touched.
 * @example neutraliseCell('=1+2') // "'=1+2"
 * @example neutraliseCell('a;=1+2', true) // "a;'=1+2"
 * @example neutraliseCell('a,=1+2', true, ';') // "a,'=1+2"
 */
export function neutraliseCell(text: string, excel = false, delimiter: CsvDelimiter = ','): string {
  if (PLAIN_NUMBER.test(text.trim())) return text;
  const inner = excel ? text.replace(delimiter === ',' ? FORMULA_AFTER_SEPARATOR : FORMULA_AFTER_ANY_SEPARATOR, "$1'") : text;
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

/**
 * A number in full precision (shortest round-trip form), never grouped; with a decimal comma for the Excel of
 * comma-decimal locales. Not finite: empty.
 * @example formatCsvNumber(-3.5, ',') // "-3,5"
 */
export function formatCsvNumber(value: number, decimal: CsvDecimal = '.'): string {
  if (!Number.isFinite(value)) return '';
  const text = String(Object.is(value, -0) ? 0 : value);
  return decimal === '.' ? text : text.replace('.', decimal);
}

/** A field quoted when it holds a quote, a line break or the delimiter, or starts or ends with a space (RFC 4180). */
const MUST_QUOTE: Record<CsvDelimiter, RegExp> = { ',': /[",\r\n]|^\s|\s$/, ';': /[";\r\n]|^\s|\s$/, '\t': /["\t\r\n]|^\s|\s$/ };

/** What one file's cells are written with: the same rules for whole tables (csv-stringify) and streamed ones. */
export interface CsvDialect {
  delimiter: CsvDelimiter;
  eol: string;
  bom: string;
  /** A text cell as written (guarded unless --raw-text), before quoting. */
  text(value: string): string;
  number(value: number): string;
  quote(field: string): string;
}

export function csvDialect(options: CsvWriteOptions = {}): CsvDialect {
  const neutralise = options.neutralise ?? true;
  const excel = options.excel === true;
  const delimiter = options.delimiter ?? ',';
  const decimal = options.decimal ?? '.';
  const mustQuote = MUST_QUOTE[delimiter];
  return {
    delimiter,
    eol: excel ? '\r\n' : '\n',
    bom: excel ? '\uFEFF' : '',
    text: neutralise ? (value) => neutraliseCell(value, excel, delimiter) : (value) => value,
    number: (value) => formatCsvNumber(value, decimal),
    quote: (field) => (mustQuote.test(field) ? `"${field.replace(/"/g, '""')}"` : field),
  };
}

/** One cell as written into the file, quoted where needed. A number's text never needs quotes. */
export function csvCell(dialect: CsvDialect, value: CellValue | undefined): string {
  if (typeof value === 'number') return dialect.number(value);
  if (value === null || value === undefined) return '';
  return dialect.quote(typeof value === 'boolean' ? String(value) : dialect.text(value));
}

export function renderCsv(table: Table, options: CsvWriteOptions = {}): string {
  const d = csvDialect(options);
  const records = table.rows.map((row) => table.columns.map((c) => row[c.key] ?? null));
  return stringify(records, {
    // Rows as arrays: keys are never read as paths (csv-stringify reads `a.b` in an object key as a nested field).
    columns: table.columns.map((c) => c.key),
    header: true,
    bom: options.excel === true,
    delimiter: d.delimiter,
    record_delimiter: d.eol,
    // Quote a field holding any line break, not only one holding the record delimiter (a lone LF in CRLF files).
    quote_record_delimiter: true,
    quoted_match: /^\s|\s$/,
    cast: {
      string: (value, context) => (context.header ? value : d.text(value)),
      number: (value) => d.number(value),
      boolean: (value) => String(value),
    },
  });
}
