// The message catalogue: every English message has a Chinese one, and the Chinese one reads as Chinese.
import { describe, expect, it } from 'vitest';
import { EN, messageOf, say, type MessageKey } from '../src/messages.js';
import { translateText } from '../src/report/i18n.js';
import { ZH } from '../src/report/zh.js';
import { englishShare } from './helpers/english-share.js';

/** Messages that only join their parameters (`source: text`), with no words of their own. */
const PASS_THROUGH = new Set<MessageKey>(['capacity.sourceWarning', 'datasets.holds', 'funds.fundPhase', 'check.pathPoint', 'error.badCell', 'capacity.figureNote', 'scenario.readFromSum', 'check.sourceKind']);

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
});
