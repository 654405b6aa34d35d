import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDatasets } from '../../src/data/datasets.js';
import { loadScenarios } from '../../src/data/scenarios.js';
import { ratePath, stepPath } from '../../src/domain/projection.js';
import { applyOverride, checkSeries, overrideKeys, scenarioPath, type Scenario, type SeriesAssumptions } from '../../src/domain/scenario.js';
import { errorOf } from '../helpers/errors.js';

const DATASETS = join(import.meta.dirname, '../../datasets');
const DATA = loadDatasets(DATASETS);
const bundled = () => loadScenarios(join(DATASETS, 'scenarios.csv'), DATA);
const find = (scenarios: Scenario[], name: string, series: string): SeriesAssumptions => scenarios.find((s) => s.name === name)!.series.find((s) => s.series === series)!;
const valueIn = (s: SeriesAssumptions, year: number) => scenarioPath(s, year).find((p) => p.year === year)!.value;


describe('the bundled scenarios', () => {
  it('hold bear, base and bull, each with the four series, and every source_id resolves', () => {
    const scenarios = bundled();
    expect(scenarios.map((s) => s.name)).toEqual(['bear', 'base', 'bull']);
    for (const sc of scenarios) {
      expect(sc.note.length).toBeGreaterThan(20);
      expect(sc.series.map((s) => s.series)).toEqual(['mature_share', 'china_wpm', 'fund_deployment', 'self_sufficiency']);
    }
  });

  it('start values, caps and targets with a source_id are the bundled figures of that source', () => {
    const data = loadDatasets(DATASETS);
    const scenarios = bundled();
    for (const sc of scenarios) {
      const mature = find(scenarios, sc.name, 'mature_share');
      expect(data.capacityShare.find((r) => r.year === 2024 && r.region === 'china' && r.segment === 'mature' && r.source_id === mature.start.sourceId)?.share_pct).toBe(mature.start.value);
      const t2027 = mature.targets.find((t) => t.year === 2027)!;
      expect(data.capacityShare.find((r) => r.year === 2027 && r.region === 'china' && r.segment === 'mature' && r.source_id === t2027.sourceId)?.share_pct).toBe(t2027.value);
      const wpm = find(scenarios, sc.name, 'china_wpm');
      expect(data.capacity.find((r) => r.year === 2025 && r.entity === 'china' && r.segment === 'all_fabs' && r.source_id === wpm.start.sourceId)?.value).toBe(wpm.start.value);
      const fund = find(scenarios, sc.name, 'fund_deployment');
      const deployed = data.funds.filter((r) => r.fund === 'big_fund' && r.phase === 'III' && r.status === 'deployed' && r.source_id === fund.start.sourceId);
      expect(deployed.reduce((s, r) => s + r.amount_low, 0)).toBe(fund.start.value);
      expect(data.funds.find((r) => r.fund === 'big_fund' && r.phase === 'III' && r.measure === 'registered_capital' && r.source_id === fund.cap!.sourceId)?.amount_low).toBe(fund.cap!.value);
      const self = find(scenarios, sc.name, 'self_sufficiency');
      expect(data.selfSufficiency.find((r) => r.year === 2021 && r.scope === 'ic_production_in_china' && r.source_id === self.start.sourceId)?.rate_pct).toBe(self.start.value);
      for (const t of self.targets) expect(data.selfSufficiency.find((r) => r.year === t.year && r.kind === 'target' && r.source_id === t.sourceId)?.rate_pct).toBe(t.value);
    }
  });

  it('growth rates said to be implied by two figures are those figures’ compound rate', () => {
    const scenarios = bundled();
    expect(find(scenarios, 'bear', 'mature_share').growth!.value).toBeCloseTo(((33 / 29) ** (1 / 4) - 1) * 100, 2);
    expect(find(scenarios, 'base', 'mature_share').growth!.value).toBeCloseTo(((39 / 31) ** (1 / 4) - 1) * 100, 2);
    expect(find(scenarios, 'base', 'self_sufficiency').growth!.value).toBeCloseTo(((21.2 / 16.7) ** (1 / 5) - 1) * 100, 2);
    expect(find(scenarios, 'base', 'fund_deployment').step!.value).toBe((344 - 164) / 9);
  });
});

