// Parsing the small languages of option values: YEAR=VALUE anchors, comma lists, years and numbers.
import { parseNumber, parseYear } from '../data/values.js';
import { usageError } from '../errors.js';
import { closest } from '../text.js';

export { closest };

export interface AnchorArg {
  year: number;
  value: number;
  /** Written with a % sign: a share, bounded 0–100. */
  percent: boolean;
}

/** `2023=29%` → { year: 2023, value: 29, percent: true }; thousands separators allowed (`2022=714,000`). */
export function parseAnchorArg(text: string, option: string): AnchorArg {
  const m = /^\s*([^=:]+)\s*[=:]\s*(.+?)\s*$/.exec(text);
  if (!m) throw usageError(`${option} '${text}' is not YEAR=VALUE; expected e.g. ${option} 2023=29%`);
  const year = parseYear(m[1]);
  if (!year.ok) throw usageError(`${option} '${text}': ${year.reason}`);
  const percent = m[2].endsWith('%');
  const value = parseNumber(m[2], { percentSign: true, thousands: true, origin: 'argument' });
  if (!value.ok) throw usageError(`${option} '${text}': ${value.reason}; expected a number such as 29% or 714000`);
  return { year: year.value, value: value.value, percent };
}

export function parseYearArg(text: string, option: string): number {
  const year = parseYear(text);
  if (!year.ok) throw usageError(`${option} ${year.reason}`);
  return year.value;
}

export function parseNumberArg(text: string, option: string, rules: { min?: number; max?: number; integer?: boolean } = {}): number {
  const n = parseNumber(text, { percentSign: true, origin: 'argument' });
  if (!n.ok) throw usageError(`${option} ${n.reason}; expected a number`);
  if (rules.integer && !Number.isInteger(n.value)) throw usageError(`${option} ${text} is not a whole number`);
  if (rules.min !== undefined && n.value < rules.min) throw usageError(`${option} ${text} is below ${rules.min}`);
  if (rules.max !== undefined && n.value > rules.max) throw usageError(`${option} ${text} is above ${rules.max}`);
  return n.value;
}

/** `80,95` → [80, 95]; each strictly between 0 and 100. */
export function parseLevels(text: string): number[] {
  const levels = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => parseNumberArg(s, '--level', { min: 0, max: 100 }));
  if (levels.length === 0 || levels.some((l) => l <= 0 || l >= 100)) throw usageError(`--level ${text}; expected levels between 0 and 100 exclusive, e.g. 80,95`);
  return [...new Set(levels)].sort((a, b) => a - b);
}

/** `cagr, linear` → ['cagr', 'linear'], each checked against the allowed names (with a suggestion). */
export function parseListArg<T extends string>(text: string, option: string, allowed: readonly T[]): T[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw usageError(`${option} is empty; expected one or more of ${allowed.join(', ')}`);
  const names: T[] = [];
  for (const item of items) {
    const name = allowed.find((a) => a === item);
    if (name === undefined) {
      const hint = closest(item, allowed);
      throw usageError(`${option}: unknown '${item}'; expected one of ${allowed.join(', ')}${hint ? ` (did you mean '${hint}'?)` : ''}`);
    }
    names.push(name);
  }
  return [...new Set(names)];
}
