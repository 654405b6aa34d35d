// The message catalogue: every English message has a Chinese one, and the Chinese one reads as Chinese.
import { describe, expect, it } from 'vitest';
import { EN, messageOf, messagesOf, remember, say, type MessageKey } from '../src/messages.js';
import { translateText } from '../src/report/i18n.js';
import { ZH } from '../src/report/zh.js';
import { englishShare } from './helpers/english-share.js';

/** Messages that only join their parameters (`source: text`), with no words of their own. */
const PASS_THROUGH = new Set<MessageKey>(['capacity.sourceWarning', 'datasets.holds', 'funds.fundPhase', 'check.pathPoint', 'error.badCell', 'capacity.figureNote', 'scenario.readFromSum', 'check.sourceKind', 'error.fcMethodFailed', 'error.fcReasons', 'note.ofMethod', 'note.joined', 'capacity.fitId', 'revisions.figures', 'revisions.definitionList', 'chart.seriesTitle', 'verbose.settings']);

// Every parameter as '1' (strings and numbers alike): the message's own words are what is measured.
const ANY_PARAMS = new Proxy({}, { get: (_t, key) => (typeof key === 'string' ? '1' : undefined) }) as never;

describe('message catalogue', () => {
  it('has a Chinese entry for every key and no other', () => {
    expect(Object.keys(ZH).sort()).toEqual(Object.keys(EN).sort());
  });

  for (const key of Object.keys(EN) as MessageKey[]) {
    if (PASS_THROUGH.has(key)) continue;
    it(`${key} reads as Chinese`, () => {
      const zh = (ZH[key] as (p: never) => string)(ANY_PARAMS);
      expect(zh).toMatch(/[\u4e00-\u9fff]/);
      const count = englishShare(zh);
      expect(count.share, count.words.join(' ')).toBeLessThanOrEqual(0.1);
    });
  }

  it('a said message is rendered again from its key; text never said stays as it is', () => {
    const text = say('validate.allValid', { count: 3 });
    expect(text).toBe('all 3 file(s) valid');
    expect(messageOf(text)).toEqual({ key: 'validate.allValid', params: { count: 3 } });
    expect(translateText(text)).toBe('全部 3 个文件有效');
    expect(translateText('all 4 file(s) valid')).toBe('all 4 file(s) valid');
  });

  it('messages said in another thread travel as plain data and are remembered here, with the messages inside them', () => {
    // A reason made of a reason: the outer text and the inner one are both needed to render it in Chinese.
    const inner = say('error.fcTooFew', { method: 'arima', count: 2, min: 3 });
    const outer = say('warning.partlySkippedSeries', { id: 'unseen-series-x', problem: inner });
    const sent = structuredClone(messagesOf([outer, 'never said']));
    expect(sent).toEqual([
      { key: 'warning.partlySkippedSeries', params: { id: 'unseen-series-x', problem: inner } },
      { key: 'error.fcTooFew', params: { method: 'arima', count: 2, min: 3 } },
    ]);
    // Another thread knows neither text until it remembers them.
    const other = "partly skipped series 'other-y': ets: 1 value(s), needs at least 4";
    expect(translateText(other)).toBe(other);
    remember({ key: 'error.fcTooFew', params: { method: 'ets', count: 1, min: 4 } });
    remember({ key: 'warning.partlySkippedSeries', params: { id: 'other-y', problem: 'ets: 1 value(s), needs at least 4' } });
    expect(translateText(other)).toBe("已部分跳过序列 'other-y'：ets：只有 1 个值，至少需要 4 个");
  });
});
