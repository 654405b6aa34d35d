import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  compoundRatePct,
  linearStep,
  logRatio,
  piecewiseLinearAt,
  project,
  projectMethods,
  type Projection,
} from '../../src/domain/projection.js';
import { usageErrorOf } from '../helpers/errors.js';

const trendForce = [
  { year: 2023, value: 29 },
  { year: 2027, value: 39 },
];

const valueIn = (p: Projection, year: number) => p.points.find((x) => x.year === year)!.value;


describe('implied rates (spreadsheet RRI and the linear step)', () => {
  it('29 → 39 over 2023–2027: RRI(4,29,39) and 2.5 pp/yr', () => {
    // RRI(4, 29, 39) = (39/29)^(1/4) − 1 = 1.3448276^0.25 − 1 = 0.0768784 (7.688 %/yr)
    expect(compoundRatePct(29, 39, 4) / 100).toBeCloseTo(0.07687836603193143, 12);
    // (39 − 29) / 4 = 2.5
    expect(linearStep(29, 39, 4)).toBe(2.5);
  });

  it('reports every implied rate per segment, whatever the method', () => {
    const p = project({ method: 'linear', anchors: trendForce, through: 2030, isShare: true });
    expect(p.segments).toHaveLength(1);
    const s = p.segments[0];
    expect([s.fromYear, s.toYear, s.fromValue, s.toValue]).toEqual([2023, 2027, 29, 39]);
    expect(s.cagrPct).toBeCloseTo(7.687836603193143, 10);
    expect(s.stepPerYear).toBe(2.5);
    // k = (logit(0.39) − logit(0.29)) / 4 = (−0.447312 − (−0.895384)) / 4 = 0.1120180
    expect(s.k).toBeCloseTo(0.11201795725279413, 12);
    expect(s.rate).toBe(2.5);
    expect(s.rateUnit).toBe('pp/yr');
  });

  it('gives each method its own rate and unit', () => {
    const [cagr, linear, logistic] = projectMethods(['cagr', 'linear', 'logistic'], { anchors: trendForce, isShare: true });
    expect([cagr.segments[0].rateUnit, linear.segments[0].rateUnit, logistic.segments[0].rateUnit]).toEqual(['%/yr', 'pp/yr', 'k/yr']);
    expect(cagr.segments[0].rate).toBeCloseTo(7.687836603193143, 10);
    expect(logistic.segments[0].rate).toBeCloseTo(0.11201795725279413, 12);
    const units = project({ method: 'linear', anchors: [{ year: 2020, value: 100 }, { year: 2022, value: 130 }] });
    expect(units.segments[0].rateUnit).toBe('units/yr');
    expect(units.segments[0].k).toBeNull(); // no floor and cap known
  });

  it('has no compound rate for a segment through 0', () => {
    const p = project({ method: 'linear', anchors: [{ year: 2020, value: 0 }, { year: 2022, value: 10 }], isShare: true });
    expect(p.segments[0].cagrPct).toBeNull();
    expect(p.segments[0].k).toBeNull(); // 0 is on the floor, not strictly inside
  });
});

