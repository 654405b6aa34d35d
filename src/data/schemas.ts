// The bundled datasets' schemas: one long-format CSV per kind of figure, each row with a kind and a source.
// datasets/README.md documents the same columns for people; test/data/schemas.test.ts keeps the two in step.
import type { ColumnSpec, Row, Schema } from './schema.js';

export const KINDS = ['actual', 'estimate', 'forecast', 'target', 'reported'] as const;
export type Kind = (typeof KINDS)[number];

const kind: ColumnSpec = { name: 'kind', cell: { type: 'enum', values: KINDS }, description: 'what the figure is: actual, estimate, forecast (a third party\'s), target (a plan\'s), reported (press reports)' };
const sourceId: ColumnSpec = { name: 'source_id', cell: { type: 'id' }, description: 'the row of sources.csv the figure comes from' };
const notes: ColumnSpec = { name: 'notes', cell: { type: 'text' }, optional: true, mayBeAbsent: true, description: 'free text' };
const year: ColumnSpec = { name: 'year', cell: { type: 'year' }, description: 'calendar year the figure is for' };
const percent = (name: string, description: string): ColumnSpec => ({ name, cell: { type: 'number', rules: { percentSign: true }, min: 0, max: 100 }, description });

export const sourcesSchema: Schema = {
  name: 'sources',
  description: 'where each figure was read',
  key: ['source_id'],
  columns: [
    { name: 'source_id', cell: { type: 'id' }, description: 'identifier used by the other files' },
    { name: 'publisher', cell: { type: 'text' }, description: 'original publisher of the figure' },
    { name: 'title', cell: { type: 'text' }, description: 'release or article title' },
    { name: 'url', cell: { type: 'text' }, optional: true, description: 'where it was read; several separated by " ; "' },
    { name: 'published', cell: { type: 'text' }, optional: true, description: 'YYYY-MM-DD, YYYY-MM, YYYY or n.d.' },
    notes,
  ],
};

export const capacityShareSchema: Schema = {
  name: 'capacity_share',
  description: "a region's share of a capacity segment in a year",
  key: ['year', 'region', 'segment', 'source_id'],
  columns: [
    year,
    { name: 'region', cell: { type: 'id' }, description: 'region (china, taiwan, south_korea, us, japan, ...)' },
    { name: 'segment', cell: { type: 'id' }, description: 'capacity segment (mature, foundry, advanced, wafer_300mm, ...)' },
    percent('share_pct', 'share of global capacity in that segment, percent (0–100)'),
    kind,
    { name: 'definition', cell: { type: 'text' }, optional: true, mayBeAbsent: true, description: "the source's own node band or scope" },
    sourceId,
    notes,
  ],
  rowsCheck: shareSums,
};

/**
 * One source's shares of a segment in a year add up to at most 100 % (plus half a point a region for rounding, as
 * the shares command allows); beyond that, the shares command would refuse the figures later.
 */
function shareSums(rows: readonly Row[]): { line: number; column: string; message: string }[] {
  const groups = new Map<string, { sum: number; count: number; last: Row }>();
  for (const row of rows) {
    const key = `${row.year}\u0000${row.segment}\u0000${row.source_id}`;
    const g = groups.get(key) ?? { sum: 0, count: 0, last: row };
    g.sum += row.share_pct as number;
    g.count++;
    if (row.__line >= g.last.__line) g.last = row;
    groups.set(key, g);
  }
  return [...groups.values()]
    .filter((g) => g.sum > 100 + 0.5 * g.count)
    .map(({ sum, count, last: r }) => ({ line: r.__line, column: 'share_pct', message: `the ${r.segment} shares of ${r.source_id} in ${r.year} add up to ${Number(sum.toFixed(6))} % over ${count} regions; expected at most 100 % (plus half a point a region for rounding)` }));
}

export const CAPACITY_UNITS = ['wpm_8in_eq', 'wpm_12in', 'wpm_8in'] as const;

// Upper bounds far above any real figure (the world's capacity is about 3e7 wafers a month; the largest chip
// programmes are hundreds of billions) and far enough below overflow that projections and conversions of them
// stay finite: a typo such as 1e308 is found by validate, not by a projection that overflows later.
export const MAX_WPM = 1e9;
export const MAX_AMOUNT_BN = 1e6;
export const MAX_PER_USD = 1e6;

export const capacitySchema: Schema = {
  name: 'capacity',
  description: "a company's or region's capacity in wafers per month",
  key: ['year', 'period', 'entity', 'segment', 'unit', 'source_id'],
  columns: [
    year,
    { name: 'period', cell: { type: 'enum', values: ['year', 'Q1', 'Q2', 'Q3', 'Q4', 'H1', 'H2'] }, description: 'year (year-end or annual) or the quarter/half the figure is for' },
    { name: 'entity', cell: { type: 'id' }, description: 'company or region (smic, hua_hong, china, world, ...)' },
    { name: 'region', cell: { type: 'id' }, description: 'region of the entity' },
    { name: 'segment', cell: { type: 'id' }, description: 'all_fabs, wafer_300mm, wafer_200mm, ic_wafer, foundry, company' },
    { name: 'value', cell: { type: 'number', rules: { thousands: true }, above: 0, max: MAX_WPM }, description: 'wafers per month (above 0, at most 1e9)' },
    { name: 'unit', cell: { type: 'enum', values: CAPACITY_UNITS }, description: 'wpm_8in_eq (200 mm equivalents), wpm_12in (300 mm wafers), wpm_8in (200 mm wafers)' },
    kind,
    sourceId,
    notes,
  ],
};

