import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber, parseYear } from '../../src/data/values.js';

describe('parseNumber', () => {
  it('reads plain numbers, signs and exponents', () => {
    expect(parseNumber('29')).toEqual({ ok: true, value: 29 });
    expect(parseNumber(' -3.5 ')).toEqual({ ok: true, value: -3.5 });
    expect(parseNumber('1e3')).toEqual({ ok: true, value: 1000 });
    expect(parseNumber('.5')).toEqual({ ok: true, value: 0.5 });
  });

  it('refuses words for missing values and non-finite numbers', () => {
    for (const raw of ['N/A', 'NaN', 'Infinity', '-Infinity', 'null', '']) expect(parseNumber(raw).ok).toBe(false);
    const huge = parseNumber('1e999');
    expect(huge).toEqual({ ok: false, reason: "'1e999' is out of range" });
  });

  it('accepts 29% only where the column allows a percent sign', () => {
    expect(parseNumber('29%').ok).toBe(false);
    expect(parseNumber('29%', { percentSign: true })).toEqual({ ok: true, value: 29 });
  });

  it('accepts 83,000 only where thousands separators are allowed, and only in groups of three', () => {
    const refused = parseNumber('83,000');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.reason).toContain('decimal comma');
    expect(parseNumber('83,000', { thousands: true })).toEqual({ ok: true, value: 83000 });
    expect(parseNumber('1,058,750', { thousands: true })).toEqual({ ok: true, value: 1058750 });
    expect(parseNumber('83,00', { thousands: true }).ok).toBe(false);
  });

  it('advises on a decimal comma by where the number came from', () => {
    // a CSV the command reads with '.' decimals (datasets, rules files): how to fix the file, no --decimal
    expect(parseNumber('29,5')).toEqual({ ok: false, reason: `'29,5' contains a comma (a decimal comma? this file takes '.' decimals: write 29.5, or re-save it from a spreadsheet set to '.' decimals as "CSV UTF-8 (comma delimited)"; thousands separators are not allowed in this column)` });
    // a reader that was given a decimal separator has --decimal (forecast, backtest)
    expect(parseNumber('29,5', { decimal: '.' })).toEqual({ ok: false, reason: "'29,5' contains a comma (a decimal comma? use --decimal ,; thousands separators are not allowed in this column)" });
    // a command-line value
    expect(parseNumber('0,5', { origin: 'argument' })).toEqual({ ok: false, reason: "'0,5' contains a comma (a decimal comma? write 0.5; thousands separators are not allowed here)" });
    // where thousands separators are allowed, one misplaced comma may be a decimal comma; several are not
    expect(parseNumber('138,72', { thousands: true })).toEqual({ ok: false, reason: `'138,72' has misplaced thousands separators (a decimal comma? this file takes '.' decimals: write 138.72, or re-save it from a spreadsheet set to '.' decimals as "CSV UTF-8 (comma delimited)")` });
    expect(parseNumber('1,00,000', { thousands: true })).toEqual({ ok: false, reason: "'1,00,000' has misplaced thousands separators" });
    // several commas in a column without thousands separators: no made-up '.' example
    expect(parseNumber('1,234,567')).toEqual({ ok: false, reason: `'1,234,567' contains a comma (a decimal comma? this file takes '.' decimals: re-save it from a spreadsheet set to '.' decimals as "CSV UTF-8 (comma delimited)"; thousands separators are not allowed in this column)` });
    expect(parseNumber('1,2,3', { origin: 'argument' })).toEqual({ ok: false, reason: "'1,2,3' contains a comma (a decimal comma? write it with '.'; thousands separators are not allowed here)" });
  });

  it('reads a decimal comma when told to', () => {
    expect(parseNumber('3,5', { decimal: ',' })).toEqual({ ok: true, value: 3.5 });
    expect(parseNumber('3.5', { decimal: ',' }).ok).toBe(false);
  });

  it('refuses text that only starts like a number', () => {
    expect(parseNumber('12abc').ok).toBe(false);
    expect(parseNumber('0x10').ok).toBe(false);
    expect(parseNumber('1 000').ok).toBe(false);
  });
});

describe('parseYear', () => {
  it('reads four-digit years in range', () => {
    expect(parseYear('2023')).toEqual({ ok: true, value: 2023 });
    expect(parseYear('23').ok).toBe(false);
    expect(parseYear('2023.5').ok).toBe(false);
    expect(parseYear('1800').ok).toBe(false);
  });
});

describe('parseNumber: exactly the README grammar', () => {
  it('refuses numbers that underflow (1e-400 would silently become 0)', () => {
    for (const raw of ['1e-400', '-1e-400', '0.1e-330', '+5e-325']) {
      const r = parseNumber(raw);
      expect(r.ok, raw).toBe(false);
      if (!r.ok) expect(r.reason).toBe(`'${raw}' is out of range (too close to 0: it would become 0)`);
    }
    expect(parseNumber('0e-400')).toEqual({ ok: true, value: 0 });
    expect(parseNumber('0.000')).toEqual({ ok: true, value: 0 });
    expect(parseNumber('1e-310')).toEqual({ ok: true, value: 1e-310 });
  });

  it('property (seeded): a cell is accepted exactly when it matches the documented grammar, and then reads as Number()', () => {
    const GRAMMAR = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
    const piece = fc.constantFrom('0', '1', '7', '9', '.', ',', '-', '+', 'e', 'E', ' ', '%', '\u00a0', 'x', '٣', '１', '_', "'", '0x', 'Infinity');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }).map((a) => a.join('')), (s) => {
        const r = parseNumber(s);
        const expected = GRAMMAR.test(s) && Number.isFinite(Number(s)) && !(Number(s) === 0 && /[1-9]/.test(s.split(/[eE]/)[0]));
        if (r.ok !== expected) return false;
        return !r.ok || r.value === (Number(s) === 0 ? 0 : Number(s));
      }),
      { seed: 31, numRuns: 5000 },
    );
  });
});
