// The error a call throws, checked to be a SemicapError of the expected kind (fails the test otherwise).
import { expect } from 'vitest';
import { SemicapError, type ErrorKind } from '../../src/errors.js';

export function errorOf(f: () => unknown, kind: ErrorKind): SemicapError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SemicapError);
    expect((e as SemicapError).kind).toBe(kind);
    return e as SemicapError;
  }
  throw new Error(`expected a ${kind} error`);
}

export const usageErrorOf = (f: () => unknown): SemicapError => errorOf(f, 'usage');
