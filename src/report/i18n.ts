// English and Chinese: column headings (keyed by the stable column key), table titles and notes (by pattern),
// dataset labels (region, segment, entity, fund, kind, method: both names in Chinese output), units, and the
// CLI's own messages. CSV and JSON keys never change: scripts depend on them; only what people read does.
import type { CellValue, Column, Report, Table } from './model.js';
import { messageOf } from '../messages.js';
import { LABELS, withoutPrototype, ZH_SCALES } from './labels.js';
import { ZH } from './zh.js';
import { DATA_TEXT_ZH } from './data-text-zh.js';
import { DEFINITIONS_ZH } from './definitions-zh.js';
import { PUBLISHERS_ZH, SOURCE_TITLES_ZH } from './source-titles-zh.js';

export { LABELS };

export type Lang = 'en' | 'zh';
export const LANGS: readonly Lang[] = ['en', 'zh'];

/** The language a locale variable names: zh_CN.UTF-8, zh_TW, zh → zh; anything else (or nothing) → undefined. */
export function langFromLocale(locale: string | undefined): Lang | undefined {
  if (locale === undefined || locale === '') return undefined;
  if (/^zh([_.@-]|$)/i.test(locale)) return 'zh';
  if (/^(en|c|posix)([_.@-]|$)/i.test(locale)) return 'en';
  return 'en';
}

/** The language of the environment: LC_ALL, then LC_MESSAGES, then LANG (POSIX order); English by default. */
export function detectLang(env: NodeJS.ProcessEnv): Lang {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const lang = langFromLocale(env[name]);
    if (lang !== undefined) return lang;
  }
  return 'en';
}

/** True when the locale says UTF-8 (or says nothing, as in most CI runners and modern terminals). */
export function localeIsUtf8(env: NodeJS.ProcessEnv): boolean {
  const locale = env.LC_ALL || env.LC_CTYPE || env.LANG;
  if (locale === undefined || locale === '') return true;
  return /utf-?8/i.test(locale);
}

