import { describe, expect, it } from 'vitest';
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
