// Errors are values with a kind; the CLI maps kinds to exit codes in one place (src/cli/exit.ts).

export type ErrorKind =
  | 'usage' // bad command line: exit 2
  | 'data' // bad input data: exit 65
  | 'missing-input' // an input file that is missing or unreadable: exit 66
  | 'cannot-create' // an output that cannot be created: exit 73
  | 'io' // an output that failed while written: exit 74
  | 'check-failed' // a check that ran and failed: exit 1
  | 'internal'; // a bug: exit 70

// Where an error was raised is shown only with --debug: errors made during a run without it record no stack (a
// cost on input that fails in thousands of places). Counted per run: the tests run the CLI several times at once.
let runsHidingStacks = 0;
let runsShowingStacks = 0;

/** Whether an error made now records its stack: outside runs (worker threads, libraries' own use) and in --debug runs. */
export const recordingStacks = (): boolean => runsShowingStacks > 0 || runsHidingStacks === 0;

/** Runs `body` recording errors' stacks or not; `show()` switches to recording once --debug is known (from a config file). */
export async function withErrorStacks<T>(shown: boolean, body: (show: () => void) => Promise<T>): Promise<T> {
  let showing = shown;
  if (showing) runsShowingStacks++;
  else runsHidingStacks++;
  const show = () => {
    if (showing) return;
    showing = true;
    runsHidingStacks--;
    runsShowingStacks++;
  };
  try {
    return await body(show);
  } finally {
    if (showing) runsShowingStacks--;
    else runsHidingStacks--;
  }
}

/** Runs `make` with no stack recorded for the errors it makes, unless recordingStacks(). */
export function unlessRecordingStacks<T>(make: () => T): T {
  if (recordingStacks()) return make();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return make();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

export class SemicapError extends Error {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string) {
    const limit = Error.stackTraceLimit;
    if (!recordingStacks()) Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
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
