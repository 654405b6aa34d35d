import { describe, expect, it } from 'vitest';
import {
  assessGoal,
  deploymentNeeded,
  firstYearReaching,
  requiredCagrPct,
  requiredStepPerYear,
} from '../../src/domain/goal.js';
import { project } from '../../src/domain/projection.js';
import { usageErrorOf } from '../helpers/errors.js';


const y2025 = { year: 2025, value: 40 };
const y2030 = { year: 2030, value: 100 };

describe('assessGoal', () => {
  it('40 % in 2025 → 100 % in 2030 needs 20.11 %/yr or 12 pp/yr', () => {
    const g = assessGoal({ current: y2025, target: y2030 });
    // RRI(5, 40, 100) = 2.5^(1/5) − 1 = 0.2011244; (100 − 40) / 5 = 12
    expect(g.requiredCagrPct! / 100).toBeCloseTo(0.20112443398143132, 12);
    expect(g.requiredStepPerYear).toBe(12);
    expect(g.gap).toBe(60);
    expect(g.gapPct).toBe(150); // 60 / 40
    expect(g.status).toBe('open');
    expect(g.years).toBe(5);
    expect(g.direction).toBe('atLeast');
  });

  it('a target already met needs 0 growth, not a negative rate', () => {
    const g = assessGoal({ current: { year: 2025, value: 45 }, target: { year: 2030, value: 40 } });
    expect(g.status).toBe('met');
    expect(g.requiredCagrPct).toBe(0);
    expect(g.requiredStepPerYear).toBe(0);
    expect(g.gap).toBe(-5);
    expect(g.gapPct).toBeCloseTo(-100 / 9, 12); // −5 / 45 = −11.11 %
  });

  it('a met target is met even when its year has passed or the current value is 0', () => {
    expect(assessGoal({ current: { year: 2025, value: 80 }, target: { year: 2020, value: 70 } }).status).toBe('met');
    const zero = assessGoal({ current: { year: 2025, value: 0 }, target: { year: 2030, value: 0 } });
    expect(zero).toMatchObject({ status: 'met', requiredCagrPct: 0, gapPct: null });
  });

  it('an atMost goal not yet met needs a decline: 50 → 40 in 5 years is 0.8^(1/5) − 1 = −4.365 %/yr', () => {
    const g = assessGoal({ current: { year: 2025, value: 50 }, target: { year: 2030, value: 40 }, direction: 'atMost' });
    expect(g.status).toBe('open');
    expect(g.requiredCagrPct! / 100).toBeCloseTo(0.8 ** 0.2 - 1, 12);
    expect(g.requiredStepPerYear).toBe(-2);
    const met = assessGoal({ current: { year: 2025, value: 30 }, target: { year: 2030, value: 40 }, direction: 'atMost' });
    expect(met).toMatchObject({ status: 'met', requiredCagrPct: 0, requiredStepPerYear: 0 });
  });

  it('an unmet target whose year has come is overdue, with no required rate', () => {
    const g = assessGoal({ current: { year: 2025, value: 40 }, target: { year: 2025, value: 70 } });
    expect(g).toMatchObject({ status: 'overdue', requiredCagrPct: null, requiredStepPerYear: null, gap: 30 });
    expect(assessGoal({ current: y2025, target: { year: 2020, value: 70 } }).status).toBe('overdue');
  });

  it('a zero current value cannot compound: usage error naming why', () => {
    const e = usageErrorOf(() => assessGoal({ current: { year: 2025, value: 0 }, target: y2030 }));
    expect(e.message).toMatch(/compound rate needs a positive current value: 0 in 2025 stays 0/);
    expect(e.message).toMatch(/linear/);
    // the linear step is still available on its own
    expect(requiredStepPerYear({ year: 2025, value: 0 }, y2030)).toBe(20);
  });

  it('needs a finite rate for ratios beyond the range of doubles, and −100 % to reach 0', () => {
    // 1e300 / 1e-300 overflows; the rate is 1e600^(1/2) − 1 = 1e300 a year = 1e302 %/yr
    expect(requiredCagrPct({ year: 2025, value: 1e-300 }, { year: 2027, value: 1e300 }) / 1e302).toBeCloseTo(1, 12);
    expect(requiredCagrPct({ year: 2025, value: 40 }, { year: 2030, value: 0 })).toBe(-100);
    expect(usageErrorOf(() => requiredCagrPct({ year: 2025, value: 1e-300 }, { year: 2026, value: 1e300 })).message).toMatch(/too large to represent/);
  });

  it('rejects bad input', () => {
    expect(usageErrorOf(() => requiredCagrPct(y2030, y2025)).message).toMatch(/must be after the current year/);
    expect(usageErrorOf(() => assessGoal({ current: { year: 2025.5, value: 1 }, target: y2030 })).message).toMatch(/whole year/);
    expect(usageErrorOf(() => assessGoal({ current: y2025, target: { year: 2030, value: Infinity } })).message).toMatch(/finite/);
    expect(usageErrorOf(() => assessGoal({ current: y2025, target: y2030, direction: 'up' as 'atLeast' })).message).toMatch(/atLeast or atMost/);
  });
});

