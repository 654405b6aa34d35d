// Charts of named scenarios (`scenario`, and the scenario section of `report`): one per series, each scenario's
// path side by side with the series' targets.
import type { SeriesSimulation } from '../../domain/montecarlo.js';
import type { ScenarioPoint, SeriesAssumptions } from '../../domain/scenario.js';
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
    return { name, title: `${name} by scenario${runs ? ' (point paths and simulated bands)' : ''}`, unit: unit === 'percent' ? '%' : unit, lines, bands, markers };
  });
}
