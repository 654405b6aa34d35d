// `semicap forecast FILE`: fit one or more methods to every series of a long CSV and forecast each.
// A series that cannot be forecast is reported on stderr with the reason; the others still come out.
import { availableParallelism } from 'node:os';
import { STDIN } from '../../data/input.js';
import { readSeriesTable } from '../../data/series.js';
import { dataError, usageError } from '../../errors.js';
import type { BatchSettings, Bounds } from '../../app/forecast/batch.js';
import { decodeRows } from '../../app/forecast/rows.js';
import { forecastBatches } from '../../app/forecast/run.js';
import { intervalsNote, methodsFromSpecs, parseMethodSpecs, withIntervals } from '../../forecast/registry.js';
import { makeReport, type CellValue, type Table } from '../../report/model.js';
import { EXPLAIN_COLUMNS, explainCells, forecastColumns } from '../../report/views/forecast.js';
import { parseIntervalMode, parseLevels, parseNumberArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';
import { EXIT } from '../exit.js';
import { parseJobs, seriesArg } from '../series-options.js';

export async function forecast(args: string[], opts: Record<string, unknown>, g?: GlobalOptions & { verbose?: boolean }): Promise<CommandResult> {
  const horizon = parseNumberArg(String(opts.horizon), '--horizon', { min: 1, max: 100, integer: true });
  const levels = parseLevels(String(opts.level));
  const seed = parseNumberArg(String(opts.seed), '--seed', { integer: true, min: 0 });
  const methodText = String(opts.method);
  const intervals = parseIntervalMode(opts.intervals);
  const specs = parseMethodSpecs(methodText);
  const methods = withIntervals(methodsFromSpecs(specs), intervals);
  const methodNames = methods.map((m) => m.name);
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
  // The rows are produced while the output is written; the counts, notes and exit code are known at the end.
  async function* rows(): AsyncGenerator<CellValue[][]> {
    const skippedMessages: string[] = [];
    const failedMessages: string[] = [];
    let skipped = 0;
    let clamped = 0;
    let produced = 0;
    let threads = 0;
    for await (const { first, last, outcome, out, workers } of forecastBatches(data, settings, methods, jobs)) {
      threads = workers;
      clamped += outcome.clamped;
      const cells: CellValue[][] = explain ? [] : decodeRows(out, outcome.written, levels, data.ids, methodNames);
      if (autoTable !== undefined) {
        for (const e of outcome.explained) {
          if (methods[e.method].name !== 'auto') continue;
          const row = explainCells(data.ids[e.series], e.years, 'auto', e.params);
          autoTable.rows.push(Object.fromEntries(EXPLAIN_COLUMNS.map((c, i) => [c.key, row[i]])));
        }
      }
      if (explain) for (const e of outcome.explained) cells.push(explainCells(data.ids[e.series], e.years, methods[e.method].name, e.params));
      // Messages in series order: those skipped while reading or for irregular years, then the fits that failed.
      let irregular = 0;
      for (let s = first; s < last; s++) {
        const problem = data.problems[s] ?? (outcome.irregular[irregular]?.series === s ? outcome.irregular[irregular++].reason : undefined);
        if (problem === undefined) continue;
        skipped++;
        skippedMessages.push(`skipped series '${data.ids[s]}': ${problem}`);
      }
      for (const f of outcome.failures) {
        if (f.ok === 0) skipped++;
        failedMessages.push(`${f.ok === 0 ? 'skipped' : 'partly skipped'} series '${data.ids[f.series]}': ${f.reasons.join('; ')}`);
      }
      produced += cells.length;
      if (cells.length > 0) yield cells;
    }
    const messages = [...skippedMessages, ...failedMessages];
    const total = data.ids.length;
    // A shard may hold no series at all (more shards than series): an empty result, not an error.
    const emptyShard = readOptions.shard !== undefined && total === 0;
    if (produced === 0 && !emptyShard) throw dataError(`${data.file}: no series could be forecast (${messages.length} problem(s); first: ${messages[0] ?? 'none'})`);
    const shardNote = readOptions.shard === undefined ? '' : ` (shard ${readOptions.shard.index}/${readOptions.shard.count}: the series whose id hashes to ${readOptions.shard.index})`;
    notes.push(`${total} series read from ${data.file}${shardNote}; ${total - skipped} forecast; intervals at ${levels.join(', ')} %; seed ${seed}`, intervalsNote(methods, intervals));
    if (clamped > 0) warnings.push(`${clamped} forecast value(s) or interval bound(s) left [${bounds.floor ?? '-∞'}, ${bounds.cap ?? '∞'}] and are at the bound (held there)`);
    result.messages = g?.verbose ? [...jobsNote, ...messages, `fitted ${total} series ${threads > 0 ? `in ${threads} worker thread(s)` : 'in the main thread'}`] : [...jobsNote, ...messages];
    result.exitCode = messages.length > 0 ? EXIT.data : EXIT.ok;
  }
  const table: Table = explain
    ? { name: 'explain', title: `What each method did, ${methods.map((m) => m.name).join(', ')}`, columns: EXPLAIN_COLUMNS, rows: [], stream: rows() }
    : { name: 'forecast', title: `Forecast ${horizon} year(s) ahead, ${methods.map((m) => m.name).join(', ')}`, columns: forecastColumns(levels), rows: [], stream: rows() };
  result.report.tables.push(table);
  if (autoTable !== undefined) result.report.tables.push(autoTable);
  return result;
}
