// `semicap capacity`: a region's share of a capacity segment projected through each source's own figures
// (sources are never averaged or mixed), or capacity in wafers per month (--metric wpm). The work is src/app/capacity.ts.
import { capacityUseCase } from '../../app/capacity.js';
import { bundledDataDir } from '../../data/datasets.js';
import { makeReport } from '../../report/model.js';
import { capacitySection } from '../../report/views/capacity.js';
import { parseIntervalMode, parseLevels, parseNumberArg, parseYearArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';

export async function capacity(_args: string[], opts: Record<string, unknown>, g: GlobalOptions): Promise<CommandResult> {
  const { result, inputs } = await capacityUseCase(g.data ?? bundledDataDir(), {
    metric: opts.metric === 'wpm' ? 'wpm' : 'share',
    region: String(opts.region ?? 'china'),
    segment: opts.segment as string | undefined,
    source: opts.source as string | undefined,
    methods: String(opts.method),
    through: parseYearArg(String(opts.through), '--through'),
    levels: parseLevels(String(opts.level ?? '80,95')),
    seed: parseNumberArg(String(opts.seed ?? '42'), '--seed', { integer: true, min: 0 }),
    intervals: parseIntervalMode(opts.intervals),
    unit: opts.unit as string | undefined,
  });
  const r = capacitySection(result);
  return { report: { ...makeReport('capacity', r.tables, r.notes, r.warnings), charts: r.charts }, inputs };
}
