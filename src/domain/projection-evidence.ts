// How far anchored projections turn out: the error table measured on real yearly series (ln actual/projected by
// method, anchor span and horizon) and the empirical bands it gives a new projection. Pure.
import { project, type Projection, type ProjectionMethod } from './projection.js';
import { quantileSorted } from '../stats/quantile.js';

/** One yearly series: consecutive years and their values. */
export interface YearlySeries {
  id: string;
  years: readonly number[];
  values: readonly number[];
}

/** The probabilities the table records, and the band levels they give (80 %: 10–90, 95 %: 2.5–97.5). */
export const ERROR_PROBS = [0.025, 0.1, 0.5, 0.9, 0.975] as const;
export const BAND_LEVELS = [80, 95] as const;
export type BandLevel = (typeof BAND_LEVELS)[number];

/** One row of the error table: quantiles of ln(actual / projected) for a method, anchor span and horizon. */
export interface ErrorRow {
  benchmark: string;
  method: ProjectionMethod;
  /** Years between the two anchors (with 3+ anchors: the last segment, the one the path continues along). */
  span: number;
  /** Years past the last anchor. */
  horizon: number;
  /** Series measured (one case each), in the quantiles. */
  series: number;
  /** Further series whose path was held at a bound (a linear path held at 0): left out of the quantiles. */
  held: number;
  /** Quantiles of ln(actual / projected) at ERROR_PROBS, in order. */
  q: number[];
}

export interface MeasureOptions {
  benchmark: string;
  methods: readonly ProjectionMethod[];
  maxSpan: number;
  maxHorizon: number;
  /**
   * Logistic needs a cap: the M3 series are not shares, so each case's cap is this multiple of its larger anchor
   * (2: the anchors lie at or below half the cap, as a 29 % → 39 % share does below 100 %).
   */
  logisticCapFactor: number;
}

/**
 * The error table: for every method, span 1..maxSpan and horizon 1..maxHorizon, the quantiles of ln(actual /
 * projected) over the series long enough for the case (span + horizon + 1 values) whose path is not held at a
 * bound there. Rows in method, span, horizon order.
 */
export function measureAnchoredErrors(series: readonly YearlySeries[], options: MeasureOptions): ErrorRow[] {
  const rows: ErrorRow[] = [];
  for (const method of options.methods) {
    for (let span = 1; span <= options.maxSpan; span++) {
      for (let horizon = 1; horizon <= options.maxHorizon; horizon++) {
        const ratios: number[] = [];
        let held = 0;
        for (const s of series) {
          const outcome = anchoredOutcome(s, method, span, horizon, options.logisticCapFactor);
          if (outcome === undefined) continue;
          // A path held at 0 has no finite ratio, and a projection at 0 gets no band: counted, left out.
          if (outcome.held) held++;
          else ratios.push(outcome.logRatio);
        }
        if (ratios.length === 0) continue;
        ratios.sort((a, b) => a - b);
        rows.push({ benchmark: options.benchmark, method, span, horizon, series: ratios.length, held, q: ERROR_PROBS.map((p) => quantileSorted(ratios, p)) });
      }
    }
  }
  return rows;
}

/**
 * One case: anchors at the values span + horizon and horizon years before the series' last value, the path
 * projected to the last year. undefined when the series is too short or a value is not positive.
 */
export function anchoredOutcome(s: YearlySeries, method: ProjectionMethod, span: number, horizon: number, logisticCapFactor: number): { projected: number; actual: number; logRatio: number; held: boolean } | undefined {
  const n = s.values.length;
  const last = n - 1 - horizon;
  const first = last - span;
  if (first < 0) return undefined;
  const a = { year: s.years[first], value: s.values[first] };
  const b = { year: s.years[last], value: s.values[last] };
  const actual = s.values[n - 1];
  if (!(a.value > 0 && b.value > 0 && actual > 0)) return undefined;
  const cap = method === 'logistic' ? logisticCapFactor * Math.max(a.value, b.value) : undefined;
  // Only the last year is drawn: each year of a path is computed (and held at a bound) on its own.
  const end = project({ method, anchors: [a, b], from: s.years[n - 1], through: s.years[n - 1], cap }).points[0];
  return { projected: end.value, actual, logRatio: Math.log(actual / end.value), held: end.clamped };
}

// ---- applying the table ----------------------------------------------------------------------------------------

