// --chart and --chart-out end to end: the chart follows the table on stdout, fits the width, falls back to
// ASCII when the locale is not UTF-8, never gets into CSV/JSON, and the SVG file is well formed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { allElements, parseXml } from '../report/xml.js';
import { removeDir, semicap, tempDir } from './run.js';

/** Columns a line takes in a terminal (CJK two). */
const displayWidth = (line: string) => stringWidth(line);

const dir = tempDir();
afterAll(() => removeDir(dir));
const UTF8 = { LANG: 'C.UTF-8', LC_ALL: undefined, LC_CTYPE: undefined, COLUMNS: undefined, HOME: dir, XDG_CONFIG_HOME: undefined };
const PROJECT = ['project', '--from', '2023=29%', '--to', '2027=39%', '--through', '2030'];

describe('--chart in the terminal', () => {
  it('comes after the table, titled, with the years and the three methods', async () => {
    const r = await semicap([...PROJECT, '--chart'], { env: UTF8 });
    expect(r.code).toBe(0);
    const tableEnd = r.stdout.indexOf('2023→2027: compound 7.6878 %/yr');
    const chartStart = r.stdout.indexOf('Projection through 2023=29%, 2027=39%', tableEnd);
    expect(tableEnd).toBeGreaterThan(0);
    expect(chartStart).toBeGreaterThan(tableEnd);
    const chart = r.stdout.slice(chartStart);
    // The y axis runs from 29.0 (2023) to 66.6, the top of the widest 80 % band (logistic's in 2030, 66.65).
    expect(chart).toMatch(/^66\.6 ┤/m);
    expect(chart).toContain('░░ logistic 80 % band (M3 errors)');
    expect(chart).toMatch(/^29\.0 ┤/m);
    expect(chart).toMatch(/^ +2023 .* 2030$/m);
    for (const m of ['cagr', 'linear', 'logistic']) expect(chart).toContain(`╌╌ ${m} (projection)`);
    expect(chart).toContain('░░ spread of methods');
    expect(chart).toContain('● anchor');
    expect(r.stderr).toBe('');
  });

  it('fits the terminal width (COLUMNS when stdout is not a terminal; 80 by default)', async () => {
    for (const columns of ['50', '100']) {
      const r = await semicap([...PROJECT, '--chart'], { env: { ...UTF8, COLUMNS: columns } });
      const chart = r.stdout.slice(r.stdout.lastIndexOf('Projection through'));
      const widths = chart.trimEnd().split('\n').map(displayWidth);
      expect(Math.max(...widths)).toBeLessThanOrEqual(Number(columns));
      // The x axis takes the whole width: label (4) + space + corner + plot.
      expect(Math.max(...widths)).toBeGreaterThanOrEqual(Number(columns) - 3);
    }
    const r = await semicap([...PROJECT, '--chart'], { env: UTF8 });
    const chart = r.stdout.slice(r.stdout.lastIndexOf('Projection through'));
    expect(Math.max(...chart.trimEnd().split('\n').map(displayWidth))).toBeLessThanOrEqual(80);
  });

  it('is plain ASCII with --ascii or when the locale is not UTF-8', async () => {
    for (const run of [await semicap([...PROJECT, '--chart', '--ascii'], { env: UTF8 }), await semicap([...PROJECT, '--chart'], { env: { ...UTF8, LANG: 'C' } }), await semicap([...PROJECT, '--chart'], { env: { ...UTF8, LC_ALL: 'en_US.ISO-8859-1' } })]) {
      expect(run.code).toBe(0);
      const chart = run.stdout.slice(run.stdout.lastIndexOf('Projection through'));
      expect(chart).toMatch(/^[\x20-\x7e\n]*$/);
      expect(chart).toContain('.. cagr (projection)');
    }
  });

  it('never goes into CSV or JSON: with --format csv on stdout it goes to stderr', async () => {
    const csv = await semicap([...PROJECT, '--chart', '--format', 'csv'], { env: UTF8 });
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/^year,cagr,linear,logistic,point,cagr_lo80,/);
    expect(csv.stdout).not.toMatch(/[┤╌░]/);
    expect(csv.stderr).toContain('╌╌ cagr (projection)');
    const out = join(dir, 'p.json');
    const json = await semicap([...PROJECT, '--chart', '--format', 'json', '--out', out], { env: UTF8 });
    expect(json.code).toBe(0);
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(doc)).toEqual(['schema', 'semicap', 'command', 'tables', 'notes', 'warnings']);
    // stdout is free when the data went to a file: the chart is there.
    expect(json.stdout).toContain('╌╌ cagr (projection)');
  });

  it('capacity, self-sufficiency and overview draw their own charts', async () => {
    const cap = await semicap(['capacity', '--chart', '--source', 'trendforce_2023_12'], { env: UTF8 });
    expect(cap.code).toBe(0);
    expect(cap.stdout).toContain('╌╌ trendforce_2023_12 cagr (projection)');
    const ss = await semicap(['self-sufficiency', '--chart'], { env: UTF8 });
    expect(ss.stdout).toContain('ic_production_in_china: history, current path and targets (%)');
    expect(ss.stdout).toContain('── history');
    expect(ss.stdout).toContain('◆ target');
    const ov = await semicap(['overview', '--chart'], { env: UTF8 });
    expect(ov.stdout.match(/── history|╌╌ trendforce/g)!.length).toBeGreaterThanOrEqual(2);
  });

  it('forecast: the mean dashed with its interval bands, one chart per series', async () => {
    const file = join(dir, 'two.csv');
    writeFileSync(file, 'id,year,value\na,2015,10\na,2016,11\na,2017,12.5\na,2018,13\na,2019,14.2\nb,2015,5\nb,2016,5.5\nb,2017,6\nb,2018,6.2\nb,2019,7\n');
    const r = await semicap(['forecast', file, '--id', 'id', '--method', 'drift', '--chart'], { env: UTF8 });
    expect(r.code).toBe(0);
    const titles = r.stdout.split('\n').filter((l) => /— [ab]$/.test(l));
    expect(titles).toHaveLength(2);
    expect(r.stdout).toContain('░░ 95 % interval   ░░ 80 % interval   ╌╌ drift (projection)   ── history');
  });

  it('a report without a time series says so on stderr and still succeeds', async () => {
    const r = await semicap(['datasets', '--chart'], { env: UTF8 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('semicap: no chart for this report (no year-by-year series)\n');
  });
});

