// Checking a claim against sourced figures of the same definition and kind: supported, supported_with_caveat,
// conflicts or no_source, by one rule (docs/module-notes.md) so every verdict can be explained.
/** What a figure is (the datasets' kind column). */
export type Kind = 'actual' | 'estimate' | 'forecast' | 'target' | 'reported';

export const VERDICTS = ['supported', 'supported_with_caveat', 'conflicts', 'no_source'] as const;
export type Verdict = (typeof VERDICTS)[number];

export const FIGURE_TYPES = ['value', 'at_least', 'path', 'multiple'] as const;
/** value: the figure itself (or a range); at_least: a floor; path: from_value in from_year → value in year; multiple: value = figure(year) ÷ figure(from_year). */
export type FigureType = (typeof FIGURE_TYPES)[number];

export interface Claim {
  id: string;
  headline: boolean;
  textZh: string;
  textEn: string;
  dataset: string;
  /** Column → accepted values (a|b|c in the file). */
  selector: Record<string, string[]>;
  figure: FigureType;
  fromYear: number | null;
  fromValue: number | null;
  year: number;
  value: number;
  valueHigh: number | null;
  unit: string;
  kind: Kind | null;
  tolerance: number | null;
  /** The publisher the article names or implies (matched as a case-insensitive part of the source's publisher). */
  source: string | null;
  caveat: string | null;
  line: number;
}

/** One sourced figure of any dataset, in a common shape. */
export interface Figure {
  dataset: string;
  /** Columns a selector can name (region, segment, entity, scope, fund, phase, measure, ...). */
  keys: Record<string, string>;
  /** First year of a period figure (indicators); null for a figure of one year. */
  yearFrom: number | null;
  year: number;
  /** Quarter or half of a capacity figure ('year' or null otherwise). */
  period: string | null;
  low: number;
  high: number;
  unit: string;
  kind: Kind;
  sourceId: string;
  publisher: string;
  published: string | null;
}

/** A figure's value in another unit, or null when there is no conversion (the app supplies units and FX). */
export type Convert = (figure: Figure, unit: string) => { low: number; high: number; fx?: FxUsed } | null;

/** The exchange rate a currency conversion used, so a reason can show it. */
export interface FxUsed {
  low: number;
  high: number;
  unit: string;
  year: number;
  perUsd: number;
}

/** A figure read in the claim's unit. */
export interface Reading {
  figure: Figure;
  low: number;
  high: number;
  fx?: FxUsed;
}

export type Reason =
  | { code: 'agrees'; reading: Reading }
  | { code: 'otherYear'; reading: Reading; claimYear: number; claimFrom: number | null }
  | { code: 'otherPublisher'; named: string; reading: Reading }
  | { code: 'twoSources'; ends: { sourceId: string; publisher: string; published: string | null; from: number | null; to: number | null }[]; fromYear: number; toYear: number }
  | { code: 'endMissing'; year: number }
  | { code: 'differs'; readings: Reading[] }
  | { code: 'otherKind'; readings: Reading[] }
  | { code: 'otherDefinition'; readings: Reading[] }
  | { code: 'noFigure'; dataset: string; selector: Record<string, string[]>; year: number }
  | { code: 'nearest'; readings: Reading[] }
  | { code: 'multipleOf'; key: string; from: Reading; to: Reading; ratio: number };

export interface Judgement {
  claim: Claim;
  verdict: Verdict;
  reasons: Reason[];
  /** Source ids of the figures the verdict rests on (agreeing figures, else the disagreeing ones). */
  evidence: string[];
}

type KindClass = 'observed' | 'forecast' | 'target' | 'reported';
export const kindClass = (kind: Kind): KindClass => (kind === 'actual' || kind === 'estimate' ? 'observed' : kind);

export function toleranceOf(claim: Claim): number {
  if (claim.tolerance !== null) return claim.tolerance;
  return claim.unit === 'percent' ? 1 : Math.abs(claim.value) * 0.02;
}

/** Whether the figure has one of the accepted values in every column the selector names (checked for every figure of every claim: no arrays made). */
export function matchesSelector(f: Figure, selector: Record<string, string[]>): boolean {
  for (const key of Object.keys(selector)) {
    const value = f.keys[key];
    if (value === undefined || !selector[key].includes(value)) return false;
  }
  return true;
}