/** Column headings by column key. */
const HEADERS: Record<string, string> = withoutPrototype({
  year: '年份',
  value: '数值',
  kind: '类别',
  source_id: '来源',
  role: '用途',
  note: '定义 / 说明',
  point: '数据点',
  observed: '观测值',
  observed_kind: '观测值类别',
  method: '方法',
  from_year: '起始年',
  to_year: '终止年',
  from_value: '起始值',
  to_value: '终止值',
  rate: '速率',
  rate_unit: '单位',
  cagr_pct: '复合增长率 %/年',
  step_per_year: '年增量',
  current_year: '起始年',
  current: '当前值',
  target_year: '目标年',
  target: '目标',
  gap: '差距',
  required_cagr_pct: '所需年增长率 %',
  required_step_per_year: '所需年增量',
  year_reached: '路径达到年份',
  fund: '基金',
  measure: '口径',
  status: '状态',
  cny_bn_low: '人民币 低（亿元）',
  cny_bn_high: '人民币 高（亿元）',
  usd_bn_low: '美元 低（亿美元）',
  usd_bn_high: '美元 高（亿美元）',
  published_in: '公布币种',
  cny_per_usd: '人民币/美元汇率',
  fx_year: '汇率年份',
  source_usd_low: '来源换算 低（亿美元）',
  source_usd_high: '来源换算 高（亿美元）',
  source_per_usd: '来源所用汇率',
  conversion_source_id: '换算来源',
  total: '合计',
  target_pct: '目标 %',
  gap_pp: '差距（百分点）',
  needs_cagr_pct: '所需 %/年',
  needs_pp_per_year: '所需 百分点/年',
  path_cagr_reaches: '复合增长路径达到',
  path_linear_reaches: '线性路径达到',
  rate_pct: '比率 %',
  definition: '定义',
  file: '文件',
  rows: '行数',
  kinds: '类别',
  sources: '来源数',
  holds: '每行含义',
  dataset: '数据集',
  problems: '问题数',
  line: '行',
  column: '列',
  message: '说明',
  publisher: '发布方',
  published: '发布日期',
  figures: '数据条数',
  title: '标题',
  url: '网址',
  rule: '规则',
  metric: '指标',
  selector: '选择条件',
  op: '比较',
  expected: '期望值',
  actual: '实际值',
  unit: '单位',
  result: '结果',
  detail: '详情',
  bytes: '字节',
  sha256: 'SHA-256',
  mean: '点预测',
  cagr: '复合增长',
  linear: '线性',
  logistic: '逻辑斯蒂',
  claim_id: '编号',
  claim: '说法',
  claimed: '所称数值',
  verdict: '判定',
  reason: '理由',
  evidence: '依据来源',
  caveat: '分析师说明',
  band80: '80% 区间',
  id: '序列',
  lo80: '下限 80',
  hi80: '上限 80',
  lo95: '下限 95',
  hi95: '上限 95',
  coverage80: '覆盖率 80%',
  coverage95: '覆盖率 95%',
  rank: '排名',
  horizon: '期限',
  points: '点数',
  failures: '失败次数',
  entity: '企业/地区',
  region: '地区',
  segment: '类别',
  series: '序列',
  scenario: '情景',
  share_pct: '份额 %',
  latest_year: '最新年份',
  held: '说明',
  value_then: '当年路径值',
  met: '已达成',
  assumption: '假设',
  distribution: '方法 / 分布',
  draw: '抽取方式',
  from: '取自',
  probability: '达成概率',
  standard_error: '± 标准误',
  point_met: '点路径达成',
  from_release: '修订前的发布',
  to_release: '修订后的发布',
  move_pp: '变化（百分点）',
  move_pct: '变化 %',
  release: '预测所在发布',
  actual_release: '实际值所在发布',
  actual_kind: '实际值类别',
  miss_pp: '偏差（百分点）',
  miss_pct: '偏差 %',
  evaluated: '计算对象',
  actual_text: '实际值（文本）',
  expected_text: '期望值（文本）',
  independent_pct: '单独推算 %',
  alone_total: '单独推算之和',
  newest_source: '最新来源',
  age_years: '时效（年）',
  years: '年数',
  chose: '所选方法',
  why: '说明',
  mae_median: 'MAE median',
  mae_theta: 'MAE theta',
  mae_arima: 'MAE arima',
  mae_holt: 'MAE holt',
  mae_damped: 'MAE damped',
  remaining: '剩余',
  constant_per_year: '每年等额',
  growth_pct: '年增长率 %',
  first_year_amount: '首年投放',
  last_year_amount: '末年投放',
  constant: '等额投放',
  cumulative_constant: '累计（等额）',
  cumulative_growing: '累计（逐年增长）',
  band95: '95% 区间',
  path: '路径值',
  // Columns named by a heading key of their own (Column.headingKey): the same column key reads differently here.
  current_path: '路径',
  release_figures: '各年数据',
  value_in_target_year: '目标年份的路径值',
  meets_target: '是否达到目标',
});

/**
 * A `dataset` column's cell: what the dataset is in Chinese, its name beside it (the name is the file the reader
 * opens or fixes, so it stays).
 */
const DATASET_NAMES: Record<string, string> = withoutPrototype({
  sources: '来源',
  capacity_share: '产能份额',
  capacity: '产能',
  funds: '基金',
  self_sufficiency: '自给率',
  fx: '汇率',
  indicators: '其他指标',
  scenarios: '情景',
  claims: '说法',
});

/** A dataset label in Chinese with its English key beside it (`中国大陆 china`); unknown labels stay as they are. */
export function bothNames(key: string): string {
  const zh = LABELS[key];
  return zh === undefined ? key : `${zh} ${key}`;
}

/**
 * A title, note, warning or message in Chinese: text said through the message catalogue (src/messages.ts) is
 * rendered again from its key, its text parameters localized the same way; any other text (a data cell, a file
 * name) stays as it is.
 */
