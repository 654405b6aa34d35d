// The share of English words in text a Chinese reader sees. Counted apart: identifiers (anything with _ . / = @ or
// a digit, options such as --lang, placeholders such as <file>), acronyms and names with two or more capitals
// (M3, MAE, TrendForce, sMAPE), the names a user types (dataset labels, method names, option values) and a short
// list of brand names. A Chinese word is counted as two characters (a conservative average: it makes the English
// share larger, not smaller).
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { LABELS } from '../../src/report/labels.js';
import { PUBLISHERS_ZH } from '../../src/report/source-titles-zh.js';

const TYPED_NAMES = new Set([
  // formats, languages, shells, method and option values a user types
  'table', 'csv', 'json', 'md', 'xlsx', 'en', 'zh', 'bash', 'zsh', 'fish', 'naive', 'drift', 'ses', 'holt', 'damped', 'ets', 'theta', 'arima',
  'linear', 'loglinear', 'logistic', 'logistic-nls', 'auto', 'mean', 'median', 'cagr', 'share', 'wpm', 'none', 'once', 'yearly', 'calibrated', 'model', 'bear', 'base', 'bull',
  'yes', 'no', 'true', 'false', 'on', 'off', 'utf', 'gb', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'between', 'default', 'path', 'global', 'combined',
  // command names
  'overview', 'project', 'capacity', 'revisions', 'funds', 'self-sufficiency', 'claims', 'validate', 'datasets', 'forecast', 'backtest', 'scenario',
  'goal', 'shares', 'report', 'check', 'completion', 'help', 'shell', 'command',
  // brand and product names
  'semicap', 'Excel', 'Windows', 'Chromium', 'LibreOffice', 'Node', 'Monte', 'Carlo', 'Hyndman', 'Nixtla', 'README', 'mature_share',
]);

/**
 * Publisher names (Reuters, Rhodium Group, Hua Hong Semiconductor): the Latin words each bundled publisher keeps in
 * Chinese output, i.e. of its Chinese rendering (src/report/source-titles-zh.ts PUBLISHERS_ZH), or of the publisher
 * itself when it is a name alone. The words around names (citing, via, unknown, page) are rendered in Chinese and
 * not in this list, so they count wherever they are left in English.
 */
const PUBLISHER_NAMES = new Set(
  (parse(readFileSync('datasets/sources.csv'), { columns: true, bom: true }) as { publisher: string }[])
    .flatMap((r) => (PUBLISHERS_ZH[r.publisher] ?? r.publisher).match(/[A-Za-z]+/g) ?? [])
    // Place names inside a name (Trivium China, eeNews Europe) still count elsewhere: Chinese has names for them.
    .filter((w) => !['China', 'Taiwan', 'Europe', 'Asia', 'US'].includes(w)),
);

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const ANSI = /\u001b\[[0-9;]*m/g;

/** True for a token that is an identifier, an acronym, a typed name or a brand rather than an English word. */
function isExempt(token: string): boolean {
  if (/[_./=@\d\\]/.test(token) || /^-/.test(token) || /^[<[]/.test(token)) return true;
  if ((token.match(/[A-Z]/g) ?? []).length >= 2) return true;
  const word = token.replace(/[^A-Za-z-]/g, '');
  return TYPED_NAMES.has(word) || TYPED_NAMES.has(word.toLowerCase()) || LABELS[word] !== undefined || PUBLISHER_NAMES.has(word);
}

export interface WordCount {
  english: number;
  chinese: number;
  /** English words / all words, 0 when there are none. */
  share: number;
  /** The English words counted, for a failing test's message. */
  words: string[];
}

/** Counts the English and Chinese words of `text`. */
export function englishShare(text: string): WordCount {
  // What a user types is not prose: the command of an example line (`$ semicap report --out report/   comment`).
  // Nor is an address (https://…), also where it is wrapped: the first token of the next, indented line goes on with
  // an address that ends its line.
  let unwrapped = text.replace(ANSI, '');
  for (let before = ''; before !== unwrapped; ) {
    before = unwrapped;
    unwrapped = unwrapped.replace(/(\b[a-z]+:\/\/[^\s│]+)\n[ \t]+([^\s│]+)/g, '$1$2');
  }
  const plain = unwrapped
    .replace(/\$ .*?(\s{2,}|$)/gm, '$1')
    .replace(/\b[a-z]+:\/\/[^\s│]+/g, '');
  const chinese = (plain.match(CJK) ?? []).length / 2;
  const words: string[] = [];
  // Tokens: runs between white space, box-drawing characters and Chinese text or punctuation.
  for (const raw of plain.split(/[\s\u2500-\u257f\u3000-\u303f\u3400-\u9fff\uff00-\uffef"'`“”‘’()（）,;:：，；、。|]+/)) {
    const token = raw.replace(/^[^\w<[-]+|[^\w>\]]+$/g, '');
    if (token === '' || isExempt(raw) || isExempt(token)) continue;
    for (const w of token.match(/[A-Za-z]{2,}/g) ?? []) words.push(w);
  }
  const english = words.length;
  return { english, chinese, share: english + chinese === 0 ? 0 : english / (english + chinese), words };
}

/**
 * The count without the words of text the user wrote (a rule file's `rule` column, echoed back as the rule's name):
 * each of its English words is taken off the count once, as many times as it occurs there.
 */
export function withoutUserText(count: WordCount, texts: readonly string[]): WordCount {
  const words = [...count.words];
  for (const w of texts.flatMap((t) => englishShare(t).words)) {
    const i = words.indexOf(w);
    if (i >= 0) words.splice(i, 1);
  }
  const english = words.length;
  return { english, chinese: count.chinese, share: english + count.chinese === 0 ? 0 : english / (english + count.chinese), words };
}
