// `goal`'s two answers about a current path, "reaches it in YEAR" and "meets it" (in the target year), agree:
// a property test over random two-decimal goals (fast-check, fixed seed and run count; on a failure it prints the
// seed and the shrunk counterexample), and the edge case where a target lies within 1e-9 of the path's value.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { seriesGoal, type SeriesGoalInput } from '../../src/app/goal.js';

const RUNS = { twoDecimals: { seed: 7_101, numRuns: 1_000 }, nearPath: { seed: 7_102, numRuns: 500 } } as const;
const FROM = 2025;
const LOOK_TO = 2050;

interface Goal {
  percent: boolean;
  current: number;
  target: number;
  targetYear: number;
  /** A compound rate in %/yr, or a linear step per year. */
  path: { rate: number } | { step: number };
}

function run(g: Goal, targetYear = g.targetYear) {
  const input: SeriesGoalInput = {
    current: { year: FROM, value: g.current, percent: g.percent },
    target: { year: targetYear, value: g.target, percent: g.percent },
    ...g.path,
    draw: 'once',
    lookTo: LOOK_TO,
  };
  return seriesGoal(input).path!;
}

/** expect(actual).toBe(expected), called only when they differ: expect costs more than the runs it checks. */
const expectBe = (actual: boolean, expected: boolean) => void (actual === expected || expect(actual).toBe(expected));

/** The two answers agree: checked against the goal itself and against the same goal in the years around it. */
function agree(g: Goal): void {
  const { meetsTarget, yearReached } = run(g);
  // Met in the target year: reached by then.
  if (meetsTarget) expectBe(yearReached !== null && yearReached <= g.targetYear, true);
  // A path that does not fall stays at or above the target once it gets there, so reached by then means met.
  const falls = 'rate' in g.path ? g.path.rate < 0 : g.path.step < 0;
  if (!falls && yearReached !== null && yearReached <= g.targetYear) expectBe(meetsTarget, true);
  if (yearReached === null) {
    expectBe(run(g, LOOK_TO).meetsTarget, false);
  } else {
    // The year reached is the first target year the path meets.
    expectBe(run(g, yearReached).meetsTarget, true);
    if (yearReached > FROM) expectBe(run(g, yearReached - 1).meetsTarget, false);
  }
}

const cents = (min: number, max: number) => fc.integer({ min: Math.round(min * 100), max: Math.round(max * 100) }).map((c) => c / 100);
const path = fc.oneof(cents(-99.99, 100).map((rate) => ({ rate })), cents(-50, 50).map((step) => ({ step })));
const twoDecimalGoal: fc.Arbitrary<Goal> = fc.boolean().chain((percent) =>
  fc.record({
    percent: fc.constant(percent),
    current: percent ? cents(0.01, 100) : cents(0.01, 1000),
    target: percent ? cents(0, 100) : cents(0, 5000),
    targetYear: fc.integer({ min: FROM, max: LOOK_TO }),
    path,
  }),
);

describe('goal: the year a path reaches the target and whether it meets it in the target year', () => {
  it('never contradict each other on random two-decimal values, rates, steps and targets', () => {
    fc.assert(fc.property(twoDecimalGoal, agree), RUNS.twoDecimals);
  });

  it('never contradict each other for targets within a few 1e-9 of a compound path value', () => {
    // target = current · (1 + rate)^(years + ε): a whole year's value moved by a fraction of a year near the tolerance.
    const nearPath = fc.record({
      current: cents(0.01, 1000),
      rate: cents(0.01, 100),
      years: fc.integer({ min: 1, max: 20 }),
      epsilon: fc.double({ min: -2e-8, max: 2e-8, noNaN: true }),
      targetYear: fc.integer({ min: FROM, max: LOOK_TO }),
    });
    fc.assert(
      fc.property(nearPath, ({ current, rate, years, epsilon, targetYear }) =>
        agree({ percent: false, current, target: current * (1 + rate / 100) ** (years + epsilon), targetYear, path: { rate } }),
      ),
      RUNS.nearPath,
    );
  });

  it('40 at 20 %/yr from 2025 with the target 40 · 1.2^(5 + 3e-9) in 2030: met in 2030 and reached in 2030', () => {
    // The path stepped year by year: 40, 48, 57.6, 69.12, 82.944, 99.5328 in 2030.
    // target = 99.5328 · 1.2^(3e-9) = 99.5328 · (1 + 3e-9 · ln 1.2) = 99.5328 · (1 + 5.47e-10) = 99.5328 + 5.44e-8,
    // within the tolerance 1e-9 · 99.5328 = 9.95e-8 of the 2030 value: met in 2030; 82.944 in 2029 is far below,
    // so the first year reached is 2030. (The crossing time rounded up with a 1e-9-year tolerance said 2031.)
    const target = 40 * 1.2 ** (5 + 3e-9);
    const edge = run({ percent: false, current: 40, target, targetYear: 2030, path: { rate: 20 } });
    expect(edge.valueInTargetYear).toBeCloseTo(99.5328, 10);
    expect(edge.meetsTarget).toBe(true);
    expect(edge.yearReached).toBe(2030);
    // Just past the tolerance: 1.2^(1e-8) = 1 + 1.82e-9 > 1 + 1e-9, so not met in 2030; 99.5328 · 1.2 = 119.44 in 2031.
    const past = run({ percent: false, current: 40, target: 40 * 1.2 ** (5 + 1e-8), targetYear: 2030, path: { rate: 20 } });
    expect(past.meetsTarget).toBe(false);
    expect(past.yearReached).toBe(2031);
  });

  it('a path already at or above the target reaches it in the current year, whichever way it moves', () => {
    // 50 ≥ 40 in 2025. Rising at 10 %/yr it stays above (50 · 1.1^5 = 80.53 in 2030, met); falling at 10 %/yr it is
    // 50 · 0.9^5 = 29.52 in 2030, below 40, so not met in 2030 though reached (already) in 2025.
    const rising = run({ percent: false, current: 50, target: 40, targetYear: 2030, path: { rate: 10 } });
    expect([rising.yearReached, rising.meetsTarget]).toEqual([2025, true]);
    const falling = run({ percent: false, current: 50, target: 40, targetYear: 2030, path: { rate: -10 } });
    expect([falling.yearReached, falling.meetsTarget]).toEqual([2025, false]);
  });
});
