import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CAPACITY_UNITS,
  convertCapacity,
  convertCurrency,
  fxRateFor,
  mapAmount,
  WAFER_300MM_IN_200MM_EQ,
  type CapacityUnit,
  type FxRate,
} from '../../src/domain/units.js';
import { CAPACITY_UNITS as SCHEMA_CAPACITY_UNITS } from '../../src/data/schemas.js';
import type { ErrorKind } from '../../src/errors.js';
import { errorOf as thrown } from '../helpers/errors.js';

const errorOf = (kind: ErrorKind, f: () => unknown) => thrown(f, kind);


describe('capacity units', () => {
  it('a 300 mm wafer is (300/200)² = 2.25 200 mm equivalents', () => {
    expect(WAFER_300MM_IN_200MM_EQ).toBe((300 / 200) ** 2);
    expect(convertCapacity(100_000, 'wpm_12in', 'wpm_8in_eq')).toBe(225_000);
    expect(convertCapacity(225_000, 'wpm_8in_eq', 'wpm_12in')).toBe(100_000);
    // SEMI's 2.3 M wpm of 300 mm wafers in China (2025F) = 5.175 M 200 mm equivalents
    expect(convertCapacity(2.3, 'wpm_12in', 'wpm_8in_eq')).toBeCloseTo(5.175, 12);
  });

  it('200 mm wafers count one-to-one as 200 mm equivalents', () => {
    expect(convertCapacity(83_000, 'wpm_8in', 'wpm_8in_eq')).toBe(83_000);
    expect(convertCapacity(83_000, 'wpm_8in_eq', 'wpm_8in')).toBe(83_000);
    expect(convertCapacity(1000, 'wpm_12in', 'wpm_8in')).toBe(2250);
    expect(convertCapacity(1000, 'wpm_12in', 'wpm_12in')).toBe(1000);
  });

  it('ranges stay ranges', () => {
    expect(convertCapacity({ low: 225, high: 450 }, 'wpm_8in_eq', 'wpm_12in')).toEqual({ low: 100, high: 200 });
    expect(mapAmount({ low: 1, high: 2 }, (v) => v * 3)).toEqual({ low: 3, high: 6 });
  });

  it('round trips come back (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e9, noNaN: true }), fc.constantFrom(...CAPACITY_UNITS), fc.constantFrom(...CAPACITY_UNITS), (v, a, b) => {
        const back = convertCapacity(convertCapacity(v, a, b), b, a);
        expect(Math.abs(back - v)).toBeLessThanOrEqual(1e-12 * Math.max(1, v));
      }),
      { numRuns: 200, seed: 3 },
    );
  });

  it('unknown units and reversed or non-finite ranges are usage errors', () => {
    expect(errorOf('usage', () => convertCapacity(1, 'wpm_6in' as CapacityUnit, 'wpm_12in')).message).toMatch(/unknown capacity unit "wpm_6in"; expected one of wpm_8in_eq, wpm_12in, wpm_8in/);
    expect(errorOf('usage', () => convertCapacity({ low: 5, high: 1 }, 'wpm_12in', 'wpm_8in_eq')).message).toMatch(/low end \(5\) must not exceed its high end \(1\)/);
    expect(errorOf('usage', () => convertCapacity(NaN, 'wpm_12in', 'wpm_8in_eq')).message).toMatch(/finite/);
  });

  it('knows the same units as the capacity dataset schema', () => {
    expect([...CAPACITY_UNITS].sort()).toEqual([...SCHEMA_CAPACITY_UNITS].sort());
  });
});

describe('currencies', () => {
  const rates: FxRate[] = [
    { year: 2019, currency: 'CNY', per_usd: 6.9 },
    { year: 2021, currency: 'CNY', per_usd: 6.45 },
    { year: 2024, currency: 'CNY', per_usd: 7.19 },
    { year: 2025, currency: 'CNY', per_usd: 7.1429 },
  ];

  it('RMB 200–500 bn at 7.1429 CNY/USD is about USD 28–70 bn', () => {
    const c = convertCurrency({ low: 200, high: 500 }, 'CNY', 'USD', rates, 2025);
    // 200 / 7.1429 = 27.99983; 500 / 7.1429 = 69.99958
    expect(c.amount.low).toBeCloseTo(27.999832001007995, 10);
    expect(c.amount.high).toBeCloseTo(69.99958000251999, 10);
    expect(c.amount.low).toBeCloseTo(28, 3);
    expect(c.amount.high).toBeCloseTo(70, 3);
    expect(c.rates).toEqual([{ currency: 'CNY', requestedYear: 2025, year: 2025, perUsd: 7.1429 }]);
    expect(c.notes).toEqual([]);
  });

  it('USD → CNY multiplies; same currency and USD need no table', () => {
    expect(convertCurrency(10, 'USD', 'CNY', rates, 2025).amount).toBeCloseTo(71.429, 12);
    expect(convertCurrency(52.7, 'USD', 'USD', [], 2022).amount).toBe(52.7);
    expect(convertCurrency(344, 'CNY', 'CNY', rates, 2025).amount).toBe(344);
    expect(fxRateFor([], 'USD', 1999).perUsd).toBe(1);
  });

  it('a missing year is an error listing the years available', () => {
    const e = errorOf('usage', () => convertCurrency(200, 'CNY', 'USD', rates, 2026));
    expect(e.message).toBe('no CNY per USD rate for 2026; available years: 2019, 2021, 2024, 2025');
  });

  it('nearest: true uses the nearest year and says which (ties go to the earlier year)', () => {
    const c = convertCurrency(200, 'CNY', 'USD', rates, 2026, { nearest: true });
    expect(c.rates[0]).toMatchObject({ year: 2025, requestedYear: 2026, perUsd: 7.1429 });
    expect(c.notes).toEqual(["no CNY per USD rate for 2026; used 2025's (7.1429), the nearest year"]);
    expect(fxRateFor(rates, 'CNY', 2020, { nearest: true }).year).toBe(2019);
    expect(fxRateFor(rates, 'CNY', 2023, { nearest: true }).year).toBe(2024);
  });

  it('a currency with no rates at all, and a conflicting table, are named', () => {
    expect(errorOf('usage', () => fxRateFor(rates, 'EUR', 2025, { nearest: true })).message).toMatch(/no EUR per USD rates/);
    const conflicting = [...rates, { year: 2025, currency: 'CNY', per_usd: 7.2 }];
    expect(errorOf('data', () => fxRateFor(conflicting, 'CNY', 2025)).message).toMatch(/two different CNY per USD rates for 2025/);
    expect(errorOf('data', () => fxRateFor([{ year: 2025, currency: 'CNY', per_usd: 0 }], 'CNY', 2025)).message).toMatch(/positive/);
  });

  it('converts through USD between two non-USD currencies', () => {
    const two: FxRate[] = [...rates, { year: 2025, currency: 'EUR', per_usd: 0.9 }];
    // 100 EUR / 0.9 = 111.11 USD × 7.1429 = 793.66 CNY
    const c = convertCurrency(100, 'EUR', 'CNY', two, 2025);
    expect(c.amount).toBeCloseTo((100 / 0.9) * 7.1429, 10);
    expect(c.rates.map((r) => r.currency)).toEqual(['EUR', 'CNY']);
  });
});
