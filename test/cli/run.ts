// Runs the CLI for the end-to-end tests. `semicap()` runs `run(argv, io)` of src/cli/main.ts in the test
// process with a captured Io (fast: no Node start-up per run); `semicapProcess()` and `semicapAsync()` start
// the built CLI (bin/semicap.js → dist/) as a child process, for what only a real process shows: exit codes
// of the launcher, pipes, signals, terminals, start-up, worker threads.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/main.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/semicap.js', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
}

/** The environment a run sees: the test's own, less colour settings, plus the test's additions (undefined removes). */
function runEnv(extra: NodeJS.ProcessEnv | undefined, own: NodeJS.ProcessEnv = { ...process.env }): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...own, NO_COLOR: undefined, FORCE_COLOR: undefined, ...extra };
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env;
}

/**
 * Makes process.env hold exactly `env` (the CLI reads process.env beside io.env: config, locale, COLUMNS), given
 * `now`, a copy of what it holds: only the variables that differ are written (each write of process.env is a
 * setenv, and a run usually changes none or a few).
 */
function setProcessEnv(env: NodeJS.ProcessEnv, now: NodeJS.ProcessEnv): void {
  for (const k of Object.keys(now)) if (!(k in env)) delete process.env[k];
  for (const [k, v] of Object.entries(env)) if (v !== undefined && now[k] !== v) process.env[k] = v;
}

// Runs in one test process are serialised: each sets the process's environment and working folder.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the CLI in this process, as the child `semicapProcess` would run it: same arguments, environment and
 * working folder (vitest's forks pool allows process.chdir), stdout and stderr not terminals. Resolves with
 * the exit code and everything written.
 */
export function semicap(args: string[], options: RunOptions = {}): Promise<Run> {
  const result = queue.then(() => runInProcess(args, options));
  queue = result.catch(() => undefined);
  return result;
}

async function runInProcess(args: string[], options: RunOptions): Promise<Run> {
  if (options.input) throw new Error('the CLI reads no standard input in-process; use semicapProcess for input');
  const own = { ...process.env };
  const env = runEnv(options.env, own);
  const saved = { env: own, cwd: process.cwd(), exitCode: process.exitCode };
  let stdout = '';
  let stderr = '';
  setProcessEnv(env, own);
  process.chdir(options.cwd ?? ROOT);
  try {
    const code = await run(args, {
      stdout: async (text) => void (stdout += text),
      stderr: (text) => void (stderr += text),
      stdoutIsTTY: false,
      stderrIsTTY: false,
      env,
    });
    return { code, stdout, stderr };
  } finally {
    process.chdir(saved.cwd);
    setProcessEnv(saved.env, { ...process.env });
    process.exitCode = saved.exitCode;
  }
}

/** Runs the built CLI as a child process and waits for it. */
export function semicapProcess(args: string[], options: RunOptions = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: runEnv(options.env), input: options.input ?? '', encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

// ---- helpers for the end-to-end tests (test/cli/*.test.ts) ----
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';

export const DATASETS = join(ROOT, 'datasets');

/** A fresh temporary folder (removed by the OS's tmp cleaning; tests remove theirs in afterAll). */
export function tempDir(prefix = 'semicap-e2e-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A writable copy of the bundled datasets in a new temporary folder; returns the copy's path. */
export function copyDatasets(into: string = tempDir(), name = 'data'): string {
  const dir = join(into, name);
  cpSync(DATASETS, dir, { recursive: true });
  return dir;
}

/** Every file in a folder with a SHA-256 of its bytes, to show that a failed run changed nothing. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of (readdirSync(dir, { recursive: true }) as string[]).sort()) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, name));
    } catch {
      files.set(name, '(folder or unreadable)');
      continue;
    }
    files.set(name, createHash('sha256').update(bytes).digest('hex'));
  }
  return files;
}

export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

// eslint-disable-next-line no-control-regex
export const ANSI = /\u001b\[[0-9;]*m/;

export interface AsyncRun extends Run {
  signal: NodeJS.Signals | null;
}

/**
 * Starts the built CLI without waiting: `onStart(child)` may send signals or close stdout early.
 * Resolves when the process has exited, with everything it wrote.
 */
export function semicapAsync(
  args: string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; onStart?: (child: ReturnType<typeof spawn>) => void } = {},
): Promise<AsyncRun> {
  const env = runEnv(options.env);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stdout.on('error', () => undefined);
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.on('error', fail);
    child.on('close', (code, signal) => done({ code, signal, stdout, stderr }));
    options.onStart?.(child);
  });
}

/**
 * Sends `signal` as soon as the process has its handlers (the SigCgt mask of /proc/PID/status), not after a
 * guessed delay: on a loaded machine start-up alone can take longer than any fixed delay. The bits of SIGHUP and
 * SIGQUIT are watched: Node itself catches SIGINT and SIGTERM from its first moment, semicap adds SIGHUP and SIGQUIT
 * with its own handlers, one after the other (a read between the two would send SIGQUIT before its handler exists).
 * `delay` ms more after that lets the run get as far as its first wait (on a FIFO, say).
 */
export function signalWhenCaught(child: ReturnType<typeof spawn>, signal: NodeJS.Signals, delay = 0): void {
  const bits = (1n << BigInt(constants.signals.SIGHUP - 1)) | (1n << BigInt(constants.signals.SIGQUIT - 1));
  const poll = setInterval(() => {
    let caught = 0n;
    try {
      caught = BigInt('0x' + /SigCgt:\s*([0-9a-f]+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))![1]);
    } catch {
      return;
    }
    if ((caught & bits) !== bits) return;
    clearInterval(poll);
    if (delay > 0) setTimeout(() => child.kill(signal), delay);
    else child.kill(signal);
  }, 5);
  child.on('close', () => clearInterval(poll));
}
