// openInput and readInput on every kind of input, in this process: gzip by its magic bytes (a file or a pipe),
// a FIFO, a damaged stream, and each way a path can fail, with the message and the exit kind each must give.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { openInput, openRegularFile, readInput } from '../../src/data/input.js';
import { SemicapError } from '../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'semicap-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = 'id,year,value\na,2020,1\na,2021,2\n'.repeat(200);

async function bytesOf(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The error a call throws (or its promise rejects with), checked to be one of semicap's with `kind`. */
async function failure(run: () => unknown, kind: string): Promise<string> {
  const error = await (async () => run())().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SemicapError);
  expect((error as SemicapError).kind).toBe(kind);
  return (error as Error).message;
}

/** A FIFO with `bytes` written into it once openInput has opened it (a writer then closes it). */
function fifoInput(name: string, bytes: Buffer) {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  const input = openInput(path);
  const stream = input.open();
  writeFileSync(path, bytes);
  return { input, stream };
}

describe('openInput', () => {
  it('reads a regular file as it is, and a gzip file decompressed, in small reads', async () => {
    const plain = join(dir, 'plain.csv');
    const gz = join(dir, 'packed.csv.gz');
    writeFileSync(plain, csv);
    writeFileSync(gz, gzipSync(csv));
    const a = openInput(plain, 64);
    const b = openInput(gz, 64);
    expect([a.label, a.rereadable, b.label, b.rereadable]).toEqual([plain, true, gz, true]);
    expect(await bytesOf(a.open())).toBe(csv);
    expect(await bytesOf(b.open())).toBe(csv);
    // Rereadable: a second open gives the same bytes.
    expect(await bytesOf(b.open())).toBe(csv);
  });

  it('reads a FIFO once, plain or gzip (by its first bytes), and even one byte', async () => {
    const plain = fifoInput('plain.fifo', Buffer.from(csv));
    expect(plain.input.rereadable).toBe(false);
    expect(await bytesOf(plain.stream)).toBe(csv);
    expect(await bytesOf(fifoInput('packed.fifo', gzipSync(csv)).stream)).toBe(csv);
    expect(await bytesOf(fifoInput('one.fifo', Buffer.from('x')).stream)).toBe('x');
  });

  it('a damaged or cut gzip stream is bad data (65) naming the input', async () => {
    const packed = gzipSync(csv);
    const cut = join(dir, 'cut.csv.gz');
    writeFileSync(cut, packed.subarray(0, packed.length - 20));
    expect(await failure(() => bytesOf(openInput(cut).open()), 'data')).toContain(cut);
    const damaged = Buffer.from(packed);
    damaged.fill(0x55, 10, 40);
    const fifo = fifoInput('damaged.fifo', damaged);
    expect(await failure(() => bytesOf(fifo.stream), 'data')).toContain(fifo.input.path);
  });

  it('missing, not a folder, a folder, a name too long, a symlink loop: one-line missing-input errors (66)', async () => {
    const file = join(dir, 'f.csv');
    writeFileSync(file, csv);
    const loop = join(dir, 'loop');
    symlinkSync(loop, loop);
    mkdirSync(join(dir, 'folder'));
    expect(await failure(() => openInput(join(dir, 'none.csv')), 'missing-input')).toMatch(/none\.csv/);
    expect(await failure(() => openInput(join(file, 'x.csv')), 'missing-input')).toContain(join(file, 'x.csv'));
    expect(await failure(() => openInput(join(dir, 'folder')), 'missing-input')).toContain('folder');
    // A name too long is cut to its first 60 characters in the message.
    const long = join(dir, 'n'.repeat(300));
    const tooLong = await failure(() => openInput(long), 'missing-input');
    expect(tooLong.startsWith(long.slice(0, 60))).toBe(true);
    expect(tooLong).not.toContain(long.slice(0, 61));
    expect(await failure(() => openInput(loop), 'missing-input')).toContain(loop);
    const messages = await Promise.all([join(dir, 'none.csv'), join(file, 'x.csv'), join(dir, 'folder'), loop].map((p) => failure(() => openInput(p), 'missing-input')));
    // Each cause is said its own way, on one line.
    expect(new Set(messages).size).toBe(4);
    expect(messages.every((m) => !m.includes('\n'))).toBe(true);
  });
});

describe('readInput and openRegularFile', () => {
  it('reads a small file whole; over the cap is bad data (65) naming the file', async () => {
    const file = join(dir, 'small.csv');
    writeFileSync(file, csv);
    expect(readInput(file).toString('utf8')).toBe(csv);
    expect(await failure(() => readInput(file, { maxBytes: 100, what: 'a rules file' }), 'data')).toContain(file);
  });

  it('an empty name and `-` not read first are usage errors (2)', async () => {
    expect(await failure(() => readInput(''), 'usage')).not.toBe('');
    expect(await failure(() => readInput('-', { what: 'a rules file' }), 'usage')).toContain('a rules file');
  });

  it('refuses a FIFO, a device and a folder at once (66), saying what it is', async () => {
    const fifo = join(dir, 'refused.fifo');
    execFileSync('mkfifo', [fifo]);
    const asFifo = await failure(() => readInput(fifo), 'missing-input');
    const asDevice = await failure(() => openRegularFile('/dev/null'), 'missing-input');
    const asFolder = await failure(() => readInput(dir), 'missing-input');
    expect(asFifo).toContain('FIFO');
    expect(asDevice).toContain('character device');
    expect(asFolder).toContain(dir);
    expect(await failure(() => readInput(join(dir, 'none.csv')), 'missing-input')).toContain('none.csv');
  });
});