describe('when a path reaches a target', () => {
  it('on projection points: the cagr 29 → 39 path reaches 50 % in 2031 (7.35 years after 2023)', () => {
    // ln(50/29) / ln((39/29)^(1/4)) = 0.544727 / 0.074066 = 7.3546 → 2023 + 8
    const p = project({ method: 'cagr', anchors: [{ year: 2023, value: 29 }, { year: 2027, value: 39 }], through: 2040, isShare: true });
    expect(firstYearReaching(p.points, 50)).toBe(2031);
    // 100 %: ln(100/29)/0.074066 = 16.71 years → 2040 (2039: 94.86; 2040: 102.15, held at 100)
    expect(firstYearReaching(p.points, 100)).toBe(2040);
    expect(firstYearReaching(p.points.filter((x) => x.year < 2040), 100)).toBeNull();
  });

  it('a clamped path reaches 100 % in the year it is held there', () => {
    const p = project({ method: 'cagr', anchors: [{ year: 2020, value: 50 }, { year: 2021, value: 60 }], through: 2030, isShare: true });
    expect(firstYearReaching(p.points, 100)).toBe(2024);
    const short = project({ method: 'cagr', anchors: [{ year: 2020, value: 50 }, { year: 2021, value: 60 }], through: 2023, isShare: true });
    expect(firstYearReaching(short.points, 100)).toBeNull();
  });

  it('honours fromYear and atMost', () => {
    const points = [
      { year: 2020, value: 60 },
      { year: 2021, value: 50 },
      { year: 2022, value: 40 },
    ];
    expect(firstYearReaching(points, 55)).toBe(2020);
    expect(firstYearReaching(points, 55, { fromYear: 2021 })).toBeNull();
    expect(firstYearReaching(points, 45, { direction: 'atMost' })).toBe(2022);
  });
});

describe('deploymentNeeded', () => {
  it('a constant amount per year: 344 over 2025–2034 is 34.4 a year; less what is already deployed', () => {
    expect(deploymentNeeded({ total: 344, startYear: 2025, endYear: 2034 })).toMatchObject({ years: 10, remaining: 344, constantPerYear: 34.4, met: false });
    expect(deploymentNeeded({ total: 344, deployed: 44, startYear: 2025, endYear: 2034 }).constantPerYear).toBe(30);
  });

  it('a total already deployed needs nothing', () => {
    const plan = deploymentNeeded({ total: 100, deployed: 120, startYear: 2025, endYear: 2029, firstYearAmount: 10 });
    expect(plan).toMatchObject({ remaining: 0, met: true, constantPerYear: 0 });
    expect(plan.growing).toMatchObject({ growthPct: 0, metWithoutGrowth: true });
  });

  it('amounts growing 10 %/yr: the first year is 344 / ((1.1^10 − 1)/0.1) = 344 / 15.9374 = 21.584', () => {
    const plan = deploymentNeeded({ total: 344, startYear: 2025, endYear: 2034, growthPct: 10 });
    expect(plan.growing!.firstYearAmount).toBeCloseTo(21.58441583958396, 10);
    expect(plan.growing!.schedule).toHaveLength(10);
    expect(plan.growing!.schedule[1].amount).toBeCloseTo(21.58441583958396 * 1.1, 10);
    expect(plan.growing!.schedule.reduce((s, x) => s + x.amount, 0)).toBeCloseTo(344, 9);
  });

  it('growth 0 spreads evenly', () => {
    const plan = deploymentNeeded({ total: 100, startYear: 2025, endYear: 2028, growthPct: 0 });
    expect(plan.growing!.schedule.map((x) => x.amount)).toEqual([25, 25, 25, 25]);
  });

  it('from a first-year amount of 20: the growth that sums to 344 in 10 years', () => {
    const plan = deploymentNeeded({ total: 344, startYear: 2025, endYear: 2034, firstYearAmount: 20 });
    const g = plan.growing!.growthPct / 100;
    // check against the definition: 20 · ((1+g)^10 − 1)/g = 344
    expect((20 * ((1 + g) ** 10 - 1)) / g).toBeCloseTo(344, 8);
    expect(g).toBeGreaterThan(0.11);
    expect(g).toBeLessThan(0.12);
    expect(plan.growing!.metWithoutGrowth).toBe(false);
  });

  it('a first-year amount that already suffices flat needs 0 growth, not a decline', () => {
    const plan = deploymentNeeded({ total: 344, startYear: 2025, endYear: 2034, firstYearAmount: 40 });
    expect(plan.growing).toMatchObject({ growthPct: 0, metWithoutGrowth: true });
  });

  it('rejects impossible requests', () => {
    expect(usageErrorOf(() => deploymentNeeded({ total: 10, startYear: 2030, endYear: 2025 })).message).toMatch(/start ≤ end/);
    expect(usageErrorOf(() => deploymentNeeded({ total: -1, startYear: 2025, endYear: 2030 })).message).toMatch(/≥ 0/);
    expect(usageErrorOf(() => deploymentNeeded({ total: 10, startYear: 2025, endYear: 2030, growthPct: 5, firstYearAmount: 1 })).message).toMatch(/not both/);
    expect(usageErrorOf(() => deploymentNeeded({ total: 10, startYear: 2025, endYear: 2025, firstYearAmount: 1 })).message).toMatch(/at least two years/);
    expect(usageErrorOf(() => deploymentNeeded({ total: 10, startYear: 2025, endYear: 2030, firstYearAmount: 0 })).message).toMatch(/positive/);
  });
});
