// Goal seeking: the gap to a target, the compound and linear growth it needs, when a path reaches it, and the
// yearly deployment a fund total needs. Pure; the decisions are in docs/module-notes.md.
import { usageError } from '../errors.js';
import { say } from '../messages.js';
import { compoundRatePct, type Anchor } from './projection.js';

export type GoalDirection = 'atLeast' | 'atMost';
export type GoalStatus = 'met' | 'open' | 'overdue';

export interface GoalRequest {
  current: Anchor;
  target: Anchor;
  direction?: GoalDirection;
}

export interface GoalAssessment {
  current: Anchor;
  target: Anchor;
  direction: GoalDirection;
  /** target.year − current.year (may be 0 or negative for an overdue or same-year goal). */
  years: number;
  status: GoalStatus;
  /** target − current in the value's units (percentage points for shares). */
  gap: number;
  /** The gap relative to the current value, in percent; null when the current value is 0. */
  gapPct: number | null;
  /** Compound rate in percent per year that meets the target on time: 0 when met, null when overdue. */
  requiredCagrPct: number | null;
  /** Constant step per year that meets the target on time: 0 when met, null when overdue. */
  requiredStepPerYear: number | null;
}

/** Tolerance for "the value has reached the target" (relative to the target's size). */
const REACH_TOLERANCE = 1e-9;

/**
 * The gap to a target and the compound rate and linear step that meet it by its year.
 * @example
 * assessGoal({ current: { year: 2025, value: 40 }, target: { year: 2030, value: 100 } })
 * // requiredCagrPct 20.112 (2.5^(1/5) − 1), requiredStepPerYear 12, gap 60, gapPct 150
 */
export function assessGoal(request: GoalRequest): GoalAssessment {
  const { current, target } = request;
  const direction = request.direction ?? 'atLeast';
  checkPoint('current', current);
  checkPoint('target', target);
  checkDirection(direction);
  const years = target.year - current.year;
  const gap = target.value - current.value;
  const gapPct = current.value === 0 ? null : (gap / Math.abs(current.value)) * 100;
  const base = { current: { ...current }, target: { ...target }, direction, years, gap, gapPct };

  if (isMet(current.value, target.value, direction)) {
    return { ...base, status: 'met', requiredCagrPct: 0, requiredStepPerYear: 0 };
  }
  if (years <= 0) {
    return { ...base, status: 'overdue', requiredCagrPct: null, requiredStepPerYear: null };
  }
  return {
    ...base,
    status: 'open',
    requiredCagrPct: requiredCagrPct(current, target),
    requiredStepPerYear: requiredStepPerYear(current, target),
  };
}

/**
 * Compound rate in percent per year from `current` to `target` (spreadsheet RRI × 100).
 * Throws a usage error when the current value is not positive (compounding 0 stays 0) or the years are not positive.
 * @example requiredCagrPct({ year: 2025, value: 40 }, { year: 2030, value: 100 }) // 20.1124...
 */
export function requiredCagrPct(current: Anchor, target: Anchor): number {
  const years = checkedYears(current, target);
  if (!(current.value > 0)) {
    throw usageError(say('error.goalCagrPositive', { value: current.value, year: current.year }));
  }
  if (target.value < 0) {
    throw usageError(say('error.goalNegativeTarget', { value: target.value, year: target.year }));
  }
  // Reaching 0 takes a fall of 100 %; any other target, the compound rate in logs (finite for extreme ratios).
  return target.value === 0 ? -100 : compoundRatePct(current.value, target.value, years);
}

/** Constant step per year from `current` to `target`. @example requiredStepPerYear({year:2025,value:40},{year:2030,value:100}) // 12 */
export function requiredStepPerYear(current: Anchor, target: Anchor): number {
  const years = checkedYears(current, target);
  return (target.value - current.value) / years;
}

export interface ReachOptions {
  direction?: GoalDirection;
  /** Ignore points before this year (e.g. the current year when the path also runs back in time). */
  fromYear?: number;
}

/**
 * The first year a path of yearly points reaches the target, or null when it does not within its last year.
 * Works on any projection's points (they are sampled yearly from monotone segments, so the first whole year at or
 * past the target is the continuous crossing time rounded up).
 */
export function firstYearReaching(
  points: readonly { year: number; value: number }[],
  target: number,
  options: ReachOptions = {},
): number | null {
  const direction = options.direction ?? 'atLeast';
  checkDirection(direction);
  if (!Number.isFinite(target)) throw usageError(`the target must be a finite number; got ${target}`);
  const ordered = [...points].sort((a, b) => a.year - b.year);
  for (const p of ordered) {
    if (options.fromYear !== undefined && p.year < options.fromYear) continue;
    if (isMet(p.value, target, direction)) return p.year;
  }
  return null;
}

// --- funds ------------------------------------------------------------------------------------------------------

export interface DeploymentRequest {
  /** The total to be deployed (e.g. a fund's size, in billions). */
  total: number;
  /** Already deployed before startYear; default 0. */
  deployed?: number;
  /** First and last deployment years, both included. */
  startYear: number;
  endYear: number;
  /** Yearly amounts grow at this rate (percent per year): gives the first year's amount and the schedule. */
  growthPct?: number;
  /** The first year's amount: gives the compound growth of yearly amounts the total needs. */
  firstYearAmount?: number;
}

