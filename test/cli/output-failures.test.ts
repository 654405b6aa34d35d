// One rule for every output failure: a full disk, an I/O error or a file too large on stdout or --out is exit 74
// with one line on stderr and no stack trace, and leaves no partial --out file (a redirect to a regular file is cut
// back); a stderr that cannot be written never changes the exit code; a reader that goes away stays quiet.
// A small full tmpfs is used where the machine allows mounting one (root), /dev/full otherwise.
// Redirections of stdout and stderr need a real process (a shell runs the built CLI); --out runs in-process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-outfail-');

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
/** Runs the CLI through a shell so that redirections (`> /dev/full`, `2> file`) apply to it. */
function shell(args: string[], redirect: string, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync('sh', ['-c', `${[process.execPath, BIN, ...args].map(quote).join(' ')} ${redirect}`], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const PROJECT = ['project', '--from', '2023=29%', '--to', '2027=39%'];
const STACK = /\n\s+at |Error:|node:internal/;

/** A 256 kB tmpfs, mounted when this process may mount (root in a container that allows it); undefined otherwise. */
function mountSmallTmpfs(): string | undefined {
  const dir = join(root, 'tmpfs');
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir], { encoding: 'utf8' });
  return r.status === 0 ? dir : undefined;
}
const tmpfs = process.platform === 'linux' ? mountSmallTmpfs() : undefined;

afterAll(() => {
  if (tmpfs) spawnSync('umount', [tmpfs]);
  removeDir(root);
});

/** Fills the tmpfs up to the last few bytes. */
function fill(dir: string): void {
  const free = () => {
    const r = spawnSync('df', ['-B1', '--output=avail', dir], { encoding: 'utf8' });
    return Number(r.stdout.trim().split('\n').pop());
  };
  writeFileSync(join(dir, 'filler'), Buffer.alloc(Math.max(0, free() - 1024)));
  // Whatever is left in part-used blocks goes too.
  for (let i = 0; i < 64 && free() > 0; i++) writeFileSync(join(dir, `filler-${i}`), Buffer.alloc(Math.max(1, free())));
}

describe('stdout on a full device', () => {
  for (const args of [PROJECT, [...PROJECT, '--format', 'json'], ['funds', '--format', 'csv'], ['validate'], ['datasets', '--sources', '--format', 'md']]) {
    it(`${args.join(' ')} > /dev/full: exit 74, one line, no stack`, () => {
      const r = shell(args, '> /dev/full');
      expect(r.code).toBe(74);
      expect(r.stderr).toBe('semicap: cannot write to standard output (no space left on the device)\n');
    });
  }

  it('--help and --version on a full stdout are exit 74 too', () => {
    expect(shell(['--help'], '> /dev/full').code).toBe(74);
    expect(shell(['--version'], '> /dev/full').code).toBe(74);
  });

  it('--out on a device that is full: exit 74, one line', async () => {
    const r = await semicap([...PROJECT, '--out', '/dev/full']);
    expect(r.code).toBe(74);
    expect(r.stderr).toMatch(/^semicap: \/dev\/full: writing failed \(no space left on the device\)/);
    expect(r.stderr.split('\n')).toHaveLength(2);
  });
});

describe('stderr that cannot be written never changes the exit code', () => {
  const cases: [string[], number][] = [
    [PROJECT, 0],
    [[...PROJECT, '--out', join(root, 'ok.csv'), '--format', 'csv'], 0],
    [['project', '--from', '2023=29%'], 2],
    [['capacity', '--data', join(root, 'nowhere')], 66],
    [['forecast', '--jobs', '1', join(root, 'missing.csv')], 66],
  ];
  for (const [args, code] of cases) {
    it(`${args.join(' ')} 2>/dev/full → ${code}`, () => {
      const r = shell(args, '> /dev/null 2>/dev/full');
      expect(r.code).toBe(code);
    });
  }
});

describe.skipIf(tmpfs === undefined)('a full file system (small tmpfs)', () => {
  it('a redirect onto it: exit 74, and the partial output is cut back to nothing', () => {
    for (const name of readdirSync(tmpfs!)) removeDir(join(tmpfs!, name));
    fill(tmpfs!);
    const target = join(tmpfs!, 'out.json');
    const r = shell(['datasets', '--sources', '--format', 'json'], `> ${quote(target)}`);
    expect(r.code).toBe(74);
    expect(r.stderr).toBe('semicap: cannot write to standard output (no space left on the device)\n');
    expect(statSync(target).size).toBe(0);
  });

  it('an appending redirect keeps what the file held before', () => {
    for (const name of readdirSync(tmpfs!)) removeDir(join(tmpfs!, name));
    const target = join(tmpfs!, 'log.txt');
    writeFileSync(target, 'earlier line\n');
    fill(tmpfs!);
    const r = shell(['datasets', '--sources', '--format', 'json'], `>> ${quote(target)}`);
    expect(r.code).toBe(74);
    expect(readFileSync(target, 'utf8')).toBe('earlier line\n');
  });

  it('--out onto it: exit 74, the previous file unchanged, no temporary file', async () => {
    for (const name of readdirSync(tmpfs!)) removeDir(join(tmpfs!, name));
    const target = join(tmpfs!, 'sources.json');
    writeFileSync(target, 'previous\n');
    fill(tmpfs!);
    const before = readdirSync(tmpfs!).sort();
    const r = await semicap(['datasets', '--sources', '--format', 'json', '--out', target]);
    expect(r.code).toBe(74);
    expect(r.stderr).toMatch(/^semicap: .*sources\.json: writing failed \(no space left on the device\); the previous file, if any, is unchanged\n$/);
    expect(readFileSync(target, 'utf8')).toBe('previous\n');
    expect(readdirSync(tmpfs!).sort()).toEqual(before);
  });

  it('report --out onto it: exit 74, the previous report folder untouched, no temporary folder', async () => {
    for (const name of readdirSync(tmpfs!)) removeDir(join(tmpfs!, name));
    const dir = join(tmpfs!, 'r');
    mkdirSync(dir);
    writeFileSync(join(dir, 'report.json'), '{"previous": true}\n');
    fill(tmpfs!);
    const r = await semicap(['report', '--out', dir]);
    expect(r.code).toBe(74);
    expect(r.stderr).not.toMatch(STACK);
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(join(dir, 'report.json'), 'utf8')).toBe('{"previous": true}\n');
    expect(readdirSync(tmpfs!).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('output names', () => {
  it("--out '' is a usage error", async () => {
    for (const args of [[...PROJECT, '--out', ''], ['report', '--out', ''], [...PROJECT, '--chart-out', '']]) {
      const r = await semicap(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^semicap: --(out|chart-out) is empty; expected a file name\n$/);
    }
  });

  it('a 250-byte --out name works (the temporary name is shortened)', async () => {
    const name = `${'n'.repeat(246)}.csv`;
    const r = await semicap([...PROJECT, '--format', 'csv', '--out', join(root, name)]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(root, name), 'utf8')).toMatch(/^year,cagr,linear,logistic/);
    expect(readdirSync(root).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('a 250-byte report folder name works too', async () => {
    const dir = join(root, 'r'.repeat(250));
    const r = await semicap(['report', '--out', dir, '-q']);
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'report.json'))).toBe(true);
  });
});
