// The unit of work of `semicap forecast`: a range of series of the grouped rows in, the forecast rows as numbers
// out. The same function runs in the main thread and in worker threads (forecast-worker.ts), so the
// output cannot depend on how many threads did the work.
import { regularSeriesAt, type GroupedRows, type YearlySeries } from '../../data/series.js';
import { isSemicapError } from '../../errors.js';
import type { IntervalMode, MethodSpec } from '../../forecast/registry.js';
import { isFiniteForecast } from '../../forecast/common.js';
import { magnitudeScale, scaleBy } from '../../forecast/scale.js';
import { clampForecast } from '../../forecast/intervals.js';
import type { FitOptions, FitOutcome, Forecast, Method } from '../../forecast/types.js';
import { encodeForecast, renderRows, type CsvRendering } from './rows.js';
import { messagesOf, say, type Message } from '../../messages.js';

export interface BatchSettings {
  /** The parsed --method list: plain data a worker thread builds its methods from (a Method holds functions, which cannot be sent). */
  methods: MethodSpec[];
  /** Calibrated or model intervals (registry.ts withIntervals), applied where the batch runs. */
  intervals: IntervalMode;
  horizon: number;
  levels: number[];
  seed: number;
  bounds: Bounds;
  fill: 'none' | 'linear';
  /** Keep each fit's params for `--explain` (what auto chose and why). */
  explain?: boolean;
  /** Also write the batch's rows as CSV text where they are computed (for output that is that CSV). */
  csv?: CsvRendering;
  /** Most series per batch (500 unless set); worker threads are worth starting from two batches of series. */
  batchSeries?: number;
}

/** What a batch produced besides its rows. */
export interface BatchOutcome {
  /** Numbers written to the output: rows × width. */
  written: number;
  /** Series (numbers in the file) whose years are not a regular yearly series, with the reason. */
  irregular: { series: number; reason: string }[];
  /** Series where some method failed: how many methods succeeded, and why the others failed. */
  failures: { series: number; ok: number; reasons: string[] }[];
  /** Values held at --floor or --cap. */
  clamped: number;
  /** With settings.explain: each fit's params, by series and method (index in the method list). */
  explained: { series: number; years: number; method: number; params: Record<string, number | string> }[];
  /** With settings.csv: the rows as CSV lines in UTF-8 (rows.ts renderRows), in a buffer of their own. */
  csv?: Uint8Array;
  /** The catalogue messages of the reasons: the thread that prints them re-registers them (messages.ts remember). */
  said: Message[];
}


export interface SeriesForecast {
  series: YearlySeries;
  method: Method;
  forecast: Forecast;
  /** The fit's params, when asked for (forecastSeries' keepParams). */
  params?: Record<string, number | string>;
}

/** The floor and cap a forecast is held within (0 is a real bound). */
export type Bounds = FitOptions;

function unscale(forecast: Forecast, exponent: number): void {
  const back = (xs: number[]) => xs.forEach((x, i) => (xs[i] = scaleBy(x, -exponent)));
  back(forecast.mean);
  for (const interval of forecast.intervals) {
    back(interval.lower);
    back(interval.upper);
  }
}

/** Reasons as one text, `a; b; c`, said through the catalogue piece by piece so that each renders in the reader's language. */
export function joinReasons(reasons: readonly string[]): string {
  return reasons.slice(0, -1).reduceRight((rest, first) => say('error.fcReasons', { first, rest }), reasons[reasons.length - 1] ?? '');
}

/** The values a series is fitted on: extreme magnitudes rescaled by a power of two (exactly undone afterwards). */
function fittingValues(series: YearlySeries): { y: readonly number[]; exponent: number } | { reason: string } {
  const scale = magnitudeScale(series.values);
  if ('reason' in scale) return scale;
  const { exponent } = scale;
  return { y: exponent === 0 ? series.values : series.values.map((v) => scaleBy(v, exponent)), exponent };
}

/**
 * Fits each method to one series; failures come back as reasons, never as exceptions. `prefitted(m)`, when given,
 * may hold what methods[m] gave for this series in a fit of several series at once (Method.fitMany).
 */
