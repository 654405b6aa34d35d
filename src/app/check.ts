// The check use case: rule files parsed and checked (every problem at FILE:LINE:COLUMN), and each rule's figure
// evaluated on the datasets through the same use cases the commands use (capacity, self-sufficiency's current
// path, funds, claims). The rule file format is described in src/cli/commands/check.ts.
import { basename } from 'node:path';
import { bundledDataDir, checkFolder, datasetPaths, loadDatasets, type Datasets } from '../data/datasets.js';
import { parseCsv } from '../data/csv.js';
import { problemError } from '../data/problem.js';
import { parseNumber, parseYear } from '../data/values.js';
import { DATASET_SCHEMAS, KINDS } from '../data/schemas.js';
import { PROJECTION_METHODS, pathPointAt, type ProjectionMethod } from '../domain/projection.js';
import { convertCapacity, fxRateFor, type CapacityUnit } from '../domain/units.js';
import { convertFund } from './funds.js';
import { judgeClaims } from './claims.js';
import { bundledClaimsPath, folderClaimsPath, loadClaims } from '../data/claims.js';
import { VERDICTS, type Judgement } from '../domain/claims.js';
import { closest } from '../text.js';
import { capacityHistory, capacityPaths, sharePaths } from './capacity.js';
import { selfSufficiencySeries } from './self-sufficiency.js';
import { say } from '../messages.js';

export const OPS = ['>=', '>', '<=', '<', '==', '!='] as const;
export type Op = (typeof OPS)[number];

/**
 * Operators as words: how the results name them in every format (a CSV cell starting with `=` is a formula in a
 * spreadsheet, so `==` cannot be written as-is). Rules may use either spelling.
 */
export const OP_WORDS: Record<Op, string> = { '>=': 'ge', '>': 'gt', '<=': 'le', '<': 'lt', '==': 'eq', '!=': 'ne' };
const OP_BY_TEXT: ReadonlyMap<string, Op> = new Map([...OPS.map((op) => [op, op] as const), ...OPS.map((op) => [OP_WORDS[op], op] as const)]);

interface MetricSpec {
  keys: readonly string[];
  required: readonly string[];
  units: readonly string[];
  boolean?: boolean;
  /** The value is a claim verdict (supported, supported_with_caveat, conflicts, no_source). */
  verdict?: boolean;
  describe: string;
}

/** The metrics a rule can name, their selector keys and the units their value may be given in. */
export const METRICS: Readonly<Record<string, MetricSpec>> = Object.freeze(
  Object.assign(Object.create(null) as Record<string, MetricSpec>, {
    share: { keys: ['region', 'segment', 'source', 'year', 'method'], required: ['year'], units: ['%'], describe: "a region's share of a segment in a year: the source's own figure, or its projection (method cagr by default)" },
    cagr: { keys: ['region', 'segment', 'source'], required: ['source'], units: ['%/yr'], describe: "the compound rate a source's first two share figures imply" },
    wpm: { keys: ['entity', 'segment', 'year', 'method'], required: ['year'], units: ['wpm_8in_eq', 'wpm_12in'], describe: "an entity's capacity in a year, projected through its first and last year-end figures" },
    self_sufficiency: { keys: ['scope', 'year', 'kind', 'path'], required: ['year'], units: ['%'], describe: 'a self-sufficiency figure of a year (kind actual by default), or the current path (path=cagr|linear) in that year' },
    fund: { keys: ['fund', 'phase', 'measure', 'bound', 'fx_year'], required: ['fund'], units: ['CNY_bn', 'USD_bn'], describe: 'a fund amount (bound low or high) in CNY or USD at the fund year’s rate (or fx_year)' },
    rows: { keys: ['dataset'], required: ['dataset'], units: [''], describe: 'the number of rows of a dataset' },
    valid: { keys: ['dataset'], required: [], units: [''], boolean: true, describe: 'every dataset (or the one named) passes validation' },
    claim: { keys: ['id', 'file'], required: ['id'], units: [''], verdict: true, describe: "the verdict of a claim of the data folder's claims.csv (the bundled one when it has none; or file=CLAIMS.csv), as semicap claims gives it" },
  }),
);

