// Scenarios: named sets of assumptions (bear, base, bull) per series, each a point value with an optional
// distribution for Monte Carlo; the point path steps through projection.ts. Pure (reading: src/data/scenarios.ts).
import { usageError } from '../errors.js';
import { say } from '../messages.js';
import { ratePath, type RatePoint } from './projection.js';

export const SCENARIO_METHODS = ['cagr', 'linear', 'logistic'] as const;
export type ScenarioMethod = (typeof SCENARIO_METHODS)[number];

export const DISTRIBUTIONS = ['fixed', 'normal', 'triangular', 'uniform'] as const;
export type DistributionName = (typeof DISTRIBUTIONS)[number];

export const DRAWS = ['once', 'yearly'] as const;
export type DrawMode = (typeof DRAWS)[number];

/** The numeric assumptions a series may have (besides targets and the method). */
export const NUMERIC_ASSUMPTIONS = ['start', 'growth_pct', 'step', 'cap', 'floor'] as const;
export type NumericAssumption = (typeof NUMERIC_ASSUMPTIONS)[number];

/** Every assumption name a scenario file may use. */
export const ASSUMPTIONS = ['start', 'method', 'growth_pct', 'step', 'cap', 'floor', 'target'] as const;
export type AssumptionName = (typeof ASSUMPTIONS)[number];

export type Distribution =
  | { kind: 'fixed' }
  | { kind: 'normal'; sd: number }
  | { kind: 'triangular'; min: number; max: number }
  | { kind: 'uniform'; min: number; max: number };

/** A value with its uncertainty: `value` is the point (normal mean, triangular mode, uniform's stated value). */
export interface Uncertain {
  value: number;
  dist: Distribution;
  draw: DrawMode;
  /** Provenance of this assumption (a row of sources.csv) and what it stands for. */
  sourceId?: string;
  note?: string;
  /** Where the value was read when the file referred to a bundled figure (e.g. `capacity_share.csv line 21`). */
  from?: string;
}

export interface Target {
  year: number;
  value: number;
  note?: string;
  sourceId?: string;
  from?: string;
}

export interface SeriesAssumptions {
  /** Series name, e.g. mature_share. */
  series: string;
  /** Unit: `percent` makes it a share bounded 0–100. */
  unit: string;
  method: ScenarioMethod;
  startYear: number;
  start: Uncertain;
  /** Compound growth in percent per year (cagr, logistic). */
  growth?: Uncertain;
  /** Step per year in the value's unit (linear). */
  step?: Uncertain;
  /** Upper bound: the logistic saturation level, a hard ceiling for cagr and linear. */
  cap?: Uncertain;
  /** Lower bound (shares: 0 by default). */
  floor?: number;
  targets: Target[];
  /** Notes of the method row and other text worth showing. */
  notes: string[];
}

export interface Scenario {
  name: string;
  /** What the case stands for, in a sentence. */
  note: string;
  series: SeriesAssumptions[];
}

/** The point path of a series: one value per year from its start year through `through`. */
export type ScenarioPoint = RatePoint;

export const isShare = (s: Pick<SeriesAssumptions, 'unit'>): boolean => s.unit === 'percent';

/** The bounds a series' values are held within: shares 0–100 unless tighter; others floor (if any) to cap (if any). */
export function seriesBounds(s: SeriesAssumptions, capValue: number | undefined = s.cap?.value): { floor: number; cap: number } {
  const share = isShare(s);
  const floor = s.floor ?? (share || s.method === 'logistic' ? 0 : -Number.MAX_VALUE);
  const cap = capValue !== undefined ? (share ? Math.min(100, capValue) : capValue) : share ? 100 : Number.MAX_VALUE;
  return { floor, cap };
}

/** The rate a series' step uses (growth fraction, or step), from its point values. */
export function pointRate(s: SeriesAssumptions): number {
  return s.method === 'linear' ? (s.step?.value ?? 0) : (s.growth?.value ?? 0) / 100;
}