export function forecastSeries(series: YearlySeries, methods: Method[], horizon: number, levels: number[], seed: number, bounds: Bounds = {}, keepParams = false, prefitted?: (method: number) => FitOutcome | undefined): { ok: SeriesForecast[]; failed: string[]; clamped: number } {
  const ok: SeriesForecast[] = [];
  const failed: string[] = [];
  let clamped = 0;
  // Extreme magnitudes are fitted in a rescaled unit and scaled back (exactly: a power of two).
  const scale = fittingValues(series);
  if ('reason' in scale) return { ok, failed: [scale.reason], clamped };
  const { y, exponent } = scale;
  const scaledBounds = exponent === 0 ? bounds : { floor: bounds.floor === undefined ? undefined : scaleBy(bounds.floor, exponent), cap: bounds.cap === undefined ? undefined : scaleBy(bounds.cap, exponent) };
  for (let m = 0; m < methods.length; m++) {
    const method = methods[m];
    if (series.values.length < method.minLength) {
      failed.push(say('error.fcTooFew', { method: method.name, count: series.values.length, min: method.minLength }));
      continue;
    }
    try {
      const prefit = prefitted?.(m);
      if (prefit !== undefined && 'thrown' in prefit) throw prefit.thrown;
      const fitted = prefit === undefined ? method.fit(y, scaledBounds) : prefit.fitted;
      const forecast = fitted.forecast(horizon, { levels, seed });
      if (exponent !== 0) unscale(forecast, exponent);
      if (!isFiniteForecast(forecast)) failed.push(say('error.fcForecastNotFinite', { method: method.name }));
      else {
        clamped += clampForecast(forecast, bounds);
        ok.push({ series, method, forecast, ...(keepParams ? { params: fitted.params } : {}) });
      }
    } catch (e) {
      if (!isSemicapError(e)) throw e;
      failed.push(say('error.fcMethodFailed', { method: method.name, reason: e.message }));
    }
  }
  return { ok, failed, clamped };
}

/** Series a batch hands to a method's fitMany at a time (their fits run side by side). */
const FIT_TOGETHER = 32;

/**
 * For each method with a fitMany, its fits of the series (undefined for a series it does not fit there: too short,
 * or values forecastSeries refuses); undefined when no method has one. forecastSeries then uses these fits.
 */
function fitTogether(series: readonly YearlySeries[], methods: readonly Method[]): (FitOutcome | undefined)[][] | undefined {
  if (!methods.some((m) => m.fitMany !== undefined) || series.length < 2) return undefined;
  const values = series.map(fittingValues);
  return methods.map((method) => {
    const fits = new Array<FitOutcome | undefined>(series.length);
    if (method.fitMany === undefined) return fits;
    const chosen: number[] = [];
    values.forEach((v, k) => {
      if (!('reason' in v) && series[k].values.length >= method.minLength) chosen.push(k);
    });
    const outcomes = method.fitMany(chosen.map((k) => (values[k] as { y: readonly number[] }).y));
    chosen.forEach((k, i) => (fits[k] = outcomes[i]));
    return fits;
  });
}

/**
 * Forecasts series first … last-1 of the grouped rows into `out` (at least numbersPerSeries × (last − first)
 * long), skipping those spoiled while reading. `ids` holds the ids of series first … last-1 (for settings.csv).
 */
export function forecastBatch(rows: GroupedRows, spoiled: Uint8Array, first: number, last: number, settings: BatchSettings, methods: Method[], out: Float64Array, ids: readonly string[] = []): BatchOutcome {
  const { horizon, levels } = settings;
  let at = 0;
  const irregular: BatchOutcome['irregular'] = [];
  const failures: BatchOutcome['failures'] = [];
  let clamped = 0;
  const explained: BatchOutcome['explained'] = [];
  for (let g = first; g < last; g += FIT_TOGETHER) {
    const group: { s: number; series: YearlySeries }[] = [];
    for (let s = g; s < Math.min(last, g + FIT_TOGETHER); s++) {
      if (spoiled[s] === 1) continue;
      const built = regularSeriesAt(rows, s, settings.fill);
      if ('reason' in built) irregular.push({ series: s, reason: built.reason });
      else group.push({ s, series: { id: '', startYear: built.startYear, values: built.values, filled: built.filled } });
    }
    const prefitted = fitTogether(group.map((e) => e.series), methods);
    group.forEach(({ s, series }, k) => {
      const { ok, failed, clamped: moved } = forecastSeries(series, methods, horizon, levels, settings.seed, settings.bounds, settings.explain, prefitted && ((m) => prefitted[m]?.[k]));
      clamped += moved;
      if (failed.length > 0) failures.push({ series: s, ok: ok.length, reasons: failed });
      const firstYear = series.startYear + series.values.length;
      for (const { method, forecast, params } of ok) {
        const m = methods.indexOf(method);
        if (params !== undefined) explained.push({ series: s, years: series.values.length, method: m, params: { ...params } });
        at = encodeForecast(out, at, s, firstYear, m, forecast, levels);
      }
    });
  }
  const csv = settings.csv === undefined ? undefined : renderRows(out, at, levels, (s) => ids[s - first], methods.map((m) => m.name), settings.csv);
  // Fallback notes and auto's reasons too: --explain prints them in the main thread.
  const notes = explained.flatMap((e) => [e.params.fallback, e.params['auto.why']].filter((t): t is string => typeof t === 'string'));
  const said = messagesOf([...irregular.map((i) => i.reason), ...failures.flatMap((f) => f.reasons), ...notes]);
  return { written: at, irregular, failures, clamped, explained, said, ...(csv === undefined ? {} : { csv }) };
}
