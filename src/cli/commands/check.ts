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
import { checkSelectorValues, compare, evaluate, evaluatedSelector, OP_WORDS, OPS, parseRules, RuleError } from '../../app/check.js';
import { readInput, readStdinInput } from '../../data/input.js';
import { bundledDataDir, checkFolder, datasetPaths, loadDatasets, type Datasets } from '../../data/datasets.js';
import { decodeUtf8 } from '../../data/csv.js';
import { usageError } from '../../errors.js';
import { makeReport, type CellValue } from '../../report/model.js';
import type { CommandResult, GlobalOptions } from '../context.js';
import { EXIT } from '../exit.js';
import { say } from '../../messages.js';

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
  // A misspelt region, source or fund is a broken rule, found before anything is evaluated.
  if (data !== undefined) checkSelectorValues(rules, data, file);
  const rows: Record<string, CellValue>[] = [];
  const messages: string[] = [];
  for (const rule of rules) {
    let actual: number | boolean | string | null = null;
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
    rows.push({
      line: rule.line,
      rule: rule.rule,
      evaluated: evaluatedSelector(rule),
      actual: typeof actual === 'number' ? actual : null,
      actual_text: typeof actual === 'boolean' || typeof actual === 'string' ? String(actual) : null,
      op: OP_WORDS[rule.op],
      expected: typeof rule.value === 'number' ? rule.value : null,
      expected_text: typeof rule.value === 'boolean' || typeof rule.value === 'string' ? String(rule.value) : null,
      unit: rule.unit,
      result,
      detail,
    });
    if (result !== 'pass') messages.push(`${file}:${rule.line}: ${result === 'fail' ? 'failed' : 'could not be evaluated'}: ${rule.rule}${result === 'fail' ? ` (${exact(actual)} ${rule.op} ${exact(rule.value)}${rule.unit === '' ? '' : ' ' + rule.unit} is false)` : ` (${detail})`}`);
  }
  const passed = rows.filter((r) => r.result === 'pass').length;
  // The table rounds, but never so far that two different values compared look alike.
  const digits = distinguishingDigits(rows.map((r) => [r.actual, r.expected] as [CellValue, CellValue]));
  const report = makeReport(
    'check',
    [
      {
        name: 'rules',
        title: say('check.title'),
        columns: [
          { key: 'line', header: 'line', type: 'int' },
          { key: 'rule', header: 'rule' },
          { key: 'evaluated', header: 'evaluated' },
          { key: 'actual', header: 'actual', type: 'number', digits, unit: 'row' },
          { key: 'actual_text', header: 'actual (text)' },
          { key: 'op', header: 'op' },
          { key: 'expected', header: 'expected', type: 'number', digits, unit: 'row' },
          { key: 'expected_text', header: 'expected (text)' },
          { key: 'unit', header: 'unit' },
          { key: 'result', header: 'result' },
          { key: 'detail', header: 'detail' },
        ],
        rows,
      },
    ],
    [say('check.summary', { passed, total: rows.length, ops: OPS.map((o) => `${OP_WORDS[o]} ${o}`).join(', ') })],
  );
  return { report, inputs: [file, ...datasetPaths(dir)], messages, exitCode: passed === rows.length ? EXIT.ok : EXIT.checkFailed };
}

/**
 * Decimals for the table (2 to 15): the fewest that tell apart every pair of different values a rule compared.
 * @example distinguishingDigits([[46.330000001, 46.33]]) // 9
 */
export function distinguishingDigits(pairs: readonly (readonly [CellValue, CellValue])[]): number {
  let digits = 2;
  for (const [a, b] of pairs) {
    if (typeof a !== 'number' || typeof b !== 'number' || a === b || !Number.isFinite(a) || !Number.isFinite(b)) continue;
    while (digits < 15 && a.toFixed(digits) === b.toFixed(digits)) digits++;
  }
  return digits;
}

/** A value as compared: numbers in full (shortest round-trip form), never rounded. */
const exact = (v: number | boolean | string | null) => String(v);
