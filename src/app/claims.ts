// The claims use case: load a claims file (the bundled article's, or the user's) and the datasets, turn every
// dataset row into a common Figure, and judge each claim by the rule in src/domain/claims.ts.
import { CLAIM_DATASETS, folderClaimsPath, loadClaims } from '../data/claims.js';
import { bundledDataDir, datasetPaths, loadDatasets, type Datasets, type DatasetName } from '../data/datasets.js';
import { judgeClaim, type Claim, type Convert, type Figure, type Judgement } from '../domain/claims.js';
import { convertCapacity, convertCurrency, type CapacityUnit, CAPACITY_UNITS } from '../domain/units.js';

export const CLAIM_INPUT_DATASETS: DatasetName[] = ['capacity_share', 'capacity', 'funds', 'self_sufficiency', 'fx', 'indicators'];

/** Every row of the datasets a claim can point at, as a Figure (keys a selector can name, value, unit, kind, source). */
export function figuresOf(data: Datasets): Figure[] {
  const sources = new Map(data.sources.map((s) => [s.source_id, s]));
  const base = (sourceId: string) => ({ sourceId, publisher: sources.get(sourceId)?.publisher ?? sourceId, published: sources.get(sourceId)?.published ?? null });
  return [
    ...data.capacityShare.map((r) => ({ dataset: 'capacity_share', keys: { region: r.region, segment: r.segment, source_id: r.source_id }, yearFrom: null, year: r.year, period: null, low: r.share_pct, high: r.share_pct, unit: 'percent', kind: r.kind, ...base(r.source_id) })),
    ...data.capacity.map((r) => ({ dataset: 'capacity', keys: { entity: r.entity, region: r.region, segment: r.segment, period: r.period, unit: r.unit, source_id: r.source_id }, yearFrom: null, year: r.year, period: r.period, low: r.value, high: r.value, unit: r.unit, kind: r.kind, ...base(r.source_id) })),
    ...data.funds.map((r) => ({ dataset: 'funds', keys: { fund: r.fund, phase: r.phase ?? '', measure: r.measure, status: r.status, currency: r.currency, source_id: r.source_id }, yearFrom: null, year: r.year, period: null, low: r.amount_low, high: r.amount_high, unit: `${r.currency}_bn`, kind: r.kind, ...base(r.source_id) })),
    ...data.selfSufficiency.map((r) => ({ dataset: 'self_sufficiency', keys: { scope: r.scope, source_id: r.source_id }, yearFrom: null, year: r.year, period: null, low: r.rate_pct, high: r.rate_pct, unit: 'percent', kind: r.kind, ...base(r.source_id) })),
    ...data.indicators.map((r) => ({ dataset: 'indicators', keys: { region: r.region, measure: r.measure, unit: r.unit, source_id: r.source_id }, yearFrom: r.year_from, year: r.year_to, period: null, low: r.value_low, high: r.value_high, unit: r.unit, kind: r.kind, ...base(r.source_id) })),
  ];
}

const isCapacityUnit = (u: string): u is CapacityUnit => (CAPACITY_UNITS as readonly string[]).includes(u);
const CURRENCY_UNITS: Record<string, string> = { CNY_bn: 'CNY', USD_bn: 'USD' };

/** Conversions a claim may need: wafer units (300 mm = 2.25 × 200 mm-equivalent) and CNY/USD at the figure's year's rate. */
export function converterFor(data: Datasets): Convert {
  return (figure, unit) => {
    if (isCapacityUnit(figure.unit) && isCapacityUnit(unit)) return { low: convertCapacity(figure.low, figure.unit, unit), high: convertCapacity(figure.high, figure.unit, unit) };
    const from = CURRENCY_UNITS[figure.unit];
    const to = CURRENCY_UNITS[unit];
    if (from === undefined || to === undefined) return null;
    const c = convertCurrency({ low: figure.low, high: figure.high }, from, to, data.fx, figure.year, { nearest: true });
    const rate = c.rates[0];
    return { low: c.amount.low, high: c.amount.high, fx: rate ? { low: figure.low, high: figure.high, unit: figure.unit, year: rate.year, perUsd: rate.perUsd } : undefined };
  };
}

export interface ClaimsRun {
  judgements: Judgement[];
  /** The files read (the claims file and the datasets): --out never overwrites one. */
  inputs: string[];
  claimsFile: string;
}

/** Judges the claims of `file` (default: the bundled datasets/claims.csv) against the datasets in `dataDir`. */
export function checkClaims(opts: { file?: string; dataDir?: string; headlinesOnly?: boolean }): ClaimsRun {
  const dir = opts.dataDir ?? bundledDataDir();
  // A --data folder's own claims.csv, else the bundled article's.
  const claimsFile = opts.file ?? folderClaimsPath(dir);
  const claims = loadClaims(claimsFile).filter((c) => !opts.headlinesOnly || c.headline);
  const data = loadDatasets(dir, CLAIM_INPUT_DATASETS);
  return { judgements: judgeClaims(claims, data), inputs: [claimsFile, ...datasetPaths(dir, CLAIM_INPUT_DATASETS)], claimsFile };
}

export function judgeClaims(claims: readonly Claim[], data: Datasets): Judgement[] {
  const figures = figuresOf(data);
  const convert = converterFor(data);
  return claims.map((c) => judgeClaim(c, figures, convert, CLAIM_DATASETS[c.dataset]?.relax));
}