export interface BandPoint {
  year: number;
  /** The band per level; null for anchors, years between them, years before the first and values not above 0. */
  bands: Record<BandLevel, { lower: number; upper: number }> | null;
  /** The error-table row used, when the year has a band. */
  row?: ErrorRow;
}

/** The error-table row for a method, span and horizon: the nearest one (span and horizon clamped to the table's range). */
export function nearestRow(table: readonly ErrorRow[], method: ProjectionMethod, span: number, horizon: number): ErrorRow | undefined {
  const rows = table.filter((r) => r.method === method);
  if (rows.length === 0) return undefined;
  let best = rows[0];
  let bestDistance = Infinity;
  for (const r of rows) {
    // Distance in years; ties go to the longer span and horizon (the wider, more cautious band).
    const d = Math.abs(r.span - span) + Math.abs(r.horizon - horizon);
    if (d < bestDistance || (d === bestDistance && (r.span > best.span || r.horizon > best.horizon))) {
      best = r;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * The row a band is read from: the nearest row, with its outer quantiles widened to the widest of the same span's
 * horizons up to it, so that a band never narrows as the horizon grows (one case per series leaves some sampling
 * noise between neighbouring horizons). At least the level's share of the row's series landed within the band.
 */
export function bandRow(table: readonly ErrorRow[], method: ProjectionMethod, span: number, horizon: number): ErrorRow | undefined {
  let known = bandRows.get(table);
  if (known === undefined || known.size >= MAX_BAND_ROWS) bandRows.set(table, (known = new Map()));
  const key = `${method} ${span} ${horizon}`;
  if (known.has(key)) return known.get(key);
  const row = widenedRow(table, method, span, horizon);
  known.set(key, row);
  return row;
}

// Every point of every projection asks for a row, and each answer scans the whole table twice: the answers are
// kept per table (a table is read once and never changed), frozen since callers share them.
const bandRows = new WeakMap<readonly ErrorRow[], Map<string, ErrorRow | undefined>>();
const MAX_BAND_ROWS = 10_000;

function widenedRow(table: readonly ErrorRow[], method: ProjectionMethod, span: number, horizon: number): ErrorRow | undefined {
  const row = nearestRow(table, method, span, horizon);
  if (row === undefined) return undefined;
  const shorter = table.filter((r) => r.method === method && r.benchmark === row.benchmark && r.span === row.span && r.horizon <= row.horizon);
  const q = [...row.q];
  for (const r of shorter) {
    q[0] = Math.min(q[0], r.q[0]);
    q[1] = Math.min(q[1], r.q[1]);
    q[3] = Math.max(q[3], r.q[3]);
    q[4] = Math.max(q[4], r.q[4]);
  }
  return Object.freeze({ ...row, q: Object.freeze(q) as number[] });
}

/** The quantiles of the row for a band level: [lower, upper] log ratios. */
export function levelQuantiles(row: ErrorRow, level: BandLevel): [number, number] {
  return level === 80 ? [row.q[1], row.q[3]] : [row.q[0], row.q[4]];
}

/**
 * Empirical bands for each point of a projection: years after the last anchor get v·exp(q) at the row (bandRow) for
 * the last segment's span and the years past the last anchor, held within the projection's bounds; anchors and
 * interpolated years are on the path by construction and years before the first anchor are not measured, so
 * they get none, nor does a value at or below 0 (a ratio to nothing says nothing).
 */
export function projectionBands(projection: Projection, table: readonly ErrorRow[]): BandPoint[] {
  const anchors = projection.anchors;
  const lastAnchor = anchors[anchors.length - 1].year;
  const span = lastAnchor - anchors[anchors.length - 2].year;
  const { floor, cap } = projection.bounds;
  const hold = (v: number) => Math.min(cap ?? Infinity, Math.max(floor ?? -Infinity, v));
  return projection.points.map((p) => {
    if (p.year <= lastAnchor || !(p.value > 0)) return { year: p.year, bands: null };
    const row = bandRow(table, projection.method, span, p.year - lastAnchor);
    if (row === undefined) return { year: p.year, bands: null };
    const band = (level: BandLevel) => {
      const [lo, hi] = levelQuantiles(row, level);
      return { lower: hold(p.value * Math.exp(lo)), upper: hold(p.value * Math.exp(hi)) };
    };
    return { year: p.year, bands: { 80: band(80), 95: band(95) }, row };
  });
}
