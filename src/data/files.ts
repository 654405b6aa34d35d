// Reading input files, with the failures a user can meet turned into errors that say what to do.
import { readFileSync, statSync } from 'node:fs';
import { missingInputError, dataError } from '../errors.js';

/** Largest CSV read whole into memory; bigger inputs go through the streaming reader. */
export const MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024;

/** Reads a whole input file as bytes; missing, unreadable or a folder → a missing-input error (exit 66). */
export function readInputBytes(path: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw missingInputError(`${path}: is a folder; expected a CSV file`);
    size = st.size;
  } catch (e) {
    throw asInputError(e, path);
  }
  if (size > MAX_WHOLE_FILE_BYTES) throw dataError(`${path}: is ${Math.round(size / 1e6)} MB, larger than this command reads at once (${MAX_WHOLE_FILE_BYTES / 1e6} MB)`);
  try {
    return readFileSync(path);
  } catch (e) {
    throw asInputError(e, path);
  }
}

export function asInputError(e: unknown, path: string): Error {
  if (e instanceof Error && 'kind' in e) return e;
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return missingInputError(`${path}: no such file`);
    case 'EACCES':
    case 'EPERM':
      return missingInputError(`${path}: permission denied; expected a readable file`);
    case 'EISDIR':
      return missingInputError(`${path}: is a folder; expected a CSV file`);
    default:
      return missingInputError(`${path}: cannot be read (${code ?? (e as Error).message})`);
  }
}
