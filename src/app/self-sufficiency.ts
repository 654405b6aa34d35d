// The self-sufficiency use case: the history of one series (within one definition), the targets, the gap to
// each, the growth each needs, the current path with empirical bands, and statistical methods fitted to the
// history when asked. Used by self-sufficiency, overview and report.
import { say } from '../messages.js';
import { currentPathEvidence } from './projection-evidence.js';
import { datasetPaths, loadDatasets, type Datasets } from '../data/datasets.js';
import { assessGoal, firstYearReaching, isMet, type GoalAssessment } from '../domain/goal.js';
import { comparableHistory, currentPath, latestFiguresText, type SeriesFigure } from '../domain/history.js';
import { defaultLookTo, defaultThrough } from '../domain/horizons.js';
import type { BandPoint } from '../domain/projection-evidence.js';
import { ratePath, type Anchor, type Projection, type ProjectionMethod } from '../domain/projection.js';
import { usageError } from '../errors.js';
import { compareText } from '../text.js';
import type { IntervalMode } from '../forecast/registry.js';
import type { FittedHistory } from './fit-history.js';

type CurrentPath = NonNullable<ReturnType<typeof currentPath>>;
export interface TargetRow {
  label: string;
  year: number;
  value: number;
  kind: string;
  source_id: string;
}

/** A self-sufficiency row as a figure of its series (domain/history.ts). */
const seriesFigure = (r: Datasets['selfSufficiency'][number]): SeriesFigure => ({ year: r.year, value: r.rate_pct, kind: r.kind, definition: r.definition, source_id: r.source_id });

/** A target with the gap to it and when the current path reaches it. */
export interface TargetAssessment extends TargetRow {
  goal: GoalAssessment;
  /** The first year the compound and the linear current path reach the target (null: not by `through`, or no path). */
  pathCagrReaches: number | null;
  pathLinearReaches: number | null;
}

/** The current path of one method after the current figure: its value and empirical bands by year. */
export interface CurrentPathBands {
  method: ProjectionMethod;
  points: (BandPoint & { value: number })[];
}

export interface SelfSufficiencyResult {
  scope: string;
  through: number;
  current: Anchor;
  /** The current figure came from --current rather than the series. */
  currentGiven: boolean;
  path: CurrentPath | null;
  /** The series mixes definitions: no rate is computed across them. */
  mixedDefinitions: boolean;
  /** The history a path is computed on: observed figures of the latest definition. */
  history: Anchor[];
  /** Every figure of the series (history, third-party forecasts, targets), by year. */
  figures: { year: number; rate_pct: number; kind: string; source_id: string; definition: string | null }[];
  targets: TargetAssessment[];
  /** The current path's bands after the current figure, through the last target or `through`. */
  pathBands: CurrentPathBands[];
  /** The target years after the current figure: where people see the path's bands. */
  bandYears: number[];
  /** What a chart draws: the current path's projections through `through` (a few years past the last target). */
  chart: { through: number; paths: Projection[]; source: string };
  /** Statistical methods fitted to the history (--method), and the first year each one's forecast reaches each target. */
  fitted?: { fit: FittedHistory; reaches: { method: string; years: (number | null)[] }[] };
  notes: string[];
  warnings: string[];
}

/** A scope's rows (empty when the data has no such series), the history within one definition and its current path. */
export function selfSufficiencySeries(data: Datasets, scope: string) {
  const series = data.selfSufficiency.filter((r) => r.scope === scope);
  const comparable = comparableHistory(series.map(seriesFigure));
  return { series, comparable, path: currentPath(comparable.points) };
}

