// --lang zh|en and LANG detection end to end: Chinese headings, titles, notes, labels with both names and
// messages; tables that keep their alignment with wide characters; CSV and JSON keys unchanged.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { removeDir, semicap, tempDir } from './run.js';

/** Columns a line takes in a terminal (CJK two). */
const displayWidth = (line: string) => stringWidth(line);

const root = tempDir();
afterAll(() => removeDir(root));
// A wide terminal: tables at their full width, as the layouts below are written.
const ENV = { COLUMNS: '1000', LANG: 'C.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined, HOME: root, XDG_CONFIG_HOME: undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };

/** Every line of each table (from its top border to its bottom border) has the same display width. */
function expectAligned(text: string) {
  const lines = text.split('\n');
  let tables = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('┌')) continue;
    tables++;
    const width = displayWidth(lines[i]);
    for (let j = i + 1; j < lines.length; j++) {
      expect(displayWidth(lines[j]), lines[j]).toBe(width);
      if (lines[j].startsWith('└')) break;
    }
  }
  return tables;
}

describe('--lang zh', () => {
  it('project: Chinese title, headings, labels with both names and notes; the numbers unchanged', async () => {
    const r = await semicap(['project', '--from', '2023=29%', '--to', '2027=39%', '--through', '2030', '--lang', 'zh'], { env: ENV });
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('经过 2023=29%, 2027=39% 的预测路径');
    expect(lines[2]).toMatch(/^│ 年份 │ 复合增长 % │ 线性 % │ 逻辑斯蒂 % │ 数据点 +│ 复合增长 +│/);
    expect(r.stdout).toMatch(/│ 2030 │ +48\.70 │ +46\.50 │ +47\.22 │ 外推 extrapolated │/);
    expect(r.stdout).toContain('│ 复合增长 cagr     │');
    expect(r.stdout).toContain('2023→2027：复合增长 7.6878 %/年；线性 2.5 百分点/年');
    expect(expectAligned(r.stdout)).toBe(2);
  });

  it('every command’s tables stay aligned with wide characters', async () => {
    for (const args of [['overview'], ['capacity'], ['capacity', '--metric', 'wpm'], ['funds'], ['self-sufficiency'], ['datasets'], ['validate']]) {
      const r = await semicap([...args, '--lang', 'zh'], { env: ENV });
      expect(r.code, args.join(' ')).toBe(0);
      expect(expectAligned(r.stdout), args.join(' ')).toBeGreaterThan(0);
      expect(r.stdout).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('capacity: region and segment with both names in the title; kinds with both names in cells', async () => {
    const r = await semicap(['capacity', '--lang', 'zh'], { env: ENV });
    expect(r.stdout.split('\n')[0]).toBe('中国大陆占全球成熟制程产能的份额（%，按各来源自身数据）');
    expect(r.stdout).toContain('│ 估计 estimate │');
    expect(r.stdout).toContain('│ 锚点 anchor ');
  });

  it('LANG=zh_CN.UTF-8 is detected; --lang en and SEMICAP_LANG=en override it', async () => {
    const zh = await semicap(['project', '--from', '2023=29%', '--to', '2027=39%'], { env: { ...ENV, LANG: 'zh_CN.UTF-8' } });
    expect(zh.stdout.split('\n')[0]).toBe('经过 2023=29%, 2027=39% 的预测路径');
    const en = await semicap(['project', '--from', '2023=29%', '--to', '2027=39%', '--lang', 'en'], { env: { ...ENV, LANG: 'zh_CN.UTF-8' } });
    expect(en.stdout.split('\n')[0]).toBe('Projection through 2023=29%, 2027=39%');
    const env = await semicap(['project', '--from', '2023=29%', '--to', '2027=39%'], { env: { ...ENV, LANG: 'zh_CN.UTF-8', SEMICAP_LANG: 'en' } });
    expect(env.stdout.split('\n')[0]).toBe('Projection through 2023=29%, 2027=39%');
  });

  it('CSV is byte-identical in both languages; JSON keeps its keys and values, only headers, titles and notes change', async () => {
    const args = ['capacity', '--source', 'trendforce_2023_12'];
    const csvEn = await semicap([...args, '--format', 'csv'], { env: ENV });
    const csvZh = await semicap([...args, '--format', 'csv', '--lang', 'zh'], { env: ENV });
    expect(csvZh.stdout).toBe(csvEn.stdout);
    const en = JSON.parse((await semicap([...args, '--format', 'json'], { env: ENV })).stdout);
    const zh = JSON.parse((await semicap([...args, '--format', 'json', '--lang', 'zh'], { env: ENV })).stdout);
    expect(zh.tables.map((t: { rows: unknown }) => t.rows)).toEqual(en.tables.map((t: { rows: unknown }) => t.rows));
    expect(zh.tables[0].columns.map((c: { key: string }) => c.key)).toEqual(en.tables[0].columns.map((c: { key: string }) => c.key));
    expect(zh.tables[0].columns[0]).toEqual({ key: 'year', header: '年份' });
    expect(zh.tables[0].title).toBe('中国大陆占全球成熟制程产能的份额（%，按各来源自身数据）');
    expect(zh.notes[0]).toBe('trendforce_2023_12：2023=31% → 2027=39%，隐含复合增长 5.91 %/年，线性 2.00 百分点/年');
  });

  it('messages: the written-file line in Chinese', async () => {
    const out = join(root, 'zh.csv');
    const r = await semicap(['funds', '--format', 'csv', '--out', out, '--lang', 'zh'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`semicap: 已写入 ${out}\n`);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('fund,year,measure,status,kind,cny_bn_low,cny_bn_high,usd_bn_low,usd_bn_high,cny_per_usd,fx_year,source_usd_low,source_usd_high,source_per_usd,published_in,source_id,conversion_source_id');
  });

  it('an unknown language is a usage error', async () => {
    const r = await semicap(['funds', '--lang', 'fr'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("semicap: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are en, zh.\n");
  });
});

describe('--lang zh units and names', () => {
  it('funds: amounts in 亿元 and 亿美元, the Big Fund by its Chinese name, no raw measure keys alone', async () => {
    const r = await semicap(['funds', '--lang', 'zh'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ 大基金三期（big_fund III） +│ 2024 │ 注册资本 registered_capital +│ 已注册 registered │ 实际 actual +│ +3440 │ +3440 │ +478 │ +478 │/);
    expect(r.stdout).toContain('国家集成电路产业投资基金（大基金）截至三期（注册资本，累计）');
    expect(r.stdout).toContain('投向华芯鼎新 deployment_huaxin_dingxin');
    expect(r.stdout).not.toMatch(/十亿|8英寸约当|Big Fund/);
    // Files keep the dataset's units.
    const csv = await semicap(['funds', '--lang', 'zh', '--format', 'csv'], { env: ENV });
    expect(csv.stdout).toContain(',344,344,');
  });
  it('capacity --metric wpm: 万片/月 with 折合8英寸 in title and numbers', async () => {
    const r = await semicap(['capacity', '--metric', 'wpm', '--lang', 'zh'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('中国大陆产能（全部晶圆厂），万片/月（折合8英寸），经 2023 年与 2025 年数据');
    expect(r.stdout).toMatch(/│ 2025 │ +1010\.00 │ +1010\.00 │ 锚点 anchor/);
    expect(r.stdout).not.toContain('wpm_8in_eq');
  });
});

describe('--lang zh claims', () => {
  it('amounts in 亿美元 and 万亿美元, capacity in 万片/月, never 十亿 or a raw unit key', async () => {
    const r = await semicap(['claims', '--lang', 'zh'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1500亿美元 (2014–2025)');
    expect(r.stdout).toContain('2000–5000亿元 (2025)');
    expect(r.stdout).toContain('8.3万片/月（12英寸） (2025)');
    expect(r.stdout).toContain('18万亿美元 (2025)');
    expect(r.stdout).not.toMatch(/十亿|wpm_12in \(|USD_bn|CNY_bn/);
  });
});

describe('--lang zh errors', () => {
  it("commander's usage errors in Chinese, exit 2, with the suggestion", async () => {
    const unknown = await semicap(['funds', '--formt', 'csv', '--lang', 'zh'], { env: ENV });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("semicap: 未知选项 '--formt'\n（是不是想用 --format？）\n");
    const choice = await semicap(['funds', '--format', 'xml', '--lang', 'zh'], { env: ENV });
    expect(choice.stderr).toBe("semicap: 选项 '-f, --format <format>' 的取值 'xml' 无效；可选：table, csv, json, md, xlsx\n");
    const required = await semicap(['project', '--to', '2027=39%', '--lang', 'zh'], { env: ENV });
    expect(required.stderr).toBe("semicap: 缺少必需的选项 '--from <year=value>'\n");
  });
  it('our errors through the catalogue: a missing file is exit 66 in Chinese, English without --lang zh', async () => {
    const zh = await semicap(['forecast', 'no-such.csv', '--lang', 'zh'], { env: ENV });
    expect(zh.code).toBe(66);
    expect(zh.stderr).toBe('semicap: no-such.csv：没有这个文件\n');
    const en = await semicap(['forecast', 'no-such.csv'], { env: ENV });
    expect(en.stderr).toBe('semicap: no-such.csv: no such file\n');
  });
});
