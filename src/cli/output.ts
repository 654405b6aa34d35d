// Rendering a command's report in the chosen format and sending it to stdout or, atomically, to --out.
import { realpathSync } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { usageError } from '../errors.js';
import { renderCsv } from '../report/csv.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { forAudience, type Report, type Table } from '../report/model.js';
import { renderTables } from '../report/table.js';
import { escapeControls } from '../report/sanitize.js';
import { collectStreams, streamCsv, streamedTable, streamJson, type TextSink } from '../report/stream.js';
import { openAtomic, writeFileAtomic } from '../report/write.js';
import { chartWords, localizeReport, msg, type Lang } from '../report/i18n.js';
import { chartsOf } from '../report/series.js';
import { painter, type ColorLevel } from './color.js';
import type { Painter } from '../report/paint.js';
import type { CommandResult, OutputOptions } from './context.js';

export interface Sink {
  stdout(text: string): Promise<void>;
  stderr(text: string): void;
  stdoutColor: ColorLevel;
}

function pickTable(report: Report, name: string | undefined): Table {
  if (report.tables.length === 0) throw usageError(`'${report.command}' produced no table to write as CSV`);
  if (name === undefined) return report.tables[0];
  const table = report.tables.find((t) => t.name === name);
  if (!table) throw usageError(`no table '${name}' in this report; expected one of: ${report.tables.map((t) => t.name).join(', ')}`);
  return table;
}

/** Renders the report as text; `paint` colours table output (PLAIN for none). */
export async function render(whole: Report, options: OutputOptions, version: string, paint: Painter): Promise<string> {
  const report = forAudience(whole, options.format === 'table' || options.format === 'md' ? 'people' : 'files');
  switch (options.format) {
    case 'csv':
      return renderCsv(pickTable(report, options.table), { neutralise: options.neutralise, excel: options.excel });
    case 'json':
      return renderJson(report, version);
    case 'md':
      return renderMarkdown(report);
    case 'table':
      return renderTables(report, paint);
    case 'xlsx':
      // A binary format: written by emit() through src/report/xlsx.ts, never rendered as text.
      throw usageError('--format xlsx needs --out FILE.xlsx (a spreadsheet is a binary file, not text for a terminal)');
  }
}

const canonical = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/** Chart and language options (issue 6): --chart, --chart-out, --ascii, --lang. */
export interface ChartOutputOptions {
  chart?: boolean;
  chartOut?: string;
  ascii?: boolean;
  lang?: Lang;
  /** Terminal width for --chart (process.stdout.columns, 80 when unknown). */
  columns?: number;
  quiet?: boolean;
}

/** Writes the result; returns a one-line message for stderr when a file was written. */
export async function emit(result: CommandResult, options: OutputOptions & ChartOutputOptions, version: string, sink: Sink): Promise<void> {
  const lang = options.lang ?? 'en';
  // People read headings, titles and notes in their language; CSV keys and JSON keys and values stay English.
  const report = options.format === 'csv' ? result.report : localizeReport(result.report, lang, { cells: options.format !== 'json' });
  if (options.out !== undefined) {
    const target = canonical(options.out);
    const clash = [...(result.inputs ?? [])].find((input) => canonical(input) === target);
    if (clash) throw usageError(`--out ${options.out} is also an input of this run; choose another output file`);
  }
  if (options.chartOut !== undefined) checkChartOut(options.chartOut, options.out, result.inputs ?? []);
  if (streamedTable(report) !== undefined) {
    if (await emitStreaming(result.report, options, version, sink)) return;
    // Formats that need every row at once (tables, Markdown, spreadsheets, charts) collect the stream first.
    return emit({ ...result, report: await collectStreams(result.report) }, options, version, sink);
  }
  if (report.raw !== undefined) {
    if (options.out !== undefined) writeFileAtomic(options.out, report.raw);
    else await sink.stdout(report.raw);
    return;
  }
  if (options.format === 'xlsx') {
    if (options.out === undefined) throw usageError('--format xlsx needs --out FILE.xlsx (a spreadsheet is a binary file, not text for a terminal)');
    const { renderXlsx } = await import('../report/xlsx.js');
    writeFileAtomic(options.out, await renderXlsx(forAudience(report, 'files')));
  } else if (options.out !== undefined) {
    // Files never carry colour codes.
    const text = await render(report, options, version, await painter(0));
    writeFileAtomic(options.out, text);
  } else {
    await sink.stdout(await render(report, options, version, await painter(options.format === 'table' ? sink.stdoutColor : 0)));
  }
  if (options.chart === true || options.chartOut !== undefined) await emitCharts(report, options, lang, sink);
  // Warnings are in the table and JSON themselves; CSV has no room for them, so they go to stderr.
  if (options.format === 'csv') for (const w of report.warnings) sink.stderr(`semicap: warning: ${escapeControls(w)}\n`);
  const fileTables = forAudience(report, 'files').tables;
  if (options.format === 'csv' && options.table === undefined && fileTables.length > 1 && options.out === undefined) {
    sink.stderr(`semicap: wrote table '${fileTables[0].name}'; also available with --table: ${fileTables.slice(1).map((t) => t.name).join(', ')}\n`);
  }
}

