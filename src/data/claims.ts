// A claims file (datasets/claims.csv, or a user's own for any article): one claim a row — its text in Chinese and
// English, the figure, the year, and what it measures as a dataset plus selector — validated with every problem
// located at FILE:LINE:COLUMN.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { FIGURE_TYPES, type Claim, type FigureType } from '../domain/claims.js';
import { bundledDataDir, loadFile } from './datasets.js';
import { formatProblem, type Problem } from './problem.js';
import type { Row, Schema } from './schema.js';
import { KINDS, type Kind } from './schemas.js';
import { dataError } from '../errors.js';

/** The datasets a claim can point at, the columns its selector may name, and the column that names the definition. */
export const CLAIM_DATASETS: Record<string, { keys: readonly string[]; relax?: string }> = {
  capacity_share: { keys: ['region', 'segment', 'source_id'], relax: 'segment' },
  capacity: { keys: ['entity', 'region', 'segment', 'period', 'unit', 'source_id'], relax: 'segment' },
  funds: { keys: ['fund', 'phase', 'measure', 'status', 'currency', 'source_id'], relax: 'measure' },
  self_sufficiency: { keys: ['scope', 'source_id'], relax: 'scope' },
  indicators: { keys: ['region', 'measure', 'unit', 'source_id'] },
};

export const CLAIM_UNITS = ['percent', 'wpm_8in_eq', 'wpm_12in', 'wpm_8in', 'CNY_bn', 'USD_bn', 'pct_per_year', 'times', 'years'] as const;

export const claimsSchema: Schema = {
  name: 'claims',
  description: "an article's claims: text, figure, year and the dataset figures that measure the same thing",
  key: ['claim_id'],
  columns: [
    { name: 'claim_id', cell: { type: 'id' }, description: 'identifier of the claim' },
    { name: 'headline', cell: { type: 'enum', values: ['yes', 'no'] }, optional: true, mayBeAbsent: true, description: 'yes: shown in the overview' },
    { name: 'text_zh', cell: { type: 'text' }, optional: true, mayBeAbsent: true, description: 'the claim in Chinese' },
    { name: 'text_en', cell: { type: 'text' }, description: 'the claim in English' },
    { name: 'dataset', cell: { type: 'enum', values: Object.keys(CLAIM_DATASETS) }, description: 'the dataset whose figures measure the claim' },
    { name: 'selector', cell: { type: 'text' }, optional: true, mayBeAbsent: true, description: 'KEY=VALUE pairs separated by spaces (VALUE may list alternatives a|b): the definition' },
    { name: 'figure', cell: { type: 'enum', values: FIGURE_TYPES }, description: 'value, at_least, path (from_value in from_year → value) or multiple (value = ratio since from_year)' },
    { name: 'from_year', cell: { type: 'year' }, optional: true, mayBeAbsent: true, description: 'start of a path, a multiple or a period ("since 2014")' },
    { name: 'from_value', cell: { type: 'number', rules: { percentSign: true, thousands: true } }, optional: true, mayBeAbsent: true, description: 'the value at from_year of a path' },
    { name: 'year', cell: { type: 'year' }, description: 'the year the figure is for' },
    { name: 'value', cell: { type: 'number', rules: { percentSign: true, thousands: true } }, description: 'the claimed figure (the low end of a range)' },
    { name: 'value_high', cell: { type: 'number', rules: { percentSign: true, thousands: true } }, optional: true, mayBeAbsent: true, description: 'the high end of a claimed range' },
    { name: 'unit', cell: { type: 'enum', values: CLAIM_UNITS }, description: 'unit of value' },
    { name: 'kind', cell: { type: 'enum', values: KINDS }, optional: true, mayBeAbsent: true, description: 'what the claim says the figure is: actual, estimate, forecast, target, reported' },
    { name: 'tolerance', cell: { type: 'number', min: 0 }, optional: true, mayBeAbsent: true, description: 'agreement tolerance in the unit (default 1 for percent, else 2 % of value)' },
    { name: 'source', cell: { type: 'text' }, optional: true, mayBeAbsent: true, description: 'the publisher the article names or implies' },
    { name: 'caveat', cell: { type: 'text' }, optional: true, mayBeAbsent: true, description: "an analyst's note, shown with the verdict" },
  ],
};

export const bundledClaimsPath = (datasetsDir: string) => join(datasetsDir, 'claims.csv');

