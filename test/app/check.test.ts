// The check use case called as `semicap check` calls it: rule text against the bundled datasets, each outcome's
// figure checked against values worked out by hand from datasets/self_sufficiency.csv and capacity.csv.
import { describe, expect, it } from 'vitest';
import { checkUseCase } from '../../src/app/check.js';
import { bundledDataDir } from '../../src/data/datasets.js';

const rules = (...lines: string[]) => ['rule,metric,selector,op,value,unit', ...lines].join('\n');

describe('checkUseCase', () => {
  it("self-sufficiency's current path: 10.2 % (2010) → 16.7 % (2021), continued to 2030", () => {
    const { outcomes, inputs } = checkUseCase(rules('linear,self_sufficiency,year=2030 path=linear,>=,22,%', 'compound,self_sufficiency,year=2030 path=cagr,<,25,%'), 'rules.csv', bundledDataDir());
    // linear: 16.7 + 9 · (16.7 − 10.2) / 11 = 22.018…; compound: 16.7 · (16.7 / 10.2)^(9/11) = 24.9978…
    expect(outcomes[0].actual as number).toBeCloseTo(16.7 + (9 * 6.5) / 11, 10);
    expect(outcomes[1].actual as number).toBeCloseTo(16.7 * (16.7 / 10.2) ** (9 / 11), 10);
    expect(outcomes.map((o) => o.result)).toEqual(['pass', 'pass']);
    expect(outcomes[0].detail).toBe('current linear path from 2021=16.7%');
    expect(inputs[0]).toBe('rules.csv');
    expect(inputs.length).toBeGreaterThan(1);
  });

  it("china's capacity: end-2023 7.6M and end-2025 10.1M wpm (8-inch eq.) compounded to 2030, in 12-inch wafers", () => {
    const { outcomes } = checkUseCase(rules('wpm,wpm,entity=china year=2030,>,9200000,wpm_12in'), 'rules.csv', bundledDataDir());
    // 7.6M / 2.25 · (10.1 / 7.6)^(7/2) = 9,139,202.69…
    expect(outcomes[0].actual as number).toBeCloseTo((7.6e6 / 2.25) * (10.1 / 7.6) ** 3.5, 4);
    expect(outcomes[0].result).toBe('fail');
    expect(outcomes[0].detail).toBe('all_fabs, cagr extrapolated, 2023–2025 figures');
  });

  it('a rule that matches no figure is an error with its reason, the others still evaluated', () => {
    const { outcomes } = checkUseCase(rules('old,self_sufficiency,year=1990,>,1,%', 'ok,self_sufficiency,year=2021,==,16.7,%'), 'rules.csv', bundledDataDir());
    expect(outcomes.map((o) => [o.result, o.actual, o.detail])).toEqual([
      ['error', null, "no actual figure of 'ic_production_in_china' for 1990"],
      ['pass', 16.7, 'icinsights_2022_05 (actual)'],
    ]);
  });

  it('a malformed rule is a data error at FILE:LINE:COLUMN before anything is evaluated', () => {
    expect(() => checkUseCase(rules('x,share,year=2027,>=,abc,%'), 'rules.csv', bundledDataDir())).toThrow(expect.objectContaining({ kind: 'data', message: expect.stringMatching(/^rules\.csv:2:5: /) }));
  });
});
