// The funds use case's tables: every figure in CNY and USD with its rate, and the totals worth adding (shown by
// funds, overview and report).
import type { ConvertedFund, FundsResult } from '../../app/funds.js';
import type { Table } from '../model.js';
import { say } from '../../messages.js';

const label = (f: ConvertedFund) => (f.record.phase ? say('funds.fundPhase', { fund: f.record.fund, phase: f.record.phase }) : f.record.fund);

const cols = (c: { cny: { low: number; high: number }; usd: { low: number; high: number } }) => ({ cny_bn_low: c.cny.low, cny_bn_high: c.cny.high, usd_bn_low: c.usd.low, usd_bn_high: c.usd.high });

const MONEY_COLUMNS = [
  { key: 'cny_bn_low', header: 'CNY bn low', type: 'number' as const, digits: 1, unit: 'CNY_bn' },
  { key: 'cny_bn_high', header: 'CNY bn high', type: 'number' as const, digits: 1, unit: 'CNY_bn' },
  { key: 'usd_bn_low', header: 'USD bn low', type: 'number' as const, digits: 1, unit: 'USD_bn' },
  { key: 'usd_bn_high', header: 'USD bn high', type: 'number' as const, digits: 1, unit: 'USD_bn' },
];

/** The totals table of a funds result (also shown by the overview). */
export function totalsTable(result: FundsResult): Table {
  return {
    name: 'totals',
    title: say('funds.totalsTitle'),
    columns: [{ key: 'total', header: 'total' }, ...MONEY_COLUMNS, { key: 'status', header: 'status' }, { key: 'cny_per_usd', header: 'CNY per USD (year: rate)' }],
    rows: result.totals.map((t) => ({ total: t.label, ...cols(t), status: t.status, cny_per_usd: t.rates })),
  };
}

export function fundsTables(result: FundsResult): Table[] {
  const rows = result.funds.map((f) => ({
    fund: label(f),
    year: f.record.year,
    measure: f.record.measure,
    status: f.record.status,
    kind: f.record.kind,
    ...cols(f.conversion),
    cny_per_usd: f.conversion.cnyPerUsd,
    fx_year: f.conversion.rateYear,
    source_usd_low: f.sourceUsd?.low ?? null,
    source_usd_high: f.sourceUsd?.high ?? null,
    source_per_usd: f.sourcePerUsd,
    published_in: f.record.currency,
    source_id: f.record.source_id,
    conversion_source_id: f.conversionSourceId,
  }));
  return [
    {
      name: 'funds',
      title: result.fxYear !== undefined ? say('funds.titleAtYear', { year: result.fxYear }) : say('funds.titleOwnYear'),
      columns: [
        { key: 'fund', header: 'fund' },
        { key: 'year', header: 'year', type: 'int' },
        { key: 'measure', header: 'measure' },
        { key: 'status', header: 'status' },
        { key: 'kind', header: 'kind' },
        ...MONEY_COLUMNS,
        { key: 'cny_per_usd', header: 'CNY per USD', type: 'number', digits: 4 },
        { key: 'fx_year', header: 'rate of', type: 'int' },
        { key: 'source_usd_low', header: "source's USD bn low", type: 'number', digits: 1, unit: 'USD_bn' },
        { key: 'source_usd_high', header: "source's USD bn high", type: 'number', digits: 1, unit: 'USD_bn' },
        { key: 'source_per_usd', header: "source's CNY per USD", type: 'number', digits: 4 },
        { key: 'published_in', header: 'published in' },
        { key: 'source_id', header: 'source_id' },
        { key: 'conversion_source_id', header: 'conversion source' },
      ],
      rows,
    },
    totalsTable(result),
  ];
}
