// `semicap funds`: funds and support packages in CNY and USD at a stated year's rate, ranges kept as
// low–high, cumulative totals, and the US CHIPS Act beside them. Figures of different measures are never summed.
import { bundledDataDir, datasetPaths, loadDatasets, type FundRecord } from '../../data/datasets.js';
import { convertCurrency, fxRateFor, type FxRate } from '../../domain/units.js';
import { usageError } from '../../errors.js';
import { makeReport, type Table } from '../../report/model.js';
import { parseYearArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';

interface Converted {
  cnyLow: number;
  cnyHigh: number;
  usdLow: number;
  usdHigh: number;
}

function toBoth(r: { amount_low: number; amount_high: number; currency: string }, rates: readonly FxRate[], year: number): Converted {
  const range = { low: r.amount_low, high: r.amount_high };
  const cny = convertCurrency(range, r.currency, 'CNY', rates, year).amount;
  const usd = convertCurrency(range, r.currency, 'USD', rates, year).amount;
  return { cnyLow: cny.low, cnyHigh: cny.high, usdLow: usd.low, usdHigh: usd.high };
}

const label = (r: FundRecord) => `${r.fund}${r.phase ? ` ${r.phase}` : ''}`;

/** The totals worth adding: the Big Fund phases' registered capital, with and without the reported package. */
export function fundTotals(funds: FundRecord[], rates: readonly FxRate[], fxYear: number): Table['rows'] {
  const registered = funds.filter((f) => f.fund === 'big_fund' && f.measure === 'registered_capital').sort((a, b) => a.year - b.year);
  const rows: Table['rows'] = [];
  const running = { cnyLow: 0, cnyHigh: 0, usdLow: 0, usdHigh: 0 };
  const add = (c: Converted) => {
    running.cnyLow += c.cnyLow;
    running.cnyHigh += c.cnyHigh;
    running.usdLow += c.usdLow;
    running.usdHigh += c.usdHigh;
  };
  for (const f of registered) {
    add(toBoth(f, rates, fxYear));
    rows.push({ total: `Big Fund through phase ${f.phase} (registered capital, cumulative)`, ...cols(running), status: 'registered' });
  }
  const reported = funds.find((f) => f.fund === 'support_package_2025' && f.measure === 'package_size');
  if (reported && registered.length > 0) {
    add(toBoth(reported, rates, fxYear));
    rows.push({ total: 'Big Fund I–III + reported 2025 package (range)', ...cols(running), status: 'registered + reported' });
  }
  const chips = funds.find((f) => f.fund === 'chips_act' && f.measure === 'appropriation');
  if (chips) rows.push({ total: 'US CHIPS Act appropriation (for comparison)', ...cols(toBoth(chips, rates, fxYear)), status: chips.status });
  return rows;
}

const cols = (c: Converted) => ({ cny_bn_low: c.cnyLow, cny_bn_high: c.cnyHigh, usd_bn_low: c.usdLow, usd_bn_high: c.usdHigh });

const MONEY_COLUMNS = [
  { key: 'cny_bn_low', header: 'CNY bn low', type: 'number' as const, digits: 1 },
  { key: 'cny_bn_high', header: 'CNY bn high', type: 'number' as const, digits: 1 },
  { key: 'usd_bn_low', header: 'USD bn low', type: 'number' as const, digits: 1 },
  { key: 'usd_bn_high', header: 'USD bn high', type: 'number' as const, digits: 1 },
];

export function fundsTables(funds: FundRecord[], rates: readonly FxRate[], fxYear: number): Table[] {
  const rows = funds.map((f) => ({
    fund: label(f),
    year: f.year,
    measure: f.measure,
    status: f.status,
    kind: f.kind,
    ...cols(toBoth(f, rates, fxYear)),
    published_in: f.currency,
    source_id: f.source_id,
  }));
  return [
    {
      name: 'funds',
      title: `Funds and packages (converted at ${fxYear} rates)`,
      columns: [
        { key: 'fund', header: 'fund' },
        { key: 'year', header: 'year', type: 'int' },
        { key: 'measure', header: 'measure' },
        { key: 'status', header: 'status' },
        { key: 'kind', header: 'kind' },
        ...MONEY_COLUMNS,
        { key: 'published_in', header: 'published in' },
        { key: 'source_id', header: 'source_id' },
      ],
      rows,
    },
    {
      name: 'totals',
      title: 'Totals (registered capital only; other measures are not added)',
      columns: [{ key: 'total', header: 'total' }, ...MONEY_COLUMNS, { key: 'status', header: 'status' }],
      rows: fundTotals(funds, rates, fxYear),
    },
  ];
}

export function funds(_args: string[], opts: Record<string, unknown>, g: GlobalOptions): CommandResult {
  const dir = g.data ?? bundledDataDir();
  const data = loadDatasets(dir, ['funds', 'fx']);
  const cnyYears = data.fx.filter((r) => r.currency === 'CNY').map((r) => r.year);
  if (cnyYears.length === 0) throw usageError('fx.csv has no CNY rate; funds cannot be converted');
  const fxYear = opts.fxYear !== undefined ? parseYearArg(String(opts.fxYear), '--fx-year') : Math.max(...cnyYears);
  const rate = fxRateFor(data.fx, 'CNY', fxYear);
  const selected = opts.fund !== undefined ? data.funds.filter((f) => f.fund === opts.fund) : data.funds;
  if (selected.length === 0) throw usageError(`no fund '${String(opts.fund)}'; expected one of ${[...new Set(data.funds.map((f) => f.fund))].join(', ')}`);
  const fxRow = data.fx.find((r) => r.currency === 'CNY' && r.year === fxYear);
  const notes = [
    `CNY per USD ${rate.perUsd} (${fxYear}, ${fxRow?.kind ?? 'rate'}, ${fxRow?.source_id ?? ''}); choose another year with --fx-year (${cnyYears.join(', ')})`,
    'Ranges stay ranges: a reported RMB 200–500 bn package is low 200, high 500 in every currency.',
  ];
  return { report: makeReport('funds', fundsTables(selected, data.fx, fxYear), notes), inputs: datasetPaths(dir, ['funds', 'fx']) };
}
