// The self-sufficiency use case: the history of one series (within one definition), the targets, the gap to
// each, the growth each needs, the current path with empirical bands, and statistical methods fitted to the
// history when asked. Used by self-sufficiency, overview and report.
import { currentPathEvidence } from './projection-evidence.js';
import { datasetPaths, loadDatasets, type Datasets } from '../data/datasets.js';
import { assessGoal, firstYearReaching, yearReachedAtCagr, yearReachedAtStep } from '../domain/goal.js';
import { comparableHistory, currentPath, latestFiguresText, type SeriesFigure } from '../domain/history.js';
import type { Anchor } from '../domain/projection.js';
import { usageError } from '../errors.js';
import { compareText } from '../report/numbers.js';
import type { Table } from '../report/model.js';
import { addBandColumns, pathChartBands, peopleBandsTable } from '../report/bands.js';
import { targetsChart, type Chart } from '../report/series.js';

import type { IntervalMode } from '../forecast/registry.js';
import type { Section } from './capacity.js';
import { say } from '../messages.js';
export interface TargetRow {
  label: string;
  year: number;
  value: number;
  kind: string;
  source_id: string;
}

const seriesFigure = (r: Datasets['selfSufficiency'][number]): SeriesFigure => ({ year: r.year, value: r.rate_pct, kind: r.kind, definition: r.definition, source_id: r.source_id });

