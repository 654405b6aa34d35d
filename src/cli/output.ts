// Rendering a command's report in the chosen format and sending it to stdout or, atomically, to --out.
import { fstatSync, realpathSync, statSync, type Stats } from 'node:fs';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { usageError } from '../errors.js';
import { renderCsv, type CsvWriteOptions } from '../report/csv.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { forAudience, type Report, type Table } from '../report/model.js';
import { renderTables } from '../report/table.js';
import { escapeControls } from '../report/sanitize.js';
import { collectStreams, streamCsv, streamedTable, streamJson, type TextSink } from '../report/stream.js';
import { openAtomic, writeFileAtomic } from '../report/write.js';
import { chartWords, localizeReport, localizeText, msg, type Lang } from '../report/i18n.js';
import { say } from '../messages.js';
import { chartsOf } from '../report/series.js';
import { painter, type ColorLevel } from './color.js';
import { wholeFromEnv } from './env-numbers.js';
import type { Painter } from '../report/paint.js';
import type { CommandResult, OutputOptions } from './context.js';

export interface Sink {
  stdout(text: string): Promise<void>;
  stderr(text: string): void;
  stdoutColor: ColorLevel;
}

function pickTable(report: Report, name: string | undefined): Table {
  if (report.tables.length === 0) throw usageError(say('error.noTable', { command: report.command }));
  if (name === undefined) return report.tables[0];
  const table = report.tables.find((t) => t.name === name);
  if (!table) throw usageError(say('error.unknownTable', { name, names: report.tables.map((t) => t.name).join(', ') }));
  return table;
}

/** How CSV is written: formula guard, Excel's byte-order mark and line ends, delimiter and decimal mark. */
export const csvWriteOptions = (o: OutputOptions): CsvWriteOptions => ({ neutralise: o.neutralise, excel: o.excel, delimiter: o.delimiter, decimal: o.decimal });

/** Renders the report as text; `paint` colours table output (PLAIN for none). */
export async function render(whole: Report, options: OutputOptions & ChartOutputOptions, version: string, paint: Painter): Promise<string> {
  const report = forAudience(whole, options.format === 'table' || options.format === 'md' ? 'people' : 'files');
  switch (options.format) {
    case 'csv':
      return renderCsv(pickTable(report, options.table), csvWriteOptions(options));
    case 'json':
      return renderJson(report, version);
    case 'md':
      return renderMarkdown(report);
    case 'table':
      // Fitted to the terminal (or COLUMNS, or 80 columns); --wide: every table at its full width.
      return renderTables(report, paint, options.wide === true ? undefined : (options.columns ?? 80));
    case 'xlsx':
      // A binary format: written by emit() through src/report/xlsx.ts, never rendered as text.
      throw usageError(say('error.xlsxNeedsOut'));
  }
}

const canonical = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/** The same file by path (symbolic links resolved) or by device and inode (hard links, bind mounts). */
export function sameFile(a: string, b: string): boolean {
  if (canonical(a) === canonical(b)) return true;
  const sa = statOrUndefined(a);
  const sb = statOrUndefined(b);
  return sa !== undefined && sb !== undefined && sa.dev === sb.dev && sa.ino === sb.ino;
}

/** A path that cannot be looked up (missing, through a file, no permission) is no file to compare. */
function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** True when writing `target` would overwrite one of the run's inputs (`-`: the file standard input was redirected from). */
export const isInputOfRun = (target: string, inputs: readonly string[]): boolean => inputs.some((input) => (input === '-' ? isStdin(target) : sameFile(input, target)));

function isStdin(target: string): boolean {
  const t = statOrUndefined(target);
  if (t === undefined) return false;
  try {
    const st = fstatSync(0);
    return st.isFile() && st.dev === t.dev && st.ino === t.ino;
  } catch {
    return false;
  }
}

/** Chart, language and width options: --chart, --chart-out, --ascii, --lang, --wide. */
export interface ChartOutputOptions {
  chart?: boolean;
  chartOut?: string;
  ascii?: boolean;
  lang?: Lang;
  /** Terminal width that tables and --chart fit into (stdout's columns, else COLUMNS, else 80). */
  columns?: number;
  /** Tables at their full width, however wide. */
  wide?: boolean;
  quiet?: boolean;
}

/** Everything output.ts reads of the resolved options (a command's Globals is one). */
export type OutputSettings = OutputOptions & ChartOutputOptions;

