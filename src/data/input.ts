// Opening every input the same way. Small inputs (datasets, rules, config and scenario files) are read whole,
// from regular files only, up to a size cap; `-` is standard input where a command takes one, read
// asynchronously before the command runs (so Ctrl-C and SIGTERM still work while a pipe is silent). FIFOs,
// sockets and devices given by name are refused at once: a FIFO with no writer would block the process (and a
// blocked open cannot be interrupted), a device such as /dev/zero never ends.
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { dataError, missingInputError, usageError } from '../errors.js';

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
  const what = options.what ?? 'a CSV file';
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  if (path === '') throw usageError(`an empty file name; expected ${what}`);
  if (path === '-') {
    if (stdinBytes === undefined) throw usageError(`'-' (standard input) is not read here; expected the name of ${what}`);
    return stdinBytes;
  }
  const { fd, size } = openRegularFile(path, what);
  try {
    if (size > max) throw tooBig(path, what, max);
    return readUpTo(fd, path, what, max);
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
export function openRegularFile(path: string, what = 'a CSV file'): { fd: number; size: number } {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO that has no writer returns at once instead of blocking the process.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw asInputError(e, path, what);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw missingInputError(`${path}: is a folder; expected ${what}`);
    if (!st.isFile()) throw missingInputError(`${path}: is ${kindOf(st)}; expected ${what} as a regular file (pipe it into '-' where a command reads standard input)`);
    return { fd, size: st.size };
  } catch (e) {
    closeSync(fd);
    throw asInputError(e, path, what);
  }
}

const tooBig = (path: string, what: string, max: number) => dataError(`${path}: larger than ${mib(max)}, the limit for ${what}`);

function readUpTo(fd: number, path: string, what: string, max: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
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
  const what = options.what ?? 'a CSV file';
  const max = options.maxBytes ?? MAX_INPUT_BYTES;
  if (stdinBytes !== undefined) return stdinBytes;
  if (process.stdin.isTTY) throw usageError(`'-' reads ${what} from standard input, but standard input is a terminal; pipe or redirect the file into it (… < file.csv)`);
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
export function asInputError(e: unknown, path: string, what = 'a CSV file'): Error {
  if (e instanceof Error && 'kind' in e) return e;
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return missingInputError(`${path}: no such file`);
    case 'ENOTDIR':
      return missingInputError(`${path}: no such file (a part of the path is not a folder)`);
    case 'EACCES':
    case 'EPERM':
      return missingInputError(`${path}: permission denied; expected a readable file`);
    case 'EISDIR':
      return missingInputError(`${path}: is a folder; expected ${what}`);
    case 'ENAMETOOLONG':
      return missingInputError(`${path.slice(0, 60)}…: the file name is too long`);
    case 'ELOOP':
      return missingInputError(`${path}: too many symbolic links (a loop?)`);
    default:
      return missingInputError(`${path}: cannot be read (${code ?? (e as Error).message})`);
  }
}
