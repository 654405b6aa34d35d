// `semicap scenario [NAME...]`: named cases (bear, base, bull) from datasets/scenarios.csv or a user's file, with
// overrides: their point paths and whether each target is met, or simulated percentile bands and target odds.
import { bundledDataDir } from '../data/datasets.js';
import { loadScenariosWithData, ownScenariosPath, scenariosPath } from '../data/scenarios.js';
import { firstYearReaching, isMet } from '../domain/goal.js';
import { defaultLookTo, defaultThrough } from '../domain/horizons.js';
import { simulateScenarios, type Progress, type SeriesSimulation } from '../domain/montecarlo.js';
import { applyOverride, scenarioPath, type Scenario, type ScenarioPoint, type SeriesAssumptions } from '../domain/scenario.js';
import { usageError } from '../errors.js';
import { say } from '../messages.js';
import { closest } from '../text.js';

export interface ScenarioInput {
  /** The data folder (its scenarios.csv, else the bundled one), and the datasets a scenario reads from. */
  dataDir?: string;
  /** A scenario file instead of the folder's. */
  file?: string;
  /** Scenarios to run (all when empty) and series to keep (all when undefined). */
  names: string[];
  series?: string[];
  /** Overrides SCENARIO.SERIES.ASSUMPTION=VALUE, applied in order. */
  sets: string[];
  /** Last year of the paths (default: defaultThrough of the series' start years). */
  through?: number;
  /** Last year searched for the year a point path reaches a target (default: defaultLookTo of all targets). */
  lookTo?: number;
  simulation?: { paths: number; seed: number; percentiles: number[]; onProgress?: Progress };
}

export interface TargetCheck {
  scenario: string;
  series: SeriesAssumptions;
  target: SeriesAssumptions['targets'][number];
  valueThen: number | null;
  met: boolean;
  yearReached: number | null;
}

export interface ScenarioResult {
  scenarios: Scenario[];
  through: number;
  lookTo: number;
  /** Each scenario's series along its point path through `through` (from its start year at least). */
  paths: { scenario: string; series: SeriesAssumptions; points: ScenarioPoint[] }[];
  /** Point mode: each target against the point path. */
  targets: TargetCheck[];
  /** Simulated mode: bands and odds per series. */
  runs?: SeriesSimulation[];
  notes: string[];
  warnings: string[];
  messages: string[];
  inputs: string[];
}

export function scenarioUseCase(input: ScenarioInput): ScenarioResult {
  const dir = input.dataDir ?? bundledDataDir();
  const { scenarios: all, inputs, messages } = readScenarios(dir, input.file);
  let scenarios = selectSeries(selectScenarios(all, input.names), input.series);
  for (const s of input.sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw usageError(say('error.setNotKeyValue', { text: s }));
    scenarios = applyOverride(scenarios, s.slice(0, eq).trim(), s.slice(eq + 1));
  }
  const through = input.through ?? defaultThrough(...scenarios.flatMap((sc) => sc.series.map((s) => s.startYear)));
  for (const sc of scenarios) for (const s of sc.series) if (through < s.startYear) throw usageError(say('error.throughBeforeStart', { through, series: `${sc.name}.${s.series}`, start: s.startYear }));
  const lookTo = input.lookTo ?? defaultLookTo(through, ...scenarios.flatMap((sc) => sc.series.flatMap((s) => s.targets.map((t) => t.year))));
  const notes = scenarios.filter((sc) => sc.note !== '').map((sc) => say('scenario.about', { name: sc.name, note: sc.note }));
  if (input.sets.length > 0) notes.push(say('scenario.overridden', { sets: input.sets.join(', ') }));
  const paths = pointPaths(scenarios, through);
  const result: ScenarioResult = { scenarios, through, lookTo, paths, targets: [], notes, warnings: [], messages, inputs };
  if (input.simulation === undefined) {
    result.targets = checkTargets(scenarios, lookTo);
    result.warnings = heldWarnings(paths);
    return result;
  }
  const sim = input.simulation;
  result.runs = simulateScenarios(scenarios, { paths: sim.paths, seed: sim.seed, through, percentiles: sim.percentiles, onProgress: sim.onProgress });
  return result;
}

/** A scenario file, or the folder's scenarios.csv (the bundled one, `bundledInstead`, when the folder has none). */
export function readScenarios(dir: string, file: string | undefined): { scenarios: Scenario[]; inputs: string[]; messages: string[]; bundledInstead: boolean } {
  const messages: string[] = [];
  let path = file ?? ownScenariosPath(dir);
  if (path === undefined) {
    path = scenariosPath(bundledDataDir());
    messages.push(say('scenario.bundledInstead', { dir }));
  }
  const { scenarios, inputs } = loadScenariosWithData(path, dir);
  return { scenarios, inputs, messages, bundledInstead: messages.length > 0 };
}

/** Each scenario's series along its point path through `through` (from its start year at least). */
export function pointPaths(scenarios: readonly Scenario[], through: number): ScenarioResult['paths'] {
  return scenarios.flatMap((sc) => sc.series.map((s) => ({ scenario: sc.name, series: s, points: scenarioPath(s, Math.max(through, s.startYear)) })));
}

function selectScenarios(all: Scenario[], names: string[]): Scenario[] {
  if (names.length === 0) return all;
  return names.map((name) => {
    const found = all.find((s) => s.name === name);
    if (!found) {
      const hint = closest(name, all.map((s) => s.name));
      throw usageError(say('error.noScenario', { name, names: all.map((s) => s.name).join(', '), hint: hint ?? '' }));
    }
    return found;
  });
}

function selectSeries(scenarios: Scenario[], wanted: string[] | undefined): Scenario[] {
  if (wanted === undefined) return scenarios;
  const known = [...new Set(scenarios.flatMap((sc) => sc.series.map((s) => s.series)))];
  for (const w of wanted) if (!known.includes(w)) throw usageError(say('error.noScenarioSeries', { series: w, names: known.join(', ') }));
  return scenarios.map((sc) => ({ ...sc, series: sc.series.filter((s) => wanted.includes(s.series)) })).filter((sc) => sc.series.length > 0);
}

/** Each target against its series' point path, searched to `lookTo` for the year the path gets there. */
function checkTargets(scenarios: Scenario[], lookTo: number): TargetCheck[] {
  return scenarios.flatMap((sc) =>
    sc.series.flatMap((s) => {
      const path = scenarioPath(s, Math.max(lookTo, s.startYear));
      return s.targets.map((t) => ({ scenario: sc.name, series: s, target: t, valueThen: path.find((p) => p.year === t.year)?.value ?? null, met: metIn(path, t), yearReached: firstYearReaching(path, t.value, { fromYear: s.startYear }) }));
    }),
  );
}

function metIn(path: { year: number; value: number }[], t: { year: number; value: number }): boolean {
  const v = path.find((p) => p.year === t.year)?.value;
  return v !== undefined && isMet(v, t.value, 'atLeast');
}

function heldWarnings(paths: ScenarioResult['paths']): string[] {
  return paths.flatMap(({ scenario, series: s, points }) => {
    const held = points.find((p) => p.held);
    return held ? [say('scenario.heldWarning', { name: `${scenario}.${s.series}`, year: held.year, value: held.value, unit: s.unit })] : [];
  });
}
