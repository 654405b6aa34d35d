// `semicap self-sufficiency`: the history of one self-sufficiency series, the targets, the gap to each,
// the compound and linear growth each needs, and the year the current path reaches it (or not by --through).
// The work is src/app/self-sufficiency.ts.
import { selfSufficiencyUseCase } from '../../app/self-sufficiency.js';
import { bundledDataDir } from '../../data/datasets.js';
import { makeReport } from '../../report/model.js';
import { selfSufficiencySection } from '../../report/views/self-sufficiency.js';
import { parseAnchorArg, parseIntervalMode, parseLevels, parseNumberArg, parseYearArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';

export async function selfSufficiency(_args: string[], opts: Record<string, unknown>, g: GlobalOptions): Promise<CommandResult> {
  const { result, inputs } = await selfSufficiencyUseCase(g.data ?? bundledDataDir(), () => {
    const current = opts.current !== undefined ? parseAnchorArg(String(opts.current), '--current') : undefined;
    return {
      scope: String(opts.scope),
      through: parseYearArg(String(opts.through), '--through'),
      current: current && { year: current.year, value: current.value },
      extraTargets: ((opts.target as string[]) ?? []).map((t) => parseAnchorArg(t, '--target')).map(({ year, value }) => ({ year, value })),
      fit:
        opts.method === undefined
          ? undefined
          : {
              methods: String(opts.method),
              options: () => ({ levels: parseLevels(String(opts.level ?? '80,95')), seed: parseNumberArg(String(opts.seed ?? '42'), '--seed', { integer: true, min: 0 }), intervals: parseIntervalMode(opts.intervals) }),
            },
    };
  });
  const r = selfSufficiencySection(result);
  return { report: { ...makeReport('self-sufficiency', r.tables, r.notes, r.warnings), charts: r.charts }, inputs };
}