/**
 * The point path of a series from its start year through `through` (every assumption at its point value).
 * @example scenarioPath(base.series[0], 2030).at(-1)?.value
 */
export function scenarioPath(s: SeriesAssumptions, through: number): ScenarioPoint[] {
  if (!Number.isInteger(through)) throw usageError(`the last year must be a whole year; got ${through}`);
  return ratePath(s.method, { year: s.startYear, value: s.start.value }, pointRate(s), seriesBounds(s), through);
}

// --- validation ----------------------------------------------------------------------------------------------------

/** Checks a distribution against its point value; the message names the assumption and what was expected. */
export function checkUncertain(where: string, u: Uncertain): void {
  if (!Number.isFinite(u.value)) throw usageError(`${where}: the value must be a finite number; got ${u.value}`);
  const d = u.dist;
  switch (d.kind) {
    case 'fixed':
      return;
    case 'normal':
      if (!Number.isFinite(d.sd) || d.sd < 0) throw usageError(say('error.scNormalSd', { where, sd: d.sd }));
      return;
    case 'triangular':
    case 'uniform':
      if (!Number.isFinite(d.min) || !Number.isFinite(d.max) || d.min > d.max) {
        throw usageError(say('error.scMinMax', { where, kind: d.kind, min: d.min, max: d.max }));
      }
      if (u.value < d.min || u.value > d.max) {
        throw usageError(say('error.scValueWithin', { where, value: u.value, min: d.min, max: d.max, mode: d.kind === 'triangular' ? 'yes' : 'no' }));
      }
  }
}

/** The lowest and highest values a distribution can give (a normal: unbounded). */
export function support(u: Uncertain): { min: number; max: number } {
  const d = u.dist;
  if (d.kind === 'fixed' || (d.kind === 'normal' && d.sd === 0)) return { min: u.value, max: u.value };
  if (d.kind === 'normal') return { min: -Infinity, max: Infinity };
  return { min: d.min, max: d.max };
}

/** Checks a series' assumptions fit together; throws a usage error naming the first broken precondition. */
export function checkSeries(scenario: string, s: SeriesAssumptions): void {
  const at = `${scenario}.${s.series}`;
  if (!Number.isInteger(s.startYear)) throw usageError(say('error.scStartYear', { at, year: s.startYear }));
  checkUncertain(`${at}.start`, s.start);
  if (s.growth) checkUncertain(`${at}.growth_pct`, s.growth);
  if (s.step) checkUncertain(`${at}.step`, s.step);
  if (s.cap) checkUncertain(`${at}.cap`, s.cap);
  if (s.floor !== undefined && !Number.isFinite(s.floor)) throw usageError(`${at}.floor: must be a finite number; got ${s.floor}`);
  if (s.method === 'linear' && !s.step) throw usageError(say('error.scLinearStep', { at }));
  if (s.method !== 'linear' && !s.growth) throw usageError(say('error.scGrowth', { at, method: s.method }));
  if (s.method === 'logistic' && !s.cap && !isShare(s)) throw usageError(say('error.scLogisticCap', { at }));
  if (s.growth && s.growth.value <= -100) throw usageError(say('error.scGrowthRange', { at, value: s.growth.value }));
  if (s.start.draw === 'yearly' || s.cap?.draw === 'yearly') throw usageError(say('error.scDrawYearly', { at }));
  const share = isShare(s);
  if (share) {
    const lo = support(s.start);
    if (lo.min < 0 || lo.max > 100) {
      if (s.start.dist.kind !== 'normal') throw usageError(say('error.scStartRange', { at, min: lo.min, max: lo.max }));
    }
    if (s.start.value < 0 || s.start.value > 100) throw usageError(say('error.scStartShare', { at, value: s.start.value }));
    if (s.cap && (s.cap.value <= 0 || s.cap.value > 100)) throw usageError(say('error.scCapShare', { at, value: s.cap.value }));
  }
  const { floor, cap } = seriesBounds(s);
  if (floor >= cap) throw usageError(say('error.scFloorCap', { at, floor, cap }));
  if (s.method === 'logistic') {
    const capSupport = s.cap ? support(s.cap) : { min: cap, max: cap };
    if (capSupport.min <= 0) throw usageError(say('error.scCapPositive', { at, min: capSupport.min }));
  }
  for (const t of s.targets) {
    if (!Number.isInteger(t.year) || !Number.isFinite(t.value)) throw usageError(say('error.scTarget', { at }));
    if (t.year <= s.startYear) throw usageError(say('error.scTargetYear', { at, year: t.year, start: s.startYear }));
    if (share && (t.value < 0 || t.value > 100)) throw usageError(say('error.scTargetShare', { at, year: t.year, value: t.value }));
  }
}

