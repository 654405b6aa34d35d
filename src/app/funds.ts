// The funds use case: every fund figure in CNY and USD under the one currency rule (domain/units.ts
// figureInBoth: each figure at its own year's average rate unless one year is given), a source's own printed
// conversion beside the computed one, and the totals worth adding. Used by funds, overview, check and report.
import { datasetPaths, loadDatasets, type Datasets, type FundRecord } from '../data/datasets.js';
import { fxRateFor, figureInBoth, type FigureInBoth, type Range } from '../domain/units.js';
import { usageError } from '../errors.js';
import { say } from '../messages.js';

export interface ConvertedFund {
  record: FundRecord;
  conversion: FigureInBoth;
  /** The USD amount a source printed for the figure (its own conversion), its rate when stated, and that source. */
  sourceUsd: Range | null;
  sourcePerUsd: number | null;
  conversionSourceId: string | null;
}

export interface FundTotal {
  label: string;
  status: string;
  cny: Range;
  usd: Range;
  /** The rates that converted the parts, e.g. "2014: 6.162; 2019: 6.9081". */
  rates: string;
}

export interface FundsResult {
  funds: ConvertedFund[];
  totals: FundTotal[];
  /** The one year every figure was converted at (--fx-year), or undefined: each figure at its own year's rate. */
  fxYear?: number;
  /** The CNY per USD years available in fx.csv. */
  rateYears: number[];
  /** Which rates were used and where they are from; rate years that had to be replaced by the nearest. */
  notes: string[];
}

/** One fund figure in both currencies under the one rule (its own year's rate, or fxYear's). */
export function convertFund(record: FundRecord, fx: Datasets['fx'], fxYear?: number): ConvertedFund {
  const conversion = figureInBoth({ low: record.amount_low, high: record.amount_high }, record.currency, record.year, fx, fxYear);
  const printed = record.source_usd_low ?? record.source_usd_high ?? null;
  return {
    record,
    conversion,
    sourceUsd: printed === null ? null : { low: record.source_usd_low ?? printed, high: record.source_usd_high ?? printed },
    sourcePerUsd: record.source_per_usd ?? null,
    conversionSourceId: record.conversion_source_id ?? null,
  };
}

const add = (a: Range, b: Range): Range => ({ low: a.low + b.low, high: a.high + b.high });
const rateText = (parts: ConvertedFund[]) => [...new Map(parts.map((p) => [p.conversion.rateYear, p.conversion.cnyPerUsd]))].map(([y, r]) => `${y}: ${r}`).join('; ');

/** The totals worth adding: the Big Fund phases' registered capital, with and without the reported package. */
export function fundTotals(converted: readonly ConvertedFund[]): FundTotal[] {
  const registered = converted.filter((f) => f.record.fund === 'big_fund' && f.record.measure === 'registered_capital').sort((a, b) => a.record.year - b.record.year);
  const totals: FundTotal[] = [];
  let cny: Range = { low: 0, high: 0 };
  let usd: Range = { low: 0, high: 0 };
  const parts: ConvertedFund[] = [];
  for (const f of registered) {
    cny = add(cny, f.conversion.cny);
    usd = add(usd, f.conversion.usd);
    parts.push(f);
    totals.push({ label: say('funds.totalThroughPhase', { phase: f.record.phase ?? '' }), status: 'registered', cny, usd, rates: rateText(parts) });
  }
  const reported = converted.find((f) => f.record.fund === 'support_package_2025' && f.record.measure === 'package_size');
  if (reported && registered.length > 0) {
    totals.push({ label: say('funds.totalWithPackage'), status: say('funds.registeredAndReported'), cny: add(cny, reported.conversion.cny), usd: add(usd, reported.conversion.usd), rates: rateText([...parts, reported]) });
  }
  const chips = converted.find((f) => f.record.fund === 'chips_act' && f.record.measure === 'appropriation');
  if (chips) totals.push({ label: say('funds.totalChipsAct'), status: chips.record.status, cny: chips.conversion.cny, usd: chips.conversion.usd, rates: rateText([chips]) });
  return totals;
}

/** Every fund figure (or one fund's) converted, with the totals; `fxYear` converts all at one year's rate. */
export function convertFunds(data: Pick<Datasets, 'funds' | 'fx'>, opts: { fxYear?: number; fund?: string } = {}): FundsResult {
  const rateYears = [...new Set(data.fx.filter((r) => r.currency === 'CNY').map((r) => r.year))].sort((a, b) => a - b);
  if (rateYears.length === 0) throw usageError(say('error.noCnyRate'));
  // A year given on purpose must have its own rate (the nearest is used only for a figure's own year).
  if (opts.fxYear !== undefined) fxRateFor(data.fx, 'CNY', opts.fxYear);
  const selected = opts.fund !== undefined ? data.funds.filter((f) => f.fund === opts.fund) : data.funds;
  if (selected.length === 0) throw usageError(say('error.noFund', { fund: String(opts.fund), funds: [...new Set(data.funds.map((f) => f.fund))].join(', ') }));
  const funds = selected.map((f) => convertFund(f, data.fx, opts.fxYear));
  const notes: string[] = [];
  if (opts.fxYear !== undefined) {
    const row = data.fx.find((r) => r.currency === 'CNY' && r.year === opts.fxYear)!;
    notes.push(say('funds.rateAtYear', { rate: row.per_usd, year: opts.fxYear, kind: row.kind, source: row.source_id, years: rateYears.join(', ') }));
  } else {
    notes.push(say('funds.rateOwnYear', { from: rateYears[0], to: rateYears[rateYears.length - 1] }));
  }
  const estimated = data.fx.filter((r) => r.currency === 'CNY' && r.kind !== 'actual' && funds.some((f) => f.conversion.rateYear === r.year));
  for (const r of estimated) notes.push(say('funds.rateEstimated', { year: r.year, rate: r.per_usd, kind: r.kind, source: r.source_id }));
  notes.push(...new Set(funds.flatMap((f) => (f.conversion.note !== undefined ? [`${f.record.fund} ${f.record.year}: ${f.conversion.note}`] : []))));
  return { funds, totals: fundTotals(funds), ...(opts.fxYear !== undefined ? { fxYear: opts.fxYear } : {}), rateYears, notes };
}

/** `semicap funds`: the datasets of `dir` converted, the notes, and the files read. */
export function fundsUseCase(dir: string, options: { fxYear?: number; fund?: string }): { result: FundsResult; notes: string[]; inputs: string[] } {
  const data = loadDatasets(dir, ['funds', 'fx']);
  const result = convertFunds(data, options);
  const notes = [
    ...result.notes,
    say('funds.sourceConversion'),
    say('funds.rangesStay'),
  ];
  return { result, notes, inputs: datasetPaths(dir, ['funds', 'fx']) };
}
