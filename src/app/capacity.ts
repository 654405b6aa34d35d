// The capacity use case: a region's share of a capacity segment projected through each source's own figures
// (sources are never averaged or mixed), or an entity's capacity in wafers per month, with empirical bands and,
// for wpm, statistical methods fitted to the history. Used by capacity, overview, check and report.
import { projectionEvidence, type ProjectionEvidence } from './projection-evidence.js';
import { datasetPaths, loadDatasets, type CapacityRecord, type Datasets, type DatasetName, type ShareRecord } from '../data/datasets.js';
import { kindClass } from '../domain/claims.js';
import { projectMethods, type Projection, type ProjectionMethod } from '../domain/projection.js';
import { convertCapacity, type CapacityUnit } from '../domain/units.js';
import { usageError } from '../errors.js';
import { compareText } from '../report/numbers.js';
import { type Column, type Table } from '../report/model.js';
import { addBandColumns, pathChartBands, peopleBandsTable } from '../report/bands.js';
import { historyChart, sourcesChart, type Chart } from '../report/series.js';
import type { IntervalMode } from '../forecast/registry.js';
import type { Method } from '../forecast/types.js';
import type { fitHistory } from './fit-history.js';
import { splitMethodNames } from './methods.js';
import { say } from '../messages.js';

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

/**
 * Year by source and method, wide: the view people compare paths in. Each row says what its values are (`point`:
 * anchor, interpolated or extrapolated, per source when they differ); `observed` adds the figures the data holds.
 */
function wideTable(paths: SharePath[], digits: number, title: string, name = 'projection', observed?: Map<number, { value: number; kind: string }>): Table {
  const years = new Set<number>();
  for (const p of paths) for (const pr of p.projections) for (const pt of pr.points) years.add(pt.year);
  const columns: Column[] = [{ key: 'year', header: 'year', type: 'int' }];
  for (const p of paths) for (const pr of p.projections) columns.push({ key: `${p.sourceId}.${pr.method}`, header: `${p.sourceId}\n${pr.method}`, type: 'number', digits });
  columns.push({ key: 'point', header: 'point' });
  if (observed) columns.push({ key: 'observed', header: 'observed', type: 'number', digits }, { key: 'observed_kind', header: 'observed kind' });
  const rows = [...years]
    .sort((a, b) => a - b)
    .map((year) => {
      const row: Record<string, number | string | null> = { year };
      for (const p of paths) for (const pr of p.projections) row[`${p.sourceId}.${pr.method}`] = pr.points.find((pt) => pt.year === year)?.value ?? null;
      row.point = pointOf(paths, year);
      if (observed) {
        row.observed = observed.get(year)?.value ?? null;
        row.observed_kind = observed.get(year)?.kind ?? null;
      }
      return row;
    });
  return { name, title, columns, rows };
}

/** What a row's values are: one status when every source agrees, else each source's. */
function pointOf(paths: SharePath[], year: number): string {
  const statuses = paths.flatMap((p) => {
    const status = p.projections[0].points.find((pt) => pt.year === year)?.status;
    return status === undefined ? [] : [{ id: p.sourceId, status }];
  });
  const distinct = [...new Set(statuses.map((s) => s.status))];
  return distinct.length === 1 && statuses.length === paths.length ? distinct[0] : statuses.map((s) => `${s.id} ${s.status}`).join('; ');
}

function inputsTable(rows: { year: number; value: number; kind: string; source_id: string; note: string }[], used: Set<string>, digits: number): Table {
  return {
    name: 'inputs',
    title: say('capacity.inputsTitle'),
    columns: [
      { key: 'year', header: 'year', type: 'int' },
      { key: 'value', header: 'value', type: 'number', digits },
      { key: 'kind', header: 'kind' },
      { key: 'source_id', header: 'source_id' },
      { key: 'role', header: 'role' },
      { key: 'note', header: 'definition / note' },
    ],
    rows: rows
      .sort((a, b) => compareText(a.source_id, b.source_id) || a.year - b.year)
      .map((r) => ({ ...r, role: used.has(r.source_id) ? say('capacity.roleAnchor') : say('capacity.roleComparison') })),
  };
}

/**
 * The empirical bands of each path (M3 errors): numbers appended to the wide table for files, a long table of them
 * for people (every extrapolated year, or only the last with `lastYearOnly`), one evidence line per distinct case,
 * and the bands for the chart.
 */
