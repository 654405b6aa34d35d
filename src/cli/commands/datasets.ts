// `semicap datasets`: what is bundled (or in --data DIR): files, rows, kinds, sources.
import { datasetsUseCase } from '../../app/datasets.js';
import { bundledDataDir } from '../../data/datasets.js';
import { clockFrom } from '../clock.js';
import type { CommandResult, GlobalOptions } from '../context.js';

export function datasets(_args: string[], opts: Record<string, unknown>, g: GlobalOptions): CommandResult {
  return datasetsUseCase(g.data ?? bundledDataDir(), { sources: Boolean(opts.sources), today: opts.series !== false ? clockFrom(process.env) : undefined });
}
