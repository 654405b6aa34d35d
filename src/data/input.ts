// Opening the file argument of a streaming reader: a regular file, `-` (standard input), or a FIFO, each read
// asynchronously so that Ctrl-C works while nothing arrives; gzip input (by its magic bytes, so `.csv.gz` files and
// compressed pipes alike) is decompressed on the fly with node:zlib.
import { accessSync, closeSync, constants, createReadStream, openSync, readSync, statSync } from 'node:fs';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { dataError } from '../errors.js';
import { asInputError } from './files.js';

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
}

/** Larger reads than the default 64 KB: fewer trips through the event loop on big files. */
const READ_CHUNK = 1 << 20;

/** Checks the argument before streaming starts: missing, unreadable and folder paths are clear errors (exit 66). */
export function openInput(path: string): Input {
  if (path === STDIN) return { path, label: STDIN_LABEL, rereadable: false, open: () => maybeGunzip(process.stdin, STDIN_LABEL) };
  let fifo: boolean;
  let regular: boolean;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    accessSync(path, constants.R_OK);
    fifo = st.isFIFO();
    regular = st.isFile();
  } catch (e) {
    throw asInputError(e, path);
  }
  if (regular) {
    const gzip = startsWithGzipMagic(path);
    return { path, label: path, rereadable: true, open: () => (gzip ? gunzip(createReadStream(path, { highWaterMark: READ_CHUNK }), path) : createReadStream(path, { highWaterMark: READ_CHUNK })) };
  }
  // A FIFO opened without O_NONBLOCK blocks a thread of libuv's pool until a writer comes, and the process could
  // not exit on Ctrl-C; opened non-blocking and read as a pipe, it waits in the event loop instead.
  if (fifo) return { path, label: path, rereadable: false, open: () => maybeGunzip(openFifo(path), path) };
  return { path, label: path, rereadable: false, open: () => maybeGunzip(createReadStream(path, { highWaterMark: READ_CHUNK }), path) };
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
      if (code?.startsWith('Z_')) throw dataError(`${label}: is not a complete gzip stream (${(e as Error).message}); expected a file compressed with gzip`);
      throw e;
    }
  };
  return Readable.from(wrapped(), { objectMode: false });
}
