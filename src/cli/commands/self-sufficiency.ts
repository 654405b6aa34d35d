// `semicap self-sufficiency`: the history of one self-sufficiency series, the targets, the gap to each,
// the compound and linear growth each needs, and the year the current path reaches it (or not by --through).
// The work is src/app/self-sufficiency.ts.
import { selfSufficiencyUseCase } from '../../app/self-sufficiency.js';
import { bundledDataDir } from '../../data/datasets.js';
import { makeReport } from '../../report/model.js';
import type { SelfSufficiencyOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';
import { selfSufficiencySection } from '../../report/views/self-sufficiency.js';

export async function selfSufficiency(_args: string[], o: SelfSufficiencyOptions, g: Globals): Promise<CommandResult> {
  const { result, inputs } = await selfSufficiencyUseCase(g.data ?? bundledDataDir(), {
    scope: o.scope,
    lookTo: o.lookTo,
    current: o.current && { year: o.current.year, value: o.current.value },
    extraTargets: o.target.map(({ year, value }) => ({ year, value })),
    fit: o.method === undefined ? undefined : { methods: o.method, options: { levels: o.level, seed: o.seed, intervals: o.intervals } },
  });
  const r = selfSufficiencySection(result);
  return { report: { ...makeReport('self-sufficiency', r.tables, r.notes, r.warnings), charts: r.charts }, inputs };
}
