// Capacity units and currencies. Conversions are methods applied to data, never edits of it.
// Ranges stay ranges: a {low, high} in gives a {low, high} out. Pure: no files, no printing, no process.
import { dataError, usageError } from '../errors.js';
import { say } from '../messages.js';

/** A range such as RMB 200–500 bn: low 200, high 500 (equal for a point value). */
export interface Range {
  low: number;
  high: number;
}

export type Amount = number | Range;

export const CAPACITY_UNITS = ['wpm_8in_eq', 'wpm_12in', 'wpm_8in'] as const;
export type CapacityUnit = (typeof CAPACITY_UNITS)[number];

/** A 300 mm wafer has (300/200)² = 2.25 times the area of a 200 mm wafer. */
export const WAFER_300MM_IN_200MM_EQ = 2.25;

/** 200 mm-equivalent wafers per one wafer of each unit. wpm_8in counts 200 mm wafers, one-to-one with wpm_8in_eq. */
const EQ_PER_WAFER: Record<CapacityUnit, number> = {
  wpm_8in_eq: 1,
  wpm_8in: 1,
  wpm_12in: WAFER_300MM_IN_200MM_EQ,
};

export function isRange(amount: Amount): amount is Range {
  return typeof amount === 'object' && amount !== null;
}

/** Applies `f` to a number, or to both ends of a range. */
export function mapAmount(amount: number, f: (v: number) => number): number;
export function mapAmount(amount: Range, f: (v: number) => number): Range;
export function mapAmount(amount: Amount, f: (v: number) => number): Amount;
export function mapAmount(amount: Amount, f: (v: number) => number): Amount {
  if (isRange(amount)) {
    checkRange(amount);
    return { low: f(amount.low), high: f(amount.high) };
  }
  if (!Number.isFinite(amount)) throw usageError(`an amount must be a finite number; got ${amount}`);
  return f(amount);
}

/**
 * Converts wafers per month between units (through 200 mm equivalents).
 * @example convertCapacity(100_000, 'wpm_12in', 'wpm_8in_eq') // 225000
 * @example convertCapacity({ low: 225, high: 450 }, 'wpm_8in_eq', 'wpm_12in') // { low: 100, high: 200 }
 */
export function convertCapacity(value: number, from: CapacityUnit, to: CapacityUnit): number;
export function convertCapacity(value: Range, from: CapacityUnit, to: CapacityUnit): Range;
export function convertCapacity(value: Amount, from: CapacityUnit, to: CapacityUnit): Amount;
export function convertCapacity(value: Amount, from: CapacityUnit, to: CapacityUnit): Amount {
  checkUnit(from);
  checkUnit(to);
  if (from === to) return mapAmount(value, (v) => v);
  // Multiply then divide by exact small factors (1 or 2.25) so round trips come back to the same number.
  return mapAmount(value, (v) => (v * EQ_PER_WAFER[from]) / EQ_PER_WAFER[to]);
}

function checkUnit(unit: string): asserts unit is CapacityUnit {
  if (!(CAPACITY_UNITS as readonly string[]).includes(unit)) {
    throw usageError(`unknown capacity unit "${unit}"; expected one of ${CAPACITY_UNITS.join(', ')}`);
  }
}

function checkRange(r: Range): void {
  if (!Number.isFinite(r.low) || !Number.isFinite(r.high)) {
    throw usageError(`a range needs finite ends; got ${r.low}–${r.high}`);
  }
  if (r.low > r.high) throw usageError(`a range's low end (${r.low}) must not exceed its high end (${r.high})`);
}

// --- currencies -------------------------------------------------------------------------------------------------

/** One row of fx.csv: units of `currency` per US dollar in `year`. */
export interface FxRate {
  year: number;
  currency: string;
  per_usd: number;
}

export interface FxOptions {
  /** When the exact year has no rate, use the nearest year that has one (ties: the earlier year). */
  nearest?: boolean;
}

/** The rate used for one currency: the year asked for, the year used, and a note when they differ. */
export interface FxLookup {
  currency: string;
  requestedYear: number;
  year: number;
  perUsd: number;
  /** Set when a nearest year was used: says which. */
  note?: string;
}

export interface CurrencyConversion<T extends Amount> {
  amount: T;
  from: string;
  to: string;
  requestedYear: number;
  /** Rates used (USD needs none, so this holds 0–2 entries). */
  rates: FxLookup[];
  /** Notes from the rate look-ups (which year was used instead of the one asked for). */
  notes: string[];
}

/**
 * Units of `currency` per US dollar in `year` from a rate table. USD is 1 in every year.
 * Without `nearest`, a missing year is a usage error listing the years available.
 */
