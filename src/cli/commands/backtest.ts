// `semicap backtest FILE`: rolling-origin evaluation of each method over every series of a long CSV,
// pooled across series: MAE, RMSE, MAPE, sMAPE and MASE per method and per horizon, best first, and the
// prediction intervals' coverage and MSIS at each --level. Series are backtested in batches, on worker threads
// when there is enough work (as `forecast` does), and pooled in series order.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { readSeriesTable, type SeriesTable } from '../../data/series.js';
import { dataError } from '../../errors.js';
import { poolBacktests, type AccuracySummary, type BacktestResult } from '../../forecast/backtest.js';
import { intervalsNote } from '../../forecast/registry.js';
import { makeReport, type Column, type Table } from '../../report/model.js';
import { parseIntervalMode, parseLevels, parseNumberArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';
import { EXIT } from '../exit.js';
import { createCountProgress } from '../progress.js';
import { WorkerPool } from '../workers.js';
import { backtestBatch, backtestMethods, type BacktestBatchOutcome, type BacktestSettings } from './backtest-batch.js';
import type { BacktestWorkerSetup } from './backtest-worker.js';
import { parseJobs, seriesArg } from './forecast.js';

const MEASURES: Column[] = [
  { key: 'smape', header: 'sMAPE', type: 'number', digits: 2 },
  { key: 'mase', header: 'MASE', type: 'number', digits: 3, emptyText: 'n/a' },
  { key: 'mae', header: 'MAE', type: 'number', digits: 3 },
  { key: 'rmse', header: 'RMSE', type: 'number', digits: 3 },
  { key: 'mape', header: 'MAPE', type: 'number', digits: 2, emptyText: 'n/a' },
];
const POINTS: Column = { key: 'points', header: 'points', type: 'int' };

/** Coverage (percent of actuals inside) and MSIS per interval level. */
function intervalColumns(levels: readonly number[]): Column[] {
  return levels.flatMap((l) => [
    { key: `coverage${l}`, header: `cover ${l}%`, type: 'number' as const, digits: 1, emptyText: 'n/a' },
    { key: `msis${l}`, header: `MSIS ${l}`, type: 'number' as const, digits: 2, emptyText: 'n/a' },
  ]);
}

function measures(s: AccuracySummary | undefined, levels: readonly number[]): Record<string, number | null> {
  const row: Record<string, number | null> = s === undefined
    ? { smape: null, mase: null, mae: null, rmse: null, mape: null, points: 0 }
    : { smape: s.smape, mase: s.mase ?? null, mae: s.mae, rmse: s.rmse, mape: s.mape ?? null, points: s.count };
  for (const l of levels) {
    const i = s?.intervals.find((x) => x.level === l);
    row[`coverage${l}`] = i === undefined ? null : 100 * i.coverage;
    row[`msis${l}`] = i?.msis ?? null;
  }
  return row;
}

export function backtestTables(result: BacktestResult, levels: readonly number[] = []): Table[] {
  const columns = [...MEASURES, ...intervalColumns(levels), POINTS];
  const summary: Table = {
    name: 'summary',
    title: `Backtest: ${result.seriesCount} series, holdout ${result.holdout}, ${result.origins} origin(s) — best first`,
    columns: [{ key: 'rank', header: 'rank', type: 'int' }, { key: 'method', header: 'method' }, ...columns, { key: 'failures', header: 'failures', type: 'int' }],
    rows: result.methods.map((m, i) => ({ rank: i + 1, method: m.method, ...measures(m.overall, levels), failures: m.failures.length })),
  };
  const byHorizon: Table = {
    name: 'by_horizon',
    title: 'By horizon',
    columns: [{ key: 'method', header: 'method' }, { key: 'horizon', header: 'h', type: 'int' }, ...columns],
    rows: result.methods.flatMap((m) => m.byHorizon.map((s, k) => ({ method: m.method, horizon: k + 1, ...measures(s, levels) }))),
  };
  return [summary, byHorizon];
}

export async function backtest(args: string[], opts: Record<string, unknown>, g?: GlobalOptions & { verbose?: boolean }): Promise<CommandResult> {
  const holdout = parseNumberArg(String(opts.holdout), '--holdout', { min: 1, max: 100, integer: true });
  const origins = parseNumberArg(String(opts.origins), '--origins', { min: 1, max: 1000, integer: true });
  const levels = parseLevels(String(opts.level ?? '80,95'));
  const intervals = parseIntervalMode(opts.intervals);
  const jobs = parseJobs(opts.jobs);
  const [file, readOptions] = seriesArg(args[0], opts);
  const settings: BacktestSettings = { methods: String(opts.method), intervals, holdout, origins, levels, fill: readOptions.fill ?? 'none' };
  const methods = backtestMethods(settings);
  const data = await readSeriesTable(file, readOptions);

  const messages: string[] = [];
  const results: BacktestResult[] = [];
  let skipped = 0;
  let threads = 0;
  const progress = createCountProgress(data.ids.length, 'backtest: series', { quiet: g?.quiet });
  for await (const { first, last, outcome, workers } of runBatches(data, settings, methods.length, jobs)) {
    threads = workers;
    let next = 0;
    for (let s = first; s < last; s++) {
      const reason = data.problems[s] ?? (outcome.skipped[next]?.series === s ? outcome.skipped[next++].reason : undefined);
      if (reason === undefined) continue;
      skipped++;
      messages.push(`skipped series '${data.ids[s]}': ${reason}`);
    }
    if (outcome.pooled !== undefined) results.push(outcome.pooled);
    progress.update(last);
  }
  progress.done();
  if (results.length === 0) throw dataError(`${data.file}: no series could be backtested (${messages[0] ?? 'no series'})`);
  const pooled = poolBacktests(results);
  for (const m of pooled.methods) {
    const f = m.failures[0];
    if (f !== undefined) messages.push(`${m.method} failed at ${m.failures.length} origin(s); first: ${data.ids[Number(f.id)] ?? ''} origin ${f.origin}: ${f.reason}`);
  }
  const notes = [
    `origin j fits on the first n − ${holdout} − (j − 1) values and forecasts the next ${holdout}; errors pooled over all series and origins`,
    'sMAPE as in the M3 competition (200·|y − f| / (|y| + |f|)); MASE scaled by the in-sample mean absolute first difference',
    `cover L%: share of actuals inside the L % interval; MSIS L: its interval score (width + (2/α)·miss, α = 1 − L/100) over the same scale, mean over points (the M4 competition's MSIS is MSIS 95)`,
    intervalsNote(methods, intervals),
  ];
  if (g?.verbose) messages.push(`backtested ${data.ids.length} series ${threads > 0 ? `in ${threads} worker thread(s)` : 'in the main thread'}`);
  return { report: makeReport('backtest', backtestTables(pooled, levels), notes, data.lookalikeIds), inputs: [data.file], messages, exitCode: skipped > 0 ? EXIT.data : EXIT.ok };
}

/** Series per batch: the batches, and so the pooling order and the output, never depend on --jobs. */
const BATCH = 50;
/** Below this many fits (series × origins × methods), starting worker threads costs more than it saves. */
const PARALLEL_FROM = 2000;
/** The worker script beside this module in the bundle (dist/); absent when running from the TypeScript sources. */
const WORKER = new URL('./backtest-worker.js', import.meta.url);

/** The batches' outcomes in series order, computed in worker threads when there is enough work and cores. */
async function* runBatches(data: SeriesTable, settings: BacktestSettings, methodCount: number, jobs: number | 'auto'): AsyncGenerator<{ first: number; last: number; outcome: BacktestBatchOutcome; workers: number }> {
  const total = data.ids.length;
  const ranges = Array.from({ length: Math.ceil(total / BATCH) }, (_, i) => [i * BATCH, Math.min(total, (i + 1) * BATCH)] as const);
  const spoiled = new Uint8Array(new SharedArrayBuffer(Math.max(1, total)));
  data.problems.forEach((p, s) => (spoiled[s] = p === undefined ? 0 : 1));
  const threads = jobs === 'auto' ? (total * settings.origins * methodCount >= PARALLEL_FROM ? availableParallelism() : 1) : jobs;
  if (threads <= 1 || ranges.length < 2 || !existsSync(fileURLToPath(WORKER))) {
    const methods = backtestMethods(settings);
    for (const [first, last] of ranges) {
      yield { first, last, outcome: backtestBatch(data.grouped, spoiled, first, last, settings, methods), workers: 0 };
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return;
  }
  const workers = Math.min(threads, ranges.length);
  const setup: BacktestWorkerSetup = { settings, rows: data.grouped.share(), spoiled };
  const pool = new WorkerPool<{ first: number; last: number }, BacktestBatchOutcome>(WORKER, workers, setup);
  try {
    // A few batches in flight per worker keep every core busy; results are taken in series order.
    const inFlight: Promise<BacktestBatchOutcome>[] = [];
    let next = 0;
    const send = () => {
      const [first, last] = ranges[next++];
      inFlight.push(pool.run({ first, last }));
    };
    while (next < ranges.length && inFlight.length < 3 * workers) send();
    for (const [first, last] of ranges) {
      const outcome = await inFlight.shift()!;
      if (next < ranges.length) send();
      yield { first, last, outcome, workers };
    }
  } finally {
    await pool.close();
  }
}