export function selfSufficiencyTables(data: Datasets, opts: { scope: string; through: number; current?: Anchor; extraTargets: Anchor[] }): { tables: Table[]; notes: string[]; warnings: string[]; charts: Chart[] } {
  const series = data.selfSufficiency.filter((r) => r.scope === opts.scope);
  if (series.length === 0) throw usageError(say('error.noScope', { scope: opts.scope, scopes: [...new Set(data.selfSufficiency.map((r) => r.scope))].join(', ') }));
  // History is what was measured, within one definition; forecasts and targets are shown but never fitted.
  const comparable = comparableHistory(series.map(seriesFigure));
  const history: Anchor[] = comparable.points;
  const current = opts.current ?? history[history.length - 1];
  if (!current) throw usageError(say('error.noActual', { scope: opts.scope }));
  const path = currentPath(history);
  const targets: TargetRow[] = [
    ...data.selfSufficiency.filter((r) => r.kind === 'target').map((r) => ({ label: r.scope, year: r.year, value: r.rate_pct, kind: r.kind, source_id: r.source_id })),
    ...opts.extraTargets.map((t) => ({ label: 'command line', year: t.year, value: t.value, kind: 'target', source_id: '' })),
  ].sort((a, b) => a.year - b.year || a.value - b.value);
  const targetRows = targets.map((t) => {
    const goal = assessGoal({ current, target: { year: t.year, value: t.value } });
    return {
      target: t.label,
      year: t.year,
      target_pct: t.value,
      source_id: t.source_id,
      status: goal.status,
      gap_pp: goal.gap,
      needs_cagr_pct: goal.requiredCagrPct,
      needs_pp_per_year: goal.requiredStepPerYear,
      path_cagr_reaches: path?.cagrPct != null ? yearReachedAtCagr(current, t.value, path.cagrPct, opts.through) : null,
      path_linear_reaches: path ? yearReachedAtStep(current, t.value, path.step, opts.through) : null,
    };
  });
  const historyRows = series
    .sort((a, b) => a.year - b.year || compareText(a.kind, b.kind))
    .map((r) => ({ year: r.year, rate_pct: r.rate_pct, kind: r.kind, source_id: r.source_id, definition: r.definition }));
  const banded = pathBands(path, current, targets, opts.through);
  const mixed = comparable.definitions > 1;
  const others = comparable.observed.length - comparable.figures.length;
  const notes = [
    say('ss.current', { value: current.value, year: current.year, scope: opts.scope, given: opts.current ? 'yes' : 'no' }),
    path
      ? say('ss.currentPath', { from: path.from.year, to: path.to.year, cagr: path.cagrPct === null ? '' : path.cagrPct.toFixed(2), step: path.step.toFixed(2), through: opts.through })
      : mixed
        ? say('ss.noPathOneDefinition')
        : say('ss.noPathOneFigure'),
    say('ss.definition', { definition: comparable.definition ?? series[0].definition ?? say('ss.definitionUnknown') }),
  ];
  const warnings = mixed
    ? [
        `${opts.scope} mixes ${comparable.definitions} definitions: no rate, current path or year reached is computed across them${path ? ` (the path uses only the ${comparable.figures.length} figures of the latest definition; ${others} other figure(s) left out)` : ''}; latest figures, each on its own definition: ${latestFiguresText(comparable.observed)}`,
      ]
    : [];
  const noPath = mixed ? say('ss.noPathDefinitions') : say('ss.noPath');
  const targetsTable: Table = {
    name: 'targets',
    title: say('ss.targetsTitle', { scope: opts.scope, value: current.value, year: current.year }),
    columns: [
      { key: 'target', header: 'target' },
      { key: 'year', header: 'year', type: 'int' },
      { key: 'target_pct', header: 'target %', type: 'number', digits: 1 },
      { key: 'status', header: 'status' },
      { key: 'gap_pp', header: 'gap pp', type: 'number', digits: 1 },
      { key: 'needs_cagr_pct', header: 'needs %/yr', type: 'number', digits: 2, emptyText: say('ss.overdue') },
      { key: 'needs_pp_per_year', header: 'needs pp/yr', type: 'number', digits: 2, emptyText: say('ss.overdue') },
      { key: 'path_cagr_reaches', header: 'compound path reaches', type: 'int', emptyText: path?.cagrPct != null ? say('ss.notBy', { year: opts.through }) : noPath },
      { key: 'path_linear_reaches', header: 'linear path reaches', type: 'int', emptyText: path ? say('ss.notBy', { year: opts.through }) : noPath },
      { key: 'source_id', header: 'source_id' },
    ],
    rows: targetRows,
  };
  addBandColumns(targetsTable, banded.files, { people: false, values: true });
  const chartThrough = Math.min(opts.through, Math.max(current.year + 1, ...targets.map((t) => t.year)) + 2);
  // The paths run a few years past the last target, not to the far horizon, so the targets stay readable.
  const drawn = path === null ? [] : currentPathEvidence(path, current, chartThrough).projections;
  const chart = targetsChart('targets', say('ss.chartTitle', { scope: opts.scope }), history, current, drawn, targets.map((t) => ({ year: t.year, value: t.value, label: t.label })), chartThrough, [...new Set(comparable.figures.map((r) => r.source_id))].join(', '));
  chart.bands.push(...pathChartBands(banded.files.map((f) => ({ ...f, points: f.points.filter((p) => p.year <= chartThrough), start: current })), say('bands.m3Errors')));
  return {
    tables: [
      targetsTable,
      ...(banded.people ? [banded.people] : []),
      {
        name: 'history',
        title: say('ss.historyTitle', { scope: opts.scope }),
        columns: [
          { key: 'year', header: 'year', type: 'int' },
          { key: 'rate_pct', header: 'rate %', type: 'number', digits: 1 },
          { key: 'kind', header: 'kind' },
          { key: 'source_id', header: 'source_id' },
          { key: 'definition', header: 'definition' },
        ],
        rows: historyRows,
      },
    ],
    notes: [...notes, ...banded.notes],
    warnings,
    charts: [chart],
  };
}

/**
 * The current path's empirical bands: per target row the path's value and bands in the target year (numbers, for
 * files: cagr_path, cagr_lo80, …), a table of them for people, and the evidence lines.
 */
