import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openAtomic, writeFileAtomic } from '../../src/report/write.js';

const dir = mkdtempSync(join(tmpdir(), 'semicap-write-'));
afterAll(() => {
  // The read-only folder of the test below is made writable again, or its file could not be removed.
  if (existsSync(join(dir, 'ro'))) chmodSync(join(dir, 'ro'), 0o755);
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an old one, leaving no temporary file', () => {
    const p = join(dir, 'out.csv');
    writeFileAtomic(p, 'one\n');
    writeFileAtomic(p, 'two\n');
    expect(readFileSync(p, 'utf8')).toBe('two\n');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a missing folder as cannot-create and creates nothing', () => {
    expect(() => writeFileAtomic(join(dir, 'missing', 'x.csv'), 'x')).toThrow(expect.objectContaining({ kind: 'cannot-create' }));
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('refuses a folder as the target', () => {
    mkdirSync(join(dir, 'sub'));
    expect(() => writeFileAtomic(join(dir, 'sub'), 'x')).toThrow(expect.objectContaining({ kind: 'cannot-create' }));
  });

  const asRoot = process.getuid?.() === 0;
  it.skipIf(asRoot)(`refuses an unwritable folder and leaves the old file unchanged${asRoot ? ' (skipped: root writes anywhere)' : ''}`, () => {
    const ro = join(dir, 'ro');
    mkdirSync(ro);
    writeFileSync(join(ro, 'keep.csv'), 'old\n');
    chmodSync(ro, 0o555);
    expect(() => writeFileAtomic(join(ro, 'keep.csv'), 'new\n')).toThrow(expect.objectContaining({ kind: 'cannot-create' }));
    expect(readFileSync(join(ro, 'keep.csv'), 'utf8')).toBe('old\n');
  });
});

describe('openAtomic (a file written piece by piece)', () => {
  const temporaries = (d: string) => readdirSync(d).filter((f) => f.endsWith('.tmp'));

  it('shows nothing at the path until commit, then all the pieces', () => {
    const d = mkdtempSync(join(dir, 'pieces-'));
    const p = join(d, 'out.csv');
    const file = openAtomic(p);
    file.write('a,b\n');
    file.write(Buffer.from('1,2\n'));
    expect(existsSync(p)).toBe(false);
    expect(temporaries(d)).toHaveLength(1);
    file.commit();
    expect(readFileSync(p, 'utf8')).toBe('a,b\n1,2\n');
    expect(temporaries(d)).toEqual([]);
  });

  it('abort after some pieces leaves the previous file as it was and no temporary file', () => {
    const d = mkdtempSync(join(dir, 'abort-'));
    const p = join(d, 'keep.csv');
    writeFileSync(p, 'old\n');
    const file = openAtomic(p);
    file.write('half of a new file');
    file.abort();
    file.abort();
    expect(readFileSync(p, 'utf8')).toBe('old\n');
    expect(temporaries(d)).toEqual([]);
  });
});