/** What each metric measures when a selector key is left out: shown in the results as what was evaluated. */
const DEFAULTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  share: { region: 'china', segment: 'mature', method: 'cagr' },
  cagr: { region: 'china', segment: 'mature' },
  wpm: { entity: 'china', method: 'cagr' },
  self_sufficiency: { scope: 'ic_production_in_china' },
  fund: { bound: 'low' },
  rows: {},
  valid: { dataset: 'all' },
  claim: {},
};

/** Selector values that do not depend on the data: checked while the rule file is read. */
const FIXED_VALUES: Readonly<Record<string, readonly string[]>> = {
  method: PROJECTION_METHODS,
  path: ['cagr', 'linear'],
  bound: ['low', 'high'],
  kind: KINDS,
  dataset: DATASET_SCHEMAS.map((d) => d.name),
};

export interface Rule {
  line: number;
  rule: string;
  metric: string;
  selector: Record<string, string>;
  op: Op;
  value: number | boolean | string;
  unit: string;
}

const HEADER = ['rule', 'metric', 'selector', 'op', 'value', 'unit'];

/** Parses and checks a rule file; every problem is a data error located at FILE:LINE:COLUMN. */
function parseRules(text: string, file: string): Rule[] {
  const withoutComments = text
    .split(/\r?\n/)
    .map((l) => (/^\s*#/.test(l) ? '' : l))
    .join('\n');
  const table = parseCsv(withoutComments, file);
  const header = table.header.map((h) => h.trim().toLowerCase());
  HEADER.forEach((name, i) => {
    if (header[i] !== name) throw problemError({ file, line: 1, column: i + 1, message: say('error.rulesHeader', { column: i + 1, found: table.header[i] ?? '', header: HEADER.join(',') }) });
  });
  // A gate without rules would pass whatever the data: fail closed.
  if (table.rows.length === 0) throw problemError({ file, line: 1, message: say('error.rulesNone') });
  const rules: Rule[] = [];
  for (const row of table.rows) {
    const cell = (i: number) => (row.cells[i] ?? '').trim();
    const at = (column: number, message: string) => problemError({ file, line: row.line, column, message });
    const metric = cell(1);
    const spec = Object.hasOwn(METRICS, metric) ? METRICS[metric] : undefined;
    if (!spec) {
      const hint = closest(metric, Object.keys(METRICS));
      throw at(2, say('error.rulesUnknownMetric', { metric, hint: hint ?? '', metrics: Object.keys(METRICS).join(', ') }));
    }
    const selector: Record<string, string> = Object.create(null);
    for (const part of cell(2).split(/[;\s]+/).filter((p) => p !== '')) {
      const m = /^([a-z_]+)=(.+)$/.exec(part);
      if (!m) throw at(3, say('error.rulesSelectorPart', { part }));
      const [, key, value] = m;
      if (!spec.keys.includes(key)) {
        const hint = closest(key, spec.keys);
        throw at(3, say('error.rulesSelectorKey', { metric, key, hint: hint ?? '', keys: spec.keys.join(', ') || 'none' }));
      }
      if (selector[key] !== undefined) throw at(3, say('error.rulesSelectorTwice', { key, first: selector[key], second: value }));
      const fixed = Object.hasOwn(FIXED_VALUES, key) ? FIXED_VALUES[key] : undefined;
      if (fixed && !fixed.includes(value)) throw at(3, unknownValue(key, value, fixed));
      if ((key === 'year' || key === 'fx_year') && !parseYear(value).ok) throw at(3, say('error.rulesSelectorYear', { key, value, reason: (parseYear(value) as { reason: string }).reason }));
      selector[key] = value;
    }
    for (const key of spec.required) if (selector[key] === undefined) throw at(3, say('error.rulesNeedsKey', { metric, key }));
    if (metric === 'wpm' && selector.method === 'logistic') throw at(3, say('error.rulesWpmLogistic'));
    const op = OP_BY_TEXT.get(cell(3));
    if (op === undefined) throw at(4, say('error.rulesOperator', { op: cell(3), ops: OPS.join(' '), words: OPS.map((o) => OP_WORDS[o]).join(' ') }));
    let value: number | boolean | string;
    if (spec.verdict) {
      if (!(VERDICTS as readonly string[]).includes(cell(4))) throw at(5, say('error.rulesVerdictValue', { value: cell(4), verdicts: VERDICTS.join(', '), metric }));
      if (op !== '==' && op !== '!=') throw at(4, say('error.rulesVerdictOp', { metric }));
      value = cell(4);
    } else if (spec.boolean) {
      if (cell(4) !== 'true' && cell(4) !== 'false') throw at(5, say('error.rulesBooleanValue', { value: cell(4), metric }));
      if (op !== '==' && op !== '!=') throw at(4, say('error.rulesBooleanOp', { metric }));
      value = cell(4) === 'true';
    } else {
      const n = parseNumber(cell(4), { percentSign: true });
      if (!n.ok) throw at(5, say('error.rulesNumber', { reason: n.reason }));
      value = n.value;
    }
    const unit = cell(5);
    if (!spec.units.includes(unit)) throw at(6, say('error.rulesUnit', { unit, metric, units: spec.units.map((u) => (u === '' ? '(empty)' : u)).join(' or ') }));
    rules.push({ line: row.line, rule: cell(0) || `${metric} ${cell(2)} ${op} ${cell(4)}${unit}`, metric, selector, op, value, unit });
  }
  return rules;
}

function unknownValue(key: string, value: string, known: readonly string[]): string {
  const hint = closest(value, known);
  const list = known.length > 12 ? `${known.slice(0, 12).join(', ')}, … (${known.length} in all)` : known.join(', ');
  return say('error.rulesUnknownValue', { key, value, hint: hint ?? '', list });
}

/** The values of each data-dependent selector key that the datasets hold. */
function knownValues(metric: string, data: Datasets): Record<string, readonly string[]> {
  const distinct = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => v !== null && v !== ''))].sort();
  switch (metric) {
    case 'share':
    case 'cagr':
      return { region: distinct(data.capacityShare.map((r) => r.region)), segment: distinct(data.capacityShare.map((r) => r.segment)), source: distinct(data.capacityShare.map((r) => r.source_id)) };
    case 'wpm':
      return { entity: distinct(data.capacity.map((r) => r.entity)), segment: distinct(data.capacity.map((r) => r.segment)) };
    case 'self_sufficiency':
      return { scope: distinct(data.selfSufficiency.map((r) => r.scope)) };
    case 'fund':
      return { fund: distinct(data.funds.map((r) => r.fund)), phase: distinct(data.funds.map((r) => r.phase)), measure: distinct(data.funds.map((r) => r.measure)) };
    default:
      return {};
  }
}

