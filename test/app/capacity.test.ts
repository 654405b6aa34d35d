// The capacity and self-sufficiency use cases return domain results (paths, figures, targets), not tables:
// their numbers checked by hand against the bundled figures.
import { describe, expect, it } from 'vitest';
import { shareProjection } from '../../src/app/capacity.js';
import { selfSufficiency } from '../../src/app/self-sufficiency.js';
import { loadDatasets } from '../../src/data/datasets.js';

const data = loadDatasets(undefined, ['capacity_share', 'self_sufficiency']);

describe('shareProjection', () => {
  it('one path per TrendForce release, each through its own 2023 and 2027 figures', () => {
    const r = shareProjection(data, { region: 'china', segment: 'mature', methods: ['cagr', 'linear'], through: 2030 });
    expect(r.paths.map((p) => p.sourceId).sort()).toEqual(['trendforce_2023_10', 'trendforce_2023_12']);
    const dec = r.paths.find((p) => p.sourceId === 'trendforce_2023_12')!;
    const cagr = dec.projections[0];
    // 31 · (39/31)^(7/4) in 2030, and 2.0 pp/yr linear: (39 − 31) / 4
    expect(cagr.points.at(-1)).toMatchObject({ year: 2030, status: 'extrapolated' });
    expect(cagr.points.at(-1)!.value).toBeCloseTo(31 * (39 / 31) ** (7 / 4), 10);
    expect(dec.projections[1].segments[0].stepPerYear).toBe(2);
    expect(r.evidence.map((e) => e.map((x) => x.method))).toEqual([
      ['cagr', 'linear'],
      ['cagr', 'linear'],
    ]);
    expect(r.figures.filter((f) => f.source_id === 'trendforce_2023_12').map((f) => [f.year, f.value, f.role])).toEqual([
      [2027, 39, 'anchor'],
      [2023, 31, 'anchor'],
    ]);
    expect(r.notes).toContain('2 sources project separately; they are not averaged. Pick one with --source.');
  });
});

describe('selfSufficiency', () => {
  it('a target from the command line: gap, needed rates and the year each current path reaches it', () => {
    const r = selfSufficiency(data, { scope: 'ic_production_in_china', through: 2040, current: { year: 2025, value: 40 }, extraTargets: [{ year: 2030, value: 100 }] });
    const t = r.targets.find((x) => x.label === 'command line')!;
    expect(t.goal).toMatchObject({ status: 'open', gap: 60, requiredStepPerYear: 12 });
    expect(t.goal.requiredCagrPct).toBeCloseTo((2.5 ** (1 / 5) - 1) * 100, 10);
    // The current path 2010 → 2021 (10.2 → 16.7 %) continued from 40 % in 2025: (16.7 − 10.2) / 11 pp a year.
    expect(r.path!.step).toBeCloseTo(6.5 / 11, 12);
    // 60 pp at 0.59 pp a year takes 102 years: not by 2040.
    expect(t.pathLinearReaches).toBeNull();
    expect(r.targets.find((x) => x.label === 'mic2025_target' && x.year === 2030)!.goal.gap).toBe(30);
    expect(r.currentGiven).toBe(true);
    expect(r.pathBands.map((p) => p.method)).toEqual(['cagr', 'linear']);
    expect(r.pathBands[0].points[0].year).toBe(2026);
  });
});
