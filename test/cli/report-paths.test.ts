// `semicap report --out DIR` names no absolute folder: the same inputs in a copy of the project and in the project
// itself, or under two working folders, give byte-identical report folders, with paths relative to the project or
// the working folder.
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDatasets, removeDir, ROOT, semicap, semicapProcess, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, HOME: root, XDG_CONFIG_HOME: undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };

/** Every file of a report folder, by name, with its text. */
function files(dir: string): Map<string, string> {
  return new Map((readdirSync(dir) as string[]).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

/** Both folders hold the same file names with the same bytes, and no file names `banned` anywhere. */
function expectSameAndRelative(a: string, b: string, banned: string[]): void {
  const fa = files(a);
  const fb = files(b);
  expect([...fb.keys()]).toEqual([...fa.keys()]);
  expect(fa.size).toBeGreaterThan(10);
  for (const [name, text] of fa) {
    expect(readFileSync(join(b, name)).equals(readFileSync(join(a, name))), name).toBe(true);
    for (const path of banned) expect(text.includes(path), `${name} holds ${path}`).toBe(false);
  }
}

/** `report --out out` in this process from a folder outside the project, with the bundled datasets: run once, for two tests. */
let elsewhere: Promise<string> | undefined;
function elsewhereReport(): Promise<string> {
  elsewhere ??= (async () => {
    const cwd = join(root, 'elsewhere');
    copyDatasets(cwd, 'unused');
    const r = await semicap(['report', '--out', 'out'], { cwd, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    return join(cwd, 'out');
  })();
  return elsewhere;
}

describe('semicap report: relative paths only', () => {
  // The copy is a child process (its own bin/, dist/ and bundled datasets); the project itself runs in this process
  // from another folder: two places of the bundled datasets and two working folders, one folder of bytes.
  it('a copy of the project, run from its own folder, gives the folder the project gives run from elsewhere', async () => {
    const dir = join(root, 'projects', 'nested', 'one');
    for (const part of ['bin', 'dist', 'datasets', 'package.json']) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
    const r = semicapProcess(['report', '--out', 'out'], { cwd: dir, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expectSameAndRelative(join(dir, 'out'), await elsewhereReport(), [root, ROOT]);
    const md = readFileSync(join(dir, 'out', 'summary.md'), 'utf8');
    expect(md).toContain('| datasets/capacity.csv | capacity |');
    expect(md).toContain('### Datasets in datasets\n');
    expect(readFileSync(join(dir, 'out', 'validate-files.csv'), 'utf8')).toContain('\ndatasets/capacity.csv,capacity,');
  });

  // One report per working folder, the data in a folder `my-data` beside it: x names it relatively, deeper/y by its
  // absolute path (and --out too). The test below and the absolute --data test share these runs.
  let myData: Promise<string[]> | undefined;
  const myDataReports = () =>
    (myData ??= (async () => {
      const outs: string[] = [];
      for (const [name, absolute] of [['x', false], ['deeper/y', true]] as const) {
        const cwd = join(root, 'cwd', name);
        const data = copyDatasets(cwd, 'my-data');
        const out = absolute ? join(cwd, 'out') : 'out';
        const r = await semicap(['report', '--data', absolute ? data : 'my-data', '--out', out], { cwd, env: ENV });
        expect(r.code, r.stderr).toBe(0);
        // stdout keeps the folder as typed.
        expect(r.stdout).toContain(`wrote 22 files to ${out}`);
        outs.push(join(cwd, 'out'));
      }
      return outs;
    })());

  it('the same --data (relative in one, absolute in the other) under two working folders gives byte-identical folders', async () => {
    const [out, other] = await myDataReports();
    expectSameAndRelative(out, other, [root, ROOT]);
    expect(readFileSync(join(out, 'summary.md'), 'utf8')).toContain('· data: my-data\n');
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).data).toBe('my-data');
    expect(readFileSync(join(out, 'validate-files.csv'), 'utf8')).toContain('\nmy-data/capacity.csv,capacity,');
  });

  it('the bundled datasets run from a folder outside the project are written as datasets/…', async () => {
    const out = await elsewhereReport();
    for (const [name, text] of files(out)) expect(text.includes(ROOT.replace(/\/$/, '')), name).toBe(false);
    expect(readFileSync(join(out, 'validate-files.csv'), 'utf8')).toContain('\ndatasets/capacity.csv,capacity,');
  });

  it('an absolute --data is written relative to the working folder', async () => {
    const out = (await myDataReports())[1];
    for (const [name, text] of files(out)) expect(text.includes(root), name).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).data).toBe('my-data');
    expect(readFileSync(join(out, 'validate-files.csv'), 'utf8')).toContain('\nmy-data/capacity.csv,capacity,');
  });
});
