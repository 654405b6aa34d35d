// The share of English words in text a Chinese reader sees. Counted apart: identifiers (anything with _ . / = @ or
// a digit, options such as --lang, placeholders such as <file>), acronyms and names with two or more capitals
// (M3, MAE, TrendForce, sMAPE), the names a user types (dataset labels, method names, option values) and a short
// list of brand names. A Chinese word is counted as two characters (a conservative average: it makes the English
// share larger, not smaller).
import { LABELS } from '../../src/report/labels.js';

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

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;
const ANSI = /\u001b\[[0-9;]*m/g;

/** True for a token that is an identifier, an acronym, a typed name or a brand rather than an English word. */
function isExempt(token: string): boolean {
  if (/[_./=@\d\\]/.test(token) || /^-/.test(token) || /^[<[]/.test(token)) return true;
  if ((token.match(/[A-Z]/g) ?? []).length >= 2) return true;
  const word = token.replace(/[^A-Za-z-]/g, '');
  return TYPED_NAMES.has(word) || TYPED_NAMES.has(word.toLowerCase()) || LABELS[word] !== undefined;
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
  // Nor is an address (https://…).
  const plain = text
    .replace(ANSI, '')
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
