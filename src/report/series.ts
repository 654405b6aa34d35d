// The chart model shared by the terminal chart, the SVG writer and the report folder: lines (history solid,
// projections dashed), shaded bands and markers; a report without charts gets one from a forecast-like table.
import type { Report, Table } from './model.js';
import { extent } from './numbers.js';
import { say } from '../messages.js';

export interface ChartPoint {
  year: number;
  value: number;
}

export interface ChartLine {
  /** Legend label, e.g. `trendforce_2023_12 cagr`. */
  label: string;
  /** history: measured figures (solid); projection: a path beyond or between them (dashed). */
  role: 'history' | 'projection';
  points: ChartPoint[];
}

export interface ChartBand {
  /** Legend label, e.g. `80 % interval` or `spread of methods`. */
  label: string;
  /** One entry per year, lower ≤ upper. */
  points: { year: number; lower: number; upper: number }[];
}

export interface ChartMarker {
  year: number;
  value: number;
  label: string;
  role: 'anchor' | 'target';
}

export interface Chart {
  /** Stable machine name: file names in `semicap report` (`<command>-<name>.svg`). */
  name: string;
  title: string;
  /** Unit of the y axis, e.g. `%`, `wpm_8in_eq`. */
  unit: string;
  lines: ChartLine[];
  bands: ChartBand[];
  markers: ChartMarker[];
  /** Source line printed under the chart. */
  source?: string;
}

/** Every finite value a chart draws (lines, bands, markers), for axis ranges. */
export function chartValues(chart: Chart): number[] {
  return [
    ...chart.lines.flatMap((l) => l.points.map((p) => p.value)),
    ...chart.bands.flatMap((b) => b.points.flatMap((p) => [p.lower, p.upper])),
    ...chart.markers.map((m) => m.value),
  ].filter((v) => Number.isFinite(v));
}

/** First and last year a chart covers. */
export function chartYears(chart: Chart): { from: number; to: number } {
  const years = [...chart.lines.flatMap((l) => l.points.map((p) => p.year)), ...chart.bands.flatMap((b) => b.points.map((p) => p.year)), ...chart.markers.map((m) => m.year)];
  const { min, max } = extent(years);
  return { from: min, to: max };
}

/** True when the chart has something to draw over at least two distinct years. */
export function isDrawable(chart: Chart): boolean {
  if (chartValues(chart).length === 0) return false;
  const { from, to } = chartYears(chart);
  return Number.isFinite(from) && Number.isFinite(to) && to > from;
}

/**
 * A band between the lowest and highest of several lines, year by year (only years every line has).
 * Used to shade the spread between projection methods; it is not a prediction interval and is labelled so.
 */
export function spreadBand(lines: ChartLine[], label = 'spread of methods'): ChartBand | undefined {
  if (lines.length < 2) return undefined;
  const byYear = new Map<number, number[]>();
  for (const l of lines) for (const p of l.points) if (Number.isFinite(p.value)) byYear.set(p.year, [...(byYear.get(p.year) ?? []), p.value]);
  const points = [...byYear]
    .filter(([, vs]) => vs.length === lines.length)
    .sort((a, b) => a[0] - b[0])
    .map(([year, vs]) => ({ year, lower: Math.min(...vs), upper: Math.max(...vs) }));
  return points.length >= 2 ? { label, points } : undefined;
}

const INTERVAL_KEY = /^(lo|lower|hi|upper)[_ .-]?(\d{1,2})$/i;
const HISTORY_WORDS = new Set(['history', 'actual', 'estimate', 'observed', 'anchor']);
const OBSERVED_KINDS = new Set(['actual', 'estimate']);

/**
 * A chart read from a table that looks like a forecast: an int `year` column, numeric value columns, and
 * optionally interval columns named `lo_80`/`hi_80` (or `lower_95`/`upper_95`). Rows whose text column
 * `kind`, `point` or `role` says history/actual/estimate are history (when an `observed_kind` column exists, the
 * rows it marks actual/estimate); the rest projection.
 */
