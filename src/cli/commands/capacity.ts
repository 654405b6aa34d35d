// `semicap capacity`: a region's share of a capacity segment projected through each source's own figures
// (sources are never averaged or mixed), or capacity in wafers per month (--metric wpm). The work is src/app/capacity.ts.
import { capacityUseCase } from '../../app/capacity.js';
import { bundledDataDir } from '../../data/datasets.js';
import { makeReport } from '../../report/model.js';
import type { CapacityOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';
import { defaultThrough } from '../../domain/horizons.js';
import { capacitySection } from '../../report/views/capacity.js';

export async function capacity(_args: string[], o: CapacityOptions, g: Globals): Promise<CommandResult> {
  const { result, inputs } = await capacityUseCase(g.data ?? bundledDataDir(), {
    metric: o.metric,
    region: o.region ?? 'china',
    segment: o.segment,
    source: o.source,
    methods: o.method,
    through: o.through ?? defaultThrough(),
    levels: o.level,
    seed: o.seed,
    intervals: o.intervals,
    unit: o.unit,
  });
  const r = capacitySection(result);
  return { report: { ...makeReport('capacity', r.tables, r.notes, r.warnings), charts: r.charts }, inputs };
}
