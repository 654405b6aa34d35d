// Writing output files so that a failure never leaves half a file: write a temporary file in the same
// folder, flush it to disk, then rename it over the target (atomic on POSIX file systems).
import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { cannotCreateError, ioError } from '../errors.js';

const pending = new Set<string>();

/** Temporary files being written right now, for a signal handler to remove. */
export function removePendingWrites(): void {
  for (const tmp of pending) rmSync(tmp, { force: true });
  pending.clear();
}

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const dir = dirname(path);
  try {
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) throw cannotCreateError(`${path}: is a folder; expected a file name for the output`);
    const st = statSync(dir, { throwIfNoEntry: false });
    if (!st) throw cannotCreateError(`${path}: folder ${dir} does not exist; create it first or choose another --out`);
    if (!st.isDirectory()) throw cannotCreateError(`${path}: ${dir} is not a folder`);
  } catch (e) {
    if (e instanceof Error && 'kind' in e) throw e;
    throw cannotCreateError(`${path}: cannot be created (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', 0o644);
  } catch (e) {
    throw cannotCreateError(`${path}: cannot be created (${describeErrno(e)})`);
  }
  pending.add(tmp);
  try {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    renameSync(tmp, path);
  } catch (e) {
    try {
      closeSync(fd);
    } catch {
      /* already closed */
    }
    rmSync(tmp, { force: true });
    throw ioError(`${path}: writing failed (${describeErrno(e)}); the previous file, if any, is unchanged`);
  } finally {
    pending.delete(tmp);
  }
}

function describeErrno(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
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
