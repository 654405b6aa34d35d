// The use cases moved out of the commands (project, goal, shares, scenario), called with typed inputs as the
// commands call them; numbers checked against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { fundGoal, seriesGoal } from '../../src/app/goal.js';
import { projectUseCase } from '../../src/app/project.js';
import { scenarioUseCase } from '../../src/app/scenario.js';
import { sharesUseCase } from '../../src/app/shares.js';

const pct = (year: number, value: number) => ({ year, value, percent: true });

describe('projectUseCase', () => {
  it('ends in 2030 by default and finds the year each path reaches a target past it', () => {
    const r = projectUseCase({ anchors: [pct(2023, 29), pct(2027, 39)], methods: ['cagr', 'linear'], target: { year: 2035, value: 60 } });
    expect(r.through).toBe(2030);
    expect(r.projections[0].points.at(-1)!.year).toBe(2030);
    // cagr: 29·(39/29)^(t/4) = 60 ⇔ t = 4·ln(60/29)/ln(39/29) = 9.82 → 2033; linear: 29 + 2.5t = 60 ⇔ t = 12.4 → 2036
    expect(r.target!.reached).toEqual([
      { method: 'cagr', year: 2033 },
      { method: 'linear', year: 2036 },
    ]);
    expect(r.target!.lookTo).toBe(2055);
    expect(projectUseCase({ anchors: [pct(2023, 29), pct(2027, 39)], methods: ['linear'], target: { year: 2035, value: 60 }, lookTo: 2035 }).target!.reached[0].year).toBeNull();
  });

  it('refuses logistic without a cap for values that are not shares', () => {
    expect(() => projectUseCase({ anchors: [{ year: 2020, value: 5, percent: false }, { year: 2024, value: 9, percent: false }], methods: ['logistic'] })).toThrow(/--method logistic needs --cap/);
  });
});

describe('goal use cases', () => {
  it('a compound current path: 40 · 1.15^t = 100 ⇔ t = ln 2.5 / ln 1.15 = 6.56, so 2032; looked to 2050', () => {
    const r = seriesGoal({ current: pct(2025, 40), target: pct(2030, 100), rate: 15, draw: 'once' });
    expect(r.assessed.requiredCagrPct!).toBeCloseTo((2.5 ** (1 / 5) - 1) * 100, 10);
    expect(r.path!.yearReached).toBe(2032);
    expect(r.path!.lookTo).toBe(2050);
    expect(r.path!.valueInTargetYear!).toBeCloseTo(40 * 1.15 ** 5, 10);
  });

  it('a fund: (344 − 164) / 10 = 18 a year, the running total ends at 344', () => {
    const { plan, schedule } = fundGoal({ total: 344, deployed: 164, startYear: 2025, endYear: 2034 });
    expect(plan.constantPerYear).toBe(18);
    expect(schedule.map((y) => y.year)).toEqual([2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034]);
    expect(schedule.at(-1)!.cumulativeConstant).toBeCloseTo(344, 10);
    expect(schedule[0].growing).toBeUndefined();
  });
});

describe('sharesUseCase', () => {
  it("foundry shares add up to 100 every year through 2030, from the source it picked", () => {
    const r = sharesUseCase(undefined, { segment: 'foundry', method: 'cagr' });
    expect(r.sourcePicked).toBe(true);
    const years = r.shares.independentTotals.map((t) => t.year);
    expect(years.at(-1)).toBe(2030);
    years.forEach((_, i) => expect(r.shares.regions.reduce((s, x) => s + x.points[i].value, 0)).toBeCloseTo(100, 9));
  });
});

describe('scenarioUseCase', () => {
  it('point paths through --through; every target searched to the same --look-to', () => {
    const r = scenarioUseCase({ names: ['base'], sets: [], through: 2028, lookTo: 2040 });
    expect(r.paths.every((p) => p.points.at(-1)!.year === 2028)).toBe(true);
    expect(r.lookTo).toBe(2040);
    expect(r.targets.length).toBeGreaterThan(0);
    expect(r.targets.every((t) => t.yearReached === null || t.yearReached <= 2040)).toBe(true);
  });
});
