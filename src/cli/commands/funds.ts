// `semicap funds`: funds and support packages in CNY and USD, each figure at its own year's average rate (or one
// --fx-year), the rate and year beside each, a source's own conversion beside the computed one, ranges kept as
// low–high, cumulative totals, and the US CHIPS Act beside them. Figures of different measures are never summed.
import { fundsUseCase } from '../../app/funds.js';
import { bundledDataDir } from '../../data/datasets.js';
import { makeReport } from '../../report/model.js';
import { fundsTables } from '../../report/views/funds.js';
import type { FundsOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';

export function funds(_args: string[], o: FundsOptions, g: Globals): CommandResult {
  const dir = g.data ?? bundledDataDir();
  const { result, notes, inputs } = fundsUseCase(dir, { fxYear: o.fxYear, fund: o.fund });
  return { report: makeReport('funds', fundsTables(result), notes), inputs };
}
