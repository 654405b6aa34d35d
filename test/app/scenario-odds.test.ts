// The scenario section of `report` against `scenario --simulate` with the same paths and seed: the report's note
// promises the same odds, and both draw their charts through the one scenario chart view.
import { describe, expect, it } from 'vitest';
import { scenarioUseCase } from '../../src/app/scenario.js';
import { scenarioOddsUseCase } from '../../src/app/scenario-odds.js';
import { bundledDataDir } from '../../src/data/datasets.js';
import { DEFAULT_PERCENTILES } from '../../src/domain/montecarlo.js';
import { scenarioOddsSection } from '../../src/report/views/scenario.js';

describe('scenarioOddsUseCase', () => {
  const settings = { paths: 400, seed: 7, through: 2030 };
  const section = scenarioOddsSection(scenarioOddsUseCase(bundledDataDir(), settings).result);
  const command = scenarioUseCase({ names: [], sets: [], through: 2030, simulation: { paths: 400, seed: 7, percentiles: [...DEFAULT_PERCENTILES] } });

  it('gives the odds scenario --simulate gives for every target, in the same order', () => {
    const odds = section.tables.find((t) => t.name === 'odds')!;
    const expected = command.runs!.flatMap((r) => r.targets.map((t) => [r.scenario, r.series, t.year, t.probability, t.standardError]));
    expect(odds.rows.map((r) => [r.scenario, r.series, r.target_year, r.probability, r.standard_error])).toEqual(expected);
    expect(odds.columns.map((c) => c.key)).toEqual(['scenario', 'series', 'target_year', 'target', 'unit', 'probability', 'standard_error', 'point_met', 'source_id']);
  });

  it("draws one chart per series, each scenario's simulated point path and p5–p95 band, every target a marker", () => {
    expect(section.charts.map((c) => c.name)).toEqual(['mature_share', 'china_wpm', 'fund_deployment', 'self_sufficiency']);
    const mature = section.charts[0];
    expect(mature.unit).toBe('%');
    expect(mature.lines.map((l) => l.label)).toEqual(['bear', 'base', 'bull']);
    expect(mature.bands.map((b) => b.label)).toEqual(['bear p5–p95', 'base p5–p95', 'bull p5–p95']);
    const base = command.runs!.find((r) => r.scenario === 'base' && r.series === 'mature_share')!;
    expect(mature.lines[1].points).toEqual(base.bands.map((b) => ({ year: b.year, value: b.point })));
    // The 2027 target is TrendForce's figure for each scenario (one marker), the 2030 one 50 %.
    expect(mature.markers.map((m) => m.label)).toEqual(['target 2027', 'target 2030']);
    expect(mature.markers[1].value).toBe(50);
  });
});
