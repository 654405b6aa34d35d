import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { csvCell, csvDialect, formatCsvNumber, neutraliseCell, renderCsv, type CsvWriteOptions } from '../../src/report/csv.js';
import type { CellValue, Table } from '../../src/report/model.js';

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

describe('renderCsv for the Excel of comma-decimal locales', () => {
  it('writes ; between fields and a decimal comma, quotes text holding a ;, and leaves commas in text unquoted', () => {
    const t: Table = { ...table, rows: [...table.rows, { name: 'a;b', value: 1e21 }, { name: 'two\nlines', value: -0 }, { name: 'x, y', value: 1e-7 }] };
    expect(renderCsv(t, { excel: true, delimiter: ';', decimal: ',' })).toBe(
      '\uFEFFname;value\r\n' +
        '"\'=HYPERLINK(""http://x"",""click"")";-3,5\r\n' +
        '"Hua Hong, ""Wuxi""";48,70397476574211\r\n' +
        '中芯国际;\r\n' +
        '-3.5;0,30000000000000004\r\n' +
        '"a;b";1e+21\r\n' +
        '"two\nlines";0\r\n' +
        'x, y;1e-7\r\n',
    );
  });

  it('quotes a field holding a lone LF or CR in CRLF files, as in LF files', () => {
    const t: Table = { name: 't', columns: [{ key: 'a', header: 'a' }], rows: [{ a: 'one\ntwo' }, { a: 'three\rfour' }] };
    expect(renderCsv(t, { excel: true })).toBe('\uFEFFa\r\n"one\ntwo"\r\n"three\rfour"\r\n');
    expect(renderCsv(t)).toBe('a\n"one\ntwo"\n"three\rfour"\n');
  });

  it('with a tab between fields, quotes text holding a tab', () => {
    const t: Table = { name: 't', columns: [{ key: 'a', header: 'a' }, { key: 'b', header: 'b' }], rows: [{ a: 'x\ty', b: 2.5 }, { a: 'p,q;r', b: true }] };
    expect(renderCsv(t, { excel: true, delimiter: '\t', decimal: ',' })).toBe('\uFEFFa\tb\r\n"x\ty"\t2,5\r\np,q;r\ttrue\r\n');
  });

  it('formats numbers in full precision with the decimal mark asked for; non-finite numbers are empty', () => {
    expect([0.1 + 0.2, -3.5, 2024, -0, 1e21, 5e-324].map((x) => formatCsvNumber(x, ','))).toEqual(['0,30000000000000004', '-3,5', '2024', '0', '1e+21', '5e-324']);
    expect([Infinity, -Infinity, Number.NaN].map((x) => formatCsvNumber(x, ','))).toEqual(['', '', '']);
  });
});

describe('the two CSV writers (csv-stringify for whole tables, csvCell for the stream) agree', () => {
  const cell = fc.oneof(
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.constantFrom('a', '1', '.', ',', ';', '\t', '"', '\n', '\r', ' ', '=', '-', '@', '中', '\u00a0'), { maxLength: 8 }).map((a) => a.join('')),
  );
  const DIALECTS: CsvWriteOptions[] = [{}, { excel: true }, { neutralise: false }, { excel: true, delimiter: ';', decimal: ',' }, { excel: true, delimiter: '\t', decimal: ',' }, { excel: true, delimiter: ';', neutralise: false }];

  it('byte for byte, and csv-parse reads back every cell (numbers exactly, with the decimal mark swapped back)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 6 }), fc.constantFrom(...DIALECTS), (cells, options) => {
        const columns = ['k.a', 'b', 'c'].map((key) => ({ key, header: key }));
        const t: Table = { name: 't', columns, rows: cells.map((r) => Object.fromEntries(columns.map((c, i) => [c.key, r[i]]))) };
        const d = csvDialect(options);
        const byHand = d.bom + columns.map((c) => d.quote(c.key)).join(d.delimiter) + d.eol + cells.map((r) => r.map((v) => csvCell(d, v)).join(d.delimiter) + d.eol).join('');
        const text = renderCsv(t, options);
        if (text !== byHand) return false;
        const back = parse(text, { bom: true, delimiter: d.delimiter, relax_quotes: false }) as string[][];
        const expected = (v: CellValue) => (typeof v === 'number' ? (Number.isFinite(v) ? v : '') : v === null ? '' : typeof v === 'string' ? d.text(v) : String(v));
        const read = (s: string, v: CellValue) => (typeof v === 'number' && s !== '' ? Number(options.decimal === ',' ? s.replace(',', '.') : s) : s);
        return back.length === cells.length + 1 && cells.every((r, i) => r.every((v, j) => Object.is(read(back[i + 1][j], v), Object.is(v, -0) ? 0 : expected(v))));
      }),
      { seed: 7, numRuns: 3000 },
    );
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

  it('in a file delimited by ; or tab, behind a comma too (left unquoted there, and where Excel splits in other locales)', () => {
    expect(neutraliseCell('a,=1+2', true, ';')).toBe("a,'=1+2");
    expect(neutraliseCell('a, -x;+y', true, '\t')).toBe("a,' -x;'+y");
    // Comma-delimited: a cell holding a comma is quoted, and no spreadsheet splits inside quotes.
    expect(neutraliseCell('a,=1+2', true, ',')).toBe('a,=1+2');
    expect(neutraliseCell('a,=1+2', false, ';')).toBe('a,=1+2');
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