describe('compound rates of extreme ratios and spans (computed in logs)', () => {
  it('a ratio beyond the range of doubles still has its finite rate', () => {
    // 99.9 / 5e-324 overflows to Infinity, but the rate is exp((ln 99.9 − ln 5e-324)/140) − 1:
    // ln 99.9 = 4.604170, ln 5e-324 = −744.440072, difference 749.044242; /140 = 5.350316; e^… − 1 = 209.6749
    expect(compoundRatePct(5e-324, 99.9, 140)).toBeCloseTo(20967.486302345922, 7);
    // 1e300 / 1e-300 = 1e600 (Infinity): √1e600 = 1e300 a year, so (1e300 − 1)·100 = 1e302 %/yr
    expect(compoundRatePct(1e-300, 1e300, 2) / 1e302).toBeCloseTo(1, 12);
    // 1e-300 / 1e300 underflows to 0: a factor of 1e-300 a year is −100 % to double precision
    expect(compoundRatePct(1e300, 1e-300, 2)).toBe(-100);
    expect(logRatio(5e-324, 1)).toBeCloseTo(744.4400719213812, 10);
    expect(logRatio(29, 39)).toBe(Math.log(39 / 29)); // an ordinary ratio: ln of the quotient itself
  });

  it('a huge number of years keeps the rate instead of rounding it to 0', () => {
    // (2^(1/n) − 1)·100 ≈ 100·ln 2 / n for n = 1e300; Math.pow(2, 1e-300) − 1 is exactly 0
    expect(compoundRatePct(1, 2, 1e300) / (100 * Math.LN2 * 1e-300)).toBeCloseTo(1, 12);
    // a small rate over a long span keeps its digits: 1.01 over 1000 years = ln(1.01)/1000 = 9.950331e-6 a year
    expect(compoundRatePct(1, 1.01, 1000)).toBeCloseTo(100 * Math.expm1(Math.log(1.01) / 1000), 15);
  });

  it('a rate that does not fit in a double, or infinite inputs, are usage errors, not Infinity or NaN', () => {
    expect(usageErrorOf(() => compoundRatePct(1e-300, 1e300, 1)).message).toMatch(/from 1e-300 to 1e\+300 in 1 year\(s\) is too large to represent/);
    expect(usageErrorOf(() => compoundRatePct(1, 2, 1e-300)).message).toMatch(/too large to represent/);
    expect(usageErrorOf(() => compoundRatePct(1, 2, Infinity)).message).toMatch(/positive, finite number of years; got Infinity/);
    expect(usageErrorOf(() => compoundRatePct(1, Infinity, 5)).message).toMatch(/positive, finite values at both ends/);
    expect(usageErrorOf(() => compoundRatePct(0, 2, 5)).message).toMatch(/positive, finite values at both ends; got 0 and 2/);
  });

  it('a cagr path between 1e-300 and 1e300 passes 1 halfway instead of overflowing', () => {
    const p = project({ method: 'cagr', anchors: [{ year: 2020, value: 1e-300 }, { year: 2022, value: 1e300 }], through: 2022 });
    // 1e-300 · (1e600)^(1/2) = 1e-300 · 1e300 = 1
    expect(valueIn(p, 2021)).toBeCloseTo(1, 12);
    expect(p.segments[0].cagrPct! / 1e302).toBeCloseTo(1, 12);
    const down = project({ method: 'cagr', anchors: [{ year: 2020, value: 1e300 }, { year: 2022, value: 1e-300 }], through: 2022 });
    expect(valueIn(down, 2021)).toBeCloseTo(1, 12);
  });

  it('a linear path through anchors whose compound rate is not representable has no compound rate, not an error', () => {
    const anchors = [{ year: 2020, value: 1e-300 }, { year: 2021, value: 1e300 }];
    const linear = project({ method: 'linear', anchors });
    expect(linear.segments[0].cagrPct).toBeNull();
    expect(linear.segments[0].stepPerYear).toBe(1e300);
    expect(usageErrorOf(() => project({ method: 'cagr', anchors })).message).toMatch(/too large to represent/);
  });
});

