// Fitting the statistical forecasting methods (ets, theta, arima, auto, ...) to a domain command's history,
// so `capacity --metric wpm` and `self-sufficiency` can show a fitted forecast with intervals beside the
// anchored projections. `cagr`, `linear` and `logistic` stay the anchored projections in those commands.
import type { ProjectionMethod } from '../domain/projection.js';
import { toRegularSeries } from '../data/series.js';
import { usageError } from '../errors.js';
import { say } from '../messages.js';
import { intervalsNote, parseMethodList, withIntervals, type IntervalMode } from '../forecast/registry.js';
import type { Method } from '../forecast/types.js';
import { forecastSeries, joinReasons, type Bounds, type SeriesForecast } from './forecast/batch.js';
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

/** Statistical methods fitted to a domain history: the yearly values fitted (gaps filled) and each method's forecast. */
export interface FittedHistory {
  id: string;
  levels: number[];
  /** The yearly values the methods were fitted to; `interpolated` where a missing year was filled. */
  history: { year: number; value: number; interpolated: boolean }[];
  forecasts: SeriesForecast[];
  notes: string[];
  warnings: string[];
}

/** A fitted method's forecast means by year (the years after the history). */
export function forecastPath(f: SeriesForecast): { year: number; value: number }[] {
  const firstYear = f.series.startYear + f.series.values.length;
  return f.forecast.mean.map((value, h) => ({ year: firstYear + h, value }));
}

/**
 * Fits `methods` to yearly points (gaps filled by linear interpolation, said in the notes) and forecasts through
 * `through`, within the bounds.
 */
export function fitHistory(
  id: string,
  points: { year: number; value: number }[],
  methods: Method[],
  options: { through: number; levels: number[]; seed: number; bounds?: Bounds; intervals?: IntervalMode },
): FittedHistory {
  const regular = toRegularSeries(
    points.map((p) => p.year),
    points.map((p) => p.value),
    'linear',
  );
  if ('reason' in regular) throw usageError(say('error.cannotFit', { id, reason: regular.reason }));
  const last = regular.startYear + regular.values.length - 1;
  const horizon = options.through - last;
  if (horizon < 1) throw usageError(say('error.throughNotAfterLast', { through: options.through, last }));
  const series = { id, ...regular };
  const mode = options.intervals ?? 'calibrated';
  const banded = withIntervals(methods, mode);
  // forecastSeries holds the forecasts within the bounds and counts the values at a bound.
  const { ok, failed, clamped: atBound } = forecastSeries(series, banded, horizon, options.levels, options.seed, options.bounds ?? {});
  if (ok.length === 0) throw usageError(say('error.noMethodFitted', { id, count: regular.values.length, failed: joinReasons(failed) }));
  const history = regular.values.map((value, i) => ({ year: regular.startYear + i, value, interpolated: regular.filled.includes(regular.startYear + i) }));
  const notes = [
    say('note.fittedHistory', { methods: ok.map((r) => r.method.name).join(', '), count: regular.values.length, first: regular.startYear, last, id, levels: options.levels.join(', ') }),
    intervalsNote(banded, mode),
    ...(regular.filled.length > 0 ? [say('note.interpolatedYears', { years: regular.filled.join(', ') })] : []),
    ...failed.map((reason) => say('note.notFitted', { reason })),
  ];
  const warnings = atBound > 0 ? [say('note.atBound', { count: atBound })] : [];
  return { id, levels: options.levels, history, forecasts: ok, notes, warnings };
}
