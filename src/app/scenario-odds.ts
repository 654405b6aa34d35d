// The scenario section of `semicap report`: the named scenarios' point paths side by side and, from a seeded
// Monte Carlo run, the odds of each target — the numbers `semicap scenario --simulate PATHS --seed SEED` gives.
import { say } from '../messages.js';
import { simulateScenarios, type SeriesSimulation } from '../domain/montecarlo.js';
import type { Scenario } from '../domain/scenario.js';
import { pointPaths, readScenarios, type ScenarioResult } from './scenario.js';

export interface ScenarioOddsSettings {
  /** Simulated paths per series. */
  paths: number;
  seed: number;
  /** Last year of the paths (targets later than this are still simulated to their year). */
  through: number;
}

export interface ScenarioOdds {
  scenarios: Scenario[];
  through: number;
  /** Each scenario's series along its point path through `through`. */
  paths: ScenarioResult['paths'];
  /** The simulated bands and the odds of each target, one per path in the same order. */
  runs: SeriesSimulation[];
  notes: string[];
}

/** Reads the folder's scenarios.csv (the bundled one when the folder has none) and simulates every series. */
export function scenarioOddsUseCase(dir: string, s: ScenarioOddsSettings): { result: ScenarioOdds; inputs: string[] } {
  const { scenarios, inputs, bundledInstead } = readScenarios(dir, undefined);
  const paths = pointPaths(scenarios, s.through);
  const runs = simulateScenarios(scenarios, { paths: s.paths, seed: s.seed, through: s.through });
  const notes = [
    ...(bundledInstead ? [say('odds.bundled', { dir })] : []),
    ...scenarios.filter((sc) => sc.note !== '').map((sc) => say('scenario.about', { name: sc.name, note: sc.note })),
    say('odds.seed', { seed: s.seed, paths: s.paths }),
    say('odds.pmet'),
  ];
  return { result: { scenarios, through: s.through, paths, runs, notes }, inputs };
}
