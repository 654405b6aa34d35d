// The verdict rule of src/domain/claims.ts on small hand-made figures: each branch of the rule once.
import { describe, expect, it } from 'vitest';
import { judgeClaim, toleranceOf, yearDistance, type Claim, type Convert, type Figure, type Kind } from '../../src/domain/claims.js';

const noConvert: Convert = () => null;

function claim(over: Partial<Claim>): Claim {
  return { id: 'c', headline: false, textZh: '', textEn: '', dataset: 'capacity_share', selector: { region: ['china'], segment: ['mature'] }, figure: 'value', fromYear: null, fromValue: null, year: 2027, value: 39, valueHigh: null, unit: 'percent', kind: 'forecast', tolerance: null, source: null, caveat: null, line: 2, ...over };
}

function fig(year: number, value: number, kind: Kind, sourceId: string, over: Partial<Figure> = {}): Figure {
  return { dataset: 'capacity_share', keys: { region: 'china', segment: 'mature', source_id: sourceId }, yearFrom: null, year, period: null, low: value, high: value, unit: 'percent', kind, sourceId, publisher: 'TrendForce', published: '2023-12-14', ...over };
}

const oct = [fig(2023, 29, 'estimate', 'oct', { published: '2023-10' }), fig(2027, 33, 'forecast', 'oct', { published: '2023-10' })];
const dec = [fig(2023, 31, 'estimate', 'dec'), fig(2027, 39, 'forecast', 'dec')];

