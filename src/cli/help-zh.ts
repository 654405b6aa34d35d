// Help in Chinese, applied through commander's help configuration: descriptions are looked up by command path and
// option long flag (an option's text shared by many commands is written once, by flag), so the option declarations
// themselves stay as they are. test/cli/help-zh.test.ts walks the whole command tree and fails on any command,
// option, argument or help-text line without a Chinese entry.
import type { EventEmitter } from 'node:events';
import type { Argument, Command, Help, Option } from 'commander';
import { knownWidth } from '../report/width.js';

// Help is ASCII and CJK, all within the width module's known ranges; anything else counts one column a character.
const displayWidth = (text: string): number => knownWidth(text) ?? [...text].length;

/** Command descriptions by path ('' is the program itself). */
export const COMMANDS_ZH: Record<string, string> = {
  '': '半导体产能预测工具：增长推算、统计预测，以及关于成熟制程产能、芯片基金和自给率的有来源数据。',
  overview: '内置数据的主要推算结果：成熟制程份额、基金、自给率',
  project: '按复合、线性或逻辑斯蒂增长，经过已知数据点（锚点）推算一个数值，并给出在 M3 上测得的经验误差区间',
  capacity: '基于内置数据推算成熟制程产能份额，或以每月晶圆片数计的产能（--metric wpm）',
  revisions: '某发布方的预测如何逐次修订：按发布日期并列每次发布、每次修订的变化、每个预测与后来实际值的偏差',
  funds: '以人民币和美元计的基金与扶持计划：区间保留低值与高值，累计合计，并列美国《芯片与科学法案》',
  'self-sufficiency': '自给率的历史与目标：与各目标的差距、各目标所需的增长、当前路径达到目标的年份',
  claims: '用有来源的数据核对文章中的说法：有来源支持、有来源支持（附说明）、与来源矛盾或无来源，并给出理由',
  validate: '检查数据集和 scenarios.csv（默认检查内置数据；一个目录可以只含部分文件，叠加在内置数据之上）；有任何错误时退出码为 65',
  datasets: '内置了什么：文件、行数、来源',
  forecast: '用统计方法预测长格式 CSV 中的每条序列，并给出预测区间',
  backtest: '滚动起点评估：按方法和预测步长给出 MAE、RMSE、MAPE、sMAPE 和 MASE，最好的排在前面',
  scenario: '并列比较命名情景（悲观、基准、乐观）：点路径，或用 --simulate 给出百分位区间和每个目标的达成概率',
  goal: '目标求解：达到目标所需的复合增长与线性增长、路径何时达到、达到的概率；或基金总额所需的每年投放额',
  shares: '把各地区在同一产能类别中的份额一起推算，使其每年合计为 100%，且各自在 0–100% 之间',
  report: '运行标准分析并写出一个目录：summary.md、每个表格一个 CSV、report.json、SVG 图表、index.html',
  check: '用数据集和推算结果检验 CSV 文件中的规则；任何一条未通过时退出码为 1（用作 CI 关卡）',
  completion: '输出 shell 自动补全脚本',
  help: '显示命令的帮助',
};

