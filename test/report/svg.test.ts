import { describe, expect, it } from 'vitest';
import { chartWords } from '../../src/report/i18n.js';
import { spreadBand, type Chart } from '../../src/report/series.js';
import { escapeXml, niceTicks, renderSvg, stepDecimals, tickLabel } from '../../src/report/svg.js';
import { allElements, parseXml, unescapeXml } from './xml.js';

const history = [2019, 2020, 2021, 2022, 2023].map((year, i) => ({ year, value: 20 + 2 * i }));
const cagr = [2023, 2024, 2025, 2026, 2027].map((year, i) => ({ year, value: 28 * Math.pow(1.08, i) }));
const linear = [2023, 2024, 2025, 2026, 2027].map((year, i) => ({ year, value: 28 + 2 * i }));
const lines: Chart['lines'] = [
  { label: 'history', role: 'history', points: history },
  { label: 'cagr', role: 'projection', points: cagr },
  { label: 'linear', role: 'projection', points: linear },
];
const chart: Chart = {
  name: 'share',
  title: 'China share <mature> & "legacy"',
  unit: '%',
  lines,
  bands: [spreadBand(lines.slice(1))!],
  markers: [
    { year: 2027, value: 39, label: 'anchor', role: 'anchor' },
    { year: 2030, value: 50, label: 'plan', role: 'target' },
  ],
  source: 'TrendForce (Dec 2023) & SEMI',
};

