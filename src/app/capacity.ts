// The capacity use case: a region's share of a capacity segment projected through each source's own figures
// (sources are never averaged or mixed), or an entity's capacity in wafers per month, with empirical bands and,
// for wpm, statistical methods fitted to the history. Used by capacity, overview, check and report.
import { say } from '../messages.js';
import { projectionEvidence, type ProjectionEvidence } from './projection-evidence.js';
import { datasetPaths, loadDatasets, type CapacityRecord, type Datasets, type DatasetName, type ShareRecord } from '../data/datasets.js';
import { kindClass } from '../domain/claims.js';
import { projectMethods, type Projection, type ProjectionMethod } from '../domain/projection.js';
import { convertCapacity, type CapacityUnit } from '../domain/units.js';
import { usageError } from '../errors.js';
import { compareText } from '../text.js';
import type { IntervalMode } from '../forecast/registry.js';
import type { Method } from '../forecast/types.js';
import type { fitHistory, FittedHistory } from './fit-history.js';
import { splitMethodNames } from './methods.js';

export interface SharePath {
  sourceId: string;
  rows: ShareRecord[];
  projections: Projection[];
}

/** Groups a region's share figures by source and projects each source with two or more years. */
export function sharePaths(data: Datasets, region: string, segment: string, methods: readonly ProjectionMethod[], through: number, sourceId?: string): { paths: SharePath[]; singles: ShareRecord[] } {
  const rows = data.capacityShare.filter((r) => r.region === region && r.segment === segment && (sourceId === undefined || r.source_id === sourceId));
  if (rows.length === 0) {
    const available = [...new Set(data.capacityShare.map((r) => `${r.region}/${r.segment}`))].sort().join(', ');
    throw usageError(say('error.noShareFigures', { region, segment, source: sourceId ?? '', available }));
  }
  const bySource = new Map<string, ShareRecord[]>();
  for (const r of rows) bySource.set(r.source_id, [...(bySource.get(r.source_id) ?? []), r]);
  const paths: SharePath[] = [];
  const singles: ShareRecord[] = [];
  for (const [id, group] of bySource) {
    if (group.length < 2) {
      singles.push(...group);
      continue;
    }
    const anchors = group.map((r) => ({ year: r.year, value: r.share_pct })).sort((a, b) => a.year - b.year);
    const from = anchors[0].year;
    paths.push({ sourceId: id, rows: group, projections: projectMethods(methods, { anchors, through: Math.max(through, anchors[anchors.length - 1].year), from, isShare: true }) });
  }
  return { paths, singles };
}

/** A figure shown beside the paths: its role says whether a path runs through it. */
export interface CapacityFigure {
  year: number;
  value: number;
  kind: string;
  source_id: string;
  note: string;
  role: string;
}

/** A region's share projected through each source's figures, with the paths' empirical bands. */
export interface ShareProjection {
  metric: 'share';
  region: string;
  segment: string;
  paths: SharePath[];
  /** Per path, its projections' bands and evidence (M3 errors). */
  evidence: ProjectionEvidence[][];
  /** Every figure: the paths' anchors and the single figures shown for comparison. */
  figures: CapacityFigure[];
  /** People see the bands of the last projected year only (the overview). */
  bandsLastYearOnly: boolean;
  notes: string[];
  warnings: string[];
}

/** The evidence lines of paths' bands, one per distinct case. */
const evidenceNotes = (evidence: ProjectionEvidence[][]) => [...new Set(evidence.flat().flatMap((e) => (e.evidence === undefined ? [] : [e.evidence])))];

export function shareProjection(data: Datasets, opts: { region: string; segment: string; source?: string; methods: readonly ProjectionMethod[]; through: number; bandsLastYearOnly?: boolean }): ShareProjection {
  const { paths, singles } = sharePaths(data, opts.region, opts.segment, opts.methods, opts.through, opts.source);
  if (paths.length === 0) {
    throw usageError(say('error.nothingToProject', { region: opts.region, segment: opts.segment, source: opts.source ?? '', figures: singles.map((s) => `${s.year}=${s.share_pct}% (${s.source_id})`).join(', ') }));
  }
  const used = new Set(paths.map((p) => p.sourceId));
  const figures = [...paths.flatMap((p) => p.rows), ...singles].map((r) => ({ year: r.year, value: r.share_pct, kind: r.kind, source_id: r.source_id, note: say('capacity.figureNote', { definition: r.definition ?? '', notes: r.notes ?? '' }), role: used.has(r.source_id) ? say('capacity.roleAnchor') : say('capacity.roleComparison') }));
  const notes = paths.flatMap((p) =>
    p.projections[0].segments.map((s) => say('capacity.implied', { source: p.sourceId, from: s.fromYear, fromValue: s.fromValue, to: s.toYear, toValue: s.toValue, cagr: s.cagrPct === null ? '' : s.cagrPct.toFixed(2), step: s.stepPerYear.toFixed(2) })),
  );
  if (paths.length > 1) notes.push(say('capacity.separately', { count: paths.length }));
  const warnings = paths.flatMap((p) => p.projections.flatMap((pr) => pr.warnings.map((w) => say('capacity.sourceWarning', { source: p.sourceId, text: w }))));
  const evidence = paths.map((p) => projectionEvidence(p.projections));
  notes.push(...evidenceNotes(evidence));
  return { metric: 'share', region: opts.region, segment: opts.segment, paths, evidence, figures, bandsLastYearOnly: opts.bandsLastYearOnly ?? false, notes, warnings };
}