export function selfSufficiency(data: Datasets, opts: { scope: string; through: number; current?: Anchor; extraTargets: Anchor[] }): SelfSufficiencyResult {
  // History is what was measured, within one definition; forecasts and targets are shown but never fitted.
  const { series, comparable, path } = selfSufficiencySeries(data, opts.scope);
  if (series.length === 0) throw usageError(say('error.noScope', { scope: opts.scope, scopes: [...new Set(data.selfSufficiency.map((r) => r.scope))].join(', ') }));
  const history: Anchor[] = comparable.points;
  const current = opts.current ?? history[history.length - 1];
  if (!current) throw usageError(say('error.noActual', { scope: opts.scope }));
  const targetRows: TargetRow[] = [
    ...data.selfSufficiency.filter((r) => r.kind === 'target').map((r) => ({ label: r.scope, year: r.year, value: r.rate_pct, kind: r.kind, source_id: r.source_id })),
    ...opts.extraTargets.map((t) => ({ label: say('ss.commandLine'), year: t.year, value: t.value, kind: 'target', source_id: '' })),
  ].sort((a, b) => a.year - b.year || a.value - b.value);
  const reachPaths = path === null ? undefined : currentPathPoints(path, current, opts.through);
  const targets = targetRows.map((t) => {
    // A compound path from 0 or below stays there: asking it to reach a target above is a usage error.
    if (reachPaths?.cagr && !(current.value > 0) && !isMet(current.value, t.value, 'atLeast')) {
      throw usageError(say('error.goalPathPositive', { value: current.value, year: current.year }));
    }
    return {
      ...t,
      goal: assessGoal({ current, target: { year: t.year, value: t.value } }),
      pathCagrReaches: reachPaths?.cagr ? firstYearReaching(reachPaths.cagr, t.value, { fromYear: current.year }) : null,
      pathLinearReaches: reachPaths ? firstYearReaching(reachPaths.linear, t.value, { fromYear: current.year }) : null,
    };
  });
  const figures = series
    .sort((a, b) => a.year - b.year || compareText(a.kind, b.kind))
    .map((r) => ({ year: r.year, rate_pct: r.rate_pct, kind: r.kind, source_id: r.source_id, definition: r.definition }));
  const banded = pathBands(path, current, targetRows, opts.through);
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
    ...banded.notes,
  ];
  const warnings = mixed
    ? [
        `${opts.scope} mixes ${comparable.definitions} definitions: no rate, current path or year reached is computed across them${path ? ` (the path uses only the ${comparable.figures.length} figures of the latest definition; ${others} other figure(s) left out)` : ''}; latest figures, each on its own definition: ${latestFiguresText(comparable.observed)}`,
      ]
    : [];
  const chartThrough = Math.min(opts.through, Math.max(current.year + 1, ...targetRows.map((t) => t.year)) + 2);
  // The paths run a few years past the last target, not to the far horizon, so the targets stay readable.
  const drawn = path === null ? [] : currentPathEvidence(path, current, chartThrough).projections;
  return {
    scope: opts.scope,
    through: opts.through,
    current,
    currentGiven: opts.current !== undefined,
    path,
    mixedDefinitions: mixed,
    history,
    figures,
    targets,
    pathBands: banded.paths,
    bandYears: banded.years,
    chart: { through: chartThrough, paths: drawn, source: [...new Set(comparable.figures.map((r) => r.source_id))].join(', ') },
    notes,
    warnings,
  };
}

/**
 * The current path's compound and linear points from `current` through `through`, read for the year each reaches a
 * target (with isMet, like every other "reached"): the very points the path prints (currentPathEvidence), so the
 * year reached never contradicts them. A method the printed path leaves out (its start moved outside 0–100) is
 * stepped from `current` at the same rate within 0–100 instead; no compound path when the history has no rate.
 */
function currentPathPoints(path: CurrentPath, current: Anchor, through: number): { cagr: Anchor[] | null; linear: Anchor[] } {
  const drawn = currentPathEvidence(path, current, through).projections;
  const printed = (method: ProjectionMethod) => drawn.find((p) => p.method === method)?.points.filter((pt) => pt.year <= through);
  const stepped = (method: ProjectionMethod, rate: number) => ratePath(method, current, rate, { floor: 0, cap: 100 }, through);
  const cagr = path.cagrPct === null ? null : (printed('cagr') ?? stepped('cagr', path.cagrPct / 100));
  return { cagr, linear: printed('linear') ?? stepped('linear', path.step) };
}

