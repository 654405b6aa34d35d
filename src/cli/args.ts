// Parsing the small languages of option values: YEAR=VALUE anchors, comma lists, years and numbers.
import { parseNumber, parseYear } from '../data/values.js';
import { usageError } from '../errors.js';
import { say } from '../messages.js';
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
  if (!m) throw usageError(say('error.anchorNotYearValue', { option, text }));
  const year = parseYear(m[1]);
  if (!year.ok) throw usageError(say('error.anchorBadPart', { option, text, reason: year.reason }));
  const percent = m[2].endsWith('%');
  const value = parseNumber(m[2], { percentSign: true, thousands: true, origin: 'argument' });
  if (!value.ok) throw usageError(say('error.anchorBadValue', { option, text, reason: value.reason }));
  return { year: year.value, value: value.value, percent };
}

export function parseYearArg(text: string, option: string): number {
  const year = parseYear(text);
  if (!year.ok) throw usageError(say('error.optionYear', { option, reason: year.reason }));
  return year.value;
}

export function parseNumberArg(text: string, option: string, rules: { min?: number; max?: number; integer?: boolean } = {}): number {
  const n = parseNumber(text, { percentSign: true, origin: 'argument' });
  if (!n.ok) throw usageError(say('error.optionNumber', { option, reason: n.reason }));
  if (rules.integer && !Number.isInteger(n.value)) throw usageError(say('error.optionNotWhole', { option, text }));
  if (rules.min !== undefined && n.value < rules.min) throw usageError(say('error.optionBelow', { option, text, min: rules.min }));
  if (rules.max !== undefined && n.value > rules.max) throw usageError(say('error.optionAbove', { option, text, max: rules.max }));
  return n.value;
}

/** `80,95` → [80, 95]; each strictly between 0 and 100. */
export function parseLevels(text: string): number[] {
  const levels = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => parseNumberArg(s, '--level', { min: 0, max: 100 }));
  if (levels.length === 0 || levels.some((l) => l <= 0 || l >= 100)) throw usageError(say('error.badLevels', { text }));
  return [...new Set(levels)].sort((a, b) => a - b);
}

/** `cagr, linear` → ['cagr', 'linear'], each checked against the allowed names (with a suggestion). */
export function parseListArg<T extends string>(text: string, option: string, allowed: readonly T[]): T[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) throw usageError(say('error.emptyList', { option, allowed: allowed.join(', ') }));
  const names: T[] = [];
  for (const item of items) {
    const name = allowed.find((a) => a === item);
    if (name === undefined) {
      const hint = closest(item, allowed);
      throw usageError(say('error.unknownListItem', { option, item, allowed: allowed.join(', '), hint: hint ?? '' }));
    }
    names.push(name);
  }
  return [...new Set(names)];
}
