// Fitting the statistical forecasting methods (ets, theta, arima, auto, ...) to a domain command's history,
// so `capacity --metric wpm` and `self-sufficiency` can show a fitted forecast with intervals beside the
// anchored projections. `cagr`, `linear` and `logistic` stay the anchored projections in those commands.
import type { ProjectionMethod } from '../domain/projection.js';
import { toRegularSeries } from '../data/series.js';
import { usageError } from '../errors.js';
import { intervalsNote, parseMethodList, withIntervals, type IntervalMode } from '../forecast/registry.js';
import type { Method } from '../forecast/types.js';
import type { Table } from '../report/model.js';
import { forecastColumns, forecastRows } from '../report/views/forecast.js';
import { forecastSeries, type Bounds } from './forecast/batch.js';
import { splitMethodNames } from './methods.js';

/** Splits `--method` into anchored projection methods and statistical forecasting methods. */
export function splitMethods(text: string): { projections: ProjectionMethod[]; fitted: Method[] } {
  const { projections, rest } = splitMethodNames(text);
  return { projections, fitted: parseFitted(rest) };
}

/** The statistical methods of a split `--method` list (`rest` of splitMethodNames). */
export function parseFitted(rest: string[]): Method[] {
  return rest.length > 0 ? parseMethodList(rest.join(',')) : [];
}

/**
 * Fits `methods` to yearly points (gaps filled by linear interpolation, said in the notes) and forecasts through
 * `through`. Returns a table in the forecast command's shape, with the history rows first.
 */
export function fitHistory(
  id: string,
  points: { year: number; value: number }[],
  methods: Method[],
  options: { through: number; levels: number[]; seed: number; bounds?: Bounds; intervals?: IntervalMode },
): { table: Table; notes: string[]; warnings: string[] } {
  const regular = toRegularSeries(
    points.map((p) => p.year),
    points.map((p) => p.value),
    'linear',
  );
  if ('reason' in regular) throw usageError(`cannot fit ${id}: ${regular.reason}`);
  const last = regular.startYear + regular.values.length - 1;
  const horizon = options.through - last;
  if (horizon < 1) throw usageError(`--through ${options.through} is not after the last figure (${last}); nothing to forecast`);
  const series = { id, ...regular };
  const mode = options.intervals ?? 'calibrated';
  const banded = withIntervals(methods, mode);
  // forecastSeries holds the forecasts within the bounds and counts the values at a bound.
  const { ok, failed, clamped: atBound } = forecastSeries(series, banded, horizon, options.levels, options.seed, options.bounds ?? {});
  if (ok.length === 0) throw usageError(`no method could be fitted to ${id} (${regular.values.length} yearly values): ${failed.join('; ')}`);
  const history = regular.values.map((v, i) => ({ id, year: regular.startYear + i, method: regular.filled.includes(regular.startYear + i) ? 'history (interpolated)' : 'history', mean: v }));
  const notes = [
    `fitted ${ok.map((r) => r.method.name).join(', ')} to ${regular.values.length} yearly values ${regular.startYear}–${last} of ${id}; intervals at ${options.levels.join(', ')} %`,
    intervalsNote(banded, mode),
    ...(regular.filled.length > 0 ? [`years without a figure were interpolated linearly for the fit: ${regular.filled.join(', ')}`] : []),
    ...failed.map((f) => `not fitted: ${f}`),
  ];
  const warnings = atBound > 0 ? [`${atBound} fitted value(s) or interval bound(s) are at the bound (held there)`] : [];
  return { table: { name: 'fitted', title: `${id}: fitted forecasts with prediction intervals`, columns: forecastColumns(options.levels), rows: [...history, ...forecastRows(ok, options.levels)] }, notes, warnings };
}
