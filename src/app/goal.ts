// `semicap goal`: what a target needs (compound and linear growth), when a current path gets there and, simulated,
// how likely it is met; or, for funds, the yearly deployment a total needs.
import { bundledDataDir } from '../data/datasets.js';
import { loadScenariosWithData, ownScenariosPath, scenariosPath } from '../data/scenarios.js';
import { assessGoal, deploymentNeeded, firstYearReaching, isMet, type DeploymentPlan } from '../domain/goal.js';
import { defaultLookTo, defaultThrough } from '../domain/horizons.js';
import { simulateSeries, type Progress, type SeriesSimulation } from '../domain/montecarlo.js';
import type { Anchor } from '../domain/projection.js';
import { scenarioPath, type SeriesAssumptions, type Uncertain } from '../domain/scenario.js';
import { usageError } from '../errors.js';
import { say } from '../messages.js';

/** A point given on the command line; `percent` marks a share. */
export type GivenAnchor = Anchor & { percent: boolean };

export interface SeriesGoalInput {
  target: GivenAnchor;
  current?: GivenAnchor;
  /** NAME.SERIES of a scenario whose series is the current path (and, without current, where it stands). */
  scenario?: string;
  /** The data folder (scenarios.csv), else the bundled one. */
  dataDir?: string;
  rate?: number;
  step?: number;
  rateSd?: number;
  stepSd?: number;
  draw: 'once' | 'yearly';
  /** Last year searched for the year the path reaches the target (default: defaultLookTo). */
  lookTo?: number;
  simulation?: { paths: number; seed: number; percentiles: number[]; onProgress?: Progress };
}

export interface GoalAssessed {
  gap: number;
  status: string;
  requiredCagrPct: number | null;
  requiredStepPerYear: number | null;
}

export interface CurrentPathResult {
  label: string;
  valueInTargetYear: number | null;
  meetsTarget: boolean;
  yearReached: number | null;
  lookTo: number;
  simulated?: { run: SeriesSimulation; description: string };
}

export interface SeriesGoalResult {
  share: boolean;
  current: Anchor;
  target: Anchor;
  assessed: GoalAssessed;
  path?: CurrentPathResult;
  /** Files read (a scenario file and the datasets it reads from). */
  inputs: string[];
}

interface CurrentPath {
  label: string;
  series: SeriesAssumptions;
}

export function seriesGoal(input: SeriesGoalInput): SeriesGoalResult {
  const fromScenario = input.scenario !== undefined ? scenarioSeries(input.scenario, input.dataDir) : undefined;
  const { current, share } = startingPoint(input, fromScenario);
  const target: Anchor = { year: input.target.year, value: input.target.value };
  if (share && (current.value < 0 || current.value > 100 || target.value < 0 || target.value > 100)) throw usageError(say('error.shareRange'));
  const lookTo = input.lookTo ?? defaultLookTo(defaultThrough(current.year), target.year);
  if (lookTo < target.year) throw usageError(say('error.lookToBeforeTarget', { lookTo, year: target.year }));
  if (input.rate !== undefined && input.step !== undefined) throw usageError(say('error.rateOrStep'));
  if ((input.rate !== undefined || input.step !== undefined) && fromScenario) throw usageError(say('error.scenarioOrRate'));

  const assessed = assessFrom(current, target);
  const inputs = fromScenario ? fromScenario.inputs : [];
  const path = currentPath(input, fromScenario, current, share ? 'percent' : 'value');
  if (!path) {
    if (input.simulation !== undefined) throw usageError(say('error.simulateNeedsPath'));
    return { share, current, target, assessed, inputs };
  }
  // One definition of "reached" for both answers: a year's value on this stepped path at or above the target within
  // a relative 1e-9 (isMet). The year reached is the first such year from the current one, never after a year met.
  const points = scenarioPath(path.series, lookTo);
  const inTargetYear = points.find((p) => p.year === target.year)?.value ?? null;
  const result: CurrentPathResult = {
    label: path.label,
    valueInTargetYear: inTargetYear,
    meetsTarget: inTargetYear !== null && isMet(inTargetYear, target.value, 'atLeast'),
    yearReached: firstYearReaching(points, target.value, { fromYear: current.year }),
    lookTo,
  };
  if (input.simulation !== undefined) {
    const sim = input.simulation;
    const simulated = withUncertainty(path.series, input);
    // A scenario's series draws from its own stream, so the numbers match `semicap scenario NAME --simulate` with the same seed.
    const stream = fromScenario ? fromScenario.label.split('.')[0] : 'goal';
    const run = simulateSeries(stream, { ...simulated, targets: [{ year: target.year, value: target.value }] }, { paths: sim.paths, seed: sim.seed, through: target.year, percentiles: sim.percentiles, onProgress: sim.onProgress });
    result.simulated = { run, description: describeUncertainty(simulated) };
  }
  return { share, current, target, assessed, path: result, inputs };
}

/** assessGoal, except that from a value of 0 or below there is no compound rate (null) rather than an error. */
function assessFrom(current: Anchor, target: Anchor): GoalAssessed {
  if (current.value > 0) return assessGoal({ current, target });
  const positiveStand = { year: current.year, value: 1 }; // any positive value: only status and step are read
  const shape = assessGoal({ current: positiveStand, target: { year: target.year, value: target.value - current.value + 1 } });
  return { gap: target.value - current.value, status: shape.status, requiredCagrPct: null, requiredStepPerYear: shape.requiredStepPerYear };
}