export function translateText(text: string): string {
  const message = messageOf(text);
  if (message === undefined) return text;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(message.params as Record<string, string | number>)) params[k] = typeof v === 'string' && v !== text ? localizeError(v, 'zh') : v;
  return (ZH[message.key] as (p: Record<string, string | number>) => string)(params);
}

/**
 * An error message in the reader's language: said through the catalogue as a whole, or after its location
 * (`FILE:LINE:COLUMN: message`, `FILE: message`); a message not in the catalogue yet stays English.
 */
export function localizeError(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  const whole = translateText(message);
  if (whole !== message) return whole;
  const located = /^(.*?:(?:\d+:){0,2} )(.*)$/s.exec(message);
  if (located) {
    const rest = translateText(located[2]);
    if (rest !== located[2]) return located[1] + rest;
  }
  return message;
}

/** Text in the reader's language (English text is already English). */
export const localizeText = (text: string, lang: Lang): string => (lang === 'zh' ? translateText(text) : text);

/** A column heading in Chinese: by key, or `source.method` keys as source and method; unit suffixes kept. */
export function translateHeader(key: string, header: string): string {
  const direct = HEADERS[key];
  if (direct !== undefined) return /\s%$/.test(header) && !direct.includes('%') ? `${direct} %` : direct;
  const said = translateText(header);
  if (said !== header) return said;
  if (LABELS[key] !== undefined && key === header) return LABELS[key];
  const dot = key.lastIndexOf('.');
  if (dot > 0) return `${key.slice(0, dot)}\n${LABELS[key.slice(dot + 1)] ?? key.slice(dot + 1)}`;
  return header;
}

const UNIT_CELLS: Record<string, string> = withoutPrototype({
  '(series)': '（单一序列）',
  // Units of the datasets, where a table keeps them (a number not rescaled keeps its unit's Chinese name).
  CNY_bn: '十亿元',
  USD_bn: '十亿美元',
  'CNY_bn/yr': '十亿元/年',
  'USD_bn/yr': '十亿美元/年',
  wpm_8in_eq: '片/月（折合8英寸）',
  'wpm_8in_eq/yr': '片/月（折合8英寸）/年',
  wpm_12in: '片/月（12英寸）', '%/yr': '%/年', 'pp/yr': '百分点/年', 'units/yr': '单位/年', 'k/yr': 'k/年', percent: '%', 'percent/yr': '百分点/年', pct_per_year: '%/年' });

/** A text cell for people: dataset labels get both names, units their Chinese names, other text stays. */
export function translateCell(value: CellValue): CellValue {
  if (typeof value !== 'string') return value;
  if (UNIT_CELLS[value] !== undefined) return UNIT_CELLS[value];
  if (LABELS[value] !== undefined) return bothNames(value);
  if (DEFINITIONS_ZH[value] !== undefined) return DEFINITIONS_ZH[value];
  if (DATA_TEXT_ZH[value] !== undefined) return DATA_TEXT_ZH[value];
  if (PUBLISHERS_ZH[value] !== undefined) return PUBLISHERS_ZH[value];
  return translateText(value);
}

/**
 * A table for Chinese readers in their units (亿元, 亿美元, 万片/月): columns with a unit, and rows that name
 * their unit in a `unit` column (each number of such a row is in that unit). Files keep the dataset's units.
 */
