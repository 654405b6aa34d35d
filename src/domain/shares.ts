// Coherent regional shares: regions' shares projected together as capacities divided by their sum, so every year
// they add up to 100 % and each stays within 0–100 % (why this design: docs/module-notes.md).
import { usageError } from '../errors.js';
import { checkSpan, piecewiseLinearAt, project, validateAnchors } from './projection.js';
import type { Anchor, PointStatus, ProjectionMethod } from './projection.js';
import { PROJECTION_METHODS } from './projection.js';
import { say } from '../messages.js';

export interface RegionAnchors {
  region: string;
  /** The region's share of the segment in percent at two or more years. */
  anchors: readonly Anchor[];
}

export interface CoherentSharesRequest {
  regions: readonly RegionAnchors[];
  method: ProjectionMethod;
  /** First year of the output; defaults to the first common anchor year. */
  from?: number;
  /** Last year of the output; defaults to the last common anchor year. */
  through?: number;
  /** Name of the remainder part; default 'other'. */
  otherName?: string;
}

export interface SharePoint {
  year: number;
  /** The coherent share in percent. */
  value: number;
  status: PointStatus;
  /** The region's own share projection with the same method, projected alone (null for the remainder). */
  independent: number | null;
}

export interface RegionSharePath {
  region: string;
  /** True for the rest-of-world remainder. */
  remainder: boolean;
  /** The values the coherent path passes through (a region's anchors, or the remainder at those years). */
  anchors: Anchor[];
  points: SharePoint[];
}

export interface CoherentShares {
  method: ProjectionMethod;
  /** How the shares were made coherent, in one sentence for reports. */
  model: string;
  /** Years at which the parts are anchored (every region has a value there). */
  anchorYears: number[];
  from: number;
  through: number;
  regions: RegionSharePath[];
  /** The sum of the regions' independent projections each year (what one-by-one projection would add up to). */
  independentTotals: { year: number; total: number }[];
  /** Things done to the data that the reader must know (years dropped, values interpolated, parts held at 0). */
  warnings: string[];
}

/** Share sums within this of 100 count as 100 (regions that cover the world leave no remainder). */
const SUM_TOLERANCE = 1e-9;

/**
 * Projects several regions' shares of one segment so that they sum to 100 % every year and each stays within
 * 0–100 %, adding a remainder part (`other`) when the regions sum below 100.
 * @example
 * coherentShares({ method: 'cagr', through: 2030, regions: [
 *   { region: 'china', anchors: [{ year: 2023, value: 29 }, { year: 2027, value: 39 }] },
 *   { region: 'taiwan', anchors: [{ year: 2023, value: 49 }, { year: 2027, value: 42 }] } ] })
 * // china, taiwan and other, summing to 100 in every year 2023–2030
 */
export function coherentShares(request: CoherentSharesRequest): CoherentShares {
  const { method } = request;
  if (!(PROJECTION_METHODS as readonly string[]).includes(method)) {
    throw usageError(`unknown projection method "${String(method)}"; expected one of ${PROJECTION_METHODS.join(', ')}`);
  }
  const otherName = request.otherName ?? 'other';
  const regions = validateRegions(request.regions, otherName);
  const logSpace = method !== 'linear';
  const warnings: string[] = [];

  const { years: anchorYears, values } = alignAnchorYears(regions, logSpace, warnings);
  const sums = anchorYears.map((_, j) => regions.reduce((s, _r, i) => s + values[i][j], 0));
  sums.forEach((s, j) => {
    if (s > 100 + SUM_TOLERANCE) {
      throw usageError(say('error.sharesOver100', { year: anchorYears[j], total: round(s, 6) }));
    }
  });
  const remainder = sums.map((s) => Math.max(0, 100 - s));
  const hasOther = remainder.some((r) => r > SUM_TOLERANCE);

  const parts = regions.map((r, i) => ({ name: r.region, values: values[i], remainder: false }));
  if (hasOther) parts.push({ name: otherName, values: remainder, remainder: true });
  if (logSpace) checkPositive(method, parts, anchorYears);

  const from = request.from ?? anchorYears[0];
  const through = request.through ?? anchorYears[anchorYears.length - 1];
  checkSpan(from, through);

  const transformed = parts.map((p) => p.values.map((v) => (logSpace ? Math.log(v) : v)));
  const outputYears = Array.from({ length: through - from + 1 }, (_, i) => from + i);
  const heldAtZero = new Set<string>();
  const shareRows = outputYears.map((year) => {
    const z = transformed.map((zs) => piecewiseLinearAt(anchorYears, zs, year));
    if (logSpace) return softmaxPercent(z);
    z.forEach((v, i) => {
      if (v < -SUM_TOLERANCE && !heldAtZero.has(parts[i].name)) {
        heldAtZero.add(parts[i].name);
        warnings.push(
          `linear: ${parts[i].name} would fall below 0 % in ${year} (${round(v, 2)} %); held at 0 % and the other shares rescaled to sum to 100 %`,
        );
      }
    });
    return normalisePercent(z.map((v) => Math.max(0, v)));
  });

  const independent = regions.map((r) => independentPath(method, r.anchors, from, through));
  const paths: RegionSharePath[] = parts.map((part, i) => {
    const own = i < regions.length ? regions[i].anchors : anchorYears.map((year, j) => ({ year, value: part.values[j] }));
    const ownValue = new Map(own.map((a) => [a.year, a.value]));
    return {
      region: part.name,
      remainder: part.remainder,
      anchors: anchorYears.map((year, j) => ({ year, value: part.values[j] })),
      points: outputYears.map((year, t) => {
        const isAnchor = ownValue.has(year) && anchorYears.includes(year);
        return {
          year,
          value: shareRows[t][i],
          status: isAnchor ? 'anchor' : year > anchorYears[0] && year < anchorYears[anchorYears.length - 1] ? 'interpolated' : 'extrapolated',
          independent: i < regions.length ? (independent[i]?.[t] ?? null) : null,
        };
      }),
    };
  });

  return {
    method,
    model: describeModel(method, hasOther ? otherName : null),
    anchorYears,
    from,
    through,
    regions: paths,
    independentTotals: outputYears.map((year, t) => ({
      year,
      total: independent.reduce((s, path) => s + (path?.[t] ?? 0), 0),
    })),
    warnings,
  };
}

