// `semicap forecast FILE`: fit one or more methods to every series of a long CSV and forecast each.
// A series that cannot be forecast is reported on stderr with the reason; the others still come out.
import { readSeriesFile, type SeriesSet, type YearlySeries } from '../../data/series.js';
import { dataError, isSemicapError, usageError } from '../../errors.js';
import { parseMethodList } from '../../forecast/registry.js';
import type { Forecast, Method } from '../../forecast/types.js';
import { makeReport, type Column, type Table } from '../../report/model.js';
import { parseLevels, parseNumberArg } from '../args.js';
import type { CommandResult } from '../context.js';
import { EXIT } from '../exit.js';

export interface SeriesOptions {
  id?: string;
  time: string;
  value: string;
  delimiter?: string;
  decimal?: string;
  fill?: string;
}

/** Reads the FILE argument with the shared column options (--id, --time, --value, --delimiter, --decimal, --fill). */
export async function readSeriesArg(file: string | undefined, opts: Record<string, unknown>): Promise<SeriesSet> {
  if (file === undefined) throw usageError('missing FILE; expected a CSV with one row per series and year');
  const decimal = opts.decimal === undefined ? '.' : String(opts.decimal);
  if (decimal !== '.' && decimal !== ',') throw usageError(`--decimal '${decimal}'; expected . or ,`);
  const delimiter = opts.delimiter === undefined ? ',' : String(opts.delimiter) === '\\t' ? '\t' : String(opts.delimiter);
  if (delimiter.length !== 1) throw usageError(`--delimiter '${delimiter}'; expected one character such as ; or \\t`);
  if (decimal === ',' && delimiter === ',') throw usageError('--decimal , needs another --delimiter (such as ;)');
  const fill = opts.fill === undefined ? 'none' : String(opts.fill);
  if (fill !== 'none' && fill !== 'linear') throw usageError(`--fill '${fill}'; expected none or linear`);
  return readSeriesFile(file, {
    columns: { id: opts.id as string | undefined, time: String(opts.time ?? 'year'), value: String(opts.value ?? 'value') },
    delimiter,
    numbers: { decimal: decimal as '.' | ',' },
    fill: fill as 'none' | 'linear',
  });
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

export interface SeriesForecast {
  series: YearlySeries;
  method: Method;
  forecast: Forecast;
}

/** Fits each method to one series; failures come back as reasons, never as exceptions. */
export interface Bounds {
  floor?: number;
  cap?: number;
}

/**
 * Holds every number of a forecast within [floor, cap]; returns how many sit at a bound afterwards (methods given
 * the bounds may already have held them there), so the output can say so. 0 is a real bound.
 */
export function clampForecast(forecast: Forecast, bounds: Bounds): number {
  if (bounds.floor === undefined && bounds.cap === undefined) return 0;
  let moved = 0;
  const hold = (xs: number[]) =>
    xs.forEach((x, i) => {
      const held = Math.min(bounds.cap ?? Infinity, Math.max(bounds.floor ?? -Infinity, x));
      xs[i] = held;
      if (held === bounds.cap || held === bounds.floor) moved++;
    });
  hold(forecast.mean);
  for (const interval of forecast.intervals) {
    hold(interval.lower);
    hold(interval.upper);
  }
  return moved;
}

export function forecastSeries(series: YearlySeries, methods: Method[], horizon: number, levels: number[], seed: number, bounds: Bounds = {}): { ok: SeriesForecast[]; failed: string[]; clamped: number } {
  const ok: SeriesForecast[] = [];
  const failed: string[] = [];
  let clamped = 0;
  for (const method of methods) {
    if (series.values.length < method.minLength) {
      failed.push(`${method.name}: ${series.values.length} value(s), needs at least ${method.minLength}`);
      continue;
    }
    try {
      const forecast = method.fit(series.values, bounds).forecast(horizon, { levels, seed });
      const numbers = [...forecast.mean, ...forecast.intervals.flatMap((i) => [...i.lower, ...i.upper])];
      if (numbers.some((n) => !Number.isFinite(n))) failed.push(`${method.name}: the forecast is not finite`);
      else {
        clamped += clampForecast(forecast, bounds);
        ok.push({ series, method, forecast });
      }
    } catch (e) {
      if (!isSemicapError(e)) throw e;
      failed.push(`${method.name}: ${e.message}`);
    }
  }
  return { ok, failed, clamped };
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

export async function forecast(args: string[], opts: Record<string, unknown>): Promise<CommandResult> {
  const horizon = parseNumberArg(String(opts.horizon), '--horizon', { min: 1, max: 100, integer: true });
  const levels = parseLevels(String(opts.level));
  const seed = parseNumberArg(String(opts.seed), '--seed', { integer: true, min: 0 });
  const methods = parseMethodList(String(opts.method));
  const bounds: Bounds = {
    floor: opts.floor !== undefined ? parseNumberArg(String(opts.floor), '--floor') : undefined,
    cap: opts.cap !== undefined ? parseNumberArg(String(opts.cap), '--cap') : undefined,
  };
  if (bounds.floor !== undefined && bounds.cap !== undefined && !(bounds.floor < bounds.cap)) throw usageError(`--floor ${bounds.floor} must be below --cap ${bounds.cap}`);
  const set = await readSeriesArg(args[0], opts);
  const results: SeriesForecast[] = [];
  const messages: string[] = set.skipped.map((s) => `skipped series '${s.id}': ${s.reason}`);
  let skipped = set.skipped.length;
  let clamped = 0;
  for (const series of set.series) {
    const { ok, failed, clamped: moved } = forecastSeries(series, methods, horizon, levels, seed, bounds);
    clamped += moved;
    results.push(...ok);
    if (failed.length > 0) {
      if (ok.length === 0) skipped++;
      messages.push(`${ok.length === 0 ? 'skipped' : 'partly skipped'} series '${series.id}': ${failed.join('; ')}`);
    }
  }
  if (results.length === 0) {
    throw dataError(`${set.file}: no series could be forecast (${messages.length} problem(s); first: ${messages[0] ?? 'none'})`);
  }
  const table: Table = { name: 'forecast', title: `Forecast ${horizon} year(s) ahead, ${methods.map((m) => m.name).join(', ')}`, columns: forecastColumns(levels), rows: forecastRows(results, levels) };
  const notes = [`${set.series.length + set.skipped.length} series read from ${set.file}; ${set.series.length + set.skipped.length - skipped} forecast; intervals at ${levels.join(', ')} %; seed ${seed}`];
  const warnings = clamped > 0 ? [`${clamped} forecast value(s) or interval bound(s) left [${bounds.floor ?? '-∞'}, ${bounds.cap ?? '∞'}] and are at the bound (held there)`] : [];
  return { report: makeReport('forecast', [table], notes, warnings), inputs: [set.file], messages, exitCode: messages.length > 0 ? EXIT.data : EXIT.ok };
}
