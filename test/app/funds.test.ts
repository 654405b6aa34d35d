// The one currency rule: each fund figure at its own year's average rate (fx.csv, US Federal Reserve G.5A),
// or every figure at one --fx-year; checked against conversions done by hand.
import { describe, expect, it } from 'vitest';
import { convertFund, convertFunds } from '../../src/app/funds.js';
import { loadDatasets, type FundRecord } from '../../src/data/datasets.js';
import { figureInBoth } from '../../src/domain/units.js';

const data = loadDatasets(undefined, ['funds', 'fx']);
const find = (phase: string, measure = 'registered_capital') => data.funds.find((f) => f.fund === 'big_fund' && f.phase === phase && f.measure === measure)!;

describe('fx.csv holds the G.5A annual averages', () => {
  it('2014–2025, one CNY rate a year, 2025 flagged as an estimate from a secondary source', () => {
    const cny = data.fx.filter((r) => r.currency === 'CNY');
    expect(cny.map((r) => r.year)).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025]);
    expect(Object.fromEntries(cny.map((r) => [r.year, r.per_usd]))).toMatchObject({ 2014: 6.162, 2019: 6.9081, 2022: 6.729, 2023: 7.0809, 2024: 7.1957, 2025: 7.1875 });
    const y2025 = cny.find((r) => r.year === 2025)!;
    expect(y2025.kind).toBe('estimate');
    expect(y2025.notes).toMatch(/SECONDARY SOURCE ONLY/);
    expect(cny.filter((r) => r.year < 2025).every((r) => r.kind === 'actual')).toBe(true);
  });
});

describe('convertFund: each figure at its own year', () => {
  it('Big Fund III: RMB 344 bn / 7.1957 (2024) = USD 47.81 bn; Reuters printed 47.5 at 7.2449 beside it', () => {
    const c = convertFund(find('III'), data.fx);
    expect(c.conversion.usd.low).toBeCloseTo(344 / 7.1957, 12);
    expect(Number(c.conversion.usd.low.toFixed(2))).toBe(47.81);
    expect(c.conversion).toMatchObject({ rateYear: 2024, requestedYear: 2024, cnyPerUsd: 7.1957 });
    expect(c.sourceUsd).toEqual({ low: 47.5, high: 47.5 });
    expect(c.sourcePerUsd).toBe(7.2449);
    expect(c.conversionSourceId).toBe('reuters_2024_05');
  });

  it('Big Fund II: RMB 204.15 bn / 6.9081 (2019) = USD 29.55 bn; no source printed a conversion with its rate', () => {
    const c = convertFund(find('II'), data.fx);
    expect(c.conversion.usd.low).toBeCloseTo(204.15 / 6.9081, 12);
    expect(Number(c.conversion.usd.low.toFixed(2))).toBe(29.55);
    expect(c.conversion.rateYear).toBe(2019);
    expect(c.sourceUsd).toBeNull();
  });

  it('--fx-year overrides: Big Fund III at 2023 (7.0809) = 48.58', () => {
    const c = convertFund(find('III'), data.fx, 2023);
    expect(c.conversion.usd.low).toBeCloseTo(344 / 7.0809, 12);
    expect(c.conversion).toMatchObject({ rateYear: 2023, cnyPerUsd: 7.0809 });
  });

  it('a USD figure gets its CNY at its own year: the CHIPS Act 52.7 × 6.7290 (2022)', () => {
    const chips = data.funds.find((f) => f.fund === 'chips_act' && f.measure === 'appropriation')!;
    const c = convertFund(chips, data.fx);
    expect(c.conversion.usd.low).toBe(52.7);
    expect(c.conversion.cny.low).toBeCloseTo(52.7 * 6.729, 12);
  });

  it('a year without a rate uses the nearest year, and says so', () => {
    const later: FundRecord = { ...find('III'), year: 2026 };
    const c = convertFund(later, data.fx);
    expect(c.conversion).toMatchObject({ requestedYear: 2026, rateYear: 2025, cnyPerUsd: 7.1875 });
    expect(c.conversion.note).toBe("no CNY per USD rate for 2026; used 2025's (7.1875), the nearest year");
  });

  it('ranges stay ranges: RMB 200–500 bn at 2025 is USD 27.83–69.57 bn', () => {
    const c = figureInBoth({ low: 200, high: 500 }, 'CNY', 2025, data.fx);
    expect(c.usd.low).toBeCloseTo(200 / 7.1875, 12);
    expect(c.usd.high).toBeCloseTo(500 / 7.1875, 12);
  });
});

describe('convertFunds', () => {
  it('totals add each phase at its own year: 98.72/6.1620 + 204.15/6.9081 + 344/7.1957', () => {
    const r = convertFunds(data);
    expect(r.fxYear).toBeUndefined();
    const phase3 = r.totals.find((t) => t.label.startsWith('Big Fund through phase III'))!;
    expect(phase3.usd.low).toBeCloseTo(98.72 / 6.162 + 204.15 / 6.9081 + 344 / 7.1957, 10);
    expect(phase3.rates).toBe('2014: 6.162; 2019: 6.9081; 2024: 7.1957');
    expect(r.notes[0]).toMatch(/^CNY per USD: each figure at its own year's average rate \(fx\.csv: 2014–2025\)/);
  });

  it('--fx-year 2023: every figure at 7.0809; a year with no rate is a usage error listing the years', () => {
    const r = convertFunds(data, { fxYear: 2023 });
    expect(r.funds.every((f) => f.conversion.rateYear === 2023 && f.conversion.cnyPerUsd === 7.0809)).toBe(true);
    expect(r.notes[0]).toBe('CNY per USD 7.0809 (2023, actual, frb_g5a_2024_02); choose another year with --fx-year (2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025)');
    expect(() => convertFunds(data, { fxYear: 2030 })).toThrow(/no CNY per USD rate for 2030; available years: 2014, 2015/);
  });
});
