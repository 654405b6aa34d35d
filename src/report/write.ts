// Writing output files so that a failure never leaves half a file: write a temporary file in the same
// folder, flush it to disk, then rename it over the target (atomic on POSIX file systems).
import { closeSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cannotCreateError, ioError } from '../errors.js';

const pending = new Set<string>();

/** Temporary files and folders being written right now, for a signal handler to remove. */
export function removePendingWrites(): void {
  for (const tmp of pending) {
    try {
      rmSync(tmp, { force: true, recursive: true });
    } catch {
      /* best effort while exiting */
    }
  }
  pending.clear();
}

/** Registers a temporary file or folder to remove if the run is interrupted; returns the function that forgets it. */
export function trackPending(path: string): () => void {
  pending.add(path);
  return () => void pending.delete(path);
}

/**
 * A temporary name beside `path`, hidden and unique to this run. File names may have at most 255 bytes, so a long
 * name is cut (on a character boundary) to leave room for the suffix.
 */
export function temporarySibling(path: string, suffix = 'tmp'): string {
  let name = basename(path);
  while (Buffer.byteLength(name) > 120) name = [...name].slice(0, -1).join('');
  return join(dirname(path), `.${name}.${process.pid}.${Date.now().toString(36)}.${suffix}`);
}

/**
 * Writes `data` to `path` atomically. Targets that are not regular files are respected rather than replaced:
 * a device or a pipe (`--out /dev/null`, `--out /dev/stdout`, a FIFO) is written in place, since renaming over
 * it would replace the device node itself; a symbolic link to a file keeps the link and replaces the file it
 * points to.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const file = openAtomic(path);
  try {
    file.write(data);
  } catch (e) {
    file.abort();
    throw e;
  }
  file.commit();
}

/** A file being written piece by piece: nothing appears at the path until commit(); abort() leaves no trace. */
export interface AtomicFile {
  write(data: string | Uint8Array): void;
  /** Flushes to disk and renames the temporary file over the target. */
  commit(): void;
  /** Removes the temporary file; the previous file at the path, if any, is unchanged. Safe to call twice. */
  abort(): void;
}

/** Opens `path` for an atomic write (see writeFileAtomic): a temporary file in the same folder, renamed at commit. */
export function openAtomic(path: string): AtomicFile {
  let existing: Stats | undefined;
  try {
    existing = statSync(path, { throwIfNoEntry: false });
  } catch (e) {
    throw cannotCreateError(`${path}: cannot be created (${describeErrno(e)})`);
  }
  if (existing && !existing.isFile() && !existing.isDirectory()) return openInPlace(path);
  if (existing?.isFile() && lstatSync(path).isSymbolicLink()) path = realpathSync(path);
  const dir = dirname(path);
  try {
    if (existing?.isDirectory()) throw cannotCreateError(`${path}: is a folder; expected a file name for the output`);
    const st = statSync(dir, { throwIfNoEntry: false });
    if (!st) throw cannotCreateError(`${path}: folder ${dir} does not exist; create it first or choose another --out`);
    if (!st.isDirectory()) throw cannotCreateError(`${path}: ${dir} is not a folder`);
  } catch (e) {
    if (e instanceof Error && 'kind' in e) throw e;
    throw cannotCreateError(`${path}: cannot be created (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const tmp = temporarySibling(path);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o644);
  } catch (e) {
    // A full disk is a write failure (74), whether it shows at open or at write.
    if (isWriteFailure(e)) throw ioError(`${path}: writing failed (${describeErrno(e)}); the previous file, if any, is unchanged`);
    throw cannotCreateError(`${path}: cannot be created (${describeErrno(e)})`);
  }
  pending.add(tmp);
  let done = false;
  const abort = () => {
    if (done) return;
    done = true;
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(tmp, { force: true });
    pending.delete(tmp);
  };
  const failed = (e: unknown) => {
    abort();
    return ioError(`${path}: writing failed (${describeErrno(e)}); the previous file, if any, is unchanged`);
  };
  return {
    write(data) {
      try {
        writeAll(fd, data);
      } catch (e) {
        throw failed(e);
      }
    },
    commit() {
      if (done) return;
      try {
        fsyncSync(fd);
        closeSync(fd);
        renameSync(tmp, path);
      } catch (e) {
        throw failed(e);
      }
      done = true;
      pending.delete(tmp);
    },
    abort,
  };
}

function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** A device, pipe or socket: nothing to make atomic, and renaming over it would destroy it. */
function openInPlace(path: string): AtomicFile {
  let fd: number;
  try {
    fd = openSync(path, 'w');
  } catch (e) {
    throw cannotCreateError(`${path}: cannot be opened for writing (${describeErrno(e)})`);
  }
  let closed = false;
  const close = () => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  return {
    write(data) {
      try {
        writeAll(fd, data);
      } catch (e) {
        close();
        throw ioError(`${path}: writing failed (${describeErrno(e)})`);
      }
    },
    commit: close,
    abort: close,
  };
}

/** Errors of a device or file system that ran out of room or failed: exit 74 wherever they happen. */
const WRITE_FAILURES = new Set(['ENOSPC', 'EDQUOT', 'EIO', 'EFBIG', 'ENXIO']);
export const isWriteFailure = (e: unknown) => WRITE_FAILURES.has((e as NodeJS.ErrnoException)?.code ?? '');

/** An errno as a few words for a message. */
export function describeErrno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'EIO':
      return 'input/output error';
    case 'EFBIG':
      return 'file too large';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOENT':
      return 'folder does not exist';
    default:
      return code ?? (e as Error).message;
  }
}