/** Writes the result; returns a one-line message for stderr when a file was written. */
export async function emit(result: CommandResult, options: OutputSettings, version: string, sink: Sink): Promise<void> {
  const lang = options.lang ?? 'en';
  // People read headings, titles and notes in their language; CSV keys and JSON keys and values stay English.
  const localized = options.format === 'csv' ? result.report : localizeReport(result.report, lang, { cells: options.format !== 'json', units: options.format === 'table' || options.format === 'md' });
  // JSON is for machines: every message a person would see on stderr (skipped series, failed rules) is among its warnings.
  const report = options.format === 'json' ? withMessages(localized, result.messages) : localized;
  if (options.out !== undefined) {
    if (isInputOfRun(options.out, result.inputs ?? [])) throw usageError(say('error.outIsInput', { file: options.out }));
  }
  if (options.chartOut !== undefined) checkChartOut(options.chartOut, options.out, result.inputs ?? []);
  if (streamedTable(report) !== undefined) {
    if (await emitStreaming(result, options, version, sink)) return;
    // Rows known to be too many are refused before they are computed, not after.
    const limit = heldRowsLimit();
    if (leastRows(report, limit) > limit) throw tooManyRows(options.format);
    // Formats that need every row at once (tables, Markdown, spreadsheets, charts) collect the stream first,
    // up to a limit: past it they would hold gigabytes (CSV and JSON stream any number of rows).
    return emit({ ...result, report: await collectStreams(result.report, limit, options.format) }, options, version, sink);
  }
  if (options.format !== 'csv' && options.format !== 'json') checkRowLimit(report, options.format);
  if (report.raw !== undefined) {
    if (options.out !== undefined) writeFileAtomic(options.out, report.raw);
    else await sink.stdout(report.raw);
    return;
  }
  if (options.format === 'xlsx') {
    if (options.out === undefined) throw usageError(say('error.xlsxNeedsOut'));
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
  // Warnings are in the table and JSON themselves; CSV has no room for them, so they go to stderr (not with --quiet).
  if (options.quiet === true) return;
  if (options.format === 'csv') for (const w of report.warnings) sink.stderr(`semicap: ${escapeControls(msg('warning', lang, { text: localizeText(w, lang) }))}\n`);
  const fileTables = forAudience(report, 'files').tables;
  if (options.format === 'csv' && options.table === undefined && fileTables.length > 1 && options.out === undefined) {
    sink.stderr(`semicap: ${localizeText(say('cli.alsoTables', { table: fileTables[0].name, tables: fileTables.slice(1).map((t) => t.name).join(', ') }), lang)}\n`);
  }
}

/**
 * CSV or JSON of a report with a streamed table, written as the rows come (to --out atomically: a failure
 * midway leaves the previous file). Returns false when the format or options need the rows collected first.
 */
async function emitStreaming(result: CommandResult, options: OutputSettings, version: string, sink: Sink): Promise<boolean> {
  const report = result.report;
  const table = streamedTable(report)!;
  const csv = options.format === 'csv' && pickTable(report, options.table) === table;
  if (!(csv || options.format === 'json') || options.chart === true || options.chartOut !== undefined) return false;
  const lang = options.lang ?? 'en';
  const file = options.out !== undefined ? openAtomic(options.out) : undefined;
  const write: TextSink = file ? (text) => file.write(text) : (text) => sink.stdout(typeof text === 'string' ? text : Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8'));
  try {
    if (csv) await streamCsv(table, csvWriteOptions(options), write);
    else await streamJson(localizeReport(report, lang, { cells: false }), version, write, () => withMessages(localizeReport(report, lang, { cells: false }), result.messages));
  } catch (e) {
    file?.abort();
    throw e;
  }
  file?.commit();
  if (csv && options.quiet !== true) for (const w of report.warnings) sink.stderr(`semicap: ${escapeControls(msg('warning', lang, { text: localizeText(w, lang) }))}\n`);
  return true;
}

function checkChartOut(path: string, out: string | undefined, inputs: string[]): void {
  if (extname(path).toLowerCase() !== '.svg') throw usageError(say('error.chartOutSvg', { file: path }));
  if (out !== undefined && sameFile(out, path)) throw usageError(say('error.chartOutIsOut', { file: path }));
  if (isInputOfRun(path, inputs)) throw usageError(say('error.chartOutIsInput', { file: path }));
}

/** A report's warnings with the run's stderr messages added (once each), for JSON. */
export function withMessages(report: Report, messages: string[] | undefined): Report {
  if (messages === undefined || messages.length === 0) return report;
  return { ...report, warnings: [...new Set([...report.warnings, ...messages])] };
}

/** Rows that tables, Markdown, spreadsheets and charts hold at once at most; CSV and JSON stream any number. */
export const MAX_COLLECTED_ROWS = 200_000;

/** The limit of this run: MAX_COLLECTED_ROWS, or fewer with SEMICAP_MAX_HELD_ROWS (tests cross it with small runs). */
const heldRowsLimit = (): number => wholeFromEnv(process.env, 'SEMICAP_MAX_HELD_ROWS') ?? MAX_COLLECTED_ROWS;

/** Rows a report is sure to hold once its streams have ended: those held, and those its streams count in advance. */
const leastRows = (report: Report, limit: number): number => report.tables.reduce((n, t) => n + t.rows.length + (t.leastRows?.(limit) ?? 0), 0);

function checkRowLimit(report: Report, format: string): void {
  const rows = report.tables.reduce((n, t) => n + t.rows.length, 0);
  if (rows > heldRowsLimit()) throw tooManyRows(format);
}

export const tooManyRows = (format: string) =>
  usageError(say('error.tooManyRows', { limit: heldRowsLimit().toLocaleString('en'), format }));

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
async function emitCharts(report: Report, options: OutputSettings, lang: Lang, sink: Sink): Promise<void> {
  const charts = chartsOf(report);
  if (charts.length === 0) {
    if (options.chartOut !== undefined) throw usageError(say('error.chartOutNoSeries', { command: report.command }));
    sink.stderr(`semicap: ${msg('chartNone', lang)}\n`);
    return;
  }
  const words = chartWords(lang);
  if (options.chart === true) {
    const toStdout = options.format === 'table' || options.out !== undefined;
    const color = toStdout ? sink.stdoutColor : 0;
    const paint = await painter(color);
    const { renderTerminalChart } = await import('../report/chart-terminal.js');
    const { measureFor } = await import('../report/width.js');
    // Everything a chart writes as text: its title, source line and legend (labels and the words beside them).
    const measure = await measureFor(charts.flatMap((c) => [c.title, c.source ?? '', ...c.lines.map((l) => l.label), ...c.bands.map((b) => b.label), ...Object.values(words)]));
    const text = charts.map((c) => renderTerminalChart(c, { width: options.columns ?? 80, ascii: options.ascii === true, chalk: paint, words, measure })).join('\n');
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
