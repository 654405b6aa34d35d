// How a publisher's forecasts moved from release to release, and how far they were from what later arrived.
// Pure: releases in, moves and misses out. A release's values between its own figures come from the one path
// function (projection.ts, compound), never across releases: each release is its own definition.
import { project } from './projection.js';

/** One figure of a release: a year, a value, and what it is (actual, estimate, forecast, ...). */
export interface ReleaseFigure {
  year: number;
  value: number;
  kind: string;
}

/** One release (a vintage) of a publisher's figures for one measure. */
export interface Release {
  sourceId: string;
  /** Release date as sources.csv gives it: YYYY-MM-DD, YYYY-MM or YYYY. */
  published: string;
  figures: ReleaseFigure[];
  /** The release's own definition of the measure, when it gives one. */
  definition?: string | null;
}

/** A figure of one release for a target year. */
export interface ReleasePoint {
  sourceId: string;
  published: string;
  value: number;
  kind: string;
}

/** How one release moved the figure for a target year from the release before it that gave the same year. */
export interface RevisionMove {
  targetYear: number;
  from: ReleasePoint;
  to: ReleasePoint;
  /** to − from, in the measure's unit (percentage points for shares). */
  movePp: number;
  /** (to − from) / from × 100; null when from is 0. */
  movePct: number | null;
}

/** How far a release's forecast for a year was from the actual that arrived later. */
export interface ForecastMiss {
  targetYear: number;
  release: ReleasePoint;
  /** stated: the release's own figure; interpolated: on the compound path between its own figures. */
  point: 'stated' | 'interpolated';
  actual: ReleasePoint;
  /** forecast − actual; negative when the forecast was too low. */
  missPp: number;
  missPct: number | null;
}

export interface RevisionHistory {
  /** The releases in release order (earliest first). */
  releases: Release[];
  /** Every year some release gives a figure for, ascending. */
  targetYears: number[];
  moves: RevisionMove[];
  misses: ForecastMiss[];
}

const ACTUAL_KINDS = new Set(['actual', 'estimate']);

/** Release dates compare as text (ISO prefixes); a month-only date sorts before the days of that month. */
export const byRelease = (a: Pick<Release, 'published' | 'sourceId'>, b: Pick<Release, 'published' | 'sourceId'>): number =>
  a.published < b.published ? -1 : a.published > b.published ? 1 : a.sourceId < b.sourceId ? -1 : a.sourceId > b.sourceId ? 1 : 0;

const pointOf = (r: Release, f: ReleaseFigure): ReleasePoint => ({ sourceId: r.sourceId, published: r.published, value: f.value, kind: f.kind });
const pct = (from: number, to: number): number | null => (from === 0 ? null : ((to - from) / from) * 100);

/**
 * A release's value for a year: its own figure, or the compound path between its own figures around that year
 * (never beyond them, never through another release's figures).
 */
export function releaseValueAt(release: Release, year: number, isShare: boolean): { value: number; point: 'stated' | 'interpolated' } | undefined {
  const own = release.figures.find((f) => f.year === year);
  if (own) return { value: own.value, point: 'stated' };
  const years = release.figures.map((f) => f.year);
  if (release.figures.length < 2 || year < Math.min(...years) || year > Math.max(...years)) return undefined;
  const anchors = release.figures.map((f) => ({ year: f.year, value: f.value }));
  if (anchors.some((a) => !(a.value > 0))) return undefined;
  const path = project({ method: 'cagr', anchors, isShare });
  const p = path.points.find((pt) => pt.year === year);
  return p ? { value: p.value, point: 'interpolated' } : undefined;
}

/**
 * Orders the releases, lists each revision of a target year's figure (release after release) and each forecast's
 * miss against the latest actual or estimate for that year published after the forecast.
 * @example revisionHistory([{ sourceId: 'a', published: '2023-10', figures: [{ year: 2027, value: 33, kind: 'forecast' }] },
 *   { sourceId: 'b', published: '2023-12', figures: [{ year: 2027, value: 39, kind: 'forecast' }] }]).moves[0].movePp // 6
 */
export function revisionHistory(releases: readonly Release[], options: { isShare?: boolean } = {}): RevisionHistory {
  const ordered = [...releases].sort(byRelease);
  const targetYears = [...new Set(ordered.flatMap((r) => r.figures.map((f) => f.year)))].sort((a, b) => a - b);
  const moves: RevisionMove[] = [];
  for (const year of targetYears) {
    const points = ordered.flatMap((r) => r.figures.filter((f) => f.year === year).map((f) => pointOf(r, f)));
    for (let i = 1; i < points.length; i++) {
      const from = points[i - 1];
      const to = points[i];
      moves.push({ targetYear: year, from, to, movePp: to.value - from.value, movePct: pct(from.value, to.value) });
    }
  }
  const misses: ForecastMiss[] = [];
  for (const r of ordered) {
    // Years up to the release's own latest actual or estimate were observed by it, not forecast.
    const observedThrough = Math.max(-Infinity, ...r.figures.filter((f) => ACTUAL_KINDS.has(f.kind)).map((f) => f.year));
    for (const year of targetYears) {
      const own = r.figures.find((f) => f.year === year);
      // Only what the release forecast: a stated forecast, or a year after its observations that it did not state.
      if (own !== undefined ? own.kind !== 'forecast' : year <= observedThrough) continue;
      const actual = ordered
        .filter((later) => byRelease(later, r) > 0 && later.published > r.published)
        .flatMap((later) => later.figures.filter((f) => f.year === year && ACTUAL_KINDS.has(f.kind)).map((f) => pointOf(later, f)))
        .pop();
      if (actual === undefined) continue;
      const at = releaseValueAt(r, year, options.isShare ?? false);
      if (at === undefined) continue;
      const release: ReleasePoint = { sourceId: r.sourceId, published: r.published, value: at.value, kind: own?.kind ?? 'forecast' };
      misses.push({ targetYear: year, release, point: at.point, actual, missPp: at.value - actual.value, missPct: pct(actual.value, at.value) });
    }
  }
  return { releases: ordered, targetYears, moves, misses };
}
