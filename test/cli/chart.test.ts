// --chart and --chart-out end to end: the chart follows the table on stdout, fits the width, falls back to
// ASCII when the locale is not UTF-8, never gets into CSV/JSON, and the SVG file is well formed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { displayWidth } from '../../src/report/i18n.js';
import { allElements, parseXml } from '../report/xml.js';
import { removeDir, semicap, tempDir } from './run.js';

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
    expect(r.stdout).toContain('░░ 95 % interval   ░░ 80 % interval   ╌╌ drift (projection)');
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
