// Opening every input the same way: small inputs read whole from regular files (or `-`) under a size cap;
// streaming inputs (a file, `-` or a FIFO; gzip by its magic bytes) read asynchronously so Ctrl-C works (a plain
// file for the fast reader: synchronous reads with a turn of the event loop between pieces, see fileBytes).
import { accessSync, closeSync, constants, createReadStream, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { dataError, missingInputError, usageError } from '../errors.js';
import { say } from '../messages.js';

/** Largest small input read whole: a dataset, rules, config or scenario file (16 MiB). */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/** What an input is, for messages: 'a CSV file', 'a rules file', 'a config file'. */
export interface InputOptions {
  what?: string;
  maxBytes?: number;
}

/** Standard input, read once before the command runs (readStdinInput); `-` then names these bytes. */
let stdinBytes: Buffer | undefined;

const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;

/** A file type in words, for the message that refuses it. */
function kindOf(st: Stats): string {
  if (st.isFIFO()) return 'a pipe (FIFO)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/**
 * Reads a small input whole, the one way every such input is read: `-` is standard input (when the command
 * read it first with readStdinInput); a regular file is read up to the cap; a folder or a missing file is a
 * missing-input error (66); a pipe, socket or device is refused at once (66); a file over the cap is a data
 * error (65) naming the file and the limit. Never reads more than the cap plus one byte, whatever the file says
 * its size is.
 */
export function readInput(path: string, options: InputOptions = {}): Buffer {
  const what = options.what ?? say('error.whatCsvFile');
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  if (path === '') throw usageError(say('error.emptyFileName', { what }));
  if (path === '-') {
    if (stdinBytes === undefined) throw usageError(say('error.stdinNotHere', { what }));
    return stdinBytes;
  }
  const { fd, size } = openRegularFile(path, what);
  try {
    if (size > max) throw tooBig(path, what, max);
    return readUpTo(fd, path, what, max, size);
  } catch (e) {
    throw asInputError(e, path, what);
  } finally {
    closeSync(fd);
  }
}

/**
 * Opens an input that must be a regular file, for readers that go on to stream it (the caller closes the fd):
 * missing, unreadable or a folder → exit 66; a pipe, socket or device → refused at once (66), never blocking.
 */
export function openRegularFile(path: string, what = say('error.whatCsvFile')): { fd: number; size: number } {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO that has no writer returns at once instead of blocking the process.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw asInputError(e, path, what);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw missingInputError(say('error.isFolder', { path, what }));
    if (!st.isFile()) throw missingInputError(say('error.notRegularFile', { path, kind: kindOf(st), what }));
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    throw asInputError(e, path, what);
  }
}

const tooBig = (path: string, what: string, max: number) => dataError(say('error.tooBig', { path, size: mib(max), what }));

/** Reads to the end (at most max + 1 bytes); `size` is what the file says it holds, to size the reads to it. */
function readUpTo(fd: number, path: string, what: string, max: number, size: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // Reads of up to 1 MiB, no larger than the file needs: a small dataset is not given two buffers of 1 MiB.
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total, Math.max(size + 1 - total, 1 << 14)));
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) break;
    chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    total += n;
    // A file that grows while it is read (or says it is smaller than it is) still stops at the cap.
    if (total > max) throw tooBig(path, what, max);
  }
  return Buffer.concat(chunks, total);
}

/**
 * Reads standard input (asynchronously, up to the cap) so that `-` can name it; call once, before the command
 * reads its inputs. A terminal on stdin is refused: nothing would arrive unless typed.
 */
export async function readStdinInput(options: InputOptions = {}): Promise<Buffer> {
  const what = options.what ?? say('error.whatCsvFile');
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  if (stdinBytes !== undefined) return stdinBytes;
  if (process.stdin.isTTY) throw usageError(say('error.stdinTerminal', { what }));
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > max) {
      process.stdin.destroy();
      throw tooBig('standard input', what, max);
    }
    chunks.push(chunk);
  }
  stdinBytes = Buffer.concat(chunks, total);
  return stdinBytes;
}

/** Turns a failed open or read into a one-line error naming the file (missing or unreadable: exit 66). */
export function asInputError(e: unknown, path: string, what = say('error.whatCsvFile')): Error {
  if (e instanceof Error && 'kind' in e) return e;
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return missingInputError(say('error.noSuchFile', { path }));
    case 'ENOTDIR':
      return missingInputError(say('error.notDirInPath', { path }));
    case 'EACCES':
    case 'EPERM':
      return missingInputError(say('error.permissionDenied', { path }));
    case 'EISDIR':
      return missingInputError(say('error.isFolder', { path, what }));
    case 'ENAMETOOLONG':
      return missingInputError(say('error.nameTooLong', { path: path.slice(0, 60) }));
    case 'ELOOP':
      return missingInputError(say('error.symlinkLoop', { path }));
    default:
      return missingInputError(say('error.cannotRead', { path, reason: code ?? (e as Error).message }));
  }
}

/** What the argument `-` reads. */
export const STDIN = '-';
/** How standard input is named in messages. */
export const STDIN_LABEL = '(stdin)';

export interface Input {
  /** The path as given (`-` for standard input). */
  path: string;
  /** The name used in messages: the path, or (stdin). */
  label: string;
  /** A regular file: it can be read a second time (to find line numbers, or by the csv-parse path). */
  rereadable: boolean;
  /** Opens the bytes (decompressed when gzip). Call once unless rereadable. */
  open(): Readable;
  /** A regular file that is not gzip: its bytes read straight into the caller's buffer (see ByteReader). */
  bytes?(): ByteReader;
}