/**
 * Checks each rule's selector values against the loaded datasets: a value the data does not hold (a misspelt
 * region, source or fund) is a data error at FILE:LINE:3, never a rule that quietly matches nothing.
 */
function checkSelectorValues(rules: readonly Rule[], data: Datasets, file: string): void {
  for (const rule of rules) {
    const known = knownValues(rule.metric, data);
    for (const [key, value] of Object.entries(rule.selector)) {
      const values = Object.hasOwn(known, key) ? known[key] : undefined;
      if (values && !values.includes(value)) throw problemError({ file, line: rule.line, column: 3, message: say('error.rulesUnknownValueIn', { text: unknownValue(key, value, values), dir: data.dir }) });
    }
  }
}

/** The selector a rule was evaluated with, its defaults filled in: `region=china segment=mature year=2027 method=cagr`. */
export function evaluatedSelector(rule: Rule): string {
  const defaults = DEFAULTS[rule.metric] ?? {};
  const keys = METRICS[rule.metric].keys;
  const parts: string[] = [];
  for (const key of keys) {
    const value = rule.selector[key] ?? (Object.hasOwn(defaults, key) ? defaults[key] : undefined);
    if (value !== undefined) parts.push(`${key}=${value}`);
  }
  return say('check.evaluated', { metric: rule.metric, selector: parts.join(' ') });
}

