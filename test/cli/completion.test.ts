// Shell completion and the other habits of the CLI: completion scripts that load, suggestions for typos,
// --verbose diagnostics, --quiet, and help with examples for the new commands.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, HOME: root, XDG_CONFIG_HOME: undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };

function bash(script: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('semicap completion bash', async () => {
  const r = await semicap(['completion', 'bash'], { env: ENV });
  const file = join(root, 'semicap.bash');
  writeFileSync(file, r.stdout);

  it('prints a script that bash accepts (bash -n) and that registers `complete -F` for semicap', () => {
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const syntax = bash(`bash -n ${file}`);
    expect(syntax.code, syntax.stderr).toBe(0);
    const loaded = bash(`source ${file} && complete -p semicap`);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toBe('complete -o filenames -F _semicap_complete semicap\n');
  });

  const complete = (...words: string[]) => {
    const out = bash(`source ${file}; COMP_WORDS=(semicap ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _semicap_complete; printf '%s\\n' "\${COMPREPLY[@]}"`);
    expect(out.code, out.stderr).toBe(0);
    return out.stdout.split('\n').filter((l) => l !== '');
  };

  it('completes commands, options of the command typed, and the choices of an option', () => {
    expect(complete('re')).toEqual(['revisions', 'report']);
    expect(complete('rep')).toEqual(['report']);
    expect(complete('c')).toEqual(['capacity', 'claims', 'check', 'completion']);
    expect(complete('capacity', '--met')).toEqual(['--metric', '--method']);
    expect(complete('capacity', '--metric', '')).toEqual(['share', 'wpm']);
    expect(complete('project', '--format', '')).toEqual(['table', 'csv', 'json', 'md', 'xlsx']);
    expect(complete('--lang', '')).toEqual(['en', 'zh']);
    // Options of another command are not offered.
    expect(complete('funds', '--met')).toEqual([]);
  });
});

describe('semicap completion zsh|fish', () => {
  it('zsh: a #compdef function with every command and the choices of --format', async () => {
    const r = await semicap(['completion', 'zsh'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('#compdef semicap\n')).toBe(true);
    for (const c of ['overview', 'project', 'capacity', 'report', 'check', 'completion']) expect(r.stdout).toMatch(new RegExp(`^        '${c}:`, 'm'));
    expect(r.stdout).toContain(':value:(table csv json md xlsx)');
  });
  it('fish: complete lines per command and option', async () => {
    const r = await semicap(['completion', 'fish'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("complete -c semicap -n 'not __fish_seen_subcommand_from");
    expect(r.stdout).toContain("complete -c semicap -n '__fish_seen_subcommand_from capacity' -l metric -x -a 'share wpm'");
    // Every line is a complete command (no stray quotes): each has an even number of unescaped single quotes.
    for (const line of r.stdout.trim().split('\n').filter((l) => !l.startsWith('#'))) expect(line.replace(/\\'/g, '').split("'").length % 2, line).toBe(1);
  });
  it('an unknown shell is a usage error', async () => {
    const r = await semicap(['completion', 'powershell'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('semicap: completion needs a shell: bash, zsh, fish (e.g. source <(semicap completion bash))\n');
  });
});

describe('habits', () => {
  it('suggests the command or option meant (exit 2)', async () => {
    const cmd = await semicap(['capacty'], { env: ENV });
    expect(cmd.code).toBe(2);
    expect(cmd.stderr).toBe("semicap: unknown command 'capacty'\n(Did you mean capacity?)\n");
    const opt = await semicap(['capacity', '--formt', 'csv'], { env: ENV });
    expect(opt.code).toBe(2);
    expect(opt.stderr).toBe("semicap: unknown option '--formt'\n(Did you mean --format?)\n");
  });

  it('--help of the new commands leads with real examples', async () => {
    for (const [cmd, example] of [
      ['report', '$ semicap report --out report/'],
      ['check', '$ semicap check docs/rules.example.csv'],
      ['completion', '$ source <(semicap completion bash)'],
    ]) {
      const r = await semicap([cmd, '--help'], { env: ENV });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(example);
    }
    expect((await semicap(['project', '--help'], { env: ENV })).stdout).toContain('--chart-out <file.svg>');
  });

  it('--verbose: settings and their origins on stderr, stdout unchanged', async () => {
    const plain = await semicap(['funds', '--format', 'csv'], { env: ENV });
    const verbose = await semicap(['funds', '--format', 'csv', '--verbose'], { env: ENV });
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toBe(plain.stdout);
    expect(verbose.stderr).toContain('semicap: config files: none\n');
    expect(verbose.stderr).toContain('semicap: format=csv (flag), data=bundled (default), lang=en (locale), color=true (default), ascii=false (default)\n');
    expect(verbose.stderr).toMatch(/semicap: done in \d+ ms\n$/);
  });

  it('--quiet: no messages on stderr, not even for written files', async () => {
    const out = join(root, 'q.svg');
    const r = await semicap(['project', '--from', '2023=29%', '--to', '2027=39%', '--chart-out', out, '--out', join(root, 'q.csv'), '--format', 'csv', '--quiet'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});

describe('progress', () => {
  it('writes to a terminal only, rewriting one line, and clears it at the end', () => {
    const written: string[] = [];
    const p = createProgress(2, { isTTY: true, write: (t) => written.push(t), columns: 80 });
    p.step('capacity');
    p.step('funds');
    p.done();
    expect(written).toEqual(['\r\u001b[2K[1/2] capacity', '\r\u001b[2K[2/2] funds', '\r\u001b[2K']);
  });
  it('is silent in a pipe or with --quiet', () => {
    const written: string[] = [];
    for (const p of [createProgress(2, { isTTY: false, write: (t) => written.push(t) }), createProgress(2, { isTTY: true, write: (t) => written.push(t) }, true)]) {
      p.step('x');
      p.done();
    }
    expect(written).toEqual([]);
  });
  it('a report in a pipe has no progress on stderr', async () => {
    const r = await semicap(['report', '--out', join(root, 'rep')], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });
});
