// --out onto targets that are not plain files: a device or a FIFO is written in place (renaming a temporary
// file over it would replace the device node: `--out /dev/null` as root used to turn /dev/null into a file),
// and a symbolic link keeps pointing where it did. The tests use their own FIFO and device node in a temporary
// folder, never the system's /dev/null.
import { spawn, spawnSync } from 'node:child_process';
import { lstatSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-targets-');
afterAll(() => removeDir(root));

const ARGS = ['datasets', '--format', 'csv'];
const expected = async () => (await semicap(ARGS)).stdout;

describe('--out onto special files', () => {
  it('a symbolic link to a file: the file gets the report, the link stays a link', async () => {
    const real = join(root, 'real.csv');
    const link = join(root, 'link.csv');
    writeFileSync(real, 'old\n');
    symlinkSync('real.csv', link);
    const r = await semicap([...ARGS, '--out', link]);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe('real.csv');
    expect(readFileSync(real, 'utf8')).toBe(await expected());
  });

  it('a FIFO: the reader gets the report and the FIFO is still a FIFO', async () => {
    const fifo = join(root, 'fifo');
    const mkfifo = spawnSync('mkfifo', [fifo], { encoding: 'utf8' });
    expect(mkfifo.status, `mkfifo (coreutils) is needed: ${mkfifo.error?.message ?? mkfifo.stderr}`).toBe(0);
    const reader = spawn('cat', [fifo]);
    let got = '';
    reader.stdout.setEncoding('utf8').on('data', (s: string) => (got += s));
    const done = new Promise((resolve) => reader.on('close', resolve));
    const r = await semicap([...ARGS, '--out', fifo]);
    await done;
    expect(r.code, r.stderr).toBe(0);
    expect(got).toBe(await expected());
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  const device = join(root, 'null');
  const isRoot = process.getuid?.() === 0;
  // Only root may make a device node; CI runs as root.
  it.skipIf(!isRoot)(`a character device (a private copy of /dev/null): still a device afterwards${isRoot ? '' : ' (skipped: needs root to make a device node)'}`, async () => {
    const mknod = spawnSync('mknod', [device, 'c', '1', '3'], { encoding: 'utf8' });
    expect(mknod.status, `mknod (coreutils) is needed: ${mknod.error?.message ?? mknod.stderr}`).toBe(0);
    const r = await semicap([...ARGS, '--out', device]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe(`semicap: wrote ${device}\n`);
    expect(statSync(device).isCharacterDevice()).toBe(true);
  });

  it('a path through a file (file/x.csv) is cannot-create, exit 73', async () => {
    const file = join(root, 'plain');
    writeFileSync(file, 'x');
    const r = await semicap([...ARGS, '--out', join(file, 'x.csv')]);
    expect(r.code).toBe(73);
    expect(r.stderr).toBe(`semicap: ${join(file, 'x.csv')}: cannot be created (ENOTDIR)\n`);
  });
});
