// Writing a report whose table arrives in batches (Table.stream), so that a forecast of a million series is
// written as it is computed instead of being held whole: CSV and JSON come out byte for byte as renderCsv and
// renderJson would write them from the collected rows.
import { csvCell, csvDialect, type CsvWriteOptions } from './csv.js';
import { renderJson } from './json.js';
import { usageError } from '../errors.js';
import type { CellValue, RenderedRows, Report, Table } from './model.js';

/** Where streamed text goes (a string, or UTF-8 bytes): stdout (awaiting the pipe) or an atomic file. */
export type TextSink = (text: string | Uint8Array) => Promise<void> | void;

/** Text is handed on in pieces of about this size: few writes, little held. */
const PIECE = 1 << 20;

/** Rows rendered with `rendered` read as rows written with `options` would (defaults applied to both). */
function sameCsvOptions(rendered: CsvWriteOptions, options: CsvWriteOptions): boolean {
  const norm = (o: CsvWriteOptions) => `${o.neutralise ?? true}|${o.excel ?? false}|${o.delimiter ?? ','}|${o.decimal ?? '.'}`;
  return norm(rendered) === norm(options);
}

/** A batch's cells, whether it came as cells or already rendered. */
const cellsOf = (batch: CellValue[][] | RenderedRows): CellValue[][] => (Array.isArray(batch) ? batch : batch.cells());

/** The streamed table of a report, if it has one. */
export const streamedTable = (report: Report): Table | undefined => report.tables.find((t) => t.stream !== undefined);

/** Replaces each streamed table by one whose rows are all collected (for tables, Markdown, spreadsheets, charts). */
export async function collectStreams(report: Report, limit = Infinity, format = 'table'): Promise<Report> {
  if (streamedTable(report) === undefined) return report;
  let held = report.tables.reduce((n, t) => n + t.rows.length, 0);
  const tables: Table[] = [];
  for (const table of report.tables) {
    if (table.stream === undefined) {
      tables.push(table);
      continue;
    }
    const rows: Table['rows'] = [...table.rows];
    for await (const rendered of table.stream) {
      const batch = cellsOf(rendered);
      held += batch.length;
      // Stop before holding more than the format can take, not after.
      if (held > limit) throw usageError(`more than ${limit.toLocaleString('en')} rows are too many for --format ${format} (held in memory whole); use --format csv or json, which are written as the rows come`);
      for (const cells of batch) rows.push(rowObject(table, cells));
    }
    tables.push({ name: table.name, title: table.title, columns: table.columns, rows });
  }
  // Notes and warnings are read after the stream has ended: the command completes them at the end.
  return { ...report, tables };
}

const rowObject = (table: Table, cells: CellValue[]): Record<string, CellValue> => {
  const row: Record<string, CellValue> = Object.create(null);
  table.columns.forEach((c, i) => (row[c.key] = cells[i] ?? null));
  return row;
};

/** Collects text into pieces of about PIECE characters before handing them to the sink. */
function pieces(sink: TextSink) {
  let buffer: string[] = [];
  let size = 0;
  return {
    async add(text: string) {
      buffer.push(text);
      size += text.length;
      if (size >= PIECE) await this.flush();
    },
    /** Text already in UTF-8 (rows rendered in a worker thread): handed on as it is, after the text before it. */
    async addBytes(bytes: Uint8Array) {
      await this.flush();
      if (bytes.length > 0) await sink(bytes);
    },
    async flush() {
      if (size === 0) return;
      const text = buffer.join('');
      buffer = [];
      size = 0;
      await sink(text);
    },
  };
}

/**
 * CSV of a streamed table. Nothing is written before the first batch has been produced, so a command that
 * fails before producing any row (no series could be forecast) leaves its output empty.
 */
export async function streamCsv(table: Table, options: CsvWriteOptions, sink: TextSink): Promise<void> {
  // Written by hand, not by csv-stringify as renderCsv is: csv-stringify was slower here (npm run bench:csv).
  const dialect = csvDialect(options);
  const { delimiter, eol } = dialect;
  const out = pieces(sink);
  const cell = (v: CellValue | undefined) => csvCell(dialect, v);
  const line = (cells: readonly CellValue[]) => {
    let text = cell(cells[0]);
    for (let i = 1; i < table.columns.length; i++) text += delimiter + cell(cells[i]);
    return text + eol;
  };
  let started = false;
  const start = async () => {
    started = true;
    await out.add(dialect.bom + table.columns.map((c) => dialect.quote(c.key)).join(delimiter) + eol);
    for (const row of table.rows) await out.add(line(table.columns.map((c) => row[c.key] ?? null)));
  };
  for await (const batch of table.stream ?? []) {
    if (!Array.isArray(batch) && sameCsvOptions(batch.csv, options)) {
      // Rendered where it was computed, with these options: the text as it is.
      if (!started && batch.csv.bytes.length > 0) await start();
      await out.addBytes(batch.csv.bytes);
      continue;
    }
    const cells = cellsOf(batch);
    if (!started && cells.length > 0) await start();
    for (const row of cells) await out.add(line(row));
  }
  if (!started) await start();
  await out.flush();
}

/**
 * JSON of a report with one streamed table: the document renderJson writes, with the streamed rows written
 * in place as they come. The text before and after the rows is cut from renderJson's own output around a
 * marker row, so the two can never drift apart.
 */
export async function streamJson(report: Report, version: string, sink: TextSink, finalReport: () => Report = () => report): Promise<void> {
  const table = streamedTable(report)!;
  const out = pieces(sink);
  const MARK = '\u0000semicap-rows\u0000';
  const indent = '        ';
  /** renderJson's text cut around its one row (the marker row): what comes before the rows and after them. */
  const around = (r: Report) => {
    const marked = { ...r, tables: r.tables.map((t) => (t.stream === undefined ? t : { ...t, stream: undefined, rows: [...t.rows, markRow(t, MARK)] })) };
    const text = renderJson(marked, version);
    const at = text.indexOf(JSON.stringify(MARK));
    const rowStart = text.lastIndexOf(`\n${indent}{`, at) + 1;
    const rowEnd = text.indexOf(`\n${indent}}`, at) + indent.length + 2;
    return { before: text.slice(0, rowStart), after: text.slice(rowEnd) };
  };
  const toJson = (cells: CellValue[]) => indent + JSON.stringify(Object.fromEntries(table.columns.map((c, i) => [c.key, finite(cells[i] ?? null)])), null, 2).replace(/\n/g, '\n' + indent);
  let count = 0;
  for await (const batch of table.stream!) {
    for (const cells of cellsOf(batch)) {
      await out.add(count === 0 ? around(report).before : ',\n');
      await out.add(toJson(cells));
      count++;
    }
  }
  const last = finalReport();
  if (count === 0) {
    // No rows: the document as renderJson writes it, with an empty rows list.
    await out.add(renderJson({ ...last, tables: last.tables.map((t) => ({ ...t, stream: undefined })) }, version));
  } else await out.add(around(last).after);
  await out.flush();
}

/** A row whose first cell is the marker: where the streamed rows go in renderJson's output. */
function markRow(table: Table, mark: string): Record<string, CellValue> {
  return Object.fromEntries(table.columns.map((c, i) => [c.key, i === 0 ? mark : null]));
}

const finite = (v: CellValue): CellValue => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
