// `semicap check RULES.csv`: a CI gate. Each rule names a figure (a dataset value, a projection, a rate, a
// validity check), compares it with a threshold, and passes or fails; the run exits 1 when any rule fails.
//
// Rule file (CSV, UTF-8, header required; `#` lines are comments):
//   rule,metric,selector,op,value,unit
//   "China mature share 2027 (TrendForce Dec 2023)",share,region=china segment=mature source=trendforce_2023_12 year=2027,>=,35,%
//   every dataset valid,valid,,==,true,
// metric    share | cagr | wpm | self_sufficiency | fund | rows | valid   (see METRICS below)
// selector  key=value pairs separated by spaces or ';' (keys depend on the metric)
// op        >= > <= < == !=
// value     a number (35 or 35%), or true/false for `valid`
// unit      the unit the value is in: % for shares and rates of self-sufficiency, %/yr for cagr,
//           wpm_8in_eq or wpm_12in for wpm (converted), CNY_bn or USD_bn for fund, empty for rows and valid
// A malformed rule (unknown metric, key, op or unit; a value that is not a number) is a data error
// (exit 65, FILE:LINE:COLUMN) found before anything is evaluated; a rule whose selector matches no data is
// reported as `error` and fails the run like a failed rule.
import { readInput, readStdinInput } from '../../data/input.js';
import { bundledDataDir, checkFolder, datasetPaths, loadDatasets, type Datasets } from '../../data/datasets.js';
import { decodeUtf8, parseCsv } from '../../data/csv.js';
import { problemError } from '../../data/problem.js';
import { parseNumber } from '../../data/values.js';
import { PROJECTION_METHODS, projectMethods, type ProjectionMethod } from '../../domain/projection.js';
import { convertCapacity, convertCurrency, type CapacityUnit } from '../../domain/units.js';
import { missingInputError, usageError } from '../../errors.js';
import { makeReport, type CellValue } from '../../report/model.js';
import { closest } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';
import { EXIT } from '../exit.js';
import { capacityHistory, sharePaths } from './capacity.js';
import { currentPath } from './self-sufficiency.js';

export const OPS = ['>=', '>', '<=', '<', '==', '!='] as const;
export type Op = (typeof OPS)[number];

interface MetricSpec {
  keys: readonly string[];
  required: readonly string[];
  units: readonly string[];
  boolean?: boolean;
  describe: string;
}

/** The metrics a rule can name, their selector keys and the units their value may be given in. */
export const METRICS: Record<string, MetricSpec> = {
  share: { keys: ['region', 'segment', 'source', 'year', 'method'], required: ['year'], units: ['%'], describe: "a region's share of a segment in a year: the source's own figure, or its projection (method cagr by default)" },
  cagr: { keys: ['region', 'segment', 'source'], required: ['source'], units: ['%/yr'], describe: "the compound rate a source's first two share figures imply" },
  wpm: { keys: ['entity', 'segment', 'year', 'method'], required: ['year'], units: ['wpm_8in_eq', 'wpm_12in'], describe: "an entity's capacity in a year, projected through its first and last year-end figures" },
  self_sufficiency: { keys: ['scope', 'year', 'kind', 'path'], required: ['year'], units: ['%'], describe: 'a self-sufficiency figure of a year (kind actual by default), or the current path (path=cagr|linear) in that year' },
  fund: { keys: ['fund', 'phase', 'measure', 'bound', 'fx_year'], required: ['fund'], units: ['CNY_bn', 'USD_bn'], describe: 'a fund amount (bound low or high) in CNY or USD at the fund year’s rate (or fx_year)' },
  rows: { keys: ['dataset'], required: ['dataset'], units: [''], describe: 'the number of rows of a dataset' },
  valid: { keys: ['dataset'], required: [], units: [''], boolean: true, describe: 'every dataset (or the one named) passes validation' },
};

export interface Rule {
  line: number;
  rule: string;
  metric: string;
  selector: Record<string, string>;
  op: Op;
  value: number | boolean;
  unit: string;
}

const HEADER = ['rule', 'metric', 'selector', 'op', 'value', 'unit'];

