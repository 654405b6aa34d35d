// Charts of `semicap forecast`: per series, its history (solid), each method's mean dashed from the last
// observation and, for a single method, its prediction-interval bands. Only the first few series are charted,
// so the rows kept for the charts stay small however many series the run forecasts.
import { seriesAt, type SeriesTable } from '../../data/series.js';
import { say } from '../../messages.js';
import type { CellValue } from '../model.js';
import { forecastChart, type Chart } from '../series.js';

/** Series charted at most (one chart each), as for any table with many series. */
export const MAX_FORECAST_CHARTS = 12;

interface MethodPath {
  years: number[];
  mean: number[];
  lower: number[][];
  upper: number[][];
}

const num = (v: CellValue | undefined): number => (typeof v === 'number' ? v : NaN);

/**
 * Collects the forecast rows (id, year, method, mean, then lo/hi per level: forecastColumns' order) of the first
 * series as they stream by, and builds their charts at the end.
 */
export function forecastChartCollector(data: SeriesTable, levels: readonly number[], title: string, name: string, source?: string) {
  const bySeries = new Map<string, Map<string, MethodPath>>();
  let full = false;
  return {
    /** Whether rows still passing can be kept (the first series'). */
    wants: (): boolean => !full && bySeries.size <= MAX_FORECAST_CHARTS,
    add(rows: readonly CellValue[][]): void {
      for (const cells of rows) {
        const id = String(cells[0]);
        let methods = bySeries.get(id);
        if (methods === undefined) {
          // Rows come in series order: once a series past the limit starts, nothing more is kept.
          if (full || bySeries.size >= MAX_FORECAST_CHARTS) {
            full = true;
            return;
          }
          methods = new Map();
          bySeries.set(id, methods);
        }
        const method = String(cells[2]);
        let path = methods.get(method);
        if (path === undefined) {
          path = { years: [], mean: [], lower: levels.map(() => []), upper: levels.map(() => []) };
          methods.set(method, path);
        }
        path.years.push(num(cells[1]));
        path.mean.push(num(cells[3]));
        levels.forEach((_, k) => {
          path!.lower[k].push(num(cells[4 + 2 * k]));
          path!.upper[k].push(num(cells[5 + 2 * k]));
        });
      }
    },
    charts(): Chart[] {
      const index = new Map(data.ids.map((id, n) => [id, n]));
      const charted = bySeries.size < data.ids.length ? say('chart.firstOf', { count: bySeries.size, total: data.ids.length }) : '';
      const charts: Chart[] = [];
      for (const [id, methods] of bySeries) {
        const n = index.get(id);
        const series = n === undefined ? undefined : seriesAt(data, n);
        // History: the observed years only (years filled by --fill linear lie on the line between them).
        const history = series === undefined || 'reason' in series ? [] : series.values.map((value, i) => ({ year: series.startYear + i, value })).filter((p) => !series.filled.includes(p.year));
        const forecasts = [...methods].map(([method, p]) => ({
          label: method,
          years: p.years,
          mean: p.mean,
          intervals: levels.map((level, k) => ({ level, lower: p.lower[k], upper: p.upper[k] })),
        }));
        const sourceLine = source && charted ? say('note.joined', { first: source, rest: charted }) : source || charted;
        charts.push(forecastChart(`${name}-${id.replace(/[^\w.-]+/g, '_')}`, say('chart.seriesTitle', { title, id }), '', history, forecasts, sourceLine === '' ? undefined : sourceLine));
      }
      return charts;
    },
  };
}
