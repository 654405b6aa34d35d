// The error table of anchored projections (datasets/projection_errors.csv): reading it for the bands, writing
// it from measured rows, and reading the yearly benchmark series it is measured on.
import { join } from 'node:path';
import { dataError } from '../errors.js';
import { ERROR_PROBS, type ErrorRow, type YearlySeries } from '../domain/projection-evidence.js';
import { PROJECTION_METHODS, type ProjectionMethod } from '../domain/projection.js';
import { decodeUtf8, parseCsv } from './csv.js';
import { bundledDataDir } from './datasets.js';
import { readInputBytes } from './files.js';
import { formatProblem } from './problem.js';
import type { Schema } from './schema.js';

/** Column names of the quantiles of ln(actual / projected), in ERROR_PROBS order. */
export const QUANTILE_COLUMNS = ['lr_q2_5', 'lr_q10', 'lr_q50', 'lr_q90', 'lr_q97_5'] as const;

const count = (name: string, description: string) => ({ name, cell: { type: 'number' as const, integer: true, min: 0 }, description });

export const projectionErrorsSchema: Schema = {
  name: 'projection_errors',
  description: 'how far anchored projections landed from the outcome on benchmark series: quantiles of ln(actual / projected)',
  key: ['benchmark', 'method', 'anchor_span', 'horizon'],
  columns: [
    { name: 'benchmark', cell: { type: 'id' }, description: 'the benchmark the series come from (m3_yearly)' },
    { name: 'method', cell: { type: 'enum', values: PROJECTION_METHODS }, description: 'cagr, linear or logistic' },
    { ...count('anchor_span', 'years between the two anchors'), cell: { type: 'number', integer: true, min: 1 } },
    { ...count('horizon', 'years past the last anchor'), cell: { type: 'number', integer: true, min: 1 } },
    count('series', 'series measured, one case each'),
    count('held_at_bound', 'further series whose path was held at a bound (a linear path held at 0), left out of the quantiles'),
    ...QUANTILE_COLUMNS.map((name, i) => ({ name, cell: { type: 'number' as const }, description: `the ${ERROR_PROBS[i] * 100} % quantile of ln(actual / projected)` })),
  ],
};

/** The bundled table's path. */
export function bundledErrorTablePath(): string {
  return join(bundledDataDir(), `${projectionErrorsSchema.name}.csv`);
}

let cached: ErrorRow[] | undefined;

/**
 * Reads and checks an error table (the bundled one by default, read once per process). The file is generated
 * (formatErrorTable), so it is read by a small exact reader rather than the dataset validator: every run of
 * `overview` reads it, and start-up time counts. Anything unexpected is a data error naming line and column (exit 65).
 */
export function loadErrorTable(path?: string): ErrorRow[] {
  if (path === undefined && cached !== undefined) return cached;
  const file = path ?? bundledErrorTablePath();
  const result = parseErrorTable(decodeUtf8(readInputBytes(file), file), file);
  if (path === undefined) cached = result;
  return result;
}

const HEADER = projectionErrorsSchema.columns.map((c) => c.name);
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;

/** The rows of an error table's CSV text, checked cell by cell against projectionErrorsSchema. */
export function parseErrorTable(text: string, file: string): ErrorRow[] {
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  const problem = (line: number, column: number | undefined, message: string) => dataError(formatProblem({ file, line, column, message }));
  if (lines.length === 0 || lines[0].replace(/^\uFEFF/, '') !== HEADER.join(',')) throw problem(1, undefined, `the header is not ${HEADER.join(',')}`);
  const seen = new Set<string>();
  return lines.slice(1).map((line, i) => {
    const at = i + 2;
    const cells = line.split(',');
    if (cells.length !== HEADER.length) throw problem(at, undefined, `${cells.length} fields; expected ${HEADER.length}`);
    const [benchmark, method, ...rest] = cells;
    if (!/^[a-z0-9][a-z0-9_.-]*$/.test(benchmark)) throw problem(at, 1, `'${benchmark}' is not an identifier; expected a benchmark name such as m3_yearly`);
    if (!(PROJECTION_METHODS as readonly string[]).includes(method)) throw problem(at, 2, `'${method}' is not allowed; expected one of ${PROJECTION_METHODS.join(', ')}`);
    rest.forEach((cell, k) => {
      const whole = k < 4;
      if (!(whole ? WHOLE : PLAIN_NUMBER).test(cell) || (k < 2 && Number(cell) < 1)) throw problem(at, k + 3, `'${cell}' is not ${whole ? (k < 2 ? 'a whole number ≥ 1' : 'a whole number ≥ 0') : 'a number'}`);
    });
    const key = `${benchmark},${method},${rest[0]},${rest[1]}`;
    if (seen.has(key)) throw problem(at, undefined, `a second row for ${key}; expected one per benchmark, method, anchor_span and horizon`);
    seen.add(key);
    const n = rest.map(Number);
    return { benchmark, method: method as ProjectionMethod, span: n[0], horizon: n[1], series: n[2], held: n[3], q: n.slice(4) };
  });
}

/**
 * The table as CSV text: LF line ends, quantiles with 6 decimals (the same bytes wherever it is regenerated,
 * and finer than any band is shown). An infinite quantile cannot be written and is refused.
 */
export function formatErrorTable(rows: readonly ErrorRow[]): string {
  const header = ['benchmark', 'method', 'anchor_span', 'horizon', 'series', 'held_at_bound', ...QUANTILE_COLUMNS].join(',');
  const lines = rows.map((r) => {
    for (const q of r.q) if (!Number.isFinite(q)) throw new Error(`the ${r.method} quantiles for span ${r.span}, horizon ${r.horizon} are not all finite`);
    return [r.benchmark, r.method, r.span, r.horizon, r.series, r.held, ...r.q.map(fixed6)].join(',');
  });
  return [header, ...lines].join('\n') + '\n';
}

const fixed6 = (v: number) => {
  const t = v.toFixed(6);
  return t === '-0.000000' ? '0.000000' : t;
};

/**
 * Yearly series from a long CSV with columns series_id, year and value (the M3 benchmark file: train and test rows
 * together, in year order). Every series must run over consecutive years.
 */
export function readYearlySeries(path: string): YearlySeries[] {
  const table = parseCsv(decodeUtf8(readInputBytes(path), path), path);
  const col = (name: string) => {
    const i = table.header.indexOf(name);
    if (i < 0) throw dataError(`${path}: no column '${name}'; expected series_id, year and value`);
    return i;
  };
  const [cId, cYear, cValue] = [col('series_id'), col('year'), col('value')];
  const byId = new Map<string, { id: string; years: number[]; values: number[] }>();
  for (const row of table.rows) {
    const id = row.cells[cId];
    const year = Number(row.cells[cYear]);
    const value = Number(row.cells[cValue]);
    if (!Number.isInteger(year) || !Number.isFinite(value)) throw dataError(`${path}: ${row.line}: expected a whole year and a number; got '${row.cells[cYear]}' and '${row.cells[cValue]}'`);
    let s = byId.get(id);
    if (s === undefined) byId.set(id, (s = { id, years: [], values: [] }));
    const previous = s.years[s.years.length - 1];
    if (previous !== undefined && year !== previous + 1) throw dataError(`${path}: ${row.line}: series ${id} jumps from ${previous} to ${year}; expected consecutive years in order`);
    s.years.push(year);
    s.values.push(value);
  }
  return [...byId.values()];
}
