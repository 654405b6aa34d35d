// `semicap project`: a path through known points by compound, linear or logistic growth — no CSV needed.
// The work is src/app/project.ts; this file turns its result into tables, notes and a chart.
import { projectUseCase, type TargetReach } from '../../app/project.js';
import type { ProjectionEvidence } from '../../app/projection-evidence.js';
import { PROJECTION_METHODS, type Projection } from '../../domain/projection.js';
import { makeReport, type Column, type Table } from '../../report/model.js';
import { addBandColumns, pathChartBands } from '../../report/bands.js';
import { projectionChart } from '../../report/series.js';
import { parseListArg } from '../args.js';
import type { ProjectOptions } from '../command-options.js';
import type { CommandResult } from '../context.js';
import { say } from '../../messages.js';

export function project(_args: string[], o: ProjectOptions): CommandResult {
  const r = projectUseCase({
    anchors: [o.from, ...o.via, o.to],
    methods: parseListArg(o.method, '--method', PROJECTION_METHODS),
    through: o.through,
    cap: o.cap,
    floor: o.floor,
    target: o.target && { year: o.target.year, value: o.target.value },
    lookTo: o.lookTo,
  });
  const { projections, evidence, isShare } = r;
  const unit = isShare ? '%' : '';
  const paths = bandPaths(evidence, projections, isShare);
  const path = pathTable(projections, isShare);
  addBandColumns(path, paths);
  const report = makeReport('project', [path, ratesTable(projections, isShare)], [], projections.flatMap((p) => p.warnings));
  report.notes.push(...impliedRateNotes(projections, unit));
  report.notes.push(...evidence.flatMap((e) => (e.evidence === undefined ? [] : [e.evidence])));
  const chart = projectionChart('projection', report.tables[0].title ?? 'projection', unit, projections);
  chart.bands.push(...pathChartBands(paths, say('bands.m3Errors')));
  report.charts = [chart];
  if (r.target !== undefined) report.tables.push(targetTable(r.target, isShare));
  return { report };
}

/** Each method's empirical bands, for the table and the chart (starting from the last anchor). */
function bandPaths(evidence: ProjectionEvidence[], projections: Projection[], isShare: boolean) {
  return evidence.map((e, i) => {
    const anchors = projections[i].anchors;
    return { key: e.method, label: e.method, digits: isShare ? 2 : 0, points: e.points, start: anchors[anchors.length - 1] };
  });
}

/** Year by method: one row per year, one column per method. */
function pathTable(projections: Projection[], isShare: boolean): Table {
  const years = projections[0].points.map((p) => p.year);
  const columns: Column[] = [
    { key: 'year', header: 'year', type: 'int' },
    ...projections.map((p) => ({ key: p.method, header: isShare ? `${p.method} %` : p.method, type: 'number' as const, digits: isShare ? 2 : 0 })),
    { key: 'point', header: 'point' },
  ];
  const rows = years.map((year, i) => {
    const row: Record<string, string | number | null> = { year };
    for (const p of projections) row[p.method] = p.points[i].value;
    const clamped = projections.filter((p) => p.points[i].clamped).map((p) => p.method);
    row.point = projections[0].points[i].status + (clamped.length > 0 ? ` (${clamped.join(', ')} held at bound)` : '');
    return row;
  });
  return { name: 'projection', title: say('project.title', { anchors: projections[0].anchors.map((a) => `${a.year}=${fmt(a.value)}${isShare ? '%' : ''}`).join(', ') }), columns, rows };
}

/** The rate each method implies on each segment between anchors. */
function ratesTable(projections: Projection[], isShare: boolean): Table {
  const rows = projections.flatMap((p) =>
    p.segments.map((s) => ({
      method: p.method,
      from_year: s.fromYear,
      to_year: s.toYear,
      from_value: s.fromValue,
      to_value: s.toValue,
      rate: s.rate,
      rate_unit: s.rateUnit,
      cagr_pct: s.cagrPct,
      step_per_year: s.stepPerYear,
    })),
  );
  return {
    name: 'rates',
    title: say('project.impliedTitle'),
    columns: [
      { key: 'method', header: 'method' },
      { key: 'from_year', header: 'from', type: 'int' },
      { key: 'to_year', header: 'to', type: 'int' },
      { key: 'from_value', header: 'from value', type: 'number', digits: isShare ? 2 : 0 },
      { key: 'to_value', header: 'to value', type: 'number', digits: isShare ? 2 : 0 },
      { key: 'rate', header: 'rate', type: 'number', digits: 4 },
      { key: 'rate_unit', header: 'unit' },
      { key: 'cagr_pct', header: 'compound %/yr', type: 'number', digits: 4 },
      { key: 'step_per_year', header: isShare ? 'step pp/yr' : 'step/yr', type: 'number', digits: 4 },
    ],
    rows,
  };
}

function impliedRateNotes(projections: Projection[], unit: string): string[] {
  const segments = projections[0].segments;
  return segments.map((s) => {
    const cagr = s.cagrPct === null ? '' : fmt(s.cagrPct, 4);
    return say('project.impliedNote', { from: s.fromYear, to: s.toYear, cagr, step: fmt(s.stepPerYear, 4), share: unit === '%' ? 'yes' : 'no' });
  });
}

/** What it takes to reach a target from the last anchor, and when each path gets there. */
function targetTable(t: TargetReach, isShare: boolean): Table {
  const { current, target, goal } = t;
  const rows = t.reached.map((p) => ({
    method: p.method,
    current_year: current.year,
    current: current.value,
    target_year: target.year,
    target: target.value,
    gap: goal.gap,
    required_cagr_pct: goal.requiredCagrPct,
    required_step_per_year: goal.requiredStepPerYear,
    year_reached: p.year,
  }));
  return {
    name: 'target',
    title: say('project.targetTitle', { target: `${target.year}=${fmt(target.value)}${isShare ? '%' : ''}` }),
    columns: [
      { key: 'method', header: 'method' },
      { key: 'current_year', header: 'from', type: 'int' },
      { key: 'current', header: 'value', type: 'number' },
      { key: 'target_year', header: 'target year', type: 'int' },
      { key: 'target', header: 'target', type: 'number' },
      { key: 'gap', header: 'gap', type: 'number' },
      { key: 'required_cagr_pct', header: 'needs %/yr', type: 'number', digits: 4 },
      { key: 'required_step_per_year', header: 'needs step/yr', type: 'number', digits: 4 },
      { key: 'year_reached', header: 'path reaches it', type: 'int', emptyText: `not by ${t.lookTo}` },
    ],
    rows,
  };
}

const fmt = (n: number, digits = 2) => String(Number(n.toFixed(digits)));