/**
 * The current path's empirical bands: per method the path's values and bands after the current figure, the target
 * years people see them in, and the evidence lines.
 */
function pathBands(path: CurrentPath | null, current: Anchor, targets: TargetRow[], through: number): { paths: CurrentPathBands[]; years: number[]; notes: string[] } {
  if (path === null) return { paths: [], years: [], notes: [] };
  const last = Math.max(through, ...targets.map((t) => t.year));
  const { projections, evidence } = currentPathEvidence(path, current, last);
  // Years after the current figure only: the path before it is history, not a projection.
  const paths = evidence.map((e, i) => ({ method: e.method, points: e.points.map((pt, k) => ({ ...pt, value: projections[i].points[k].value })).filter((pt) => pt.year > current.year) }));
  const targetYears = new Set(targets.filter((t) => t.year > current.year).map((t) => t.year));
  const lastTarget = Math.max(...targetYears);
  const notes = Number.isFinite(lastTarget) ? currentPathEvidence(path, current, lastTarget).evidence.flatMap((e) => (e.evidence === undefined ? [] : [e.evidence])) : [];
  return { paths, years: [...targetYears], notes };
}

export interface SelfSufficiencySettings {
  scope: string;
  /** The last year searched for the year the current path reaches a target (default: defaultLookTo of the targets). */
  lookTo?: number;
  current?: Anchor;
  extraTargets: Anchor[];
  /** Statistical methods to fit (--method). */
  fit?: FitSettings;
}

export interface FitSettings {
  methods: string;
  options: { levels: number[]; seed: number; intervals: IntervalMode };
}

/** `semicap self-sufficiency` on the datasets of `dir`: the result and the files read. */
export async function selfSufficiencyUseCase(dir: string, s: SelfSufficiencySettings): Promise<{ result: SelfSufficiencyResult; inputs: string[] }> {
  const data = loadDatasets(dir, ['self_sufficiency']);
  const targetYears = [...data.selfSufficiency.filter((r) => r.kind === 'target').map((r) => r.year), ...s.extraTargets.map((t) => t.year)];
  const through = s.lookTo ?? defaultLookTo(defaultThrough(), ...targetYears);
  const result = selfSufficiency(data, { ...s, through });
  if (s.fit !== undefined) await addFitted(result, data, s.fit);
  return { result, inputs: datasetPaths(dir, ['self_sufficiency']) };
}

/**
 * Fits statistical methods to the scope's history (bounded 0–100 %) and adds when each one's forecast reaches each
 * target. The forecasting code is loaded only here, so the plain command (and `overview`) start without it.
 */
async function addFitted(result: SelfSufficiencyResult, data: Datasets, fit: FitSettings): Promise<void> {
  const { fitHistory, forecastPath, splitMethods } = await import('./fit-history.js');
  const { scope, through } = result;
  const { fitted } = splitMethods(fit.methods);
  if (fitted.length === 0) throw usageError(say('error.ssStatMethods'));
  // Fitted on the same one-definition history as the current path.
  const { comparable } = selfSufficiencySeries(data, scope);
  const history = comparable.points;
  if (history.length < 2) {
    throw usageError(say('error.ssTooFewActuals', { scope, definitions: comparable.definitions, count: history.length }));
  }
  const { levels, seed, intervals } = fit.options;
  const fitResult = fitHistory(scope, history, fitted, { through, levels, seed, bounds: { floor: 0, cap: 100 }, intervals });
  result.notes.push(...fitResult.notes);
  result.warnings.push(...fitResult.warnings);
  const lastYear = history[history.length - 1].year;
  const reaches = fitted.map((m) => {
    const path = fitResult.forecasts.filter((f) => f.method.name === m.name).flatMap(forecastPath);
    return { method: m.name, years: result.targets.map((t) => firstYearReaching(path, t.value, { fromYear: lastYear + 1 })) };
  });
  result.fitted = { fit: fitResult, reaches };
}
