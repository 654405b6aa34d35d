// English and Chinese: column headings (keyed by the stable column key), table titles and notes (by pattern),
// dataset labels (region, segment, entity, fund, kind, method: both names in Chinese output), units, and the
// CLI's own messages. CSV and JSON keys never change: scripts depend on them; only what people read does.
import type { CellValue, Report, Table } from './model.js';

/** A lookup table whose keys come from data: no prototype, so 'constructor' or '__proto__' are simply not in it. */
function withoutPrototype<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

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

/** Dataset labels and method names with their Chinese names. */
export const LABELS: Record<string, string> = withoutPrototype({
  // regions and entities
  china: '中国大陆',
  taiwan: '中国台湾',
  china_taiwan: '中国大陆与台湾',
  south_korea: '韩国',
  japan: '日本',
  us: '美国',
  americas: '美洲',
  europe_mideast: '欧洲与中东',
  southeast_asia: '东南亚',
  world: '全球',
  smic: '中芯国际',
  hua_hong: '华虹',
  hua_hong_8in_fabs: '华虹8英寸厂',
  hua_hong_fab7: '华虹Fab 7',
  hua_hong_fab9: '华虹Fab 9',
  // segments
  mature: '成熟制程',
  advanced: '先进制程',
  advanced_lt10nm: '10纳米以下先进制程',
  advanced_7nm: '7纳米先进制程',
  foundry: '晶圆代工',
  foundry_12in: '12英寸晶圆代工',
  all_fabs: '全部晶圆厂',
  ic_wafer: '集成电路晶圆',
  wafer_200mm: '200毫米晶圆',
  wafer_300mm: '300毫米晶圆',
  wafer_all: '全部晶圆',
  company: '公司',
  // funds
  big_fund: '国家集成电路产业投资基金（大基金）',
  chips_act: '美国《芯片与科学法案》',
  support_package_2025: '2025年扶持计划（报道）',
  support_package_2022: '2022年扶持计划（报道）',
  ic_guidelines_2014: '2014年集成电路产业发展推进纲要',
  registered_capital: '注册资本',
  total_raised: '募集总额',
  package_size: '计划规模',
  appropriation: '拨款',
  expected_size: '预期规模',
  // kinds and statuses
  actual: '实际',
  estimate: '估计',
  forecast: '预测',
  target: '目标',
  reported: '报道',
  registered: '已注册',
  raised: '已募集',
  deployed: '已投放',
  enacted: '已立法',
  expected: '预期',
  open: '未到期',
  overdue: '已逾期',
  met: '已达成',
  // self-sufficiency scopes
  ic_production_in_china: '中国境内集成电路产量占比',
  ic_china_hq: '中国本土企业产量占比',
  mic2025_target: '中国制造2025目标',
  policy_2030_target: '2030年政策目标',
  chip_other_estimate: '其他估计',
  // methods and point status
  cagr: '复合增长',
  linear: '线性',
  logistic: '逻辑斯蒂',
  anchor: '锚点',
  interpolated: '插值',
  extrapolated: '外推',
  history: '历史',
  ok: '正常',
  invalid: '无效',
  pass: '通过',
  fail: '未通过',
  error: '错误',
  // claim verdicts
  supported: '有来源支持',
  supported_with_caveat: '有来源支持（附说明）',
  conflicts: '与来源矛盾',
  no_source: '无来源',
});

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
  cny_bn_low: '人民币十亿元 低',
  cny_bn_high: '人民币十亿元 高',
  usd_bn_low: '美元十亿 低',
  usd_bn_high: '美元十亿 高',
  published_in: '公布币种',
  cny_per_usd: '人民币/美元汇率',
  fx_year: '汇率年份',
  source_usd_low: '来源换算 美元十亿 低',
  source_usd_high: '来源换算 美元十亿 高',
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
  scenario: '情景',
  series: '序列',
  probability: '达成概率',
  standard_error: '± 标准误',
  point_met: '点路径是否达成',
});

