// `semicap project`: a path through known points by compound, linear or logistic growth — no CSV needed.
import { assessGoal, firstYearReaching } from '../../domain/goal.js';
import { projectWithEvidence, type ProjectionEvidence } from '../../app/projection-evidence.js';
import { PROJECTION_METHODS, type Anchor, type Projection } from '../../domain/projection.js';
import { usageError } from '../../errors.js';
import { makeReport, type Column, type Table } from '../../report/model.js';
import { addBandColumns, pathChartBands } from '../../report/bands.js';
import { projectionChart } from '../../report/series.js';
import { parseAnchorArg, parseListArg, parseNumberArg, parseYearArg, type AnchorArg } from '../args.js';
import type { CommandResult } from '../context.js';
import { say } from '../../messages.js';

export function project(_args: string[], opts: Record<string, unknown>): CommandResult {
  const anchorArgs: AnchorArg[] = [
    parseAnchorArg(String(opts.from), '--from'),
    ...((opts.via as string[]) ?? []).map((v) => parseAnchorArg(v, '--via')),
    parseAnchorArg(String(opts.to), '--to'),
  ];
  const isShare = anchorArgs.some((a) => a.percent);
  const anchors: Anchor[] = anchorArgs.map(({ year, value }) => ({ year, value }));
  const lastYear = Math.max(...anchors.map((a) => a.year));
  const through = opts.through !== undefined ? parseYearArg(String(opts.through), '--through') : lastYear + 3;
  const methods = parseListArg(String(opts.method), '--method', PROJECTION_METHODS);
  const cap = opts.cap !== undefined ? parseNumberArg(String(opts.cap), '--cap') : undefined;
  const floor = parseFloorArg(opts.floor);
  if (!isShare && methods.includes('logistic') && cap === undefined) {
    throw usageError("--method logistic needs --cap for values that are not shares (write the anchors with % for a share capped at 100)");
  }
  const negative = anchors.find((a) => a.value < 0);
  if (floor === undefined && !isShare && negative) {
    throw usageError(`anchor ${negative.year}=${negative.value} is below the default floor 0; give --floor none (or a lower --floor) for values that can be negative`);
  }
  const { projections, evidence } = projectWithEvidence(methods, { anchors, through, isShare, cap, floor });
  const unit = isShare ? '%' : '';
  const paths = bandPaths(evidence, projections, isShare);
  const path = pathTable(projections, isShare);
  addBandColumns(path, paths);
  const report = makeReport('project', [path, ratesTable(projections, isShare)], [], projections.flatMap((p) => p.warnings));
  report.notes.push(...impliedRateNotes(projections, unit));
  report.notes.push(...evidence.flatMap((e) => (e.evidence === undefined ? [] : [e.evidence])));
  const chart = projectionChart('projection', report.tables[0].title ?? 'projection', unit, projections);
  chart.bands.push(...pathChartBands(paths, 'M3 errors'));
  report.charts = [chart];
  if (opts.target !== undefined) {
    const target = parseAnchorArg(String(opts.target), '--target');
    report.tables.push(targetTable(projections, anchors, { year: target.year, value: target.value }, isShare));
  }
  return { report };
}

/** Each method's empirical bands, for the table and the chart (starting from the last anchor). */
function bandPaths(evidence: ProjectionEvidence[], projections: Projection[], isShare: boolean) {
  return evidence.map((e, i) => {
    const anchors = projections[i].anchors;
    return { key: e.method, label: e.method, digits: isShare ? 2 : 0, points: e.points, start: anchors[anchors.length - 1] };
  });
}

/** `--floor`: a number, or `none` for no floor (values that can be negative); undefined: the default, 0. */
function parseFloorArg(value: unknown): number | null | undefined {
  if (value === undefined) return undefined;
  if (String(value).trim().toLowerCase() === 'none') return null;
  return parseNumberArg(String(value), '--floor');
}

/** Year by method: one row per year, one column per method. */
export function pathTable(projections: Projection[], isShare: boolean): Table {
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
export function ratesTable(projections: Projection[], isShare: boolean): Table {
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
export function targetTable(projections: Projection[], anchors: Anchor[], target: Anchor, isShare: boolean): Table {
  const current = anchors[anchors.length - 1];
  const goal = assessGoal({ current, target });
  const rows = projections.map((p) => ({
    method: p.method,
    current_year: current.year,
    current: current.value,
    target_year: target.year,
    target: target.value,
    gap: goal.gap,
    required_cagr_pct: goal.requiredCagrPct,
    required_step_per_year: goal.requiredStepPerYear,
    year_reached: firstYearReaching(p.points, target.value, { fromYear: current.year }),
    through: p.through,
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
      { key: 'year_reached', header: 'path reaches it', type: 'int', emptyText: 'not in range' },
    ],
    rows,
  };
}

const fmt = (n: number, digits = 2) => String(Number(n.toFixed(digits)));