/** A folder's own claims.csv, or undefined when it has none (the file is optional in a --data folder). */
export function ownClaimsPath(dir: string): string | undefined {
  return existsSync(bundledClaimsPath(dir)) ? bundledClaimsPath(dir) : undefined;
}

/** The claims file of a folder of datasets: its own claims.csv, else the bundled article's. */
export function folderClaimsPath(dir: string): string {
  return ownClaimsPath(dir) ?? bundledClaimsPath(bundledDataDir());
}

const str = (v: unknown): string | null => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);

/** The checks a schema cannot make: selector keys that fit the dataset, the columns a figure type needs. */
function claimProblems(row: Row, file: string, columnOf: (name: string) => number | undefined): { claim?: Claim; problems: Problem[] } {
  const problems: Problem[] = [];
  const at = (name: string, message: string) => problems.push({ file, line: row.__line, column: columnOf(name), message });
  const dataset = String(row.dataset);
  const spec = CLAIM_DATASETS[dataset];
  const selector: Record<string, string[]> = Object.create(null);
  for (const part of String(row.selector ?? '').split(/[;\s]+/).filter((p) => p !== '')) {
    const m = /^([a-z_]+)=([^=]+)$/.exec(part);
    if (!m) {
      at('selector', `selector part '${part}' is not KEY=VALUE; expected e.g. region=china segment=mature`);
      continue;
    }
    if (!spec.keys.includes(m[1])) at('selector', `dataset '${dataset}' has no selector key '${m[1]}'; expected ${spec.keys.join(', ')}`);
    else selector[m[1]] = m[2].split('|').filter((v) => v !== '');
  }
  const figure = row.figure as FigureType;
  if ((figure === 'path' || figure === 'multiple') && row.from_year === null) at('from_year', `from_year is empty; a ${figure} claim needs the year it starts from`);
  if (figure === 'path' && row.from_value === null) at('from_value', 'from_value is empty; a path claim needs the value it starts from');
  if (row.from_year !== null && (row.from_year as number) > (row.year as number)) at('from_year', `from_year ${row.from_year} is after year ${row.year}; expected an earlier year`);
  if (row.value_high !== null && (row.value_high as number) < (row.value as number)) at('value_high', `value_high ${row.value_high} is below value ${row.value}; expected the high end of the range`);
  if (figure === 'multiple' && row.unit !== 'times') at('unit', `unit '${row.unit}' does not fit a multiple; expected times`);
  if (problems.length > 0) return { problems };
  return {
    problems,
    claim: {
      id: String(row.claim_id),
      headline: row.headline === 'yes',
      textZh: str(row.text_zh) ?? String(row.text_en),
      textEn: String(row.text_en),
      dataset,
      selector,
      figure,
      fromYear: num(row.from_year),
      fromValue: num(row.from_value),
      year: row.year as number,
      value: row.value as number,
      valueHigh: num(row.value_high),
      unit: String(row.unit),
      kind: (str(row.kind) as Kind | null) ?? null,
      tolerance: num(row.tolerance),
      source: str(row.source),
      caveat: str(row.caveat),
      line: row.__line,
    },
  };
}

/** Every problem of a claims file (empty when it is valid) and its claims. */
export function checkClaimsFile(path: string): { claims: Claim[]; problems: Problem[] } {
  const loaded = loadFile(path, claimsSchema, { plainFirst: true });
  const header = loaded.header ?? [];
  const columnOf = (name: string) => (header.indexOf(name) >= 0 ? header.indexOf(name) + 1 : undefined);
  const claims: Claim[] = [];
  const problems: Problem[] = [];
  for (const row of loaded.rows) {
    const checked = claimProblems(row, path, columnOf);
    problems.push(...checked.problems);
    if (checked.claim) claims.push(checked.claim);
  }
  // Cell problems and claim problems together, in file order.
  const all = [...loaded.problems, ...problems].sort((x, y) => (x.line ?? 0) - (y.line ?? 0) || (x.column ?? 0) - (y.column ?? 0));
  return { claims: all.length > 0 ? [] : claims, problems: all };
}

/** The claims of a file; any problem is a data error naming the first one at FILE:LINE:COLUMN (exit 65). */
export function loadClaims(path: string): Claim[] {
  const { claims, problems } = checkClaimsFile(path);
  if (problems.length > 0) {
    const more = problems.length > 1 ? ` (${problems.length - 1} more)` : '';
    throw dataError(formatProblem(problems[0]) + more);
  }
  return claims;
}
