// Every input opened the same way: regular files up to 16 MB; `-` is standard input where a command takes a
// file (read asynchronously: Ctrl-C works while it waits); a FIFO, socket or device given by name is refused at
// once. And inputs are sacred: --out is checked against every file a run reads, by path and by device and inode.
import { spawn, spawnSync } from 'node:child_process';
import { linkSync, mkdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, copyDatasets, removeDir, semicap, semicapProcess, signalWhenCaught, snapshot, tempDir } from './run.js';
import { signalWhenWaiting } from './signal-waiting.js';

const root = tempDir('semicap-inputs-');
afterAll(() => removeDir(root));

const RULES = join(ROOT, 'docs', 'rules.example.csv');

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  stdout: string;
  ms: number;
}

/**
 * Runs the CLI with a guard: if it has not ended after `signalAfter` ms it gets SIGTERM (then, 5 s later, SIGKILL).
 * A run that refuses its input ends by itself well before; a run that hangs ends with 143 only if it handles the
 * signal, and with SIGKILL (a failure) if it does not.
 */
function guarded(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; stdin?: 'pipe' | 'ignore'; signal?: NodeJS.Signals; signalAfter?: number; whenWaiting?: boolean } = {}): Promise<Ended> {
  const started = Date.now();
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, ...options.env }, stdio: [options.stdin ?? 'ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    // The signal goes once semicap has its handlers (after `signalAfter` ms at the earliest), or with `whenWaiting`
    // as soon as it waits on its standard input.
    if (options.whenWaiting) signalWhenWaiting(child, options.signal ?? 'SIGTERM');
    const soft = options.whenWaiting ? undefined : setTimeout(() => signalWhenCaught(child, options.signal ?? 'SIGTERM'), options.signalAfter ?? 4000);
    const hard = setTimeout(() => child.kill('SIGKILL'), (options.signalAfter ?? 4000) + 5000);
    child.on('close', (code, signal) => {
      clearTimeout(soft);
      clearTimeout(hard);
      done({ code, signal, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/** A folder with a FIFO (no writer) named `name`. */
function fifo(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  rmSync(path, { force: true });
  expect(spawnSync('mkfifo', [path]).status).toBe(0);
  return path;
}

describe('a FIFO with no writer, wherever an input is named: refused at once (exit 66), never a hang', () => {
  const data = copyDatasets(root, 'fifo-data');
  const fifoDataset = fifo(data, 'capacity_share.csv');
  const pipes = join(root, 'pipes');
  const cases: [string, string[], () => { cwd?: string; env?: NodeJS.ProcessEnv }][] = [
    ['validate DIR', ['validate', data], () => ({})],
    ['validate FILE', ['validate', fifoDataset], () => ({})],
    ['--data', ['capacity', '--data', data], () => ({})],
    ['check RULES', ['check', fifo(pipes, 'rules.csv')], () => ({})],
    ['scenario --file', ['scenario', '--file', fifo(pipes, 'scenarios.csv')], () => ({})],
    ['the project config file', ['funds'], () => {
      const cwd = join(root, 'cfg-project');
      fifo(cwd, 'semicap.config.json');
      return { cwd };
    }],
    ['the user config file', ['funds'], () => {
      const home = join(root, 'cfg-user');
      fifo(join(home, 'semicap'), 'config.json');
      return { env: { XDG_CONFIG_HOME: home } };
    }],
  ];
  for (const [name, args, setup] of cases) {
    it(name, async () => {
      const r = await guarded(args, setup());
      expect(r.signal).toBeNull();
      expect(r.code).toBe(66);
      expect(r.ms).toBeLessThan(4000);
      expect(r.stderr).toMatch(/^semicap: .*: is a pipe \(FIFO\); expected a .* as a regular file/);
      expect(r.stderr.split('\n')).toHaveLength(2);
    });
  }
});

describe('devices and endless files', () => {
  // In this process: a device is refused before any read, so there is no wait that a child process would have to bound.
  it('/dev/zero as a dataset (a link in --data) and as a rules file: refused at once', async () => {
    const data = copyDatasets(root, 'zero-data');
    rmSync(join(data, 'funds.csv'));
    symlinkSync('/dev/zero', join(data, 'funds.csv'));
    for (const args of [['validate', data], ['funds', '--data', data], ['check', '/dev/zero'], ['scenario', '--file', '/dev/zero']]) {
      const started = Date.now();
      const r = await semicap(args);
      expect(r.code).toBe(66);
      expect(r.stderr).toMatch(/is a character device; expected/);
      expect(Date.now() - started).toBeLessThan(4000);
    }
  });

  it('a file over 16 MB is exit 65 naming the file and the limit, without reading it', async () => {
    const big = join(root, 'big-rules.csv');
    writeFileSync(big, 'rule,metric,selector,op,value,unit\n');
    truncateSync(big, 16 * 1024 * 1024 + 1);
    const r = await semicap(['check', big]);
    expect(r.code).toBe(65);
    expect(r.stderr).toBe(`semicap: ${big}: larger than 16 MB, the limit for a rules file\n`);
    const data = copyDatasets(root, 'big-data');
    truncateSync(join(data, 'capacity.csv'), 17 * 1024 * 1024);
    const v = await semicap(['validate', data]);
    expect(v.code).toBe(65);
    expect(v.stderr).toMatch(/capacity\.csv: larger than 16 MB, the limit for a CSV file/);
  });
});

describe("'-' is standard input", () => {
  it('check - < rules.csv gives what check rules.csv gives', async () => {
    const byName = await semicap(['check', RULES, '--format', 'csv']);
    const piped = semicapProcess(['check', '-', '--format', 'csv'], { input: readFileSync(RULES, 'utf8') });
    expect(byName.code).toBe(0);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(byName.stdout);
  });

  it('scenario --file - reads the scenarios from standard input', async () => {
    const file = join(ROOT, 'datasets', 'scenarios.csv');
    const byName = await semicap(['scenario', '--file', file, '--format', 'csv']);
    const piped = semicapProcess(['scenario', '--file', '-', '--format', 'csv'], { input: readFileSync(file, 'utf8') });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(byName.stdout);
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`a silent pipe on stdin: ${signal} ends the wait with ${code}`, async () => {
      const r = await guarded(['check', '-'], { stdin: 'pipe', signal, whenWaiting: true });
      expect(r.signal).toBeNull();
      expect(r.code).toBe(code);
      expect(r.stderr).not.toMatch(/Error|\n\s+at /);
    });
  }
});

describe('inputs are never overwritten: by path, symbolic link, hard link or bind mount', () => {
  const data = copyDatasets(root, 'sacred');
  const hard = join(root, 'hard-funds.csv');
  linkSync(join(data, 'funds.csv'), hard);
  const soft = join(root, 'soft-fx.csv');
  symlinkSync(join(data, 'fx.csv'), soft);

  for (const [name, out] of [
    ['a hard link', hard],
    ['a symbolic link', soft],
    ['the path itself', join(data, 'sources.csv')],
  ] as const) {
    it(`${name} of a dataset as --out: exit 2, the dataset unchanged`, async () => {
      const before = snapshot(data);
      const r = await semicap(['funds', '--data', data, '--format', 'csv', '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`semicap: --out ${out} is also an input of this run; choose another output file\n`);
      expect(snapshot(data)).toEqual(before);
    });
  }

  it('the config file that was read as --out: exit 2, unchanged', async () => {
    const cwd = join(root, 'with-config');
    mkdirSync(cwd, { recursive: true });
    writeFileSync(join(cwd, 'semicap.config.json'), '{"lang": "en"}\n');
    const r = await semicap(['funds', '--out', 'semicap.config.json'], { cwd });
    expect(r.code).toBe(2);
    expect(readFileSync(join(cwd, 'semicap.config.json'), 'utf8')).toBe('{"lang": "en"}\n');
  });

  it('the rules file of check as --out or --chart-out: exit 2', async () => {
    const rules = join(root, 'rules.csv');
    writeFileSync(rules, readFileSync(RULES));
    expect((await semicap(['check', rules, '--out', rules])).code).toBe(2);
    expect(readFileSync(rules).equals(readFileSync(RULES))).toBe(true);
  });

  it("check - < rules.csv --out rules.csv: the file standard input comes from is an input too", () => {
    const rules = join(root, 'stdin-rules.csv');
    writeFileSync(rules, readFileSync(RULES));
    const r = spawnSync('sh', ['-c', `'${process.execPath}' '${BIN}' check - --format csv --out '${rules}' < '${rules}'`], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/is also an input of this run/);
    expect(readFileSync(rules).equals(readFileSync(RULES))).toBe(true);
  });

  it('report --out a folder that holds the --data datasets: refused, nothing changed', async () => {
    const dir = join(root, 'report-holds-data');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.json'), '{}\n');
    const inner = copyDatasets(dir, 'data');
    const before = snapshot(dir);
    const r = await semicap(['report', '--out', dir, '--data', inner]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/holds an input of this run/);
    expect(snapshot(dir)).toEqual(before);
  });

  // A bind mount shows the same file under another path with the same device and inode: needs root.
  const mountPoint = join(root, 'bind');
  mkdirSync(mountPoint, { recursive: true });
  const bound = process.platform === 'linux' && spawnSync('mount', ['--bind', data, mountPoint]).status === 0;
  afterAll(() => {
    if (bound) spawnSync('umount', [mountPoint]);
  });
  it.skipIf(!bound)('a dataset reached through a bind mount as --out: exit 2, unchanged', async () => {
    const before = snapshot(data);
    const r = await semicap(['funds', '--data', data, '--format', 'csv', '--out', join(mountPoint, 'funds.csv')]);
    expect(r.code).toBe(2);
    expect(snapshot(data)).toEqual(before);
  });
});

describe('--data is honoured or refused by every command', () => {
  const nowhere = join(root, 'no-such-folder');
  for (const args of [
    ['overview'],
    ['capacity'],
    ['funds'],
    ['self-sufficiency'],
    ['datasets'],
    ['validate'],
    ['scenario'],
    ['shares'],
    ['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '5'],
    ['check', RULES],
    ['report', '--out', join(root, 'r-nowhere')],
  ]) {
    it(`${args[0]} --data <missing>: exit 66`, async () => {
      const r = await semicap([...args, '--data', nowhere]);
      expect(r.code).toBe(66);
      expect(r.stderr).toMatch(new RegExp(`^semicap: ${nowhere}: no such (file or )?folder`));
    });
  }
  it('commands that read no datasets refuse --data (exit 2)', async () => {
    for (const args of [['project', '--from', '2023=29%', '--to', '2027=39%'], ['forecast', RULES]]) {
      const r = await semicap([...args, '--data', nowhere]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/unknown option '--data'/);
    }
  });
});
