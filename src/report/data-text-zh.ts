// Notes of the bundled datasets in Chinese, by their English text: the `notes` of capacity_share.csv, the `note` of
// scenarios.csv and the `caveat` of claims.csv. A Chinese table or note shows these; CSV and JSON keep the English
// text as the files hold it. test/report/definitions-zh.test.ts fails when a bundled note has no entry.

export const DATA_TEXT_ZH: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  // capacity_share.csv (notes)
  'Oct 2023 release. EIS summary words the band as "28nm and older". Conflicts with 31 (trendforce_2023_12).': '2023年10月发布。EIS 摘要将该区间表述为“28纳米及更成熟制程”。与 31（trendforce_2023_12）矛盾。',
  'Oct 2023 release. Conflicts with 39 in the Dec 2023 release (trendforce_2023_12).': '2023年10月发布。与2023年12月发布中的 39（trendforce_2023_12）矛盾。',
  'Oct 2023 release.': '2023年10月发布。',
  'Dec 2023 release; "room for further growth if equipment procurement proceeds smoothly". Conflicts with 33 (trendforce_2023_10).': '2023年12月发布；“若设备采购顺利，仍有进一步增长空间”。与 33（trendforce_2023_10）矛盾。',
  'Base year of the Dec 2023 release, read from the Bits&Chips summary ("39 percent in 2027, up from 31 percent in 2023"). Conflicts with 29 (trendforce_2023_10).':
    '2023年12月发布的基准年数据，取自 Bits&Chips 的摘要（“由 2023 年的 31% 升至 2027 年的 39%”）。与 29（trendforce_2023_10）矛盾。',
  'TSMC and Samsung expected to hold over half of this.': '预计台积电与三星占其中一半以上。',
  'Approximate (~80).': '约数（约 80）。',
  'TrendForce figure quoted by Reuters. Fits the Dec 2023 path (31 -> 39).': '路透社引用的 TrendForce 数据。与2023年12月发布的路径（31 → 39）相符。',
  'TrendForce figure quoted by Reuters.': '路透社引用的 TrendForce 数据。',
  '28 if 40/28 nm tools are approved (alternative scenario, not a separate row).': '若 40/28 纳米设备获批则为 28（另一情景，未单列一行）。',
  'Secondary summary, no date.': '二手摘要，无日期。',
  'Secondary summary, no date. Said to be up about 3 pp on 2022.': '二手摘要，无日期。据称较 2022 年上升约 3 个百分点。',
  'Approximate (~30); year approximate (~2023). "Could reach 46 percent within the next decade" (no year; not kept).': '约数（约 30）；年份为约数（约 2023 年）。“未来十年内可能达到 46%”（无年份，未收录）。',
  'China plus Taiwan combined; approximate (~70); year approximate (~2023).': '中国大陆与中国台湾合计；约数（约 70）；年份为约数（约 2023 年）。',
  'China plus Taiwan combined; year approximate (~2023).': '中国大陆与中国台湾合计；年份为约数（约 2023 年）。',
  'Release date not visible; labelled estimate. Originating study not named.': '发布日期不可见；标注为估计值。未注明原始研究。',
  '"An increase of 2 percent from 2023" (2023 value not stated).': '“较 2023 年增加 2 个百分点”（未说明 2023 年数值）。',
  'Read in the DigiTimes Asia / AT+ summary (maifchina.com).': '取自 DigiTimes Asia / AT+ 的摘要（maifchina.com）。',
  'End-2020, SEMI figure as cited by eeNews Europe.': '2020 年末，eeNews Europe 引用的 SEMI 数据。',
  '2.3M wpm (300 mm) in 2025.': '2025 年每月 230 万片（300毫米）。',
  'FACTS gives a single 5 for 2021 -> 2025F (flat); the 2021 shares then sum to 100.': 'FACTS 对 2021 → 2025 年（预测）只给出一个数 5（持平）；这样 2021 年各份额之和为 100。',
  'FACTS gives a single 5 for 2021 -> 2025F (flat).': 'FACTS 对 2021 → 2025 年（预测）只给出一个数 5（持平）。',
  '2.4M wpm (300 mm) in 2026. "Focus government investments on mature technology".': '2026 年每月 240 万片（300毫米）。“政府投资集中于成熟技术”。',
  'Approximate: "+0.2 pp to ~9" (2022 value not stated; not derived).': '约数：“上升 0.2 个百分点至约 9”（未说明 2022 年数值；未推算）。',
  'FACTS gives a single 4 for 2022 -> 2026F (flat).': 'FACTS 对 2022 → 2026 年（预测）只给出一个数 4（持平）。',
  'Approximate (~7), end-2016. Eight Chinese 300 mm IC fabs operating.': '约数（约 7），2016 年末。中国大陆有 8 座 300毫米集成电路晶圆厂在运营。',
  'Largest share in 2022.': '2022 年份额最大。',
  'Dec 2018.': '2018年12月。',
  'Dec 2020.': '2020年12月。',
  'Approximate (~22), Dec 2019.': '约数（约 22），2019年12月。',
  'End-2021: 3.5M of 21.6M wpm.': '2021 年末：每月 2160 万片中的 350 万片。',
  'Approximate (~19).': '约数（约 19）。',
  'End-2023. China roughly level with the leaders in 2025 and leads in 2026F (no numbers).': '2023 年末。中国大陆 2025 年与领先者大致持平，2026 年（预测）领先（无具体数字）。',
  'China capacity tripled 2012-22.': '中国大陆产能在 2012–2022 年间增至三倍。',
  "Different base from TrendForce's and IDC's foundry shares: compare within this source only.": '与 TrendForce 和 IDC 的晶圆代工份额基数不同：只在本来源内部比较。',
  'TrendForce gives Taiwan 46 % of foundry capacity in 2023 (another base).': 'TrendForce 给出 2023 年中国台湾占晶圆代工产能的 46%（基数不同）。',
  "Europe as Yole words it (not SEMI's Europe & Mideast).": '按 Yole 的口径统计的欧洲（不同于 SEMI 的“欧洲及中东”）。',
  'Nov 2025 release (via CNA). Revises the 2027 forecasts of Oct 2023 (33) and Dec 2023 (39) to a later target year; see semicap revisions.':
    '2025年11月发布（经中央社转述）。将2023年10月（33）与2023年12月（39）对 2027 年的预测改为更晚的目标年；见 semicap revisions。',
  "Nov 2025 release (via CNA): Taiwan's starting point.": '2025年11月发布（经中央社转述）：中国台湾的起点。',
  'Nov 2025 release (via CNA).': '2025年11月发布（经中央社转述）。',

  // scenarios.csv (note)
  "Export controls on 28-40 nm tools tighten and the mature-node price war cuts utilisation: China's build-out slows to the pace of TrendForce's Oct 2023 release, Big Fund III deploys slowly.":
    '28–40 纳米设备的出口管制收紧，成熟制程价格战压低产能利用率：中国大陆扩产放缓至 TrendForce 2023年10月发布的速度，大基金三期投放缓慢。',
  'Growth continues at the pace the latest published forecasts imply (TrendForce Dec 2023, SEMI World Fab Forecast, IC Insights 2022); Big Fund III is paid in over its 10 years.':
    '按最新公开预测所隐含的速度继续增长（TrendForce 2023年12月、SEMI《全球晶圆厂预测》、IC Insights 2022 年）；大基金三期在 10 年内实缴到位。',
  'Tool approvals continue and state funding accelerates: China keeps its 2023-2024 pace in mature nodes and capacity, Big Fund III deploys front-loaded.':
    '设备继续获批，国家资金投入加快：中国大陆在成熟制程份额与产能上保持 2023–2024 年的速度，大基金三期前期集中投放。',
  "China's share of global mature-node (28 nm and larger) capacity in 2024, TrendForce via Reuters.": '2024 年中国大陆占全球成熟制程（28 纳米及以上）产能的份额，TrendForce 数据，经路透社转述。',
  'Compound growth of the share; held at 100 % (never reached here).': '份额按复合增长；以 100% 为上限（此处不会达到）。',
  "Implied by the Oct 2023 release's 29 % (2023) -> 33 % (2027): (33/29)^(1/4) - 1 = 3.28 %/yr; sd 1.5 pp: uncertainty about the long-run rate.":
    '由2023年10月发布的 29%（2023 年）→ 33%（2027 年）推得：(33/29)^(1/4) - 1 = 3.28 %/年；标准差 1.5 个百分点：长期增长率的不确定性。',
  "TrendForce's Dec 2023 forecast for 2027, used as a test: does the path reach it?": 'TrendForce 2023年12月对 2027 年的预测，用作检验：路径能否达到？',
  "Illustrative threshold: half of the world's mature-node capacity by 2030 (no source states it).": '示意性门槛：到 2030 年占全球成熟制程产能的一半（没有来源提出此数）。',
  'Compound growth of the share; held at 100 %.': '份额按复合增长；以 100% 为上限。',
  "Implied by the Dec 2023 release's 31 % (2023) -> 39 % (2027): (39/31)^(1/4) - 1 = 5.91 %/yr; sd 2 pp.": '由2023年12月发布的 31%（2023 年）→ 39%（2027 年）推得：(39/31)^(1/4) - 1 = 5.91 %/年；标准差 2 个百分点。',
  "TrendForce's Dec 2023 forecast for 2027.": 'TrendForce 2023年12月对 2027 年的预测。',
  'Logistic: fast growth that slows as the share nears its ceiling (the other regions keep some capacity).': '逻辑斯蒂曲线：起初增长快，份额接近上限时放缓（其他地区仍保有部分产能）。',
  'Rate far below the ceiling: 15-25 %/yr, most likely 20; 20 %/yr gives +9.4 % in the first year at 34 % of a 70 % ceiling, near the 31 -> 34 % step of 2023-2024 (two releases: trendforce_2023_12, reuters_2025_02_trendforce).':
    '远低于上限时的增长率：15–25 %/年，最可能为 20；在上限 70%、份额 34% 时，20 %/年 使第一年增长 9.4%，接近 2023–2024 年 31 → 34% 的增幅（两次发布：trendforce_2023_12、reuters_2025_02_trendforce）。',
  "Ceiling of China's share: 60-80 % (no source); Taiwan, Korea, Japan and the US keep the rest.": '中国大陆份额的上限：60–80%（无来源）；其余由中国台湾、韩国、日本和美国保有。',
  "China's fab capacity (all fabs, 200 mm equivalents per month) in 2025, SEMI World Fab Forecast (Jun 2024).": '2025 年中国大陆晶圆厂产能（全部晶圆厂，每月折合200毫米片数），SEMI《全球晶圆厂预测》（2024年6月）。',
  "Half of SEMI's 2023-2025 pace (+12, +15, +14 %/yr); drawn every year: capacity additions follow yearly capex cycles.": 'SEMI 2023–2025 年增速（+12、+15、+14 %/年）的一半；每年抽取：新增产能随每年的资本开支周期波动。',
  'Illustrative: 15 M wafers per month (200 mm eq.) by 2030, about +50 % on 2025 (no source states it).': '示意性目标：到 2030 年每月 1500 万片（折合200毫米），较 2025 年增加约 50%（没有来源提出此数）。',
  "Slower than SEMI's 2023-2025 pace (+12, +15, +14 %/yr; semi_wff_2024_01, semi_wff_2024_06) as the 2021-2024 fab starts finish; drawn every year.":
    '随着 2021–2024 年开工的晶圆厂陆续建成，增速低于 SEMI 2023–2025 年的速度（+12、+15、+14 %/年；semi_wff_2024_01、semi_wff_2024_06）；每年抽取。',
  "SEMI's 2025 growth (+14 %) held near its recent pace: 8-15 %/yr, most likely 12; drawn every year.": 'SEMI 2025 年的增速（+14%）保持在近年水平附近：8–15 %/年，最可能为 12；每年抽取。',
  'Big Fund III money committed to its first two vehicles by Jan 2025: Huaxin Dingxin 93 + Guotou Jixin 71 = RMB 164 bn.': '截至2025年1月大基金三期向首批两个投资载体承诺的资金：华芯鼎新 930 亿元 + 国投集新 710 亿元 = 1640 亿元。',
  'Cumulative deployment growing by a yearly amount (RMB bn per year).': '累计投放额每年增加一个固定数额（十亿元/年）。',
  'Slow deployment: RMB 8-16 bn a year, drawn every year (no source; Big Fund I deployed its RMB 139 bn in about four years).': '缓慢投放：每年 80–160 亿元，每年抽取（无来源；大基金一期约用四年投完其 1390 亿元）。',
  "Big Fund III's registered capital: RMB 344 bn; the cumulative total stops there.": '大基金三期注册资本：3440 亿元；累计额到此为止。',
  'Registered 2024-05-24, to be paid in within 10 years: all RMB 344 bn by 2034.': '2024-05-24 注册，10 年内实缴：到 2034 年缴足全部 3440 亿元。',
  '(344 - 164) / 9 = RMB 20 bn a year pays the rest in by 2034; sd 5 bn, drawn every year.': '(344 - 164) / 9 = 每年 200 亿元，到 2034 年缴足余额；标准差 50 亿元，每年抽取。',
  'Front-loaded deployment: RMB 20-40 bn a year, most likely 30, drawn every year (no source).': '前期集中投放：每年 200–400 亿元，最可能为 300 亿元，每年抽取（无来源）。',
  "IC production located in China (foreign-owned fabs included) / China's IC market, USD, 2021 (IC Insights).": '位于中国境内的集成电路产值（含外资晶圆厂）/ 中国集成电路市场规模，美元，2021 年（IC Insights）。',
  'About the 2019-2021 pace (15.7 -> 16.7 %: 3.1 %/yr; icinsights_2020_05, icinsights_2022_05); sd 1 pp.': '约为 2019–2021 年的速度（15.7 → 16.7%：3.1 %/年；icinsights_2020_05、icinsights_2022_05）；标准差 1 个百分点。',
  'Made in China 2025 milestone: 70 % by 2025 (definition unclear).': '《中国制造2025》阶段目标：到 2025 年达到 70%（定义不明确）。',
  '"At least 70 % by 2030" as one Q&A page words the Made in China 2025 chip target (low-quality source).': '某问答页面对《中国制造2025》芯片目标的表述：“到 2030 年至少 70%”（来源质量低）。',
  "Implied by IC Insights' 16.7 % (2021) -> 21.2 % (2026 forecast): (21.2/16.7)^(1/5) - 1 = 4.89 %/yr; sd 1.5 pp.": '由 IC Insights 的 16.7%（2021 年）→ 21.2%（2026 年预测）推得：(21.2/16.7)^(1/5) - 1 = 4.89 %/年；标准差 1.5 个百分点。',
  'Logistic towards 100 %: import substitution that slows as it nears the whole market.': '向 100% 的逻辑斯蒂曲线：进口替代在接近整个市场时放缓。',
  'Twice the IC Insights pace at low levels: 6-14 %/yr, most likely 10 (no source).': '低水平时为 IC Insights 速度的两倍：6–14 %/年，最可能为 10（无来源）。',

  // claims.csv (caveat)
  "TrendForce's releases define mature as >28nm (Oct 2023) or 28nm and older (Dec 2023).": 'TrendForce 各次发布对成熟制程的定义不同：>28纳米（2023年10月）或 28纳米及更成熟（2023年12月）。',
  'A report citing people familiar, not an announcement.': '引用知情人士的报道，而非正式公告。',
  'Other totals overlap (SIA/BCG >USD 142bn, EE Times >USD 160bn, the Big Funds): never add them.': '其他合计数相互重叠（SIA/BCG 超过 1420 亿美元、EE Times 超过 1600 亿美元、各期大基金）：切勿相加。',
  'SMIC does not publish capacity by node.': '中芯国际不按制程节点公布产能。',
  '83 k is the design capacity; on the Q3 2025 call the fab ran at about 30-40 k a month (the data keeps the low end of that range).': '8.3 万片为设计产能；据 2025 年第三季度业绩会，该厂每月实际运行约 3–4 万片（数据取该区间的低端）。',
  'Read here as more than half of world mature-node capacity.': '此处理解为全球成熟制程产能的一半以上。',
  'Definitions differ: IC Insights "IC devices", Wikipedia "core materials", CCTV via C114 "chips" (State Council).': '定义不一：IC Insights 为“集成电路器件”，维基百科为“核心基础材料”，C114 转述央视为“芯片”（国务院）。',
  'Reuters (Dec 2025): new fabs must use at least 50 % domestic equipment; officials aim at 100 % domestic equipment eventually, with no year.': '路透社（2025年12月）：新建晶圆厂须使用至少 50% 的国产设备；官员的最终目标是 100% 国产设备，未给出年份。',
  'Reuters converted RMB 344bn at 7.2449 to USD 47.5bn.': '路透社按 7.2449 的汇率将 3440 亿元换算为 475 亿美元。',
  "The datasets hold the Act's amounts only.": '数据集只收录该法案的金额。',
});

/** A bundled note in Chinese; any other text (a user's own data) as it is. */
export const dataTextZh = (text: string): string => DATA_TEXT_ZH[text] ?? text;
