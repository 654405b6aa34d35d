// The Monte Carlo progress bar: on stderr, only for a terminal, only for long runs, never with --quiet.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { progressBar } from '../../src/cli/simulation-options.js';
import type { GlobalOptions } from '../../src/cli/context.js';
import { LONG_RUN_STEPS } from '../../src/domain/montecarlo.js';
import { BIN, ROOT, removeDir, semicapProcess, tempDir } from './run.js';

const g = (quiet = false): GlobalOptions => ({ format: 'table', excel: false, neutralise: true, color: false, debug: false, quiet });

function fakeStream(isTTY: boolean) {
  const written: string[] = [];
  return { stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream, written };
}

describe('progressBar', () => {
  it('draws on a terminal for a long run, each percent once, and clears its line at the end', () => {
    const { stream, written } = fakeStream(true);
    const bar = progressBar(g(), stream)!;
    const total = LONG_RUN_STEPS * 2;
    for (let done = 0; done <= total; done += total / 200) bar.update(done, total);
    bar.done();
    expect(written).toHaveLength(101 + 1);
    expect(written[50]).toBe(`\rsimulating [${'#'.repeat(15)}${' '.repeat(15)}]  50 %`);
    expect(written.at(-2)).toBe(`\rsimulating [${'#'.repeat(30)}] 100 %`);
    expect(written.at(-1)).toBe('\r\u001b[K');
  });

  it('draws nothing for a short run, for a pipe or file, or with --quiet', () => {
    const short = fakeStream(true);
    const bar = progressBar(g(), short.stream)!;
    bar.update(LONG_RUN_STEPS / 2, LONG_RUN_STEPS - 1);
    bar.done();
    expect(short.written).toEqual([]);
    expect(progressBar(g(), fakeStream(false).stream)).toBeUndefined();
    expect(progressBar(g(true), fakeStream(true).stream)).toBeUndefined();
  });

  it('never reaches a piped stderr or the output file of a long run', () => {
    const dir = tempDir();
    const out = join(dir, 'bands.csv');
    const r = semicapProcess(['scenario', 'base', '--series', 'china_wpm', '--simulate', '500000', '--seed', '1', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/simulating|\r/);
    expect(readFileSync(out, 'utf8')).not.toMatch(/simulating|\r/);
    removeDir(dir);
  });

  // util-linux `script` gives the child a terminal, so stderr is a TTY as for a person at a shell. The same long run
  // as above (500,000 paths over china_wpm's years, more than LONG_RUN_STEPS path-years): drawn here, so long enough.
  it('appears on a terminal stderr for a long run, and not in the --out file', () => {
    const dir = tempDir();
    const out = join(dir, 'bands.csv');
    const command = `${process.execPath} ${BIN} scenario base --series china_wpm --simulate 500000 --seed 1 --format csv --out ${out}`;
    // Without CI in the environment: with it set (as on a CI runner), progress stays off even on a terminal.
    const { CI: _ci, ...env } = process.env;
    const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...env, NO_COLOR: '1' } });
    if (r.error) throw new Error(`util-linux \`script\` (a pseudo-terminal) is needed: ${r.error.message}`);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/\rsimulating \[#+ *\] +\d+ %/);
    expect(r.stdout).toContain('\r\u001b[K');
    expect(readFileSync(out, 'utf8')).not.toMatch(/simulating/);
    removeDir(dir);
  });
});
