// Reading input files, with the failures a user can meet turned into errors that say what to do. Every small
// input goes through src/data/input.ts (regular files only, a size cap, `-` for standard input).
import { asInputError as inputError, readInput } from './input.js';

/** Reads a whole input file as bytes; missing, unreadable, a folder, a pipe or a device → exit 66; over 16 MB → 65. */
export function readInputBytes(path: string): Uint8Array {
  return readInput(path, { what: 'a CSV file' });
}

export function asInputError(e: unknown, path: string): Error {
  return inputError(e, path);
}
