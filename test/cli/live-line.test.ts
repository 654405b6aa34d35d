// The one line every progress display draws through (report's steps, forecast's and backtest's counts, the
// simulation bar): each draw goes back to the line's start, and the line is cleared at the end only if drawn.
import { describe, expect, it } from 'vitest';
import { liveLine } from '../../src/cli/progress.js';

describe('liveLine', () => {
  it('draws after a carriage return and the erase sequence, cut to the width; clears once, after a draw', () => {
    const written: string[] = [];
    const line = liveLine((t) => written.push(t), { erase: '\u001b[2K', clear: '\u001b[2K', width: 5 });
    line.clear();
    expect(written).toEqual([]);
    line.draw('[1/2] capacity');
    line.draw('ab');
    line.clear();
    line.clear();
    expect(written).toEqual(['\r\u001b[2K[1/2]', '\r\u001b[2Kab', '\r\u001b[2K']);
  });

  it('without a width draws the whole text; erase and clear may differ (the bar: none, then to the end of the line)', () => {
    const written: string[] = [];
    const line = liveLine((t) => written.push(t), { erase: '', clear: '\u001b[K' });
    const bar = `simulating [${'#'.repeat(30)}] 100 %`;
    line.draw(bar);
    line.clear();
    expect(written).toEqual([`\r${bar}`, '\r\u001b[K']);
  });
});