export interface DeploymentPlan {
  total: number;
  deployed: number;
  /** total − deployed, never below 0. */
  remaining: number;
  /** Number of deployment years (endYear − startYear + 1). */
  years: number;
  /** True when nothing remains to deploy. */
  met: boolean;
  /** The same amount every year. */
  constantPerYear: number;
  /** Present when growthPct or firstYearAmount was given. */
  growing?: {
    growthPct: number;
    firstYearAmount: number;
    /** True when a constant firstYearAmount already reaches the total, so no growth is needed (growthPct 0). */
    metWithoutGrowth: boolean;
    schedule: { year: number; amount: number }[];
  };
}

/**
 * The yearly deployment a target total needs: a constant amount per year, and, when asked, amounts growing at a
 * compound rate (given the rate: the first year's amount; given the first year's amount: the rate).
 * A total already deployed needs 0 per year. Needed growth is never negative: when a constant first-year amount
 * already reaches the total, the required growth is 0 (metWithoutGrowth).
 * @example deploymentNeeded({ total: 344, startYear: 2025, endYear: 2034 }).constantPerYear // 34.4
 */
export function deploymentNeeded(request: DeploymentRequest): DeploymentPlan {
  const { total, startYear, endYear } = request;
  const deployed = request.deployed ?? 0;
  if (!Number.isFinite(total) || total < 0) throw usageError(say('error.fundTotal', { total }));
  if (!Number.isFinite(deployed) || deployed < 0) throw usageError(say('error.fundDeployed', { deployed }));
  if (!Number.isInteger(startYear) || !Number.isInteger(endYear) || endYear < startYear) {
    throw usageError(say('error.fundYears', { from: startYear, to: endYear }));
  }
  if (request.growthPct !== undefined && request.firstYearAmount !== undefined) {
    throw usageError(say('error.fundGrowthOrFirst'));
  }
  const years = endYear - startYear + 1;
  const remaining = Math.max(0, total - deployed);
  const plan: DeploymentPlan = {
    total,
    deployed,
    remaining,
    years,
    met: remaining === 0,
    constantPerYear: remaining / years,
  };
  if (request.growthPct !== undefined) {
    const g = request.growthPct;
    if (!Number.isFinite(g) || !(g > -100)) throw usageError(say('error.fundGrowth', { growth: g }));
    const first = remaining / geometricSum(g / 100, years);
    plan.growing = { growthPct: g, firstYearAmount: first, metWithoutGrowth: false, schedule: schedule(first, g / 100, startYear, years) };
  } else if (request.firstYearAmount !== undefined) {
    const first = request.firstYearAmount;
    if (!Number.isFinite(first) || !(first > 0)) throw usageError(say('error.fundFirst', { first }));
    const flatEnough = first * years >= remaining * (1 - REACH_TOLERANCE);
    const rate = flatEnough ? 0 : solveGrowth(first, remaining, years);
    plan.growing = {
      growthPct: rate * 100,
      firstYearAmount: first,
      metWithoutGrowth: flatEnough,
      schedule: schedule(first, rate, startYear, years),
    };
  }
  return plan;
}

/** 1 + (1+g) + … + (1+g)^(n−1). */
function geometricSum(g: number, n: number): number {
  if (Math.abs(g) < 1e-12) return n;
  return (Math.pow(1 + g, n) - 1) / g;
}

function schedule(first: number, g: number, startYear: number, years: number): { year: number; amount: number }[] {
  return Array.from({ length: years }, (_, i) => ({ year: startYear + i, amount: first * Math.pow(1 + g, i) }));
}

/** The growth g > 0 with first · Σ(1+g)^i = remaining (n ≥ 2, first · n < remaining), by bisection. */
function solveGrowth(first: number, remaining: number, years: number): number {
  if (years < 2) {
    throw usageError(say('error.fundSingleYear', { first, remaining }));
  }
  // The last term alone must not exceed the remainder, so (remaining/first)^(1/(n−1)) − 1 bounds g from above.
  let lo = 0;
  let hi = Math.pow(remaining / first, 1 / (years - 1)) - 1;
  if (!Number.isFinite(hi)) throw usageError(say('error.fundGrowthTooLarge', { first, remaining }));
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (first * geometricSum(mid, years) < remaining) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

// --- helpers ----------------------------------------------------------------------------------------------------

/**
 * Whether a value has reached a target: at or past it, within REACH_TOLERANCE of the target's size. The one
 * definition of "reached" behind a goal's status, firstYearReaching and "met in the target year".
 */
export function isMet(value: number, target: number, direction: GoalDirection): boolean {
  const slack = REACH_TOLERANCE * Math.max(1, Math.abs(target));
  return direction === 'atLeast' ? value >= target - slack : value <= target + slack;
}

function checkPoint(name: string, p: Anchor): void {
  if (!p || !Number.isInteger(p.year)) throw usageError(`the ${name} year must be a whole year; got ${p?.year}`);
  if (!Number.isFinite(p.value)) throw usageError(`the ${name} value must be a finite number; got ${p.value}`);
}

function checkDirection(direction: string): void {
  if (direction !== 'atLeast' && direction !== 'atMost') {
    throw usageError(`a goal direction must be atLeast or atMost; got "${direction}"`);
  }
}

function checkedYears(current: Anchor, target: Anchor): number {
  checkPoint('current', current);
  checkPoint('target', target);
  const years = target.year - current.year;
  if (years <= 0) {
    throw usageError(say('error.targetAfterCurrent', { target: target.year, current: current.year }));
  }
  return years;
}