describe('point paths', () => {
  const scenarios = bundled();

  it('compound: base mature share 34 % · 1.0591^6 in 2030', () => {
    expect(valueIn(find(scenarios, 'base', 'mature_share'), 2030)).toBeCloseTo(34 * 1.0591 ** 6, 10); // 47.9845
    expect(valueIn(find(scenarios, 'base', 'china_wpm'), 2030)).toBeCloseTo(10_100_000 * 1.08 ** 5, 4); // 14,840,213.58
  });

  it('logistic: the yearly step equals the closed form K / (1 + ((K − v0)/v0)·(1+g)^−t)', () => {
    const bull = find(scenarios, 'bull', 'mature_share'); // 34 % in 2024, g 20 %, K 70
    for (let t = 1; t <= 10; t++) {
      expect(valueIn(bull, 2024 + t)).toBeCloseTo(70 / (1 + ((70 - 34) / 34) * 1.2 ** -t), 10);
    }
    expect(valueIn(bull, 2030)).toBeCloseTo(51.6758531722763, 10);
  });

  it('linear with a cap: held at the cap and marked', () => {
    const fund = find(applyOverride(scenarios, 'base.fund_deployment.step', '25'), 'base', 'fund_deployment');
    const path = scenarioPath(fund, 2034);
    expect(path.find((p) => p.year === 2032)!.value).toBe(164 + 7 * 25); // 339
    expect(path.find((p) => p.year === 2033)).toEqual({ year: 2033, value: 344, held: true });
  });

  it('a compound share never passes 100 %', () => {
    const s = find(applyOverride(scenarios, 'base.mature_share.growth_pct', '40'), 'base', 'mature_share');
    const path = scenarioPath(s, 2040);
    expect(Math.max(...path.map((p) => p.value))).toBe(100);
    expect(path.find((p) => p.value === 100)!.held).toBe(true);
  });

  it('stepPath and ratePath: each method by hand, held within the bounds', () => {
    const step = (method: 'cagr' | 'linear' | 'logistic', value: number, rate: number) => ratePath(method, { year: 2025, value }, rate, { floor: 0, cap: 100 }, 2026)[1];
    expect(stepPath('cagr', 40, 0.2, 100)).toBe(48);
    expect(step('cagr', 90, 0.2)).toEqual({ year: 2026, value: 100, held: true }); // 108 held at the cap
    expect(step('linear', 5, -7)).toEqual({ year: 2026, value: 0, held: true });
    expect(step('logistic', 50, 1).value).toBeCloseTo((100 * 50 * 2) / (100 + 50), 12); // 66.67
    expect(step('logistic', 0, 1).value).toBe(0);
    expect(step('cagr', 10, -1.5)).toEqual({ year: 2026, value: 0, held: false }); // a growth below −100 % empties, never goes negative
    // The logistic step is the logistic curve's: k = ln 2 a year from 50 % gives 100/(1 + e^(−2 ln 2)) = 80 % after two years.
    expect(ratePath('logistic', { year: 2025, value: 50 }, 1, { floor: 0, cap: 100 }, 2027)[2].value).toBeCloseTo(80, 12);
  });
});

