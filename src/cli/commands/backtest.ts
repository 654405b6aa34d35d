// `semicap backtest FILE`: rolling-origin accuracy (MAE, RMSE, MAPE, sMAPE, MASE) and interval scores of each
// method, pooled over the series of a long CSV, best first; batches run on worker threads as `forecast` does.
import { readSeriesTable } from '../../data/series.js';
import { dataError } from '../../errors.js';
import { poolBacktests, type AccuracySummary, type BacktestResult } from '../../forecast/backtest.js';
import { intervalsNote } from '../../forecast/registry.js';
import { makeReport, type Column, type Table } from '../../report/model.js';
import type { BacktestOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';
import { EXIT } from '../exit.js';
import { createCountProgress } from '../progress.js';
import { backtestMethods, type BacktestSettings } from '../../app/forecast/backtest-batch.js';
import { parseMethodSpecs } from '../../forecast/registry.js';
import { backtestBatches } from '../../app/forecast/run.js';
import { seriesArg } from '../series-options.js';
import { say } from '../../messages.js';

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
    { key: `coverage${l}`, header: say('backtest.coverHeader', { level: l }), type: 'number' as const, digits: 1, emptyText: 'n/a' },
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
    title: say('backtest.title', { series: result.seriesCount, holdout: result.holdout, origins: result.origins }),
    columns: [{ key: 'rank', header: 'rank', type: 'int' }, { key: 'method', header: 'method' }, ...columns, { key: 'failures', header: 'failures', type: 'int' }],
    rows: result.methods.map((m, i) => ({ rank: i + 1, method: m.method, ...measures(m.overall, levels), failures: m.failures.length })),
  };
  const byHorizon: Table = {
    name: 'by_horizon',
    title: say('backtest.byHorizon'),
    columns: [{ key: 'method', header: 'method' }, { key: 'horizon', header: 'h', type: 'int' }, ...columns],
    rows: result.methods.flatMap((m) => m.byHorizon.map((s, k) => ({ method: m.method, horizon: k + 1, ...measures(s, levels) }))),
  };
  return [summary, byHorizon];
}

export async function backtest(args: string[], o: BacktestOptions, g?: Globals): Promise<CommandResult> {
  // --horizon (once --holdout): the years forecast at each origin and scored; the tables still call it the holdout.
  const { horizon: holdout, origins, level: levels, intervals, jobs } = o;
  const [file, readOptions] = seriesArg(args[0], o);
  const settings: BacktestSettings = { methods: parseMethodSpecs(o.method), intervals, holdout, origins, levels, fill: readOptions.fill ?? 'none' };
  const methods = backtestMethods(settings);
  const data = await readSeriesTable(file, readOptions);

  const messages: string[] = [];
  const results: BacktestResult[] = [];
  let skipped = 0;
  let threads = 0;
  const progress = createCountProgress(data.ids.length, 'backtest: series', { quiet: g?.quiet });
  for await (const { first, last, outcome, workers } of backtestBatches(data, settings, methods.length, jobs)) {
    threads = workers;
    let next = 0;
    for (let s = first; s < last; s++) {
      const reason = data.problems[s] ?? (outcome.skipped[next]?.series === s ? outcome.skipped[next++].reason : undefined);
      if (reason === undefined) continue;
      skipped++;
      messages.push(say('warning.skippedSeries', { id: data.ids[s], problem: reason }));
    }
    if (outcome.pooled !== undefined) results.push(outcome.pooled);
    progress.update(last);
  }
  progress.done();
  if (results.length === 0) throw dataError(say('error.nothingBacktested', { file: data.file, first: messages[0] ?? 'no series' }));
  const pooled = poolBacktests(results);
  for (const m of pooled.methods) {
    const f = m.failures[0];
    if (f !== undefined) messages.push(say('warning.methodFailedOrigins', { method: m.method, count: m.failures.length, id: data.ids[Number(f.id)] ?? '', origin: f.origin, reason: f.reason }));
  }
  const notes = [
    say('backtest.origins', { holdout }),
    say('backtest.measures'),
    say('backtest.cover'),
    intervalsNote(methods, intervals),
  ];
  if (g?.verbose) messages.push(say('backtest.backtestedSeries', { total: data.ids.length, threads }));
  return { report: makeReport('backtest', backtestTables(pooled, levels), notes, data.lookalikeIds), inputs: [data.file], messages, exitCode: skipped > 0 ? EXIT.data : EXIT.ok };
}