export function inChineseUnits(t: Table): Table {
  const scaledColumns = t.columns.filter((c) => c.unit !== undefined && ZH_SCALES[c.unit] !== undefined);
  // Columns whose unit is the row's (`unit: 'row'`): a table of several series names each row's unit in `unit`.
  const rowColumns = t.columns.filter((c) => c.unit === 'row' && c.key !== 'unit');
  const rowUnits = rowColumns.length > 0 && t.rows.some((r) => typeof r.unit === 'string' && ZH_SCALES[r.unit] !== undefined);
  if (scaledColumns.length === 0 && !rowUnits) return t;
  const scale = (v: CellValue, factor: number) => (typeof v === 'number' ? v * factor : v);
  const columns = t.columns.map((c) => {
    const s = c.unit === undefined ? undefined : ZH_SCALES[c.unit];
    // Tenfold (亿) needs one decimal fewer; ten-thousandth (万) four more, at most two shown.
    if (s === undefined) return rowUnits && c.unit === 'row' && c.type === 'number' ? { ...c, digits: Math.max(c.digits ?? 2, 2) } : c;
    return { ...c, digits: s.factor >= 10 ? Math.max(0, (c.digits ?? 1) - 1) : 2 };
  });
  const rows = t.rows.map((r) => {
    const out = { ...r };
    for (const c of scaledColumns) out[c.key] = typeof r[c.key] === 'string' ? scaleRange(r[c.key] as string, ZH_SCALES[c.unit!].factor) : scale(r[c.key], ZH_SCALES[c.unit!].factor);
    const s = rowUnits && typeof r.unit === 'string' ? ZH_SCALES[r.unit] : undefined;
    if (s !== undefined) {
      for (const c of rowColumns) out[c.key] = scale(r[c.key], s.factor);
      out.unit = s.unit;
    }
    return out;
  });
  return { ...t, columns, rows };
}

/** A band for people ("9,667,197-30,885,764") in another unit; any other text as it is. */
function scaleRange(text: string, factor: number): string {
  const m = /^(-?[\d,.]+)-(-?[\d,.]+)$/.exec(text);
  if (!m) return text;
  const f = (s: string) => (Number(s.replace(/,/g, '')) * factor).toLocaleString('en-US', { maximumFractionDigits: factor >= 10 ? 0 : 2 });
  return `${f(m[1])}-${f(m[2])}`;
}

/** Headings of amounts kept in the dataset's unit (spreadsheets: numbers as in the CSV and JSON). */
const DATA_UNIT_HEADERS: Record<string, string> = withoutPrototype({
  cny_bn_low: '人民币 低（十亿元）',
  cny_bn_high: '人民币 高（十亿元）',
  usd_bn_low: '美元 低（十亿美元）',
  usd_bn_high: '美元 高（十亿美元）',
  source_usd_low: '来源换算 低（十亿美元）',
  source_usd_high: '来源换算 高（十亿美元）',
});

/** A table of sources (source_id and title columns) with each bundled source's Chinese title and publisher. */
function withChineseSourceTitles(t: Table): Table {
  if (!(t.columns.some((c) => c.key === 'title') && t.columns.some((c) => c.key === 'source_id'))) return t;
  const chinese = (r: Table['rows'][number]) => {
    const out = { ...r };
    if (typeof r.source_id === 'string' && SOURCE_TITLES_ZH[r.source_id] !== undefined) out.title = SOURCE_TITLES_ZH[r.source_id];
    if (typeof r.publisher === 'string' && PUBLISHERS_ZH[r.publisher] !== undefined) out.publisher = PUBLISHERS_ZH[r.publisher];
    return out;
  };
  return { ...t, rows: t.rows.map(chinese) };
}

export interface LocalizeOptions {
  /** Translate text cells too (tables, Markdown, spreadsheets); JSON keeps its values as they are. */
  cells: boolean;
  /** With cells: numbers in Chinese units (亿元, 万片/月) too; false for spreadsheets, whose numbers match the files. */
  units?: boolean;
}

