// `semicap validate [PATH...]`: every problem in the given datasets, one per line; exit 65 if any.
import { validateUseCase } from '../../app/validate.js';
import { bundledDataDir } from '../../data/datasets.js';
import { validateReport } from '../../report/views/validate.js';
import { clockFrom } from '../clock.js';
import type { ValidateOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';
import { EXIT } from '../exit.js';

export function validate(paths: string[], { maxAge }: ValidateOptions, g: Globals): CommandResult {
  const targets = paths.length > 0 ? paths : [g.data ?? bundledDataDir()];
  const v = validateUseCase(targets, maxAge, maxAge !== undefined ? clockFrom(process.env) : undefined);
  return { report: validateReport(v), inputs: v.inputs, messages: v.messages, exitCode: v.invalid ? EXIT.data : EXIT.ok };
}