/** How far a figure's year (or period) is from the claim's; null when outside the ±1 window. 0 is exact. */
export function yearDistance(f: Figure, year: number, fromYear: number | null): number | null {
  if (f.yearFrom !== null && fromYear !== null) {
    const start = Math.abs(f.yearFrom - fromYear);
    if (start > 1 || f.year > year + 1) return null;
    return start + (f.year === year ? 0 : 1);
  }
  const d = Math.abs(f.year - year);
  return d <= 1 ? d : null;
}

/** Whether a reading agrees with a claimed point or range (or floor) within the tolerance. */
export function agrees(r: { low: number; high: number }, claimed: { low: number; high: number }, atLeast: boolean, tolerance: number): boolean {
  if (atLeast) return r.low >= claimed.low - tolerance;
  return Math.abs(r.low - claimed.low) <= tolerance && Math.abs(r.high - claimed.high) <= tolerance;
}

const publisherMatches = (f: Figure, named: string | null) => named === null || f.publisher.toLowerCase().includes(named.toLowerCase());

/** Year-end figures first (period year or Q4), then the latest quarter: the figure that stands for a year. */
const periodRank = (p: string | null) => (p === null || p === 'year' || p === 'Q4' ? 0 : p === 'H2' ? 1 : p === 'Q3' ? 2 : p === 'H1' || p === 'Q2' ? 3 : 4);

function read(figures: readonly Figure[], unit: string, convert: Convert): Reading[] {
  return figures.flatMap((f) => {
    const v = f.unit === unit ? { low: f.low, high: f.high } : convert(f, unit);
    return v === null ? [] : [{ figure: f, ...v }];
  });
}

interface PointCheck {
  evidence: Reading[];
  agreeing: { reading: Reading; distance: number }[];
  otherKind: Reading[];
}

function checkPoint(candidates: readonly Figure[], claim: Claim, point: { year: number; fromYear: number | null; low: number; high: number }, kind: KindClass | null, atLeast: boolean, convert: Convert): PointCheck {
  const inWindow = candidates.filter((f) => yearDistance(f, point.year, point.fromYear) !== null);
  const readings = read(inWindow, claim.unit, convert);
  const evidence = readings.filter((r) => kind === null || kindClass(r.figure.kind) === kind);
  const otherKind = readings.filter((r) => kind !== null && kindClass(r.figure.kind) !== kind);
  const tolerance = toleranceOf(claim);
  const agreeing = evidence
    .filter((r) => agrees(r, point, atLeast, tolerance))
    .map((reading) => ({ reading, distance: yearDistance(reading.figure, point.year, point.fromYear)! }))
    .sort((a, b) => a.distance - b.distance || Number(publisherMatches(b.reading.figure, claim.source)) - Number(publisherMatches(a.reading.figure, claim.source)) || periodRank(a.reading.figure.period) - periodRank(b.reading.figure.period));
  return { evidence, agreeing, otherKind };
}

/** The few figures nearest the claim's year, for a reason that says what the data does have. */
function nearest(readings: readonly Reading[], year: number, limit = 3): Reading[] {
  return [...readings].sort((a, b) => Math.abs(a.figure.year - year) - Math.abs(b.figure.year - year) || b.figure.year - a.figure.year || periodRank(a.figure.period) - periodRank(b.figure.period)).slice(0, limit);
}