export const CURRENCIES = ['CNY', 'USD'] as const;

export const fundsSchema: Schema = {
  name: 'funds',
  description: 'a fund or support package',
  key: ['fund', 'phase', 'measure', 'year', 'source_id'],
  columns: [
    { name: 'fund', cell: { type: 'id' }, description: 'big_fund, support_package_2025, chips_act, ...' },
    { name: 'phase', cell: { type: 'text' }, optional: true, description: 'I, II, III or empty' },
    year,
    { name: 'measure', cell: { type: 'id' }, description: 'registered_capital, total_raised, appropriation, package_size, ...' },
    { name: 'amount_low', cell: { type: 'number', rules: { thousands: true }, min: 0, max: MAX_AMOUNT_BN }, description: 'billions of currency; the low end of a range (at most 1e6)' },
    { name: 'amount_high', cell: { type: 'number', rules: { thousands: true }, min: 0, max: MAX_AMOUNT_BN }, description: 'billions of currency; equal to amount_low for a point value, never below it' },
    { name: 'currency', cell: { type: 'enum', values: CURRENCIES }, description: 'CNY or USD' },
    { name: 'status', cell: { type: 'id' }, description: 'registered, raised, enacted, reported, expected, deployed' },
    kind,
    sourceId,
    notes,
    { name: 'source_usd_low', cell: { type: 'number', rules: { thousands: true }, min: 0 }, optional: true, mayBeAbsent: true, description: "the USD amount (low end) a source printed for this figure, if any: its own conversion" },
    { name: 'source_usd_high', cell: { type: 'number', rules: { thousands: true }, min: 0 }, optional: true, mayBeAbsent: true, description: 'the USD amount (high end) a source printed; equal to source_usd_low for a point value' },
    { name: 'source_per_usd', cell: { type: 'number', min: 0.000001 }, optional: true, mayBeAbsent: true, description: 'the CNY per USD rate that source stated for its conversion (empty when not stated)' },
    { name: 'conversion_source_id', cell: { type: 'id' }, optional: true, mayBeAbsent: true, description: 'the row of sources.csv that printed the conversion' },
  ],
  rowCheck: (row) =>
    (row.amount_low as number) > (row.amount_high as number)
      ? { column: 'amount_low', message: `amount_low ${row.amount_low} is above amount_high ${row.amount_high}; expected a range written low,high (equal for a point value)` }
      : undefined,
};

export const selfSufficiencySchema: Schema = {
  name: 'self_sufficiency',
  description: 'a self-sufficiency rate or target in a year',
  key: ['year', 'scope', 'source_id'],
  columns: [
    year,
    { name: 'scope', cell: { type: 'id' }, description: 'which series (ic_production_in_china, ic_china_hq, mic2025_target, ...)' },
    percent('rate_pct', 'rate in percent (0–100)'),
    kind,
    { name: 'definition', cell: { type: 'text' }, optional: true, mayBeAbsent: true, description: 'what is divided by what' },
    sourceId,
    notes,
  ],
};

export const fxSchema: Schema = {
  name: 'fx',
  description: 'an exchange rate: units of currency per US dollar',
  key: ['year', 'currency'],
  columns: [
    year,
    { name: 'currency', cell: { type: 'enum', values: CURRENCIES }, description: 'currency quoted per USD' },
    { name: 'per_usd', cell: { type: 'number', min: 0.000001, max: MAX_PER_USD }, description: 'units of currency per USD (0.000001 to 1e6)' },
    kind,
    sourceId,
    notes,
  ],
};

export const INDICATOR_UNITS = ['percent', 'pct_per_year', 'USD_bn', 'CNY_bn'] as const;

export const indicatorsSchema: Schema = {
  name: 'indicators',
  description: 'another figure over a period: a growth rate, a spending or support total',
  key: ['year_from', 'year_to', 'region', 'measure', 'source_id'],
  columns: [
    { name: 'year_from', cell: { type: 'year' }, description: 'first year of the period the figure covers' },
    { name: 'year_to', cell: { type: 'year' }, description: 'last year of the period (the year itself for a one-year figure)' },
    { name: 'region', cell: { type: 'id' }, description: 'region (china, world, ...)' },
    { name: 'measure', cell: { type: 'id' }, description: 'what is measured (state_semiconductor_spending, capacity_cagr_12in_mature, ...)' },
    { name: 'value_low', cell: { type: 'number', rules: { thousands: true } }, description: 'the value, or the low end of a range' },
    { name: 'value_high', cell: { type: 'number', rules: { thousands: true } }, description: 'equal to value_low for a point value' },
    { name: 'unit', cell: { type: 'enum', values: INDICATOR_UNITS }, description: 'percent, pct_per_year, USD_bn or CNY_bn' },
    kind,
    { name: 'definition', cell: { type: 'text' }, optional: true, mayBeAbsent: true, description: "the source's own definition" },
    sourceId,
    notes,
  ],
};

/** Every bundled dataset, in the order `validate` and `datasets` list them. */
export const DATASET_SCHEMAS: readonly Schema[] = [sourcesSchema, capacityShareSchema, capacitySchema, fundsSchema, selfSufficiencySchema, fxSchema, indicatorsSchema];

export function schemaForFile(fileName: string): Schema | undefined {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '');
  return DATASET_SCHEMAS.find((s) => s.name === base);
}
