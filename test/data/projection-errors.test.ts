// Reading the error table: the exact reader takes what formatErrorTable writes and refuses anything else with
// the line and column.
import { describe, expect, it } from 'vitest';
import { formatErrorTable, parseErrorTable } from '../../src/data/projection-errors.js';

const HEADER = 'benchmark,method,anchor_span,horizon,series,held_at_bound,lr_q2_5,lr_q10,lr_q50,lr_q90,lr_q97_5';
const ROW = 'm3_yearly,cagr,4,3,645,0,-0.833855,-0.322512,-0.027039,0.304537,0.828265';

describe('parseErrorTable', () => {
  it('reads rows as written, and writes them back the same', () => {
    const rows = parseErrorTable(`${HEADER}\n${ROW}\n`, 't.csv');
    expect(rows).toEqual([{ benchmark: 'm3_yearly', method: 'cagr', span: 4, horizon: 3, series: 645, held: 0, q: [-0.833855, -0.322512, -0.027039, 0.304537, 0.828265] }]);
    expect(formatErrorTable(rows)).toBe(`${HEADER}\n${ROW}\n`);
  });

  it('refuses a bad header, method, number or repeated row, naming line and column', () => {
    expect(() => parseErrorTable(`year,value\n`, 't.csv')).toThrow(/^t\.csv:1: the header is not benchmark,method,/);
    expect(() => parseErrorTable(`${HEADER}\n${ROW.replace('cagr', 'spline')}\n`, 't.csv')).toThrow(/^t\.csv:2:2: 'spline' is not allowed; expected one of cagr, linear, logistic/);
    expect(() => parseErrorTable(`${HEADER}\n${ROW.replace('0.304537', 'NaN')}\n`, 't.csv')).toThrow(/^t\.csv:2:10: 'NaN' is not a number/);
    expect(() => parseErrorTable(`${HEADER}\n${ROW.replace(',4,3,', ',0,3,')}\n`, 't.csv')).toThrow(/^t\.csv:2:3: '0' is not a whole number ≥ 1/);
    expect(() => parseErrorTable(`${HEADER}\n${ROW}\n${ROW}\n`, 't.csv')).toThrow(/^t\.csv:3: a second row for m3_yearly,cagr,4,3/);
    expect(() => parseErrorTable(`${HEADER}\n${ROW},1\n`, 't.csv')).toThrow(/^t\.csv:2: 12 fields; expected 11/);
  });
});