describe('--set overrides', () => {
  const scenarios = bundled();

  it('sets a point value and keeps the spread (a normal keeps its sd)', () => {
    const s = find(applyOverride(scenarios, 'base.mature_share.growth_pct', '6'), 'base', 'mature_share');
    expect(s.growth!.value).toBe(6);
    expect(s.growth!.dist).toEqual({ kind: 'normal', sd: 2 });
    expect(valueIn(s, 2030)).toBeCloseTo(34 * 1.06 ** 6, 10);
    // The other scenarios are untouched.
    expect(find(applyOverride(scenarios, 'base.mature_share.growth_pct', '6'), 'bear', 'mature_share').growth!.value).toBe(3.28);
  });

  it('moves a triangular distribution with its mode; sets sd, min, max, method, targets; * sets every scenario', () => {
    const bull = find(applyOverride(scenarios, 'bull.china_wpm.growth_pct', '10'), 'bull', 'china_wpm');
    expect(bull.growth!.dist).toEqual({ kind: 'triangular', min: 6, max: 13 });
    expect(find(applyOverride(scenarios, 'base.mature_share.growth_pct.sd', '3'), 'base', 'mature_share').growth!.dist).toEqual({ kind: 'normal', sd: 3 });
    expect(find(applyOverride(scenarios, 'bull.china_wpm.growth_pct.max', '20'), 'bull', 'china_wpm').growth!.dist).toEqual({ kind: 'triangular', min: 8, max: 20 });
    expect(find(applyOverride(scenarios, 'base.self_sufficiency.method', 'logistic'), 'base', 'self_sufficiency').method).toBe('logistic');
    const t = find(applyOverride(scenarios, 'base.mature_share.target.2035', '60'), 'base', 'mature_share').targets;
    expect(t.map((x) => [x.year, x.value])).toEqual([[2027, 39], [2030, 50], [2035, 60]]);
    expect(find(applyOverride(scenarios, 'base.china_wpm.growth_pct.draw', 'once'), 'base', 'china_wpm').growth!.draw).toBe('once');
    expect(errorOf(() => applyOverride(scenarios, 'base.china_wpm.growth_pct.draw', 'daily'), 'usage').message).toMatch(/expected once or yearly/);
    const all = applyOverride(scenarios, '*.mature_share.start', '35');
    expect(all.map((sc) => find(all, sc.name, 'mature_share').start.value)).toEqual([35, 35, 35]);
  });

  it('names of Object.prototype are unknown assumptions, not silently ignored', () => {
    for (const key of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '__proto__.sd']) {
      expect(errorOf(() => applyOverride(scenarios, `base.mature_share.${key}`, '5'), 'usage').message).toMatch(new RegExp(`unknown assumption '${key.replace('.', '\\.')}'`));
    }
  });

  it('unknown scenarios, series and assumptions are usage errors naming the valid ones', () => {
    expect(errorOf(() => applyOverride(scenarios, 'best.mature_share.growth_pct', '6'), 'usage').message).toMatch(/no scenario 'best'; valid: bear, base, bull/);
    expect(errorOf(() => applyOverride(scenarios, 'base.share.growth_pct', '6'), 'usage').message).toMatch(/no series 'share'; valid: mature_share, china_wpm, fund_deployment, self_sufficiency/);
    const m = errorOf(() => applyOverride(scenarios, 'base.mature_share.growth', '6'), 'usage').message;
    expect(m).toMatch(/unknown assumption 'growth'/);
    expect(m).toContain(overrideKeys(find(scenarios, 'base', 'mature_share')).join(', '));
    expect(m).toContain('growth_pct.sd');
    expect(errorOf(() => applyOverride(scenarios, 'base.mature_share', '6'), 'usage').message).toMatch(/SCENARIO\.SERIES\.ASSUMPTION=VALUE/);
    expect(errorOf(() => applyOverride(scenarios, 'base.mature_share.growth_pct', 'six'), 'usage').message).toMatch(/'six' is not a number/);
    expect(errorOf(() => applyOverride(scenarios, 'base.mature_share.growth_pct.min', '1'), 'usage').message).toMatch(/normal distribution, with no min/);
    expect(errorOf(() => applyOverride(scenarios, 'base.mature_share.method', 'exp'), 'usage').message).toMatch(/expected one of cagr, linear, logistic/);
  });

  it('an override that breaks a precondition is refused with the reason', () => {
    expect(errorOf(() => applyOverride(scenarios, 'base.mature_share.start', '120'), 'usage').message).toMatch(/share must lie within 0–100 %/);
    expect(errorOf(() => applyOverride(scenarios, 'bull.china_wpm.growth_pct.min', '13'), 'usage').message).toMatch(/the value 12 must lie within min 13 and max 15/);
    expect(errorOf(() => applyOverride(scenarios, 'base.mature_share.growth_pct', '-100'), 'usage').message).toMatch(/above −100/);
  });
});