describe('project: values per year', () => {
  it('cagr 2030 is GROWTH: 29·(39/29)^(7/4) = 48.704', () => {
    const p = project({ method: 'cagr', anchors: trendForce, through: 2030, isShare: true });
    expect(valueIn(p, 2030)).toBeCloseTo(48.70399249947768, 10);
    // 2025 interpolated: 29·(39/29)^(2/4) = 29·1.1596669 = 33.6303
    expect(valueIn(p, 2025)).toBeCloseTo(29 * Math.sqrt(39 / 29), 12);
    expect(p.points.map((x) => x.year)).toEqual([2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030]);
  });

  it('linear 2030 is TREND: 29 + 2.5·7 = 46.5', () => {
    const p = project({ method: 'linear', anchors: trendForce, through: 2030, isShare: true });
    expect(p.points.map((x) => x.value)).toEqual([29, 31.5, 34, 36.5, 39, 41.5, 44, 46.5]);
  });

  it('logistic passes through both anchors and continues k = 0.11202 on the logit scale', () => {
    const p = project({ method: 'logistic', anchors: trendForce, through: 2030, isShare: true });
    expect(valueIn(p, 2023)).toBe(29);
    expect(valueIn(p, 2027)).toBe(39);
    // 2030: logit = logit(0.39) + 3k = −0.447312 + 0.336054 = −0.111258 → 100/(1+e^0.111258) = 47.2214
    expect(valueIn(p, 2030)).toBeCloseTo(47.22140696759705, 10);
    expect(p.bounds).toEqual({ floor: 0, cap: 100 });
  });

  it('flags anchors, interpolated and extrapolated years (back and forward)', () => {
    const p = project({ method: 'linear', anchors: trendForce, from: 2021, through: 2029, isShare: true });
    const status = Object.fromEntries(p.points.map((x) => [x.year, x.status]));
    expect(status).toEqual({
      2021: 'extrapolated',
      2022: 'extrapolated',
      2023: 'anchor',
      2024: 'interpolated',
      2025: 'interpolated',
      2026: 'interpolated',
      2027: 'anchor',
      2028: 'extrapolated',
      2029: 'extrapolated',
    });
    // back at the first segment's step: 2021 = 29 − 2·2.5 = 24
    expect(valueIn(p, 2021)).toBe(24);
  });

  it('takes anchors in any order', () => {
    const p = project({ method: 'cagr', anchors: [trendForce[1], trendForce[0]], through: 2030, isShare: true });
    expect(p.anchors).toEqual(trendForce);
    expect(valueIn(p, 2030)).toBeCloseTo(48.70399249947768, 10);
  });
});

describe('project: piecewise through three anchors', () => {
  const three = [
    { year: 2020, value: 10 },
    { year: 2022, value: 20 },
    { year: 2025, value: 15 },
  ];

  it('linear hits each anchor with its own step and continues the last one', () => {
    const p = project({ method: 'linear', anchors: three, through: 2027, isShare: true });
    expect(p.segments.map((s) => s.stepPerYear)).toEqual([5, -5 / 3]);
    for (const a of three) expect(valueIn(p, a.year)).toBe(a.value);
    expect(valueIn(p, 2021)).toBe(15); // 10 + 5
    expect(valueIn(p, 2027)).toBeCloseTo(15 - (2 * 5) / 3, 12); // 11.6667
  });

  it('cagr: segment rates √2 − 1 and 0.75^(1/3) − 1, and extrapolates each end with its own segment', () => {
    const p = project({ method: 'cagr', anchors: three, from: 2019, through: 2027, isShare: true });
    expect(p.segments[0].cagrPct! / 100).toBeCloseTo(Math.SQRT2 - 1, 12); // 20/10 over 2 years
    expect(p.segments[1].cagrPct! / 100).toBeCloseTo(0.75 ** (1 / 3) - 1, 12); // 15/20 over 3 years: −9.144 %
    for (const a of three) expect(valueIn(p, a.year)).toBe(a.value);
    expect(valueIn(p, 2027)).toBeCloseTo(15 * 0.75 ** (2 / 3), 10); // 12.3822
    expect(valueIn(p, 2019)).toBeCloseTo(10 / Math.SQRT2, 10); // 7.0711, back at the first segment's rate
  });

  it('logistic: hits each anchor, one k per segment', () => {
    const anchors = [
      { year: 2020, value: 20 },
      { year: 2022, value: 50 },
      { year: 2025, value: 60 },
    ];
    const p = project({ method: 'logistic', anchors, through: 2027, isShare: true });
    for (const a of anchors) expect(valueIn(p, a.year)).toBe(a.value);
    // k1 = (logit .5 − logit .2)/2 = (0 + ln 4)/2 = ln 2; k2 = (logit .6 − 0)/3 = ln(1.5)/3
    expect(p.segments[0].k).toBeCloseTo(Math.LN2, 12);
    expect(p.segments[1].k).toBeCloseTo(Math.log(1.5) / 3, 12);
    // 2027: logit = ln 1.5 + 2·ln(1.5)/3 → 100/(1+e^−z) = 66.2795
    expect(valueIn(p, 2027)).toBeCloseTo(66.2795110055468, 10);
  });

  it('piecewiseLinearAt interpolates and extends the end segments', () => {
    const xs = [0, 2, 5];
    const zs = [10, 20, 15];
    expect(piecewiseLinearAt(xs, zs, 1)).toBe(15);
    expect(piecewiseLinearAt(xs, zs, 2)).toBe(20);
    expect(piecewiseLinearAt(xs, zs, -2)).toBe(0);
    expect(piecewiseLinearAt(xs, zs, 8)).toBe(10);
  });
});

