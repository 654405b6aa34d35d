// writeNumberText must write exactly the characters of String(value): checked against decimals computed
// independently (Python's repr, the shortest round-trip form, for doubles given by their exact bits), against
// String() itself on seeded random doubles of every kind, and on the edges where it hands over to String().
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeNumberText } from '../../src/report/number-bytes.js';

/** The text writeNumberText writes for `value`. */
function text(value: number, decimal = 46): string {
  const bytes = new Uint8Array(40);
  const end = writeNumberText(value, bytes, 3, decimal);
  return Buffer.from(bytes.subarray(3, end)).toString('latin1');
}

/** A double from its hexadecimal form 0x1.MMMMMMMMMMMMMp±E (exact: 52 bits of mantissa, a power of two). */
function fromHex(hex: string): number {
  const m = /^0x1\.([0-9a-f]{13})p([+-]\d+)$/.exec(hex)!;
  return (1 + Number.parseInt(m[1], 16) / 2 ** 52) * 2 ** Number(m[2]);
}

describe('writeNumberText', () => {
  it('writes the shortest decimal that reads back as the double (values from Python repr)', () => {
    // python3 -c "print(repr(float.fromhex(H)))" for each H.
    const cases: [string, string][] = [
      ['0x1.3333333333334p-2', '0.30000000000000004'],
      ['0x1.5555555555555p-2', '0.3333333333333333'],
      ['0x1.5555555555555p-1', '0.6666666666666666'],
      ['0x1.e862475679218p+9', '976.7678020564517'],
      ['0x1.f6e3dd86b5f92p+9', '1005.7801979435483'],
      ['0x1.e240c9fbe76c9p+16', '123456.789'],
      ['0x1.01f31f46ed246p-13', '0.000123'],
      ['0x1.3a92a30553262p-13', '0.00015000000000000001'],
      ['0x1.921fb54442d18p+1', '3.141592653589793'],
      ['0x1.5bf0a8b145769p+1', '2.718281828459045'],
      ['0x1.1f71fb04cb74fp+40', '1234567890123.4568'],
      ['0x1.999999999999bp-3', '0.20000000000000004'],
      ['0x1.225c134e7b8e9p+19', '594656.6033304009'],
      ['0x1.102621db3f7b5p+16', '69670.13225170861'],
      ['0x1.369767f238692p+18', '318045.62415895716'],
      ['0x1.b7e3e74aa837dp+19', '900895.2278634157'],
    ];
    for (const [hex, expected] of cases) {
      expect(text(fromHex(hex))).toBe(expected);
      expect(text(-fromHex(hex))).toBe(`-${expected}`);
      expect(text(fromHex(hex), 44)).toBe(expected.replace('.', ','));
    }
  });

  it('writes integers, zero, powers of two, exponents and non-finite values as String() does', () => {
    const cases: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [2024, '2024'],
      [-7, '-7'],
      [2147483647, '2147483647'],
      [2 ** 53, '9007199254740992'],
      [0.5, '0.5'],
      [0.125, '0.125'],
      [1e21, '1e+21'],
      [1.5e-7, '1.5e-7'],
      [0.000001, '0.000001'],
      [5e-324, '5e-324'],
      [Number.MAX_VALUE, '1.7976931348623157e+308'],
      [Number.NaN, 'NaN'],
      [-Infinity, '-Infinity'],
    ];
    for (const [value, expected] of cases) expect(text(value)).toBe(expected);
    expect(text(-1.5e-7, 44)).toBe('-1,5e-7');
  });

  it('gives the text of String() for any double (seeded property)', () => {
    fc.assert(
      fc.property(fc.double(), fc.constantFrom(46, 44), (value, decimal) => {
        const expected = decimal === 46 ? String(value) : String(value).replace('.', ',');
        // expect() only on a mismatch: it costs more than the writing, and the property's failure shows the case.
        const written = text(value, decimal);
        if (written !== expected) expect(written).toBe(expected);
      }),
      { seed: 20261206, numRuns: 20_000 },
    );
  });

  it('gives the text of String() for forecast-like values: 3 decimals, bounds, 15 to 17 digits (seeded)', () => {
    let seed = 12345;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const kinds = [
      () => Math.round(random() * 1e7) / 1000,
      () => 1000 + random() * 50 - 1.2815515655446004 * random() * 30 * Math.sqrt(1 + Math.floor(random() * 6)),
      () => Number((random() * 10 ** Math.floor(random() * 14)).toPrecision(1 + Math.floor(random() * 17))),
      () => 10 ** (random() * 20 - 7) * (random() < 0.5 ? -1 : 1),
    ];
    for (const kind of kinds) {
      for (let i = 0; i < 20_000; i++) {
        const value = kind();
        const written = text(value);
        if (written !== String(value)) expect(written).toBe(String(value));
      }
    }
  });

  it('writes at the offset given and returns where the text ends, leaving the bytes before it alone', () => {
    // 25 bytes of room from the offset (bytes after the text's end may be used as scratch).
    const bytes = new Uint8Array(2 + 25).fill(120);
    expect(writeNumberText(2.5, bytes, 2)).toBe(5);
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('xx2.5');
    bytes.fill(120);
    expect(writeNumberText(-0.000123456789012345, bytes, 2)).toBe(2 + '-0.000123456789012345'.length);
    expect(Buffer.from(bytes.subarray(0, 23)).toString('latin1')).toBe('xx-0.000123456789012345');
  });
});
