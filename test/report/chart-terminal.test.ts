import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { axisLabels, formatTick, renderTerminalChart, yearAxis } from '../../src/report/chart-terminal.js';
import stringWidth from 'string-width';
import { chartFromTable, chartsOf, spreadBand, valueAt, type Chart } from '../../src/report/series.js';

/** Columns a line takes in a terminal (CJK two). */
const displayWidth = (line: string) => stringWidth(line);

const plain = new Chalk({ level: 0 });
const history = [2019, 2020, 2021, 2022, 2023].map((year, i) => ({ year, value: 20 + 2 * i }));
const projection = [2023, 2024, 2025, 2026, 2027, 2028, 2029, 2030].map((year, i) => ({ year, value: 28 + 3 * i }));
const chart: Chart = {
  name: 'share',
  title: 'China mature share',
  unit: '%',
  lines: [
    { label: 'history', role: 'history', points: history },
    { label: 'linear', role: 'projection', points: projection },
  ],
  bands: [{ label: '80 % interval', points: projection.map((p, i) => ({ year: p.year, lower: p.value - i, upper: p.value + i })) }],
  markers: [{ year: 2027, value: 40, label: 'TrendForce', role: 'anchor' }],
  source: 'TrendForce',
};

describe('renderTerminalChart', () => {
  for (const width of [40, 60, 80, 120]) {
    it(`fits ${width} columns`, () => {
      const text = renderTerminalChart(chart, { width, ascii: false, chalk: plain });
      for (const line of text.trimEnd().split('\n')) expect(displayWidth(line), line).toBeLessThanOrEqual(width);
    });
  }

  it('titles with the unit, labels values and years, and explains the symbols', () => {
    const lines = renderTerminalChart(chart, { width: 80, ascii: false, chalk: plain }).trimEnd().split('\n');
    expect(lines[0]).toBe('China mature share (%)');
    // Values run from 20 (history start) to 49 (2030 upper band: 49 + 7 = 56)... the top label is the maximum.
    expect(lines[1].startsWith('56.0 ┤')).toBe(true);
    expect(lines.find((l) => /^20\.0 ┤/.test(l))).toBeDefined();
    const years = lines.find((l) => /2019/.test(l) && /2030/.test(l))!;
    expect(years.trim().split(/\s+/)).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030']);
    expect(lines.join('\n')).toContain('░░ 80 % interval');
    expect(lines.join('\n')).toContain('╌╌ linear (projection)');
    expect(lines.join('\n')).toContain('── history');
    expect(lines.join('\n')).toContain('● anchor');
    expect(lines[lines.length - 1]).toBe('source: TrendForce');
  });

  it('draws history with solid and projections with dashed strokes, the band shaded', () => {
    const body = renderTerminalChart(chart, { width: 80, ascii: false, chalk: plain }).split('\n').slice(1, -5).join('\n');
    expect(body).toMatch(/─/);
    expect(body).toMatch(/╌/);
    expect(body).toMatch(/░/);
    expect(body).toMatch(/●/);
  });

  it('falls back to plain ASCII', () => {
    const text = renderTerminalChart(chart, { width: 70, ascii: true, chalk: plain });
    expect(text).toMatch(/^[\x20-\x7e\n]*$/);
    expect(text).toContain('-- history');
    expect(text).toContain('.. linear (projection)');
    expect(text).toContain(':: 80 % interval');
  });

  it('uses colour only when the Chalk instance has a level', () => {
    expect(renderTerminalChart(chart, { width: 80, ascii: false, chalk: plain })).not.toMatch(/\u001b\[/);
    expect(renderTerminalChart(chart, { width: 80, ascii: false, chalk: new Chalk({ level: 1 }) })).toMatch(/\u001b\[36m/);
  });

  it('draws nothing for a chart without two years', () => {
    expect(renderTerminalChart({ ...chart, lines: [{ label: 'x', role: 'history', points: [{ year: 2020, value: 1 }] }], bands: [], markers: [] }, { width: 80, ascii: false, chalk: plain })).toBe('');
  });

  it('keeps a flat line inside the plot (no division by a zero range)', () => {
    const flat: Chart = { ...chart, lines: [{ label: 'flat', role: 'history', points: [2020, 2021, 2022].map((year) => ({ year, value: 5 })) }], bands: [], markers: [] };
    const text = renderTerminalChart(flat, { width: 60, ascii: false, chalk: plain });
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(text).toMatch(/─/);
  });
});

describe('axis labels', () => {
  it('formats ticks with the digits the range needs', () => {
    expect(formatTick(48.7, 20)).toBe('48.7');
    expect(formatTick(48.7, 2)).toBe('48.70');
    expect(formatTick(12_600_000, 13_000_000)).toBe('13M');
    expect(formatTick(12_600_000, 5_000_000)).toBe('12.6M');
    expect(formatTick(83_000, 20_000)).toBe('83k');
    expect(formatTick(-0.001, 2)).toBe('0.00');
  });
  it('never prints one label on two rows: adds a digit while two labelled rows read alike', () => {
    // 22,600–23,400 over 12 rows: rows 66.7 apart, so one decimal of k gives 23.3k twice.
    const values = Array.from({ length: 13 }, (_, r) => 23_400 - (r * 800) / 12);
    expect(values.map((v) => formatTick(v, 800))).toContain('23.3k');
    expect(new Set(values.map((v) => formatTick(v, 800))).size).toBeLessThan(13);
    const labels = axisLabels(values, 800);
    expect(new Set(labels).size).toBe(13);
    expect(labels[0]).toBe('23.40k');
    expect(labels[2]).toBe('23.27k');
    // Only the labelled rows (every 2nd and the last) need to differ.
    expect(axisLabels([3, 2.9, 2.8], 10, 2)).toEqual(['3.0', '2.9', '2.8']);
  });
  it('draws a chart whose labelled rows all differ', () => {
    const tight: Chart = { ...chart, lines: [{ label: 'wpm', role: 'history', points: [2020, 2021, 2022, 2023].map((year, i) => ({ year, value: 22_600 + i * 266 })) }], bands: [], markers: [] };
    const text = renderTerminalChart(tight, { width: 60, height: 12, ascii: true, chalk: plain });
    const shown = text.split('\n').map((l) => /^\s*([\d.,]+k?)\s+[|+]/.exec(l)?.[1]).filter((l): l is string => l !== undefined);
    expect(shown.length).toBeGreaterThan(3);
    expect(new Set(shown).size).toBe(shown.length);
  });
  it('spaces year labels so they never touch', () => {
    // 40 years on 40 columns: one column a year, so every 10th year (step 10 gives 10 columns ≥ 6).
    const axis = yearAxis(1990, 2030, 41, (y) => y - 1990);
    expect(axis.trim().split(/\s+/)).toEqual(['1990', '2000', '2010', '2020', '2030']);
  });
});

describe('series model', () => {
  it('interpolates inside a line and nowhere else', () => {
    expect(valueAt(history, 2021.5)).toBeCloseTo(25, 12);
    expect(valueAt(history, 2018)).toBeUndefined();
    expect(valueAt(history, 2024)).toBeUndefined();
  });
  it('the spread band runs from the lowest to the highest line in each shared year', () => {
    const band = spreadBand([
      { label: 'a', role: 'projection', points: [{ year: 2020, value: 1 }, { year: 2021, value: 5 }] },
      { label: 'b', role: 'projection', points: [{ year: 2020, value: 3 }, { year: 2021, value: 2 }, { year: 2022, value: 9 }] },
    ]);
    expect(band!.points).toEqual([
      { year: 2020, lower: 1, upper: 3 },
      { year: 2021, lower: 2, upper: 5 },
    ]);
  });
  it('reads a forecast table: history rows solid, forecast rows dashed from the last history point, lo/hi columns as bands', () => {
    const c = chartFromTable({
      name: 'forecast',
      title: 'SMIC capacity',
      columns: [
        { key: 'year', header: 'year', type: 'int' },
        { key: 'kind', header: 'kind' },
        { key: 'mean', header: 'mean', type: 'number' },
        { key: 'lo_80', header: 'Lo 80', type: 'number' },
        { key: 'hi_80', header: 'Hi 80', type: 'number' },
      ],
      rows: [
        { year: 2021, kind: 'history', mean: 10, lo_80: null, hi_80: null },
        { year: 2022, kind: 'history', mean: 12, lo_80: null, hi_80: null },
        { year: 2023, kind: 'forecast', mean: 13, lo_80: 11, hi_80: 15 },
        { year: 2024, kind: 'forecast', mean: 14, lo_80: 10, hi_80: 18 },
      ],
    })!;
    expect(c.lines.map((l) => [l.label, l.role, l.points.map((p) => p.year)])).toEqual([
      ['mean (history)', 'history', [2021, 2022]],
      ['mean', 'projection', [2022, 2023, 2024]],
    ]);
    expect(c.bands).toEqual([{ label: '80 % interval', points: [{ year: 2023, lower: 11, upper: 15 }, { year: 2024, lower: 10, upper: 18 }] }]);
  });
  it('with an observed_kind column, history runs only through the years it marks actual or estimate', () => {
    const c = chartFromTable({
      name: 'projection',
      title: 'capacity',
      columns: [
        { key: 'year', header: 'year', type: 'int' },
        { key: 'cagr', header: 'cagr', type: 'number' },
        { key: 'point', header: 'point' },
        { key: 'observed_kind', header: 'observed kind' },
      ],
      rows: [
        { year: 2023, cagr: 7.6, point: 'anchor', observed_kind: 'actual' },
        { year: 2024, cagr: 8.8, point: 'interpolated', observed_kind: 'estimate' },
        { year: 2025, cagr: 10.1, point: 'anchor', observed_kind: 'forecast' },
        { year: 2026, cagr: 11.6, point: 'extrapolated', observed_kind: null },
      ],
    })!;
    // `point` alone would call the 2025 forecast an anchor, hence history.
    expect(c.lines.map((l) => [l.role, l.points.map((p) => p.year)])).toEqual([
      ['history', [2023, 2024]],
      ['projection', [2024, 2025, 2026]],
    ]);
  });
  it('a list of records that happen to carry a year is not a time series', () => {
    const report = {
      command: 'funds',
      notes: [],
      warnings: [],
      tables: [{ name: 'funds', columns: [{ key: 'year', header: 'year', type: 'int' as const }, { key: 'usd', header: 'usd', type: 'number' as const }], rows: [{ year: 2014, usd: 1 }, { year: 2014, usd: 2 }, { year: 2019, usd: 3 }] }],
    };
    expect(chartsOf(report)).toEqual([]);
  });
});

describe('charts of long forecast tables and fitted forecasts', () => {
  const table = {
    name: 'forecast',
    title: 'Forecast',
    columns: [
      { key: 'id', header: 'id' },
      { key: 'year', header: 'year', type: 'int' as const },
      { key: 'method', header: 'method' },
      { key: 'mean', header: 'mean', type: 'number' as const },
      { key: 'lo80', header: 'lo 80', type: 'number' as const },
      { key: 'hi80', header: 'hi 80', type: 'number' as const },
    ],
    rows: [
      { id: 'a', year: 2024, method: 'holt', mean: 1, lo80: 0, hi80: 2 },
      { id: 'a', year: 2025, method: 'holt', mean: 2, lo80: 1, hi80: 3 },
      { id: 'a', year: 2024, method: 'drift', mean: 1.5, lo80: 1, hi80: 2 },
      { id: 'a', year: 2025, method: 'drift', mean: 2.5, lo80: 2, hi80: 3 },
      { id: 'b', year: 2024, method: 'holt', mean: 5, lo80: 4, hi80: 6 },
      { id: 'b', year: 2025, method: 'holt', mean: 6, lo80: 5, hi80: 7 },
    ],
  };
  it('one chart per series, one line per method, bands only for a single method', () => {
    const charts = chartsOf({ command: 'forecast', tables: [table], notes: [], warnings: [] });
    expect(charts.map((c) => [c.name, c.title, c.lines.map((l) => l.label), c.bands.length])).toEqual([
      ['forecast-a', 'Forecast — a', ['holt', 'drift'], 0],
      ['forecast-b', 'Forecast — b', ['holt'], 1],
    ]);
    expect(charts[1].bands[0]).toEqual({ label: '80 % interval', points: [{ year: 2024, lower: 4, upper: 6 }, { year: 2025, lower: 5, upper: 7 }] });
  });
  it('forecastChart joins the forecast to the last observation and shades wider intervals first', async () => {
    const { forecastChart } = await import('../../src/report/series.js');
    const c = forecastChart('f', 'F', '%', [{ year: 2022, value: 10 }, { year: 2023, value: 11 }], [
      { label: 'ets', years: [2024, 2025], mean: [12, 13], intervals: [{ level: 80, lower: [11, 11.5], upper: [13, 14.5] }, { level: 95, lower: [10, 10], upper: [14, 16] }] },
    ]);
    expect(c.lines[1].points).toEqual([{ year: 2023, value: 11 }, { year: 2024, value: 12 }, { year: 2025, value: 13 }]);
    expect(c.bands.map((b) => b.label)).toEqual(['95 % interval', '80 % interval']);
  });
});