// ---------------------------------------------------------------------------------------------------------------

interface ValidRegion {
  region: string;
  anchors: Anchor[];
}

function validateRegions(regions: readonly RegionAnchors[], otherName: string): ValidRegion[] {
  if (!Array.isArray(regions) || regions.length === 0) throw usageError('coherent shares need at least one region with anchors');
  const seen = new Set<string>();
  return regions.map((r) => {
    const name = String(r.region ?? '').trim();
    if (name === '') throw usageError('every region needs a name');
    if (seen.has(name)) throw usageError(say('error.regionTwice', { region: name }));
    if (name === otherName) {
      throw usageError(say('error.regionIsRemainder', { region: name }));
    }
    seen.add(name);
    let anchors: Anchor[];
    try {
      anchors = validateAnchors(r.anchors);
    } catch (e) {
      throw usageError(say('error.regionProblem', { region: name, text: (e as Error).message }));
    }
    for (const a of anchors) {
      if (a.value < 0 || a.value > 100) throw usageError(say('error.regionShareRange', { region: name, year: a.year, value: a.value }));
    }
    return { region: name, anchors };
  });
}

/**
 * The union of the regions' anchor years, keeping a year only when every region has a value there: its anchor, or
 * its own interpolation when the year lies between its anchors. Returns each region's value at each kept year.
 */
function alignAnchorYears(regions: ValidRegion[], logSpace: boolean, warnings: string[]): { years: number[]; values: number[][] } {
  const union = [...new Set(regions.flatMap((r) => r.anchors.map((a) => a.year)))].sort((a, b) => a - b);
  const years: number[] = [];
  const columns: number[][] = [];
  for (const year of union) {
    const outside = regions.filter((r) => year < r.anchors[0].year || year > r.anchors[r.anchors.length - 1].year);
    if (outside.length > 0) {
      warnings.push(say('warning.yearLeftOut', { year, regions: outside.map((r) => r.region).join(', '), count: outside.length }));
      continue;
    }
    columns.push(
      regions.map((r) => {
        const own = r.anchors.find((a) => a.year === year);
        if (own !== undefined) return own.value;
        const v = interpolateOwn(r.anchors, year, logSpace);
        warnings.push(say('warning.regionInterpolated', { region: r.region, year, value: round(v, 4) }));
        return v;
      }),
    );
    years.push(year);
  }
  if (years.length < 2) {
    throw usageError(
      `coherent shares need at least two years in which every region has a share; the regions' anchors overlap in ${years.length === 1 ? `only ${years[0]}` : 'no year'}`,
    );
  }
  return { years, values: regions.map((_, i) => columns.map((c) => c[i])) };
}

function interpolateOwn(anchors: Anchor[], year: number, logSpace: boolean): number {
  const xs = anchors.map((a) => a.year);
  if (logSpace && anchors.every((a) => a.value > 0)) {
    return Math.exp(piecewiseLinearAt(xs, anchors.map((a) => Math.log(a.value)), year));
  }
  return piecewiseLinearAt(xs, anchors.map((a) => a.value), year);
}

function checkPositive(method: ProjectionMethod, parts: { name: string; values: number[] }[], years: number[]): void {
  for (const p of parts) {
    const j = p.values.findIndex((v) => !(v > 0));
    if (j >= 0) {
      throw usageError(
        `${method} projects each share as a capacity growing at a compound rate, so every share must be above 0 %; ${p.name} is ${round(p.values[j], 6)} % in ${years[j]} (use linear)`,
      );
    }
  }
}

/** 100 · e^z_i / Σ e^z_j, shifted by the largest z so nothing overflows. */
function softmaxPercent(z: number[]): number[] {
  const top = Math.max(...z);
  const e = z.map((v) => Math.exp(v - top));
  return normalisePercent(e);
}

function normalisePercent(parts: number[]): number[] {
  const total = parts.reduce((s, v) => s + v, 0);
  // min: (100·v)/v can round to 100.00000000000001 when one part is the whole.
  return parts.map((v) => Math.min(100, (100 * v) / total));
}

/** The region projected alone as a share (clamped at 0 and 100), or null when the method cannot take its anchors. */
function independentPath(method: ProjectionMethod, anchors: Anchor[], from: number, through: number): number[] | null {
  try {
    return project({ method, anchors, from, through, isShare: true }).points.map((p) => p.value);
  } catch {
    return null; // e.g. logistic with a share of exactly 0 or 100: the coherent path exists, the lone curve does not
  }
}

function describeModel(method: ProjectionMethod, otherName: string | null): string {
  return say(method === 'linear' ? 'shares.modelLinear' : 'shares.modelCagr', { other: otherName ?? '' });
}

function round(v: number, digits: number): number {
  return Number(v.toFixed(digits));
}
