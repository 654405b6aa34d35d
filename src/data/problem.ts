// Where a value went wrong and what was expected: the one shape every data error takes.
import { SemicapError } from '../errors.js';

export interface Problem {
  file: string;
  /** 1-based line in the file, when the problem belongs to a line. */
  line?: number;
  /** 1-based field number on that line, when it belongs to a field. */
  column?: number;
  message: string;
}

/** `FILE:LINE:COLUMN: message` — the form editors and CI annotators understand. */
export function formatProblem(p: Problem): string {
  let where = p.file;
  if (p.line !== undefined) where += `:${p.line}`;
  if (p.line !== undefined && p.column !== undefined) where += `:${p.column}`;
  return `${where}: ${p.message}`;
}

/**
 * A data error that keeps its Problem, so that code collecting problems (validate, loadFile) gets file, line
 * and column back instead of re-parsing the message.
 */
export class ProblemError extends SemicapError {
  readonly problem: Problem;
  constructor(problem: Problem) {
    super('data', formatProblem(problem));
    this.problem = problem;
  }
}

/** `throw problemError({ file, line, column, message })`: a data error (exit 65) located in a file. */
export const problemError = (problem: Problem): ProblemError => new ProblemError(problem);
