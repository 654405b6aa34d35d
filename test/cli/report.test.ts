// `semicap report --out DIR` end to end: the folder's files, byte-identical reruns, the Markdown structure,
// the HTML page that shows the charts, and the failure modes.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv.js';
import { allElements, parseXml } from '../report/xml.js';
import { copyDatasets, removeDir, semicap, snapshot, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, HOME: root, XDG_CONFIG_HOME: undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };

const EXPECTED_FILES = [
  'capacity-share-inputs.csv',
  'capacity-share-projection.csv',
  'capacity-share-share.svg',
  'capacity-wpm-inputs.csv',
  'capacity-wpm-projection.csv',
  'capacity-wpm-wpm.svg',
  'datasets-files.csv',
  'funds-funds.csv',
  'funds-totals.csv',
  'index.html',
  'report.json',
  'scenarios-china_wpm.svg',
  'scenarios-fund_deployment.svg',
  'scenarios-mature_share.svg',
  'scenarios-odds.csv',
  'scenarios-paths.csv',
  'scenarios-self_sufficiency.svg',
  'self-sufficiency-history.csv',
  'self-sufficiency-targets.csv',
  'self-sufficiency-targets.svg',
  'summary.md',
  'validate-files.csv',
];

describe('semicap report --out DIR', async () => {
  const a = join(root, 'a');
  const b = join(root, 'nested', 'b');
  // --wide: each path on one line of the list of files.
  const runA = await semicap(['report', '--out', a, '--wide'], { env: ENV });
  const runB = await semicap(['report', '--out', b, '--wide'], { env: ENV });

  it('writes the folder and lists the files on stdout', () => {
    expect(runA.code).toBe(0);
    expect(runA.stderr).toBe('');
    expect(readdirSync(a).sort()).toEqual(EXPECTED_FILES);
    for (const f of EXPECTED_FILES) expect(runA.stdout).toContain(join(a, f));
    expect(runA.stdout).toContain(`wrote ${EXPECTED_FILES.length} files to ${a}`);
    // No temporary files left behind.
    expect(readdirSync(a).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it("summary.md links each analysis' CSV files, and only files that were written", () => {
    const md = readFileSync(join(a, 'summary.md'), 'utf8');
    const lines = md.split('\n').filter((l) => l.startsWith('CSV: '));
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) {
      for (const [, text, href] of line.matchAll(/\[([^\]]*)\]\(([^)]*)\)/g)) {
        expect(text).toBe(href);
        expect(EXPECTED_FILES, line).toContain(href);
      }
    }
  });

  it('gives byte-identical files for the same inputs (a second folder, created with its parents)', () => {
    expect(runB.code).toBe(0);
    // snapshot(): file name → SHA-256 of its bytes.
    const sa = snapshot(a);
    expect(sa.size).toBe(EXPECTED_FILES.length);
    expect(snapshot(b)).toEqual(sa);
    const bytesA = readFileSync(join(a, 'index.html'));
    expect(createHash('sha256').update(bytesA).digest('hex')).toBe(sa.get('index.html'));
    // A rerun into the same folder changes nothing: ci-contract.test.ts ('a re-run leaves no stale file') reruns a
    // report into its folder, with a stale file added, and compares every file's bytes (the same run, so not twice).
  });

  it('--timestamp puts the time in summary.md, report.json and index.html only', async () => {
    const c = join(root, 'c');
    const r = await semicap(['report', '--out', c, '--timestamp'], { env: ENV });
    expect(r.code).toBe(0);
    const stamp = /semicap 0\.\d+\.\d+ · bundled datasets · (\d{4}-\d\d-\d\dT[\d:.]+Z)/.exec(readFileSync(join(c, 'summary.md'), 'utf8'));
    expect(stamp).not.toBeNull();
    expect(JSON.parse(readFileSync(join(c, 'report.json'), 'utf8')).generated).toBe(stamp![1]);
    expect(readFileSync(join(c, 'index.html'), 'utf8')).toContain(stamp![1]);
    for (const f of EXPECTED_FILES.filter((f) => !['summary.md', 'report.json', 'index.html'].includes(f))) {
      expect(readFileSync(join(c, f)).equals(readFileSync(join(a, f))), f).toBe(true);
    }
    expect(readFileSync(join(a, 'summary.md'), 'utf8')).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:/);
  });

  it('summary.md: a heading per analysis, chart images, and well-formed Markdown tables', () => {
    const md = readFileSync(join(a, 'summary.md'), 'utf8');
    expect(md.startsWith('# semicap report\n')).toBe(true);
    expect(md.match(/^## .+$/gm)).toEqual([
      '## Dataset validation',
      "## China's share of mature-node capacity",
      '## China capacity in wafers per month',
      '## Chip funds and support packages',
      '## Self-sufficiency and targets',
      '## Scenarios and the odds of each target',
      '## Datasets and sources',
    ]);
    const images = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(images).toEqual([
      'capacity-share-share.svg',
      'capacity-wpm-wpm.svg',
      'self-sufficiency-targets.svg',
      'scenarios-mature_share.svg',
      'scenarios-china_wpm.svg',
      'scenarios-fund_deployment.svg',
      'scenarios-self_sufficiency.svg',
    ]);
    // Every table: a header row, a separator with one cell per column, rows with as many cells.
    const lines = md.split('\n');
    let tables = 0;
    for (let i = 0; i < lines.length; i++) {
      if (!/^\|[-:|]+\|$/.test(lines[i])) continue;
      tables++;
      const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
      const width = cells(lines[i - 1]);
      expect(cells(lines[i]), lines[i - 1]).toBe(width);
      for (let j = i + 1; j < lines.length && lines[j].startsWith('|'); j++) expect(cells(lines[j]), lines[j]).toBe(width);
    }
    // Twelve tables, and the empirical bands (for people) of the capacity share, capacity wpm and self-sufficiency paths.
    expect(tables).toBe(15);
    expect(md).toContain('| 2030 | 36.36 | 36.00 | 36.17 | 46.33 | 45.00 | 45.44 |');
  });

  it('one CSV per table, as `semicap <command> --format csv` writes it', async () => {
    const direct = await semicap(['capacity', '--format', 'csv'], { env: ENV });
    expect(readFileSync(join(a, 'capacity-share-projection.csv'), 'utf8')).toBe(direct.stdout);
    const totals = await semicap(['funds', '--format', 'csv', '--table', 'totals'], { env: ENV });
    expect(readFileSync(join(a, 'funds-totals.csv'), 'utf8')).toBe(totals.stdout);
  });

  it('report.json holds every analysis with its tables and chart series', () => {
    const doc = JSON.parse(readFileSync(join(a, 'report.json'), 'utf8'));
    expect(doc.analyses.map((x: { id: string }) => x.id)).toEqual(['validate', 'capacity-share', 'capacity-wpm', 'funds', 'self-sufficiency', 'scenarios', 'datasets']);
    const share = doc.analyses[1];
    expect(share.tables.map((t: { name: string }) => t.name)).toEqual(['projection', 'inputs']);
    const row2030 = share.tables[0].rows.find((r: { year: number }) => r.year === 2030);
    // The Dec 2023 release's compound path: 31 × (39/31)^(7/4) = 46.33.
    expect(row2030['trendforce_2023_12.cagr']).toBeCloseTo(31 * Math.pow(39 / 31, 7 / 4), 10);
    expect(share.charts[0].lines).toHaveLength(6);
  });

  it('index.html: well-formed, inlines each SVG chart, and a table per report table', () => {
    const html = readFileSync(join(a, 'index.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    // The page is XHTML-clean (our own small parser accepts it), which also checks the inlined SVGs.
    const els = allElements(parseXml(html.replace('<!DOCTYPE html>', '').replace(/<meta([^>]*[^/])>/g, '<meta$1/>')));
    expect(els.filter((e) => e.name === 'svg')).toHaveLength(7);
    expect(els.filter((e) => e.name === 'table')).toHaveLength(15);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
  });

  it('the scenario section: the odds of each target are those `semicap scenario --simulate N --seed S` gives', async () => {
    const doc = JSON.parse(readFileSync(join(a, 'report.json'), 'utf8'));
    const section = doc.analyses.find((x: { id: string }) => x.id === 'scenarios');
    // The notes name the seed and path count, so anyone can rerun the simulation.
    const rerun = section.notes.map((n: string) => /`semicap scenario --simulate (\d+) --seed (\d+)`/.exec(n)).find(Boolean);
    expect(rerun).toBeTruthy();
    const [, paths, seed] = rerun;
    const direct = await semicap(['scenario', '--simulate', paths, '--seed', seed, '--format', 'csv', '--table', 'targets'], { env: ENV });
    expect(direct.code).toBe(0);
    const records = (text: string) => {
      const { header, rows } = parseCsv(text, 'odds');
      return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r.cells[i]])));
    };
    const expected = records(direct.stdout);
    const written = records(readFileSync(join(a, 'scenarios-odds.csv'), 'utf8'));
    expect(written).toHaveLength(expected.length);
    expect(written.length).toBeGreaterThan(10);
    written.forEach((row, i) => {
      const want = expected[i];
      for (const key of ['scenario', 'series', 'unit', 'point_met', 'source_id']) expect(row[key], key).toBe(want[key]);
      for (const key of ['target_year', 'target', 'probability', 'standard_error']) expect(Number(row[key]), `${row.scenario}.${row.series} ${key}`).toBe(Number(want[key]));
    });
    // Some odds lie strictly between 0 and 1: the simulation, not only the point paths, decides them.
    expect(written.some((r) => Number(r.probability) > 0 && Number(r.probability) < 1)).toBe(true);
    // The point paths side by side: one column per scenario, as `semicap scenario` draws them.
    const sideBySide = records(readFileSync(join(a, 'scenarios-paths.csv'), 'utf8'));
    const points = records((await semicap(['scenario', '--format', 'csv', '--table', 'paths'], { env: ENV })).stdout);
    for (const p of points) {
      const row = sideBySide.find((r) => r.series === p.series && r.year === p.year);
      expect(Number(row?.[p.scenario]), `${p.scenario}.${p.series} ${p.year}`).toBe(Number(p.value));
    }
  });

  it('--lang zh: Chinese headings in summary.md and index.html, English CSV', async () => {
    const z = join(root, 'zh');
    const r = await semicap(['report', '--out', z, '--lang', 'zh'], { env: ENV });
    expect(r.code).toBe(0);
    const md = readFileSync(join(z, 'summary.md'), 'utf8');
    expect(md).toContain('## 中国大陆成熟制程产能份额');
    expect(md).toContain('| 年份 |');
    expect(md).toContain('## 情景对比与各目标的达成概率');
    expect(md).toContain('| 情景 | 序列 | 目标年 | 目标 | 单位 | 达成概率 |');
    expect(readFileSync(join(z, 'scenarios-odds.csv')).equals(readFileSync(join(a, 'scenarios-odds.csv')))).toBe(true);
    expect(readFileSync(join(z, 'index.html'), 'utf8')).toContain('<html lang="zh-CN">');
    expect(readFileSync(join(z, 'capacity-share-projection.csv')).equals(readFileSync(join(a, 'capacity-share-projection.csv')))).toBe(true);
  });

  it('bad datasets: the validation section is written, exit 65, and the problem is on stderr', async () => {
    const data = copyDatasets(root, 'bad');
    const file = join(data, 'fx.csv');
    writeFileSync(file, 'year,currency,per_usd,kind,source_id,notes\n2024,CNY,abc,estimate,reuters_2024_05,\n');
    const out = join(root, 'bad-report');
    const r = await semicap(['report', '--out', out, '--data', data], { env: ENV });
    expect(r.code).toBe(65);
    expect(r.stderr).toContain(`semicap: ${file}:2:3: per_usd 'abc' is not a number`);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('| fx | 0 | 1 | invalid |');
    expect(existsSync(join(out, 'capacity-share-projection.csv'))).toBe(false);
  });

  it('needs --out (exit 2); a file in the way is exit 73', async () => {
    const none = await semicap(['report'], { env: ENV });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("required option '-o, --out <dir>' not specified");
    const file = join(root, 'a-file');
    writeFileSync(file, 'x');
    const blocked = await semicap(['report', '--out', file], { env: ENV });
    expect(blocked.code).toBe(73);
    expect(blocked.stderr).toBe(`semicap: ${file}: exists and is not a folder; expected a folder for the report\n`);
  });
});
