// Excel workbooks through exceljs: one sheet per table, numbers as typed numeric cells with a number format
// that shows the table's rounding (the cell keeps full precision), a bold frozen header row, column widths
// that fit the text (wide CJK characters counted double), and notes and warnings on a sheet of their own.
import ExcelJS from 'exceljs';
import type { Column, Report } from './model.js';
import stringWidth from 'string-width';

/** A sheet name Excel accepts: at most 31 characters, none of : \ / ? * [ ], unique in the workbook. */
export function sheetName(name: string, taken: Set<string>): string {
  const base = (name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'table').replace(/^'|'$/g, '_');
  let candidate = base;
  for (let i = 2; taken.has(candidate.toLowerCase()); i++) candidate = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(candidate.toLowerCase());
  return candidate;
}

const numFmt = (c: Column) => (c.type === 'int' ? '0' : `#,##0${(c.digits ?? 2) > 0 ? '.' + '0'.repeat(c.digits ?? 2) : ''}`);

/** Builds the workbook for a report. Creation dates are fixed so the same report gives the same cells. */
export function buildWorkbook(report: Report): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'semicap';
  const fixed = new Date(Date.UTC(2000, 0, 1));
  wb.created = fixed;
  wb.modified = fixed;
  const taken = new Set<string>();
  for (const table of report.tables) {
    const ws = wb.addWorksheet(sheetName(table.name, taken), { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    const headers = table.columns.map((c) => c.header.replace(/\s*\n\s*/g, ' '));
    ws.addRow(headers).font = { bold: true };
    for (const row of table.rows) {
      ws.addRow(
        table.columns.map((c) => {
          const v = row[c.key] ?? null;
          if (typeof v === 'number') return Number.isFinite(v) ? v : null;
          return v;
        }),
      );
    }
    table.columns.forEach((c, i) => {
      const col = ws.getColumn(i + 1);
      if (c.type === 'number' || c.type === 'int') col.numFmt = numFmt(c);
      // A loop, not Math.max(...rows): spreading hundreds of thousands of arguments overflows the stack.
      let widest = stringWidth(headers[i]);
      for (const r of table.rows) widest = Math.max(widest, stringWidth(cellText(r[c.key] ?? null, c)));
      col.width = Math.min(60, Math.max(6, widest + 2));
    });
    // The header row stays text whatever the column's number format.
    ws.getRow(1).eachCell((cell) => (cell.numFmt = '@'));
  }
  if (report.notes.length + report.warnings.length > 0) {
    const ws = wb.addWorksheet(sheetName('notes', taken));
    ws.addRow(['kind', 'text']).font = { bold: true };
    for (const w of report.warnings) ws.addRow(['warning', w]);
    for (const note of report.notes) ws.addRow(['note', note]);
    ws.getColumn(1).width = 10;
    ws.getColumn(2).width = 100;
  }
  return wb;
}

function cellText(v: unknown, c: Column): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return c.type === 'int' ? String(Math.round(v)) : v.toFixed(c.digits ?? 2);
  return String(v);
}

/** The workbook as .xlsx bytes. */
export async function renderXlsx(report: Report): Promise<Uint8Array> {
  const buffer = await buildWorkbook(report).xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
