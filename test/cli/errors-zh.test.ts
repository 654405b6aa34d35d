// With --lang zh, errors and warnings read as Chinese: one bad invocation per area that says its errors through the
// message catalogue (option values, anchors, CSV dialect options, commands, use cases, rules files, data cells,
// projections), each run in-process and checked for its exit code, one Chinese line and at most 10 % English words.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { englishShare } from '../helpers/english-share.js';
import { removeDir, ROOT, semicap, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));
const ENV = { COLUMNS: '1000', LANG: 'C.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined, HOME: root, XDG_CONFIG_HOME: undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };

const rules = join(root, 'rules.csv');
writeFileSync(rules, 'rule,metric,selector,op,value,unit\nr1,share,region=china segment=mature year=2025,~~,1,\n');
const project = join(root, 'project');
mkdirSync(project);
writeFileSync(join(project, 'semicap.config.json'), '{"ascii": "yes"}\n');
const failing = join(root, 'failing.csv');
writeFileSync(failing, 'rule,metric,selector,op,value,unit\nr1,valid,,==,false,\n');
const series = join(root, 'series.csv');
writeFileSync(series, 'id,year,value\na,2020,x1\na,2021,3\n');

interface Case {
  area: string;
  args: string[];
  code: number;
  /** The Chinese line on stderr, after `semicap: `. */
  message: string;
  /** The working folder (a project config file there is read). */
  cwd?: string;
}

const CASES: Case[] = [
  { area: 'bad option value (year)', args: ['project', '--from', '2023=29%', '--to', '2027=39%', '--through', '20x0'], code: 2, message: "--through 有误：'20x0' 不是年份（应为四位数字，如 2023）" },
  { area: 'bad option value (number)', args: ['forecast', series, '--level', '120'], code: 2, message: '--level 120 大于上限 100' },
  { area: 'bad anchor', args: ['project', '--from', '2023', '--to', '2027=39%'], code: 2, message: "--from '2023' 不是 年份=数值 的形式；应如 --from 2023=29%" },
  { area: 'anchor outside the bounds', args: ['project', '--from', '2023=29%', '--to', '2027=150%'], code: 2, message: '锚点 2027 年（150）高于上限 100' },
  { area: 'unknown scenario', args: ['scenario', 'base2'], code: 2, message: "没有情景 'base2'；应为以下之一：bear, base, bull（是否要输入 'base'？）" },
  { area: 'scenario --set', args: ['scenario', '--set', 'base.mature_share.growth_pct=-200'], code: 2, message: 'base.mature_share.growth_pct：必须大于 −100 %/年；给出的是 -200' },
  { area: 'forecast method list', args: ['forecast', 'examples/many.csv', '--id', 'series', '--method', 'ets,theta2'], code: 2, message: "未知的方法 'theta2'；应为以下之一：" },
  { area: 'forecast method syntax', args: ['forecast', 'examples/many.csv', '--id', 'series', '--method', 'mean(ets'], code: 2, message: "无法解析 --method 'mean(ets'：'(' 没有闭合" },
  { area: 'projection method list', args: ['project', '--from', '2023=29%', '--to', '2027=39%', '--method', 'cagr2'], code: 2, message: "--method：未知的 'cagr2'；应为以下之一：cagr, linear, logistic" },
  { area: 'goal options', args: ['goal', '--target', '2030=100%', '--current', '2025=40%', '--rate', '5', '--step', '1'], code: 2, message: '--rate（复合增长）与 --step（线性增量）只能给出其一' },
  { area: 'goal scenario key', args: ['goal', '--target', '2030=100%', '--scenario', 'base'], code: 2, message: "--scenario 'base' 不是 情景.序列 的形式；应如 base.self_sufficiency" },
  { area: 'CSV dialect options', args: ['project', '--from', '2023=29%', '--to', '2027=39%', '--format', 'csv', '--decimal', ','], code: 2, message: '--decimal 用于设定为 Excel 写出的 CSV 的格式；请加 --excel（或用 --locale 同时设定两者）' },
  { area: 'command options', args: ['goal', '--current', '2025=40%'], code: 2, message: 'goal 需要 --target 年份=数值（如 --target 2030=100%），基金目标则用 --fund-total' },
  { area: 'series options', args: ['forecast', 'examples/many.csv', '--shard', '1/2'], code: 2, message: '--shard 需要 --id：分片按 --id 所指的列划分序列' },
  { area: 'shares use case', args: ['shares', '--segment', 'mature2'], code: 2, message: "没有类别 'mature2' 的份额数据；现有类别：" },
  { area: 'bad rules file', args: ['check', rules], code: 65, message: `${rules}:2:4: 运算符 '~~' 无效；应为以下之一：` },
  { area: 'bad config file', args: ['funds'], cwd: project, code: 65, message: `${join(project, 'semicap.config.json')}：配置项 'ascii' 只能取布尔值 true 或 false，不能是其他类型的值` },
  { area: 'missing input', args: ['check', join(root, 'nosuch.csv')], code: 66, message: `${join(root, 'nosuch.csv')}：没有这个文件` },
  { area: 'output path', args: ['project', '--from', '2023=29%', '--to', '2027=39%', '--out', join(root, 'no-dir', 'out.csv')], code: 73, message: `${join(root, 'no-dir', 'out.csv')}：目录 ${join(root, 'no-dir')} 不存在；请先创建该目录，或另选 --out` },
  { area: 'shard option', args: ['forecast', 'examples/many.csv', '--id', 'series', '--shard', '3/2'], code: 2, message: '--shard 3/2：K 必须在 0 到 1 之间（分片从 0 开始编号）' },
  { area: 'bad data cell', args: ['forecast', series, '--id', 'id'], code: 65, message: `${series}：没有任何序列能够预测（共 1 个问题；第一个：已跳过序列 'a'：${series}:2:3: value 'x1' 不是数值；应为数值）` },
];

describe('errors in Chinese (--lang zh)', () => {
  for (const c of CASES) {
    it(`${c.area}: ${c.args.join(' ')}`, async () => {
      const r = await semicap([...c.args, '--lang', 'zh'], { env: ENV, cwd: c.cwd });
      expect(r.code).toBe(c.code);
      expect(r.stdout).toBe('');
      const lines = r.stderr.split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toBe('');
      expect(lines[0].startsWith(`semicap: ${c.message}`), lines[0]).toBe(true);
      const count = englishShare(lines[0].replaceAll(root, ''));
      expect(count.share, count.words.join(' ')).toBeLessThanOrEqual(0.1);
    });
  }

  it('the same invocations stay English without --lang zh', async () => {
    const r = await semicap(['project', '--from', '2023', '--to', '2027=39%', '--lang', 'en'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("semicap: --from '2023' is not YEAR=VALUE; expected e.g. --from 2023=29%\n");
  });

  it('warnings: a bound the projection would pass, and --jobs above the cores', async () => {
    const p = await semicap(['project', '--from', '2023=29%', '--to', '2027=59%', '--through', '2040', '--method', 'cagr', '--lang', 'zh'], { env: ENV });
    expect(p.code).toBe(0);
    expect(p.stdout).toContain('! cagr将在 2030 年越过 100 %（100.5 %）；保持在 100 %');
    expect(p.stdout).not.toContain('would pass');
    const f = await semicap(['forecast', 'examples/many.csv', '--id', 'series', '--jobs', '256', '--lang', 'zh'], { env: ENV });
    expect(f.code).toBe(0);
    const line = f.stderr.split('\n').find((l) => l.includes('--jobs'));
    expect(line).toMatch(/^semicap: --jobs 256：本机只有 \d+ 个核心；使用 \d+ 个工作线程$/);
    expect(englishShare(line!).share).toBeLessThanOrEqual(0.1);
  });

  it('a bad scenarios.csv row in a --data folder: exit 65, file, line and column, in Chinese', async () => {
    const data = join(root, 'data');
    mkdirSync(data);
    for (const f of readdirSync(join(ROOT, 'datasets')).filter((n) => n.endsWith('.csv'))) copyFileSync(join(ROOT, 'datasets', f), join(data, f));
    const lines = readFileSync(join(data, 'scenarios.csv'), 'utf8').split('\n');
    const at = lines.findIndex((l) => l.split(',')[2] === 'growth_pct');
    const cells = lines[at].split(',');
    cells[4] = 'x1';
    lines[at] = cells.join(',');
    writeFileSync(join(data, 'scenarios.csv'), lines.join('\n'));
    const r = await semicap(['scenario', '--data', data, '--lang', 'zh'], { env: ENV });
    expect(r.code).toBe(65);
    const file = join(data, 'scenarios.csv');
    expect(r.stderr).toBe(`semicap: ${file}:${at + 1}:5: 'x1' 不是数值；应为普通数值（如 5.9）或对内置数据的引用（如 @capacity_share/china/mature）\n`);
    expect(englishShare(r.stderr.replaceAll(root, '')).share).toBeLessThanOrEqual(0.1);
  });

  it('a rule that fails: exit 1 and the rule on stderr in Chinese', async () => {
    const r = await semicap(['check', failing, '--lang', 'zh'], { env: ENV });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`semicap: ${failing}:2: 未通过：r1（true == false 不成立）\n`);
  });
});
