import { describe, expect, it } from 'vitest';
import { comparableHistory, currentPath, type SeriesFigure } from '../../src/domain/history.js';

const fig = (year: number, value: number, definition: string | null, kind = 'actual', source_id = `s${year}`): SeriesFigure => ({ year, value, kind, definition, source_id });

describe('comparableHistory', () => {
  it('a series of five definitions: only the latest definition counts, so no path is chained across them', () => {
    // self_sufficiency.csv chip_other_estimate: 10 → 33 → 30 → 25.61 → 23, each its own definition.
    const h = comparableHistory([fig(2023, 23, 'TechInsights'), fig(2022, 25.61, 'IBS'), fig(2019, 30, 'C114'), fig(2015, 10, 'Economist'), fig(2016, 33, 'unsourced', 'estimate')]);
    expect(h.definitions).toBe(5);
    expect(h.points).toEqual([{ year: 2023, value: 23 }]);
    expect(h.observed.map((f) => f.value)).toEqual([10, 33, 30, 25.61, 23]);
    expect(currentPath(h.points)).toBeNull();
    // Chained across definitions the path would have been (23/10)^(1/8) − 1 = 10.97 %/yr: never computed.
    expect(currentPath(h.observed.map((f) => ({ year: f.year, value: f.value })))!.cagrPct).toBeCloseTo(10.97, 2);
  });

  it('one definition: the path runs through its first and last figures; forecasts and targets stay out', () => {
    const h = comparableHistory([fig(2010, 10.2, 'd'), fig(2021, 16.7, 'd'), fig(2026, 21.2, 'd', 'forecast'), fig(2030, 70, null, 'target')]);
    expect(h.definitions).toBe(1);
    const path = currentPath(h.points)!;
    expect(path.cagrPct).toBeCloseTo((Math.pow(16.7 / 10.2, 1 / 11) - 1) * 100, 12);
    expect(path.step).toBeCloseTo(6.5 / 11, 12);
  });

  it('two sources for one year: the first listed wins, and a figure of another definition is left out of the path', () => {
    const h = comparableHistory([fig(2019, 15.7, 'd'), fig(2020, 15.9, 'd', 'actual', 'primary'), fig(2020, 16.6, 'attributed', 'actual', 'secondary'), fig(2018, 3, 'other'), fig(2021, 16.7, 'd')]);
    expect(h.figures.map((f) => f.source_id)).toEqual(['s2019', 'primary', 's2021']);
    expect(h.definitions).toBe(2);
  });
});
