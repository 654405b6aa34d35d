import { describe, expect, it } from 'vitest';
import { createCountProgress } from '../../src/cli/progress.js';

function terminal(isTTY: boolean) {
  const written: string[] = [];
  return { target: { isTTY, write: (t: string) => void written.push(t), columns: 80 }, written };
}

describe('createCountProgress', () => {
  it('shows done/total on a terminal once the delay has passed, and clears the line at the end', () => {
    const { target, written } = terminal(true);
    let clock = 0;
    const p = createCountProgress(200, 'backtest: series', { target, env: {}, delayMs: 1000, now: () => clock });
    clock = 500;
    p.update(50); // before the delay: nothing
    clock = 1200;
    p.update(100);
    p.done();
    expect(written).toEqual(['\r\u001b[2Kbacktest: series 100/200 (50 %)', '\r\u001b[2K']);
  });

  it('takes a terminal that reports 0 columns (a pseudo-terminal with no size) as 80 wide, not as 20', () => {
    const written: string[] = [];
    let clock = 0;
    const p = createCountProgress(2000, 'forecast: series', { target: { isTTY: true, write: (t) => void written.push(t), columns: 0 }, env: {}, now: () => clock });
    clock = 1500;
    p.update(500);
    expect(written).toEqual(['\r\u001b[2Kforecast: series 500/2000 (25 %)']);
  });

  it('stays silent in a pipe, with --quiet, under CI, and for runs shorter than the delay', () => {
    for (const [isTTY, quiet, env, clockAfter] of [
      [false, false, {}, 5000],
      [true, true, {}, 5000],
      [true, false, { CI: 'true' }, 5000],
      [true, false, {}, 999],
    ] as const) {
      const { target, written } = terminal(isTTY);
      let clock = 0;
      const p = createCountProgress(10, 'x', { target, quiet, env, now: () => clock });
      clock = clockAfter;
      p.update(5);
      p.done();
      expect(written).toEqual([]);
    }
  });
});
