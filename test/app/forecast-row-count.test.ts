// The rows a forecast is sure to write, counted from the series read before any fit: what lets tables, Markdown
// and spreadsheets refuse a too-big forecast before computing it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { leastForecastRows } from '../../src/app/forecast/row-count.js';
import { readSeriesTable } from '../../src/data/series.js';
import { naive } from '../../src/forecast/naive.js';
import type { Method } from '../../src/forecast/types.js';

const dir = mkdtempSync(join(tmpdir(), 'semicap-row-count-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// a: 5 years; b: 2 years; c: a gap (2001 missing); d: a bad value (spoiled while reading).
const file = join(dir, 'series.csv');
writeFileSync(file, 'id,year,value\na,2000,1\na,2001,2\na,2002,3\na,2003,4\na,2004,5\nb,2000,1\nb,2001,2\nc,2000,1\nc,2002,3\nd,2000,1\nd,2001,x\n');
/** A method that needs four years (none of the registered ones needs more than one). */
const needsFour: Method = { ...naive, name: 'needs-four', minLength: 4 };

describe('leastForecastRows', () => {
  it('counts horizon rows per method for each whole, regular series long enough for it', async () => {
    const data = await readSeriesTable(file, { columns: { id: 'id', time: 'year', value: 'value' } });
    // naive: a and b (c has a gap, d a bad cell) → 2 × 3; needs-four: a only → 1 × 3.
    expect(leastForecastRows(data, [naive], 3)).toBe(6);
    expect(leastForecastRows(data, [naive, needsFour], 3)).toBe(9);
  });

  it('counts a gap filled by --fill linear', async () => {
    const data = await readSeriesTable(file, { columns: { id: 'id', time: 'year', value: 'value' }, fill: 'linear' });
    // c is filled to 2000–2002: naive on a, b, c → 3 × 10; needs-four still on a only → 10.
    expect(leastForecastRows(data, [naive, needsFour], 10)).toBe(40);
  });

  it('stops counting once past enough', async () => {
    const data = await readSeriesTable(file, { columns: { id: 'id', time: 'year', value: 'value' } });
    // After a (2 methods × 5 = 10 rows) the count is past 9: b is not counted.
    expect(leastForecastRows(data, [naive, needsFour], 5, 9)).toBe(10);
  });
});
