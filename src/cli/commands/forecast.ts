// `semicap forecast FILE`: fit one or more methods to every series of a long CSV and forecast each.
// A series that cannot be forecast is reported on stderr with the reason; the others still come out.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { STDIN } from '../../data/input.js';
import { readSeriesFile, readSeriesTable, type ReadSeriesOptions, type SeriesSet, type SeriesTable, type SharedRows } from '../../data/series.js';
import { parseShard } from '../../data/shard.js';
import { dataError, usageError } from '../../errors.js';
import { intervalsNote, parseMethodList, withIntervals } from '../../forecast/registry.js';
import type { Method } from '../../forecast/types.js';
import { makeReport, type CellValue, type Column, type Table } from '../../report/model.js';
import { parseIntervalMode, parseLevels, parseNumberArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';
import { EXIT } from '../exit.js';
import { WorkerPool } from '../workers.js';
import { forecastBatch, numbersPerSeries, rowWidth, type BatchOutcome, type BatchSettings, type Bounds, type SeriesForecast } from './forecast-batch.js';

export { clampForecast, forecastSeries, type Bounds, type SeriesForecast } from './forecast-batch.js';

/** Reads the FILE argument with the shared column options (--id, --time, --value, --delimiter, --decimal, --fill). */
export async function readSeriesArg(file: string | undefined, opts: Record<string, unknown>): Promise<SeriesSet> {
  return readSeriesFile(...seriesArg(file, opts));
}

/** The FILE argument and how to read it, from the shared column options. */
export function seriesArg(file: string | undefined, opts: Record<string, unknown>): [string, ReadSeriesOptions] {
  if (file === undefined) throw usageError('missing FILE; expected a CSV with one row per series and year');
  const decimal = opts.decimal === undefined ? '.' : String(opts.decimal);
  if (decimal !== '.' && decimal !== ',') throw usageError(`--decimal '${decimal}'; expected . or ,`);
  const delimiter = opts.delimiter === undefined ? ',' : String(opts.delimiter) === '\\t' ? '\t' : String(opts.delimiter);
  if (delimiter.length !== 1) throw usageError(`--delimiter '${delimiter}'; expected one character such as ; or \\t`);
  if (decimal === ',' && delimiter === ',') throw usageError('--decimal , needs another --delimiter (such as ;)');
  const fill = opts.fill === undefined ? 'none' : String(opts.fill);
  if (fill !== 'none' && fill !== 'linear') throw usageError(`--fill '${fill}'; expected none or linear`);
  const shard = opts.shard === undefined ? undefined : parseShard(String(opts.shard));
  if (shard !== undefined && opts.id === undefined) throw usageError('--shard needs --id: shards split the series by id');
  return [
    file,
    {
      columns: { id: opts.id as string | undefined, time: String(opts.time ?? 'year'), value: String(opts.value ?? 'value') },
      delimiter,
      numbers: { decimal: decimal as '.' | ',' },
      fill: fill as 'none' | 'linear',
      shard,
    },
  ];
}

const levelKey = (side: 'lo' | 'hi', level: number) => `${side}${String(level)}`;

export function forecastColumns(levels: number[]): Column[] {
  return [
    { key: 'id', header: 'id' },
    { key: 'year', header: 'year', type: 'int' },
    { key: 'method', header: 'method' },
    { key: 'mean', header: 'mean', type: 'number' },
    ...levels.flatMap((l) => [
      { key: levelKey('lo', l), header: `lo ${l}`, type: 'number' as const },
      { key: levelKey('hi', l), header: `hi ${l}`, type: 'number' as const },
    ]),
  ];
}

export function forecastRows(results: SeriesForecast[], levels: number[]): Table['rows'] {
  const rows: Table['rows'] = [];
  for (const { series, method, forecast } of results) {
    const firstYear = series.startYear + series.values.length;
    for (let h = 0; h < forecast.mean.length; h++) {
      const row: Record<string, string | number> = { id: series.id, year: firstYear + h, method: method.name, mean: forecast.mean[h] };
      for (const l of levels) {
        const interval = forecast.intervals.find((i) => i.level === l);
        if (!interval) continue;
        row[levelKey('lo', l)] = interval.lower[h];
        row[levelKey('hi', l)] = interval.upper[h];
      }
      rows.push(row);
    }
  }
  return rows;
}

/** Most series per batch: big enough that handing a batch to a worker costs little, small enough to spread. */
const BATCH = 500;
/** Output numbers per batch at most (8 bytes each): a long horizon or many methods make batches smaller. */
const BATCH_NUMBERS = 1 << 17;
/** Below this many series, starting worker threads costs more than it saves. */
const PARALLEL_FROM = 1000;

/** What each worker thread is started with: all in shared memory, so nothing is copied per batch. */
export interface WorkerSetup {
  settings: BatchSettings;
  rows: SharedRows;
  spoiled: Uint8Array;
  slots: Float64Array[];
}

/** One batch for a worker: series first … last-1, output into slot `slot`. */
export interface WorkerJob {
  first: number;
  last: number;
  slot: number;
}

export async function forecast(args: string[], opts: Record<string, unknown>, g?: GlobalOptions & { verbose?: boolean }): Promise<CommandResult> {
  const horizon = parseNumberArg(String(opts.horizon), '--horizon', { min: 1, max: 100, integer: true });
  const levels = parseLevels(String(opts.level));
  const seed = parseNumberArg(String(opts.seed), '--seed', { integer: true, min: 0 });
  const methodText = String(opts.method);
  const intervals = parseIntervalMode(opts.intervals);
  const methods = withIntervals(parseMethodList(methodText), intervals);
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
  const settings: BatchSettings = { methods: methodText, intervals, horizon, levels, seed, bounds, fill: readOptions.fill ?? 'none', explain: explain || autoTable !== undefined };

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
    for await (const { first, last, outcome, out, workers } of runBatches(data, settings, methods, jobs)) {
      threads = workers;
      clamped += outcome.clamped;
      const cells: CellValue[][] = [];
      const width = rowWidth(levels);
      if (autoTable !== undefined) {
        for (const e of outcome.explained) {
          if (methods[e.method].name !== 'auto') continue;
          const row = explainCells(data.ids[e.series], e.years, 'auto', e.params);
          autoTable.rows.push(Object.fromEntries(EXPLAIN_COLUMNS.map((c, i) => [c.key, row[i]])));
        }
      }
      if (explain) for (const e of outcome.explained) cells.push(explainCells(data.ids[e.series], e.years, methods[e.method].name, e.params));
      else for (let at = 0; at < outcome.written; at += width) {
        const row: CellValue[] = [data.ids[out[at]], out[at + 1], methods[out[at + 2]].name];
        for (let k = 3; k < width; k++) row.push(Number.isNaN(out[at + k]) ? null : out[at + k]);
        cells.push(row);
      }
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

/** `--explain`: one row per series and method: what was fitted, and for auto which candidate and why. */
export const EXPLAIN_COLUMNS: Column[] = [
  { key: 'id', header: 'id' },
  { key: 'years', header: 'years', type: 'int' },
  { key: 'method', header: 'method' },
  { key: 'rule', header: 'rule' },
  { key: 'chose', header: 'chose' },
  { key: 'mae_median', header: 'mae median', type: 'number' },
  { key: 'mae_theta', header: 'mae theta', type: 'number' },
  { key: 'mae_arima', header: 'mae arima', type: 'number' },
  { key: 'mae_holt', header: 'mae holt', type: 'number' },
  { key: 'mae_damped', header: 'mae damped', type: 'number' },
  { key: 'why', header: 'why' },
];

/** The explain row of one fit: auto reports its rule, choice and evidence; other methods their model and fallback. */
export function explainCells(id: string, years: number, method: string, params: Record<string, number | string>): CellValue[] {
  const text = (key: string): string | null => (params[key] === undefined ? null : String(params[key]));
  const number = (key: string): number | null => (typeof params[key] === 'number' ? (params[key] as number) : null);
  if (params['auto.chose'] !== undefined) {
    return [id, years, method, text('auto.rule'), text('auto.chose'), number('auto.mae.median'), number('auto.mae.theta'), number('auto.mae.arima'), number('auto.mae.holt'), number('auto.mae.damped'), text('auto.why')];
  }
  return [id, years, method, null, text('model') ?? method, null, null, null, null, null, text('fallback')];
}

/** --jobs: a number of worker threads, or auto (all cores, when there are enough series to share). */
export function parseJobs(value: unknown): number | 'auto' {
  if (value === undefined || String(value) === 'auto') return 'auto';
  return parseNumberArg(String(value), '--jobs', { integer: true, min: 1, max: 256 });
}

/** The worker script beside this module in the bundle (dist/); absent when running from the TypeScript sources. */
const WORKER = new URL('./forecast-worker.js', import.meta.url);

interface BatchDone {
  first: number;
  last: number;
  outcome: BatchOutcome;
  /** The batch's output numbers: valid until the next batch is asked for. */
  out: Float64Array;
  /** Worker threads used (0: the main thread did the work). */
  workers: number;
}

/** The batches' results in series order, fitted in worker threads when there are many series and cores. */
async function* runBatches(data: SeriesTable, settings: BatchSettings, methods: Method[], jobs: number | 'auto'): AsyncGenerator<BatchDone> {
  const total = data.ids.length;
  const perSeries = numbersPerSeries(settings, methods.length);
  const size = Math.max(1, Math.min(BATCH, Math.floor(BATCH_NUMBERS / perSeries)));
  const ranges = Array.from({ length: Math.ceil(total / size) }, (_, i) => [i * size, Math.min(total, (i + 1) * size)] as const);
  const spoiled = new Uint8Array(new SharedArrayBuffer(total));
  data.problems.forEach((p, s) => (spoiled[s] = p === undefined ? 0 : 1));
  const threads = jobs === 'auto' ? (total >= PARALLEL_FROM ? availableParallelism() : 1) : jobs;
  if (threads <= 1 || ranges.length < 2 || !existsSync(fileURLToPath(WORKER))) {
    const out = new Float64Array(size * perSeries);
    for (const [first, last] of ranges) {
      yield { first, last, outcome: forecastBatch(data.grouped, spoiled, first, last, settings, methods, out), out, workers: 0 };
      // Let the output be written between batches.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }
  // A few batches in flight per worker keep every core busy; each has its own output slot in shared memory,
  // reused once the batch before has been handed on.
  const workers = Math.min(threads, ranges.length);
  const slots = Array.from({ length: 2 * workers }, () => new Float64Array(new SharedArrayBuffer(8 * size * perSeries)));
  const setup: WorkerSetup = { settings, rows: data.grouped.share(), spoiled, slots };
  const pool = new WorkerPool<WorkerJob, BatchOutcome>(WORKER, workers, setup);
  try {
    const inFlight: { slot: number; outcome: Promise<BatchOutcome> }[] = [];
    let next = 0;
    const send = (slot: number) => {
      const [first, last] = ranges[next++];
      inFlight.push({ slot, outcome: pool.run({ first, last, slot }) });
    };
    while (next < ranges.length && inFlight.length < slots.length) send(inFlight.length);
    for (const [first, last] of ranges) {
      const { slot, outcome } = inFlight.shift()!;
      yield { first, last, outcome: await outcome, out: slots[slot], workers };
      if (next < ranges.length) send(slot);
    }
  } finally {
    await pool.close();
  }
}
