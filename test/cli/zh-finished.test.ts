// Texts that stayed English under --lang zh and now come through the message catalogue: each output in Chinese,
// and the same output in English exactly as it was (titles, headings, notes and legends word for word).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { both, ENV } from './both-languages.js';
import { removeDir, semicap, semicapProcess, tempDir } from './run.js';


const root = tempDir('semicap-zh-finished-');
afterAll(() => removeDir(root));

// 60 years: g a trend with a cycle, h compound growth with a wobble (auto weighs its candidates' errors).
const LONG = join(root, 'long.csv');
const rows = ['id,year,value'];
for (let i = 0; i < 60; i++) rows.push(`g,${1960 + i},${(100 + 3 * i + 10 * Math.sin(i / 3)).toFixed(3)}`);
for (let i = 0; i < 60; i++) rows.push(`h,${1960 + i},${(50 * 1.03 ** i + 5 * Math.cos(i)).toFixed(3)}`);
writeFileSync(LONG, `${rows.join('\n')}\n`);

describe('forecast --explain in Chinese', () => {
  it('short series: the title, the years/chose/why headings and the median rule', async () => {
    const { en, zh } = await both(['forecast', 'examples/many.csv', '--id', 'series', '--explain']);
    expect(zh).toContain('各方法的拟合说明：auto\n');
    expect(zh).toMatch(/│ 序列 +│ 年数 │ 方法 │ 规则 +│ 所选方法 │ 说明 │/);
    expect(zh).toContain('[1] 26 年，少于 48 年：取 naive、ses、drift、holt、damped 五种方法预测的中位数\n');
    expect(en).toContain('What each method did, auto\n');
    expect(en).toMatch(/│ id +│ years │ method │ rule +│ chose +│ why │/);
    expect(en).toContain('[1] 26 years, fewer than 48: the median of naive, ses, drift, holt and damped\n');
  });

  it("long series: auto's rolling-origin choice, its candidates' errors, the MAE headings and ARIMA's model", async () => {
    const { en, zh } = await both(['forecast', LONG, '--id', 'id', '--explain', '--method', 'auto,arima']);
    expect(zh).toMatch(/│ +MAE │ +MAE │ +MAE │ +MAE │ +MAE │ 说明 │\n.*│ median │ theta │ arima │ holt │ damped │/);
    expect(zh).toMatch(/│ g +│ +60 │ auto +│ 按误差选择 evidence │ arima +│/);
    expect(zh).toContain('│ ARIMA(1,1,0)（带漂移项） │');
    expect(zh).toContain('[1] 60 年：选最近 20 年（向前 1–6 年）平均绝对误差最小者：median 5.843，theta 6.734，arima 5.064，holt 5.52，damped');
    expect(en).toMatch(/│ mae median │ mae theta │ mae arima │ +mae │ +mae │ why │\n.*│ +holt │ damped │/);
    expect(en).toMatch(/│ g +│ +60 │ auto +│ evidence │ arima +│/);
    expect(en).toContain('│ ARIMA(1,1,0) with drift │');
    expect(en).toContain('[1] 60 years: lowest mean absolute error over the last 20 years (1-6 years ahead): median 5.843, theta 6.734, arima\n    5.064, holt 5.52, damped 5.361\n');
  });

  it('reasons said in worker threads print in Chinese too, and the count of fitted series', () => {
    // More than two batches of 25 series (SEMICAP_BATCH_SERIES; 500 by default), so that --jobs 2 fits them in two
    // worker threads (English: forecast-explain.test.ts).
    const many = join(root, 'many.csv');
    const lines = ['id,year,value'];
    for (let s = 0; s < 52; s++) for (let k = 0; k < 12; k++) lines.push(`s${s},${2010 + k},${50 + s + k * (1 + (s % 3))}`);
    for (let i = 0; i < 60; i++) lines.push(`z,${1960 + i},${(100 + 3 * i + 10 * Math.sin(i / 3)).toFixed(3)}`);
    writeFileSync(many, `${lines.join('\n')}\n`);
    const zh = semicapProcess(['forecast', many, '--id', 'id', '--explain', '--jobs', '2', '--verbose', '--lang', 'zh'], { env: { ...ENV, SEMICAP_BATCH_SERIES: '25' } });
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stderr).toContain('semicap: 已拟合 53 条序列（2 个工作线程）\n');
    expect(zh.stdout).toContain('[1] 12 年，少于 48 年：取 naive、ses、drift、holt、damped 五种方法预测的中位数\n');
    expect(zh.stdout).toMatch(/\[2\] 60 年：选最近 20 年（向前 1–6 年）平均绝对误差最小者：median 5\.843，/);
    expect(zh.stdout).not.toMatch(/years|fewer than/);
  });
});