/** The report as people should read it in `lang`: English gives the report itself, unchanged. */
export function localizeReport(report: Report, lang: Lang, options: LocalizeOptions): Report {
  if (lang === 'en') return report;
  const tables: Table[] = report.tables.map((whole) => {
    const inUnits = options.cells && options.units !== false;
    const titled = options.cells ? withChineseSourceTitles(whole) : whole;
    const t = inUnits ? inChineseUnits(titled) : titled;
    const header = (c: Column) => (!inUnits && c.unit !== undefined && DATA_UNIT_HEADERS[c.key] !== undefined ? DATA_UNIT_HEADERS[c.key] : translateHeader(c.headingKey ?? c.key, c.header));
    return {
      ...t,
      title: t.title === undefined ? undefined : translateText(t.title),
      columns: t.columns.map((c) => ({ ...c, header: header(c), emptyText: c.emptyText === undefined ? undefined : translateText(c.emptyText) })),
      rows: options.cells ? t.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, localizedCell(k, v, inUnits)]))) : t.rows,
    };
  });
  return {
    ...report,
    tables,
    notes: report.notes.map(translateText),
    warnings: report.warnings.map(translateText),
    charts: report.charts?.map((c) => ({
      ...c,
      title: translateText(c.title),
      ...(c.source === undefined ? {} : { source: translateText(c.source) }),
      lines: c.lines.map((l) => ({ ...l, label: translateLabelWords(l.label) })),
      bands: c.bands.map((b) => ({ ...b, label: translateLabelWords(b.label) })),
    })),
  };
}

/** A cell for people: yes/no in words (a spreadsheet keeps its TRUE/FALSE cells), a dataset with its Chinese name. */
function localizedCell(key: string, value: CellValue, inUnits: boolean): CellValue {
  if (inUnits && typeof value === 'boolean') return value ? '是' : '否';
  if (key === 'dataset' && typeof value === 'string' && DATASET_NAMES[value] !== undefined) return `${DATASET_NAMES[value]} ${value}`;
  return translateCell(value);
}

/** `trendforce_2023_12 cagr` → `trendforce_2023_12 复合增长`: each known word of a legend label. */
function translateLabelWords(text: string): string {
  if (text === 'spread of methods') return '各方法之间的区间';
  const said = translateText(text);
  if (said !== text) return said;
  return text
    .split(' ')
    .map((w) => LABELS[w] ?? w)
    .join(' ');
}

/** The CLI's own messages. */
const MESSAGES: Record<string, { en: string; zh: string }> = withoutPrototype({
  wrote: { en: 'wrote {file}', zh: '已写入 {file}' },
  warning: { en: 'warning: {text}', zh: '警告：{text}' },
  chartNone: { en: 'no chart for this report (no year-by-year series)', zh: '此报告没有可绘制的图表（没有逐年数据）' },
  source: { en: 'source', zh: '来源' },
  projection: { en: 'projection', zh: '预测' },
  anchor: { en: 'anchor', zh: '锚点' },
  target: { en: 'target', zh: '目标' },
  history: { en: 'history', zh: '历史' },
  noData: { en: 'no data to draw', zh: '没有可绘制的数据' },
  // Punctuation of chart legends, titles and source lines: Chinese text takes full-width brackets and colon.
  open: { en: ' (', zh: '（' },
  close: { en: ')', zh: '）' },
  colon: { en: ': ', zh: '：' },
  rulesFailed: { en: '{failed} of {total} rule(s) failed', zh: '{total} 条规则中 {failed} 条未通过' },
  rulesPassed: { en: 'all {total} rule(s) passed', zh: '全部 {total} 条规则通过' },
  reportWritten: { en: 'wrote {count} files to {dir}', zh: '已向 {dir} 写入 {count} 个文件' },
});