/** Where the series stands: --current, else the scenario series' start; and whether it is a share. */
function startingPoint(input: SeriesGoalInput, fromScenario: CurrentPath | undefined): { current: Anchor; share: boolean } {
  const given = input.current;
  if (given) return { current: { year: given.year, value: given.value }, share: given.percent || input.target.percent };
  if (fromScenario) return { current: { year: fromScenario.series.startYear, value: fromScenario.series.start.value }, share: fromScenario.series.unit === 'percent' };
  throw usageError(say('error.goalNeedsCurrent'));
}

function currentPath(input: SeriesGoalInput, fromScenario: CurrentPath | undefined, current: Anchor, unit: string): CurrentPath | undefined {
  const fixed = (value: number): Uncertain => ({ value, dist: { kind: 'fixed' }, draw: 'once' });
  const base = { unit, startYear: current.year, start: fixed(current.value), targets: [], notes: [] };
  if (input.rate !== undefined) {
    const rate = input.rate;
    if (!(rate > -100)) throw usageError(say('error.rateAboveMinus100', { rate }));
    if (!(current.value > 0)) throw usageError(say('error.rateNeedsPositive', { value: current.value }));
    return { label: say('goal.pathCompound', { rate }), series: { ...base, series: 'goal', method: 'cagr', growth: fixed(rate) } };
  }
  if (input.step !== undefined) {
    const step = input.step;
    return { label: say('goal.pathLinear', { step, share: unit === 'percent' ? 'yes' : 'no' }), series: { ...base, series: 'goal', method: 'linear', step: fixed(step) } };
  }
  if (fromScenario) {
    const s = fromScenario.series;
    const moved = { ...s, startYear: current.year, start: { ...s.start, value: current.value }, targets: [] };
    return { label: say('goal.pathScenario', { key: fromScenario.label, method: s.method }), series: moved };
  }
  return undefined;
}

function withUncertainty(s: SeriesAssumptions, input: SeriesGoalInput): SeriesAssumptions {
  const draw = input.draw;
  if (input.rateSd !== undefined) {
    if (s.method === 'linear' && input.step !== undefined) throw usageError(say('error.rateSdWithStep'));
    if (!s.growth) throw usageError(say('error.rateSdNeedsCompound'));
    return { ...s, growth: { ...s.growth, dist: { kind: 'normal', sd: input.rateSd }, draw } };
  }
  if (input.stepSd !== undefined) {
    if (!s.step) throw usageError(say('error.stepSdNeedsLinear'));
    return { ...s, step: { ...s.step, dist: { kind: 'normal', sd: input.stepSd }, draw } };
  }
  if (input.rate !== undefined || input.step !== undefined) throw usageError(say('error.simulateNeedsSpread'));
  return s; // a scenario's series keeps its own distributions
}

function describeUncertainty(s: SeriesAssumptions): string {
  const u = s.method === 'linear' ? s.step : s.growth;
  if (!u || u.dist.kind === 'fixed') return say('goal.uncertainNone');
  const d = u.dist;
  const spread =
    d.kind === 'normal'
      ? say('goal.spreadNormal', { mean: u.value, sd: d.sd })
      : d.kind === 'triangular'
        ? say('scenario.distTriangular', { min: d.min, mode: u.value, max: d.max })
        : d.kind === 'uniform'
          ? say('scenario.distUniform', { min: d.min, max: d.max })
          : '';
  return say('goal.uncertainty', { linear: s.method === 'linear' ? 'yes' : 'no', spread, yearly: u.draw === 'yearly' ? 'yes' : 'no' });
}

function scenarioSeries(key: string, dataDir: string | undefined): CurrentPath & { inputs: string[] } {
  const [name, series, ...rest] = key.split('.');
  if (!name || !series || rest.length > 0) throw usageError(say('error.scenarioNotNameSeries', { key }));
  const dir = dataDir ?? bundledDataDir();
  const path = ownScenariosPath(dir) ?? scenariosPath(bundledDataDir());
  const { scenarios, inputs } = loadScenariosWithData(path, dir);
  const sc = scenarios.find((s) => s.name === name);
  if (!sc) throw usageError(say('error.goalNoScenario', { name, names: scenarios.map((s) => s.name).join(', ') }));
  const s = sc.series.find((x) => x.series === series);
  if (!s) throw usageError(say('error.goalNoScenarioSeries', { name, series, names: sc.series.map((x) => x.series).join(', ') }));
  return { label: key, series: s, inputs };
}

// --- funds ------------------------------------------------------------------------------------------------------

export interface FundGoalInput {
  total: number;
  deployed: number;
  startYear: number;
  endYear: number;
  growthPct?: number;
  firstYearAmount?: number;
}

export interface FundGoalResult {
  plan: DeploymentPlan;
  /** Per deployment year: the constant amount and, with growth, the growing one, each with its running total. */
  schedule: { year: number; constant: number; cumulativeConstant: number; growing?: number; cumulativeGrowing?: number }[];
}

export function fundGoal(input: FundGoalInput): FundGoalResult {
  const plan = deploymentNeeded(input);
  let cumulativeConstant = input.deployed;
  let cumulativeGrowing = input.deployed;
  const schedule = Array.from({ length: plan.years }, (_, i) => {
    cumulativeConstant += plan.constantPerYear;
    const row: FundGoalResult['schedule'][number] = { year: input.startYear + i, constant: plan.constantPerYear, cumulativeConstant };
    if (plan.growing) {
      const amount = plan.growing.schedule[i].amount;
      cumulativeGrowing += amount;
      row.growing = amount;
      row.cumulativeGrowing = cumulativeGrowing;
    }
    return row;
  });
  return { plan, schedule };
}