/**
 * CSV or JSON of a report with a streamed table, written as the rows come (to --out atomically: a failure
 * midway leaves the previous file). Returns false when the format or options need the rows collected first.
 */
async function emitStreaming(report: Report, options: OutputOptions & ChartOutputOptions, version: string, sink: Sink): Promise<boolean> {
  const table = streamedTable(report)!;
  const csv = options.format === 'csv' && pickTable(report, options.table) === table;
  if (!(csv || options.format === 'json') || options.chart === true || options.chartOut !== undefined) return false;
  const lang = options.lang ?? 'en';
  const file = options.out !== undefined ? openAtomic(options.out) : undefined;
  const write: TextSink = file ? (text) => file.write(text) : (text) => sink.stdout(text);
  try {
    if (csv) await streamCsv(table, { neutralise: options.neutralise, excel: options.excel }, write);
    else await streamJson(localizeReport(report, lang, { cells: false }), version, write, () => localizeReport(report, lang, { cells: false }));
  } catch (e) {
    file?.abort();
    throw e;
  }
  file?.commit();
  if (csv) for (const w of report.warnings) sink.stderr(`semicap: warning: ${escapeControls(w)}\n`);
  return true;
}

function checkChartOut(path: string, out: string | undefined, inputs: string[]): void {
  if (extname(path).toLowerCase() !== '.svg') throw usageError(`--chart-out ${path}: expected a file name ending in .svg`);
  const target = canonical(path);
  if (out !== undefined && canonical(out) === target) throw usageError(`--chart-out ${path} is also the --out file; choose another name`);
  if (inputs.some((input) => canonical(input) === target)) throw usageError(`--chart-out ${path} is also an input of this run; choose another file`);
}

/** The file name of the i-th chart: the first gets PATH, the others PATH's stem plus the chart's name. */
export function chartPath(path: string, index: number, name: string): string {
  if (index === 0) return path;
  const ext = extname(path);
  return join(dirname(path), `${basename(path, ext)}-${name}${ext}`);
}

/**
 * --chart: terminal charts after the table on stdout, or on stderr when stdout carries CSV/JSON/Markdown data;
 * --chart-out: one SVG per chart, written atomically.
 */
async function emitCharts(report: Report, options: OutputOptions & ChartOutputOptions, lang: Lang, sink: Sink): Promise<void> {
  const charts = chartsOf(report);
  if (charts.length === 0) {
    if (options.chartOut !== undefined) throw usageError(`--chart-out: '${report.command}' has no year-by-year series to draw`);
    sink.stderr(`semicap: ${msg('chartNone', lang)}\n`);
    return;
  }
  const words = chartWords(lang);
  if (options.chart === true) {
    const toStdout = options.format === 'table' || options.out !== undefined;
    const color = toStdout ? sink.stdoutColor : 0;
    const paint = await painter(color);
    const { renderTerminalChart } = await import('../report/chart-terminal.js');
    const text = charts.map((c) => renderTerminalChart(c, { width: options.columns ?? 80, ascii: options.ascii === true, chalk: paint, words })).join('\n');
    if (toStdout) await sink.stdout('\n' + text);
    else sink.stderr(text);
  }
  if (options.chartOut !== undefined) {
    const { renderSvg } = await import('../report/svg.js');
    charts.forEach((c, i) => {
      const path = chartPath(options.chartOut!, i, c.name);
      writeFileAtomic(path, renderSvg(c, { words }));
      if (options.quiet !== true) sink.stderr(`semicap: ${escapeControls(msg('wrote', lang, { file: path }))}\n`);
    });
  }
}