/** One value per year for an entity's capacity: year-end figures (period year or Q4), the latest release winning. */
export function capacityHistory(data: Datasets, entity: string, segment?: string): { segment: string; unit: string; rows: CapacityRecord[]; conflicts: string[] } {
  const candidates = data.capacity.filter((r) => r.entity === entity && (segment === undefined || r.segment === segment));
  if (candidates.length === 0) {
    const available = [...new Set(data.capacity.map((r) => r.entity))].sort().join(', ');
    throw usageError(say('error.noCapacityFigures', { entity, segment: segment ?? '', available }));
  }
  // The segment with most figures is the entity's main series unless one was asked for.
  const counts = new Map<string, number>();
  for (const r of candidates) counts.set(`${r.segment}|${r.unit}`, (counts.get(`${r.segment}|${r.unit}`) ?? 0) + 1);
  const [seg, unit] = [...counts].sort((a, b) => b[1] - a[1])[0][0].split('|');
  const published = new Map(data.sources.map((s) => [s.source_id, s.published ?? '']));
  const yearEnd = candidates.filter((r) => r.segment === seg && r.unit === unit && (r.period === 'year' || r.period === 'Q4'));
  const byYear = new Map<number, CapacityRecord[]>();
  for (const r of yearEnd) byYear.set(r.year, [...(byYear.get(r.year) ?? []), r]);
  const rows: CapacityRecord[] = [];
  const conflicts: string[] = [];
  for (const [year, group] of [...byYear].sort((a, b) => a[0] - b[0])) {
    const sorted = [...group].sort((a, b) => compareText(published.get(b.source_id) ?? '', published.get(a.source_id) ?? ''));
    rows.push(sorted[0]);
    if (sorted.length > 1) conflicts.push(say('capacity.conflict', { year, figures: sorted.map((r) => `${r.value} (${r.source_id}, ${r.kind})`).join(' vs '), used: sorted[0].source_id }));
  }
  return { segment: seg, unit, rows, conflicts };
}

/** An entity's capacity projected through its first and last year-end figures, and methods fitted when asked. */
export interface WpmProjection {
  metric: 'wpm';
  entity: string;
  segment: string;
  unit: string;
  /** The years of the two anchors. */
  firstYear: number;
  lastYear: number;
  /** The path through the anchors, under the entity's name. */
  path: SharePath;
  evidence: ProjectionEvidence[][];
  /** The year-end figures in the output unit, with their kind. */
  observed: Map<number, { value: number; kind: string }>;
  /** Measured years only (actual, estimate): the solid history of a chart. */
  measured: { year: number; value: number }[];
  figures: CapacityFigure[];
  /** The sources of the figures, in order of first use. */
  sources: string[];
  fitted?: FittedHistory;
  notes: string[];
  warnings: string[];
}

/** The paths through an entity's first and last year-end figures (× `factor`, a unit conversion), held at 0. */
export function capacityPaths(rows: readonly CapacityRecord[], methods: readonly ProjectionMethod[], through: number, factor: number, unitLabel?: string): Projection[] {
  const first = rows[0];
  const last = rows[rows.length - 1];
  const anchors = [
    { year: first.year, value: first.value * factor },
    { year: last.year, value: last.value * factor },
  ];
  return projectMethods(methods, { anchors, through: Math.max(through, last.year), from: first.year, floor: 0, unitLabel });
}

