// `forecast`'s progress line: series done of the total on a terminal's stderr once the run has taken about a
// second; never on a pipe, never with CI set or --quiet, never in the rows written.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, removeDir, type Run, semicapProcess, tempDir } from './run.js';

const root = tempDir('semicap-forecast-progress-');
afterAll(() => removeDir(root));

// 200 series of 20 years on one thread: four batches of 50 (SEMICAP_BATCH_SERIES; 500 by default), so the count
// rises from batch to batch as in a file of thousands of series. The progress line is asked to appear at once
// (SEMICAP_PROGRESS_DELAY_MS=0 below), so a quick method serves as well as a slow one.
const SERIES = 200;
const BATCH = '50';
const lines = ['id,year,value'];
for (let s = 0; s < SERIES; s++) for (let k = 0; k < 20; k++) lines.push(`s${s},${2000 + k},${100 + s + k * (1 + (s % 7)) + ((k * s) % 5)}`);
const FILE = join(root, 'many.csv');
writeFileSync(FILE, lines.join('\n') + '\n');
const ARGS = ['forecast', FILE, '--id', 'id', '--method', 'naive', '--horizon', '3', '--jobs', '1', '--format', 'csv'];
const PROGRESS = new RegExp(`\\r\u001b\\[2Kforecast: series (\\d+)/${SERIES} \\((\\d+) %\\)`, 'g');

/** The built CLI on a pseudo-terminal (util-linux `script`): stdout and stderr both reach the terminal. */
function onTerminal(args: string[], env: NodeJS.ProcessEnv): string {
  const command = [process.execPath, BIN, ...args].join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20, env: { ...env, NO_COLOR: '1' } });
  if (r.error) throw new Error(`util-linux \`script\` (a pseudo-terminal) is needed: ${r.error.message}`);
  expect(r.status).toBe(0);
  return r.stdout;
}

// Without CI in the environment: with it set (as on a CI runner), progress stays off even on a terminal. The line
// appears at once (no one-second wait), so a fast machine still draws it.
const { CI: _ci, ...rest } = process.env;
const noCi = { ...rest, SEMICAP_PROGRESS_DELAY_MS: '0', SEMICAP_BATCH_SERIES: BATCH };

/** The same run on a pipe, made once: what a terminal shows is compared with it, and it must show no progress. */
let pipedRun: Run | undefined;
const piped = () => (pipedRun ??= semicapProcess(ARGS, { env: { CI: undefined, SEMICAP_BATCH_SERIES: BATCH } }));

describe('forecast progress', () => {
  it('shows series done of the total on a terminal, rising, cleared before rows and at the end', () => {
    const out = join(root, 'forecast.csv');
    const screen = onTerminal([...ARGS, '--out', out], noCi);
    const shown = [...screen.matchAll(PROGRESS)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(shown.length).toBeGreaterThan(0);
    for (const [done, percent] of shown) expect(percent).toBe(Math.floor((100 * done) / SERIES));
    const counts = shown.map(([done]) => done);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    // Each line drawn is cleared again; the last thing on the line before the closing message is a clear.
    expect(screen.split('\r\u001b[2K').length - 1).toBe(2 * shown.length);
    expect(screen).toMatch(/\r\u001b\[2Ksemicap: wrote /);
    const written = readFileSync(out, 'utf8');
    expect(written).not.toMatch(/forecast: series|\r/);
    expect(written.split('\n')).toHaveLength(1 + SERIES * 3 + 1);
  });

  it('rows streamed to the same terminal start on a clean line', () => {
    const screen = onTerminal(ARGS, noCi);
    expect(screen).toMatch(PROGRESS);
    // Every row (and the header) sits at the start of a line or right after a clear, never after progress text.
    for (const m of screen.matchAll(/forecast: series [^\r]*?(?=\r)/g)) expect(screen.slice(m.index + m[0].length, m.index + m[0].length + 5)).toBe('\r\u001b[2K');
    expect(screen.replace(/\r\u001b\[2K(forecast: series [^\r]*\r\u001b\[2K)?/g, '').replace(/\r\n/g, '\n')).toBe(piped().stdout);
  });

  it('stays off with CI set or --quiet on a terminal, and on a pipe', () => {
    expect(onTerminal(ARGS, { ...noCi, CI: 'true' })).not.toMatch(/forecast: series|\u001b\[2K/);
    expect(onTerminal([...ARGS, '--quiet'], noCi)).not.toMatch(/forecast: series|\u001b\[2K/);
    expect(piped().code).toBe(0);
    expect(piped().stderr).toBe('');
    expect(piped().stdout).not.toMatch(/forecast: series|\r/);
  });
});
