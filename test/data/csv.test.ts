import { describe, expect, it } from 'vitest';
import { decodeUtf8, parseCsv } from '../../src/data/csv.js';
import { SemicapError } from '../../src/errors.js';

const fails = (fn: () => unknown): SemicapError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(SemicapError);
    return e as SemicapError;
  }
  throw new Error('expected a failure');
};

describe('parseCsv', () => {
  it('reads header and rows with the line each record starts on', () => {
    const t = parseCsv('a,b\n1,2\n\n3,4\n', 'x.csv');
    expect(t.header).toEqual(['a', 'b']);
    expect(t.rows).toEqual([
      { line: 2, cells: ['1', '2'] },
      { line: 4, cells: ['3', '4'] },
    ]);
  });

  it('handles a BOM, CRLF and quoted fields with commas, quotes and newlines', () => {
    const t = parseCsv('\uFEFFname,note\r\n"Hua Hong, Wuxi","said ""hi""\r\nagain"\r\nSMIC,x\r\n', 'x.csv');
    expect(t.header).toEqual(['name', 'note']);
    expect(t.rows[0]).toEqual({ line: 2, cells: ['Hua Hong, Wuxi', 'said "hi"\r\nagain'] });
    expect(t.rows[1]).toEqual({ line: 4, cells: ['SMIC', 'x'] });
  });

  it('names file and line for a row with too many fields', () => {
    const e = fails(() => parseCsv('a,b\n1,2\n3,4,5\n', 'data/x.csv'));
    expect(e.kind).toBe('data');
    expect(e.message).toBe('data/x.csv:3: has 3 fields, expected 2 like the header (a stray comma or a wrong delimiter?)');
  });

  it('names an unterminated quote', () => {
    const e = fails(() => parseCsv('a,b\n1,"2\n3,4\n', 'x.csv'));
    expect(e.message).toMatch(/^x\.csv:\d+: a quoted field is never closed/);
  });

  it('refuses an empty file and bad headers', () => {
    expect(fails(() => parseCsv('', 'e.csv')).message).toBe('e.csv: is empty; expected a header row and data rows');
    expect(fails(() => parseCsv('a,__proto__\n1,2\n', 'p.csv')).message).toBe("p.csv:1:2: column name '__proto__' is not allowed; expected an ordinary name");
    expect(fails(() => parseCsv('a,a\n1,2\n', 'd.csv')).message).toBe("d.csv:1:2: column 'a' appears twice (also column 1); expected unique names");
    expect(fails(() => parseCsv('a,,c\n1,2,3\n', 'n.csv')).message).toBe('n.csv:1:2: empty column name in the header; expected a name');
  });
});

describe('decodeUtf8', () => {
  it('decodes UTF-8 including Chinese text', () => {
    expect(decodeUtf8(new TextEncoder().encode('中芯国际,1\n'), 'x.csv')).toBe('中芯国际,1\n');
  });

  it('refuses invalid UTF-8 with the line of the first bad byte', () => {
    const bytes = new Uint8Array([0x61, 0x0a, 0x62, 0x0a, 0xff, 0x0a]);
    expect(fails(() => decodeUtf8(bytes, 'bad.csv')).message).toBe('bad.csv:3: invalid UTF-8 at byte 5; expected UTF-8 text (re-save the file as UTF-8)');
  });

  it('refuses binary files', () => {
    expect(fails(() => decodeUtf8(new Uint8Array([0x61, 0x0a, 0x00, 0x01]), 'bin.csv')).message).toBe('bin.csv:2: contains a NUL byte: this is a binary file, expected UTF-8 CSV text');
  });
});
