// How many rows a forecast is sure to give, known from the series read before any is fitted: formats that hold
// every row at once (tables, Markdown, spreadsheets) can then refuse a run that is too big before computing it.
import { regularSeriesAt, type SeriesTable } from '../../data/series.js';
import type { Method } from '../../forecast/types.js';

/**
 * Rows the forecast writes at least: horizon rows per method for each series read whole, regular (or filled)
 * and long enough for that method. A fit that fails on a series can only make the true count smaller, so the
 * count stops counting once it passes `enough`.
 */
export function leastForecastRows(data: SeriesTable, methods: readonly Method[], horizon: number, enough = Infinity): number {
  let rows = 0;
  for (let s = 0; s < data.ids.length && rows <= enough; s++) {
    if (data.problems[s] !== undefined) continue;
    const built = regularSeriesAt(data.grouped, s, data.fill);
    if ('reason' in built) continue;
    for (const m of methods) if (built.values.length >= m.minLength) rows += horizon;
  }
  return rows;
}
