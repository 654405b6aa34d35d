// The forecast table shape shared by `forecast` and the fitted forecasts of `capacity` and `self-sufficiency`:
// one row per series, year and method, with the interval bounds per level; and `--explain`'s rows.
import type { FittedHistory } from '../../app/fit-history.js';
import type { SeriesForecast } from '../../app/forecast/batch.js';
import { say } from '../../messages.js';
import type { CellValue, Column, Table } from '../model.js';

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

/** The fitted forecasts of a domain history (capacity --metric wpm, self-sufficiency --method): the history rows first. */
export function fittedTable(fit: FittedHistory): Table {
  const history = fit.history.map((h) => ({ id: fit.id, year: h.year, method: h.interpolated ? 'history (interpolated)' : 'history', mean: h.value }));
  return { name: 'fitted', title: say('forecast.fittedTitle', { id: fit.id }), columns: forecastColumns(fit.levels), rows: [...history, ...forecastRows(fit.forecasts, fit.levels)] };
}
