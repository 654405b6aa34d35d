// Display width: the fast path (characters semicap nearly always prints) must agree with string-width, which
// measures everything else.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { KNOWN_RANGES, knownWidth, measureFor } from '../../src/report/width.js';

/** The code points of a character-class body such as '\\x20-\\x7e\\u3000-\\u3029'. */
function codePoints(ranges: string): number[] {
  const out: number[] = [];
  for (const m of ranges.matchAll(/\\(?:x([0-9a-f]{2})|u([0-9a-f]{4}))-\\(?:x([0-9a-f]{2})|u([0-9a-f]{4}))/gi)) {
    const from = Number.parseInt(m[1] ?? m[2], 16);
    const to = Number.parseInt(m[3] ?? m[4], 16);
    for (let c = from; c <= to; c++) out.push(c);
  }
  return out;
}

describe('knownWidth', () => {
  it('gives string-width for every character of its one-column and two-column ranges', () => {
    const one = codePoints(KNOWN_RANGES.one);
    const two = codePoints(KNOWN_RANGES.two);
    expect(one.length).toBeGreaterThan(1_000);
    expect(two.length).toBeGreaterThan(39_000);
    const wrong = [...one.map((c) => [c, 1]), ...two.map((c) => [c, 2])].filter(([c, w]) => stringWidth(String.fromCodePoint(c)) !== w || knownWidth(String.fromCodePoint(c)) !== w);
    expect(wrong).toEqual([]);
  });

  it('measures strings of them as string-width does: ASCII, Chinese, box drawing, arrows, dashes', () => {
    for (const s of ['china', '中国大陆', '中国大陆 china', '（%）', '─┼│', '29 % → 39 % — 2023–2027 ×3', '']) expect(knownWidth(s), s).toBe(stringWidth(s));
  });

  it('does not guess at anything else: emoji, combining marks, colour codes, tabs', () => {
    for (const s of ['👍', 'e\u0301', '\u001b[1m年份\u001b[22m', 'a\tb', '\u00ad']) expect(knownWidth(s), s).toBeUndefined();
  });
});

describe('measureFor', () => {
  /** A loader of string-width that counts its calls. */
  const counting = () => {
    const calls = { n: 0 };
    const load = async () => {
      calls.n++;
      return (text: string) => stringWidth(text);
    };
    return { calls, load };
  };

  it('does not load string-width for known text, over several lines too (a two-line heading)', async () => {
    const { calls, load } = counting();
    const measure = await measureFor(['trendforce_2023_10\ncagr', '中国\n→ −'], load);
    expect(calls.n).toBe(0);
    expect(measure('中国 china')).toBe(10);
  });

  it('loads it for anything else, and measures known text by the fast path and the rest by string-width', async () => {
    const { calls, load } = counting();
    const measure = await measureFor(['china', '👍 ok', 'e\u0301'], load);
    expect(calls.n).toBe(1);
    expect(measure('china')).toBe(5);
    expect(measure('👍 ok')).toBe(5);
    expect(measure('e\u0301')).toBe(1);
    expect(measure('\u001b[1m年份\u001b[22m')).toBe(4);
  });

  it('loads the real string-width by default', async () => {
    expect((await measureFor(['👍']))('👍')).toBe(2);
  });
});
