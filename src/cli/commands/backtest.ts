// `semicap backtest FILE`: rolling-origin evaluation of each method over every series of a long CSV,
// pooled across series: MAE, RMSE, MAPE, sMAPE and MASE per method and per horizon, best first.
import { backtest as runBacktest, poolBacktests, type AccuracySummary, type BacktestResult } from '../../forecast/backtest.js';
import { parseMethodList } from '../../forecast/registry.js';
import { dataError, isSemicapError } from '../../errors.js';
import { makeReport, type Column, type Table } from '../../report/model.js';
import { parseNumberArg } from '../args.js';
import type { CommandResult } from '../context.js';
import { EXIT } from '../exit.js';
import { readSeriesArg } from './forecast.js';
import { magnitudeScale } from '../../forecast/scale.js';

const MEASURES: Column[] = [
  { key: 'smape', header: 'sMAPE', type: 'number', digits: 2 },
  { key: 'mase', header: 'MASE', type: 'number', digits: 3, emptyText: 'n/a' },
  { key: 'mae', header: 'MAE', type: 'number', digits: 3 },
  { key: 'rmse', header: 'RMSE', type: 'number', digits: 3 },
  { key: 'mape', header: 'MAPE', type: 'number', digits: 2, emptyText: 'n/a' },
  { key: 'points', header: 'points', type: 'int' },
];

const measures = (s: AccuracySummary | undefined) =>
  s === undefined ? { smape: null, mase: null, mae: null, rmse: null, mape: null, points: 0 } : { smape: s.smape, mase: s.mase ?? null, mae: s.mae, rmse: s.rmse, mape: s.mape ?? null, points: s.count };

export function backtestTables(result: BacktestResult): Table[] {
  const summary: Table = {
    name: 'summary',
    title: `Backtest: ${result.seriesCount} series, holdout ${result.holdout}, ${result.origins} origin(s) — best first`,
    columns: [{ key: 'rank', header: 'rank', type: 'int' }, { key: 'method', header: 'method' }, ...MEASURES, { key: 'failures', header: 'failures', type: 'int' }],
    rows: result.methods.map((m, i) => ({ rank: i + 1, method: m.method, ...measures(m.overall), failures: m.failures.length })),
  };
  const byHorizon: Table = {
    name: 'by_horizon',
    title: 'By horizon',
    columns: [{ key: 'method', header: 'method' }, { key: 'horizon', header: 'h', type: 'int' }, ...MEASURES],
    rows: result.methods.flatMap((m) => m.byHorizon.map((s, k) => ({ method: m.method, horizon: k + 1, ...measures(s) }))),
  };
  return [summary, byHorizon];
}

export async function backtest(args: string[], opts: Record<string, unknown>): Promise<CommandResult> {
  const holdout = parseNumberArg(String(opts.holdout), '--holdout', { min: 1, max: 100, integer: true });
  const origins = parseNumberArg(String(opts.origins), '--origins', { min: 1, max: 1000, integer: true });
  const methods = parseMethodList(String(opts.method));
  const set = await readSeriesArg(args[0], opts);
  const messages = set.skipped.map((s) => `skipped series '${s.id}': ${s.reason}`);
  const results: BacktestResult[] = [];
  for (const series of set.series) {
    const scale = magnitudeScale(series.values);
    if ('reason' in scale) {
      messages.push(`skipped series '${series.id}': ${scale.reason}`);
      continue;
    }
    try {
      results.push(runBacktest(series.values, methods, { holdout, origins, id: series.id }));
    } catch (e) {
      if (!isSemicapError(e)) throw e;
      messages.push(`skipped series '${series.id}': ${e.message}`);
    }
  }
  if (results.length === 0) throw dataError(`${set.file}: no series could be backtested (${messages[0] ?? 'no series'})`);
  const pooled = poolBacktests(results);
  for (const m of pooled.methods) {
    if (m.failures.length > 0) messages.push(`${m.method} failed at ${m.failures.length} origin(s); first: ${m.failures[0].id ?? ''} origin ${m.failures[0].origin}: ${m.failures[0].reason}`);
  }
  const notes = [
    `origin j fits on the first n − ${holdout} − (j − 1) values and forecasts the next ${holdout}; errors pooled over all series and origins`,
    'sMAPE as in the M3 competition (200·|y − f| / (|y| + |f|)); MASE scaled by the in-sample mean absolute first difference',
  ];
  return { report: makeReport('backtest', backtestTables(pooled), notes, set.lookalikeIds ?? []), inputs: [set.file], messages, exitCode: set.skipped.length > 0 || results.length < set.series.length ? EXIT.data : EXIT.ok };
}