/** Option descriptions by long flag, for every command that has the option (unless OPTIONS_BY_COMMAND_ZH says otherwise). */
export const OPTIONS_ZH: Record<string, string> = {
  '--version': '显示版本号',
  '--no-color': '不输出颜色代码（也可用 NO_COLOR=1）',
  '--debug': '内部错误时显示调用栈',
  '--quiet': '除错误外不在标准错误输出任何信息',
  '--verbose': '在标准错误输出额外诊断信息：各项设置及其来源、耗时',
  '--lang': '标题、表头和提示信息的语言（默认依次取 SEMICAP_LANG、配置文件、LANG）',
  '--help': '显示命令的帮助',
  '--data': '使用此目录中的数据集，而不是内置数据集',
  '--format': '输出格式',
  '--out': '写入文件（原子写入），而不是标准输出',
  '--table': '与 --format csv 一起使用：写出报告中的哪个表格（默认：第一个）',
  '--excel': '适合 Excel 的 CSV：UTF-8 字节顺序标记（BOM）和 CRLF 换行',
  '--raw-text': 'CSV：不处理以 = + - @ 开头的文本单元格（防公式注入）',
  '--chart': '同时在终端中把序列画成折线图（在表格之后）',
  '--chart-out': '把图表写成一个独立的 SVG 文件',
  '--ascii': '图表只用 ASCII 字符（本地化设置不是 UTF-8 时自动启用）',
  '--wide': '表格按完整宽度输出，不管多宽（默认：适应终端宽度、COLUMNS 或 80 列）',
  '--locale': '按某一地区 Excel 的习惯写 CSV（隐含 --excel）：德、法、西、意、荷、葡、波、俄等欧洲地区代码（如 de）用 ";" 分隔字段、逗号作小数点，瑞士德语区用 ";" 和小数点，英、中、日、韩用 "," 和小数点（完整列表见 README）',
  '--look-to': '查找路径达到目标年份的最后一年（之后显示“某年前未达到”；默认：--through 与最后一个目标中较晚者之后 20 年）',
  '--deploy-from': '基金：第一个投放年份',
  '--deploy-to': '基金：最后一个投放年份',
  '--since': '起始年份（默认：第一个锚点年份）',
  '--from': '第一个锚点，例如 2023=29%（带 % 表示份额，限定在 0–100 之间）',
  '--to': '最后一个锚点，例如 2027=39%',
  '--via': '中间的锚点（可重复）：分段增长',
  '--through': '推算到的最后一年（默认：2030 年，最后一个锚点更晚时取锚点年份）',
  '--method': '方法（逗号分隔）',
  '--cap': '上限：逻辑斯蒂曲线的饱和水平',
  '--floor': '下限：路径不会低于此值，并给出警告（默认 0；none 表示不设下限，用于可以为负的数值）',
  '--target': '另外计算到某年达到某值需要什么，以及各路径何时达到',
  '--metric': 'share（占全球产能的百分比）或 wpm（每月晶圆片数）',
  '--region': '地区（份额）或企业（wpm），例如 china、taiwan、smic',
  '--segment': '产能类别，例如 mature、foundry、advanced、all_fabs',
  '--source': '只用此来源的数据（见 semicap datasets）',
  '--level': '拟合方法的预测区间水平，单位为百分比',
  '--seed': '模拟区间的随机种子',
  '--intervals': '预测区间：calibrated（按同一方法实测的误差校准，有误差表时 auto 即用它）或 model（方法自身的区间）',
  '--unit': '与 --metric wpm 一起使用：输出单位',
  '--publisher': '发布方（sources.csv 中 publisher 的一部分，不区分大小写）',
  '--measure': 'share（某地区在某产能类别中的份额）或 self_sufficiency（某个口径的自给率）',
  '--scope': '自给率口径（历史序列）',
  '--fx-year': '所有数据按这一年的人民币/美元年均汇率换算（默认：每项按其所属年份的年均汇率；某年没有汇率时用最近一年，并会注明）',
  '--fund': '只看这一个基金（例如 big_fund、support_package_2025、chips_act）',
  '--current': '覆盖当前水平，例如 2025=40%',
  '--fail-on': '任何说法得到这些判定之一（逗号分隔）时退出码为 1，例如 conflicts,no_source',
  '--headlines': '只看标记为 headline=yes 的说法',
  '--max-age': '对最新来源早于若干年的序列给出警告（在标准错误输出，不改变退出码；“今天”取 SEMICAP_TODAY=YYYY-MM-DD 或系统时钟）',
  '--sources': '列出每个来源，而不是文件',
  '--id': '标识序列的列（缺省：整个文件是一条序列）',
  '--time': '年份所在的列',
  '--value': '数值所在的列',
  '--delimiter': '与 --excel 一起使用：字段分隔符 ,、; 或制表符（小数点为逗号的地区的 Excel 用 ";"）',
  '--decimal': '与 --excel 一起使用：数字的小数点 . 或 ,（与 --delimiter ";" 一起使用）',
  '--encoding': 'CSV 文件的编码：utf-8（默认）或 gb18030（GBK，中文版 Windows 上 Excel 的默认保存编码）',
  '--fill': '序列中间缺失的年份：none（跳过该序列）或 linear（线性插值）',
  '--shard': '只处理 id 的哈希落在第 K 份（共 N 份）的序列（K 从 0 到 N-1；对 id 做 FNV-1a，见 README），用于把一次运行分到多个进程或机器',
  '--horizon': '预测多少年',
  '--jobs': '拟合序列的工作线程数：一个数字，或 auto（序列数达到 1000 条时用全部核心）',
  '--explain': '不输出预测，而是逐条序列说明每种方法拟合的结果：auto 选了哪个候选方法及其依据',
  '--holdout': '每个起点评估的预测步长',
  '--origins': '预测起点的个数（每个比前一个早一年）',
  '--file': '一个与 datasets/scenarios.csv 格式相同的情景文件（默认：--data 中的 scenarios.csv，否则用内置的；- 表示读标准输入）',
  '--series': '只看这些序列（逗号分隔），例如 mature_share,china_wpm',
  '--set': '覆盖一个假设（可重复）：情景.序列.假设=数值，情景可以写 *',
  '--simulate': '蒙特卡洛：抽取不确定的假设，模拟 N 条路径',
  '--percentiles': '每年报告的百分位数，例如 10,50,90（默认 5,25,50,75,95）',
  '--rate': '当前路径：复合增长率（%/年）',
  '--step': '当前路径：每年的线性增量（份额以百分点计）',
  '--scenario': '用某个情景的序列作为当前路径，例如 base.self_sufficiency',
  '--rate-sd': '与 --simulate 一起使用：复合增长率的标准差（%/年）',
  '--step-sd': '与 --simulate 一起使用：线性增量的标准差',
  '--draw': '与 --simulate 一起使用：每条路径只抽一次增长率，或每年重新抽取',
  '--fund-total': '基金：要投放的总额（例如大基金三期 344，单位十亿元人民币，即 3440亿元）',
  '--deployed': '基金：已经投放的金额',
  '--growth': '基金：每年投放额按此增长率（%/年）增长（由此得出第一年的投放额）',
  '--first-year': '基金：第一年的投放额（由此得出总额所需的增长率）',
  '--timestamp': '把运行时间写进 summary.md、report.json 和 index.html（关闭时：相同输入得到相同字节）',
};

