import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { coherentShares, type CoherentShares } from '../../src/domain/shares.js';
import { project } from '../../src/domain/projection.js';
import { usageErrorOf } from '../helpers/errors.js';


const china = { region: 'china', anchors: [{ year: 2023, value: 29 }, { year: 2027, value: 39 }] };
const taiwan = { region: 'taiwan', anchors: [{ year: 2023, value: 49 }, { year: 2027, value: 42 }] };

const share = (r: CoherentShares, region: string, year: number) =>
  r.regions.find((p) => p.region === region)!.points.find((p) => p.year === year)!.value;

function expectCoherent(r: CoherentShares) {
  // Checked in plain code and asserted once per call: an expect() per point costs more than the projection.
  const wrong: string[] = [];
  for (let t = 0; t <= r.through - r.from; t++) {
    let total = 0;
    for (const path of r.regions) {
      const v = path.points[t].value;
      if (!(Number.isFinite(v) && v >= 0 && v <= 100)) wrong.push(`${path.region} ${r.from + t}: ${v} is not within 0–100`);
      total += v;
    }
    if (!(Math.abs(total - 100) <= 1e-9)) wrong.push(`${r.from + t}: the shares sum to ${total}, not 100 ± 1e-9`);
  }
  expect(wrong).toEqual([]);
}

