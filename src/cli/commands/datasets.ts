// `semicap datasets`: what is bundled (or in --data DIR): files, rows, kinds, sources.
import { datasetsUseCase } from '../../app/datasets.js';
import { bundledDataDir } from '../../data/datasets.js';
import { clockFrom } from '../clock.js';
import type { DatasetsOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';

export function datasets(_args: string[], o: DatasetsOptions, g: Globals): CommandResult {
  return datasetsUseCase(g.data ?? bundledDataDir(), { sources: o.sources, today: clockFrom(process.env) });
}