/** Where a command's option means something of its own: 'command --flag'. */
export const OPTIONS_BY_COMMAND_ZH: Record<string, string> = {
  'forecast --delimiter': 'FILE 的字段分隔符，也用于 --excel 输出（例如欧洲电子表格导出用 ";"，制表符用 "\\t"）',
  'forecast --decimal': 'FILE 的小数点，也用于 --excel 输出：. 或 ,（与 --delimiter ";" 一起使用）',
  'backtest --delimiter': 'FILE 的字段分隔符，也用于 --excel 输出（例如欧洲电子表格导出用 ";"，制表符用 "\\t"）',
  'backtest --decimal': 'FILE 的小数点，也用于 --excel 输出：. 或 ,（与 --delimiter ";" 一起使用）',
  'report --wide': '写出的文件列表按完整宽度输出，不管多宽（默认：适应终端宽度、COLUMNS 或 80 列）',
  'project --method': 'cagr、linear、logistic（逗号分隔）',
  'project --cap': '上限：逻辑斯蒂曲线的饱和水平（份额默认 100）',
  'capacity --through': '推算到这一年',
  'capacity --method': '锚点推算：cagr、linear、logistic；与 --metric wpm 一起使用时还可按历史拟合：ets、theta、arima、auto 等（逗号分隔）',
  'revisions --region': '与 --measure share 一起使用：地区',
  'revisions --segment': '与 --measure share 一起使用：产能类别',
  'revisions --scope': '与 --measure self_sufficiency 一起使用：序列',
  'self-sufficiency --scope': '使用的历史序列',
  'self-sufficiency --target': '另外评估的目标（可重复），例如 2030=100%',
  'self-sufficiency --method': '按历史拟合并给出区间的统计方法，例如 ets,theta,auto（复合与线性的当前路径总会显示）',
  'forecast --method': '方法，逗号分隔：naive、drift、ses、holt、damped、ets、theta、arima、linear、loglinear、logistic、auto，或 mean(a,b)/median(a,b)',
  'forecast --level': '预测区间水平，单位为百分比',
  'forecast --seed': '模拟区间的随机种子（种子相同，数字相同）',
  'forecast --cap': '上限（例如份额以百分比计时为 100）：逻辑斯蒂曲线的饱和水平；预测值和区间都保持在其之下',
  'forecast --floor': '下限（例如 0）；0 是真实的下限',
  'backtest --method': '方法，逗号分隔：naive、drift、ses、holt、damped、ets、theta、arima、linear、loglinear、logistic、auto，或 mean(a,b)/median(a,b)',
  'backtest --level': '评分的预测区间水平（覆盖率和 MSIS），单位为百分比',
  'backtest --jobs': '工作线程数：一个数字，或 auto（工作量足够大时用全部核心）',
  'scenario --through': '路径的最后一年（晚于此年的目标仍会评估）',
  'scenario --seed': '模拟的随机种子（0–4294967295）；不给时自动选一个并输出',
  'goal --seed': '模拟的随机种子（0–4294967295）；不给时自动选一个并输出',
  'goal --current': '序列当前所在的位置，例如 2025=40%（带 % 表示份额）',
  'goal --target': '目标，例如 2030=100%',
  'shares --segment': '产能类别，例如 foundry、mature、wafer_300mm',
  'shares --source': '使用此来源的数据（默认：两年或以上数据覆盖地区最多的来源）',
  'shares --region': '只看这些地区（逗号分隔）；其余地区合为“世界其他地区”',
  'shares --through': '最后一年',
  'shares --from': '第一年（默认：第一个锚点年份）',
  'shares --method': 'cagr：把份额视为按复合增长率增长的产能，再除以总量；linear：每年固定增量',
  'report --out': '写入报告的目录（不存在时创建）',
  'report --format': '在标准输出列出已写文件时所用的格式',
  'report --excel': '适合 Excel 的 CSV 文件：UTF-8 字节顺序标记（BOM）和 CRLF 换行',
  'report --raw-text': 'CSV：不处理以 = + - @ 开头的文本单元格',
};