describe('--chart-out FILE.svg', () => {
  it('writes a well-formed SVG with dashed projections, a shaded band, anchors and the year axis', async () => {
    const file = join(dir, 'project.svg');
    const r = await semicap([...PROJECT, '--chart-out', file], { env: UTF8 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`semicap: wrote ${file}\n`);
    const els = allElements(parseXml(readFileSync(file, 'utf8')));
    const cls = (c: string) => els.filter((e) => (e.attrs.class ?? '').split(' ').includes(c));
    expect(cls('projection')).toHaveLength(3);
    expect(cls('projection').every((e) => e.attrs['stroke-dasharray'] === '6 4')).toBe(true);
    // The spread between the methods, and each method's 80 % band measured on M3.
    expect(cls('band')).toHaveLength(4);
    expect(cls('anchor')).toHaveLength(2);
    const years = els.filter((e) => e.name === 'g' && e.attrs.class === 'x-axis').flatMap((g) => g.children.filter((c) => c.name === 'text').map((c) => c.text));
    expect(years).toEqual(['2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030']);
  });

  it('forecast: the history solid, the mean dashed from the last observation, the 80 % and 95 % bands', async () => {
    const data = join(dir, 'one.csv');
    writeFileSync(data, 'year,value\n2015,10\n2016,11\n2017,12.5\n2018,13\n2019,14.2\n');
    const file = join(dir, 'forecast.svg');
    const r = await semicap(['forecast', data, '--method', 'drift', '--horizon', '3', '--chart-out', file], { env: UTF8 });
    expect(r.code).toBe(0);
    const els = allElements(parseXml(readFileSync(file, 'utf8')));
    const paths = (c: string) => els.filter((e) => (e.attrs.class ?? '').split(' ').includes(c));
    const x = xOfYear(els);
    const [history] = paths('history');
    expect(paths('history')).toHaveLength(1);
    expect(pathPoints(history.attrs.d).map((p) => x.get(p[0]))).toEqual([2015, 2016, 2017, 2018, 2019]);
    expect(history.attrs['stroke-dasharray']).toBeUndefined();
    const [projection] = paths('projection');
    expect(projection.attrs['stroke-dasharray']).toBe('6 4');
    const forecastPoints = pathPoints(projection.attrs.d);
    expect(forecastPoints.map((p) => x.get(p[0]))).toEqual([2019, 2020, 2021, 2022]);
    expect(forecastPoints[0]).toEqual(pathPoints(history.attrs.d)[4]);
    expect(paths('band').map((b) => b.children.find((c) => c.name === 'title')?.text)).toEqual(['95 % interval', '80 % interval']);
  });

  it('capacity wpm: the history line runs only through the years the data measured (actual, estimate)', async () => {
    const args = ['capacity', '--metric', 'wpm', '--region', 'china', '--method', 'cagr,linear'];
    const csv = await semicap([...args, '--format', 'csv'], { env: UTF8 });
    const [head, ...lines] = csv.stdout.trim().split('\n');
    const col = (name: string) => head.split(',').indexOf(name);
    const rows = lines.map((l) => l.split(','));
    const measured = rows.filter((c) => ['actual', 'estimate'].includes(c[col('observed_kind')])).map((c) => Number(c[0]));
    const notMeasured = rows.filter((c) => c[col('observed')] !== '' && !measured.includes(Number(c[0]))).map((c) => Number(c[0]));
    // The bundled data hold a published forecast among the figures: the case this guards.
    expect(notMeasured.length).toBeGreaterThan(0);
    const file = join(dir, 'wpm.svg');
    expect((await semicap([...args, '--chart-out', file, '--quiet'], { env: UTF8 })).code).toBe(0);
    const els = allElements(parseXml(readFileSync(file, 'utf8')));
    const x = xOfYear(els);
    const history = els.filter((e) => (e.attrs.class ?? '').split(' ').includes('history'));
    expect(history).toHaveLength(1);
    expect(pathPoints(history[0].attrs.d).map((p) => x.get(p[0]))).toEqual(measured);
  });

  it('one file per chart: the overview writes the first under the name given and the next beside it', async () => {
    const file = join(dir, 'overview.svg');
    const r = await semicap(['overview', '--chart-out', file, '--quiet'], { env: UTF8 });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(existsSync(file)).toBe(true);
    expect(existsSync(join(dir, 'overview-targets.svg'))).toBe(true);
    expect(cls(readFileSync(join(dir, 'overview-targets.svg'), 'utf8'), 'history')).toBe(1);
  });

  it('refuses a name that is not .svg, the --out file itself, or a report with nothing to draw (exit 2, nothing written)', async () => {
    const bad = await semicap([...PROJECT, '--chart-out', join(dir, 'x.png')], { env: UTF8 });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`semicap: --chart-out ${join(dir, 'x.png')}: expected a file name ending in .svg\n`);
    expect(existsSync(join(dir, 'x.png'))).toBe(false);
    const same = await semicap([...PROJECT, '--out', join(dir, 's.svg'), '--chart-out', join(dir, 's.svg')], { env: UTF8 });
    expect(same.code).toBe(2);
    const none = await semicap(['datasets', '--chart-out', join(dir, 'd.svg')], { env: UTF8 });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("semicap: --chart-out: 'datasets' has no year-by-year series to draw\n");
  });
});

function cls(svg: string, c: string): number {
  return allElements(parseXml(svg)).filter((e) => (e.attrs.class ?? '').split(' ').includes(c)).length;
}

/** The points of an SVG path `M x y L x y …`, as [x, y] text pairs. */
function pathPoints(d: string): [string, string][] {
  return [...d.matchAll(/[ML]([\d.-]+) ([\d.-]+)/g)].map((m) => [m[1], m[2]]);
}

/** The year each x position of the x axis labels. */
function xOfYear(els: ReturnType<typeof allElements>): Map<string, number> {
  const ticks = els.filter((e) => e.name === 'g' && e.attrs.class === 'x-axis').flatMap((g) => g.children.filter((c) => c.name === 'text'));
  return new Map(ticks.map((t) => [t.attrs.x, Number(t.text)]));
}
