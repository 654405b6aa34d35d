// Tables that fit: every command's output at 60, 80 and 120 columns (COLUMNS, stdout not a terminal) has no line
// wider than that, counting CJK characters two columns, in English and Chinese and with --chart; --wide prints
// every table at its full width; CSV, JSON and Markdown are never cut.
import { spawnSync } from 'node:child_process';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { outputColumns } from '../../src/cli/main.js';
import { columns } from '../helpers/columns.js';
import { BIN, ROOT, semicap } from './run.js';

/** One run of every command that prints tables (and the default, overview). */
const RUNS: string[][] = [
  [],
  ['project', '--from', '2023=29%', '--to', '2027=39%', '--through', '2030', '--target', '2030=50%'],
  ['capacity'],
  ['capacity', '--metric', 'wpm', '--region', 'smic', '--method', 'cagr,drift,auto', '--through', '2028'],
  ['funds'],
  ['self-sufficiency', '--method', 'ets,auto', '--through', '2030'],
  ['forecast', 'examples/history.csv', '--time', 'year', '--value', 'share'],
  ['forecast', 'docs/sunspots.example.csv', '--value', 'sunspots', '--explain'],
  ['backtest', 'examples/history.csv', '--value', 'share', '--method', 'naive,drift,theta,auto'],
  ['scenario'],
  ['scenario', '--simulate', '200', '--seed', '1'],
  ['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '15', '--simulate', '2000', '--seed', '1', '--rate-sd', '5'],
  ['goal', '--fund-total', '344', '--deployed', '164', '--from', '2025', '--to', '2034'],
  ['shares', '--segment', 'foundry', '--through', '2030'],
  ['claims'],
  ['revisions', '--chart'],
  ['datasets'],
  ['datasets', '--sources'],
  ['validate', 'examples/my-data/'],
  ['check', 'docs/rules.example.csv'],
  ['capacity', '--chart'],
];

// A line is at most two columns per UTF-16 unit wide (a wide character is one or two units, colour codes none):
// only lines that could be the widest are measured (string-width's count, helpers/columns.ts).
const widest = (text: string) => {
  let max = 0;
  let line = '';
  for (const l of text.split('\n')) {
    if (2 * l.length <= max) continue;
    const w = columns(l);
    if (w > max) [max, line] = [w, l];
  }
  return { width: max, line };
};

describe('every command fits the terminal', () => {
  for (const lang of ['en', 'zh']) {
    it(`at 60, 80 and 120 columns, --lang ${lang}: no line wider (CJK two columns)`, async () => {
      const failures: string[] = [];
      for (const args of RUNS) {
        for (const columns of [60, 80, 120]) {
          const r = await semicap([...args, '--lang', lang], { env: { COLUMNS: String(columns) } });
          const shown = `semicap ${args.join(' ')} --lang ${lang} at ${columns}`;
          // check fails a rule (1) by design; nothing else may fail.
          if (r.code !== 0 && !(r.code === 1 && args[0] === 'check')) failures.push(`${shown}: exit ${r.code}: ${r.stderr.split('\n')[0]}`);
          if (r.stdout.trim() === '') failures.push(`${shown}: nothing on stdout`);
          const w = widest(r.stdout);
          if (w.width > columns) failures.push(`${shown}: ${w.width} columns: ${w.line}`);
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);
  }
});

describe('--wide and the file formats', () => {
  it('--wide: every table at its full width, whatever the terminal', async () => {
    const narrow = await semicap(['capacity', '--wide'], { env: { COLUMNS: '60' } });
    const huge = await semicap(['capacity'], { env: { COLUMNS: '100000' } });
    expect(narrow.code).toBe(0);
    expect(narrow.stdout).toBe(huge.stdout);
    // The source repeated over each method, as the table has always been drawn.
    expect(narrow.stdout).toMatch(/^│ year │ trendforce_2023_10 │ trendforce_2023_10 │ trendforce_2023_10 │ trendforce_2023_12 │/m);
    expect(widest(narrow.stdout).width).toBeGreaterThan(200);
  });

  it('the terminal width decides the layout: fitted at 80 columns, the source once over its methods', async () => {
    const r = await semicap(['capacity'], { env: { COLUMNS: '80' } });
    const table = r.stdout.split('\n\n')[0];
    expect(table.match(/trendforce_2023_10/g)).toHaveLength(1);
    expect(table).toMatch(/│ year │ +cagr │ +linear │ +logistic │ +cagr │/);
  });

  it('without COLUMNS, a pipe gets 80 columns', async () => {
    const r = await semicap(['scenario'], { env: { COLUMNS: undefined } });
    expect(r.code).toBe(0);
    expect(widest(r.stdout).width).toBeLessThanOrEqual(80);
    expect(r.stdout).toBe((await semicap(['scenario'], { env: { COLUMNS: '80' } })).stdout);
  });

  for (const format of ['csv', 'json', 'md']) {
    it(`--format ${format} is never cut to the terminal`, async () => {
      const narrow = await semicap(['datasets', '--sources', '--format', format], { env: { COLUMNS: '60' } });
      const wide = await semicap(['datasets', '--sources', '--format', format], { env: { COLUMNS: '100000' } });
      expect(narrow.code).toBe(0);
      expect(narrow.stdout).toBe(wide.stdout);
      expect(widest(narrow.stdout).width).toBeGreaterThan(120);
    });
  }
});

describe('the width tables fit into', () => {
  const io = { stdout: async () => undefined, stderr: () => undefined, stderrIsTTY: false };
  it("is the terminal's when stdout is one, else COLUMNS, else 80", () => {
    expect(outputColumns({ ...io, stdoutIsTTY: true, stdoutColumns: 70, env: { COLUMNS: '200' } })).toBe(70);
    expect(outputColumns({ ...io, stdoutIsTTY: false, stdoutColumns: 70, env: { COLUMNS: '200' } })).toBe(200);
    expect(outputColumns({ ...io, stdoutIsTTY: false, env: {} })).toBe(80);
    expect(outputColumns({ ...io, stdoutIsTTY: false, env: { COLUMNS: 'wide' } })).toBe(80);
    expect(outputColumns({ ...io, stdoutIsTTY: true, stdoutColumns: 0, env: { COLUMNS: '100' } })).toBe(100);
  });

  it('on a real terminal 70 columns wide (util-linux script), capacity fits it', () => {
    const r = spawnSync('script', ['-qec', `stty cols 70; "${process.execPath}" "${BIN}" capacity --no-color`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, COLUMNS: '200' }, timeout: 60_000 });
    expect(r.error).toBeUndefined();
    expect(r.status).toBe(0);
    const lines = r.stdout.replace(/\r/g, '').split('\n');
    expect(lines.some((l) => l.startsWith('┌'))).toBe(true);
    // The terminal's 70 columns, not COLUMNS' 200 (nor the 80 of a pipe): the widest table fills most of them.
    const widestLine = Math.max(...lines.map((l) => stringWidth(l)));
    expect(widestLine).toBeLessThanOrEqual(70);
    expect(widestLine).toBeGreaterThan(60);
  });
});