/** Argument descriptions: 'command argument'. */
export const ARGUMENTS_ZH: Record<string, string> = {
  'claims file': '说法 CSV（默认：内置的 datasets/claims.csv，即 semicap 最初依据的那篇文章中的说法）',
  'validate paths': '数据集目录或 CSV 文件（默认：--data，否则为内置目录）',
  'forecast file': '长格式 CSV：每条序列每年一行（也可读 .csv.gz；- 表示读标准输入）',
  'backtest file': '长格式 CSV：每条序列每年一行（也可读 .csv.gz；- 表示读标准输入）',
  'check rules.csv': '规则：rule,metric,selector,op,value,unit（见 docs/ci.md）；- 表示从标准输入读取',
  'completion shell': 'bash、zsh 或 fish',
  'scenario names': '要运行的情景（默认：文件中的全部情景）',
  'help command': '命令',
};

/** Section titles of commander's help. */
const TITLES_ZH: Record<string, string> = { 'Usage:': '用法：', 'Options:': '选项：', 'Commands:': '命令：', 'Arguments:': '参数：', 'Global Options:': '全局选项：' };

/**
 * Lines of the help texts added after the generated help (examples, exit codes), by their English line. A line that
 * is only a command (`  $ semicap ...`) stays as it is; a comment after a command is looked up on its own.
 */
export const HELP_LINES_ZH: Record<string, string> = {
  'Examples:': '示例：',
  'for a German Excel: ";" and a decimal comma': '用于德语版 Excel：";" 分隔，逗号作小数点',
  'overview of the headline projections on the bundled data': '内置数据主要推算结果的概览',
  "the article's claims checked against the sourced figures": '用有来源的数据核对文章中的说法',
  '# in ~/.bashrc': '# 写入 ~/.bashrc',
  '# in ~/.zshrc': '# 写入 ~/.zshrc',
  'Exit codes: 0 ok, 1 a check failed, 2 usage, 65 bad data, 66 missing input, 70 internal error, 73/74 cannot write, 130 interrupted (143/129/131: SIGTERM/SIGHUP/SIGQUIT).':
    '退出码：0 正常，1 检查未通过，2 用法错误，65 数据错误，66 缺少输入，70 内部错误，73/74 无法写入，130 被中断（143/129/131：SIGTERM/SIGHUP/SIGQUIT）。',
};

