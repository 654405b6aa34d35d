import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { neutraliseCell, renderCsv } from '../../src/report/csv.js';
import type { Table } from '../../src/report/model.js';

const table: Table = {
  name: 't',
  columns: [
    { key: 'name', header: 'Name' },
    { key: 'value', header: 'Value', type: 'number' },
  ],
  rows: [
    { name: '=HYPERLINK("http://x","click")', value: -3.5 },
    { name: 'Hua Hong, "Wuxi"', value: 48.70397476574211 },
    { name: '中芯国际', value: null },
    { name: '-3.5', value: 0.1 + 0.2 },
  ],
};

describe('renderCsv', () => {
  it('quotes per RFC 4180, keeps full precision and neutralises formulas but not numbers', () => {
    expect(renderCsv(table)).toBe(
      'name,value\n' +
        '"\'=HYPERLINK(""http://x"",""click"")",-3.5\n' +
        '"Hua Hong, ""Wuxi""",48.70397476574211\n' +
        '中芯国际,\n' +
        '-3.5,0.30000000000000004\n',
    );
  });

  it('writes raw text when neutralising is off, and a BOM with CRLF for Excel', () => {
    const out = renderCsv(table, { neutralise: false, excel: true });
    expect(out.startsWith('\uFEFFname,value\r\n"=HYPERLINK(')).toBe(true);
    expect(out.endsWith('-3.5,0.30000000000000004\r\n')).toBe(true);
  });
});

describe('neutraliseCell', () => {
  it('prefixes every formula trigger named by OWASP', () => {
    for (const s of ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\tx', '\rx']) expect(neutraliseCell(s)).toBe(`'${s}`);
    expect(neutraliseCell('plain')).toBe('plain');
    expect(neutraliseCell('-12.5')).toBe('-12.5');
    expect(neutraliseCell('+1e3')).toBe('+1e3');
  });
});

describe('neutraliseCell: every prefix a spreadsheet runs', () => {
  it('after leading spaces and invisible characters, full-width forms, LF; numbers untouched', () => {
    for (const s of ['\nx', ' =1+1', '\u00a0=1+1', '\u200b=1+1', '\ufeff@SUM(A1)', '\u2060+1', ' \u200c-x', '\uff1d1+1', '\uff0b1', '\uff0dx', '\uff20SUM(A1)', '\u3000=1']) {
      expect(neutraliseCell(s), JSON.stringify(s)).toBe(`'${s}`);
    }
    for (const s of ['-3.5', ' -3.5', '+0.25', '-1e-9', 'a-b', 'x=1', '2023-2027', '']) expect(neutraliseCell(s), s).toBe(s);
  });

  it('for Excel, behind a ; or a tab too (where a European Excel or a paste splits cells)', () => {
    expect(neutraliseCell('a;=1+2', true)).toBe("a;'=1+2");
    expect(neutraliseCell('a; \u200b@x;b', true)).toBe("a;' \u200b@x;b");
    expect(neutraliseCell('=a;+b', true)).toBe("'=a;'+b");
    expect(neutraliseCell('a\t-x', true)).toBe("a\t'-x");
    // Without --excel the file is comma-separated only: text after a ';' is not a cell of its own.
    expect(neutraliseCell('a;=1+2')).toBe('a;=1+2');
    expect(neutraliseCell('a;b, c', true)).toBe('a;b, c');
  });
});

describe('neutraliseCell: properties (seeded)', () => {
  const FORMULA = /^[\s\u200b-\u200d\u2060\u180e\u00ad]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe62\ufe63\ufe66\ufe6b]/;
  const pieces = fc.constantFrom('=', '+', '-', '@', '\uff1d', '\uff0b', '\uff0d', '\uff20', ' ', '\u00a0', '\u200b', '\ufeff', '\t', '\r', '\n', ';', ',', '"', 'a', '1', '.', 'e', 'SUM(', ')');
  const text = fc.array(pieces, { maxLength: 12 }).map((a) => a.join(''));

  it('no output starts a formula, for Excel none does behind a ; or tab; plain numbers never change', () => {
    fc.assert(
      fc.property(text, fc.boolean(), (s, excel) => {
        const out = neutraliseCell(s, excel);
        if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(s.trim())) return out === s;
        const starts = FORMULA.test(out) || /^[\t\r\n]/.test(out);
        const inner = excel && out.split(/[;\t]/).slice(1).some((part) => FORMULA.test(part));
        // The only change is apostrophes inserted: removing them gives the input back.
        const undo = out.startsWith("'") && !s.startsWith("'") ? out.slice(1) : out;
        return !starts && !inner && undo.replace(/([;\t])'/g, '$1') === s.replace(/([;\t])'/g, '$1');
      }),
      { seed: 16, numRuns: 3000 },
    );
  });

  it('numbers as written by the CSV writer are never touched', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => neutraliseCell(String(x)) === String(x) && neutraliseCell(x.toFixed(2)) === x.toFixed(2)),
      { seed: 16, numRuns: 2000 },
    );
  });
});
