// The GitHub Actions workflow of docs/ci.md, run step by step on this machine as a runner would: its job
// environment, its `run:` steps in order with `bash -e`, a failed step skipping the later ones unless they say
// `if: always()`, and $GITHUB_STEP_SUMMARY a file. `uses:` steps are GitHub's own and are skipped; `npm ci` is
// replaced by the build these tests already run on, and `npx semicap` runs the built CLI — or, in the runs that do
// not test the process, a step that is one `npx semicap ARGS` line runs in this process (launcher.test.ts shows the
// built CLI gives the same exit code and output). The Chinese runner is a real process: its locale is the process's.
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-workflow-');
afterAll(() => removeDir(root));

interface Step {
  name: string;
  run?: string;
  uses?: string;
  always: boolean;
}

/** The workflow's YAML block in docs/ci.md: job environment and steps (the small subset of YAML it uses). */
function parseWorkflow(): { env: Record<string, string>; steps: Step[]; yaml: string } {
  const doc = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
  const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1];
  const lines = yaml.split('\n');
  const env: Record<string, string> = {};
  const steps: Step[] = [];
  const value = (s: string) => s.replace(/\s+#.*$/, '').trim();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^ {4}env:/.test(line)) {
      for (i++; i < lines.length && /^ {6}\w/.test(lines[i]); i++) {
        const [k, ...v] = lines[i].trim().split(':');
        env[k] = value(v.join(':'));
      }
      i--;
      continue;
    }
    const item = /^ {6}- (.*)$/.exec(line);
    if (item) steps.push({ name: '', always: false });
    const step = steps.at(-1);
    const field = /^ {6}(?:- | {2})(\w[\w-]*):\s*(.*)$/.exec(line);
    if (!step || !field) continue;
    const [, key, rest] = field;
    if (key === 'name') step.name = value(rest);
    else if (key === 'uses') step.uses = value(rest);
    else if (key === 'if') step.always = value(rest) === 'always()';
    else if (key === 'run' && value(rest) === '|') {
      const body: string[] = [];
      for (i++; i < lines.length && (lines[i].startsWith('          ') || lines[i].trim() === ''); i++) body.push(lines[i].slice(10));
      i--;
      step.run = body.join('\n').trim();
    } else if (key === 'run') step.run = value(rest);
  }
  for (const s of steps) if (s.name === '') s.name = s.run ?? s.uses ?? '';
  return { env, steps, yaml };
}

interface StepResult {
  name: string;
  status: 'ran' | 'skipped';
  code?: number | null;
}

