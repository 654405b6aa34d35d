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
  it('the example rules in docs/ pass: exit 0, one row per rule', () => {
    const r = semicap(['check', join(ROOT, 'docs', 'rules.example.csv'), '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split('\n');
    expect(rows[0]).toBe('line,rule,actual,op,expected,unit,result,detail');
    expect(rows).toHaveLength(1 + 8);
    expect(rows.slice(1).every((l) => l.includes(',pass,'))).toBe(true);
  });

  it('computes the figures rules name: own figures, projections, rates, conversions', () => {
    const file = rules('values.csv', [
      'share own figure,share,source=trendforce_2023_12 year=2027,==,39,%',
      'share compound 2030,share,source=trendforce_2023_12 year=2030,==,46.33,%',
      'share linear 2030,share,source=trendforce_2023_12 year=2030 method=linear,==,45,%',
      'implied rate,cagr,source=trendforce_2023_10,>,3.27,%/yr',
      'wpm linear 2027 in 12-inch,wpm,entity=china year=2027 method=linear,==,5600000,wpm_12in',
      'fund in USD,fund,fund=big_fund phase=III measure=registered_capital,>=,47.48,USD_bn',
      'rows,rows,dataset=fx,==,5,',
    ]);
    const r = semicap(['check', file, '--format', 'json'], { env: ENV });
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
    // RMB 344 bn at 7.2449 per USD.
    expect(actual['fund in USD']).toBeCloseTo(344 / 7.2449, 10);
    expect(actual.rows).toBe(5);
    // 46.33 is the rounded value: == allows only 1e-9 relative, so that rule fails; 47.4813 >= 47.48 passes.
    expect(rows.map((x) => x.result)).toEqual(['pass', 'fail', 'pass', 'pass', 'pass', 'pass', 'pass']);
    expect(r.code).toBe(1);
  });

  it('a failed rule: exit 1, the table says fail, stderr names FILE:LINE and the comparison', () => {
    const file = rules('fail.csv', ['China mature share 2027 (Oct 2023) >= 35 %,share,source=trendforce_2023_10 year=2027,>=,35,%', 'fine,rows,dataset=sources,>,0,']);
    const r = semicap(['check', file], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/│ +2 │ China mature share 2027 \(Oct 2023\) >= 35 % │ +33\.00 │ >= │ +35\.00 │ % +│ fail +│/);
    expect(r.stdout).toContain('1 of 2 rule(s) passed');
    expect(r.stderr).toBe(`semicap: ${file}:2: failed: China mature share 2027 (Oct 2023) >= 35 % (33 >= 35 % is false)\n`);
  });

  it('a rule that matches no data is an error and fails the run', () => {
    const file = rules('error.csv', ['nothing there,share,region=mars year=2027,>=,1,%']);
    const r = semicap(['check', file, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[1]).toMatch(/^2,nothing there,,>=,1,%,error,"?no share figures for region 'mars'/);
    expect(r.stderr).toMatch(new RegExp(`^semicap: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2: could not be evaluated: nothing there \\(no share figures`));
  });

  it('every dataset valid: fails on a broken dataset (exit 1), while other rules still run', () => {
    const data = copyDatasets(root, 'broken');
    writeFileSync(join(data, 'funds.csv'), 'fund,phase,year,measure,amount_low,amount_high,currency,status,kind,source_id,notes\nbig_fund,I,2014,registered_capital,98.72,98.72,CNY,registered,actual,no_such_source,\n');
    const file = rules('valid.csv', ['every dataset valid,valid,,==,true,', 'fx still fine,valid,dataset=fx,==,true,', 'rows,rows,dataset=fx,==,5,']);
    const r = semicap(['check', file, '--data', data, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(1);
    const results = r.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[6]);
    // The third rule needs the datasets loaded, which a broken file prevents: an error, not a silent pass.
    expect(results).toEqual(['fail', 'pass', 'error']);
  });

  it('a malformed rule file is bad data (exit 65) located at FILE:LINE:COLUMN, before anything runs', () => {
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
      const r = semicap(['check', file], { env: ENV });
      expect(r.code, expected).toBe(65);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(`semicap: ${file}:${expected}`), r.stderr).toBe(true);
    }
    const header = join(root, 'header.csv');
    writeFileSync(header, 'name,metric,selector,op,value,unit\n');
    const h = semicap(['check', header], { env: ENV });
    expect(h.code).toBe(65);
    expect(h.stderr).toBe(`semicap: ${header}:1:1: column 1 is 'name'; expected the header rule,metric,selector,op,value,unit\n`);
  });

  it('comments and a UTF-8 BOM are fine; a missing file is exit 66', () => {
    const file = join(root, 'bom.csv');
    writeFileSync(file, `\uFEFF${HEADER}\r\n# a comment\r\n规则,rows,dataset=fx,==,5,\r\n`);
    const r = semicap(['check', file, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(0);
    // The operator cell '==' starts with '=': the CSV formula guard prefixes it, as any such text cell.
    expect(r.stdout.split('\n')[1]).toBe("3,规则,5,'==,5,,pass,fx.csv");
    const missing = semicap(['check', join(root, 'nope.csv')], { env: ENV });
    expect(missing.code).toBe(66);
    expect(missing.stderr).toBe(`semicap: ${join(root, 'nope.csv')}: no such file\n`);
  });
});