/** A plain file read into the caller's buffer: no stream, and no new buffer for each read. */
export interface ByteReader {
  /** Bytes per read. */
  chunk: number;
  /** Reads up to `length` bytes into `into` from `at`; 0 at the end of the file. */
  read(into: Uint8Array, at: number, length: number): Promise<number>;
  close(): Promise<void>;
}

/** Bytes read between two turns of the event loop: a big file yields after each piece, tiny pieces not after each one. */
const YIELD_BYTES = 1 << 16;

/**
 * A ByteReader of the file at `path` (opened at the first read). A regular file is read synchronously, straight
 * into the caller's buffer (no promise, pool trip or result object a read), and the event loop gets a turn after
 * every YIELD_BYTES read, so worker messages and Ctrl-C are still handled while a big file is read.
 */
function fileBytes(path: string, chunk: number): ByteReader {
  let fd: number | undefined;
  let sinceYield = 0;
  return {
    chunk,
    read: async (into, at, length) => {
      fd ??= openSync(path, 'r');
      const n = readSync(fd, into, at, length, null);
      sinceYield += n;
      // No turn at the end of the file: the caller goes on at once.
      if (n === 0 || sinceYield < YIELD_BYTES) return n;
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
      return n;
    },
    close: async () => {
      // Closed once, and not at all when the open failed.
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** Bytes per read of a file of `size` bytes: a file smaller than a piece is read in one read (and one that finds the end). */
const pieceFor = (size: number, readChunk: number) => Math.min(readChunk, size + 1);

/** Larger reads than the default 64 KB: fewer trips through the event loop on big files. */
const READ_CHUNK = 1 << 20;

/**
 * Checks the argument before streaming starts: missing, unreadable and folder paths are clear errors (exit 66).
 * `readChunk`: bytes per read of a file (tests give small ones, to cross read boundaries with small files).
 */
export function openInput(path: string, readChunk = READ_CHUNK): Input {
  if (path === STDIN) return { path, label: STDIN_LABEL, rereadable: false, open: () => maybeGunzip(process.stdin, STDIN_LABEL) };
  let fifo: boolean;
  let regular: boolean;
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    accessSync(path, constants.R_OK);
    fifo = st.isFIFO();
    regular = st.isFile();
    size = st.size;
  } catch (e) {
    throw asInputError(e, path);
  }
  if (regular) {
    const gzip = startsWithGzipMagic(path);
    if (gzip) return { path, label: path, rereadable: true, open: () => gunzip(createReadStream(path, { highWaterMark: readChunk }), path) };
    // The stream's reads sized to the file too: each read of a stream allocates its full size (1 MiB by default).
    return { path, label: path, rereadable: true, open: () => createReadStream(path, { highWaterMark: pieceFor(size, readChunk) }), bytes: () => fileBytes(path, pieceFor(size, readChunk)) };
  }
  // A FIFO opened without O_NONBLOCK blocks a thread of libuv's pool until a writer comes, and the process could
  // not exit on Ctrl-C; opened non-blocking and read as a pipe, it waits in the event loop instead.
  if (fifo) return { path, label: path, rereadable: false, open: () => maybeGunzip(openFifo(path), path) };
  return { path, label: path, rereadable: false, open: () => maybeGunzip(createReadStream(path, { highWaterMark: readChunk }), path) };
}

function openFifo(path: string): Readable {
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    return new Socket({ fd, readable: true, writable: false });
  } catch (e) {
    throw asInputError(e, path);
  }
}

const isGzipMagic = (b: Uint8Array) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

function startsWithGzipMagic(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(2);
    return readSync(fd, head, 0, 2, 0) === 2 && isGzipMagic(head);
  } catch (e) {
    throw asInputError(e, path);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The bytes of a gzip stream, decompressed; a damaged or truncated stream is bad data (exit 65). */
function gunzip(source: Readable, label: string): Readable {
  const out = createGunzip({ chunkSize: 1 << 18 });
  source.on('error', (e) => out.destroy(e));
  out.on('error', () => source.destroy());
  source.pipe(out);
  return mapErrors(out, label);
}

/** Peeks at the first bytes of a stream that cannot be read twice, and decompresses it when it is gzip. */
function maybeGunzip(source: Readable, label: string): Readable {
  async function* bytes(): AsyncGenerator<Buffer> {
    const it = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    let head = Buffer.alloc(0);
    let done = false;
    while (head.length < 2) {
      const next = await it.next();
      if (next.done) {
        done = true;
        break;
      }
      head = Buffer.concat([head, next.value]);
    }
    const rest = async function* () {
      if (head.length > 0) yield head;
      if (done) return;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    };
    if (!isGzipMagic(head)) {
      yield* rest();
      return;
    }
    yield* gunzip(Readable.from(rest(), { objectMode: false }), label);
  }
  return Readable.from(bytes(), { objectMode: false });
}

/** zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR: "unexpected end of file") become data errors naming the file. */
function mapErrors(stream: Readable, label: string): Readable {
  const wrapped = async function* () {
    try {
      for await (const chunk of stream) yield chunk as Buffer;
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code?.startsWith('Z_')) throw dataError(say('error.badGzip', { label, reason: (e as Error).message }));
      throw e;
    }
  };
  return Readable.from(wrapped(), { objectMode: false });
}