describe('project: bounds', () => {
  it('a cagr share from 50 growing 20 %/yr is held at 100 from 2024 (50·1.2^4 = 103.68)', () => {
    const p = project({ method: 'cagr', anchors: [{ year: 2020, value: 50 }, { year: 2021, value: 60 }], through: 2027, isShare: true });
    // 2022: 72, 2023: 86.4, 2024: 103.68 → 100
    expect(valueIn(p, 2023)).toBeCloseTo(86.4, 10);
    expect(p.points.filter((x) => x.clamped).map((x) => x.year)).toEqual([2024, 2025, 2026, 2027]);
    expect(p.points.filter((x) => x.clamped).every((x) => x.value === 100)).toBe(true);
    expect(p.warnings).toEqual(['cagr would pass 100 % in 2024 (103.7 %); held at 100 %']);
    expect(p.clamps).toHaveLength(1);
    expect(p.clamps[0]).toMatchObject({ method: 'cagr', bound: 'cap', boundValue: 100, year: 2024, direction: 'forward' });
    expect(p.clamps[0].unclampedValue).toBeCloseTo(103.68, 10);
  });

  it('linear clamps at 0 going back and at 100 going forward, with a warning for each', () => {
    const p = project({ method: 'linear', anchors: [{ year: 2020, value: 10 }, { year: 2021, value: 20 }], from: 2016, through: 2030, isShare: true });
    expect(valueIn(p, 2019)).toBe(0); // exactly on the floor: not clamped
    expect(p.points.find((x) => x.year === 2019)!.clamped).toBe(false);
    expect(p.points.filter((x) => x.clamped).map((x) => x.year)).toEqual([2016, 2017, 2018, 2030]);
    expect(p.warnings).toEqual([
      'going back, linear would pass 0 % in 2018 (-10.0 %); held at 0 %',
      'linear would pass 100 % in 2030 (110.0 %); held at 100 %',
    ]);
  });

  it('shows enough digits that the crossing value does not read as the bound', () => {
    // 99.98 + 0.03 = 100.01 → "100.0" would look like the bound, so two decimals
    const p = project({ method: 'linear', anchors: [{ year: 2020, value: 99.95 }, { year: 2021, value: 99.98 }], through: 2022, isShare: true });
    expect(p.warnings[0]).toBe('linear would pass 100 % in 2022 (100.01 %); held at 100 %');
  });

  it('honours user-set share bounds', () => {
    const p = project({ method: 'cagr', anchors: trendForce, through: 2030, isShare: true, cap: 45 });
    expect(valueIn(p, 2029)).toBe(45); // 45.227 held
    expect(p.warnings[0]).toBe('cagr would pass 45 % in 2029 (45.2 %); held at 45 %');
    expect(p.bounds).toEqual({ floor: 0, cap: 45 });
  });

  it('logistic never reaches the cap, even far out', () => {
    const p = project({ method: 'logistic', anchors: [{ year: 2020, value: 90 }, { year: 2021, value: 99 }], through: 2030, isShare: true });
    for (const x of p.points) {
      expect(x.value).toBeLessThan(100);
      expect(x.clamped).toBe(false);
    }
    expect(p.warnings).toEqual([]);
    const far = project({ method: 'logistic', anchors: trendForce, through: 2500, isShare: true });
    expect(far.points.every((x) => x.value <= 100 && x.value > 0 && Number.isFinite(x.value))).toBe(true);
  });

  it('non-share values have no upper bound and a floor of 0 unless told otherwise', () => {
    const up = project({ method: 'cagr', anchors: [{ year: 2020, value: 100 }, { year: 2021, value: 200 }], through: 2030 });
    expect(valueIn(up, 2030)).toBe(100 * 2 ** 10);
    expect(up.warnings).toEqual([]);
    expect(up.bounds).toEqual({ floor: 0, cap: null });
    // 100, 50, then 0 (on the floor, not past it), then −50 held at 0 with a warning: no floor given, 0 by default
    const down = project({ method: 'linear', anchors: [{ year: 2020, value: 100 }, { year: 2021, value: 50 }], through: 2023, unitLabel: 'wpm' });
    expect(down.points.map((x) => x.value)).toEqual([100, 50, 0, 0]);
    expect(down.points.map((x) => x.clamped)).toEqual([false, false, false, true]);
    expect(down.warnings).toEqual(['linear would pass 0 wpm in 2023 (-50.0 wpm); held at 0 wpm']);
    expect(down.clamps[0]).toMatchObject({ bound: 'floor', boundValue: 0, year: 2023, unclampedValue: -50, direction: 'forward' });
    // the same going back: 100 − 2·50 = 0 in 2018, 2017 would be −50
    const back = project({ method: 'linear', anchors: [{ year: 2020, value: 100 }, { year: 2021, value: 150 }], from: 2017 });
    expect(back.points.map((x) => x.value)).toEqual([0, 0, 50, 100, 150]);
    expect(back.warnings).toEqual(['going back, linear would pass 0 in 2017 (-50.0); held at 0']);
    const set = project({ method: 'linear', anchors: [{ year: 2020, value: 100 }, { year: 2021, value: 50 }], through: 2023, floor: 20 });
    expect(set.points.map((x) => x.value)).toEqual([100, 50, 20, 20]);
    // floor: null is no floor, for values that can be negative
    const free = project({ method: 'linear', anchors: [{ year: 2020, value: 100 }, { year: 2021, value: 50 }], through: 2023, floor: null });
    expect(valueIn(free, 2023)).toBe(-50);
    expect(free.warnings).toEqual([]);
    expect(free.bounds).toEqual({ floor: null, cap: null });
    expect(project({ method: 'linear', anchors: [{ year: 2020, value: -5 }, { year: 2021, value: 5 }], floor: null }).points[0].value).toBe(-5);
  });

  it('a negative anchor is below the default floor; a share or a logistic curve cannot go without a floor', () => {
    expect(usageErrorOf(() => project({ method: 'linear', anchors: [{ year: 2020, value: -5 }, { year: 2021, value: 5 }] })).message).toBe('anchor 2020 (-5) is below the floor 0');
    expect(usageErrorOf(() => project({ method: 'linear', isShare: true, floor: null, anchors: trendForce })).message).toMatch(/a share always has a floor/);
    expect(usageErrorOf(() => project({ method: 'logistic', cap: 50, floor: null, anchors: trendForce })).message).toMatch(/a logistic curve always has a floor/);
  });

  it('non-share logistic uses the given cap and a floor of 0', () => {
    const p = project({ method: 'logistic', anchors: [{ year: 2020, value: 10 }, { year: 2021, value: 20 }], through: 2040, cap: 50 });
    expect(p.bounds).toEqual({ floor: 0, cap: 50 });
    expect(p.points.every((x) => x.value < 50)).toBe(true);
  });
});

