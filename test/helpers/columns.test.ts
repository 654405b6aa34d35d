// The width tests' quick column count is string-width's, character by character and on random text.
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { columns } from './columns.js';

describe('columns', () => {
  it("counts each character of the ranges it sums as string-width counts it beside others", () => {
    const differ: string[] = [];
    const ranges = [[0x20, 0x7e], [0xa0, 0x2ff], [0x2010, 0x205e], [0x2190, 0x22ff], [0x2500, 0x25ff], [0x3000, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xac00, 0xd7a3], [0xff01, 0xffe6]];
    for (const [from, to] of ranges) {
      // Every character of the short ranges; the large blocks of one width (ideographs, syllables) at a stride and their ends.
      const step = to - from > 0x400 ? 31 : 1;
      for (let code = from; code <= to; code = code === to || code + step <= to ? code + step : to) {
        const line = `a${String.fromCharCode(code)}中│`;
        if (columns(line) !== stringWidth(line)) differ.push(code.toString(16));
      }
    }
    expect(differ).toEqual([]);
  });

  it('gives string-width\'s count for random text, marks, joiners and escapes included (seeded property)', () => {
    const unit = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xd7ff }), fc.constantFrom(0x1b, 0x200d, 0x301, 0x309a, 0xfe0f, 0x1100, 0x2502, 0x4e2d));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (codes) => {
        const line = String.fromCharCode(...codes);
        if (columns(line) !== stringWidth(line)) expect(columns(line)).toBe(stringWidth(line));
      }),
      { seed: 71, numRuns: 3000 },
    );
  });
});