/** The comparison a rule makes; == and != allow a relative difference of 1e-9 (printed values round). */
function compare(actual: number | boolean | string, op: Op, expected: number | boolean | string): boolean {
  if (typeof actual === 'string' || typeof expected === 'string') return op === '==' ? actual === expected : actual !== expected;
  if (typeof actual === 'boolean' || typeof expected === 'boolean') return op === '==' ? actual === expected : actual !== expected;
  const equal = Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected));
  switch (op) {
    case '>=':
      return actual >= expected || equal;
    case '>':
      return actual > expected && !equal;
    case '<=':
      return actual <= expected || equal;
    case '<':
      return actual < expected && !equal;
    case '==':
      return equal;
    case '!=':
      return !equal;
  }
}

interface Evaluation {
  actual: number | boolean | string;
  detail: string;
  judgement?: Judgement;
}

/** One rule's outcome: the figure it named (null when it could not be evaluated), and pass, fail or error with why. */
export interface RuleOutcome {
  rule: Rule;
  actual: number | boolean | string | null;
  result: 'pass' | 'fail' | 'error';
  /** Why (empty for a claim rule's verdict: its reason is the judgement's). */
  detail: string;
  /** A claim rule's judgement, whose reason the report shows as the detail. */
  judgement?: Judgement;
}

/**
 * `semicap check`'s use case: the rules of a rule file's text (`file` names it in errors) checked against the
 * datasets of `dir`, each evaluated, compared and judged; and the files read.
 */
export function checkUseCase(text: string, file: string, dir: string): { outcomes: RuleOutcome[]; inputs: string[] } {
  const rules = parseRules(text, file);
  // Validity is checked first: a `valid` rule must be able to fail without the load stopping the run.
  const folder = checkFolder(dir);
  const problemCounts = () => {
    const counts = new Map<string, number>();
    for (const p of folder.problems) counts.set(p.file, (counts.get(p.file) ?? 0) + 1);
    return [...counts].map(([f, count]) => ({ file: f, count }));
  };
  let data: Datasets | undefined;
  let loadError: string | undefined;
  try {
    data = loadDatasets(dir);
  } catch (e) {
    loadError = (e as Error).message;
  }
  // A misspelt region, source or fund is a broken rule, found before anything is evaluated.
  if (data !== undefined) checkSelectorValues(rules, data, file);
  const outcomes = rules.map((rule): RuleOutcome => {
    try {
      if (data === undefined && rule.metric !== 'valid') throw new RuleError(say('check.errNoLoad', { error: String(loadError) }));
      const ev = data === undefined ? validity(rule, problemCounts) : evaluate(rule, data, problemCounts);
      return { rule, actual: ev.actual, result: compare(ev.actual, rule.op, rule.value) ? 'pass' : 'fail', detail: ev.detail, ...(ev.judgement ? { judgement: ev.judgement } : {}) };
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      // Keep the reason, not a list of every region in the data.
      return { rule, actual: null, result: 'error', detail: e.message.length > 200 ? `${e.message.slice(0, 197)}…` : e.message };
    }
  });
  // The claims files that claim rules read are inputs too: --out never overwrites one.
  const claimsFiles = [...new Set(rules.filter((r) => r.metric === 'claim').map((r) => claimsFileOf(r, dir)))];
  return { outcomes, inputs: [file, ...datasetPaths(dir), ...claimsFiles] };
}

/** The claims file a `claim` rule reads: its file=, else the data folder's claims.csv (the bundled one when it has none), as `claims` reads it. */
function claimsFileOf(rule: Rule, dir: string): string {
  return rule.selector.file ?? folderClaimsPath(dir);
}