describe('fitted histories in Chinese', () => {
  it("capacity --metric wpm --method: the fitted table's title and series id, and capacity.csv's notes", async () => {
    const { en, zh } = await both(['capacity', '--metric', 'wpm', '--region', 'smic', '--method', 'drift']);
    expect(zh).toContain('中芯国际（公司，片/月，折合8英寸）：拟合预测及预测区间\n');
    expect(zh).toContain('已用 drift 拟合 中芯国际（公司，片/月，折合8英寸） 在 2022–2025 年的 4 个年度值');
    expect(zh).toContain('[1] Q4 季度；标准逻辑折合8英寸每月晶圆片数，季度末产能。来源称为 2022 年第四季度（有些摘要记为 2021 年）。\n');
    expect(en).toContain('smic (company, wpm_8in_eq): fitted forecasts with prediction intervals\n');
    expect(en).toContain('fitted drift to 4 yearly values 2022–2025 of smic (company, wpm_8in_eq)');
    expect(en).toContain('[1] Q4; Standard logic 8-inch equivalent wafers per month, capacity at quarter end. Sources say 4Q22 (some summaries put\n');
  });

  it("self-sufficiency --method: each method's 'reaches' row and the interpolated history years", async () => {
    const { en, zh } = await both(['self-sufficiency', '--method', 'ets']);
    expect(zh).toMatch(/│ ets 路径达到 +│/);
    expect(zh).toMatch(/│ 2012 │ 历史（插值） history \(interpolated\) │/);
    expect(zh).toContain('ic_production_in_china：拟合预测及预测区间\n');
    expect(en).toMatch(/│ ets reaches +│/);
    expect(en).toMatch(/│ 2012 │ history \(interpolated\) │/);
    expect(en).toContain('ic_production_in_china: fitted forecasts with prediction intervals\n');
  });
});

