// Every example a user is shown runs as written from the project folder: the `Examples:` lines of every
// command's --help (and of the top-level help) and the command lines of README.md (the `semicap …` lines of its
// sh/text blocks and the examples column of its Commands table). Each runs in a temporary copy of the folders
// the examples name (examples/, datasets/, docs/), so files they write (--out, --chart-out, report/) leave the
// tree clean. A plain command runs in-process, and so does a line of `&&`-joined commands whose semicap parts at
// most redirect stdout to a file (`> FILE`, `>> FILE`), pipe it into commands without semicap (`| node … | head`)
// or are sourced (`source <(semicap …)`): the test writes the file or hands the output to bash, and other parts
// (`cat …`) run under bash. Any other line runs under bash with `semicap` on PATH as the built CLI, and `set -o
// pipefail` so a failing semicap shows. A semicap command already run (the same words in the same folder and
// environment, as the help and the README often show) is not run again: its result stands.
import { spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { BIN, ROOT, removeDir, semicap, tempDir, type Run } from '../cli/run.js';

interface Example {
  where: string;
  line: string;
}

/** Examples that are not run, each with the reason: they need tools or files made by other tools. */
const NOT_RUN: Record<string, string> = {
  'source <(semicap completion zsh)': 'zsh syntax, meant for ~/.zshrc; zsh is not what the test runs (`completion zsh` itself is tested in test/cli)',
  'npx semicap forecast bench/data/many.csv.gz --id id --method theta --format csv --out bench/data/all.csv':
    'needs bench/data/many.csv.gz, which the line before it in the README makes with `npx tsx bench/gen-long-csv.ts` and gzip',
  'parallel npx semicap forecast bench/data/many.csv.gz --id id --method theta --format csv --shard {}/4 --out bench/data/shard-{}.csv ::: 0 1 2 3':
    'needs GNU parallel and the generated bench/data/many.csv.gz',
  'gzip -dc bench/data/many.csv.gz | npx semicap forecast - --id id --method theta --format csv --shard 1/4 | head -3':
    'needs gzip and the generated bench/data/many.csv.gz',
};

/** An example line without its prompt and the description or `# comment` after two or more spaces. */
const command = (text: string) => text.replace(/^\$\s+/, '').replace(/\s{2,}.*$/, '').trim();

/** The lines of the `Examples:` section of a help text. */
function helpExamples(help: string): string[] {
  const section = help.split(/^Examples:\n/m)[1] ?? '';
  const lines: string[] = [];
  for (const l of section.split('\n')) {
    if (!/^\s+\$ /.test(l)) break;
    lines.push(command(l.trim()));
  }
  return lines;
}

/** The command lines of README.md: `semicap` lines of sh/text blocks, and the Commands table's examples column. */
function readmeExamples(): Example[] {
  const text = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n');
  const found: Example[] = [];
  let block: string | undefined;
  text.forEach((l, i) => {
    const fence = /^```(\w*)/.exec(l);
    if (fence) {
      block = block === undefined ? fence[1] : undefined;
      return;
    }
    const where = `README.md:${i + 1}`;
    if (block === 'sh' && /\bsemicap\b/.test(l)) found.push({ where, line: command(l) });
    else if (block === 'text' && /^\$ (npx )?semicap\b/.test(l)) found.push({ where, line: command(l) });
    else if (block === undefined && l.startsWith('| ')) {
      const cells = l.split(/(?<!\\)\|/);
      const last = cells[cells.length - 2]?.trim() ?? '';
      if (/^`semicap[ `]/.test(last)) found.push({ where, line: last.replace(/^`|`$/g, '').replace(/\\\|/g, '|') });
    }
  });
  return found;
}

/** The command names of the program, from the program itself. */
function commandNames(): string[] {
  const program: Command = buildProgram({ stdout: async () => undefined, stderr: () => undefined, stdoutIsTTY: false, stderrIsTTY: false, env: {} }, async () => undefined);
  return program.commands.map((c) => c.name());
}

/** Splits a command line as the shell would (quotes, no expansions); undefined when it needs a shell. */
function words(line: string): string[] | undefined {
  if (/[|<>&;`$()~]/.test(line.replace(/"[^"]*"|'[^']*'/g, ''))) return undefined;
  return [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]);
}

/** `check` and `claims --fail-on` are gates: exit 1 is their answer, not a failure. */
const gate = (line: string) => /semicap check\b/.test(line) || (/semicap claims\b/.test(line) && line.includes('--fail-on'));

let dir = '';
let bin = '';

beforeAll(() => {
  dir = tempDir('semicap-examples-');
  for (const name of ['examples', 'datasets', 'docs']) cpSync(join(ROOT, name), join(dir, 'project', name), { recursive: true });
  bin = join(dir, 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'semicap'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(join(bin, 'semicap'), 0o755);
  mkdirSync(join(dir, 'home', '.config', 'fish', 'completions'), { recursive: true });
});

afterAll(() => removeDir(dir));

/** One part of a line the test runs itself: semicap's words and where its stdout goes, or a command for bash. */
type Part = { semicap: string[]; redirect?: { append: boolean; file: string }; into?: string } | { bash: string };

/** Splits at `&&` outside quotes. */
const andParts = (line: string) => line.split(/&&(?=(?:[^"']|"[^"]*"|'[^']*')*$)/).map((p) => p.trim());

/**
 * The parts of a line the test can run without a shell: `&&`-joined commands, each `semicap ARGS`, `semicap ARGS >
 * FILE`, `semicap ARGS >> FILE`, `semicap ARGS | COMMANDS`, `source <(semicap ARGS)`, or a command that does not name
 * semicap (run by bash). Undefined for anything else.
 */
function simpleParts(line: string): Part[] | undefined {
  const parts: Part[] = [];
  for (const text of andParts(line.replace(/^npx /, '').replace(/(&&|\|) npx semicap\b/g, '$1 semicap'))) {
    // semicap's output read by bash: through a pipe (the commands after it name no semicap), or sourced.
    const piped = /^(semicap [^|"']*?)\s*\|\s*(.+)$/.exec(text) ?? /^source <\((semicap [^)]*)\)()$/.exec(text);
    const pipedArgv = piped ? words(piped[1]) : undefined;
    if (piped && pipedArgv && !/\bsemicap\b/.test(piped[2])) {
      parts.push({ semicap: pipedArgv.slice(1), into: piped[2] || 'source <(cat)' });
      continue;
    }
    const redirect = /^(.*?)\s+(>>?)\s*("[^"]*"|[^\s"'<>|&;]+)$/.exec(text);
    const argv = words(redirect ? redirect[1] : text);
    if (argv?.[0] === 'semicap') {
      parts.push({ semicap: argv.slice(1), redirect: redirect ? { append: redirect[2] === '>>', file: redirect[3].replace(/^"|"$/g, '') } : undefined });
    } else if (/\bsemicap\b/.test(text)) return undefined;
    else parts.push({ bash: text });
  }
  return parts.length > 0 ? parts : undefined;
}

/** A redirection's file as bash would open it: `$NAME` from the environment, `~/` in HOME, else from the folder. */
function redirectTarget(file: string, cwd: string, env: Record<string, string>): string {
  const path = file.replace(/^\$(\w+)$/, (_, name: string) => env[name] ?? process.env[name] ?? '').replace(/^~\//, `${env.HOME}/`);
  return isAbsolute(path) ? path : join(cwd, path);
}

/** Runs of semicap in this process, by their words (every example runs in the same folder and environment). */
const runs = new Map<string, Promise<Run>>();

async function runExample(line: string) {
  const cwd = join(dir, 'project');
  const env = { HOME: join(dir, 'home'), GITHUB_STEP_SUMMARY: join(dir, 'step-summary.md'), COLUMNS: '120' };
  const bashEnv = { ...process.env, NO_COLOR: '1', ...env, PATH: `${bin}:${process.env.PATH}` };
  const parts = simpleParts(line);
  if (parts) {
    const result: Run = { code: 0, stdout: '', stderr: '' };
    for (const part of parts) {
      let r: Run;
      if ('bash' in part) {
        const b = spawnSync('bash', ['-c', part.bash], { cwd, env: bashEnv, encoding: 'utf8', timeout: 120_000 });
        r = { code: b.status, stdout: b.stdout, stderr: b.stderr };
      } else {
        const key = JSON.stringify(part.semicap);
        if (!runs.has(key)) runs.set(key, semicap(part.semicap, { cwd, env }));
        r = await runs.get(key)!;
        if (part.redirect) {
          const file = redirectTarget(part.redirect.file, cwd, env);
          if (part.redirect.append) appendFileSync(file, r.stdout);
          else writeFileSync(file, r.stdout);
          r = { ...r, stdout: '' };
        } else if (part.into !== undefined) {
          // As `set -o pipefail` would: the commands' own failure, else semicap's.
          const b = spawnSync('bash', ['-c', `set -o pipefail\n${part.into}`], { cwd, env: bashEnv, input: r.stdout, encoding: 'utf8', timeout: 120_000 });
          r = { code: b.status !== 0 ? b.status : r.code, stdout: b.stdout, stderr: r.stderr + b.stderr };
        }
      }
      result.code = r.code;
      result.stdout += r.stdout;
      result.stderr += r.stderr;
      if (r.code !== 0) break;
    }
    return result;
  }
  const r = spawnSync('bash', ['-c', `set -o pipefail\n${line.replace(/\bnpx semicap\b/g, 'semicap')}`], {
    cwd,
    env: bashEnv,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The lines on stderr that report a failure (warnings, notes and "wrote FILE" lines are not). */
const errorLines = (stderr: string) => stderr.split('\n').filter((l) => /^semicap: /.test(l) && /internal error|cannot|not found|no such|expected|unknown|invalid|needs /i.test(l) && !/^semicap: (warning|note):/.test(l));

const helps: Example[] = [];
const names = commandNames();
describe('every example of --help and README.md runs as written', () => {
  it('finds the examples of every command', async () => {
    for (const name of ['', ...names]) {
      const r = await semicap(name ? [name, '--help'] : ['--help']);
      expect(r.code, `semicap ${name} --help`).toBe(0);
      for (const line of helpExamples(r.stdout)) helps.push({ where: `semicap ${name} --help`.replace('  ', ' '), line });
    }
    // Every command (but help) shows examples, and the README's are found too: a change of layout must not turn this off.
    const withExamples = new Set(helps.map((e) => e.where));
    expect(names.filter((n) => n !== 'help' && !withExamples.has(`semicap ${n} --help`))).toEqual([]);
    expect(helps.length).toBeGreaterThanOrEqual(50);
    expect(readmeExamples().length).toBeGreaterThanOrEqual(20);
  });

  it('runs each one: exit 0 (0 or 1 for a check or claims gate), no error on stderr', async () => {
    const all = [...helps, ...readmeExamples()];
    const failures: string[] = [];
    const seen = new Set<string>();
    for (const { where, line } of all) {
      if (line in NOT_RUN || seen.has(line)) continue;
      seen.add(line);
      const r = await runExample(line);
      const ok = gate(line) ? r.code === 0 || r.code === 1 : r.code === 0;
      const errors = errorLines(r.stderr);
      if (!ok || errors.length > 0) failures.push(`${where}: ${line}\n  exit ${r.code}\n  ${r.stderr.trim().split('\n').slice(0, 3).join('\n  ')}`);
    }
    expect(failures).toEqual([]);
    expect(seen.size).toBeGreaterThanOrEqual(50);
  }, 600_000);

  it('excludes only examples that exist, each with a reason', () => {
    const lines = new Set([...helps, ...readmeExamples()].map((e) => e.line));
    for (const [line, reason] of Object.entries(NOT_RUN)) {
      expect(lines.has(line), line).toBe(true);
      expect(reason.length).toBeGreaterThan(10);
    }
  });
});
