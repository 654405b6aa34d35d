// Use cases of the measured evidence beside anchored projections: regenerating the error table from a benchmark
// file, and giving projections their empirical bands and one line of evidence per method.
import { isSemicapError } from '../errors.js';
import { formatErrorTable, loadErrorTable, readYearlySeries } from '../data/projection-errors.js';
import { BAND_LEVELS, bandRow, levelQuantiles, measureAnchoredErrors, projectionBands, type BandLevel, type BandPoint, type ErrorRow, type MeasureOptions } from '../domain/projection-evidence.js';
import { PROJECTION_METHODS, project, projectMethods, type Anchor, type Projection, type ProjectionMethod, type ProjectionRequest } from '../domain/projection.js';
import { say } from '../messages.js';

/** How the bundled table is measured: M3 yearly, spans 1–12 years, horizons 1–20 years, logistic cap 2 × the larger anchor. */
export const BUNDLED_TABLE: MeasureOptions = { benchmark: 'm3_yearly', methods: PROJECTION_METHODS, maxSpan: 12, maxHorizon: 20, logisticCapFactor: 2 };

/** The error table's CSV text measured on a yearly benchmark file (datasets/projection_errors.csv from M3). */
export function measureErrorTable(seriesPath: string, options: MeasureOptions = BUNDLED_TABLE): string {
  return formatErrorTable(measureAnchoredErrors(readYearlySeries(seriesPath), options));
}

export interface ProjectionEvidence {
  method: ProjectionMethod;
  /** One entry per point of the projection. */
  points: BandPoint[];
  /** One line: how far the same kind of extrapolation landed on the benchmark at the projection's last year. */
  evidence: string | undefined;
}

/** Bands and evidence for projections, from the bundled error table (or the rows given). */
export function projectionEvidence(projections: readonly Projection[], table: readonly ErrorRow[] = loadErrorTable()): ProjectionEvidence[] {
  return projections.map((p) => ({ method: p.method, points: projectionBands(p, table), evidence: evidenceLine(p, table) }));
}


/**
 * "compound growth from 2 points 4 years apart, 3 years past the last: at least 80 % of 645 M3 yearly series landed
 * within −27.6 % / +35.6 % of the path, 95 % within …" for the projection's last year (the band's own row, bandRow);
 * undefined when it ends at an anchor.
 */
export function evidenceLine(p: Projection, table: readonly ErrorRow[]): string | undefined {
  const lastAnchor = p.anchors[p.anchors.length - 1].year;
  const horizon = p.through - lastAnchor;
  if (horizon < 1) return undefined;
  const span = lastAnchor - p.anchors[p.anchors.length - 2].year;
  const row = bandRow(table, p.method, span, horizon);
  if (row === undefined) return undefined;
  const range = (level: BandLevel) => levelQuantiles(row, level).map((q) => signedPct(Math.expm1(q))).join(' / ');
  const points = p.anchors.length === 2 ? say('evidence.twoPoints', { span }) : say('evidence.morePoints', { count: p.anchors.length, span });
  const measured = row.span === span && row.horizon === horizon ? '' : say('evidence.nearestRow', { span: row.span, horizon: row.horizon });
  const [l80, l95] = BAND_LEVELS;
  return say('evidence.line', { method: p.method, points, horizon, through: p.through, measured, l80, series: row.series, benchmark: row.benchmark, range80: range(80), l95, range95: range(95) });
}

const signedPct = (x: number) => `${x < 0 ? '−' : '+'}${Math.abs(x * 100).toFixed(1)} %`;

/** `semicap project`'s use case: the paths of each method through the anchors, with their bands and evidence. */
export function projectWithEvidence(methods: readonly ProjectionMethod[], request: Omit<ProjectionRequest, 'method'>): { projections: Projection[]; evidence: ProjectionEvidence[] } {
  const projections = projectMethods(methods, request);
  return { projections, evidence: projectionEvidence(projections) };
}

/**
 * `semicap self-sufficiency`'s current path as projections with bands: compound and linear at the rates from the
 * history's first to its last actual figure, continued from `current` (the last actual unless --current moves it:
 * then the same rates start from there), a share held within 0–100. A method whose path cannot be drawn that way
 * (no compound rate through a value at 0; a shifted start outside 0–100) is left out.
 */
export function currentPathEvidence(path: { from: Anchor; to: Anchor }, current: Anchor, through: number): { projections: Projection[]; evidence: ProjectionEvidence[] } {
  const span = path.to.year - path.from.year;
  const projections: Projection[] = [];
  for (const method of ['cagr', 'linear'] as const) {
    const atLast = current.year === path.to.year && current.value === path.to.value;
    const start = method === 'cagr' ? (current.value * path.from.value) / path.to.value : current.value - (path.to.value - path.from.value);
    const anchors = atLast ? [path.from, path.to] : [{ year: current.year - span, value: start }, current];
    try {
      projections.push(project({ method, anchors, through: Math.max(through, current.year), isShare: true }));
    } catch (e) {
      if (isSemicapError(e) && e.kind === 'usage') continue;
      throw e;
    }
  }
  return { projections, evidence: projectionEvidence(projections) };
}