function withBands(wide: Table, paths: SharePath[], digits: number, lastYearOnly = false, pathColumn = 'source_id'): { table: Table; notes: string[]; evidence: ProjectionEvidence[][] } {
  const evidence = paths.map((p) => projectionEvidence(p.projections));
  const labelled = paths.flatMap((p, i) => evidence[i].map((e, j) => ({ key: `${p.sourceId}.${e.method}`, label: `${p.sourceId} ${e.method}`, digits, points: e.points, sourceId: p.sourceId, method: e.method, values: p.projections[j].points })));
  addBandColumns(wide, labelled, { people: false });
  const last = Math.max(...paths.flatMap((p) => p.projections.map((pr) => pr.through)));
  const table = peopleBandsTable(
    'bands',
    say('capacity.bandsTitle', { last: lastYearOnly ? String(last) : '' }),
    [{ key: pathColumn, header: pathColumn }, { key: 'method', header: 'method' }],
    labelled.map((l) => ({ labels: { [pathColumn]: l.sourceId, method: l.method }, digits, points: l.points.map((pt, k) => ({ ...pt, value: l.values[k].value })) })),
    lastYearOnly ? (year) => year === last : undefined,
  );
  const notes = [...new Set(evidence.flat().flatMap((e) => (e.evidence === undefined ? [] : [e.evidence])))];
  return { table, notes, evidence };
}

/** Chart bands of the paths: each one's 80 % band (its 95 % and 80 % when there is a single path). */
function chartBands(paths: SharePath[], evidence: ProjectionEvidence[][]) {
  return pathChartBands(
    paths.flatMap((p, i) => evidence[i].map((e, j) => ({ key: `${p.sourceId}.${e.method}`, label: paths.length === 1 ? e.method : `${p.sourceId} ${e.method}`, digits: 0, points: e.points, start: p.projections[j].anchors[p.projections[j].anchors.length - 1] }))),
    say('bands.m3Errors'),
  );
}

