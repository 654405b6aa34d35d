import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { makeReport } from '../../src/report/model.js';
import { renderXlsx, sheetName } from '../../src/report/xlsx.js';

const report = makeReport(
  'capacity',
  [
    {
      name: 'projection',
      title: 'China share',
      columns: [
        { key: 'year', header: 'year', type: 'int' },
        { key: 'cagr', header: '复合增长\n%', type: 'number', digits: 2 },
        { key: 'point', header: 'point' },
      ],
      rows: [
        { year: 2023, cagr: 29, point: '锚点 anchor' },
        { year: 2030, cagr: 48.70428, point: '=SUM(A1)' },
        { year: 2031, cagr: null, point: null },
      ],
    },
    { name: 'inputs', columns: [{ key: 'value', header: 'value', type: 'number', digits: 0 }], rows: [{ value: -3.5 }] },
  ],
  ['a note'],
  ['a warning'],
);

async function readBack(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

describe('renderXlsx', () => {
  it('one sheet per table, plus notes', async () => {
    const wb = await readBack(await renderXlsx(report));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['projection', 'inputs', 'notes']);
    const notes = wb.getWorksheet('notes')!;
    expect(notes.getRow(2).values).toEqual([undefined, 'warning', 'a warning']);
    expect(notes.getRow(3).values).toEqual([undefined, 'note', 'a note']);
  });

  it('numbers are numeric cells in full precision with the table rounding as number format; text stays text', async () => {
    const ws = (await readBack(await renderXlsx(report))).getWorksheet('projection')!;
    const c = ws.getCell('B3');
    expect(c.type).toBe(ExcelJS.ValueType.Number);
    expect(c.value).toBe(48.70428);
    expect(c.numFmt).toBe('#,##0.00');
    expect(ws.getCell('A2').value).toBe(2023);
    expect(ws.getCell('A2').numFmt).toBe('0');
    expect(ws.getCell('C2').value).toBe('锚点 anchor');
    // A formula-like text is stored as text, never as a formula.
    expect(ws.getCell('C3').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('C3').value).toBe('=SUM(A1)');
    expect(ws.getCell('B4').value).toBeNull();
    const inputs = (await readBack(await renderXlsx(report))).getWorksheet('inputs')!;
    expect(inputs.getCell('A2').value).toBe(-3.5);
  });

  it('a bold header row, frozen, and column widths that fit the text (CJK counted double)', async () => {
    const ws = (await readBack(await renderXlsx(report))).getWorksheet('projection')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'year', '复合增长 %', 'point']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // '锚点 anchor' is 2×2 + 7 = 11 columns wide → 13 with padding; '复合增长 %' is 10 → 12.
    expect(ws.getColumn(3).width).toBe(13);
    expect(ws.getColumn(2).width).toBe(12);
    expect(ws.getColumn(1).width).toBe(6);
  });
});

describe('sheetName', () => {
  it('removes the characters Excel refuses, cuts to 31 and keeps names unique', () => {
    const taken = new Set<string>();
    expect(sheetName('a/b:c?d*e[f]g\\h', taken)).toBe('a_b_c_d_e_f_g_h');
    expect(sheetName('x'.repeat(40), taken)).toBe('x'.repeat(31));
    expect(sheetName('x'.repeat(40), taken)).toBe('x'.repeat(29) + '_2');
    expect(sheetName('Notes', taken)).toBe('Notes');
    expect(sheetName('notes', taken)).toBe('notes_2');
  });
});
