// What every command hands to the output layer: named tables of typed cells, plus notes and warnings.
// Renderers (table, CSV, JSON, Markdown) all read this one shape, so every command gets every format.
import type { CsvDecimal, CsvDelimiter } from './csv.js';
import type { Chart } from './series.js';

export type CellValue = string | number | boolean | null;

export interface Column {
  key: string;
  header: string;
  /** The key of its Chinese heading when a column shares its key with a column of another meaning (default: `key`). */
  headingKey?: string;
  /** `number` cells print rounded to `digits` in tables and in full in files. */
  type?: 'text' | 'number' | 'int';
  digits?: number;
  /** What a table shows for an empty cell (files keep it empty), e.g. 'not by 2040'. */
  emptyText?: string;
  /**
   * The unit of a number column's values (CNY_bn, wpm_8in_eq, ...): a Chinese table shows them in 亿元, 万片/月.
   * `row`: each row's own, named in its `unit` cell.
   */
  unit?: string;
  /**
   * Who the column is for: `people` (tables, Markdown, HTML: e.g. a band shown as "42.05-55.31") or `files`
   * (CSV, JSON, spreadsheets: the same band as separate numbers). Absent: both.
   */
  audience?: 'people' | 'files';
}

export interface Table {
  /** Stable machine name (used by --table and in JSON). */
  name: string;
  title?: string;
  columns: Column[];
  rows: Record<string, CellValue>[];
  /** Who the table is for (see Column.audience); absent: both. */
  audience?: 'people' | 'files';
  /**
   * Rows too many to hold at once (a forecast of a large file), produced batch by batch while the output is
   * written; each row holds its cells in column order. CSV and JSON write them as they come; the other formats
   * collect them into `rows` first. The command's notes, warnings and messages are complete once it has ended.
   */
  stream?: AsyncIterable<CellValue[][] | RenderedRows>;
  /** Rows the stream is sure to give, counted before any is computed (so a format that holds them can refuse early). */
  leastRows?: (enough: number) => number;
}

/**
 * A batch of streamed rows whose CSV text was already written where the rows were computed (worker threads), by
 * the same cell function as the CSV writer (csv.ts csvCell) with the options given: the writer takes the text
 * as it is when its own options are these, and asks for the cells otherwise (JSON, tables, other options).
 */
export interface RenderedRows {
  /** The rows as CSV lines in UTF-8, and the options they were written with. */
  csv: { bytes: Uint8Array; neutralise: boolean; excel: boolean; delimiter: CsvDelimiter; decimal: CsvDecimal };
  cells(): CellValue[][];
}

export interface Report {
  command: string;
  tables: Table[];
  /** Explanations that belong with the numbers (implied rates, which rows were inputs). */
  notes: string[];
  /** Things the reader must not miss (a path clamped at 100 %, a source conflict). */
  warnings: string[];
  /** Chart-ready series (history, projections, bands) for --chart and --chart-out; never written into CSV/JSON. */
  charts?: Chart[];
  /** Text printed as-is instead of tables (e.g. a shell completion script). */
  raw?: string;
}

/** A use case's part of a report: its tables, notes, warnings and charts (a command wraps it in a Report). */
export interface Section {
  tables: Table[];
  notes: string[];
  warnings: string[];
  charts: Chart[];
}

export const FORMATS = ['table', 'csv', 'json', 'md', 'xlsx'] as const;
export type Format = (typeof FORMATS)[number];

/** The report with only the columns meant for that audience (see Column.audience). */
export function forAudience(report: Report, audience: 'people' | 'files'): Report {
  const other = (x: { audience?: 'people' | 'files' }) => x.audience !== undefined && x.audience !== audience;
  if (!report.tables.some((t) => other(t) || t.columns.some(other))) return report;
  return { ...report, tables: report.tables.filter((t) => !other(t)).map((t) => ({ ...t, columns: t.columns.filter((c) => !other(c)) })) };
}

export function makeReport(command: string, tables: Table[], notes: string[] = [], warnings: string[] = []): Report {
  return { command, tables, notes, warnings };
}