describe('coherentShares', () => {
  it('adds the rest of the world and keeps the anchors: 100 − 29 − 49 = 22, 100 − 39 − 42 = 19', () => {
    const r = coherentShares({ method: 'cagr', regions: [china, taiwan], through: 2030 });
    expect(r.regions.map((p) => [p.region, p.remainder])).toEqual([
      ['china', false],
      ['taiwan', false],
      ['other', true],
    ]);
    expect(r.regions[2].anchors).toEqual([
      { year: 2023, value: 22 },
      { year: 2027, value: 19 },
    ]);
    expect(share(r, 'china', 2023)).toBeCloseTo(29, 12);
    expect(share(r, 'taiwan', 2027)).toBeCloseTo(42, 12);
    expect(share(r, 'other', 2027)).toBeCloseTo(19, 12);
    expectCoherent(r);
  });

  it('cagr divides compound-grown capacities: 2030 = each part·(v27/v23)^(7/4) over their sum', () => {
    // china 29·(39/29)^1.75 = 48.7040, taiwan 49·(42/49)^1.75 = 37.4144, other 22·(19/22)^1.75 = 17.0217; sum 103.1401
    const r = coherentShares({ method: 'cagr', regions: [china, taiwan], through: 2030 });
    expect(share(r, 'china', 2030)).toBeCloseTo(47.22120722161193, 10);
    expect(share(r, 'taiwan', 2030)).toBeCloseTo(36.27535907466282, 10);
    expect(share(r, 'other', 2030)).toBeCloseTo(16.503433703725264, 10);
    // projected one by one the cagr shares add up to 48.70 + 37.41 = 86.12 of the two regions alone
    expect(r.independentTotals.find((t) => t.year === 2030)!.total).toBeCloseTo(48.70399249947768 + 37.41443559451482, 9);
    expect(r.regions[0].points.find((p) => p.year === 2030)!.independent).toBeCloseTo(48.70399249947768, 10);
  });

  it('one region against the rest under cagr is the logistic curve on its share', () => {
    // ln(s/(100 − s)) moves linearly, so the 2030 value is the logistic projection's 47.2214
    const r = coherentShares({ method: 'cagr', regions: [china], through: 2030 });
    const logistic = project({ method: 'logistic', anchors: china.anchors, through: 2030, isShare: true });
    for (const p of logistic.points) expect(share(r, 'china', p.year)).toBeCloseTo(p.value, 10);
    expect(share(r, 'china', 2030)).toBeCloseTo(47.22140696759705, 10);
    const viaLogistic = coherentShares({ method: 'logistic', regions: [china], through: 2030 });
    expect(share(viaLogistic, 'china', 2030)).toBeCloseTo(47.22140696759705, 10);
  });

  it('linear keeps the independent linear paths while no part falls below 0 (the steps sum to 0)', () => {
    const r = coherentShares({ method: 'linear', regions: [china, taiwan], through: 2030 });
    // china 29 + 2.5·7 = 46.5; taiwan 49 − 1.75·7 = 36.75; other 22 − 0.75·7 = 16.75
    expect(share(r, 'china', 2030)).toBeCloseTo(46.5, 12);
    expect(share(r, 'taiwan', 2030)).toBeCloseTo(36.75, 12);
    expect(share(r, 'other', 2030)).toBeCloseTo(16.75, 12);
    expect(r.warnings).toEqual([]);
    expectCoherent(r);
  });

  it('linear holds a part at 0 and rescales the rest', () => {
    const r = coherentShares({
      method: 'linear',
      through: 2024,
      regions: [
        { region: 'a', anchors: [{ year: 2020, value: 10 }, { year: 2021, value: 5 }] },
        { region: 'b', anchors: [{ year: 2020, value: 50 }, { year: 2021, value: 55 }] },
      ],
    });
    // 2023: a = −5 → 0, b = 65, other = 40 → b = 65/105 = 61.905 %, other = 40/105 = 38.095 %
    expect(share(r, 'a', 2022)).toBeCloseTo(0, 12);
    expect(share(r, 'a', 2023)).toBe(0);
    expect(share(r, 'b', 2023)).toBeCloseTo(61.904761904761905, 10);
    expect(share(r, 'other', 2023)).toBeCloseTo(38.095238095238095, 10);
    expect(r.warnings).toEqual(['linear: a would fall below 0 % in 2023 (-5 %); held at 0 % and the other shares rescaled to sum to 100 %']);
    expectCoherent(r);
  });

  it('regions that cover the world get no remainder', () => {
    const r = coherentShares({
      method: 'cagr',
      through: 2030,
      regions: [
        { region: 'x', anchors: [{ year: 2020, value: 60 }, { year: 2025, value: 50 }] },
        { region: 'y', anchors: [{ year: 2020, value: 40 }, { year: 2025, value: 50 }] },
      ],
    });
    expect(r.regions.map((p) => p.region)).toEqual(['x', 'y']);
    expect(r.model).toMatch(/the other regions/);
    expectCoherent(r);
  });

  it('fills a year a region lacks by its own interpolation, and drops years outside its anchors', () => {
    const r = coherentShares({
      method: 'linear',
      from: 2022,
      through: 2028,
      regions: [
        { region: 'china', anchors: [{ year: 2022, value: 24 }, { year: 2023, value: 29 }, { year: 2025, value: 33 }, { year: 2027, value: 39 }] },
        taiwan,
      ],
    });
    expect(r.anchorYears).toEqual([2023, 2025, 2027]);
    expect(r.warnings).toEqual([
      '2022 left out of the anchors: taiwan has no value that year',
      'taiwan has no anchor in 2025; used 45.5 % interpolated between its anchors',
    ]);
    expect(share(r, 'china', 2025)).toBeCloseTo(33, 12);
    expect(r.regions[1].points.find((p) => p.year === 2025)!.status).toBe('interpolated');
    expect(r.regions[0].points.find((p) => p.year === 2025)!.status).toBe('anchor');
    expect(r.regions[0].points.find((p) => p.year === 2022)!.status).toBe('extrapolated');
    expectCoherent(r);
  });

  it('impossible requests are usage errors naming the problem', () => {
    const over = { region: 'big', anchors: [{ year: 2023, value: 60 }, { year: 2027, value: 50 }] };
    expect(usageErrorOf(() => coherentShares({ method: 'cagr', regions: [taiwan, over] })).message).toBe(
      "the regions' shares in 2023 add up to 109 %, more than 100 %",
    );
    const late = { region: 'late', anchors: [{ year: 2030, value: 5 }, { year: 2031, value: 6 }] };
    expect(usageErrorOf(() => coherentShares({ method: 'linear', regions: [china, late] })).message).toMatch(/overlap in no year/);
    const zero = { region: 'none', anchors: [{ year: 2023, value: 0 }, { year: 2027, value: 2 }] };
    expect(usageErrorOf(() => coherentShares({ method: 'cagr', regions: [china, zero] })).message).toMatch(/none is 0 % in 2023 \(use linear\)/);
    expect(coherentShares({ method: 'linear', regions: [china, zero] }).regions).toHaveLength(3);
    expect(usageErrorOf(() => coherentShares({ method: 'cagr', regions: [china, china] })).message).toMatch(/given twice/);
    expect(usageErrorOf(() => coherentShares({ method: 'cagr', regions: [{ ...china, region: 'other' }] })).message).toMatch(/name of the remainder/);
    expect(usageErrorOf(() => coherentShares({ method: 'cagr', regions: [] })).message).toMatch(/at least one region/);
    expect(usageErrorOf(() => coherentShares({ method: 'cagr', regions: [{ region: 'x', anchors: [{ year: 2023, value: 101 }, { year: 2024, value: 5 }] }] })).message).toMatch(/within 0–100/);
    expect(usageErrorOf(() => coherentShares({ method: 'cagr', regions: [{ region: 'x', anchors: [{ year: 2023, value: 1 }, { year: 2023, value: 5 }] }] })).message).toMatch(/region x: .*same year/);
  });

  it('property: shares stay within 0–100 and sum to 100 ± 1e-9 every year, under random inputs', () => {
    const input = fc
      .record({
        regionCount: fc.integer({ min: 1, max: 6 }),
        years: fc.uniqueArray(fc.integer({ min: 1990, max: 2050 }), { minLength: 2, maxLength: 4 }),
        method: fc.constantFrom('cagr', 'linear', 'logistic' as const),
        back: fc.integer({ min: 0, max: 40 }),
        ahead: fc.integer({ min: 0, max: 120 }),
        seedWeights: fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 7 * 4, maxLength: 7 * 4 }),
      })
      .map(({ regionCount, years, method, back, ahead, seedWeights }) => {
        // per year: regionCount + 1 positive weights, the last one the rest of the world, scaled to 100
        const perYear = years.map((_, j) => {
          const w = seedWeights.slice(j * 7, j * 7 + regionCount + 1);
          const total = w.reduce((s, v) => s + v, 0);
          return w.map((v) => (100 * v) / total);
        });
        return {
          method,
          from: Math.min(...years) - back,
          through: Math.max(...years) + ahead,
          regions: Array.from({ length: regionCount }, (_, i) => ({
            region: `r${i}`,
            anchors: years.map((year, j) => ({ year, value: perYear[j][i] })),
          })),
        };
      });
    fc.assert(
      fc.property(input, (request) => {
        const r = coherentShares(request);
        expectCoherent(r);
        // the anchors are kept
        for (const region of request.regions) {
          for (const a of region.anchors) expect(share(r, region.region, a.year)).toBeCloseTo(a.value, 8);
        }
      }),
      { numRuns: 300, seed: 20240615 },
    );
  });
});