/** Parses and checks a rule file; every problem is a data error located at FILE:LINE:COLUMN. */
export function parseRules(text: string, file: string): Rule[] {
  const withoutComments = text
    .split(/\r?\n/)
    .map((l) => (/^\s*#/.test(l) ? '' : l))
    .join('\n');
  const table = parseCsv(withoutComments, file);
  const header = table.header.map((h) => h.trim().toLowerCase());
  HEADER.forEach((name, i) => {
    if (header[i] !== name) throw problemError({ file, line: 1, column: i + 1, message: `column ${i + 1} is '${table.header[i] ?? ''}'; expected the header ${HEADER.join(',')}` });
  });
  const rules: Rule[] = [];
  for (const row of table.rows) {
    const cell = (i: number) => (row.cells[i] ?? '').trim();
    const at = (column: number, message: string) => problemError({ file, line: row.line, column, message });
    const metric = cell(1);
    const spec = METRICS[metric];
    if (!spec) {
      const hint = closest(metric, Object.keys(METRICS));
      throw at(2, `unknown metric '${metric}'${hint ? ` (did you mean '${hint}'?)` : ''}; expected one of ${Object.keys(METRICS).join(', ')}`);
    }
    const selector: Record<string, string> = Object.create(null);
    for (const part of cell(2).split(/[;\s]+/).filter((p) => p !== '')) {
      const m = /^([a-z_]+)=(.+)$/.exec(part);
      if (!m) throw at(3, `selector part '${part}' is not KEY=VALUE`);
      if (!spec.keys.includes(m[1])) throw at(3, `metric '${metric}' has no selector key '${m[1]}'; expected ${spec.keys.join(', ') || 'none'}`);
      selector[m[1]] = m[2];
    }
    for (const key of spec.required) if (selector[key] === undefined) throw at(3, `metric '${metric}' needs ${key}=...`);
    if (selector.year !== undefined && !/^\d{4}$/.test(selector.year)) throw at(3, `year=${selector.year} is not a four-digit year`);
    if (selector.method !== undefined && !(PROJECTION_METHODS as readonly string[]).includes(selector.method)) throw at(3, `method=${selector.method}; expected ${PROJECTION_METHODS.join(', ')}`);
    const op = cell(3) as Op;
    if (!OPS.includes(op)) throw at(4, `operator '${cell(3)}'; expected one of ${OPS.join(' ')}`);
    let value: number | boolean;
    if (spec.boolean) {
      if (cell(4) !== 'true' && cell(4) !== 'false') throw at(5, `value '${cell(4)}'; expected true or false for metric '${metric}'`);
      if (op !== '==' && op !== '!=') throw at(4, `metric '${metric}' is true or false: use == or !=`);
      value = cell(4) === 'true';
    } else {
      const n = parseNumber(cell(4), { percentSign: true });
      if (!n.ok) throw at(5, `value ${n.reason}; expected a number`);
      value = n.value;
    }
    const unit = cell(5);
    if (!spec.units.includes(unit)) throw at(6, `unit '${unit}' does not fit metric '${metric}'; expected ${spec.units.map((u) => (u === '' ? '(empty)' : u)).join(' or ')}`);
    rules.push({ line: row.line, rule: cell(0) || `${metric} ${cell(2)} ${op} ${cell(4)}${unit}`, metric, selector, op, value, unit });
  }
  return rules;
}

/** The comparison a rule makes; == and != allow a relative difference of 1e-9 (printed values round). */
export function compare(actual: number | boolean, op: Op, expected: number | boolean): boolean {
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
  actual: number | boolean;
  detail: string;
}

class RuleError extends Error {}

/** The figure a rule names, from the datasets (and their projections). Throws RuleError when nothing matches. */
export function evaluate(rule: Rule, data: Datasets, problems: () => { file: string; count: number }[]): Evaluation {
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
        if (rate === undefined || rate === null) throw new RuleError(`source ${s.source} has no two positive figures for ${region}/${segment}`);
        return { actual: rate, detail: `${path.sourceId}: ${path.projections[0].segments[0].fromYear}→${path.projections[0].segments[0].toYear}` };
      }
      const single = found.singles.find((r) => r.year === year && (s.source === undefined || r.source_id === s.source));
      if (found.paths.length === 0 && single) return { actual: single.share_pct, detail: `${single.source_id} figure (${single.kind})` };
      if (found.paths.length > 1 && s.source === undefined) throw new RuleError(`${found.paths.length} sources give ${region}/${segment} (${found.paths.map((p) => p.sourceId).join(', ')}); name one with source=`);
      const path = found.paths[0];
      if (!path) throw new RuleError(`no ${region}/${segment} figure for ${year}`);
      const point = path.projections[0].points.find((p) => p.year === year);
      if (!point) throw new RuleError(`${path.sourceId} has no ${region}/${segment} value for ${year}`);
      return { actual: point.value, detail: `${path.sourceId}, ${point.status === 'anchor' ? 'its own figure' : `${method} ${point.status}`}` };
    }
    case 'wpm': {
      let history: ReturnType<typeof capacityHistory>;
      try {
        history = capacityHistory(data, s.entity ?? 'china', s.segment);
      } catch (e) {
        throw new RuleError((e as Error).message);
      }
      if (history.rows.length < 2) throw new RuleError(`only one year-end figure for ${s.entity ?? 'china'}`);
      if (method === 'logistic') throw new RuleError('wpm projects with cagr or linear');
      const factor = convertCapacity(1, history.unit as CapacityUnit, rule.unit as CapacityUnit);
      const first = history.rows[0];
      const last = history.rows[history.rows.length - 1];
      const [p] = projectMethods([method], { anchors: [{ year: first.year, value: first.value * factor }, { year: last.year, value: last.value * factor }], from: first.year, through: Math.max(year!, last.year), floor: 0 });
      const point = p.points.find((pt) => pt.year === year);
      if (!point) throw new RuleError(`no capacity value for ${year} (figures start in ${first.year})`);
      return { actual: point.value, detail: `${history.segment}, ${method} ${point.status}, ${first.year}–${last.year} figures` };
    }
    case 'self_sufficiency': {
      const scope = s.scope ?? 'ic_production_in_china';
      const series = data.selfSufficiency.filter((r) => r.scope === scope);
      if (series.length === 0) throw new RuleError(`no self-sufficiency series '${scope}'`);
      if (s.path !== undefined) {
        if (s.path !== 'cagr' && s.path !== 'linear') throw new RuleError(`path=${s.path}; expected cagr or linear`);
        const history = series.filter((r) => r.kind === 'actual' || r.kind === 'estimate').sort((a, b) => a.year - b.year);
        const seen = new Set<number>();
        const points = history.filter((r) => (seen.has(r.year) ? false : (seen.add(r.year), true))).map((r) => ({ year: r.year, value: r.rate_pct }));
        const path = currentPath(points);
        if (!path) throw new RuleError(`series '${scope}' has fewer than two actual figures`);
        const t = year! - path.to.year;
        const raw = s.path === 'cagr' ? (path.cagrPct === null ? NaN : path.to.value * Math.pow(1 + path.cagrPct / 100, t)) : path.to.value + path.step * t;
        if (!Number.isFinite(raw)) throw new RuleError('no compound rate (a value is not positive)');
        return { actual: Math.min(100, Math.max(0, raw)), detail: `current ${s.path} path from ${path.to.year}=${path.to.value}%` };
      }
      const kind = s.kind ?? 'actual';
      const row = series.find((r) => r.year === year && r.kind === kind);
      if (!row) throw new RuleError(`no ${kind} figure of '${scope}' for ${year}`);
      return { actual: row.rate_pct, detail: `${row.source_id} (${row.kind})` };
    }
    case 'fund': {
      const rows = data.funds.filter((f) => f.fund === s.fund && (s.phase === undefined || f.phase === s.phase) && (s.measure === undefined || f.measure === s.measure));
      if (rows.length === 0) throw new RuleError(`no fund figure for ${Object.entries(s).map(([k, v]) => `${k}=${v}`).join(' ')}`);
      if (rows.length > 1) throw new RuleError(`${rows.length} figures match (${rows.map((r) => `${r.phase ?? ''} ${r.measure}`.trim()).join(', ')}); narrow with phase= or measure=`);
      const f = rows[0];
      const fxYear = s.fx_year !== undefined ? Number(s.fx_year) : f.year;
      const currency = rule.unit === 'USD_bn' ? 'USD' : 'CNY';
      let converted;
      try {
        converted = convertCurrency({ low: f.amount_low, high: f.amount_high }, f.currency, currency, data.fx, fxYear).amount;
      } catch (e) {
        throw new RuleError((e as Error).message);
      }
      const bound = s.bound ?? 'low';
      if (bound !== 'low' && bound !== 'high') throw new RuleError(`bound=${bound}; expected low or high`);
      return { actual: converted[bound], detail: `${f.fund}${f.phase ? ` ${f.phase}` : ''} ${f.measure}, ${bound}, ${fxYear} rate` };
    }
    case 'rows': {
      const key = { sources: 'sources', capacity_share: 'capacityShare', capacity: 'capacity', funds: 'funds', self_sufficiency: 'selfSufficiency', fx: 'fx' }[s.dataset] as keyof Datasets | undefined;
      if (key === undefined) throw new RuleError(`no dataset '${s.dataset}'`);
      return { actual: (data[key] as unknown[]).length, detail: `${s.dataset}.csv` };
    }
    case 'valid': {
      const found = problems().filter((p) => s.dataset === undefined || p.file.endsWith(`${s.dataset}.csv`));
      const count = found.reduce((n, p) => n + p.count, 0);
      return { actual: count === 0, detail: count === 0 ? 'no problems' : `${count} problem(s); run semicap validate` };
    }
  }
  throw new RuleError(`unknown metric ${rule.metric}`);
}

