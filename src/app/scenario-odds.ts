// The scenario section of `semicap report`: the named scenarios' point paths side by side and, from a seeded
// Monte Carlo run, the odds of each target — the numbers `semicap scenario --simulate PATHS --seed SEED` gives.
import { say } from '../messages.js';
import { simulateScenarios } from '../domain/montecarlo.js';
import type { Scenario } from '../domain/scenario.js';
import type { Table } from '../report/model.js';
import { scenarioCharts, simulatedTargetsTable, type ScenarioSeriesPath } from '../report/views/scenario.js';
import type { Section } from '../report/model.js';
import { pointPaths, readScenarios } from './scenario.js';

export interface ScenarioOddsSettings {
  /** Simulated paths per series. */
  paths: number;
  seed: number;
  /** Last year of the paths (targets later than this are still simulated to their year). */
  through: number;
}

/** Reads the folder's scenarios.csv (the bundled one when the folder has none) and simulates every series. */
export function scenarioOddsUseCase(dir: string, s: ScenarioOddsSettings): { section: Section; inputs: string[] } {
  const { scenarios, inputs, bundledInstead } = readScenarios(dir, undefined);
  const paths = pointPaths(scenarios, s.through);
  const runs = simulateScenarios(scenarios, { paths: s.paths, seed: s.seed, through: s.through });
  const notes = [
    ...(bundledInstead ? [say('odds.bundled', { dir })] : []),
    ...scenarios.filter((sc) => sc.note !== '').map((sc) => say('scenario.about', { name: sc.name, note: sc.note })),
    say('odds.seed', { seed: s.seed, paths: s.paths }),
    say('odds.pmet'),
  ];
  // The targets table of `scenario --simulate` (the same column keys) without the rates each target needs.
  const odds = simulatedTargetsTable(runs, scenarios, { name: 'odds', title: say('odds.title', { paths: runs[0]?.paths ?? 0, seed: String(runs[0]?.seed ?? '') }) });
  return { section: { tables: [sideBySideTable(paths, scenarios, s.through), odds], notes, warnings: [], charts: scenarioCharts(paths, runs) }, inputs };
}

/** One row per series and year, one column per scenario: each scenario's point path. */
function sideBySideTable(paths: readonly ScenarioSeriesPath[], scenarios: Scenario[], through: number): Table {
  const names = [...new Set(paths.map((p) => p.series.series))];
  const rows = names.flatMap((series) => {
    const byYear = new Map<number, Record<string, string | number>>();
    for (const { scenario, series: s, points } of paths) {
      if (s.series !== series) continue;
      for (const p of points) {
        const row = byYear.get(p.year) ?? { series, year: p.year, unit: s.unit };
        row[scenario] = p.value;
        byYear.set(p.year, row);
      }
    }
    return [...byYear.values()].sort((a, b) => Number(a.year) - Number(b.year));
  });
  return {
    name: 'paths',
    title: say('odds.pathsTitle', { through }),
    columns: [
      { key: 'series', header: 'series' },
      { key: 'year', header: 'year', type: 'int' },
      ...scenarios.map((sc) => ({ key: sc.name, header: sc.name, type: 'number' as const, digits: 2 })),
      { key: 'unit', header: 'unit' },
    ],
    rows,
  };
}
