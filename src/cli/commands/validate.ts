// `semicap validate [PATH...]`: every problem in the given datasets, one per line; exit 65 if any.
import { validateUseCase } from '../../app/validate.js';
import { bundledDataDir } from '../../data/datasets.js';
import { parseNumberArg } from '../args.js';
import { clockFrom } from '../clock.js';
import type { CommandResult, GlobalOptions } from '../context.js';
import { EXIT } from '../exit.js';

export function validate(paths: string[], opts: Record<string, unknown>, g: GlobalOptions): CommandResult {
  const targets = paths.length > 0 ? paths : [g.data ?? bundledDataDir()];
  const maxAge = opts.maxAge !== undefined ? parseNumberArg(String(opts.maxAge), '--max-age', { min: 0 }) : undefined;
  const { invalid, ...result } = validateUseCase(targets, maxAge, maxAge !== undefined ? clockFrom(process.env) : undefined);
  return { ...result, exitCode: invalid ? EXIT.data : EXIT.ok };
}