function pathBands(path: ReturnType<typeof currentPath>, current: Anchor, targets: TargetRow[], through: number) {
  if (path === null) return { files: [], people: undefined, notes: [] };
  const last = Math.max(through, ...targets.map((t) => t.year));
  const { projections, evidence } = currentPathEvidence(path, current, last);
  // Years after the current figure only: the path before it is history, not a projection.
  const files = evidence.map((e, i) => ({ key: e.method, label: e.method, digits: 2, points: e.points.map((pt, k) => ({ ...pt, value: projections[i].points[k].value })).filter((pt) => pt.year > current.year) }));
  const targetYears = new Set(targets.filter((t) => t.year > current.year).map((t) => t.year));
  const people = targetYears.size === 0 ? undefined : peopleBandsTable('bands', say('ss.bandsTitle'), [{ key: 'method', header: 'method' }], files.map((f) => ({ labels: { method: f.key }, digits: 2, points: f.points })), (year) => targetYears.has(year));
  const lastTarget = Math.max(...targetYears);
  const notes = Number.isFinite(lastTarget) ? currentPathEvidence(path, current, lastTarget).evidence.flatMap((e) => (e.evidence === undefined ? [] : [e.evidence])) : [];
  return { files, people, notes };
}

export interface SelfSufficiencySettings {
  scope: string;
  through: number;
  current?: Anchor;
  extraTargets: Anchor[];
  /** Statistical methods to fit (--method); their options are read only then (`options()`). */
  fit?: FitSettings;
}

export interface FitSettings {
  methods: string;
  options: () => { levels: number[]; seed: number; intervals: IntervalMode };
}

/** `semicap self-sufficiency` on the datasets of `dir`: its tables, notes, charts and the files read. */
export async function selfSufficiencyUseCase(dir: string, settings: () => SelfSufficiencySettings): Promise<{ section: Section; inputs: string[] }> {
  const data = loadDatasets(dir, ['self_sufficiency']);
  const s = settings();
  const section = selfSufficiencyTables(data, s);
  if (s.fit !== undefined) await addFitted(section, data, s.scope, s.through, s.fit);
  return { section, inputs: datasetPaths(dir, ['self_sufficiency']) };
}

/**
 * Fits statistical methods to the scope's history (bounded 0–100 %) and adds when each one's forecast reaches each
 * target. The forecasting code is loaded only here, so the plain command (and `overview`) start without it.
 */
async function addFitted(report: Section, data: Datasets, scope: string, through: number, fit: FitSettings): Promise<void> {
  const { fitHistory, splitMethods } = await import('./fit-history.js');
  const { fitted } = splitMethods(fit.methods);
  if (fitted.length === 0) throw usageError('--method here takes statistical methods (e.g. ets,theta,auto); the compound and linear current path is always shown');
  // Fitted on the same one-definition history as the current path.
  const comparable = comparableHistory(data.selfSufficiency.filter((r) => r.scope === scope).map(seriesFigure));
  const history = comparable.points;
  if (history.length < 2) {
    throw usageError(`--method needs two or more actual figures of one definition; ${scope}${comparable.definitions > 1 ? ` mixes ${comparable.definitions} definitions and its latest` : ''} has ${history.length}`);
  }
  const { levels, seed, intervals } = fit.options();
  const result = fitHistory(scope, history, fitted, { through, levels, seed, bounds: { floor: 0, cap: 100 }, intervals });
  report.tables.splice(1, 0, result.table);
  report.notes.push(...result.notes);
  report.warnings.push(...result.warnings);
  const targets = report.tables.find((t) => t.name === 'targets');
  if (!targets) return;
  const lastYear = history[history.length - 1].year;
  for (const m of fitted) {
    const key = `${m.name}_reaches`;
    targets.columns.push({ key, header: `${m.name} reaches`, type: 'int', emptyText: `not by ${through}` });
    const path = result.table.rows.filter((r) => r.method === m.name).map((r) => ({ year: Number(r.year), value: Number(r.mean) }));
    for (const row of targets.rows) row[key] = firstYearReaching(path, Number(row.target_pct), { fromYear: lastYear + 1 });
  }
}
