// commander's own usage errors (an unknown option, a missing argument, a value outside its choices) in Chinese.
// They are commander's text, not ours, so they cannot come from the message catalogue: each of its fixed sentences
// (commander 14, pinned in package.json) is matched whole here; any other text stays as commander wrote it.
import type { Lang } from '../report/i18n.js';

const SENTENCES: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^unknown option '(.+)'$/, (m) => `未知选项 '${m[1]}'`],
  [/^\(Did you mean (.+)\?\)$/, (m) => `（是不是想用 ${m[1]}？）`],
  [/^unknown command '(.+)'$/, (m) => `未知命令 '${m[1]}'`],
  [/^missing required argument '(.+)'$/, (m) => `缺少必需的参数 '${m[1]}'`],
  [/^option '(.+)' argument missing$/, (m) => `选项 '${m[1]}' 缺少取值`],
  [/^required option '(.+)' not specified$/, (m) => `缺少必需的选项 '${m[1]}'`],
  [/^too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/, (m) => `${m[1] ? `'${m[1]}' 的` : ''}参数过多：应为 ${m[2]} 个，实际 ${m[3]} 个`],
  [/^option '(.+)' argument '(.+)' is invalid\. Allowed choices are (.+)\.$/, (m) => `选项 '${m[1]}' 的取值 '${m[2]}' 无效；可选：${m[3]}`],
  [/^option '(.+)' argument '(.+)' is invalid\. (.+)$/, (m) => `选项 '${m[1]}' 的取值 '${m[2]}' 无效：${m[3]}`],
];

/** commander's message (`semicap: unknown option '--x'\n(Did you mean --y?)\n`) in the reader's language. */
export function commanderMessage(text: string, lang: Lang): string {
  if (lang === 'en') return text;
  return text
    .split('\n')
    .map((line) => {
      const prefix = line.startsWith('semicap: ') ? 'semicap: ' : '';
      const body = line.slice(prefix.length);
      for (const [re, zh] of SENTENCES) {
        const m = re.exec(body);
        if (m) return prefix + zh(m);
      }
      return line;
    })
    .join('\n');
}
