// Band columns: numbers for files after the table's own columns, a range for people, and forAudience keeping each
// audience's columns and tables.
import { describe, expect, it } from 'vitest';
import { addBandColumns, bandText, peopleBandsTable } from '../../src/report/bands.js';
import { forAudience, makeReport, type Table } from '../../src/report/model.js';

const band = (lower: number, upper: number) => ({ lower, upper });
const path = {
  key: 'cagr',
  label: 'cagr',
  digits: 2,
  points: [
    { year: 2027, bands: null },
    { year: 2028, bands: { 80: band(37.46, 48.92), 95: band(27.68, 64.7) } },
  ],
};
const yearTable = (): Table => ({ name: 'projection', columns: [{ key: 'year', header: 'year', type: 'int' }, { key: 'cagr', header: 'cagr %', type: 'number', digits: 2 }], rows: [{ year: 2027, cagr: 39 }, { year: 2028, cagr: 42 }] });

describe('addBandColumns', () => {
  it('appends lo/hi 80 and 95 for files and one range per level for people', () => {
    const t = yearTable();
    addBandColumns(t, [path]);
    expect(t.columns.map((c) => `${c.key}:${c.audience ?? 'both'}`)).toEqual(['year:both', 'cagr:both', 'cagr_lo80:files', 'cagr_hi80:files', 'cagr_lo95:files', 'cagr_hi95:files', 'cagr_band80:people', 'cagr_band95:people']);
    expect(t.rows[0]).toMatchObject({ cagr_lo80: null, cagr_band95: null });
    expect(t.rows[1]).toMatchObject({ cagr_lo80: 37.46, cagr_hi80: 48.92, cagr_lo95: 27.68, cagr_hi95: 64.7, cagr_band80: '37.5-48.9', cagr_band95: '27.7-64.7' });
  });

  it('people: false adds the numbers only; values: true the path value too', () => {
    const t = yearTable();
    addBandColumns(t, [{ ...path, points: path.points.map((p) => ({ ...p, value: p.year === 2028 ? 42 : undefined })) }], { people: false, values: true });
    expect(t.columns.map((c) => c.key)).toEqual(['year', 'cagr', 'cagr_path', 'cagr_lo80', 'cagr_hi80', 'cagr_lo95', 'cagr_hi95']);
    expect(t.rows[1].cagr_path).toBe(42);
  });
});

describe('bandText and peopleBandsTable', () => {
  it('groups thousands and drops one decimal', () => {
    expect(bandText(band(9667197.4, 30885764.2), 0)).toBe('9,667,197-30,885,764');
    expect(bandText(band(35.277, 66.042), 2)).toBe('35.3-66.0');
  });

  it('one row per year and path with a band, in the years kept', () => {
    const t = peopleBandsTable('bands', 'Bands', [{ key: 'method', header: 'method' }], [{ labels: { method: 'cagr' }, digits: 2, points: path.points.map((p) => ({ ...p, value: 42 })) }]);
    expect(t.audience).toBe('people');
    expect(t.rows).toEqual([{ year: 2028, method: 'cagr', value: 42, band80: '37.5-48.9', band95: '27.7-64.7' }]);
    expect(peopleBandsTable('bands', 'Bands', [], [{ labels: {}, digits: 2, points: path.points.map((p) => ({ ...p, value: 42 })) }], (y) => y !== 2028).rows).toEqual([]);
  });
});

describe('forAudience', () => {
  it('keeps the columns and tables meant for that audience', () => {
    const t = yearTable();
    addBandColumns(t, [path]);
    const people = peopleBandsTable('bands', 'Bands', [], []);
    const report = makeReport('project', [t, people]);
    expect(forAudience(report, 'files').tables.map((x) => x.name)).toEqual(['projection']);
    expect(forAudience(report, 'files').tables[0].columns.some((c) => c.key === 'cagr_band80')).toBe(false);
    expect(forAudience(report, 'people').tables.map((x) => x.name)).toEqual(['projection', 'bands']);
    expect(forAudience(report, 'people').tables[0].columns.some((c) => c.key === 'cagr_lo80')).toBe(false);
    const plain = makeReport('funds', [yearTable()]);
    expect(forAudience(plain, 'files')).toBe(plain);
  });
});
