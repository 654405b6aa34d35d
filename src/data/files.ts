// Reading input files, with the failures a user can meet turned into errors that say what to do. Every small
// input goes through src/data/input.ts (regular files only, a size cap, `-` for standard input).
import { existsSync, statSync } from 'node:fs';
import { asInputError as inputError, readInput } from './input.js';
import { countRead } from './read-once.js';

/** Reads a whole input file as bytes; missing, unreadable, a folder, a pipe or a device → exit 66; over 16 MB → 65. */
export function readInputBytes(path: string): Uint8Array {
  countRead(path);
  return readInput(path, { what: 'a CSV file' });
}

export function asInputError(e: unknown, path: string): Error {
  return inputError(e, path);
}

/** Whether anything is at `path` (a file, a folder, ...). */
export function exists(path: string): boolean {
  return existsSync(path);
}

/** Whether `path` is a folder (false when nothing is there). */
export function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
}
