// Writing output files so that a failure never leaves half a file: write a temporary file in the same
// folder, flush it to disk, then rename it over the target (atomic on POSIX file systems).
import { closeSync, fsyncSync, lstatSync, openSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cannotCreateError, ioError } from '../errors.js';
import { say } from '../messages.js';

const pending = new Set<string>();

/** Temporary files and folders being written right now, for a signal handler to remove. */
export function removePendingWrites(): void {
  for (const tmp of pending) {
    // Moved aside first: a worker thread still writing into a temporary folder can then add nothing to it by name.
    let gone = tmp;
    try {
      renameSync(tmp, `${tmp}.gone`);
      gone = `${tmp}.gone`;
    } catch {
      /* removed where it is */
    }
    try {
      rmSync(gone, { force: true, recursive: true });
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
    throw cannotCreateError(say('error.cannotCreate', { path, reason: describeErrno(e) }));
  }
  if (existing && !existing.isFile() && !existing.isDirectory()) return openInPlace(path);
  if (existing?.isFile() && lstatSync(path).isSymbolicLink()) path = realpathSync(path);
  const dir = dirname(path);
  try {
    if (existing?.isDirectory()) throw cannotCreateError(say('error.outIsFolder', { path }));
    const st = statSync(dir, { throwIfNoEntry: false });
    if (!st) throw cannotCreateError(say('error.outNoFolder', { path, dir }));
    if (!st.isDirectory()) throw cannotCreateError(say('error.outNotFolder', { path, dir }));
  } catch (e) {
    if (e instanceof Error && 'kind' in e) throw e;
    throw cannotCreateError(say('error.cannotCreate', { path, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
  }
  const tmp = temporarySibling(path);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o644);
  } catch (e) {
    // A full disk is a write failure (74), whether it shows at open or at write.
    if (isWriteFailure(e)) throw ioError(say('error.writeFailedKept', { path, reason: describeErrno(e) }));
    throw cannotCreateError(say('error.cannotCreate', { path, reason: describeErrno(e) }));
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
    return ioError(say('error.writeFailedKept', { path, reason: describeErrno(e) }));
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
    throw cannotCreateError(say('error.cannotOpenForWriting', { path, reason: describeErrno(e) }));
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
        throw ioError(say('error.writeFailed', { path, reason: describeErrno(e) }));
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
      return say('error.errnoIo');
    case 'EFBIG':
      return say('error.errnoTooLarge');
    case 'EDQUOT':
      return say('error.errnoQuota');
    case 'EACCES':
    case 'EPERM':
      return say('error.errnoPermission');
    case 'ENOSPC':
      return say('error.errnoNoSpace');
    case 'EROFS':
      return say('error.errnoReadOnly');
    case 'ENOENT':
      return say('error.errnoNoFolder');
    default:
      return code ?? (e as Error).message;
  }
}
