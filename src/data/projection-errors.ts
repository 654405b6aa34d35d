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
import { validateRows, type Schema } from './schema.js';

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

/** Reads and checks an error table (the bundled one by default, read once per process); a bad file is a data error (exit 65). */
export function loadErrorTable(path?: string): ErrorRow[] {
  if (path === undefined && cached !== undefined) return cached;
  const file = path ?? bundledErrorTablePath();
  const table = parseCsv(decodeUtf8(readInputBytes(file), file), file, { plainFirst: true });
  const { rows, problems } = validateRows(table, projectionErrorsSchema);
  if (problems.length > 0) throw dataError(formatProblem(problems[0]));
  const result = rows.map((r) => ({
    benchmark: String(r.benchmark),
    method: r.method as ProjectionMethod,
    span: Number(r.anchor_span),
    horizon: Number(r.horizon),
    series: Number(r.series),
    held: Number(r.held_at_bound),
    q: QUANTILE_COLUMNS.map((c) => Number(r[c])),
  }));
  if (path === undefined) cached = result;
  return result;
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
