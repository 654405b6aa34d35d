// `semicap datasets`: what is bundled (or in --data DIR): files, rows, kinds, sources.
import { datasetsUseCase } from '../../app/datasets.js';
import { bundledDataDir } from '../../data/datasets.js';
import { datasetsReport } from '../../report/views/datasets.js';
import { clockFrom } from '../clock.js';
import type { DatasetsOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';

export function datasets(_args: string[], o: DatasetsOptions, g: Globals): CommandResult {
  const today = clockFrom(process.env);
  // The sources table shows no ages.
  const { result, inputs } = datasetsUseCase(g.data ?? bundledDataDir(), { today: o.sources ? undefined : today });
  return { report: datasetsReport(result, { sources: o.sources }), inputs };
}