describe('checkSeries', () => {
  const base: SeriesAssumptions = { series: 's', unit: 'percent', method: 'cagr', startYear: 2025, start: { value: 10, dist: { kind: 'fixed' }, draw: 'once' }, growth: { value: 5, dist: { kind: 'fixed' }, draw: 'once' }, targets: [], notes: [] };
  it('names the broken precondition', () => {
    expect(errorOf(() => checkSeries('x', { ...base, method: 'linear' }), 'usage').message).toMatch(/linear needs a step/);
    expect(errorOf(() => checkSeries('x', { ...base, unit: 'wpm', method: 'logistic' }), 'usage').message).toMatch(/logistic needs a cap/);
    expect(errorOf(() => checkSeries('x', { ...base, targets: [{ year: 2020, value: 20 }] }), 'usage').message).toMatch(/after the start year 2025/);
    expect(errorOf(() => checkSeries('x', { ...base, growth: { value: 5, dist: { kind: 'normal', sd: -1 }, draw: 'once' } }), 'usage').message).toMatch(/standard deviation ≥ 0/);
    expect(errorOf(() => checkSeries('x', { ...base, growth: { value: 5, dist: { kind: 'uniform', min: 6, max: 9 }, draw: 'once' } }), 'usage').message).toMatch(/must lie within min 6 and max 9/);
    expect(errorOf(() => checkSeries('x', { ...base, start: { value: 10, dist: { kind: 'normal', sd: 1 }, draw: 'yearly' } }), 'usage').message).toMatch(/drawn once per path/);
    expect(() => checkSeries('x', base)).not.toThrow();
  });
});