/** A message in the chosen language with {placeholders} filled in. */
export function msg(id: keyof typeof MESSAGES | string, lang: Lang, params: Record<string, string | number> = {}): string {
  const entry = MESSAGES[id];
  const template = entry === undefined ? id : entry[lang];
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** Words used in chart legends and footers. */
export function chartWords(lang: Lang) {
  const word = (id: string) => msg(id, lang);
  return { source: word('source'), projection: word('projection'), anchor: word('anchor'), target: word('target'), history: word('history'), noData: word('noData'), open: word('open'), close: word('close'), colon: word('colon') };
}

/** Words of `semicap claims` reasons, titles and notes: one typed entry per phrase, {placeholders} filled by claimWord. */
export const CLAIM_WORDS = {
  title: { en: 'Claims checked against the datasets ({file})', zh: '说法与数据集核对（{file}）' },
  overviewTitle: { en: "The article's headline claims, checked (semicap claims)", zh: '文章主要说法的核对（semicap claims）' },
  summary: { en: '{total} claim(s): {supported} supported, {caveat} supported with a caveat, {conflicts} conflict(s), {none} without a source', zh: '共 {total} 条说法：{supported} 条有来源支持，{caveat} 条有来源支持（附说明），{conflicts} 条与来源矛盾，{none} 条无来源' },
  rule: {
    en: 'Verdicts follow one rule: a figure of the same definition (dataset and selector), kind and year (±1) within the tolerance supports a claim; a neighbouring year, another publisher or two sources for one path add a caveat; such figures that all disagree conflict; none is no source.',
    zh: '判定规则统一：同一定义（数据集与选择条件）、同一类别、同一年份（±1 年）且在容差内的数据支持该说法；年份相邻、发布方不同或一条路径的两端来自两个来源时附说明；有此类数据但均不一致为矛盾；没有则为无来源。',
  },
  agrees: { en: '{fig}', zh: '{fig}' },
  otherYear: { en: 'for {year}, not {claimYear}', zh: '对应 {year} 年，而非 {claimYear} 年' },
  otherPeriod: { en: 'counts {from}–{to}; the claim {claimFrom}–{claimYear}', zh: '统计区间为 {from}–{to} 年；说法为 {claimFrom}–{claimYear} 年' },
  otherPublisher: { en: 'the article names {named}; the figure is from {publisher}', zh: '文章称来自 {named}；数据来自 {publisher}' },
  twoSources: { en: '{a} and {b} come from two {publisher} releases with different bases: {ends}', zh: '{a} 与 {b} 来自 {publisher} 的两次发布，基数不同：{ends}' },
  twoSourcesOther: { en: 'two sources', zh: '不同来源' },
  endMissing: { en: 'no figure for {year}', zh: '{year} 年无数据' },
  differs: { en: 'sources give {figs}, not {claimed}', zh: '来源数据为 {figs}，而非 {claimed}' },
  otherKind: { en: '{figs} (another kind of figure)', zh: '{figs}（类别不同）' },
  otherDefinition: { en: '{claimed} matches other definitions: {figs}', zh: '{claimed} 与其他定义的数据相符：{figs}' },
  noFigure: { en: 'no {dataset} figure for {selector} around {year}', zh: '{dataset} 中没有 {selector} 在 {year} 年前后的数据' },
  nearest: { en: 'nearest: {figs}', zh: '最接近的数据：{figs}' },
  multipleOf: { en: '{key}: ×{ratio} from {fromYear} ({from}) to {toYear} ({to})', zh: '{key}：{fromYear} 年（{from}）至 {toYear} 年（{to}）为 {ratio} 倍' },
  fxNote: { en: "{amount} at {year}'s {rate} per USD", zh: '{amount}，按 {year} 年 1 美元兑 {rate} 元换算' },
  claimedAtLeast: { en: 'at least {value}', zh: '至少 {value}' },
  claimedMultiple: { en: '×{value} {fromYear}→{year}', zh: '{fromYear}→{year} 年 {value} 倍' },
} as const satisfies Record<string, { en: string; zh: string }>;

export type ClaimWord = keyof typeof CLAIM_WORDS;

/** A claims phrase in the chosen language with its {placeholders} filled in. */
export function claimWord(id: ClaimWord, lang: Lang, params: Record<string, string | number> = {}): string {
  return CLAIM_WORDS[id][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** A dataset label in the chosen language (the Chinese name where one is known, else the key). */
export const labelIn = (key: string, lang: Lang): string => (lang === 'zh' ? (LABELS[key] ?? key) : key);