describe('goal in Chinese', () => {
  it("--fund-total: the plan's titles, headings and notes", async () => {
    const { en, zh } = await both(['goal', '--fund-total', '344', '--deployed', '164', '--deploy-from', '2025', '--deploy-to', '2034', '--growth', '10']);
    expect(zh).toContain('2025–2034 年投放 344（已投放 164）\n');
    expect(zh).toMatch(/│ +合计 │ 已投放 │ +剩余 │ 年数 │ 每年等额 │ 年增长率 % │ 首年投放 │ 末年投放 │/);
    expect(zh).toContain('逐年投放额与累计投放额\n');
    expect(zh).toMatch(/│ 年份 │ 等额投放 │ 累计（等额） │ 逐年增长 10 %\/年 │ 累计（逐年增长） │/);
    expect(zh).toContain('  (344 − 164) / 10 年 = 每年 18\n');
    expect(zh).toContain('金额单位与 --fund-total 相同（例如大基金三期注册资本 344，单位十亿元，即 3440 亿元；见 datasets/funds.csv）');
    expect(en).toContain('Deploying 344 (164 already deployed) over 2025–2034\n');
    expect(en).toMatch(/│ +total │ deployed │ remaining │ years │ constant per year │ growth %\/yr │ first year │ last year │/);
    expect(en).toContain('Yearly deployment and cumulative total\n');
    expect(en).toMatch(/│ year │ constant │ cumulative │ growing 10 %\/yr │ cumulative \(growing\) │/);
    expect(en).toContain('  (344 − 164) / 10 years = 18 a year\n');
    expect(en).toContain('  amounts are in the unit of --fund-total (e.g. RMB bn for Big Fund III: registered capital 344, datasets/funds.csv)\n');
  });

  it('--fund-total with nothing left to deploy', async () => {
    const { en, zh } = await both(['goal', '--fund-total', '344', '--deployed', '400', '--deploy-from', '2025', '--deploy-to', '2034']);
    expect(zh).toContain('  已无剩余：400 ≥ 344\n');
    expect(en).toContain('  nothing remains: 400 ≥ 344\n');
  });

  it('the current path named by its rate or step', async () => {
    const rate = await both(['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '15']);
    expect(rate.zh).toMatch(/│ 复合增长 15 %\/年 │/);
    expect(rate.en).toMatch(/│ compound 15 %\/yr │/);
    const step = await both(['goal', '--current', '2025=40%', '--target', '2030=100%', '--step', '5']);
    expect(step.zh).toMatch(/│ 线性 5 百分点\/年 │/);
    expect(step.en).toMatch(/│ linear 5 pp\/yr │/);
  });
});

describe('other outputs in Chinese', () => {
  it('validate --max-age: the stale-series warnings', async () => {
    const en = await semicap(['validate', '--max-age', '2'], { env: ENV });
    const zh = await semicap(['validate', '--max-age', '2', '--lang', 'zh'], { env: ENV });
    expect(zh.stderr).toMatch(
      /^semicap: 警告：.*datasets: 已过时：capacity_share americas\/wafer_200mm：最新来源 semi_200mm_2023_09（2023-09-19）距今 2\.3 年，超过 --max-age 2；最新年份 2023$/m,
    );
    expect(en.stderr).toMatch(
      /^semicap: warning: .*datasets: stale: capacity_share americas\/wafer_200mm: newest source semi_200mm_2023_09 \(2023-09-19\) is 2\.3 years old, over --max-age 2; latest year 2023$/m,
    );
  });

  it('scenario --set: the note of an assumption changed on the command line', async () => {
    const { en, zh } = await both(['scenario', 'base', '--series', 'fund_deployment', '--set', '*.fund_deployment.step=25']);
    expect(zh).toContain('[3] (344 - 164) / 9 = 每年 200 亿元，到 2034 年缴足余额；标准差 50 亿元，每年抽取；在命令行中改为 25\n');
    expect(en).toContain('[3] (344 - 164) / 9 = RMB 20 bn a year pays the rest in by 2034; sd 5 bn, drawn every year.; set to 25 on the command\n');
  });

  it("revisions: each release's figures, definitions and publisher", async () => {
    const { en, zh } = await both(['revisions']);
    expect(zh).toMatch(/│ 2025-11-23 │ trendforce_2025_11 +│ TrendForce（经中央社转述） │ 2030=52（预测） +│/);
    expect(zh).toContain('28纳米及更成熟制程 /');
    expect(en).toMatch(/│ 2025-11-23 │ trendforce_2025_11 +│ TrendForce \(via CNA\) +│ 2030=52 forecast +│/);
  });

  it("charts: each series' title, the band legends and the line saying which series are charted", async () => {
    const project = await both(['project', '--from', '2023=29%', '--to', '2027=39%', '--chart']);
    expect(project.zh).toContain('░░ 复合增长 80% 区间（M3 误差）');
    expect(project.en).toContain('░░ cagr 80 % band (M3 errors)');
    const forecast = await both(['forecast', 'examples/history.csv', '--value', 'share', '--chart']);
    expect(forecast.zh).toContain('向前预测 6 年：auto — 单一序列\n');
    expect(forecast.en).toContain('Forecast 6 year(s) ahead, auto — (series)\n');
    const lines = ['id,year,value'];
    for (let s = 0; s < 13; s++) for (let k = 0; k < 8; k++) lines.push(`s${s},${2010 + k},${10 + s + k}`);
    const file = join(root, 'thirteen.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const many = await both(['forecast', file, '--id', 'id', '--method', 'naive', '--chart']);
    expect(many.zh).toContain('；只绘出前 12 条序列的图（共 13 条）');
    expect(many.en).toContain('; charts for the first 12 of 13 series');
  });

  it("backtest: the interval coverage note names the column's Chinese heading", async () => {
    const { en, zh } = await both(['backtest', 'examples/history.csv', '--value', 'share']);
    expect(zh).toContain('  覆盖率 L%：实际值落在 L% 区间内的比例');
    expect(en).toContain('  cover L%: share of actuals inside the L % interval');
    const other = await both(['backtest', 'examples/history.csv', '--value', 'share', '--level', '90']);
    expect(other.zh).toMatch(/│ 覆盖率 90% │ MSIS 90 │/);
    expect(other.en).toMatch(/│ cover 90% │ MSIS 90 │/);
  });

  it('--verbose: where each setting came from, and how long the command took', async () => {
    const { en, zh } = await both(['capacity', '--verbose']);
    expect(zh).toContain('semicap: 配置文件：无\n');
    expect(zh).toContain('semicap: format=table（默认），data=内置数据（默认），lang=zh（命令行选项），color=true（默认），ascii=false（默认）\n');
    expect(zh).toMatch(/^semicap: 计算用时 \d+ 毫秒$/m);
    expect(zh).toMatch(/^semicap: 完成，用时 \d+ 毫秒$/m);
    expect(en).toContain('semicap: config files: none\n');
    expect(en).toContain('semicap: format=table (default), data=bundled (default), lang=en (locale), color=true (default), ascii=false (default)\n');
    expect(en).toMatch(/^semicap: computed in \d+ ms$/m);
    expect(en).toMatch(/^semicap: done in \d+ ms$/m);
    const backtest = await both(['backtest', 'examples/history.csv', '--value', 'share', '--verbose']);
    expect(backtest.zh).toContain('semicap: 已回测 1 条序列（主线程）\n');
    expect(backtest.en).toContain('semicap: backtested 1 series in the main thread\n');
  });
});