export function chartFromTable(table: Table, unit = ''): Chart | undefined {
  const yearCol = table.columns.find((c) => c.key === 'year' && (c.type === 'int' || c.type === 'number'));
  if (!yearCol || table.rows.length < 2) return undefined;
  // A time series has one row per year; a list of records that happen to carry a year (funds) is not one.
  const years = table.rows.map((r) => r.year);
  if (new Set(years).size !== years.length) return undefined;
  const numeric = table.columns.filter((c) => c !== yearCol && (c.type === 'number' || c.type === 'int'));
  const intervalCols = numeric.filter((c) => INTERVAL_KEY.test(c.key));
  const valueCols = numeric.filter((c) => !INTERVAL_KEY.test(c.key));
  if (valueCols.length === 0) return undefined;
  const roleCol = table.columns.find((c) => ['kind', 'point', 'role'].includes(c.key) && (c.type === undefined || c.type === 'text'));
  // A table that says which years the data measured (`observed_kind`) is history only through those years.
  const observedKindCol = table.columns.find((c) => c.key === 'observed_kind');
  const isHistory = (row: Table['rows'][number]) =>
    observedKindCol !== undefined ? OBSERVED_KINDS.has(String(row[observedKindCol.key] ?? '')) : roleCol !== undefined && HISTORY_WORDS.has(String(row[roleCol.key] ?? '').split(' ')[0]);
  const lines: ChartLine[] = [];
  for (const c of valueCols) {
    const pts = (pred: (r: Table['rows'][number]) => boolean) =>
      table.rows.filter((r) => pred(r) && typeof r.year === 'number' && typeof r[c.key] === 'number' && Number.isFinite(r[c.key] as number)).map((r) => ({ year: r.year as number, value: r[c.key] as number }));
    const history = pts(isHistory);
    const projection = pts((r) => !isHistory(r));
    const label = c.header.replace(/\s*\n\s*/g, ' ');
    if (history.length > 0) lines.push({ label: roleCol ? `${label} (history)` : label, role: 'history', points: history });
    // The projection starts at the last history point so the two lines join.
    if (projection.length > 0) lines.push({ label, role: 'projection', points: history.length > 0 ? [history[history.length - 1], ...projection] : projection });
  }
  const bands: ChartBand[] = [];
  const levels = [...new Set(intervalCols.map((c) => INTERVAL_KEY.exec(c.key)![2]))].sort((a, b) => Number(b) - Number(a));
  for (const level of levels) {
    const lo = intervalCols.find((c) => /^(lo|lower)/i.test(c.key) && INTERVAL_KEY.exec(c.key)![2] === level);
    const hi = intervalCols.find((c) => /^(hi|upper)/i.test(c.key) && INTERVAL_KEY.exec(c.key)![2] === level);
    if (!lo || !hi) continue;
    const points = table.rows
      .filter((r) => typeof r.year === 'number' && typeof r[lo.key] === 'number' && typeof r[hi.key] === 'number')
      .map((r) => ({ year: r.year as number, lower: r[lo.key] as number, upper: r[hi.key] as number }))
      .filter((p) => Number.isFinite(p.lower) && Number.isFinite(p.upper));
    if (points.length >= 2) bands.push({ label: say('bands.interval', { level: Number(level) }), points });
  }
  const chart: Chart = { name: table.name, title: table.title ?? table.name, unit, lines, bands, markers: [] };
  return isDrawable(chart) ? chart : undefined;
}

/** The charts of a report: those the command attached, else one read from the first table that looks like a forecast. */
export function chartsOf(report: Report): Chart[] {
  if (report.charts !== undefined) return report.charts.filter(isDrawable);
  for (const table of report.tables) {
    const chart = chartFromTable(table);
    if (chart) return [chart];
    const grouped = chartsByGroup(table);
    if (grouped.length > 0) return grouped;
  }
  return [];
}

const MAX_GROUP_CHARTS = 12;

/**
 * A long forecast table (several series and methods, so years repeat): one chart per series (`id` column),
 * one line per method in it; interval bands only when the chart has a single method (else they hide the lines).
 */
export function chartsByGroup(table: Table): Chart[] {
  const text = (key: string) => table.columns.find((c) => c.key === key && (c.type === undefined || c.type === 'text'));
  const idCol = text('id') ?? text('series');
  const methodCol = text('method');
  if (!idCol && !methodCol) return [];
  const groupOf = (r: Table['rows'][number], col: typeof idCol) => (col ? String(r[col.key] ?? '') : '');
  const ids = [...new Set(table.rows.map((r) => groupOf(r, idCol)))].slice(0, MAX_GROUP_CHARTS);
  const charts: Chart[] = [];
  for (const id of ids) {
    const rows = table.rows.filter((r) => groupOf(r, idCol) === id);
    const methods = [...new Set(rows.map((r) => groupOf(r, methodCol)))];
    const parts = methods.map((m) => ({ m, chart: chartFromTable({ ...table, rows: rows.filter((r) => groupOf(r, methodCol) === m) }) })).filter((p) => p.chart !== undefined);
    if (parts.length === 0) continue;
    const lines = parts.flatMap((p) => p.chart!.lines.map((l) => ({ ...l, label: p.m === '' ? l.label : `${p.m}${l.label === 'mean' ? '' : ` ${l.label}`}` })));
    const title = id === '' ? (table.title ?? table.name) : say('chart.seriesTitle', { title: table.title ?? table.name, id });
    const chart: Chart = { name: id === '' ? table.name : `${table.name}-${id.replace(/[^\w.-]+/g, '_')}`, title, unit: '', lines, bands: parts.length === 1 ? parts[0].chart!.bands : [], markers: [] };
    if (isDrawable(chart)) charts.push(chart);
  }
  return charts;
}

/** Year-by-year values of a line at the given years, linearly interpolated inside its span (undefined outside). */
export function valueAt(points: readonly ChartPoint[], year: number): number | undefined {
  if (points.length === 0) return undefined;
  const sorted = points;
  if (year < sorted[0].year || year > sorted[sorted.length - 1].year) return undefined;
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i];
    if (p.year === year) return p.value;
    const q = sorted[i + 1];
    if (q !== undefined && p.year < year && year < q.year) return p.value + ((q.value - p.value) * (year - p.year)) / (q.year - p.year);
  }
  return undefined;
}

