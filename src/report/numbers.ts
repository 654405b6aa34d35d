// Rounding for people: tables round, files keep full precision.
import type { CellValue, Column } from './model.js';

export function formatForPeople(value: CellValue, column: Column): string {
  if (value === null) return column.emptyText ?? '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (column.type === 'int') return String(Math.round(value));
    const digits = column.digits ?? 2;
    const text = value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: Math.abs(value) >= 10000 });
    return text === '-0' || /^-0\.0*$/.test(text) ? text.slice(1) : text;
  }
  return value;
}