export function fxRateFor(rates: readonly FxRate[], currency: string, year: number, options: FxOptions = {}): FxLookup {
  if (!Number.isInteger(year)) throw usageError(`an exchange-rate year must be a whole year; got ${year}`);
  if (currency === 'USD') return { currency, requestedYear: year, year, perUsd: 1 };
  const byYear = ratesByYear(rates, currency);
  const exact = byYear.get(year);
  if (exact !== undefined) return { currency, requestedYear: year, year, perUsd: exact };
  const years = [...byYear.keys()].sort((a, b) => a - b);
  if (years.length === 0) throw usageError(say('error.fxNone', { currency }));
  if (options.nearest !== true) {
    throw usageError(say('error.fxYear', { currency, year, years: years.join(', ') }));
  }
  const used = years.reduce((best, y) => (Math.abs(y - year) < Math.abs(best - year) ? y : best));
  return {
    currency,
    requestedYear: year,
    year: used,
    perUsd: byYear.get(used)!,
    note: `no ${currency} per USD rate for ${year}; used ${used}'s (${byYear.get(used)}), the nearest year`,
  };
}

/**
 * Converts an amount (or a range) between currencies at one year's rates, through the US dollar.
 * @example convertCurrency({ low: 200, high: 500 }, 'CNY', 'USD', [{ year: 2025, currency: 'CNY', per_usd: 7.1429 }], 2025)
 * // amount { low: 27.9998, high: 69.9996 }
 */
export function convertCurrency<T extends Amount>(
  amount: T,
  from: string,
  to: string,
  rates: readonly FxRate[],
  year: number,
  options: FxOptions = {},
): CurrencyConversion<T> {
  const fromRate = fxRateFor(rates, from, year, options);
  const toRate = fxRateFor(rates, to, year, options);
  const converted = mapAmount(amount, (v) => (from === to ? v : (v / fromRate.perUsd) * toRate.perUsd)) as T;
  const used = [fromRate, toRate].filter((r, i, all) => r.currency !== 'USD' && all.findIndex((o) => o.currency === r.currency) === i);
  return {
    amount: converted,
    from,
    to,
    requestedYear: year,
    rates: used,
    notes: used.flatMap((r) => (r.note !== undefined ? [r.note] : [])),
  };
}

function ratesByYear(rates: readonly FxRate[], currency: string): Map<number, number> {
  const byYear = new Map<number, number>();
  for (const r of rates) {
    if (r.currency !== currency) continue;
    if (!Number.isFinite(r.per_usd) || !(r.per_usd > 0)) {
      throw dataError(say('error.fxPositive', { currency, year: r.year, value: r.per_usd }));
    }
    const seen = byYear.get(r.year);
    if (seen !== undefined && seen !== r.per_usd) {
      throw dataError(say('error.fxTwice', { currency, year: r.year, first: seen, second: r.per_usd }));
    }
    byYear.set(r.year, r.per_usd);
  }
  return byYear;
}

/** One figure in both currencies, and the rate that converted it: the year asked for, the year used, the rate. */
export interface FigureInBoth {
  cny: Range;
  usd: Range;
  /** The year whose rate converted it: the figure's own year, or the year given instead. */
  requestedYear: number;
  /** The year whose rate was found (the nearest year with a rate when the requested year has none). */
  rateYear: number;
  /** CNY per USD in rateYear. */
  cnyPerUsd: number;
  /** Set when the rate of another year had to be used: says which. */
  note?: string;
}

/**
 * The one currency rule of every command: a figure converts at the average rate of its own year, unless a year
 * (--fx-year) is given for all figures. A year without a rate uses the nearest year that has one, with a note.
 * @example figureInBoth({ low: 344, high: 344 }, 'CNY', 2024, [{ year: 2024, currency: 'CNY', per_usd: 7.1957 }])
 * // usd { low: 47.806..., high: 47.806... }, rateYear 2024, cnyPerUsd 7.1957
 */
export function figureInBoth(amount: Range, currency: string, figureYear: number, rates: readonly FxRate[], fxYear?: number): FigureInBoth {
  const year = fxYear ?? figureYear;
  const rate = fxRateFor(rates, 'CNY', year, { nearest: true });
  const cny = convertCurrency(amount, currency, 'CNY', rates, rate.year).amount;
  const usd = convertCurrency(amount, currency, 'USD', rates, rate.year).amount;
  return { cny, usd, requestedYear: year, rateYear: rate.year, cnyPerUsd: rate.perUsd, ...(rate.note !== undefined ? { note: rate.note } : {}) };
}
