// The one place where error kinds become exit codes (sysexits.h where one fits).
import type { ErrorKind } from '../errors.js';

export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  data: 65,
  missingInput: 66,
  internal: 70,
  cannotCreate: 73,
  io: 74,
  interrupted: 130,
} as const;

export function exitCodeFor(kind: ErrorKind): number {
  switch (kind) {
    case 'usage':
      return EXIT.usage;
    case 'data':
      return EXIT.data;
    case 'missing-input':
      return EXIT.missingInput;
    case 'cannot-create':
      return EXIT.cannotCreate;
    case 'io':
      return EXIT.io;
    case 'check-failed':
      return EXIT.checkFailed;
    case 'internal':
      return EXIT.internal;
  }
}
