// `semicap check RULES.csv` end to end: results, exit 0/1, malformed rule files (65, located), missing (66).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDatasets, removeDir, ROOT, semicap, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, HOME: root, XDG_CONFIG_HOME: undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };
const HEADER = 'rule,metric,selector,op,value,unit';

function rules(name: string, lines: string[]): string {
  const file = join(root, name);
  writeFileSync(file, [HEADER, ...lines].join('\n') + '\n');
  return file;
}

describe('semicap check', () => {
  it('the example rules in docs/ pass: exit 0, one row per rule', async () => {
    const r = await semicap(['check', join(ROOT, 'docs', 'rules.example.csv'), '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('line,rule,evaluated,actual,actual_text,op,expected,expected_text,unit,result,detail');
    expect(rows).toHaveLength(1 + 8);
    expect(rows.slice(1).every((l) => l.includes(',pass,'))).toBe(true);
  });

  it('computes the figures rules name: own figures, projections, rates, conversions', async () => {
    const file = rules('values.csv', [
      'share own figure,share,source=trendforce_2023_12 year=2027,==,39,%',
      'share compound 2030,share,source=trendforce_2023_12 year=2030,==,46.33,%',
      'share linear 2030,share,source=trendforce_2023_12 year=2030 method=linear,==,45,%',
      'implied rate,cagr,source=trendforce_2023_10,>,3.27,%/yr',
      'wpm linear 2027 in 12-inch,wpm,entity=china year=2027 method=linear,==,5600000,wpm_12in',
      'fund in USD,fund,fund=big_fund phase=III measure=registered_capital,>=,47.48,USD_bn',
      'rows,rows,dataset=fx,==,12,',
      'fund in USD at 2023,fund,fund=big_fund phase=III measure=registered_capital fx_year=2023,<,48.6,USD_bn',
    ]);
    const r = await semicap(['check', file, '--format', 'json'], { env: ENV });
    const rows = JSON.parse(r.stdout).tables[0].rows as { rule: string; actual: number; result: string }[];
    const actual = Object.fromEntries(rows.map((x) => [x.rule, x.actual]));
    expect(actual['share own figure']).toBe(39);
    // 31 × (39/31)^(7/4): the Dec 2023 release's 2023→2027 compound rate carried to 2030.
    expect(actual['share compound 2030']).toBeCloseTo(31 * Math.pow(39 / 31, 7 / 4), 12);
    expect(actual['share linear 2030']).toBeCloseTo(45, 12);
    // (33/29)^(1/4) − 1 = 3.28 %/yr.
    expect(actual['implied rate']).toBeCloseTo((Math.pow(33 / 29, 1 / 4) - 1) * 100, 10);
    // China all fabs 7.6M (2023) → 10.1M (2025) wpm 8-inch eq: +1.25M a year; 2027 = 12.6M = 5.6M 12-inch.
    expect(actual['wpm linear 2027 in 12-inch']).toBeCloseTo(12_600_000 / 2.25, 4);
    // RMB 344 bn at 2024's average 7.1957 CNY per USD (the fund's own year, as `funds` converts it): 47.81.
    expect(actual['fund in USD']).toBeCloseTo(344 / 7.1957, 10);
    expect(actual['fund in USD']).toBeCloseTo(47.8063, 4);
    // fx_year=2023 converts at 2023's average, 7.0809: 48.58.
    expect(actual['fund in USD at 2023']).toBeCloseTo(344 / 7.0809, 10);
    expect(actual.rows).toBe(12);
    // 46.33 is the rounded value: == allows only 1e-9 relative, so that rule fails; 47.81 >= 47.48 passes.
    expect(rows.map((x) => x.result)).toEqual(['pass', 'fail', 'pass', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(r.code).toBe(1);
  });

  it('a failed rule: exit 1, the table says fail, stderr names FILE:LINE and the comparison', async () => {
    const file = rules('fail.csv', ['China mature share 2027 (Oct 2023) >= 35 %,share,source=trendforce_2023_10 year=2027,>=,35,%', 'fine,rows,dataset=sources,>,0,']);
    const r = await semicap(['check', file, '--wide'], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/│ +2 │ China mature share 2027 \(Oct 2023\) >= 35 % │ share region=china segment=mature source=trendforce_2023_10 year=2027 method=cagr │ +33\.00 │ +│ ge │ +35\.00 │ +│ % +│ fail +│/);
    expect(r.stdout).toContain('1 of 2 rule(s) passed');
    expect(r.stderr).toBe(`semicap: ${file}:2: failed: China mature share 2027 (Oct 2023) >= 35 % (33 >= 35 % is false)\n`);
  });

  it('a rule whose known selector matches no figure is an error and fails the run', async () => {
    const file = rules('error.csv', ['no 1990 figure,self_sufficiency,year=1990,>=,1,%']);
    const r = await semicap(['check', file, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toBe("2,no 1990 figure,self_sufficiency scope=ic_production_in_china year=1990,,,ge,1,,%,error,no actual figure of 'ic_production_in_china' for 1990");
    expect(r.stderr).toContain(`semicap: ${file}:2: could not be evaluated: no 1990 figure (no actual figure of 'ic_production_in_china' for 1990)\n`);
  });

  it('every dataset valid: fails on a broken dataset (exit 1), while other rules still run', async () => {
    const data = copyDatasets(root, 'broken');
    writeFileSync(join(data, 'funds.csv'), 'fund,phase,year,measure,amount_low,amount_high,currency,status,kind,source_id,notes\nbig_fund,I,2014,registered_capital,98.72,98.72,CNY,registered,actual,no_such_source,\n');
    const file = rules('valid.csv', ['every dataset valid,valid,,==,true,', 'fx still fine,valid,dataset=fx,==,true,', 'rows,rows,dataset=fx,==,12,']);
    const r = await semicap(['check', file, '--data', data, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(1);
    const results = r.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[9]);
    // The third rule needs the datasets loaded, which a broken file prevents: an error, not a silent pass.
    expect(results).toEqual(['fail', 'pass', 'error']);
  });

  it('a malformed rule file is bad data (exit 65) located at FILE:LINE:COLUMN, before anything runs', async () => {
    const cases: [string[], string][] = [
      [['x,shares,year=2027,>=,1,%'], "2:2: unknown metric 'shares' (did you mean 'share'?)"],
      [['x,share,yeer=2027,>=,1,%'], "2:3: metric 'share' has no selector key 'yeer'"],
      [['x,share,source=a,>=,1,%'], "2:3: metric 'share' needs year=..."],
      [['x,share,year=2027,=>,1,%'], "2:4: operator '=>'; expected one of >= > <= < == !="],
      [['x,share,year=2027,>=,lots,%'], "2:5: value 'lots'"],
      [['x,share,year=2027,>=,1,USD_bn'], "2:6: unit 'USD_bn' does not fit metric 'share'; expected %"],
      [['x,valid,,>=,true,'], "2:4: metric 'valid' is true or false: use == or !="],
    ];
    for (const [lines, expected] of cases) {
      const file = rules('bad.csv', lines);
      const r = await semicap(['check', file], { env: ENV });
      expect(r.code, expected).toBe(65);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(`semicap: ${file}:${expected}`), r.stderr).toBe(true);
    }
    const header = join(root, 'header.csv');
    writeFileSync(header, 'name,metric,selector,op,value,unit\n');
    const h = await semicap(['check', header], { env: ENV });
    expect(h.code).toBe(65);
    expect(h.stderr).toBe(`semicap: ${header}:1:1: column 1 is 'name'; expected the header rule,metric,selector,op,value,unit\n`);
  });

  it('comments and a UTF-8 BOM are fine; a missing file is exit 66', async () => {
    const file = join(root, 'bom.csv');
    writeFileSync(file, `\uFEFF${HEADER}\r\n# a comment\r\n规则,rows,dataset=fx,==,12,\r\n`);
    const r = await semicap(['check', file, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(0);
    // Operators are written as words (a cell starting with '=' would be a formula in a spreadsheet).
    expect(r.stdout.split('\n')[1]).toBe('3,规则,rows dataset=fx,12,,eq,12,,,pass,fx.csv');
    const missing = await semicap(['check', join(root, 'nope.csv')], { env: ENV });
    expect(missing.code).toBe(66);
    expect(missing.stderr).toBe(`semicap: ${join(root, 'nope.csv')}: no such file\n`);
  });
  it('fails closed: unknown dataset, metric, selector key or value, an empty rule file: exit 65 located, nothing evaluated', async () => {
    const cases: [string[], string][] = [
      [['misspelt dataset,valid,dataset=fundz,==,true,'], "2:3: unknown dataset 'fundz' (did you mean 'funds'?); expected one of sources, capacity_share, capacity, funds, self_sufficiency, fx"],
      [['misspelt dataset,rows,dataset=sourcez,>,0,'], "2:3: unknown dataset 'sourcez' (did you mean 'sources'?)"],
      [['x,share,region=chna year=2027,>=,1,%'], "2:3: unknown region 'chna' (did you mean 'china'?); expected one of "],
      [['x,share,source=trendforce_2032_12 year=2027,>=,1,%'], "2:3: unknown source 'trendforce_2032_12' (did you mean 'trendforce_2023_12'?)"],
      [['x,fund,fund=big_fun,>=,1,CNY_bn'], "2:3: unknown fund 'big_fun' (did you mean 'big_fund'?)"],
      [['x,self_sufficiency,scope=ic year=2021 kind=actuals,>=,1,%'], "2:3: unknown kind 'actuals' (did you mean 'actual'?)"],
      [['x,share,year=2027 year=2028,>=,1,%'], "2:3: selector key 'year' is given twice ('2027' and '2028'); expected it once"],
      [['x,wpm,year=2027 method=logistic,>=,1,wpm_12in'], '2:3: metric wpm projects with method=cagr or method=linear, not logistic'],
      [['x,__proto__,year=2027,>=,1,%'], "2:2: unknown metric '__proto__'"],
      [['x,toString,year=2027,>=,1,%'], "2:2: unknown metric 'toString'"],
      [['x,constructor,,>=,1,'], "2:2: unknown metric 'constructor'"],
      [['x,share,__proto__=1 year=2027,>=,1,%'], "2:3: metric 'share' has no selector key '__proto__'"],
      [['x,share,year=2027 region=__proto__,>=,1,%'], "2:3: unknown region '__proto__'"],
      [['x,valid,dataset=constructor,==,true,'], "2:3: unknown dataset 'constructor'"],
      [['x,share,year=2027,hasOwnProperty,1,%'], "2:4: operator 'hasOwnProperty'"],
      [['x,share,year=2027,>=,1e999,%'], "2:5: value '1e999' is out of range; expected a number"],
    ];
    for (const [lines, expected] of cases) {
      const file = rules('closed.csv', lines);
      const r = await semicap(['check', file], { env: ENV });
      expect(r.code, expected).toBe(65);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(`semicap: ${file}:${expected}`), r.stderr).toBe(true);
      expect(r.stderr.split('\n')).toHaveLength(2);
    }
    const empty = rules('empty.csv', ['# only a comment']);
    const e = await semicap(['check', empty], { env: ENV });
    expect(e.code).toBe(65);
    expect(e.stderr).toBe(`semicap: ${empty}:1: has a header but no rules; expected at least one rule (a gate with no rules would pass anything)\n`);
  });

  it('shows the exact values compared: full precision in CSV and JSON, enough decimals in the table; words for operators', async () => {
    // 31 × (39/31)^(7/4) = 46.3299…: a rule against the rounded 46.33 fails and must not read "46.33 == 46.33".
    const file = rules('exact.csv', ['rounded,share,source=trendforce_2023_12 year=2030,==,46.33,%', 'valid,valid,,==,true,', 'words,rows,dataset=fx,eq,12,']);
    const exact = 31 * Math.pow(39 / 31, 7 / 4);
    const csv = await semicap(['check', file, '--format', 'csv'], { env: ENV });
    expect(csv.code).toBe(1);
    expect(csv.stdout.split('\n')[1]).toBe(`2,rounded,share region=china segment=mature source=trendforce_2023_12 year=2030 method=cagr,${exact},,eq,46.33,,%,fail,"trendforce_2023_12, cagr extrapolated"`);
    expect(csv.stderr).toBe(`semicap: ${file}:2: failed: rounded (${exact} == 46.33 % is false)\n`);
    const json = JSON.parse((await semicap(['check', file, '--format', 'json'], { env: ENV })).stdout);
    const rows = json.tables[0].rows;
    expect(rows.map((r: { actual: unknown }) => typeof r.actual)).toEqual(['number', 'object', 'number']);
    expect(rows[1]).toMatchObject({ actual: null, actual_text: 'true', op: 'eq', expected: null, expected_text: 'true', result: 'pass' });
    expect(rows[2]).toMatchObject({ actual: 12, op: 'eq', expected: 12, result: 'pass' });
    const table = (await semicap(['check', file], { env: ENV })).stdout;
    // 46.3278… and 46.33 agree to 2 decimals, not to 3: the table shows 3.
    expect(exact.toFixed(2)).toBe('46.33');
    expect(table).toMatch(/ 46\.328 │ +│ eq │ +46\.330 │/);
    expect(table).not.toMatch(/ 46\.33 │ +│ eq │ +46\.33 /);
  });
});
