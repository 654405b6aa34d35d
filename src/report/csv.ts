// RFC 4180 CSV with full-precision numbers, safe to open in a spreadsheet.
import type { CellValue, Table } from './model.js';

export interface CsvWriteOptions {
  /** Prefix text cells that a spreadsheet would run as a formula (OWASP CSV injection). Default on. */
  neutralise?: boolean;
  /** UTF-8 byte-order mark and CRLF line ends, so Excel on Windows reads Chinese text right. */
  excel?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A text cell that would start a formula gets a leading apostrophe; numbers written as text stay as they are. */
export function neutraliseCell(text: string): string {
  if (!FORMULA_START.test(text) || PLAIN_NUMBER.test(text.trim())) return text;
  return `'${text}`;
}

/** Numbers in full precision (shortest round-trip form), never locale-formatted. */
export function formatCsvValue(value: CellValue, neutralise: boolean): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(Object.is(value, -0) ? 0 : value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return neutralise ? neutraliseCell(value) : value;
}

export function quoteCsvField(text: string): string {
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(table: Table, options: CsvWriteOptions = {}): string {
  const neutralise = options.neutralise ?? true;
  const eol = options.excel ? '\r\n' : '\n';
  const lines = [table.columns.map((c) => quoteCsvField(c.key)).join(',')];
  for (const row of table.rows) {
    lines.push(table.columns.map((c) => quoteCsvField(formatCsvValue(row[c.key] ?? null, neutralise))).join(','));
  }
  return (options.excel ? '\uFEFF' : '') + lines.join(eol) + eol;
}