// --- overrides (--set key=value) ---------------------------------------------------------------------------------

/** The keys `--set` accepts for one series. */
export function overrideKeys(s: SeriesAssumptions): string[] {
  const keys = ['method'];
  const numeric: [NumericAssumption, Uncertain | undefined][] = [
    ['start', s.start],
    ['growth_pct', s.growth],
    ['step', s.step],
    ['cap', s.cap],
  ];
  for (const [name, u] of numeric) {
    keys.push(name);
    if (u && u.dist.kind === 'normal') keys.push(`${name}.sd`);
    if (u && (u.dist.kind === 'triangular' || u.dist.kind === 'uniform')) keys.push(`${name}.min`, `${name}.max`);
    if (u && (name === 'growth_pct' || name === 'step')) keys.push(`${name}.draw`);
  }
  keys.push('floor', 'start_year', ...s.targets.map((t) => `target.${t.year}`), 'target.YEAR');
  return keys;
}

/**
 * Applies one `--set` override, `SCENARIO.SERIES.ASSUMPTION=VALUE` (SCENARIO may be `*` for all), returning new
 * scenarios. Unknown scenarios, series or assumptions are usage errors naming the valid ones.
 * @example applyOverride(scenarios, 'base.mature_share.growth_pct', '6')
 */
export function applyOverride(scenarios: readonly Scenario[], key: string, rawValue: string): Scenario[] {
  const parts = key.split('.');
  if (parts.length < 3) {
    throw usageError(say('error.setShape', { key, scenarios: scenarios.map((s) => s.name).join(', ') }));
  }
  const [scenarioName, seriesName, ...rest] = parts;
  const assumption = rest.join('.');
  const chosen = scenarioName === '*' ? scenarios : scenarios.filter((s) => s.name === scenarioName);
  if (chosen.length === 0) throw usageError(say('error.setNoScenario', { key, name: scenarioName, names: scenarios.map((s) => s.name).join(', ') }));
  return scenarios.map((sc) => {
    if (!chosen.includes(sc)) return sc;
    const index = sc.series.findIndex((s) => s.series === seriesName);
    if (index < 0) throw usageError(say('error.setNoSeries', { key, name: sc.name, series: seriesName, names: sc.series.map((s) => s.series).join(', ') }));
    const updated = setAssumption(sc.series[index], assumption, rawValue, `--set ${key}`);
    checkSeries(sc.name, updated);
    return { ...sc, series: sc.series.map((s, i) => (i === index ? updated : s)) };
  });
}

