// Strict cell parsing: a number is a number only when it looks like one. Spreadsheet habits such as
// `29%` or `83,000` are accepted only where a column's schema allows them, so that a typo never turns
// silently into a different value.
import { halfWidth } from './encoding.js';
import { say } from '../messages.js';

export interface NumberRules {
  /** Accept a trailing `%` (the value stays in percent: `29%` → 29). */
  percentSign?: boolean;
  /** Accept `,` thousands separators in groups of three (`83,000` → 83000). */
  thousands?: boolean;
  /**
   * Decimal separator of the input; `,` for European spreadsheet exports. Set only by readers whose command lets
   * the user choose it (`--decimal`, forecast and backtest): a decimal comma in a '.' column then points there.
   */
  decimal?: '.' | ',';
  /**
   * Where the text was written, for the advice on a decimal comma where there is no `--decimal`: `file` (default, a
   * CSV the command reads with '.' decimals: a dataset, a rules file) or `argument` (a command-line value).
   */
  origin?: 'file' | 'argument';
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const WORDS_FOR_NOTHING = new Set(['na', 'n/a', 'nan', 'null', 'none', '-', '--', '?', 'inf', '-inf', '+inf', 'infinity', '-infinity', '+infinity']);

/** Parses a numeric cell under the given rules; the reason says what was wrong in words a user can act on. */
export function parseNumber(raw: string, rules: NumberRules = {}): Parsed<number> {
  // The common case first (a plain number, nothing to trim or strip): one test instead of a dozen per cell.
  if (rules.decimal !== ',' && PLAIN.test(raw)) {
    const value = Number(raw);
    if (Number.isFinite(value) && !underflows(raw, value)) return { ok: true, value: Object.is(value, -0) ? 0 : value };
  }
  let text = raw.trim();
  if (text === '') return { ok: false, reason: say('error.valueEmpty') };
  const half = halfWidth(text);
  if (half !== undefined) return { ok: false, reason: say('error.fullWidth', { value: raw, ascii: half }) };
  if (WORDS_FOR_NOTHING.has(text.toLowerCase())) return { ok: false, reason: say('error.valueNotNumber', { raw }) };
  let hadPercent = false;
  if (text.endsWith('%')) {
    if (!rules.percentSign) return { ok: false, reason: say('error.valuePercentSign', { raw, plain: text.slice(0, -1).trim() }) };
    text = text.slice(0, -1).trim();
    hadPercent = true;
  }
  if (rules.decimal === ',') {
    if (text.includes('.')) return { ok: false, reason: say('error.valueDotDecimal', { raw }) };
    text = text.replace(',', '.');
  } else if (text.includes(',')) {
    if (!rules.thousands) {
      return { ok: false, reason: say('error.valueComma', { raw, hint: decimalCommaHint(text, rules), argument: rules.origin === 'argument' ? 'yes' : 'no' }) };
    }
    if (!GROUPED.test(text)) {
      const oneComma = text.indexOf(',') === text.lastIndexOf(',');
      return { ok: false, reason: say('error.valueMisplaced', { raw, hint: oneComma ? decimalCommaHint(text, rules) : '' }) };
    }
    text = text.replace(/,/g, '');
  }
  if (!PLAIN.test(text)) return { ok: false, reason: say('error.valueNotNumber', { raw }) };
  const value = Number(text);
  if (!Number.isFinite(value)) return { ok: false, reason: say('error.valueOutOfRange', { raw }) };
  if (underflows(text, value)) return { ok: false, reason: say('error.valueUnderflow', { raw }) };
  void hadPercent;
  return { ok: true, value: Object.is(value, -0) ? 0 : value };
}

/** A non-zero number written that parses to 0 (1e-400): a silent change of value, so an error. */
function underflows(text: string, value: number): boolean {
  return value === 0 && /[1-9]/.test(text.split(/[eE]/)[0]);
}

/**
 * What to do about a decimal comma, by where the text came from: the `--decimal` option where the command has one,
 * else how to write the number (a command-line value) or how to fix the file (datasets and other fixed-format CSV).
 */
function decimalCommaHint(text: string, rules: NumberRules): string {
  if (rules.decimal !== undefined) return say('error.hintDecimalOption');
  // The number written with a dot, where a single comma makes that clear (not for 1,234,567).
  const dotted = text.indexOf(',') === text.lastIndexOf(',') ? text.replace(',', '.') : undefined;
  if (rules.origin === 'argument') return say('error.hintWriteDotted', { dotted: dotted ?? '' });
  return say('error.hintFileDecimals', { dotted: dotted ?? '' });
}

/** A whole year such as 2023 (1900–2200: wide enough for history and targets, narrow enough to catch typos). */
export function parseYear(raw: string): Parsed<number> {
  const text = raw.trim();
  const half = halfWidth(text);
  if (half !== undefined) return { ok: false, reason: say('error.fullWidth', { value: raw, ascii: half }) };
  if (!/^\d{4}$/.test(text)) return { ok: false, reason: say('error.valueNotYear', { raw }) };
  const year = Number(text);
  if (year < 1900 || year > 2200) return { ok: false, reason: say('error.valueYearRange', { raw }) };
  return { ok: true, value: year };
}

/**
 * Years a yearly series may carry: any century of the common era (the Nile's flows from 622, sunspots from 1700).
 * Whole numbers of one to four digits only, so a fractional, negative or mistyped year (20230) is refused;
 * the series reader stores years in 16 bits, which this range fits.
 */
export const SERIES_YEARS = { min: 1, max: 9999 } as const;

/** A whole year of a series, 1–9999 (see SERIES_YEARS); the reason reads after the column name. */
export function parseSeriesYear(raw: string): Parsed<number> {
  const text = raw.trim();
  const half = halfWidth(text);
  if (half !== undefined) return { ok: false, reason: say('error.fullWidth', { value: raw, ascii: half }) };
  if (!/^\d{1,4}$/.test(text) || Number(text) < SERIES_YEARS.min) {
    return { ok: false, reason: say('error.valueSeriesYear', { raw, min: SERIES_YEARS.min, max: SERIES_YEARS.max }) };
  }
  return { ok: true, value: Number(text) };
}