/** Titles and notes, by pattern; captured labels are translated too. The first match wins. */
const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(\w+) share of (\w+) capacity, % \(through each source's own figures\)$/, (m) => `${label(m[1])}占全球${label(m[2])}产能的份额（%，按各来源自身数据）`],
  [/^Figures used \(anchors\) and other figures shown for comparison$/, () => '所用数据（锚点）及用于比较的其他数据'],
  [/^(\w+) capacity \((\w+)\), (\w+), through (\d{4}) and (\d{4})$/, (m) => `${label(m[1])}产能（${label(m[2])}），${unit(m[3])}，经 ${m[4]} 年与 ${m[5]} 年数据`],
  [/^Projection through (.+)$/, (m) => `经过 ${m[1]} 的预测路径`],
  [/^Implied rates$/, () => '隐含增长率'],
  [/^Target (.+)$/, (m) => `目标 ${m[1]}`],
  [/^Funds and packages \(converted at (\d{4}) rates\)$/, (m) => `基金与扶持计划（按 ${m[1]} 年汇率换算）`],
  [/^Funds and packages \(converted at each figure's own year's average rate\)$/, () => '基金与扶持计划（每项按其所属年份的年均汇率换算）'],
  [/^Totals \(registered capital only; other measures are not added\)$/, () => '合计（仅注册资本；其他口径不相加）'],
  [/^China's share of global mature-node capacity, % — projected through each TrendForce release \(semicap capacity\)$/, () => '中国大陆占全球成熟制程产能的份额（%）— 按 TrendForce 各次发布分别预测（semicap capacity）'],
  [/^Chip funds: totals at (\d{4}) CNY\/USD rates \(semicap funds for every figure\)$/, (m) => `芯片基金：按 ${m[1]} 年人民币/美元汇率的合计（全部数据见 semicap funds）`],
  [/^Chip funds: totals, each figure at its own year's CNY\/USD average \(semicap funds for every figure\)$/, () => '芯片基金：合计，每项按其所属年份的人民币/美元年均汇率换算（全部数据见 semicap funds）'],
  [/^Self-sufficiency targets — (.+) \(semicap self-sufficiency\)$/, (m) => `自给率目标 — ${translateText(m[1])}（semicap self-sufficiency）`],
  [/^Targets against (\w+) \(current ([\d.]+)% in (\d{4})\)$/, (m) => `对照${label(m[1])}的目标（${m[3]} 年当前值 ${m[2]}%）`],
  [/^(\w+): history and third-party forecasts$/, (m) => `${label(m[1])}：历史数据与第三方预测`],
  [/^Datasets in (.+)$/, (m) => `数据集目录 ${m[1]}`],
  [/^Sources \((\d+)\)$/, (m) => `来源（${m[1]}）`],
  [/^Datasets checked$/, () => '已检查的数据集'],
  [/^Problems$/, () => '问题'],
  [/^Rules checked$/, () => '已检查的规则'],
  [/^Files written$/, () => '已写入的文件'],
  [/^Scenarios side by side: point paths through (\d{4})$/, (m) => `各情景对比：至 ${m[1]} 年的点路径`],
  [/^Targets: probability of being met in their year \((\d+) simulated paths, seed (\d+)\)$/, (m) => `目标：在目标年份达成的概率（${m[1]} 条模拟路径，种子 ${m[2]}）`],
  [/^(\w+) by scenario \(point paths and simulated bands\)$/, (m) => `${label(m[1])}：各情景点路径与模拟区间`],
  // notes
  [/^(\w+): (\d{4})=([\d.]+)% → (\d{4})=([\d.]+)% implies ([\d.-]+) %\/yr compound, ([\d.-]+) pp\/yr linear$/, (m) => `${m[1]}：${m[2]}=${m[3]}% → ${m[4]}=${m[5]}%，隐含复合增长 ${m[6]} %/年，线性 ${m[7]} 百分点/年`],
  [/^(\d+) sources project separately; they are not averaged\. Pick one with --source\.$/, (m) => `${m[1]} 个来源分别预测，不取平均。用 --source 选择其一。`],
  [/^(\d{4})→(\d{4}): compound ([\d.-]+) %\/yr; linear ([\d.-]+) pp\/yr$/, (m) => `${m[1]}→${m[2]}：复合增长 ${m[3]} %/年；线性 ${m[4]} 百分点/年`],
  [/^current: ([\d.]+)% in (\d{4}) \(latest actual of (\w+)\)$/, (m) => `当前：${m[2]} 年 ${m[1]}%（${label(m[3])}的最新实际值）`],
  [/^all (\d+) file\(s\) valid$/, (m) => `全部 ${m[1]} 个文件有效`],
  [/^wrote (\d+) files to (.+)$/, (m) => `已向 ${m[2]} 写入 ${m[1]} 个文件`],
  [/^seed (\d+), (\d+) paths per series: `(.+)` gives the same odds$/, (m) => `种子 ${m[1]}，每个序列 ${m[2]} 条路径：\`${m[3]}\` 给出相同的概率`],
  [/^P\(met\): share of simulated paths .*$/, () => '达成概率：目标年份数值不低于目标的模拟路径所占比例；± 标准误为其二项标准误；各序列独立模拟'],
  [/^(.+) has no scenarios\.csv; the bundled scenarios are used$/, (m) => `${m[1]} 中没有 scenarios.csv；使用内置情景`],
  [/^(\d+) of (\d+) rule\(s\) passed$/, (m) => `${m[2]} 条规则中 ${m[1]} 条通过`],
  [/^CNY per USD ([\d.]+) \((\d{4}), (\w+), (\w+)\); choose another year with --fx-year \((.+)\)$/, (m) => `1 美元兑 ${m[1]} 元人民币（${m[2]} 年，${label(m[3])}，${m[4]}）；用 --fx-year 选择其他年份（${m[5]}）`],
  [/^CNY per USD: each figure at its own year's average rate \(fx\.csv: (\d{4})–(\d{4})\); --fx-year YEAR converts every figure at one year's rate$/, (m) => `人民币/美元：每项按其所属年份的年均汇率换算（fx.csv：${m[1]}–${m[2]} 年）；--fx-year 年份 按同一年的汇率换算全部数据`],
  [/^A source's own conversion .*$/, () => '来源自行换算的美元数（及其注明的汇率）列于计算值旁：那是当日的即期汇率，不是年均汇率。'],
  [/^Ranges stay ranges: .*$/, () => '区间保持为区间：报道的 2000–5000 亿元计划在各币种中均为低值 200、高值 500（十亿）。'],
  [/^Every figure has a kind .*$/, () => '每条数据都有类别（实际、估计、预测、目标、报道）和来源编号；用 --sources 列出来源。'],
];

const UNITS: Record<string, string> = withoutPrototype({
  '%': '%',
  '%/yr': '%/年',
  'pp/yr': '百分点/年',
  'units/yr': '单位/年',
  'k/yr': 'k/年',
  wpm_8in_eq: '片/月（8英寸约当）',
  wpm_12in: '片/月（12英寸）',
  CNY_bn: '十亿元人民币',
  USD_bn: '十亿美元',
});

const label = (key: string) => LABELS[key] ?? key;
const unit = (key: string) => UNITS[key] ?? key;

/** A dataset label in Chinese with its English key beside it (`中国大陆 china`); unknown labels stay as they are. */
export function bothNames(key: string): string {
  const zh = LABELS[key];
  return zh === undefined ? key : `${zh} ${key}`;
}

/** A title or note in Chinese when a pattern knows it; otherwise the English text unchanged. */
export function translateText(text: string): string {
  for (const [re, make] of PATTERNS) {
    const m = re.exec(text);
    if (m) return make(m);
  }
  return text;
}

/** A column heading in Chinese: by key, or `source.method` keys as source and method; unit suffixes kept. */
export function translateHeader(key: string, header: string): string {
  const direct = HEADERS[key];
  if (direct !== undefined) return /\s%$/.test(header) && !direct.includes('%') ? `${direct} %` : direct;
  const dot = key.lastIndexOf('.');
  if (dot > 0) return `${key.slice(0, dot)}\n${LABELS[key.slice(dot + 1)] ?? key.slice(dot + 1)}`;
  return header;
}

const UNIT_CELLS: Record<string, string> = withoutPrototype({ '%/yr': '%/年', 'pp/yr': '百分点/年', 'units/yr': '单位/年', 'k/yr': 'k/年' });

/** A text cell for people: dataset labels get both names, units their Chinese names, other text stays. */
export function translateCell(value: CellValue): CellValue {
  if (typeof value !== 'string') return value;
  if (UNIT_CELLS[value] !== undefined) return UNIT_CELLS[value];
  if (LABELS[value] !== undefined) return bothNames(value);
  return value;
}

export interface LocalizeOptions {
  /** Translate text cells too (tables, Markdown, spreadsheets); JSON keeps its values as they are. */
  cells: boolean;
}

/** The report as people should read it in `lang`: English gives the report itself, unchanged. */
export function localizeReport(report: Report, lang: Lang, options: LocalizeOptions): Report {
  if (lang === 'en') return report;
  const tables: Table[] = report.tables.map((t) => ({
    ...t,
    title: t.title === undefined ? undefined : translateText(t.title),
    columns: t.columns.map((c) => ({ ...c, header: translateHeader(c.key, c.header), emptyText: c.emptyText === undefined ? undefined : translateEmpty(c.emptyText) })),
    rows: options.cells ? t.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, translateCell(v)]))) : t.rows,
  }));
  return {
    ...report,
    tables,
    notes: report.notes.map(translateText),
    warnings: report.warnings.map(translateText),
    charts: report.charts?.map((c) => ({
      ...c,
      title: translateText(c.title),
      lines: c.lines.map((l) => ({ ...l, label: translateLabelWords(l.label) })),
      bands: c.bands.map((b) => ({ ...b, label: translateLabelWords(b.label) })),
    })),
  };
}

function translateEmpty(text: string): string {
  const m = /^not by (\d{4})$/.exec(text);
  if (m) return `${m[1]} 年前未达到`;
  if (text === 'overdue') return '已逾期';
  if (text === 'not in range') return '不在范围内';
  return text;
}

/** `trendforce_2023_12 cagr` → `trendforce_2023_12 复合增长`: each known word of a legend label. */
function translateLabelWords(text: string): string {
  if (text === 'spread of methods') return '各方法之间的区间';
  const interval = /^(\d+) % interval$/.exec(text);
  if (interval) return `${interval[1]}% 预测区间`;
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
  return { source: msg('source', lang), projection: msg('projection', lang), anchor: msg('anchor', lang), target: msg('target', lang), history: msg('history', lang) };
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