export function shareReport(data: Datasets, opts: { region: string; segment: string; source?: string; methods: readonly ProjectionMethod[]; through: number; bandsLastYearOnly?: boolean }): { tables: Table[]; notes: string[]; warnings: string[]; charts: Chart[] } {
  const { paths, singles } = sharePaths(data, opts.region, opts.segment, opts.methods, opts.through, opts.source);
  if (paths.length === 0) {
    throw usageError(say('error.nothingToProject', { region: opts.region, segment: opts.segment, source: opts.source ?? '', figures: singles.map((s) => `${s.year}=${s.share_pct}% (${s.source_id})`).join(', ') }));
  }
  const used = new Set(paths.map((p) => p.sourceId));
  const all = [...paths.flatMap((p) => p.rows), ...singles].map((r) => ({ year: r.year, value: r.share_pct, kind: r.kind, source_id: r.source_id, note: [r.definition, r.notes].filter(Boolean).join('; ') }));
  const notes = paths.flatMap((p) =>
    p.projections[0].segments.map((s) => say('capacity.implied', { source: p.sourceId, from: s.fromYear, fromValue: s.fromValue, to: s.toYear, toValue: s.toValue, cagr: s.cagrPct === null ? '' : s.cagrPct.toFixed(2), step: s.stepPerYear.toFixed(2) })),
  );
  if (paths.length > 1) notes.push(say('capacity.separately', { count: paths.length }));
  const warnings = paths.flatMap((p) => p.projections.flatMap((pr) => pr.warnings.map((w) => say('capacity.sourceWarning', { source: p.sourceId, text: w }))));
  const wide = wideTable(paths, 2, say('capacity.shareTitle', { region: opts.region, segment: opts.segment }));
  const bands = withBands(wide, paths, 2, opts.bandsLastYearOnly);
  const chart = sourcesChart('share', say('capacity.shareTitle', { region: opts.region, segment: opts.segment }), '%', paths, all);
  chart.bands.push(...chartBands(paths, bands.evidence));
  return {
    tables: [wide, bands.table, inputsTable(all, used, 2)],
    notes: [...notes, ...bands.notes],
    warnings,
    charts: [chart],
  };
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

export function wpmReport(
  data: Datasets,
  opts: { entity: string; segment?: string; methods: readonly ProjectionMethod[]; through: number; unit?: string; fitted?: Method[]; levels?: number[]; seed?: number; intervals?: IntervalMode; fit?: typeof fitHistory },
): { tables: Table[]; notes: string[]; warnings: string[]; charts: Chart[] } {
  const history = capacityHistory(data, opts.entity, opts.segment);
  if (history.rows.length < 2) throw usageError(`only one year-end figure for ${opts.entity}/${history.segment}; need two or more years to project`);
  const outUnit = (opts.unit ?? history.unit) as CapacityUnit;
  const factor = convertCapacity(1, history.unit as CapacityUnit, outUnit);
  const first = history.rows[0];
  const last = history.rows[history.rows.length - 1];
  const anchors = [
    { year: first.year, value: first.value * factor },
    { year: last.year, value: last.value * factor },
  ];
  const methods = opts.methods.filter((m) => m !== 'logistic');
  if (methods.length === 0) throw usageError('--metric wpm projects with cagr or linear (capacity has no natural cap for logistic)');
  const projections = projectMethods(methods, { anchors, through: Math.max(opts.through, last.year), from: first.year, floor: 0, unitLabel: outUnit });
  const path: SharePath = { sourceId: opts.entity, rows: [], projections };
  const observed = new Map(history.rows.map((r) => [r.year, { value: r.value * factor, kind: r.kind }]));
  const table = wideTable([path], 0, say('capacity.wpmTitle', { entity: opts.entity, segment: history.segment, unit: outUnit, from: first.year, to: last.year }), 'projection', observed);
  const inputs = inputsTable(
    history.rows.map((r) => ({ year: r.year, value: r.value * factor, kind: r.kind, source_id: r.source_id, note: say('capacity.periodNote', { period: r.period === 'Q4' ? 'Q4' : '', notes: r.notes ?? '' }) })),
    new Set(history.rows.map((r) => r.source_id)),
    0,
  );
  inputs.rows = inputs.rows.map((r) => ({ ...r, role: r.year === first.year || r.year === last.year ? say('capacity.roleAnchor') : say('capacity.roleHistory') }));
  const s = projections[0].segments[0];
  const notes = [
    say('capacity.wpmImplied', { from: first.year, to: last.year, cagr: s.cagrPct === null ? '' : s.cagrPct.toFixed(2), step: Math.round(s.stepPerYear), unit: outUnit }),
    ...history.conflicts,
    ...(outUnit !== history.unit ? [say('capacity.converted', { unit: history.unit })] : []),
    say('capacity.kindsUsed', { kinds: [...new Set(history.rows.map((r) => r.kind))].join(', ') }),
  ];
  // Solid only through measured years (actual, estimate): a published forecast or target is on the dashed paths.
  const measured = history.rows.filter((r) => kindClass(r.kind) === 'observed').map((r) => ({ year: r.year, value: r.value * factor }));
  const chart = historyChart('wpm', table.title ?? 'capacity', outUnit, measured, projections, [...new Set(history.rows.map((r) => r.source_id))].join(', '));
  const bands = withBands(table, [path], 0, false, 'entity');
  chart.bands.push(...chartBands([path], bands.evidence));
  notes.push(...bands.notes);
  const warnings = projections.flatMap((p) => p.warnings);
  // Every value of these tables is in outUnit (a Chinese table shows it in 万片/月).
  for (const t of [table, bands.table, inputs]) for (const c of t.columns) if (c.type === 'number' || c.key.startsWith('band')) c.unit = outUnit;
  const tables = [table, bands.table, inputs];
  if (opts.fitted && opts.fitted.length > 0) {
    if (opts.fit === undefined) throw new Error('wpmReport: fitted methods need fit (fitHistory from fit-history.ts)');
    const points = history.rows.map((r) => ({ year: r.year, value: r.value * factor }));
    const fit = opts.fit(`${opts.entity} (${history.segment}, ${outUnit})`, points, opts.fitted, { through: Math.max(opts.through, last.year + 1), levels: opts.levels ?? [80, 95], seed: opts.seed ?? 42, bounds: { floor: 0 }, intervals: opts.intervals });
    tables.splice(1, 0, fit.table);
    notes.push(...fit.notes);
    warnings.push(...fit.warnings);
  }
  return { tables, notes, warnings, charts: [chart] };
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

export interface Section {
  tables: Table[];
  notes: string[];
  warnings: string[];
  charts: Chart[];
}

/** `semicap capacity`: the share or wpm projections of the bundled (or `dir`'s) datasets, and the files read. */
export async function capacityUseCase(dir: string, s: CapacitySettings): Promise<{ section: Section; inputs: string[] }> {
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
    throw usageError(`--method ${fitted.map((m) => m.name).join(',')} fits a history, and share figures come two per source; use cagr, linear or logistic here, or --metric wpm`);
  }
  const section =
    s.metric === 'wpm'
      ? wpmReport(data, { entity: s.region, segment: s.segment, methods, through: s.through, unit: s.unit, fitted, levels: s.levels, seed: s.seed, intervals: s.intervals, fit: fitting?.fitHistory })
      : shareReport(data, { region: s.region, segment: s.segment ?? 'mature', source: s.source, methods, through: s.through });
  return { section, inputs };
}