describe('renderSvg', () => {
  const svg = renderSvg(chart);
  const root = parseXml(svg);
  const els = allElements(root);
  const byClass = (c: string) => els.filter((e) => (e.attrs.class ?? '').split(' ').includes(c));

  it('is a well-formed, self-contained SVG document', () => {
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(root.name).toBe('svg');
    expect(root.attrs.viewBox).toBe('0 0 800 460');
    // Nothing loaded from elsewhere, nothing run.
    expect(svg).not.toMatch(/<script|href=|url\(|@import/);
  });

  it('draws history solid and each projection dashed, one path each', () => {
    expect(byClass('history').map((e) => e.name)).toEqual(['path']);
    expect(byClass('history')[0].attrs['stroke-dasharray']).toBeUndefined();
    const projections = byClass('projection');
    expect(projections).toHaveLength(2);
    for (const p of projections) expect(p.attrs['stroke-dasharray']).toBe('6 4');
    // The history path visits its five points: one M and four L commands.
    expect(byClass('history')[0].attrs.d.match(/[ML]/g)).toHaveLength(5);
  });

  it('shades the band as one closed translucent area over both edges', () => {
    const bands = byClass('band');
    expect(bands).toHaveLength(1);
    expect(bands[0].attrs['fill-opacity']).toBe('0.18');
    // Five years along the upper edge and five back along the lower one, then Z.
    expect(bands[0].attrs.d.match(/[ML]/g)).toHaveLength(10);
    expect(bands[0].attrs.d.endsWith('Z')).toBe(true);
  });

  it('labels the years, the value axis with its unit, the legend and the source', () => {
    const xTicks = els.filter((e) => e.name === 'g' && e.attrs.class === 'x-axis').flatMap((g) => g.children.filter((c) => c.name === 'text').map((c) => c.text));
    // 2019–2030 is 11 years on a 710-pixel axis: 64 px a year, so every year is labelled.
    expect(xTicks).toEqual(['2019', '2020', '2021', '2022', '2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030']);
    const yTicks = byClass('tick').filter((e) => e.attrs.x === '64.0').map((e) => e.text);
    // Values run from 20 to 50: niceTicks gives 20, 25, ..., 50.
    expect(yTicks).toEqual(['20', '25', '30', '35', '40', '45', '50']);
    expect(byClass('unit')[0].text).toBe('%');
    const legend = byClass('legend-item').map((g) => g.children.find((c) => c.name === 'text')!.text);
    expect(legend).toEqual(['spread of methods', 'history', 'cagr (projection)', 'linear (projection)', 'anchor', 'target']);
    expect(unescapeXml(byClass('source')[0].text)).toBe('Source: TrendForce (Dec 2023) &amp; SEMI'.replace('&amp;', '&'));
    expect(unescapeXml(byClass('title')[0].text)).toBe('China share <mature> & "legacy"');
  });

  it('marks anchors as dots and targets as diamonds', () => {
    expect(byClass('anchor').map((e) => e.name)).toEqual(['circle']);
    expect(byClass('target').map((e) => e.name)).toEqual(['path']);
  });

  it('places points by year and value: the first history point sits on the axes corner', () => {
    // x: left 70 at 2019; y: bottom at 20 (the lowest tick). Legend has 1 row... bottom = 460 - 50 - rows*18 - 16.
    const d = byClass('history')[0].attrs.d;
    expect(d.startsWith('M70.0 ')).toBe(true);
    const axes = byClass('axes')[0].attrs.d; // M70 top V bottom H right
    const bottom = /V([\d.]+)/.exec(axes)![1];
    expect(d.startsWith(`M70.0 ${bottom}`)).toBe(true);
  });

  it('gives the same bytes for the same chart', () => {
    expect(renderSvg(structuredClone(chart))).toBe(svg);
  });

  it('says there is nothing to draw instead of dividing by zero', () => {
    const empty = renderSvg({ ...chart, lines: [], bands: [], markers: [] });
    expect(parseXml(empty).name).toBe('svg');
    expect(empty).toContain('no data to draw');
    expect(empty).not.toMatch(/NaN|Infinity/);
  });

  it('says it in Chinese with the Chinese chart words', () => {
    const empty = renderSvg({ ...chart, lines: [], bands: [], markers: [] }, { words: chartWords('zh') });
    expect(parseXml(empty).name).toBe('svg');
    expect(empty).toContain('>没有可绘制的数据</text>');
    expect(empty).not.toContain('no data to draw');
  });
});

describe('niceTicks and tickLabel', () => {
  it('covers the range with steps of 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceTicks(20, 50)).toEqual([20, 25, 30, 35, 40, 45, 50]);
    expect(niceTicks(0.1, 0.9)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    // Raw step 13.4M / 6 = 2.23M → 2.5M; first tick floor(7.6 / 2.5) × 2.5 = 7.5M; last ≥ 21M is 22.5M.
    expect(niceTicks(7_600_000, 21_000_000)).toEqual([7_500_000, 10_000_000, 12_500_000, 15_000_000, 17_500_000, 20_000_000, 22_500_000]);
  });
  it('29–48.7 gets a step of 5 (raw step 3.28 rounds up to 5)', () => {
    expect(niceTicks(29, 48.7)).toEqual([25, 30, 35, 40, 45, 50]);
  });
  it('labels with the digits the step needs', () => {
    expect(tickLabel(12_000, 2_000)).toBe('12,000');
    expect(tickLabel(2_500_000, 500_000)).toBe('2.5M');
    expect(tickLabel(0.25, 0.05)).toBe('0.25');
    expect(tickLabel(0.2, 0.2)).toBe('0.2');
  });
  it('labels each tick with its own value, never a rounded neighbour', () => {
    // The 7.6M–21M range ticks every 2.5M: 7.5M must not read "8M", nor 0.25 "0.3".
    const ticks = niceTicks(7_600_000, 21_000_000);
    expect(ticks.map((t) => tickLabel(t, 2_500_000))).toEqual(['7.5M', '10.0M', '12.5M', '15.0M', '17.5M', '20.0M', '22.5M']);
    expect(tickLabel(20_000_000, 5_000_000)).toBe('20M');
    expect(tickLabel(0.25, 0.25)).toBe('0.25');
    expect(tickLabel(-0.0000001, 0.5)).toBe('0.0');
    expect([2.5, 0.25, 2000, 0.05, 1e-3].map(stepDecimals)).toEqual([1, 2, 0, 2, 3]);
    // Every label, read back as a number (M = 1e6, commas dropped), is the tick value.
    for (const [lo, hi] of [[7_600_000, 21_000_000], [0.1, 0.9], [29, 48.7], [1_234, 98_765], [0.012, 0.047]]) {
      const ts = niceTicks(lo, hi);
      const step = ts[1] - ts[0];
      for (const t of ts) {
        const label = tickLabel(t, step);
        const read = label.endsWith('M') ? Number(label.slice(0, -1)) * 1e6 : Number(label.replace(/,/g, ''));
        expect(read).toBeCloseTo(t, 9);
      }
    }
  });
  it('escapes the five XML specials', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });
});
