// `semicap shares`: regions' shares of one capacity segment from one source's figures, projected together so that
// they add up to 100 % every year and each stays within 0–100 % (domain/shares.ts), beside what projecting each
// region alone would add up to.
import { bundledDataDir, datasetPaths, loadDatasets, type ShareRecord } from '../data/datasets.js';
import { defaultThrough } from '../domain/horizons.js';
import { coherentShares, type CoherentShares } from '../domain/shares.js';
import { usageError } from '../errors.js';
import { say } from '../messages.js';

export interface SharesInput {
  segment: string;
  /** Default: the source with the most regions having two or more figures. */
  source?: string;
  /** Only these regions; the rest of the world is the remainder. */
  regions?: string[];
  method: 'cagr' | 'linear';
  /** First year (default: the first anchor year) and last year (default: defaultThrough of the anchors). */
  since?: number;
  through?: number;
}

export interface SharesResult {
  segment: string;
  sourceId: string;
  /** The source was picked, not given. */
  sourcePicked: boolean;
  method: 'cagr' | 'linear';
  regions: string[];
  /** The source's figures for the segment (anchors and single figures). */
  figures: ShareRecord[];
  /** Regions with a single figure, left in the remainder. */
  singles: [string, ShareRecord[]][];
  /** Other sources with figures for the segment, not mixed in. */
  otherSources: string[];
  shares: CoherentShares;
  warnings: string[];
  inputs: string[];
}

export function sharesUseCase(dataDir: string | undefined, input: SharesInput): SharesResult {
  const dir = dataDir ?? bundledDataDir();
  const data = loadDatasets(dir, ['capacity_share']);
  const { segment, method } = input;
  const inSegment = data.capacityShare.filter((r) => r.segment === segment);
  if (inSegment.length === 0) {
    throw usageError(say('error.noSegmentShares', { segment, segments: [...new Set(data.capacityShare.map((r) => r.segment))].sort().join(', ') }));
  }
  const sourceId = input.source ?? pickSource(inSegment);
  const fromSource = inSegment.filter((r) => r.source_id === sourceId);
  if (fromSource.length === 0) {
    throw usageError(say('error.sourceNoSegment', { source: sourceId, segment, sources: [...new Set(inSegment.map((r) => r.source_id))].join(', ') }));
  }
  const byRegion = new Map<string, ShareRecord[]>();
  for (const r of fromSource) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r]);
  let regions = [...byRegion].filter(([, rows]) => rows.length >= 2).map(([region]) => region);
  const singles = [...byRegion].filter(([, rows]) => rows.length < 2);
  if (input.regions !== undefined) {
    for (const w of input.regions) if (!regions.includes(w)) throw usageError(say('error.regionFewFigures', { region: w, segment, source: sourceId, regions: regions.join(', ') || 'none' }));
    regions = input.regions;
  }
  if (regions.length === 0) {
    throw usageError(say('error.noRegionProjects', { segment, source: sourceId, figures: fromSource.map((r) => `${r.region} ${r.year}=${r.share_pct}%`).join(', ') }));
  }
  const rescaled = rescaleRounding(regions.map((region) => ({ region, anchors: byRegion.get(region)!.map((r) => ({ year: r.year, value: r.share_pct })).sort((a, b) => a.year - b.year) })));
  const through = input.through ?? defaultThrough(...rescaled.regions.flatMap((r) => r.anchors.map((a) => a.year)));
  const shares = coherentShares({ method, from: input.since, through, regions: rescaled.regions });
  return {
    segment,
    sourceId,
    sourcePicked: input.source === undefined,
    method,
    regions,
    figures: fromSource,
    singles: input.regions === undefined ? singles : [],
    otherSources: [...new Set(inSegment.filter((r) => r.source_id !== sourceId).map((r) => r.source_id))],
    shares,
    warnings: [...rescaled.warnings, ...shares.warnings],
    inputs: datasetPaths(dir, ['capacity_share']),
  };
}

/**
 * Published shares are rounded, so a source's regions can add up to a little over 100 % (SEMI's 2025 300 mm
 * shares: 101 %). Within rounding (half a point per region) the year's shares are scaled down to 100 and a
 * warning says so; beyond it the sum is left as it is and coherentShares refuses it.
 */
function rescaleRounding(regions: { region: string; anchors: { year: number; value: number }[] }[]): { regions: typeof regions; warnings: string[] } {
  const sums = new Map<number, number>();
  for (const r of regions) for (const a of r.anchors) sums.set(a.year, (sums.get(a.year) ?? 0) + a.value);
  const warnings: string[] = [];
  const factor = new Map<number, number>();
  for (const [year, sum] of [...sums].sort((a, b) => a[0] - b[0])) {
    if (sum > 100 && sum <= 100 + 0.5 * regions.length) {
      factor.set(year, 100 / sum);
      warnings.push(say('shares.rescaled', { sum: Number(sum.toFixed(6)), year }));
    }
  }
  if (factor.size === 0) return { regions, warnings };
  return { regions: regions.map((r) => ({ ...r, anchors: r.anchors.map((a) => ({ year: a.year, value: a.value * (factor.get(a.year) ?? 1) })) })), warnings };
}

/** The source with the most regions having two or more figures (ties: the most figures, then the first listed). */
function pickSource(rows: ShareRecord[]): string {
  const score = new Map<string, { regions: number; figures: number }>();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(`${r.source_id}\u0000${r.region}`, (counts.get(`${r.source_id}\u0000${r.region}`) ?? 0) + 1);
  for (const r of rows) if (!score.has(r.source_id)) score.set(r.source_id, { regions: 0, figures: 0 });
  for (const [key, n] of counts) {
    const s = score.get(key.split('\u0000')[0])!;
    s.figures += n;
    if (n >= 2) s.regions++;
  }
  return [...score].sort((a, b) => b[1].regions - a[1].regions || b[1].figures - a[1].figures)[0][0];
}
