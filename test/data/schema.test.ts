import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv.js';
import { formatProblem } from '../../src/data/problem.js';
import { validateRows } from '../../src/data/schema.js';
import { capacityShareSchema, capacitySchema } from '../../src/data/schemas.js';

const HEADER = 'year,region,segment,share_pct,kind,definition,source_id,notes';
const check = (text: string, schema = capacityShareSchema) => validateRows(parseCsv(text, 'share.csv'), schema);

describe('validateRows', () => {
  it('types valid rows and accepts 29% in a percent column', () => {
    const { rows, problems } = check(`${HEADER}\n2023,china,mature,29%,estimate,>28nm,trendforce_2023_10,\n`);
    expect(problems).toEqual([]);
    expect(rows[0].year).toBe(2023);
    expect(rows[0].share_pct).toBe(29);
    expect(rows[0].notes).toBeNull();
    expect(rows[0].__line).toBe(2);
  });

  it('reports every bad cell with line, column and what was expected', () => {
    const { rows, problems } = check(`${HEADER}\n2023,china,mature,abc,estimate,,s,\n2027,china,mature,139,guess,,s,\n`);
    expect(rows).toEqual([]);
    expect(problems.map(formatProblem)).toEqual([
      "share.csv:2:4: share_pct 'abc' is not a number; expected a number",
      'share.csv:3:4: share_pct 139 is above the maximum 100',
      "share.csv:3:5: kind 'guess' is not allowed; expected one of actual, estimate, forecast, target, reported",
    ]);
  });

  it('reports a missing required column and an empty required cell', () => {
    expect(check('year,region\n2023,china\n').problems[0].message).toMatch(/^missing column 'segment'; expected the columns year,region,segment,share_pct,kind,source_id/);
    const empty = check(`${HEADER}\n2023,,mature,29,estimate,,s,\n`).problems;
    expect(formatProblem(empty[0])).toBe('share.csv:2:2: region is empty; expected an identifier');
  });

  it('reports a duplicate key with the line of the first', () => {
    const { problems } = check(`${HEADER}\n2023,china,mature,29,estimate,,s,\n2023,china,mature,31,estimate,,s,\n`);
    expect(formatProblem(problems[0])).toBe('share.csv:3: duplicate row: year=2023, region=china, segment=mature, source_id=s already on line 2; expected one row per year, region, segment, source_id');
  });

  it('allows thousands separators in capacity values but not a % sign', () => {
    const head = 'year,period,entity,region,segment,value,unit,kind,source_id';
    expect(validateRows(parseCsv(`${head}\n2023,Q4,smic,china,company,"805,500",wpm_8in_eq,actual,s\n`, 'c.csv'), capacitySchema).rows[0].value).toBe(805500);
    const bad = validateRows(parseCsv(`${head}\n2023,Q4,smic,china,company,80%,wpm_8in_eq,actual,s\n`, 'c.csv'), capacitySchema).problems;
    expect(formatProblem(bad[0])).toBe("c.csv:2:6: value '80%' has a % sign, not allowed in this column (write 80); expected a number");
  });

  it('keeps a __proto__ value as plain data in a null-prototype record', () => {
    const { rows } = check(`${HEADER}\n2023,china,mature,29,estimate,__proto__,s,"{""polluted"":1}"\n`);
    expect(Object.getPrototypeOf(rows[0])).toBeNull();
    expect(rows[0].definition).toBe('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
