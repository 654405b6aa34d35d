// Colour: decided once from NO_COLOR, FORCE_COLOR, --no-color and whether stdout is a terminal. Files, CSV,
// JSON and Markdown never carry escape codes, whatever the environment says.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANSI, BIN, ROOT, removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-color-');
afterAll(() => removeDir(root));

const PROJECT = ['project', '--from', '2023=29%', '--to', '2027=39%', '--through', '2030'];
const COMMANDS = [PROJECT, ['capacity'], ['funds'], ['self-sufficiency'], ['datasets'], ['validate']];

describe('no colour when stdout is not a terminal', () => {
  for (const args of COMMANDS) {
    it(`${args[0]}: no escape codes on stdout or stderr`, async () => {
      const r = await semicap(args);
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(ANSI);
      expect(r.stderr).not.toMatch(ANSI);
    });
  }
});

describe('FORCE_COLOR', () => {
  it('FORCE_COLOR=1 colours the table output even into a pipe', async () => {
    const r = await semicap(PROJECT, { env: { FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(ANSI);
  });

  for (const format of ['csv', 'json', 'md']) {
    it(`never in --format ${format}`, async () => {
      const r = await semicap([...PROJECT, '--format', format], { env: { FORCE_COLOR: '3' } });
      expect(r.code).toBe(0);
      expect(r.stdout).not.toMatch(ANSI);
      expect(r.stderr).not.toMatch(ANSI);
    });
  }

  it('never in a file written with --out, even for the table format', async () => {
    const out = join(root, 'table.txt');
    const r = await semicap([...PROJECT, '--out', out], { env: { FORCE_COLOR: '1' } });
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).not.toMatch(ANSI);
    expect(readFileSync(out, 'utf8')).toMatch(/48\.70/);
  });

  it('NO_COLOR wins over FORCE_COLOR, and --no-color over both', async () => {
    expect((await semicap(PROJECT, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await semicap([...PROJECT, '--no-color'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
    expect((await semicap(['--no-color', ...PROJECT], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ANSI);
  });

  it('FORCE_COLOR=0 turns colour off', async () => {
    expect((await semicap(PROJECT, { env: { FORCE_COLOR: '0' } })).stdout).not.toMatch(ANSI);
  });
});

// A real terminal, through util-linux `script` (a pseudo-terminal): colour by default, none with NO_COLOR.
// Without `script` these tests fail: they are the only ones that see a terminal.

function inTerminal(args: string[], env: Record<string, string | undefined> = {}): { code: number | null; output: string } {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const full: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, TERM: 'xterm-256color', ...env };
  for (const k of Object.keys(full)) if (full[k] === undefined) delete full[k];
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: full, encoding: 'utf8', timeout: 60_000 });
  if (r.error) throw new Error(`util-linux \`script\` (a pseudo-terminal) is needed: ${r.error.message}`);
  return { code: r.status, output: r.stdout };
}

describe('in a terminal', () => {
  it('colours a table by default', () => {
    const r = inTerminal(PROJECT);
    expect(r.code).toBe(0);
    expect(r.output).toMatch(ANSI);
    expect(r.output).toMatch(/48\.70/);
  });

  it('NO_COLOR=1 and --no-color give none', () => {
    expect(inTerminal(PROJECT, { NO_COLOR: '1' }).output).not.toMatch(ANSI);
    expect(inTerminal([...PROJECT, '--no-color']).output).not.toMatch(ANSI);
  });

  it('CSV and JSON stay plain in a terminal', () => {
    expect(inTerminal([...PROJECT, '--format', 'csv']).output).not.toMatch(ANSI);
    expect(inTerminal([...PROJECT, '--format', 'json']).output).not.toMatch(ANSI);
  });
});
