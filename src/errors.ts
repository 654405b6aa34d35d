// Errors are values with a kind; the CLI maps kinds to exit codes in one place (src/cli/exit.ts).

export type ErrorKind =
  | 'usage' // bad command line: exit 2
  | 'data' // bad input data: exit 65
  | 'missing-input' // an input file that is missing or unreadable: exit 66
  | 'cannot-create' // an output that cannot be created: exit 73
  | 'io' // an output that failed while written: exit 74
  | 'check-failed' // a check that ran and failed: exit 1
  | 'internal'; // a bug: exit 70

export class SemicapError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    super(message);
    this.name = 'SemicapError';
    this.kind = kind;
  }
}

export const usageError = (message: string) => new SemicapError('usage', message);
export const dataError = (message: string) => new SemicapError('data', message);
export const missingInputError = (message: string) => new SemicapError('missing-input', message);
export const cannotCreateError = (message: string) => new SemicapError('cannot-create', message);
export const ioError = (message: string) => new SemicapError('io', message);

export const isSemicapError = (e: unknown): e is SemicapError => e instanceof SemicapError;
