// `semicap forecast FILE`: fit one or more methods to every series of a long CSV and forecast each.
// A series that cannot be forecast is reported on stderr with the reason; the others still come out.
import { availableParallelism } from 'node:os';
import { STDIN } from '../../data/input.js';
import { readSeriesTable } from '../../data/series.js';
import { usageError } from '../../errors.js';
import type { BatchSettings, Bounds } from '../../app/forecast/batch.js';
import { forecastChartCollector } from '../../report/views/forecast-chart.js';
import { forecastHeadStart, forecastStream } from '../../app/forecast/forecast.js';
import { leastForecastRows } from '../../app/forecast/row-count.js';
import { methodsFromSpecs, parseMethodSpecs, withIntervals } from '../../forecast/registry.js';
import { makeReport, type CellValue, type RenderedRows, type Table } from '../../report/model.js';
import { EXPLAIN_COLUMNS, explainCells, forecastColumns } from '../../report/views/forecast.js';
import type { ForecastOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';
import { EXIT } from '../exit.js';
import { wholeFromEnv } from '../env-numbers.js';
import { createCountProgress } from '../progress.js';
import { seriesArg } from '../series-options.js';
import { say } from '../../messages.js';

export async function forecast(args: string[], o: ForecastOptions, g?: Globals): Promise<CommandResult> {
  const { horizon, level: levels, seed, intervals } = o;
  const specs = parseMethodSpecs(o.method);
  const methods = withIntervals(methodsFromSpecs(specs), intervals);
  const asked = o.jobs;
  // More threads than cores only adds memory and switching (each worker holds its own heap): cap at the cores.
  const jobs = asked === 'auto' ? asked : Math.min(asked, availableParallelism());
  const jobsNote = jobs !== asked ? [say('warning.jobsCapped', { asked, jobs })] : [];
  const bounds: Bounds = { floor: o.floor, cap: o.cap };
  if (bounds.floor !== undefined && bounds.cap !== undefined && !(bounds.floor < bounds.cap)) throw usageError(say('error.floorBelowCap', { floor: bounds.floor, cap: bounds.cap }));
  const [file, readOptions] = seriesArg(args[0], o);
  const explain = o.explain;
  // JSON output also says what auto did, in a second table (`auto`) written after the forecasts.
  const wantsAutoTable = !explain && g?.format === 'json' && methods.some((m) => m.name === 'auto');
  // CSV output: the worker threads write their rows as CSV text too (the writer checks the options match).
  const csv = g?.format === 'csv' && !explain ? { neutralise: g.neutralise ?? true, excel: g.excel ?? false, delimiter: g.delimiter ?? ',', decimal: g.decimal ?? '.' } as const : undefined;
  // SEMICAP_BATCH_SERIES: smaller batches let a small file take the worker threads' paths as a big one does (tests).
  const batchSeries = wholeFromEnv(process.env, 'SEMICAP_BATCH_SERIES');
  const settings: BatchSettings = { methods: specs, intervals, horizon, levels, seed, bounds, fill: readOptions.fill ?? 'none', explain: explain || wantsAutoTable, ...(csv ? { csv } : {}), ...(batchSeries === undefined ? {} : { batchSeries }) };
  // Worker threads start fitting the first blocks of series while the rest of the file is read.
  const head = forecastHeadStart(settings, methods, jobs);
  const data = await readSeriesTable(file, readOptions, head?.watch).catch(async (e: unknown) => {
    await head?.close();
    throw e;
  });
  const autoTable: Table | undefined = wantsAutoTable ? { name: 'auto', title: say('forecast.autoTitle'), columns: EXPLAIN_COLUMNS, rows: [] } : undefined;

  const notes: string[] = [];
  const warnings: string[] = [...data.lookalikeIds];
  const result: CommandResult = { report: makeReport('forecast', [], notes, warnings), inputs: file === STDIN ? [] : [data.file], messages: [], exitCode: EXIT.ok };
  const title = say('forecast.title', { horizon, methods: methods.map((m) => m.name).join(', ') });
  // --chart/--chart-out: the first series' rows are kept as they pass, and charted with their history.
  const charts = explain ? undefined : forecastChartCollector(data, levels, title, 'forecast', file === STDIN ? undefined : data.file);
  // The rows are produced while the output is written; the use case's summary (notes, warnings, messages, exit code) comes at the end.
  async function* rows(): AsyncGenerator<CellValue[][] | RenderedRows> {
    const progress = createCountProgress(data.ids.length, 'forecast: series', { quiet: g?.quiet });
    let seriesDone = 0;
    const stream = forecastStream(data, { settings, methods, jobs, intervals, explain, shard: readOptions.shard, head, onProgress: (done) => (seriesDone = done) });
    // The progress line is drawn while a batch is fitted and cleared when it comes (also at the end or on an
    // error), so rows written to the same terminal start on a clean line.
    let next = await stream.next().finally(progress.done);
    for (; !next.done; next = await stream.next().finally(progress.done)) {
      const { explained, csv: text } = next.value;
      if (text !== undefined && csv !== undefined) {
        if (charts?.wants()) charts.add(next.value.cells());
        yield { csv: { bytes: text, ...csv }, cells: next.value.cells };
        progress.update(seriesDone);
        continue;
      }
      const cells: CellValue[][] = next.value.rows;
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
      progress.update(seriesDone);
    }
    const summary = next.value;
    notes.push(...summary.notes);
    warnings.push(...summary.warnings);
    // --verbose: how many threads fitted the series, and whether the blocks fitted while reading were kept.
    const headNote = head?.adopted === undefined ? [] : [say('forecast.headStart', head.adopted)];
    result.messages = g?.verbose ? [...jobsNote, ...summary.messages, say('forecast.fittedSeries', { total: summary.total, threads: summary.threads }), ...headNote] : [...jobsNote, ...summary.messages];
    result.exitCode = summary.messages.length > 0 ? EXIT.data : EXIT.ok;
    // Read when the collected report is built, after the last row (like the notes above).
    if (charts !== undefined) result.report.charts = charts.charts();
  }
  const table: Table = explain
    ? { name: 'explain', title: say('forecast.explainTitle', { methods: methods.map((m) => m.name).join(', ') }), columns: EXPLAIN_COLUMNS, rows: [], stream: rows() }
    : { name: 'forecast', title, columns: forecastColumns(levels), rows: [], stream: rows(), leastRows: (enough) => leastForecastRows(data, methods, horizon, enough) };
  result.report.tables.push(table);
  if (autoTable !== undefined) result.report.tables.push(autoTable);
  return result;
}