/** Judges one claim against every figure; `relaxKey` is the selector key that names the definition (dropped to find other definitions). */
export function judgeClaim(claim: Claim, figures: readonly Figure[], convert: Convert, relaxKey?: string): Judgement {
  const inDataset = figures.filter((f) => f.dataset === claim.dataset);
  const same = inDataset.filter((f) => matchesSelector(f, claim.selector));
  const relaxedSelector = relaxKey === undefined ? undefined : Object.fromEntries(Object.entries(claim.selector).filter(([k]) => k !== relaxKey));
  const others = relaxedSelector === undefined || Object.keys(relaxedSelector).length === Object.keys(claim.selector).length ? [] : inDataset.filter((f) => matchesSelector(f, relaxedSelector) && !matchesSelector(f, claim.selector));
  const kind = claim.kind === null ? null : kindClass(claim.kind);
  if (claim.figure === 'path') return judgePath(claim, same, kind, convert);
  if (claim.figure === 'multiple') return judgeMultiple(claim, same, others);

  const point = { year: claim.year, fromYear: claim.fromYear, low: claim.value, high: claim.valueHigh ?? claim.value };
  const atLeast = claim.figure === 'at_least';
  const check = checkPoint(same, claim, point, kind, atLeast, convert);
  const otherDefs = checkPoint(others, claim, point, kind, atLeast, convert);
  const otherDefinition = otherDefs.agreeing.length > 0 ? [{ code: 'otherDefinition' as const, readings: otherDefs.agreeing.map((a) => a.reading).slice(0, 3) }] : [];
  const otherKind = check.otherKind.filter((r) => agrees(r, point, atLeast, toleranceOf(claim)));
  const otherKindReason = otherKind.length > 0 ? [{ code: 'otherKind' as const, readings: otherKind.slice(0, 2) }] : [];

  if (check.agreeing.length > 0) {
    const best = check.agreeing[0];
    const reasons: Reason[] = [{ code: 'agrees', reading: best.reading }];
    if (best.distance > 0) reasons.push({ code: 'otherYear', reading: best.reading, claimYear: claim.year, claimFrom: claim.fromYear });
    if (!publisherMatches(best.reading.figure, claim.source)) reasons.push({ code: 'otherPublisher', named: claim.source!, reading: best.reading });
    return { claim, verdict: reasons.length > 1 ? 'supported_with_caveat' : 'supported', reasons, evidence: unique(check.agreeing.map((a) => a.reading.figure.sourceId)) };
  }
  if (check.evidence.length > 0) {
    const differs = nearest(check.evidence, claim.year);
    return { claim, verdict: 'conflicts', reasons: [{ code: 'differs', readings: differs }, ...otherKindReason, ...otherDefinition], evidence: unique(differs.map((r) => r.figure.sourceId)) };
  }
  const sameElsewhere = nearest(read(same, claim.unit, convert), claim.year, 2);
  const nearestOthers = otherDefinition.length === 0 && sameElsewhere.length === 0 ? nearest(read(others, claim.unit, convert).filter((r) => kind === null || kindClass(r.figure.kind) === kind), claim.year) : [];
  return {
    claim,
    verdict: 'no_source',
    reasons: [
      { code: 'noFigure', dataset: claim.dataset, selector: claim.selector, year: claim.year },
      ...otherKindReason,
      ...(sameElsewhere.length > 0 ? [{ code: 'nearest' as const, readings: sameElsewhere }] : []),
      ...otherDefinition,
      ...(nearestOthers.length > 0 ? [{ code: 'nearest' as const, readings: nearestOthers }] : []),
    ],
    evidence: [],
  };
}

