// A schema says what each column of a dataset holds; validateRows applies it to parsed CSV cells and
// collects every problem (not just the first), each with file, line, column and what was expected.
import { parseNumber, parseYear, type NumberRules } from './values.js';
import type { CsvTable } from './csv.js';
import type { Problem } from './problem.js';
import { say } from '../messages.js';

export type CellType =
  | { type: 'year' }
  | { type: 'number'; rules?: NumberRules; min?: number; max?: number; integer?: boolean; /** An exclusive lower bound (0 for a capacity: no growth rate runs from or to 0). */ above?: number }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'id' }
  | { type: 'text' };

export interface ColumnSpec {
  name: string;
  cell: CellType;
  /** An empty cell is allowed (the value becomes null). */
  optional?: boolean;
  /** The whole column may be absent from the header. */
  mayBeAbsent?: boolean;
  description: string;
}

export interface Schema {
  /** Dataset name, also the file name without `.csv`. */
  name: string;
  description: string;
  columns: ColumnSpec[];
  /** Columns whose values together must be unique. */
  key: string[];
  /**
   * How the cells of one row must fit together (a range's low end not above its high end): what a command would
   * otherwise refuse later, found here so that validate and every loading command report it at FILE:LINE:COLUMN.
   */
  rowCheck?: (row: Readonly<Record<string, Cell>>) => { column: string; message: string } | undefined;
  /** How rows must fit together (shares of one source and year adding up to at most 100 %), after each row is valid. */
  rowsCheck?: (rows: readonly Row[]) => { line: number; column: string; message: string }[];
}

export type Cell = string | number | null;
/** A validated row: a null-prototype record (a `__proto__` column can never reach a prototype), with its line. */
export type Row = Record<string, Cell> & { readonly __line: number };

export interface Validated {
  rows: Row[];
  problems: Problem[];
}

const ID = /^[a-z0-9][a-z0-9_.-]*$/;
const MAX_PROBLEMS = 100;

function checkCell(raw: string, cell: CellType): { ok: true; value: Cell } | { ok: false; reason: string } {
  switch (cell.type) {
    case 'year':
      return parseYear(raw);
    case 'number': {
      const parsed = parseNumber(raw, cell.rules);
      if (!parsed.ok) return { ok: false, reason: say('error.cellNumber', { reason: parsed.reason }) };
      const v = parsed.value;
      if (cell.integer && !Number.isInteger(v)) return { ok: false, reason: say('error.cellNotWhole', { raw }) };
      if (cell.min !== undefined && v < cell.min) return { ok: false, reason: say('error.cellBelowMin', { value: v, min: cell.min }) };
      if (cell.above !== undefined && !(v > cell.above)) return { ok: false, reason: say('error.cellNotAbove', { value: v, above: cell.above }) };
      if (cell.max !== undefined && v > cell.max) return { ok: false, reason: say('error.cellAboveMax', { value: v, max: cell.max }) };
      return { ok: true, value: v };
    }
    case 'enum': {
      const v = raw.trim();
      if (cell.values.includes(v)) return { ok: true, value: v };
      return { ok: false, reason: say('error.cellNotAllowed', { raw, values: cell.values.join(', ') }) };
    }
    case 'id': {
      const v = raw.trim();
      if (ID.test(v)) return { ok: true, value: v };
      return { ok: false, reason: say('error.cellNotId', { raw }) };
    }
    case 'text':
      return { ok: true, value: raw };
  }
}

/** Applies a schema to parsed CSV. Unknown extra columns are allowed and ignored (a user's own notes columns). */
export function validateRows(table: CsvTable, schema: Schema): Validated {
  const problems: Problem[] = [];
  const file = table.file;
  const index = new Map<string, number>();
  table.header.forEach((h, i) => index.set(h, i));
  for (const col of schema.columns) {
    if (!index.has(col.name) && !col.mayBeAbsent) {
      problems.push({ file, line: 1, message: say('error.missingColumn', { column: col.name, columns: schema.columns.filter((c) => !c.mayBeAbsent).map((c) => c.name).join(',') }) });
    }
  }
  if (problems.length > 0) return { rows: [], problems };
  if (table.rows.length === 0) return { rows: [], problems: [{ file, message: say('error.noRows') }] };

  const rows: Row[] = [];
  const seenKeys = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    if (problems.length >= MAX_PROBLEMS) break;
    const row = Object.create(null) as Record<string, Cell>;
    let rowOk = true;
    for (const col of schema.columns) {
      const i = index.get(col.name);
      if (i === undefined) {
        row[col.name] = null;
        continue;
      }
      const raw = cells[i] ?? '';
      if (raw.trim() === '') {
        if (!col.optional) {
          problems.push({ file, line, column: i + 1, message: say('error.emptyCell', { column: col.name, expected: describeCell(col.cell) }) });
          rowOk = false;
        }
        row[col.name] = null;
        continue;
      }
      const checked = checkCell(raw, col.cell);
      if (checked.ok) row[col.name] = checked.value;
      else {
        problems.push({ file, line, column: i + 1, message: say('error.badCell', { column: col.name, reason: checked.reason }) });
        rowOk = false;
      }
    }
    if (!rowOk) continue;
    const misfit = schema.rowCheck?.(row);
    if (misfit !== undefined) {
      const i = index.get(misfit.column);
      problems.push({ file, line, column: i === undefined ? undefined : i + 1, message: misfit.message });
      continue;
    }
    const key = schema.key.map((k) => String(row[k] ?? '')).join('\u0000');
    const first = seenKeys.get(key);
    if (first !== undefined) {
      problems.push({ file, line, message: `duplicate row: ${schema.key.map((k) => `${k}=${row[k] ?? ''}`).join(', ')} already on line ${first}; expected one row per ${schema.key.join(', ')}` });
      continue;
    }
    seenKeys.set(key, line);
    Object.defineProperty(row, '__line', { value: line, enumerable: false });
    rows.push(row as Row);
  }
  if (schema.rowsCheck && problems.length === 0) {
    for (const p of schema.rowsCheck(rows)) {
      const i = index.get(p.column);
      problems.push({ file, line: p.line, column: i === undefined ? undefined : i + 1, message: p.message });
    }
  }
  return { rows, problems };
}

export function describeCell(cell: CellType): string {
  switch (cell.type) {
    case 'year':
      return 'a year such as 2023';
    case 'number':
      if (cell.above !== undefined) return cell.max !== undefined ? `a number above ${cell.above} and at most ${cell.max}` : `a number above ${cell.above}`;
      return cell.min !== undefined && cell.max !== undefined ? `a number from ${cell.min} to ${cell.max}` : cell.min !== undefined ? `a number of at least ${cell.min}` : 'a number';
    case 'enum':
      return `one of ${cell.values.join(', ')}`;
    case 'id':
      return 'an identifier';
    case 'text':
      return 'text';
  }
}