/** The arguments of a step that is one `npx semicap …` command without quotes or shell syntax; undefined otherwise. */
const semicapStep = (run: string) => (/^npx semicap( [^\n"'|&;<>$`\\()]*)?$/.test(run) ? run.split(/\s+/).slice(2) : undefined);

/**
 * Runs the workflow's steps in a copy of the project folder; `prepare` may break the data or add a config file.
 * `inProcess`: the `npx semicap` steps run in this process instead of as the built CLI.
 */
async function runWorkflow(name: string, outerEnv: NodeJS.ProcessEnv, prepare: (repo: string) => void = () => undefined, inProcess = false) {
  const repo = join(root, name);
  mkdirSync(join(repo, 'docs'), { recursive: true });
  cpSync(join(ROOT, 'datasets'), join(repo, 'datasets'), { recursive: true });
  cpSync(join(ROOT, 'docs', 'rules.example.csv'), join(repo, 'docs', 'rules.example.csv'));
  prepare(repo);
  // `npx semicap ARGS` → the built CLI.
  const shims = join(root, `${name}-bin`);
  mkdirSync(shims, { recursive: true });
  writeFileSync(join(shims, 'npx'), `#!/bin/sh\n[ "$1" = semicap ] || { echo "unexpected npx $1" >&2; exit 127; }\nshift\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(join(shims, 'npx'), 0o755);
  const summary = join(root, `${name}-summary.md`);
  writeFileSync(summary, '');
  const { env, steps } = parseWorkflow();
  const results: StepResult[] = [];
  let failed = false;
  for (const step of steps) {
    if (step.run === undefined || step.run === 'npm ci' || (failed && !step.always)) {
      results.push({ name: step.name, status: 'skipped' });
      continue;
    }
    const stepEnv = { ...outerEnv, ...env, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_STEP_SUMMARY: summary };
    const args = inProcess ? semicapStep(step.run) : undefined;
    const code = args
      ? (await semicap(args, { cwd: repo, env: stepEnv })).code
      : spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
          cwd: repo,
          env: { ...process.env, ...stepEnv, PATH: `${shims}:${process.env.PATH}` },
          encoding: 'utf8',
          timeout: 120_000,
        }).status;
    results.push({ name: step.name, status: 'ran', code });
    if (code !== 0) failed = true;
  }
  return { repo, summary: readFileSync(summary, 'utf8'), results, status: (n: string) => results.find((s) => s.name === n) };
}

describe('the workflow of docs/ci.md', () => {
  const { env, steps, yaml } = parseWorkflow();

  it('pins the language, declares its permissions, caches npm, always writes the job summary', () => {
    expect(env.LANG).toBe('C.UTF-8');
    expect(env.SEMICAP_LANG).toBe('en');
    expect(yaml).toMatch(/^permissions:\n {2}contents: read/m);
    expect(yaml).toMatch(/cache: npm/);
    const summary = steps.find((s) => s.run?.includes('GITHUB_STEP_SUMMARY'));
    expect(summary?.always).toBe(true);
    expect(steps.map((s) => s.name)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'npm ci', 'Report', 'Job summary', 'Upload the report folder', 'Gate']);
  });

  // The run on good data with the runner's own locale: checked by itself, and the one the Chinese run is compared with.
  let good: ReturnType<typeof runWorkflow> | undefined;
  const goodRun = () => (good ??= runWorkflow('good', {}, undefined, true));

  it('the semicap steps are single commands (the in-process runs below take them as such)', () => {
    expect(steps.filter((s) => s.run?.startsWith('npx semicap')).map((s) => semicapStep(s.run!)?.[0])).toEqual(['report', 'check']);
  });

  it('on good data every step passes and the summary holds the report', async () => {
    const run = await goodRun();
    expect(run.status('Report')).toEqual({ name: 'Report', status: 'ran', code: 0 });
    expect(run.status('Job summary')?.code).toBe(0);
    expect(run.status('Gate')?.code).toBe(0);
    expect(run.summary).toMatch(/^# semicap report\n/);
    expect(existsSync(join(run.repo, 'semicap-report', 'report.json'))).toBe(true);
  });

  it('on invalid data the report step fails (65), the summary is still written, the gate is skipped', async () => {
    const run = await runWorkflow('invalid', {}, (repo) => writeFileSync(join(repo, 'datasets', 'fx.csv'), 'year,currency\n2023,CNY\n'), true);
    expect(run.status('Report')?.code).toBe(65);
    expect(run.status('Job summary')).toEqual({ name: 'Job summary', status: 'ran', code: 0 });
    expect(run.status('Gate')?.status).toBe('skipped');
    expect(run.summary).toMatch(/^# semicap report\n/);
    expect(run.summary).toMatch(/fx\.csv/);
  });

  it('a Chinese runner locale and a committed config file asking for Chinese change no byte of report.json', async () => {
    const plain = await goodRun();
    // The built CLI, as the runner starts it: the locale is the process's own (Intl's default too).
    const chinese = await runWorkflow('chinese', { LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' }, (repo) => writeFileSync(join(repo, 'semicap.config.json'), '{"lang": "zh"}\n'));
    expect(chinese.status('Report')?.code).toBe(0);
    const bytes = (repo: string) => readFileSync(join(repo, 'semicap-report', 'report.json'));
    expect(bytes(chinese.repo).equals(bytes(plain.repo))).toBe(true);
    expect(chinese.summary).toBe(plain.summary);
  });
});
