// The scenario section of `semicap report`: the named scenarios' point paths side by side and, from a seeded
// Monte Carlo run, the odds of each target — the numbers `semicap scenario --simulate PATHS --seed SEED` gives.
import { existsSync } from 'node:fs';
import { bundledDataDir } from '../data/datasets.js';
import { loadScenariosWithData, scenariosPath } from '../data/scenarios.js';
import { simulateScenarios, type SeriesSimulation } from '../domain/montecarlo.js';
import { scenarioPath, type Scenario } from '../domain/scenario.js';
import type { Table } from '../report/model.js';
import type { Chart } from '../report/series.js';
import type { Section } from '../report/model.js';

export interface ScenarioOddsSettings {
  /** Simulated paths per series. */
  paths: number;
  seed: number;
  /** Last year of the paths (targets later than this are still simulated to their year). */
  through: number;
}

/** Reads the folder's scenarios.csv (the bundled one when the folder has none) and simulates every series. */
export function scenarioOddsUseCase(dir: string, s: ScenarioOddsSettings): { section: Section; inputs: string[] } {
  const own = scenariosPath(dir);
  const path = existsSync(own) ? own : scenariosPath(bundledDataDir());
  const { scenarios, inputs } = loadScenariosWithData(path, dir);
  const runs = simulateScenarios(scenarios, { paths: s.paths, seed: s.seed, through: s.through });
  const notes = [
    ...(path === own ? [] : [`${dir} has no scenarios.csv; the bundled scenarios are used`]),
    ...scenarios.filter((sc) => sc.note !== '').map((sc) => `${sc.name}: ${sc.note}`),
    `seed ${s.seed}, ${s.paths} paths per series: \`semicap scenario --simulate ${s.paths} --seed ${s.seed}\` gives the same odds`,
    'P(met): share of simulated paths at or above the target in its year; ± s.e. is its binomial standard error; series are simulated independently',
  ];
  return { section: { tables: [sideBySideTable(scenarios, s.through), oddsTable(runs, scenarios)], notes, warnings: [], charts: oddsCharts(scenarios, runs) }, inputs };
}

/** One row per series and year, one column per scenario: each scenario's point path. */
function sideBySideTable(scenarios: Scenario[], through: number): Table {
  const names = [...new Set(scenarios.flatMap((sc) => sc.series.map((s) => s.series)))];
  const rows = names.flatMap((series) => {
    const byYear = new Map<number, Record<string, string | number>>();
    for (const sc of scenarios) {
      const s = sc.series.find((x) => x.series === series);
      if (s === undefined) continue;
      for (const p of scenarioPath(s, Math.max(through, s.startYear))) {
        const row = byYear.get(p.year) ?? { series, year: p.year, unit: s.unit };
        row[sc.name] = p.value;
        byYear.set(p.year, row);
      }
    }
    return [...byYear.values()].sort((a, b) => Number(a.year) - Number(b.year));
  });
  return {
    name: 'paths',
    title: `Scenarios side by side: point paths through ${through}`,
    columns: [
      { key: 'series', header: 'series' },
      { key: 'year', header: 'year', type: 'int' },
      ...scenarios.map((sc) => ({ key: sc.name, header: sc.name, type: 'number' as const, digits: 2 })),
      { key: 'unit', header: 'unit' },
    ],
    rows,
  };
}

/** The odds of each target, with the same column keys as `scenario --simulate`'s targets table. */
function oddsTable(runs: SeriesSimulation[], scenarios: Scenario[]): Table {
  const rows = runs.flatMap((r) => {
    const s = scenarios.find((sc) => sc.name === r.scenario)?.series.find((x) => x.series === r.series);
    return r.targets.map((t, i) => ({
      scenario: r.scenario,
      series: r.series,
      target_year: t.year,
      target: t.value,
      unit: r.unit,
      probability: t.probability,
      standard_error: t.standardError,
      point_met: t.pointMet,
      source_id: s?.targets[i]?.sourceId ?? '',
    }));
  });
  return {
    name: 'odds',
    title: `Targets: probability of being met in their year (${runs[0]?.paths ?? 0} simulated paths, seed ${runs[0]?.seed ?? ''})`,
    columns: [
      { key: 'scenario', header: 'scenario' },
      { key: 'series', header: 'series' },
      { key: 'target_year', header: 'year', type: 'int' },
      { key: 'target', header: 'target', type: 'number', digits: 2 },
      { key: 'unit', header: 'unit' },
      { key: 'probability', header: 'P(met)', type: 'number', digits: 4 },
      { key: 'standard_error', header: '± s.e.', type: 'number', digits: 4 },
      { key: 'point_met', header: 'point path meets it' },
      { key: 'source_id', header: 'source_id' },
    ],
    rows,
  };
}

/** One chart per series: each scenario's point path, its outer simulated band, and the targets. */
function oddsCharts(scenarios: Scenario[], runs: SeriesSimulation[]): Chart[] {
  const names = [...new Set(runs.map((r) => r.series))];
  return names.map((name) => {
    const own = runs.filter((r) => r.series === name);
    const lines = own.map((r) => ({ label: r.scenario, role: 'projection' as const, points: r.bands.map((b) => ({ year: b.year, value: b.point })) }));
    const bands = own.map((r) => ({
      label: `${r.scenario} p${r.percentiles[0]}–p${r.percentiles[r.percentiles.length - 1]}`,
      points: r.bands.map((b) => ({ year: b.year, lower: b.quantiles[0], upper: b.quantiles[b.quantiles.length - 1] })),
    }));
    const targets = new Map<string, { year: number; value: number }>();
    for (const sc of scenarios) for (const s of sc.series) if (s.series === name) for (const t of s.targets) targets.set(`${t.year}:${t.value}`, t);
    const markers = [...targets.values()].map((t) => ({ year: t.year, value: t.value, label: `target ${t.year}`, role: 'target' as const }));
    const unit = own[0].unit;
    return { name, title: `${name} by scenario (point paths and simulated bands)`, unit: unit === 'percent' ? '%' : unit, lines, bands, markers };
  });
}
