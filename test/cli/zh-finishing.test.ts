// The last English-style pieces of Chinese output: full-width brackets and colons in chart legends, titles and
// source lines; headings of their own for revisions' figures and goal's path; dataset names with their Chinese
// names; the --max-age note; report titles with relative paths. Each in Chinese, and the English exactly as it was.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { both, ENV } from './both-languages.js';
import { removeDir, semicap, tempDir } from './run.js';


const root = tempDir('semicap-zh-finishing-');
afterAll(() => removeDir(root));

describe('charts in Chinese take full-width brackets and colons', () => {
  it('terminal: the projection legend, and the unit after the title', async () => {
    const project = await both(['project', '--from', '2023=29%', '--to', '2027=39%', '--chart']);
    expect(project.zh).toContain('╌╌ 复合增长（预测）   ╌╌ 线性（预测）   ╌╌ 逻辑斯蒂（预测）   ● 锚点\n');
    expect(project.zh).not.toContain(' (预测)');
    expect(project.en).toContain('╌╌ cagr (projection)   ╌╌ linear (projection)   ╌╌ logistic (projection)   ● anchor\n');
    const ss = await both(['self-sufficiency', '--chart']);
    expect(ss.zh).toContain('\n中国境内集成电路产量占比：历史、当前路径与目标（%）\n');
    expect(ss.en).toContain('\nic_production_in_china: history, current path and targets (%)\n');
  });

  it('terminal: the source line under a forecast chart', async () => {
    const { en, zh } = await both(['forecast', 'examples/history.csv', '--value', 'share', '--chart']);
    expect(zh).toContain('╌╌ auto（预测）   ── 历史\n来源：examples/history.csv\n');
    expect(en).toMatch(/╌╌ auto \(projection\) +── history\nsource: examples\/history\.csv\n/);
  });

  it('SVG: the legend and the source line', async () => {
    const zhFile = join(root, 'zh.svg');
    const enFile = join(root, 'en.svg');
    expect((await semicap(['self-sufficiency', '--chart-out', zhFile, '--lang', 'zh'], { env: ENV })).code).toBe(0);
    expect((await semicap(['self-sufficiency', '--chart-out', enFile], { env: ENV })).code).toBe(0);
    const zh = readFileSync(zhFile, 'utf8');
    const en = readFileSync(enFile, 'utf8');
    expect(zh).toMatch(/>复合增长（预测）<\/text>/);
    expect(zh).toMatch(/>线性（预测）<\/text>/);
    expect(zh).toMatch(/>来源：icinsights_2021_01, icinsights_2022_05, icinsights_2019_02, icinsights_2020_05<\/text>/);
    expect(zh).not.toMatch(/ \(预测\)|来源: /);
    expect(en).toMatch(/>cagr \(projection\)<\/text>/);
    expect(en).toMatch(/>source: icinsights_2021_01, icinsights_2022_05, icinsights_2019_02, icinsights_2020_05<\/text>/);
  });
});

