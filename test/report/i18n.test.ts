import { describe, expect, it } from 'vitest';
import { bothNames, detectLang, langFromLocale, localeIsUtf8, localizeReport, msg, translateHeader, translateText } from '../../src/report/i18n.js';
import { makeReport } from '../../src/report/model.js';
import { say } from '../../src/messages.js';
import { amountZh } from '../../src/report/labels.js';

describe('language detection', () => {
  it('zh_* locales are Chinese, others English; LC_ALL wins over LANG', () => {
    expect(langFromLocale('zh_CN.UTF-8')).toBe('zh');
    expect(langFromLocale('zh_TW')).toBe('zh');
    expect(langFromLocale('zh')).toBe('zh');
    expect(langFromLocale('en_US.UTF-8')).toBe('en');
    expect(langFromLocale('C')).toBe('en');
    expect(langFromLocale('de_DE.UTF-8')).toBe('en');
    expect(langFromLocale('zhx')).toBe('en');
    expect(detectLang({ LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(detectLang({ LANG: 'zh_CN.UTF-8', LC_ALL: 'en_US.UTF-8' })).toBe('en');
    expect(detectLang({ LC_ALL: 'zh_HK.UTF-8', LANG: 'en_GB.UTF-8' })).toBe('zh');
    expect(detectLang({})).toBe('en');
  });
  it('UTF-8 unless the locale names another encoding', () => {
    expect(localeIsUtf8({})).toBe(true);
    expect(localeIsUtf8({ LANG: 'en_US.UTF-8' })).toBe(true);
    expect(localeIsUtf8({ LANG: 'zh_CN.utf8' })).toBe(true);
    expect(localeIsUtf8({ LANG: 'C' })).toBe(false);
    expect(localeIsUtf8({ LANG: 'en_US.UTF-8', LC_ALL: 'POSIX' })).toBe(false);
    expect(localeIsUtf8({ LANG: 'zh_CN.GB18030' })).toBe(false);
  });
});

describe('translation', () => {
  it('dataset labels carry both names', () => {
    expect(bothNames('china')).toBe('中国大陆 china');
    expect(bothNames('mature')).toBe('成熟制程 mature');
    expect(bothNames('big_fund')).toBe('国家集成电路产业投资基金（大基金） big_fund');
    expect(bothNames('trendforce_2023_12')).toBe('trendforce_2023_12');
  });
  it('headings by column key, keeping a % suffix; source.method keys as two lines', () => {
    expect(translateHeader('year', 'year')).toBe('年份');
    expect(translateHeader('cagr', 'cagr %')).toBe('复合增长 %');
    expect(translateHeader('trendforce_2023_12.linear', 'trendforce_2023_12\nlinear')).toBe('trendforce_2023_12\n线性');
    expect(translateHeader('some_new_key', 'some new key')).toBe('some new key');
  });
  it('titles and notes by pattern, with labels inside translated; unknown text unchanged', () => {
    const title = say('capacity.shareTitle', { region: 'china', segment: 'mature' });
    expect(title).toBe("china share of mature capacity, % (through each source's own figures)");
    expect(translateText(title)).toBe('中国大陆占全球成熟制程产能的份额（%，按各来源自身数据）');
    expect(translateText(say('project.impliedNote', { from: 2023, to: 2027, cagr: '7.6878', step: '2.5', share: 'yes' }))).toBe('2023→2027：复合增长 7.6878 %/年；线性 2.5 百分点/年');
    // A message inside a message is rendered in Chinese too.
    expect(translateText(say('overview.selfSufficiencyTitle', { title: say('ss.historyTitle', { scope: 'world' }) }))).toBe('自给率目标 — 全球：历史数据与第三方预测（semicap self-sufficiency）');
    // Text never said through the catalogue stays as it is, even when it reads like a message.
    expect(translateText('Something new')).toBe('Something new');
    expect(translateText('2023→2027: compound 9 %/yr; linear 1 pp/yr')).toBe('2023→2027: compound 9 %/yr; linear 1 pp/yr');
  });
  it('messages fill their placeholders', () => {
    expect(msg('wrote', 'en', { file: 'a.csv' })).toBe('wrote a.csv');
    expect(msg('wrote', 'zh', { file: 'a.csv' })).toBe('已写入 a.csv');
  });
  it('localizeReport changes headings, titles and notes, never keys; cells only when asked', () => {
    const report = makeReport('x', [{ name: 't', title: say('project.impliedTitle'), columns: [{ key: 'method', header: 'method' }], rows: [{ method: 'cagr' }] }], [say('project.impliedNote', { from: 2023, to: 2027, cagr: '1', step: '2', share: 'yes' })]);
    const zh = localizeReport(report, 'zh', { cells: true });
    expect(zh.tables[0].title).toBe('隐含增长率');
    expect(zh.tables[0].columns).toEqual([{ key: 'method', header: '方法' }]);
    expect(zh.tables[0].rows).toEqual([{ method: '复合增长 cagr' }]);
    expect(zh.notes).toEqual(['2023→2027：复合增长 1 %/年；线性 2 百分点/年']);
    expect(localizeReport(report, 'zh', { cells: false }).tables[0].rows).toEqual([{ method: 'cagr' }]);
    expect(localizeReport(report, 'en', { cells: true })).toBe(report);
    // The input report is not changed.
    expect(report.tables[0].columns[0].header).toBe('method');
  });
});

describe('units as Chinese analysts read them', () => {
  it('amounts in 亿元 and 亿美元, capacity in 万片/月 with the 8-inch equivalence stated', () => {
    expect(amountZh(344, 'CNY_bn')).toBe('3440亿元');
    expect(amountZh(47.8, 'USD_bn')).toBe('478亿美元');
    expect(amountZh(714000, 'wpm_8in_eq')).toBe('71.4万片/月（折合8英寸）');
    expect(amountZh(18000, 'USD_bn')).toBe('18万亿美元');
    expect(amountZh(29, 'percent')).toBe('29 %');
  });
  it('a Chinese table scales columns with a unit and rows that name theirs; files and English keep the data units', () => {
    const report = makeReport('x', [
      { name: 'f', columns: [{ key: 'cny_bn_low', header: 'CNY bn low', type: 'number', digits: 1, unit: 'CNY_bn' }], rows: [{ cny_bn_low: 344 }] },
      {
        name: 's',
        columns: [{ key: 'year', header: 'year', type: 'int' }, { key: 'value', header: 'value', type: 'number', digits: 2, unit: 'row' }, { key: 'unit', header: 'unit' }],
        rows: [{ year: 2025, value: 714000, unit: 'wpm_8in_eq' }, { year: 2025, value: 29, unit: 'percent' }],
      },
      {
        name: 'kept',
        // No column takes the row's unit: the numbers stay as they are and the unit gets its Chinese name.
        columns: [{ key: 'value', header: 'value', type: 'number', digits: 2 }, { key: 'unit', header: 'unit' }],
        rows: [{ value: 12, unit: 'CNY_bn/yr' }],
      },
    ]);
    const zh = localizeReport(report, 'zh', { cells: true });
    expect(zh.tables[0].rows).toEqual([{ cny_bn_low: 3440 }]);
    expect(zh.tables[0].columns[0]).toMatchObject({ header: '人民币 低（亿元）', digits: 0 });
    expect(zh.tables[1].rows).toEqual([{ year: 2025, value: 71.4, unit: '万片/月（折合8英寸）' }, { year: 2025, value: 29, unit: '%' }]);
    expect(zh.tables[2].rows).toEqual([{ value: 12, unit: '十亿元/年' }]);
    expect(localizeReport(report, 'zh', { cells: false }).tables[0].rows).toEqual([{ cny_bn_low: 344 }]);
  });
});
