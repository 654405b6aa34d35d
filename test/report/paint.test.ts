// PLAIN stands in for a Chalk of level 0 so that runs without colour never load chalk: it must give the same text.
import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { painter } from '../../src/cli/color.js';
import { PLAIN, type Painter } from '../../src/report/paint.js';

const STYLES: (keyof Painter)[] = ['bold', 'dim', 'yellow', 'gray', 'cyan', 'magenta', 'green', 'red', 'blue', 'white'];
const TEXTS = ['', 'x', 'China share of mature capacity, %', 'two\nlines', '\u001b[1malready styled\u001b[22m', '中国 成熟制程', '  ! warning'];

describe('PLAIN', () => {
  const level0 = new Chalk({ level: 0 });
  for (const style of STYLES) {
    it(`${style} gives what a level-0 Chalk gives`, () => {
      for (const text of TEXTS) expect(PLAIN[style](text)).toBe(level0[style](text));
      expect(PLAIN[style]('a', 'b')).toBe(level0[style]('a', 'b'));
    });
  }
});

describe('painter', () => {
  it('is PLAIN at level 0 and a Chalk of the level otherwise', async () => {
    expect(await painter(0)).toBe(PLAIN);
    for (const level of [1, 2, 3] as const) {
      const p = await painter(level);
      expect(p.bold('x')).toBe(new Chalk({ level }).bold('x'));
      expect(p.cyan('x')).toMatch(/\u001b\[/);
    }
  });
});