export async function check(args: string[], _opts: Record<string, unknown>, g: GlobalOptions): Promise<CommandResult> {
  const file = args[0];
  if (file === undefined) throw usageError('check needs a rules file, e.g. semicap check rules.csv');
  if (file === '-') await readStdinInput({ what: 'a rules file' });
  const bytes = readInput(file, { what: 'a rules file' });
  const rules = parseRules(decodeUtf8(bytes, file), file);
  const dir = g.data ?? bundledDataDir();
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
  const rows: Record<string, CellValue>[] = [];
  const messages: string[] = [];
  for (const rule of rules) {
    let actual: number | boolean | null = null;
    let result: 'pass' | 'fail' | 'error';
    let detail: string;
    try {
      if (data === undefined && rule.metric !== 'valid') throw new RuleError(`datasets do not load: ${loadError}`);
      const ev = evaluate(rule, data as Datasets, problemCounts);
      actual = ev.actual;
      detail = ev.detail;
      result = compare(ev.actual, rule.op, rule.value) ? 'pass' : 'fail';
    } catch (e) {
      if (!(e instanceof RuleError)) throw e;
      result = 'error';
      // Keep the reason, not a list of every region in the data.
      detail = e.message.length > 200 ? `${e.message.slice(0, 197)}…` : e.message;
    }
    rows.push({ line: rule.line, rule: rule.rule, metric: rule.metric, actual: typeof actual === 'boolean' ? String(actual) : actual, op: rule.op, expected: typeof rule.value === 'boolean' ? String(rule.value) : rule.value, unit: rule.unit, result, detail });
    if (result !== 'pass') messages.push(`${file}:${rule.line}: ${result === 'fail' ? 'failed' : 'could not be evaluated'}: ${rule.rule}${result === 'fail' ? ` (${formatActual(actual)} ${rule.op} ${String(rule.value)}${rule.unit === '' ? '' : ' ' + rule.unit} is false)` : ` (${detail})`}`);
  }
  const passed = rows.filter((r) => r.result === 'pass').length;
  const report = makeReport(
    'check',
    [
      {
        name: 'rules',
        title: 'Rules checked',
        columns: [
          { key: 'line', header: 'line', type: 'int' },
          { key: 'rule', header: 'rule' },
          { key: 'actual', header: 'actual', type: 'number', digits: 2 },
          { key: 'op', header: 'op' },
          { key: 'expected', header: 'expected', type: 'number', digits: 2 },
          { key: 'unit', header: 'unit' },
          { key: 'result', header: 'result' },
          { key: 'detail', header: 'detail' },
        ],
        rows,
      },
    ],
    [`${passed} of ${rows.length} rule(s) passed`],
  );
  return { report, inputs: [file, ...datasetPaths(dir)], messages, exitCode: passed === rows.length ? EXIT.ok : EXIT.checkFailed };
}

const formatActual = (v: number | boolean | null) => (typeof v === 'number' ? String(Number(v.toFixed(4))) : String(v));