/** The path of a command below the program: 'goal', 'help'. */
export function commandPath(cmd: Command): string {
  // commander's implicit `help` command has no parent.
  if (cmd.parent === null && cmd.name() === 'help') return 'help';
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

const optionKey = (o: Option) => o.long ?? o.short ?? o.flags;

/** The Chinese description of an option of a command, if the tables have one. */
export function optionZh(cmd: Command, option: Option): string | undefined {
  const key = optionKey(option);
  return OPTIONS_BY_COMMAND_ZH[`${commandPath(cmd)} ${key}`] ?? OPTIONS_ZH[key];
}

export const argumentZh = (cmd: Command, argument: Argument): string | undefined => ARGUMENTS_ZH[`${commandPath(cmd)} ${argument.name()}`];

/** One line of an after-help text in Chinese: `$ command   comment` keeps the command; undefined when unknown. */
export function helpLineZh(line: string): string | undefined {
  if (line.trim() === '') return line;
  const example = /^(\s*\$ .*?)(\s{2,})(\S.*)$/.exec(line);
  if (example) {
    const comment = HELP_LINES_ZH[example[3]];
    return comment === undefined ? undefined : `${example[1]}${example[2]}${comment}`;
  }
  if (/^\s*\$ /.test(line)) return line;
  const indent = /^\s*/.exec(line)![0];
  const zh = HELP_LINES_ZH[line.trim()];
  return zh === undefined ? undefined : indent + zh;
}

/** commander's `(choices: "a", "b", default: "x")` in Chinese. */
function extraInfoZh(option: { argChoices?: string[]; defaultValue?: unknown; defaultValueDescription?: string; required?: boolean; optional?: boolean; isBoolean?: () => boolean }): string {
  const extra: string[] = [];
  if (option.argChoices) extra.push(`可选：${option.argChoices.map((c) => JSON.stringify(c)).join('、')}`);
  const showDefault = option.required || option.optional || (option.isBoolean?.() === true && typeof option.defaultValue === 'boolean');
  if (option.defaultValue !== undefined && showDefault && !(Array.isArray(option.defaultValue) && option.defaultValue.length === 0) && option.defaultValue !== false) {
    extra.push(`默认：${option.defaultValueDescription ?? JSON.stringify(option.defaultValue)}`);
  }
  return extra.length === 0 ? '' : `（${extra.join('，')}）`;
}

/** The help configuration that renders a command's help in Chinese (English where an entry is missing). */
function helpConfigZh(): Partial<Help> {
  return {
    styleTitle: (title: string) => TITLES_ZH[title] ?? title,
    commandDescription: (cmd: Command) => COMMANDS_ZH[commandPath(cmd)] ?? cmd.description(),
    subcommandDescription: (cmd: Command) => COMMANDS_ZH[commandPath(cmd)] ?? cmd.summary() ?? cmd.description(),
    optionDescription(this: Help, option: Option) {
      const cmd = (option as Option & { ownerCommand?: Command }).ownerCommand;
      const zh = cmd === undefined ? OPTIONS_ZH[optionKey(option)] : optionZh(cmd, option);
      return zh === undefined ? option.description : `${zh}${extraInfoZh(option)}`;
    },
    argumentDescription(argument: Argument) {
      const cmd = (argument as Argument & { ownerCommand?: Command }).ownerCommand;
      const zh = cmd === undefined ? undefined : argumentZh(cmd, argument);
      return zh === undefined ? argument.description : `${zh}${extraInfoZh(argument)}`;
    },
    // Chinese characters take two columns: wrap and align by what the terminal shows, and break between them.
    displayWidth: (text: string) => displayWidth(text),
    boxWrap(this: Help, text: string, width: number) {
      if (width < this.minWidthToWrap) return text;
      return text
        .split(/\r?\n/)
        .flatMap((line) => wrapLine(line, width))
        .join('\n');
    },
  };
}

// A chunk is a run of non-Chinese text up to a space, or one Chinese character (a line may break after any).
const CHUNK = /\s*(?:[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|[^\s\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]+)/g;

/** One line wrapped at `width` display columns. */
function wrapLine(line: string, width: number): string[] {
  const chunks = line.match(CHUNK);
  if (chunks === null) return [''];
  const lines: string[] = [];
  let current = chunks[0];
  for (const chunk of chunks.slice(1)) {
    if (displayWidth(current) + displayWidth(chunk) <= width) current += chunk;
    else {
      lines.push(current);
      current = chunk.trimStart();
    }
  }
  lines.push(current);
  return lines;
}

type HelpListener = (context: { error: boolean; command: Command; write: (text: string) => void }) => void;

/**
 * Renders every command's help in Chinese: descriptions through the help configuration, and the examples and exit
 * codes added after the help line by line (the commands of examples stay as they are).
 */
export function translateHelp(cmd: Command): void {
  for (const o of cmd.options) (o as Option & { ownerCommand?: Command }).ownerCommand = cmd;
  for (const a of cmd.registeredArguments) (a as Argument & { ownerCommand?: Command }).ownerCommand = cmd;
  cmd.configureHelp(helpConfigZh());
  for (const event of ['beforeAllHelp', 'beforeHelp', 'afterHelp', 'afterAllHelp'] as const) {
    const emitter = cmd as unknown as EventEmitter;
    const listeners = emitter.listeners(event) as HelpListener[];
    emitter.removeAllListeners(event);
    for (const listener of listeners) {
      cmd.on(event, (context: Parameters<HelpListener>[0]) => {
        let text = '';
        listener({ ...context, write: (s: string) => (text += s) });
        context.write(
          text
            .split('\n')
            .map((line) => helpLineZh(line) ?? line)
            .join('\n'),
        );
      });
    }
  }
  for (const sub of cmd.commands) translateHelp(sub);
}