/** A rule that matched no data or cannot be evaluated: reported as `error`, failing the run like a failed rule. */
class RuleError extends Error {}

/** The figure a rule names, from the datasets (and their projections). Throws RuleError when nothing matches. */
function evaluate(rule: Rule, data: Datasets, problems: () => { file: string; count: number }[]): Evaluation {
  const s = rule.selector;
  const year = s.year !== undefined ? Number(s.year) : undefined;
  const method = (s.method ?? 'cagr') as ProjectionMethod;
  switch (rule.metric) {
    case 'share':
    case 'cagr': {
      const region = s.region ?? 'china';
      const segment = s.segment ?? 'mature';
      let found: ReturnType<typeof sharePaths>;
      try {
        found = sharePaths(data, region, segment, [method], Math.max(year ?? 0, 2030), s.source);
      } catch (e) {
        throw new RuleError((e as Error).message);
      }
      if (rule.metric === 'cagr') {
        const path = found.paths[0];
        const rate = path?.projections[0].segments[0]?.cagrPct;
        if (rate === undefined || rate === null) throw new RuleError(say('check.errNoRate', { source: s.source, region, segment }));
        return { actual: rate, detail: `${path.sourceId}: ${path.projections[0].segments[0].fromYear}→${path.projections[0].segments[0].toYear}` };
      }
      const single = found.singles.find((r) => r.year === year && (s.source === undefined || r.source_id === s.source));
      if (found.paths.length === 0 && single) return { actual: single.share_pct, detail: say('check.figureOf', { source: single.source_id, kind: single.kind }) };
      if (found.paths.length > 1 && s.source === undefined) throw new RuleError(say('check.errSources', { count: found.paths.length, region, segment, sources: found.paths.map((p) => p.sourceId).join(', ') }));
      const path = found.paths[0];
      if (!path) throw new RuleError(say('check.errNoShare', { region, segment, year: String(year) }));
      const point = path.projections[0].points.find((p) => p.year === year);
      if (!point) throw new RuleError(say('check.errNoValue', { source: path.sourceId, region, segment, year: String(year) }));
      return { actual: point.value, detail: say('check.pathPoint', { source: path.sourceId, method: point.status === 'anchor' ? '' : method, status: point.status }) };
    }
    case 'wpm': {
      let history: ReturnType<typeof capacityHistory>;
      try {
        history = capacityHistory(data, s.entity ?? 'china', s.segment);
      } catch (e) {
        throw new RuleError((e as Error).message);
      }
      if (history.rows.length < 2) throw new RuleError(say('check.errOneFigure', { entity: s.entity ?? 'china' }));
      if (method === 'logistic') throw new RuleError(say('check.errWpmMethod'));
      const factor = convertCapacity(1, history.unit as CapacityUnit, rule.unit as CapacityUnit);
      const first = history.rows[0];
      const last = history.rows[history.rows.length - 1];
      const [p] = capacityPaths(history.rows, [method], year!, factor);
      const point = p.points.find((pt) => pt.year === year);
      if (!point) throw new RuleError(say('check.errNoCapacity', { year: String(year), first: first.year }));
      return { actual: point.value, detail: say('check.wpmDetail', { segment: history.segment, method, status: point.status, from: first.year, to: last.year }) };
    }
    case 'self_sufficiency': {
      const scope = s.scope ?? 'ic_production_in_china';
      // The same one-definition history and current path as `self-sufficiency`.
      const { series, comparable, path } = selfSufficiencySeries(data, scope);
      if (series.length === 0) throw new RuleError(say('check.errNoSeries', { scope }));
      if (s.path !== undefined) {
        if (s.path !== 'cagr' && s.path !== 'linear') throw new RuleError(say('check.errPath', { path: s.path }));
        if (!path) throw new RuleError(say('check.errFewActuals', { scope, definitions: comparable.definitions }));
        // The current path as `self-sufficiency` draws it: domain/projection.ts through the first and last figures.
        if (s.path === 'cagr' && path.cagrPct === null) throw new RuleError(say('check.errNoCompound'));
        let point;
        try {
          point = pathPointAt({ method: s.path, anchors: [path.from, path.to], isShare: true }, year!);
        } catch (e) {
          throw new RuleError((e as Error).message);
        }
        return { actual: point.value, detail: say('check.currentPath', { path: s.path, year: path.to.year, value: path.to.value }) };
      }
      const kind = s.kind ?? 'actual';
      const row = series.find((r) => r.year === year && r.kind === kind);
      if (!row) throw new RuleError(say('check.errNoKind', { kind, scope, year: String(year) }));
      return { actual: row.rate_pct, detail: say('check.sourceKind', { source: row.source_id, kind: row.kind }) };
    }
    case 'fund': {
      const rows = data.funds.filter((f) => f.fund === s.fund && (s.phase === undefined || f.phase === s.phase) && (s.measure === undefined || f.measure === s.measure));
      if (rows.length === 0) throw new RuleError(say('check.errNoFund', { selector: Object.entries(s).map(([k, v]) => `${k}=${v}`).join(' ') }));
      if (rows.length > 1) throw new RuleError(say('check.errFunds', { count: rows.length, figures: rows.map((r) => `${r.phase ?? ''} ${r.measure}`.trim()).join(', ') }));
      const f = rows[0];
      const currency = rule.unit === 'USD_bn' ? 'USD' : 'CNY';
      let converted;
      try {
        // The one currency rule (the fund year's average rate unless fx_year names one), as in `funds`.
        converted = convertFund(f, data.fx, s.fx_year !== undefined ? Number(s.fx_year) : undefined).conversion;
        if (s.fx_year !== undefined) fxRateFor(data.fx, 'CNY', Number(s.fx_year));
      } catch (e) {
        throw new RuleError((e as Error).message);
      }
      const bound = s.bound ?? 'low';
      if (bound !== 'low' && bound !== 'high') throw new RuleError(say('check.errBound', { bound }));
      return { actual: (currency === 'USD' ? converted.usd : converted.cny)[bound], detail: say('check.fundDetail', { fund: f.fund, phase: f.phase ?? '', measure: f.measure, bound, year: converted.rateYear, rate: converted.cnyPerUsd }) };
    }
    case 'rows': {
      const key = { sources: 'sources', capacity_share: 'capacityShare', capacity: 'capacity', funds: 'funds', self_sufficiency: 'selfSufficiency', fx: 'fx', indicators: 'indicators' }[s.dataset] as keyof Datasets | undefined;
      if (key === undefined) throw new RuleError(say('check.errNoDataset', { dataset: s.dataset }));
      return { actual: (data[key] as unknown[]).length, detail: `${s.dataset}.csv` };
    }
    case 'claim': {
      const file = claimsFileOf(rule, data.dir);
      const judgement = judgeClaims(loadClaims(file), data).find((j) => j.claim.id === s.id);
      // The error names the file read; the bundled one by name only.
      if (!judgement) throw new RuleError(say('check.errNoClaim', { id: s.id, file: file === bundledClaimsPath(bundledDataDir()) ? '' : file }));
      return { actual: judgement.verdict, detail: '', judgement };
    }
    case 'valid':
      return validity(rule, problems);
  }
  throw new RuleError(`unknown metric ${rule.metric}`);
}

/** A `valid` rule: whether the datasets (or the one named) have no problem; needs no loaded data. */
function validity(rule: Rule, problems: () => { file: string; count: number }[]): Evaluation {
  const dataset = rule.selector.dataset;
  const found = problems().filter((p) => dataset === undefined || basename(p.file) === `${dataset}.csv`);
  const count = found.reduce((n, p) => n + p.count, 0);
  return { actual: count === 0, detail: count === 0 ? say('check.noProblems') : say('check.problems', { count }) };
}

