// Rounding for people: tables round, files keep full precision.
import type { CellValue, Column } from './model.js';

export function formatForPeople(value: CellValue, column: Column): string {
  if (value === null) return column.emptyText ?? '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (column.type === 'int') return String(Math.round(value));
    const digits = column.digits ?? 2;
    // toFixed plus hand grouping: Intl's toLocaleString costs tens of milliseconds to set up at start-up.
    let text = value.toFixed(digits);
    if (/^-0(\.0*)?$/.test(text)) text = text.slice(1);
    return Math.abs(value) >= 10000 ? groupThousands(text) : text;
  }
  return value;
}

/** 1234567.5 → 1,234,567.5 (the integer part only). */
export function groupThousands(text: string): string {
  const [whole, fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** The smallest and largest of many numbers (Infinity/-Infinity when none): a loop, because Math.min(...values)
 * with hundreds of thousands of arguments overflows the stack. */
export function extent(values: Iterable<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max };
}
