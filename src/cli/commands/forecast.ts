// `semicap forecast FILE`: fit one or more methods to every series of a long CSV and forecast each.
// A series that cannot be forecast is reported on stderr with the reason; the others still come out.
import { availableParallelism } from 'node:os';
import { STDIN } from '../../data/input.js';
import { readSeriesTable } from '../../data/series.js';
import { usageError } from '../../errors.js';
import type { BatchSettings, Bounds } from '../../app/forecast/batch.js';
import { forecastChartCollector } from '../../app/forecast/chart.js';
import { forecastStream } from '../../app/forecast/forecast.js';
import { methodsFromSpecs, parseMethodSpecs, withIntervals } from '../../forecast/registry.js';
import { makeReport, type CellValue, type Table } from '../../report/model.js';
import { EXPLAIN_COLUMNS, explainCells, forecastColumns } from '../../report/views/forecast.js';
import { parseIntervalMode, parseLevels, parseNumberArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';
import { EXIT } from '../exit.js';
import { parseJobs, seriesArg } from '../series-options.js';
import { say } from '../../messages.js';

export async function forecast(args: string[], opts: Record<string, unknown>, g?: GlobalOptions & { verbose?: boolean }): Promise<CommandResult> {
  const horizon = parseNumberArg(String(opts.horizon), '--horizon', { min: 1, max: 100, integer: true });
  const levels = parseLevels(String(opts.level));
  const seed = parseNumberArg(String(opts.seed), '--seed', { integer: true, min: 0 });
  const methodText = String(opts.method);
  const intervals = parseIntervalMode(opts.intervals);
  const specs = parseMethodSpecs(methodText);
  const methods = withIntervals(methodsFromSpecs(specs), intervals);
  const asked = parseJobs(opts.jobs);
  // More threads than cores only adds memory and switching (each worker holds its own heap): cap at the cores.
  const jobs = asked === 'auto' ? asked : Math.min(asked, availableParallelism());
  const jobsNote = jobs !== asked ? [`--jobs ${asked}: this machine has ${jobs} core(s); using ${jobs} worker thread(s)`] : [];
  const bounds: Bounds = {
    floor: opts.floor !== undefined ? parseNumberArg(String(opts.floor), '--floor') : undefined,
    cap: opts.cap !== undefined ? parseNumberArg(String(opts.cap), '--cap') : undefined,
  };
  if (bounds.floor !== undefined && bounds.cap !== undefined && !(bounds.floor < bounds.cap)) throw usageError(`--floor ${bounds.floor} must be below --cap ${bounds.cap}`);
  const [file, readOptions] = seriesArg(args[0], opts);
  const data = await readSeriesTable(file, readOptions);
  const explain = opts.explain === true;
  // JSON output also says what auto did, in a second table (`auto`) written after the forecasts.
  const autoTable: Table | undefined =
    !explain && g?.format === 'json' && methods.some((m) => m.name === 'auto') ? { name: 'auto', title: 'What auto chose and why', columns: EXPLAIN_COLUMNS, rows: [] } : undefined;
  const settings: BatchSettings = { methods: specs, intervals, horizon, levels, seed, bounds, fill: readOptions.fill ?? 'none', explain: explain || autoTable !== undefined };

  const notes: string[] = [];
  const warnings: string[] = [...data.lookalikeIds];
  const result: CommandResult = { report: makeReport('forecast', [], notes, warnings), inputs: file === STDIN ? [] : [data.file], messages: [], exitCode: EXIT.ok };
  const title = say('forecast.title', { horizon, methods: methods.map((m) => m.name).join(', ') });
  // --chart/--chart-out: the first series' rows are kept as they pass, and charted with their history.
  const charts = explain ? undefined : forecastChartCollector(data, levels, title, 'forecast', file === STDIN ? undefined : data.file);
  // The rows are produced while the output is written; the use case's summary (notes, warnings, messages, exit code) comes at the end.
  async function* rows(): AsyncGenerator<CellValue[][]> {
    const stream = forecastStream(data, { settings, methods, jobs, intervals, explain, shard: readOptions.shard });
    let next = await stream.next();
    for (; !next.done; next = await stream.next()) {
      const { rows: cells, explained } = next.value;
      if (autoTable !== undefined) {
        for (const e of explained) {
          if (e.method !== 'auto') continue;
          const row = explainCells(e.id, e.years, 'auto', e.params);
          autoTable.rows.push(Object.fromEntries(EXPLAIN_COLUMNS.map((c, i) => [c.key, row[i]])));
        }
      }
      charts?.add(cells);
      if (explain) for (const e of explained) cells.push(explainCells(e.id, e.years, e.method, e.params));
      if (cells.length > 0) yield cells;
    }
    const summary = next.value;
    notes.push(...summary.notes);
    warnings.push(...summary.warnings);
    result.messages = g?.verbose ? [...jobsNote, ...summary.messages, `fitted ${summary.total} series ${summary.threads > 0 ? `in ${summary.threads} worker thread(s)` : 'in the main thread'}`] : [...jobsNote, ...summary.messages];
    result.exitCode = summary.messages.length > 0 ? EXIT.data : EXIT.ok;
    // Read when the collected report is built, after the last row (like the notes above).
    if (charts !== undefined) result.report.charts = charts.charts();
  }
  const table: Table = explain
    ? { name: 'explain', title: `What each method did, ${methods.map((m) => m.name).join(', ')}`, columns: EXPLAIN_COLUMNS, rows: [], stream: rows() }
    : { name: 'forecast', title, columns: forecastColumns(levels), rows: [], stream: rows() };
  result.report.tables.push(table);
  if (autoTable !== undefined) result.report.tables.push(autoTable);
  return result;
}
