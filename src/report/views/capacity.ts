// The capacity use case's tables and charts: the paths year by year (wide), their empirical bands for people, the
// figures used, and the fitted forecasts (shown by capacity, overview and report).
import { say } from '../../messages.js';
import type { CapacityFigure, CapacityResult, SharePath, ShareProjection, WpmProjection } from '../../app/capacity.js';
import type { ProjectionEvidence } from '../../app/projection-evidence.js';
import { addBandColumns, pathChartBands, peopleBandsTable } from '../bands.js';
import type { Column, Section, Table } from '../model.js';
import { compareText } from '../../text.js';
import { historyChart, sourcesChart } from '../series.js';
import { fittedTable } from './forecast.js';

/**
 * Year by source and method, wide: the view people compare paths in. Each row says what its values are (`point`:
 * anchor, interpolated or extrapolated, per source when they differ); `observed` adds the figures the data holds.
 */
function wideTable(paths: SharePath[], digits: number, title: string, observed?: Map<number, { value: number; kind: string }>): Table {
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
  return { name: 'projection', title, columns, rows };
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

function inputsTable(figures: CapacityFigure[], digits: number): Table {
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
    rows: [...figures]
      .sort((a, b) => compareText(a.source_id, b.source_id) || a.year - b.year)
      .map((r) => ({ year: r.year, value: r.value, kind: r.kind, source_id: r.source_id, note: r.note, role: r.role })),
  };
}

/**
 * The empirical bands of each path (M3 errors): numbers appended to the wide table for files, and a long table of
 * them for people (every extrapolated year, or only the last with `lastYearOnly`).
 */
function bandsTable(wide: Table, paths: SharePath[], evidence: ProjectionEvidence[][], digits: number, lastYearOnly: boolean, pathColumn: string): Table {
  const labelled = paths.flatMap((p, i) => evidence[i].map((e, j) => ({ key: `${p.sourceId}.${e.method}`, label: `${p.sourceId} ${e.method}`, digits, points: e.points, sourceId: p.sourceId, method: e.method, values: p.projections[j].points })));
  addBandColumns(wide, labelled, { people: false });
  const last = Math.max(...paths.flatMap((p) => p.projections.map((pr) => pr.through)));
  return peopleBandsTable(
    'bands',
    say('capacity.bandsTitle', { last: lastYearOnly ? String(last) : '' }),
    [{ key: pathColumn, header: pathColumn }, { key: 'method', header: 'method' }],
    labelled.map((l) => ({ labels: { [pathColumn]: l.sourceId, method: l.method }, digits, points: l.points.map((pt, k) => ({ ...pt, value: l.values[k].value })) })),
    lastYearOnly ? (year) => year === last : undefined,
  );
}

/** Chart bands of the paths: each one's 80 % band (its 95 % and 80 % when there is a single path). */
function chartBands(paths: SharePath[], evidence: ProjectionEvidence[][]) {
  return pathChartBands(
    paths.flatMap((p, i) => evidence[i].map((e, j) => ({ key: `${p.sourceId}.${e.method}`, label: paths.length === 1 ? e.method : `${p.sourceId} ${e.method}`, digits: 0, points: e.points, start: p.projections[j].anchors[p.projections[j].anchors.length - 1] }))),
    say('bands.m3Errors'),
  );
}

export function shareSection(r: ShareProjection): Section {
  const title = say('capacity.shareTitle', { region: r.region, segment: r.segment });
  const wide = wideTable(r.paths, 2, title);
  const bands = bandsTable(wide, r.paths, r.evidence, 2, r.bandsLastYearOnly, 'source_id');
  const chart = sourcesChart('share', title, '%', r.paths, r.figures);
  chart.bands.push(...chartBands(r.paths, r.evidence));
  return { tables: [wide, bands, inputsTable(r.figures, 2)], notes: r.notes, warnings: r.warnings, charts: [chart] };
}

function wpmSection(r: WpmProjection): Section {
  const table = wideTable([r.path], 0, say('capacity.wpmTitle', { entity: r.entity, segment: r.segment, unit: r.unit, from: r.firstYear, to: r.lastYear }), r.observed);
  const chart = historyChart('wpm', table.title ?? 'capacity', r.unit, r.measured, r.path.projections, r.sources.join(', '));
  const bands = bandsTable(table, [r.path], r.evidence, 0, false, 'entity');
  chart.bands.push(...chartBands([r.path], r.evidence));
  const inputs = inputsTable(r.figures, 0);
  // Every value of these tables is in the output unit (a Chinese table shows it in 万片/月).
  for (const t of [table, bands, inputs]) for (const c of t.columns) if (c.type === 'number' || c.key.startsWith('band')) c.unit = r.unit;
  const tables = [table, ...(r.fitted ? [fittedTable(r.fitted)] : []), bands, inputs];
  return { tables, notes: r.notes, warnings: r.warnings, charts: [chart] };
}

export const capacitySection = (r: CapacityResult): Section => (r.metric === 'wpm' ? wpmSection(r) : shareSection(r));