/** A path claim (from_value in from_year → value in year): both ends from one source, or a caveat that they are not. */
function judgePath(claim: Claim, same: readonly Figure[], kind: KindClass | null, convert: Convert): Judgement {
  const start = checkPoint(same, claim, { year: claim.fromYear!, fromYear: null, low: claim.fromValue!, high: claim.fromValue! }, null, false, convert);
  const end = checkPoint(same, claim, { year: claim.year, fromYear: null, low: claim.value, high: claim.valueHigh ?? claim.value }, kind, false, convert);
  const exact = (c: PointCheck) => c.agreeing.filter((a) => a.distance === 0);
  const startSources = new Set(exact(start).map((a) => a.reading.figure.sourceId));
  const both = exact(end).find((a) => startSources.has(a.reading.figure.sourceId));
  if (both) return { claim, verdict: publisherMatches(both.reading.figure, claim.source) ? 'supported' : 'supported_with_caveat', reasons: [{ code: 'agrees', reading: both.reading }, ...(publisherMatches(both.reading.figure, claim.source) ? [] : [{ code: 'otherPublisher' as const, named: claim.source!, reading: both.reading }])], evidence: [both.reading.figure.sourceId] };
  const startHit = start.agreeing[0];
  const endHit = end.agreeing[0];
  // Each source's own two ends, so the reader sees the different bases.
  const endsOf = (sourceId: string) => {
    const rows = read(same.filter((f) => f.sourceId === sourceId), claim.unit, convert);
    const at = (y: number) => rows.find((r) => r.figure.year === y)?.low ?? null;
    const f = rows[0].figure;
    return { sourceId, publisher: f.publisher, published: f.published, from: at(claim.fromYear!), to: at(claim.year) };
  };
  if (startHit && endHit) {
    return { claim, verdict: 'supported_with_caveat', reasons: [{ code: 'twoSources', ends: [endsOf(startHit.reading.figure.sourceId), endsOf(endHit.reading.figure.sourceId)], fromYear: claim.fromYear!, toYear: claim.year }], evidence: unique([startHit.reading.figure.sourceId, endHit.reading.figure.sourceId]) };
  }
  const missing = [start.evidence.length === 0 ? claim.fromYear! : null, end.evidence.length === 0 ? claim.year : null].filter((y): y is number => y !== null);
  const disagree = [...(startHit ? [] : start.evidence), ...(endHit ? [] : end.evidence)];
  if (disagree.length > 0) return { claim, verdict: 'conflicts', reasons: [{ code: 'differs', readings: nearest(disagree, claim.year, 4) }, ...missing.map((year) => ({ code: 'endMissing' as const, year }))], evidence: unique(disagree.map((r) => r.figure.sourceId)) };
  const hit = startHit ?? endHit;
  if (hit) return { claim, verdict: 'supported_with_caveat', reasons: [{ code: 'agrees', reading: hit.reading }, ...missing.map((year) => ({ code: 'endMissing' as const, year }))], evidence: [hit.reading.figure.sourceId] };
  return { claim, verdict: 'no_source', reasons: [{ code: 'noFigure', dataset: claim.dataset, selector: claim.selector, year: claim.year }], evidence: [] };
}

/** The figure standing for a year: a year-end figure if there is one, else the latest quarter or half. */
function figureForYear(readings: readonly Reading[], year: number): Reading | undefined {
  return readings.filter((r) => r.figure.year === year && kindClass(r.figure.kind) === 'observed').sort((a, b) => periodRank(a.figure.period) - periodRank(b.figure.period))[0];
}

/** A "grew N times" claim: the ratio of the figures standing for year and from_year. */
function judgeMultiple(claim: Claim, same: readonly Figure[], others: readonly Figure[]): Judgement {
  const ratioOf = (figs: readonly Figure[]) => {
    const readings = figs.flatMap((f) => [{ figure: f, low: f.low, high: f.high }]);
    const from = figureForYear(readings, claim.fromYear!);
    const to = figureForYear(readings, claim.year);
    return from && to && from.low > 0 ? { from, to, ratio: to.low / from.low } : undefined;
  };
  const keyOf = (f: Figure) => Object.entries(f.keys).filter(([k]) => k in claim.selector).map(([k, v]) => `${k}=${v}`).join(' ');
  const mine = ratioOf(same);
  if (mine) {
    const ok = Math.abs(mine.ratio - claim.value) <= toleranceOf(claim);
    const reason: Reason = { code: 'multipleOf', key: keyOf(mine.to.figure), from: mine.from, to: mine.to, ratio: mine.ratio };
    return { claim, verdict: ok ? 'supported' : 'conflicts', reasons: [reason], evidence: unique([mine.from.figure.sourceId, mine.to.figure.sourceId]) };
  }
  const groups = new Map<string, Figure[]>();
  for (const f of others) groups.set(keyOf(f), [...(groups.get(keyOf(f)) ?? []), f]);
  const context = [...groups.values()].map(ratioOf).filter((r) => r !== undefined);
  return {
    claim,
    verdict: 'no_source',
    reasons: [{ code: 'noFigure', dataset: claim.dataset, selector: claim.selector, year: claim.year }, ...context.slice(0, 2).map((c) => ({ code: 'multipleOf' as const, key: keyOf(c.to.figure), from: c.from, to: c.to, ratio: c.ratio }))],
    evidence: [],
  };
}

const unique = (ids: string[]) => [...new Set(ids)];