describe('project: impossible requests are usage errors', () => {
  it('anchors with the same year', () => {
    const e = usageErrorOf(() => project({ method: 'linear', anchors: [{ year: 2023, value: 1 }, { year: 2023, value: 2 }] }));
    expect(e.message).toMatch(/same year 2023/);
  });

  it('fewer than two anchors, fractional years, non-finite values', () => {
    expect(usageErrorOf(() => project({ method: 'linear', anchors: [{ year: 2023, value: 1 }] })).message).toMatch(/at least two anchors/);
    expect(usageErrorOf(() => project({ method: 'linear', anchors: [{ year: 2023.5, value: 1 }, { year: 2025, value: 2 }] })).message).toMatch(/whole years/);
    expect(usageErrorOf(() => project({ method: 'linear', anchors: [{ year: 2023, value: NaN }, { year: 2025, value: 2 }] })).message).toMatch(/finite/);
  });

  it('non-positive values for cagr', () => {
    const e = usageErrorOf(() => project({ method: 'cagr', anchors: [{ year: 2023, value: 0 }, { year: 2025, value: 2 }] }));
    expect(e.message).toMatch(/cagr needs positive anchor values.*2023 is 0/);
  });

  it('logistic without a cap for a non-share, or with an anchor on a bound', () => {
    expect(usageErrorOf(() => project({ method: 'logistic', anchors: trendForce })).message).toMatch(/logistic needs a cap/);
    expect(
      usageErrorOf(() => project({ method: 'logistic', isShare: true, anchors: [{ year: 2023, value: 40 }, { year: 2030, value: 100 }] })).message,
    ).toMatch(/strictly between the floor 0 and the cap 100; anchor 2030 is 100/);
  });

  it('share anchors outside the bounds, bad bounds, an unknown method, a reversed or huge span', () => {
    expect(usageErrorOf(() => project({ method: 'linear', isShare: true, anchors: [{ year: 2023, value: 40 }, { year: 2025, value: 101 }] })).message).toMatch(/above the cap 100/);
    expect(usageErrorOf(() => project({ method: 'linear', isShare: true, cap: 120, anchors: trendForce })).message).toMatch(/within 0–100/);
    expect(usageErrorOf(() => project({ method: 'linear', isShare: true, floor: 50, cap: 50, anchors: trendForce })).message).toMatch(/below the cap/);
    expect(usageErrorOf(() => project({ method: 'quadratic' as 'linear', anchors: trendForce })).message).toMatch(/unknown projection method/);
    expect(usageErrorOf(() => project({ method: 'linear', anchors: trendForce, from: 2030, through: 2025 })).message).toMatch(/must not be after/);
    expect(usageErrorOf(() => project({ method: 'linear', anchors: trendForce, through: 20300 })).message).toMatch(/at most 500 years/);
    expect(usageErrorOf(() => projectMethods([], { anchors: trendForce })).message).toMatch(/no projection method/);
  });

  it('a non-share path that overflows the number range', () => {
    const e = usageErrorOf(() => project({ method: 'cagr', anchors: [{ year: 2020, value: 1 }, { year: 2021, value: 1e300 }], through: 2025 }));
    expect(e.message).toMatch(/range of representable numbers by 2022/);
  });

  it('a share path that would overflow is simply held at the cap', () => {
    const p = project({ method: 'cagr', isShare: true, anchors: [{ year: 2020, value: 1e-300 }, { year: 2021, value: 1e-200 }], through: 2030 });
    expect(p.points.every((x) => Number.isFinite(x.value) && x.value <= 100)).toBe(true);
    // ×1e100 a year: 2022 = 1e-100, 2023 = 1, 2024 = 1e100 (held), 2030 = 1e700 (beyond doubles, still held)
    expect(p.clamps[0].year).toBe(2024);
  });
});

