// Notes of fallback fits (forecast --explain) and of histories fitted by methods (self-sufficiency --method) in the
// reader's language: fallback notes are made where the fit runs (often a worker thread), so they must reach the
// main thread as catalogue messages. Runs the built CLI: worker threads start only from the bundle.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { englishShare, withoutUserText } from '../helpers/english-share.js';
import { removeDir, semicap, semicapProcess, tempDir } from './run.js';

const dir = tempDir('semicap-notes-zh-');
afterAll(() => removeDir(dir));

// 60 short series of 6 values: more than two batches of 25 (SEMICAP_BATCH_SERIES; 500 by default), so --jobs 2
// forecasts in worker threads.
const FILE = join(dir, 'short.csv');
const ENV = { SEMICAP_BATCH_SERIES: '25' };
writeFileSync(FILE, ['id,year,value', ...Array.from({ length: 60 }, (_, k) => [8.9, 8.6, 9.1, 10.5, 10.7, 11.7 + k / 100].map((v, i) => `s${k},${2004 + i},${v}`)).flat()].join('\n') + '\n');
const EXPLAIN = ['forecast', FILE, '--id', 'id', '--method', 'ets,theta,holt,damped,ses', '--explain'];

/** The footnotes of an --explain table (`[1] …` and their continuation lines), joined into one text per note. */
const footnotes = (stdout: string) =>
  stdout
    .slice(stdout.indexOf('\n[1] ') + 1)
    .split('\n\n')[0]
    .split(/\n(?=\[)/)
    .map((n) => n.replace(/\n {4}/g, ' '));

describe('notes of fits with --lang zh', () => {
  it('forecast --explain on short series: Chinese fallback notes, the same from one thread and from worker threads; English as before', async () => {
    // One thread in-process, two worker threads in the built CLI (worker threads start only from the bundle).
    const runs = [await semicap([...EXPLAIN, '--jobs', '1', '--lang', 'zh'], { env: ENV }), semicapProcess([...EXPLAIN, '--jobs', '2', '--lang', 'zh', '--verbose'], { env: ENV })];
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    expect(runs[1].stderr).toContain('semicap: 已拟合 60 条序列（2 个工作线程）\n');
    expect(runs[1].stdout).toBe(runs[0].stdout);
    const notes = footnotes(runs[0].stdout);
    expect(notes).toContain('[1] 短序列（n <= 6）：用 R 的 HoltWintersZZ，含趋势或不含趋势，取残差方差较小者');
    expect(notes.join(' ')).toContain('短序列（n <= 9）：数据不足以使用阻尼；按照 R 的做法改用 HoltWintersZZ');
    expect(notes).toHaveLength(5);
    // Parameter names (alpha, beta) stay as they are: they name the parameters --explain prints.
    const share = withoutUserText(englishShare(notes.join('\n')), notes.join(' ').match(/\b(alpha|beta)\b/g) ?? []);
    expect(share.share, share.words.join(' ')).toBeLessThanOrEqual(0.1);

    const english = [await semicap([...EXPLAIN, '--jobs', '1'], { env: ENV }), semicapProcess([...EXPLAIN, '--jobs', '2'], { env: ENV })];
    expect(english[1].stdout).toBe(english[0].stdout);
    expect(footnotes(english[0].stdout)).toEqual([
      "[1] short series (n <= 6): R's HoltWintersZZ with or without trend, smaller residual variance",
      "[2] short series (n <= 6): SES by R's HoltWintersZZ",
      "[3] short series (n <= 8): R's HoltWintersZZ (level y1, slope y2 - y1, alpha and beta by least squares)",
      "[4] short series (n <= 9): not enough data to use damping; R's HoltWintersZZ (level y1, slope y2 - y1, alpha and beta by least squares)",
      "[5] short series (n <= 6): R's HoltWintersZZ (initial level y1, alpha by least squares)",
    ]);
  });

  it('forecast --explain of a combined method: the notes of its members joined in Chinese', async () => {
    const args = ['forecast', FILE, '--id', 'id', '--method', 'mean(ets,theta)', '--explain', '--format', 'md'];
    const zh = await semicap([...args, '--lang', 'zh']);
    expect(zh.code, zh.stderr).toBe(0);
    expect(zh.stdout).toContain('ets：短序列（n <= 6）：用 R 的 HoltWintersZZ，含趋势或不含趋势，取残差方差较小者；theta：短序列（n <= 6）：SES 改用 R 的 HoltWintersZZ');
    const en = await semicap(args);
    expect(en.stdout).toContain("ets: short series (n <= 6): R's HoltWintersZZ with or without trend, smaller residual variance; theta: short series (n <= 6): SES by R's HoltWintersZZ");
  });

  it('self-sufficiency --method ets: Chinese notes of the fitted history; English as before', async () => {
    const zh = await semicap(['self-sufficiency', '--method', 'ets', '--lang', 'zh']);
    expect(zh.code, zh.stderr).toBe(0);
    // Line wrapping breaks Chinese text at any character: compare without white space.
    const compact = (t: string) => t.replace(/\s+/g, '');
    const notes = zh.stdout.replace(/\n {4}/g, ' ').split('\n').filter((l) => l.includes('拟合'));
    expect(compact(notes.join('\n'))).toContain(compact('已用 ets 拟合 ic_production_in_china 在 2010–2021 年的 12 个年度值；区间水平 80, 95%'));
    expect(compact(notes.join('\n'))).toContain(compact('缺少数据的年份在拟合时按线性插值补齐：2012, 2015, 2016, 2017'));
    const share = englishShare(notes.join('\n'));
    expect(share.share, share.words.join(' ')).toBeLessThanOrEqual(0.1);

    const en = await semicap(['self-sufficiency', '--method', 'ets']);
    expect(en.code).toBe(0);
    const enText = en.stdout.replace(/\n {4}/g, ' ');
    expect(enText).toContain('fitted ets to 12 yearly values 2010–2021 of ic_production_in_china; intervals at 80, 95 %');
    expect(enText).toContain('years without a figure were interpolated linearly for the fit: 2012, 2015, 2016, 2017');
  });
});
