// `semicap funds`: funds and support packages in CNY and USD, each figure at its own year's average rate (or one
// --fx-year), the rate and year beside each, a source's own conversion beside the computed one, ranges kept as
// low–high, cumulative totals, and the US CHIPS Act beside them. Figures of different measures are never summed.
import { fundsUseCase } from '../../app/funds.js';
import { bundledDataDir } from '../../data/datasets.js';
import { makeReport } from '../../report/model.js';
import { fundsTables } from '../../report/views/funds.js';
import { parseYearArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';

export function funds(_args: string[], opts: Record<string, unknown>, g: GlobalOptions): CommandResult {
  const dir = g.data ?? bundledDataDir();
  const { result, notes, inputs } = fundsUseCase(dir, () => ({ fxYear: opts.fxYear !== undefined ? parseYearArg(String(opts.fxYear), '--fx-year') : undefined, fund: opts.fund as string | undefined }));
  return { report: makeReport('funds', fundsTables(result), notes), inputs };
}