describe('property: share projections stay in bounds and hit their anchors', () => {
  it('holds for random anchors, methods and horizons', () => {
    const anchorsArb = fc
      .uniqueArray(fc.integer({ min: 1990, max: 2060 }), { minLength: 2, maxLength: 5 })
      .chain((years) =>
        fc.tuple(fc.constant(years), fc.array(fc.double({ min: 0.01, max: 99.99, noNaN: true }), { minLength: years.length, maxLength: years.length })),
      )
      .map(([years, values]) => years.map((year, i) => ({ year, value: values[i] })));
    fc.assert(
      fc.property(anchorsArb, fc.constantFrom('cagr', 'linear', 'logistic' as const), fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 30 }), (anchors, method, ahead, back) => {
        const years = anchors.map((a) => a.year);
        const p = project({ method, anchors, isShare: true, from: Math.min(...years) - back, through: Math.max(...years) + ahead });
        // One expect per run, not per point: the checks are cheap, expect() is not.
        expect(p.points.filter((x) => !(Number.isFinite(x.value) && x.value >= 0 && x.value <= 100))).toEqual([]);
        expect(anchors.map((a) => valueIn(p, a.year))).toEqual(anchors.map((a) => a.value));
        expect(p.warnings).toHaveLength(p.clamps.length);
        if (method === 'logistic') expect(p.clamps).toEqual([]);
      }),
      { numRuns: 300, seed: 20231127 },
    );
  });
});