function wpmProjection(
  data: Datasets,
  opts: { entity: string; segment?: string; methods: readonly ProjectionMethod[]; through: number; unit?: string; fitted?: Method[]; levels?: number[]; seed?: number; intervals?: IntervalMode; fit?: typeof fitHistory },
): WpmProjection {
  const history = capacityHistory(data, opts.entity, opts.segment);
  if (history.rows.length < 2) throw usageError(say('error.oneYearEnd', { entity: opts.entity, segment: history.segment }));
  const outUnit = (opts.unit ?? history.unit) as CapacityUnit;
  const factor = convertCapacity(1, history.unit as CapacityUnit, outUnit);
  const first = history.rows[0];
  const last = history.rows[history.rows.length - 1];
  const methods = opts.methods.filter((m) => m !== 'logistic');
  if (methods.length === 0) throw usageError(say('error.wpmMethods'));
  const projections = capacityPaths(history.rows, methods, opts.through, factor, outUnit);
  const path: SharePath = { sourceId: opts.entity, rows: [], projections };
  const observed = new Map(history.rows.map((r) => [r.year, { value: r.value * factor, kind: r.kind }]));
  const figures = history.rows.map((r) => ({
    year: r.year,
    value: r.value * factor,
    kind: r.kind,
    source_id: r.source_id,
    note: say('capacity.periodNote', { period: r.period === 'Q4' ? 'Q4' : '', notes: r.notes ?? '' }),
    role: r.year === first.year || r.year === last.year ? say('capacity.roleAnchor') : say('capacity.roleHistory'),
  }));
  const s = projections[0].segments[0];
  const notes = [
    say('capacity.wpmImplied', { from: first.year, to: last.year, cagr: s.cagrPct === null ? '' : s.cagrPct.toFixed(2), step: Math.round(s.stepPerYear), unit: outUnit }),
    ...history.conflicts,
    ...(outUnit !== history.unit ? [say('capacity.converted', { unit: history.unit })] : []),
    say('capacity.kindsUsed', { kinds: [...new Set(history.rows.map((r) => r.kind))].join(', ') }),
  ];
  // Solid only through measured years (actual, estimate): a published forecast or target is on the dashed paths.
  const measured = history.rows.filter((r) => kindClass(r.kind) === 'observed').map((r) => ({ year: r.year, value: r.value * factor }));
  const evidence = [projectionEvidence(projections)];
  notes.push(...evidenceNotes(evidence));
  const warnings = projections.flatMap((p) => p.warnings);
  let fitted: FittedHistory | undefined;
  if (opts.fitted && opts.fitted.length > 0) {
    if (opts.fit === undefined) throw new Error('wpmProjection: fitted methods need fit (fitHistory from fit-history.ts)');
    const points = history.rows.map((r) => ({ year: r.year, value: r.value * factor }));
    fitted = opts.fit(say('capacity.fitId', { entity: opts.entity, segment: history.segment, unit: outUnit }), points, opts.fitted, { through: Math.max(opts.through, last.year + 1), levels: opts.levels ?? [80, 95], seed: opts.seed ?? 42, bounds: { floor: 0 }, intervals: opts.intervals });
    notes.push(...fitted.notes);
    warnings.push(...fitted.warnings);
  }
  return { metric: 'wpm', entity: opts.entity, segment: history.segment, unit: outUnit, firstYear: first.year, lastYear: last.year, path, evidence, observed, measured, figures, sources: [...new Set(history.rows.map((r) => r.source_id))], ...(fitted ? { fitted } : {}), notes, warnings };
}

export interface CapacitySettings {
  metric: 'share' | 'wpm';
  /** Region (share) or entity (wpm). */
  region: string;
  segment?: string;
  source?: string;
  /** The --method list as written: anchored projections and statistical methods. */
  methods: string;
  through: number;
  levels: number[];
  seed: number;
  intervals: IntervalMode;
  unit?: string;
}

export type CapacityResult = ShareProjection | WpmProjection;

/** `semicap capacity`: the share or wpm projections of the bundled (or `dir`'s) datasets, and the files read. */
export async function capacityUseCase(dir: string, s: CapacitySettings): Promise<{ result: CapacityResult; inputs: string[] }> {
  const needed: DatasetName[] = [s.metric === 'wpm' ? 'capacity' : 'capacity_share'];
  const data = loadDatasets(dir, needed);
  const split = splitMethodNames(s.methods);
  // The forecasting methods (and their code) are loaded only when --method names one: start-up time.
  const fitting = split.rest.length > 0 ? await import('./fit-history.js') : undefined;
  const fitted = fitting?.parseFitted(split.rest) ?? [];
  // With only statistical methods asked for, the compound path through the first and last figures stays as a reference.
  const methods = split.projections.length > 0 ? split.projections : (['cagr'] as ProjectionMethod[]);
  const inputs = datasetPaths(dir, needed);
  if (s.metric !== 'wpm' && fitted.length > 0) {
    throw usageError(say('error.shareFittedMethod', { methods: fitted.map((m) => m.name).join(',') }));
  }
  const result =
    s.metric === 'wpm'
      ? wpmProjection(data, { entity: s.region, segment: s.segment, methods, through: s.through, unit: s.unit, fitted, levels: s.levels, seed: s.seed, intervals: s.intervals, fit: fitting?.fitHistory })
      : shareProjection(data, { region: s.region, segment: s.segment ?? 'mature', source: s.source, methods, through: s.through });
  return { result, inputs };
}