// ---- builders the commands use to attach charts (plain data in, so the report layer needs no domain code) ----

/** The shape of an anchored projection this module needs (src/domain/projection.ts's Projection fits it). */
export interface ProjectionLike {
  method: string;
  anchors: { year: number; value: number }[];
  points: { year: number; value: number }[];
}

/**
 * Projections of one quantity through the same anchors: one dashed line per method, the anchors marked, and
 * the spread between the methods shaded (labelled as such: it is not a prediction interval).
 */
export function projectionChart(name: string, title: string, unit: string, projections: readonly ProjectionLike[], source?: string): Chart {
  const lines: ChartLine[] = projections.map((p) => ({ label: p.method, role: 'projection', points: p.points.map(({ year, value }) => ({ year, value })) }));
  const band = spreadBand(lines);
  const anchors = projections[0]?.anchors ?? [];
  return { name, title, unit, lines, bands: band ? [band] : [], markers: anchors.map((a) => ({ year: a.year, value: a.value, label: 'anchor', role: 'anchor' as const })), source };
}

/** Several sources' projections on one chart (`source method` lines) with every input figure marked. */
export function sourcesChart(name: string, title: string, unit: string, paths: readonly { sourceId: string; projections: readonly ProjectionLike[] }[], figures: readonly { year: number; value: number; source_id: string }[]): Chart {
  const lines: ChartLine[] = paths.flatMap((p) => p.projections.map((pr) => ({ label: `${p.sourceId} ${pr.method}`, role: 'projection' as const, points: pr.points.map(({ year, value }) => ({ year, value })) })));
  const markers = figures.map((f) => ({ year: f.year, value: f.value, label: f.source_id, role: 'anchor' as const }));
  const sources = [...new Set([...paths.map((p) => p.sourceId), ...figures.map((f) => f.source_id)])];
  return { name, title, unit, lines, bands: [], markers, source: sources.join(', ') };
}

/** A measured history (solid) continued by projections (dashed), each starting where its anchors start. */
export function historyChart(name: string, title: string, unit: string, history: readonly ChartPoint[], projections: readonly ProjectionLike[], source?: string): Chart {
  const lines: ChartLine[] = [
    { label: 'history', role: 'history', points: [...history] },
    ...projections.map((p) => ({ label: p.method, role: 'projection' as const, points: p.points.map(({ year, value }) => ({ year, value })) })),
  ];
  const projected = lines.slice(1);
  const band = spreadBand(projected);
  return { name, title, unit, lines, bands: band ? [band] : [], markers: [], source };
}

/**
 * A share's history (solid), the current path's projections from the current figure (dashed: compound and linear,
 * as domain/projection.ts computed them, held inside 0–100), and the targets marked.
 */
export function targetsChart(
  name: string,
  title: string,
  history: readonly ChartPoint[],
  current: ChartPoint,
  paths: readonly { method: string; points: readonly ChartPoint[] }[],
  targets: readonly { year: number; value: number; label: string }[],
  through: number,
  source?: string,
): Chart {
  const lines: ChartLine[] = [{ label: 'history', role: 'history', points: [...history] }];
  if (through > current.year) {
    for (const p of paths) lines.push({ label: p.method, role: 'projection', points: p.points.filter((pt) => pt.year >= current.year && pt.year <= through).map(({ year, value }) => ({ year, value })) });
  }
  const markers = targets.map((t) => ({ year: t.year, value: t.value, label: t.label, role: 'target' as const }));
  return { name, title, unit: '%', lines, bands: [], markers, source };
}

/**
 * A fitted forecast with its history: the history solid, each method's mean dashed from the last observation,
 * and its prediction intervals shaded (for a single method; several methods' bands would hide the lines).
 * For `semicap forecast`: `report.charts = [forecastChart(...)]` per series.
 */
export function forecastChart(
  name: string,
  title: string,
  unit: string,
  history: readonly ChartPoint[],
  forecasts: readonly { label: string; years: readonly number[]; mean: readonly number[]; intervals: readonly { level: number; lower: readonly number[]; upper: readonly number[] }[] }[],
  source?: string,
): Chart {
  const last = history[history.length - 1];
  const lines: ChartLine[] = [{ label: 'history', role: 'history', points: [...history] }];
  for (const f of forecasts) {
    const points = f.years.map((year, i) => ({ year, value: f.mean[i] })).filter((p) => Number.isFinite(p.value));
    lines.push({ label: f.label, role: 'projection', points: last ? [last, ...points] : points });
  }
  const bands: ChartBand[] =
    forecasts.length === 1
      ? [...forecasts[0].intervals]
          .sort((a, b) => b.level - a.level)
          .map((iv) => ({ label: say('bands.interval', { level: iv.level }), points: forecasts[0].years.map((year, i) => ({ year, lower: iv.lower[i], upper: iv.upper[i] })).filter((p) => Number.isFinite(p.lower) && Number.isFinite(p.upper)) }))
      : [];
  return { name, title, unit, lines, bands, markers: [], source };
}
