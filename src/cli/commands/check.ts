// `semicap check RULES.csv`: a CI gate; each rule compares a figure (dataset value, projection, rate, validity)
// with a threshold, and the run exits 1 when any fails. The rule file: README.md and docs/rules.example.csv.
import { checkUseCase, evaluatedSelector, OP_WORDS, OPS } from '../../app/check.js';
import { readInput, readStdinInput } from '../../data/input.js';
import { bundledDataDir } from '../../data/datasets.js';
import { CLAIM_DATASETS } from '../../data/claims.js';
import { decodeUtf8 } from '../../data/csv.js';
import { usageError } from '../../errors.js';
import { reasonText } from '../../report/claims.js';
import { makeReport, type CellValue } from '../../report/model.js';
import type { CommandResult, Globals } from '../context.js';
import { EXIT } from '../exit.js';
import { say } from '../../messages.js';

export async function check(args: string[], _settings: object, g: Globals): Promise<CommandResult> {
  const file = args[0];
  if (file === undefined) throw usageError(say('error.checkNeedsRules'));
  if (file === '-') await readStdinInput({ what: say('error.whatRulesFile') });
  const bytes = readInput(file, { what: say('error.whatRulesFile') });
  const { outcomes, inputs } = checkUseCase(decodeUtf8(bytes, file), file, g.data ?? bundledDataDir());
  const rows: Record<string, CellValue>[] = [];
  const messages: string[] = [];
  for (const { rule, actual, result, detail: said, judgement } of outcomes) {
    // A claim's verdict is explained by its reason, as `claims` gives it (in English, as every detail).
    const detail = judgement === undefined ? said : reasonText(judgement, 'en', CLAIM_DATASETS[judgement.claim.dataset]?.relax);
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
    if (result !== 'pass') messages.push(`${file}:${rule.line}: ${result === 'fail' ? say('warning.ruleFailed', { rule: rule.rule, actual: exact(actual), op: rule.op, expected: exact(rule.value), unit: rule.unit }) : say('warning.ruleNotEvaluated', { rule: rule.rule, detail: String(detail) })}`);
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
  return { report, inputs, messages, exitCode: passed === rows.length ? EXIT.ok : EXIT.checkFailed };
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