describe('judgeClaim', () => {
  it('supported: same definition, kind and year, within 1 pp, from the publisher named', () => {
    const j = judgeClaim(claim({ source: 'trendforce' }), [...oct, ...dec], noConvert, 'segment');
    expect(j.verdict).toBe('supported');
    expect(j.evidence).toEqual(['dec']);
  });

  it('a figure of another kind is not evidence: 39 as a target does not support a forecast of 39', () => {
    const j = judgeClaim(claim({}), [fig(2027, 39, 'target', 'plan')], noConvert, 'segment');
    expect(j.verdict).toBe('no_source');
    expect(j.reasons.map((r) => r.code)).toContain('otherKind');
  });

  it('conflicts: evidence exists and none is within the tolerance (39 against 33, 1 pp)', () => {
    const j = judgeClaim(claim({}), oct, noConvert, 'segment');
    expect(j.verdict).toBe('conflicts');
    expect(j.evidence).toEqual(['oct']);
  });

  it('the tolerance decides: 39 against 38.5 agrees at the default 1 pp, 39 against 37.9 does not', () => {
    expect(judgeClaim(claim({}), [fig(2027, 38.5, 'forecast', 'x')], noConvert).verdict).toBe('supported');
    expect(judgeClaim(claim({}), [fig(2027, 37.9, 'forecast', 'x')], noConvert).verdict).toBe('conflicts');
    expect(judgeClaim(claim({ tolerance: 1.5 }), [fig(2027, 37.9, 'forecast', 'x')], noConvert).verdict).toBe('supported');
    // Not percent: 2 % of the claimed value.
    expect(toleranceOf(claim({ unit: 'USD_bn', value: 150 }))).toBeCloseTo(3, 12);
  });

  it('a neighbouring year or another publisher adds a caveat', () => {
    expect(judgeClaim(claim({ year: 2028 }), dec, noConvert).verdict).toBe('supported_with_caveat');
    const other = judgeClaim(claim({ source: 'Bloomberg' }), dec, noConvert);
    expect(other.verdict).toBe('supported_with_caveat');
    expect(other.reasons.map((r) => r.code)).toEqual(['agrees', 'otherPublisher']);
  });

  it('two years away is outside the window: no source, the nearest figures named', () => {
    const j = judgeClaim(claim({ year: 2030, figure: 'at_least', value: 50 }), [...oct, ...dec], noConvert, 'segment');
    expect(j.verdict).toBe('no_source');
    expect(j.reasons.map((r) => r.code)).toEqual(['noFigure', 'nearest']);
  });

  it('at_least: a forecast of 52 supports "more than half"; 39 conflicts', () => {
    expect(judgeClaim(claim({ year: 2030, figure: 'at_least', value: 50 }), [fig(2030, 52, 'forecast', 'nov')], noConvert).verdict).toBe('supported');
    expect(judgeClaim(claim({ year: 2027, figure: 'at_least', value: 50 }), dec, noConvert).verdict).toBe('conflicts');
  });

  it('a path from one source is supported; its two ends from two sources get a caveat naming both bases', () => {
    expect(judgeClaim(claim({ figure: 'path', fromYear: 2023, fromValue: 31 }), [...oct, ...dec], noConvert).verdict).toBe('supported');
    const j = judgeClaim(claim({ figure: 'path', fromYear: 2023, fromValue: 29 }), [...oct, ...dec], noConvert);
    expect(j.verdict).toBe('supported_with_caveat');
    const reason = j.reasons[0];
    expect(reason.code).toBe('twoSources');
    if (reason.code === 'twoSources') expect(reason.ends.map((e) => [e.sourceId, e.from, e.to])).toEqual([['oct', 29, 33], ['dec', 31, 39]]);
    expect(judgeClaim(claim({ figure: 'path', fromYear: 2023, fromValue: 20 }), [...oct, ...dec], noConvert).verdict).toBe('conflicts');
  });

  it('other definitions that match are named when the claimed definition disagrees', () => {
    const ss = (scope: string, year: number, value: number, kind: Kind): Figure => ({ ...fig(year, value, kind, scope), dataset: 'self_sufficiency', keys: { scope, source_id: scope } });
    const c = claim({ dataset: 'self_sufficiency', selector: { scope: ['chips'] }, year: 2025, value: 40, kind: 'estimate', tolerance: 5 });
    const j = judgeClaim(c, [ss('chips', 2024, 24, 'actual'), ss('equipment', 2025, 35, 'estimate'), ss('equipment', 2021, 40, 'actual')], noConvert, 'scope');
    expect(j.verdict).toBe('conflicts');
    const other = j.reasons.find((r) => r.code === 'otherDefinition');
    expect(other && other.code === 'otherDefinition' ? other.readings.map((r) => [r.figure.keys.scope, r.figure.year]) : []).toEqual([['equipment', 2025]]);
  });

  it('multiple: the ratio of the year-end figures; 1058750 / 714000 = 1.48 is not ×3', () => {
    const cap = (year: number, period: string, value: number): Figure => ({ ...fig(year, value, 'actual', `s${year}${period}`), dataset: 'capacity', keys: { entity: 'smic', segment: 'company' }, period, unit: 'wpm_8in_eq' });
    const figures = [cap(2022, 'Q4', 714000), cap(2025, 'Q3', 1000000), cap(2025, 'Q4', 1058750)];
    const c = claim({ dataset: 'capacity', selector: { entity: ['smic'], segment: ['company'] }, figure: 'multiple', fromYear: 2022, year: 2025, value: 3, unit: 'times', kind: 'actual', tolerance: 0.1 });
    const j = judgeClaim(c, figures, noConvert, 'segment');
    expect(j.verdict).toBe('conflicts');
    const r = j.reasons[0];
    expect(r.code === 'multipleOf' ? r.ratio : NaN).toBeCloseTo(1058750 / 714000, 12);
    expect(judgeClaim({ ...c, value: 1.5 }, figures, noConvert, 'segment').verdict).toBe('supported');
    // The claimed segment is missing: no source, with the entity's other segment as context.
    const none = judgeClaim({ ...c, selector: { entity: ['smic'], segment: ['node_28nm'] } }, figures, noConvert, 'segment');
    expect(none.verdict).toBe('no_source');
    expect(none.reasons.map((x) => x.code)).toEqual(['noFigure', 'multipleOf']);
  });

  it('period figures: "since 2015" (2015–2022) is within the window of "since 2014" (2014–2025), with a caveat', () => {
    const f = { ...fig(2022, 150, 'estimate', 'bruegel'), dataset: 'indicators', keys: { region: 'china', measure: 'spending' }, yearFrom: 2015, unit: 'USD_bn' };
    expect(yearDistance(f, 2025, 2014)).toBe(2);
    expect(yearDistance(f, 2025, 2012)).toBeNull();
    const c = claim({ dataset: 'indicators', selector: { region: ['china'], measure: ['spending'] }, fromYear: 2014, year: 2025, value: 150, unit: 'USD_bn', kind: 'estimate' });
    expect(judgeClaim(c, [f], noConvert).verdict).toBe('supported_with_caveat');
    expect(judgeClaim({ ...c, fromYear: 2015, year: 2022 }, [f], noConvert).verdict).toBe('supported');
  });

  it('a unit the figure cannot be read in is no evidence; a conversion is used when given', () => {
    const f = { ...fig(2024, 344, 'actual', 'bf3'), dataset: 'funds', keys: { fund: 'big_fund' }, unit: 'CNY_bn' };
    const c = claim({ dataset: 'funds', selector: { fund: ['big_fund'] }, figure: 'at_least', year: 2024, value: 47, unit: 'USD_bn', kind: 'actual' });
    expect(judgeClaim(c, [f], noConvert).verdict).toBe('no_source');
    const atRate: Convert = (x) => ({ low: x.low / 7.2449, high: x.high / 7.2449 });
    expect(judgeClaim(c, [f], atRate).verdict).toBe('supported');
    expect(judgeClaim({ ...c, value: 50 }, [f], atRate).verdict).toBe('conflicts');
  });
});
