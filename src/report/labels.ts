// Dataset labels (regions, segments, entities, funds, kinds, methods) and units with their Chinese names.

/** A lookup table whose keys come from data: no prototype, so 'constructor' or '__proto__' are simply not in it. */
export function withoutPrototype<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
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
  europe: '欧洲',
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
  capacity_12in_eq: '产能（折合12英寸）',
  mature_50_180nm: '50–180纳米成熟制程',
  foundry_20_45nm: '20–45纳米晶圆代工',
  logic_28_45nm: '28–45纳米逻辑',
  logic_gt45nm: '45纳米以上逻辑',
  logic_10_22nm: '10–22纳米逻辑',
  logic_lt10nm: '10纳米以下逻辑',
  commercial_fab_300eq: '商业晶圆厂（折合300毫米）',
  node_28nm: '28纳米制程',
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
  deployment_huaxin_dingxin: '投向华芯鼎新',
  deployment_guotou_jixin: '投向国投集新',
  deployment_hua_hong_fab9: '投向华虹Fab 9',
  funding_all_sources: '各渠道资金合计',
  manufacturing_incentives: '制造业激励',
  rd_workforce: '研发与人才',
  CNY: '人民币',
  USD: '美元',
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
  semiconductor_ms: '半导体市场自给率',
  ai_gpu_ms: 'AI GPU 市场自给率',
  equipment_localisation: '设备国产化率',
  datacentre_domestic_chips: '数据中心国产芯片占比',
  import_substitution: '进口替代',
  // scenarios
  bear: '悲观',
  base: '基准',
  bull: '乐观',
  other: '其他地区',
  mature_share: '成熟制程份额',
  china_wpm: '中国大陆产能',
  fund_deployment: '基金投放',
  self_sufficiency: '自给率',
  start: '起点',
  method: '方法',
  growth_pct: '年增长率',
  step: '年增量',
  cap: '上限',
  floor: '下限',
  about: '说明',
  normal: '正态分布',
  triangular: '三角分布',
  uniform: '均匀分布',
  // methods and point status
  cagr: '复合增长',
  linear: '线性',
  logistic: '逻辑斯蒂',
  anchor: '锚点',
  interpolated: '插值',
  extrapolated: '外推',
  history: '历史',
  'history (interpolated)': '历史（插值）',
  // auto's rule (forecast --explain): the median of five methods, or the candidate with the lowest measured error
  evidence: '按误差选择',
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

export const UNITS: Record<string, string> = withoutPrototype({
  '%': '%',
  '%/yr': '%/年',
  'pp/yr': '百分点/年',
  'units/yr': '单位/年',
  'k/yr': 'k/年',
  percent: '%',
  pct_per_year: '%/年',
  wpm_8in_eq: '万片/月（折合8英寸）',
  wpm_8in: '万片/月（8英寸）',
  wpm_12in: '万片/月（12英寸）',
  CNY_bn: '亿元',
  USD_bn: '亿美元',
});

export const label = (key: string) => LABELS[key] ?? key;
export const unit = (key: string) => UNITS[key] ?? key;


/**
 * Units as Chinese analysts read them: billions of yuan or dollars as 亿 (×10), wafers per month as 万片/月 (÷10⁴).
 * `factor` turns a value in the dataset's unit into the unit named.
 */
export const ZH_SCALES: Record<string, { factor: number; unit: string }> = withoutPrototype({
  CNY_bn: { factor: 10, unit: '亿元' },
  USD_bn: { factor: 10, unit: '亿美元' },
  wpm_8in_eq: { factor: 1e-4, unit: '万片/月（折合8英寸）' },
  wpm_8in: { factor: 1e-4, unit: '万片/月（8英寸）' },
  wpm_12in: { factor: 1e-4, unit: '万片/月（12英寸）' },
});

// toLocaleString(locale, options) sets up a new Intl.NumberFormat at every call; these two are made once, when first used.
let grouped: Intl.NumberFormat | undefined;
let ungrouped: Intl.NumberFormat | undefined;

/** An amount with its Chinese unit: 344 CNY_bn → 3440亿元, 47.8 USD_bn → 478亿美元, 714000 wpm_8in_eq → 71.4万片/月（折合8英寸）. */
export function amountZh(value: number, unitKey: string): string {
  const scale = ZH_SCALES[unitKey];
  if (scale === undefined) return `${(grouped ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })).format(value)} ${unit(unitKey)}`;
  const v = value * scale.factor;
  const text = (x: number) => (ungrouped ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, useGrouping: false })).format(Number(x.toPrecision(6)));
  // 10,000 亿 is 1 万亿 (18万亿美元).
  if (scale.unit.startsWith('亿') && Math.abs(v) >= 10000) return `${text(v / 10000)}万${scale.unit}`;
  return `${text(v)}${scale.unit}`;
}