describe('scenario files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'semicap-scenarios-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const HEADER = 'scenario,series,assumption,year,value,unit,distribution,sd,min,max,draw,source_id,note';
  const write = (name: string, lines: string[]) => {
    const path = join(dir, name);
    writeFileSync(path, [HEADER, ...lines].join('\n') + '\n');
    return path;
  };

  it('reads a minimal file: defaults cagr, fixed, drawn once', () => {
    const path = write('ok.csv', ['mine,,about,,,,,,,,,,My case', 'mine,cap,start,2025,100,wpm_8in_eq,,,,,,,', 'mine,cap,growth_pct,,7,,normal,2,,,,,']);
    const [sc] = loadScenarios(path);
    expect(sc.note).toBe('My case');
    expect(sc.series[0]).toMatchObject({ series: 'cap', unit: 'wpm_8in_eq', method: 'cagr', startYear: 2025, start: { value: 100, dist: { kind: 'fixed' }, draw: 'once' }, growth: { value: 7, dist: { kind: 'normal', sd: 2 } } });
  });

  it('reports problems as FILE:LINE:COLUMN with what was expected (exit 65)', () => {
    const cases: [string[], RegExp][] = [
      [['a,s,growth_pct,,5,,,,,,,,'], /:2: a\.s has no start row/],
      [['a,s,start,2025,10,percent,,,,,,,', 'a,s,growth_pct,,5,,normal,,,,,,'], /:3:8: a\.s\.growth_pct: a normal distribution needs sd/],
      [['a,s,start,2025,10,percent,,,,,,,', 'a,s,method,,exponential,,,,,,,,'], /:3:5: method 'exponential' is not known; expected one of cagr, linear, logistic/],
      [['a,s,start,2025,10,percent,,,,,,,', 'a,s,growth_pct,,five,,,,,,,,'], /:3:5: 'five' is not a number/],
      [['a,s,start,2025,10,percent,,,,,,,', 'a,s,growth_pct,,5,,triangular,,6,9,,,'], /must lie within min 6 and max 9/],
      [['a,s,start,2025,10,,,,,,,,'], /:2:6: a\.s: the start row needs a unit/],
      [['a,s,start,2025,10,percent,,,,,,,', 'a,s,growth_pct,,5,,fixed,1,,,,,'], /:3:8: .*sd is not a parameter of a fixed distribution/],
      [['a,s,start,2025,10,percent,,,,,,,', 'a,s,growth_pct,,5,,,,,,,,', 'a,s,growth_pct,,6,,,,,,,,'], /:4: duplicate row/],
      [['a,s,start,2025,10,percent,,,,,,,', 'a,s,rate,,5,,,,,,,,'], /:3:3: assumption 'rate' is not allowed; expected one of start, method, growth_pct, step, cap, floor, target, about/],
    ];
    cases.forEach(([lines, pattern], i) => {
      const path = write(`bad${i}.csv`, lines);
      const e = errorOf(() => loadScenarios(path), 'data');
      expect(e.message.startsWith(path)).toBe(true);
      expect(e.message).toMatch(pattern);
    });
  });

  it('checks source_id against sources.csv when given', () => {
    const path = write('src.csv', ['a,s,start,2025,10,percent,,,,,,nowhere_2020,', 'a,s,growth_pct,,5,,,,,,,,']);
    expect(errorOf(() => loadScenarios(path, DATA), 'data').message).toMatch(/:2:12: source_id 'nowhere_2020' is not in sources\.csv/);
  });

  it('resolves @dataset references in the bundled figures and says where each was read', () => {
    const path = write('refs.csv', [
      'r,share,start,2024,@capacity_share/china/mature,percent,,,,,,reuters_2025_02_trendforce,',
      'r,share,growth_pct,,5,,,,,,,,',
      'r,share,target,2027,@capacity_share/china/mature,percent,,,,,,trendforce_2023_10,',
      'r,pkg,start,2025,@funds/support_package_2025/-/package_size/high,CNY_bn,,,,,,bloomberg_2025_12,',
      'r,pkg,growth_pct,,0,,,,,,,,',
      'r,pkg,cap,2025,@funds/big_fund/III/deployment_huaxin_dingxin + @funds/big_fund/III/deployment_guotou_jixin,CNY_bn,,,,,,dealstreetasia_2025_01,',
    ]);
    const [sc] = loadScenarios(path, DATA);
    const share = sc.series[0];
    expect(share.start.value).toBe(34);
    expect(share.start.from).toMatch(/^capacity_share\.csv line \d+$/);
    expect(share.targets).toMatchObject([{ year: 2027, value: 33, sourceId: 'trendforce_2023_10' }]);
    expect(sc.series[1].start.value).toBe(500);
    expect(sc.series[1].cap!.value).toBe(93 + 71);
    expect(sc.series[1].cap!.from).toMatch(/^funds\.csv line \d+ \+ funds\.csv line \d+$/);
  });

  it('a reference that matches no figure, several figures or a range says what exists', () => {
    const cases: [string, RegExp][] = [
      ['r,s,start,2023,@capacity_share/china/mature,percent,,,,,,,', /@capacity_share\/china\/mature: 2 capacity_share\.csv figures for 2023; give the source_id of one \(trendforce_2023_10, trendforce_2023_12\)/],
      ['r,s,start,2031,@capacity_share/china/mature,percent,,,,,,,', /no capacity_share\.csv figure for 2031; its figures: 2023 \(trendforce_2023_10\), 2027 \(trendforce_2023_10\)/],
      ['r,s,start,2025,@funds/support_package_2025/-/package_size,CNY_bn,,,,,,,', /a range 200–500; add \/low or \/high/],
      ['r,s,start,2025,@fx/CNY,CNY_bn,,,,,,,', /'@fx\/CNY' is not a reference to a bundled figure; expected @capacity_share/],
    ];
    cases.forEach(([line, pattern], i) => {
      const path = write(`ref${i}.csv`, [line, 'r,s,growth_pct,,5,,,,,,,,']);
      expect(errorOf(() => loadScenarios(path, DATA), 'data').message).toMatch(pattern);
    });
    const noYear = write('noyear.csv', ['r,s,start,2025,10,CNY_bn,,,,,,,', 'r,s,growth_pct,,5,,,,,,,,', 'r,s,cap,,@funds/big_fund/III/registered_capital,CNY_bn,,,,,,,']);
    expect(errorOf(() => loadScenarios(noYear, DATA), 'data').message).toMatch(/:4:4: '@funds\/big_fund\/III\/registered_capital' refers to a figure: give the figure's year/);
    const path = write('nodata.csv', ['r,s,start,2024,@capacity_share/china/mature,percent,,,,,,reuters_2025_02_trendforce,', 'r,s,growth_pct,,5,,,,,,,,']);
    expect(errorOf(() => loadScenarios(path), 'data').message).toMatch(/:2:5: .*no datasets were loaded to resolve it/);
  });

  it('a missing file is missing input (exit 66)', () => {
    errorOf(() => loadScenarios(join(dir, 'none.csv')), 'missing-input');
  });
});
