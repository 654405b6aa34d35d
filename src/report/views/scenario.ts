// Charts and target tables of named scenarios (`scenario`, and the scenario section of `report`): one chart per
// series, each scenario's path side by side with the series' targets; the odds of each target when simulated;
// the report's section of paths side by side and odds.
import { say } from '../../messages.js';
import { requiredCagrPct, requiredStepPerYear } from '../../domain/goal.js';
import type { SeriesSimulation } from '../../domain/montecarlo.js';
import type { Scenario, ScenarioPoint, SeriesAssumptions } from '../../domain/scenario.js';
import type { ScenarioOdds } from '../../app/scenario-odds.js';
import type { Column, Section, Table } from '../model.js';
import type { Chart } from '../series.js';

/** One scenario's series along its point path. */
export interface ScenarioSeriesPath {
  scenario: string;
  series: SeriesAssumptions;
  points: ScenarioPoint[];
}

/**
 * One chart per series: each scenario's point path, and when simulated (`runs`, one per path in the same order)
 * its outer percentile band; the targets of every scenario are markers.
 */
export function scenarioCharts(paths: readonly ScenarioSeriesPath[], runs?: readonly SeriesSimulation[]): Chart[] {
  const names = [...new Set(paths.map((p) => p.series.series))];
  return names.map((name) => {
    const members = paths.filter((p) => p.series.series === name);
    const unit = members[0].series.unit;
    const lines = members.map(({ scenario, points: path }) => {
      const run = runs?.find((x) => x.scenario === scenario && x.series === name);
      const points = run ? run.bands.map((b) => ({ year: b.year, value: b.point })) : path.map((p) => ({ year: p.year, value: p.value }));
      return { label: scenario, role: 'projection' as const, points };
    });
    const bands = (runs ?? [])
      .filter((x) => x.series === name)
      .map((x) => ({ label: `${x.scenario} p${x.percentiles[0]}–p${x.percentiles[x.percentiles.length - 1]}`, points: x.bands.map((b) => ({ year: b.year, lower: b.quantiles[0], upper: b.quantiles[b.quantiles.length - 1] })) }));
    const targets = new Map<string, { year: number; value: number }>();
    for (const { series: s } of members) for (const t of s.targets) targets.set(`${t.year}:${t.value}`, t);
    const markers = [...targets.values()].map((t) => ({ year: t.year, value: t.value, label: `target ${t.year}`, role: 'target' as const }));
    return { name, title: say('scenario.chartTitle', { name, simulated: runs ? 'yes' : 'no' }), unit: unit === 'percent' ? '%' : unit, lines, bands, markers };
  });
}

/** A target's row keys: which scenario and series, its year, value and unit, and its source. */
function targetKeys(scenario: string, s: SeriesAssumptions, t: { year: number; value: number; sourceId?: string }) {
  return { scenario, series: s.series, target_year: t.year, target: t.value, unit: s.unit, source_id: t.sourceId ?? '' };
}

/** A target's row keys with the compound rate and the yearly step it needs from the series' start. */
export function targetBase(scenario: string, s: SeriesAssumptions, t: { year: number; value: number; sourceId?: string }) {
  const current = { year: s.startYear, value: s.start.value };
  const target = { year: t.year, value: t.value };
  return {
    ...targetKeys(scenario, s, t),
    required_cagr_pct: current.value > 0 && target.value >= 0 ? requiredCagrPct(current, target) : null,
    required_step_per_year: requiredStepPerYear(current, target),
  };
}

export const targetColumns = (): Column[] => [
  { key: 'scenario', header: 'scenario' },
  { key: 'series', header: 'series' },
  { key: 'target_year', header: 'year', type: 'int' },
  { key: 'target', header: 'target', type: 'number', digits: 2, unit: 'row' },
  { key: 'unit', header: 'unit' },
];
export const requiredColumns = (): Column[] => [
  { key: 'required_cagr_pct', header: 'needs %/yr from start', type: 'number', digits: 2 },
  { key: 'required_step_per_year', header: 'needs step/yr', type: 'number', digits: 2, unit: 'row' },
];

/**
 * The odds of each simulated target, with the rate and step it needs from the start; `brief` (the report's section)
 * names and titles the table and leaves those two out.
 */
export function simulatedTargetsTable(runs: readonly SeriesSimulation[], scenarios: readonly Scenario[], brief?: { name: string; title: string }): Table {
  const rows = runs.flatMap((r) => {
    const s = scenarios.find((sc) => sc.name === r.scenario)!.series.find((x) => x.series === r.series)!;
    return r.targets.map((t, i) => ({
      ...(brief ? targetKeys(r.scenario, s, s.targets[i]) : targetBase(r.scenario, s, s.targets[i])),
      probability: t.probability,
      standard_error: t.standardError,
      point_met: t.pointMet,
    }));
  });
  return {
    name: brief?.name ?? 'targets',
    title: brief?.title ?? say('scenario.oddsTitle'),
    columns: [...targetColumns(), { key: 'probability', header: 'P(met)', type: 'number', digits: 4 }, { key: 'standard_error', header: '± s.e.', type: 'number', digits: 4 }, { key: 'point_met', header: 'point path meets it' }, ...(brief ? [] : requiredColumns()), { key: 'source_id', header: 'source_id' }],
    rows,
  };
}

/** The scenario section of `report`: the point paths side by side, the odds of each target, and the charts. */
export function scenarioOddsSection(o: ScenarioOdds): Section {
  const { runs, scenarios } = o;
  // The targets table of `scenario --simulate` (the same column keys) without the rates each target needs.
  const odds = simulatedTargetsTable(runs, scenarios, { name: 'odds', title: say('odds.title', { paths: runs[0]?.paths ?? 0, seed: String(runs[0]?.seed ?? '') }) });
  return { tables: [sideBySideTable(o.paths, scenarios, o.through), odds], notes: o.notes, warnings: [], charts: scenarioCharts(o.paths, runs) };
}

/** One row per series and year, one column per scenario: each scenario's point path. */
function sideBySideTable(paths: readonly ScenarioSeriesPath[], scenarios: readonly Scenario[], through: number): Table {
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
