// RFC 4180 CSV with full-precision numbers, safe to open in a spreadsheet.
import type { CellValue, Table } from './model.js';

export interface CsvWriteOptions {
  /** Prefix text cells that a spreadsheet would run as a formula (OWASP CSV injection). Default on. */
  neutralise?: boolean;
  /** UTF-8 byte-order mark and CRLF line ends, so Excel on Windows reads Chinese text right. */
  excel?: boolean;
}

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
// What a spreadsheet runs as a formula: = + - @ and their full-width and small forms (Excel folds them to ASCII).
const FORMULA_CHAR = '=+\\-@\uFF1D\uFF0B\uFF0D\uFF20\uFE62\uFE63\uFE66\uFE6B';
// Characters a spreadsheet skips or that a reader cannot see before the first one: spaces (NBSP and the other
// Unicode spaces, the BOM), zero-width characters, the soft hyphen.
const INVISIBLE = '\\s\u200b-\u200d\u2060\u180e\u00ad';
/** A formula at the start of the text, behind any invisible characters; or a tab, CR or LF at the start. */
const FORMULA_START = new RegExp(`^(?:[\\t\\r\\n]|[${INVISIBLE}]*[${FORMULA_CHAR}])`);
/** A formula behind a separator some spreadsheet splits cells at (`;` in many European locales, tab). */
const FORMULA_AFTER_SEPARATOR = new RegExp(`([;\\t])(?=[${INVISIBLE}]*[${FORMULA_CHAR}])`, 'g');

/**
 * A text cell a spreadsheet would run as a formula gets a leading apostrophe (OWASP). For Excel (`--excel`), whose
 * European settings split cells at `;` (and which splits pasted text at tabs), so does any part behind one of
 * those. Text that is a plain number, such as `-3.5`, is never touched.
 * @example neutraliseCell('=1+2') // "'=1+2"
 * @example neutraliseCell('a;=1+2', true) // "a;'=1+2"
 */
export function neutraliseCell(text: string, excel = false): string {
  if (PLAIN_NUMBER.test(text.trim())) return text;
  const inner = excel ? text.replace(FORMULA_AFTER_SEPARATOR, "$1'") : text;
  return FORMULA_START.test(inner) ? `'${inner}` : inner;
}

/** Numbers in full precision (shortest round-trip form), never locale-formatted. */
export function formatCsvValue(value: CellValue, neutralise: boolean, excel = false): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Object.is(value, -0) ? 0 : value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutralise ? neutraliseCell(value, excel) : value;
}

export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(table: Table, options: CsvWriteOptions = {}): string {
  const neutralise = options.neutralise ?? true;
  const eol = options.excel ? '\r\n' : '\n';
  const lines = [table.columns.map((c) => quoteCsvField(c.key)).join(',')];
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => quoteCsvField(formatCsvValue(row[c.key] ?? null, neutralise, options.excel))).join(','));
  }
  return (options.excel ? '\uFEFF' : '') + lines.join(eol) + eol;
}