describe('headings of their own', () => {
  it("revisions: the releases' figures read 各年数据; datasets --sources keeps 数据条数", async () => {
    const { en, zh } = await both(['revisions']);
    expect(zh).toMatch(/│ 发布日期 +│ 来源 +│ 发布方 +│ 各年数据 +│ 定义 +│/);
    expect(zh).not.toContain('数据条数');
    expect(en).toMatch(/│ published +│ source_id +│ publisher +│ figures +│ definition +│/);
    const sources = await both(['datasets', '--sources']);
    expect(sources.zh).toMatch(/│ 数据条数 │/);
    expect(sources.en).toMatch(/│ figures │/);
  });

  it("goal: the path's label under 路径, and whether it meets the target in words", async () => {
    const { en, zh } = await both(['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '15']);
    expect(zh).toMatch(/│ 路径 +│ 目标年份的路径值 │ 是否达到目标 │ 路径达到年份 │ 期限 │\n│ 复合增长 15 %\/年 │ +80\.45 │ 否 +│ +2032 │ 2050 │/);
    expect(en).toMatch(/│ current path +│ value in 2030 │ meets it │ reaches it in │ looked to │\n│ compound 15 %\/yr │ +80\.45 │ no +│ +2032 │ +2050 │/);
  });

  it('goal --format csv keeps true/false and its column names in Chinese too', async () => {
    const zh = await semicap(['goal', '--current', '2025=40%', '--target', '2030=80%', '--rate', '15', '--table', 'path', '--format', 'csv', '--lang', 'zh'], { env: ENV });
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toMatch(/^path,value_in_target_year,meets_target,year_reached,horizon\r?\ncompound 15 %\/yr,80\.45[0-9]*,true,2030,2050\r?\n$/);
  });
});

describe('dataset names with their Chinese names', () => {
  it("validate: each file's dataset, its name kept", async () => {
    const { en, zh } = await both(['validate']);
    const names = [['sources', '来源'], ['capacity_share', '产能份额'], ['capacity', '产能'], ['funds', '基金'], ['self_sufficiency', '自给率'], ['fx', '汇率'], ['indicators', '其他指标'], ['scenarios', '情景'], ['claims', '说法']];
    for (const [name, chinese] of names) {
      expect(zh).toMatch(new RegExp(`/${name}\\.csv +│ ${chinese} ${name} +│`));
      expect(en).toMatch(new RegExp(`/${name}\\.csv +│ ${name} +│`));
    }
  });

  it('datasets: each series section names its dataset after a full-width colon', async () => {
    const { en, zh } = await both(['datasets']);
    expect(zh).toMatch(/│ 数据集：汇率 fx +│/);
    expect(zh).toMatch(/│ 数据集：产能份额 capacity_share +│/);
    expect(zh).not.toMatch(/数据集: /);
    expect(en).toMatch(/│ dataset: fx +│/);
    expect(en).toMatch(/│ dataset: capacity_share +│/);
  });
});

describe('validate --max-age on a single file', () => {
  it('says through the catalogue that it checks folders', async () => {
    const en = await semicap(['validate', '--max-age', '2', 'examples/my-data/capacity_share.csv'], { env: { ...ENV, COLUMNS: '200' } });
    const zh = await semicap(['validate', '--max-age', '2', 'examples/my-data/capacity_share.csv', '--lang', 'zh'], { env: { ...ENV, COLUMNS: '200' } });
    expect(en.code).toBe(0);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toContain('  examples/my-data/capacity_share.csv：--max-age 检查的是数据集文件夹中的序列，不适用于单个文件\n');
    expect(en.stdout).toContain('  examples/my-data/capacity_share.csv: --max-age checks the series of a folder of datasets, not a single file\n');
  });
});

describe('report in Chinese', () => {
  it('titles that name a folder are still said in Chinese once the folder is written relative', async () => {
    const zhDir = join(root, 'zh');
    const enDir = join(root, 'en');
    expect((await semicap(['report', '--out', zhDir, '--lang', 'zh'], { env: ENV })).code).toBe(0);
    expect((await semicap(['report', '--out', enDir], { env: ENV })).code).toBe(0);
    const zh = readFileSync(join(zhDir, 'summary.md'), 'utf8');
    const en = readFileSync(join(enDir, 'summary.md'), 'utf8');
    expect(zh).toContain('\n### 数据集目录 datasets\n');
    expect(zh).not.toContain('Datasets in');
    expect(zh).toContain('| datasets/sources.csv | 来源 sources |');
    expect(en).toContain('| datasets/sources.csv | sources |');
    expect(en).toContain('\n### Datasets in datasets\n');
  });

  it("a report of a --data folder names it after 数据：", async () => {
    const zhDir = join(root, 'zh-data');
    const enDir = join(root, 'en-data');
    expect((await semicap(['report', '--out', zhDir, '--data', 'examples/my-data/', '--lang', 'zh'], { env: ENV })).code).toBe(0);
    expect((await semicap(['report', '--out', enDir, '--data', 'examples/my-data/'], { env: ENV })).code).toBe(0);
    expect(readFileSync(join(zhDir, 'summary.md'), 'utf8')).toMatch(/^# semicap 报告\n\nsemicap [\d.]+ · 数据：examples\/my-data\n/);
    expect(readFileSync(join(enDir, 'summary.md'), 'utf8')).toMatch(/^# semicap report\n\nsemicap [\d.]+ · data: examples\/my-data\n/);
  });
});