function setAssumption(s: SeriesAssumptions, assumption: string, rawValue: string, where: string): SeriesAssumptions {
  const valid = () => say('error.setValidKeys', { series: s.series, keys: overrideKeys(s).join(', ') });
  if (assumption === 'method') {
    const m = rawValue.trim();
    if (!(SCENARIO_METHODS as readonly string[]).includes(m)) throw usageError(say('error.setUnknownMethod', { where, method: m, methods: SCENARIO_METHODS.join(', ') }));
    return { ...s, method: m as ScenarioMethod };
  }
  const drawOf = /^(growth_pct|step)\.draw$/.exec(assumption);
  if (drawOf) {
    const field = drawOf[1] === 'growth_pct' ? 'growth' : 'step';
    const old = s[field];
    const mode = rawValue.trim();
    if (!old) throw usageError(say('error.setHasNo', { where, series: s.series, name: drawOf[1], valid: valid() }));
    if (!(DRAWS as readonly string[]).includes(mode)) throw usageError(say('error.setDraw', { where, mode }));
    return { ...s, [field]: { ...old, draw: mode as DrawMode } };
  }
  const value = parseOverrideNumber(rawValue, where);
  if (assumption === 'floor') return { ...s, floor: value };
  if (assumption === 'start_year') {
    if (!Number.isInteger(value)) throw usageError(say('error.setStartYear', { where, raw: rawValue }));
    return { ...s, startYear: value };
  }
  const target = /^target\.(\d{4})$/.exec(assumption);
  if (target) {
    const year = Number(target[1]);
    const others = s.targets.filter((t) => t.year !== year);
    const old = s.targets.find((t) => t.year === year);
    return { ...s, targets: [...others, { ...old, year, value, note: old?.note ?? say('scenario.setOnCommandLine') }].sort((a, b) => a.year - b.year) };
  }
  const [name, sub] = assumption.split('.', 2) as [string, string | undefined];
  // A Map, not an object literal: `__proto__` or `constructor` must not find a field on Object.prototype.
  const field = ASSUMPTION_FIELDS.get(name);
  if (field === undefined || (sub !== undefined && !['sd', 'min', 'max'].includes(sub)) || assumption.split('.').length > 2) {
    // e.g. 'growth' for 'growth_pct', 'sd' of a start that has none
    throw usageError(say('error.setUnknownAssumption', { where, assumption, valid: valid() }));
  }
  const old = s[field];
  if (sub === undefined) {
    const moved: Uncertain = old ? shiftTo(old, value) : { value, dist: { kind: 'fixed' }, draw: 'once', note: say('scenario.setOnCommandLine') };
    return { ...s, [field]: moved };
  }
  if (!old) throw usageError(say('error.setNoPart', { where, series: s.series, name, part: sub, valid: valid() }));
  if (sub === 'sd') {
    if (old.dist.kind !== 'normal' && old.dist.kind !== 'fixed') throw usageError(say('error.setNoSd', { where, name, kind: old.dist.kind, valid: valid() }));
    return { ...s, [field]: { ...old, dist: { kind: 'normal', sd: value } } };
  }
  if (old.dist.kind !== 'triangular' && old.dist.kind !== 'uniform') throw usageError(say('error.setNoBound', { where, name, kind: old.dist.kind, part: sub, valid: valid() }));
  return { ...s, [field]: { ...old, dist: { ...old.dist, [sub]: value } } };
}

const ASSUMPTION_FIELDS = new Map<string, 'start' | 'growth' | 'step' | 'cap'>([
  ['start', 'start'],
  ['growth_pct', 'growth'],
  ['step', 'step'],
  ['cap', 'cap'],
]);

/** Moves a value and its distribution so the point becomes `value`, keeping the spread. */
function shiftTo(u: Uncertain, value: number): Uncertain {
  const d = u.dist;
  const shift = value - u.value;
  const dist: Distribution = d.kind === 'triangular' || d.kind === 'uniform' ? { ...d, min: d.min + shift, max: d.max + shift } : d;
  return { ...u, value, dist, note: say('scenario.setTo', { note: u.note ?? '', value }) };
}

function parseOverrideNumber(raw: string, where: string): number {
  const text = raw.trim().replace(/%$/, '');
  const value = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) throw usageError(say('error.setNotNumber', { where, raw }));
  return value;
}
