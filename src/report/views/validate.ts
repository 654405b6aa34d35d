// The validate use case's tables: every file checked with its rows and problems, then every problem at its line
// and column (shown by validate and report).
import type { ValidationResult } from '../../app/validate.js';
import { formatProblem } from '../../data/problem.js';
import { makeReport, type Report } from '../model.js';
import { say } from '../../messages.js';

/** The files table, the problems table (when there are problems), and the summary before the use case's notes. */
export function validateReport(v: ValidationResult): Report {
  const { files, problems } = v;
  const fileRows = files.map((f) => ({
    file: f.path,
    dataset: f.dataset,
    rows: f.rows,
    problems: problems.filter((p) => p.file === f.path).length,
    status: problems.some((p) => p.file === f.path) ? 'invalid' : 'ok',
  }));
  const problemRows = problems.map((p) => ({ file: p.file, line: p.line ?? null, column: p.column ?? null, message: p.message, where: formatProblem(p) }));
  const report = makeReport('validate', [
    {
      name: 'files',
      title: say('validate.filesTitle'),
      columns: [
        { key: 'file', header: 'file' },
        { key: 'dataset', header: 'dataset' },
        { key: 'rows', header: 'rows', type: 'int' },
        { key: 'problems', header: 'problems', type: 'int' },
        { key: 'status', header: 'status' },
      ],
      rows: fileRows,
    },
    ...(problems.length > 0
      ? [
          {
            name: 'problems',
            title: say('validate.problemsTitle'),
            columns: [
              { key: 'file', header: 'file' },
              { key: 'line', header: 'line', type: 'int' as const },
              { key: 'column', header: 'column', type: 'int' as const },
              { key: 'message', header: 'message' },
            ],
            rows: problemRows,
          },
        ]
      : []),
  ]);
  const summary = problems.length === 0 ? say('validate.allValid', { count: files.length }) : say('validate.problems', { count: problems.length, files: new Set(problems.map((p) => p.file)).size });
  report.notes.push(summary, ...v.notes);
  return report;
}
