// The `@example` lines of src/ doc comments are run: `@example CALL // VALUE` evaluates CALL with the module's
// exports in scope and compares the result with VALUE as shown (a number to the digits it shows, `…` or `...`
// after it for a cut-off one, `≈` for a rough one; arrays and objects field by field, the fields shown).
// An example whose comment is prose ("// same value every run") only illustrates and is not run.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/run.js';

interface Example {
  file: string;
  line: number;
  code: string;
  shown: string;
}

const SRC = join(ROOT, 'src');
const sources = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts')).map((f) => join(SRC, f));

/** Every `@example` in a doc comment: the code before ` // ` and the text after it (empty when there is none). */
function examplesIn(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const found: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const body = comment[0].slice(3, -2).split('\n').map((l) => l.replace(/^\s*\* ?/, '')).join('\n');
    for (const m of body.matchAll(/@example\b([\s\S]*?)(?=@\w|$)/g)) {
      const example = m[1].trim();
      const at = example.indexOf(' // ');
      const line = text.slice(0, comment.index! + comment[0].indexOf(m[0].split('\n')[0])).split('\n').length;
      found.push({ file: relative(ROOT, file), line, code: (at < 0 ? example : example.slice(0, at)).trim(), shown: at < 0 ? '' : example.slice(at + 4).trim() });
    }
  }
  return found;
}

interface Shown {
  value: unknown;
  /** The number is cut off (`…`): the digits shown are its first ones, not rounded. */
  cut: boolean;
  /** `≈`: close to three significant digits. */
  rough: boolean;
}

/** The value an example shows, or undefined when the comment is prose. */
function shownValue(shown: string): Shown | undefined {
  let text = shown;
  const rough = text.startsWith('≈');
  if (rough) text = text.slice(1).trim();
  const number = /^-?\d[\d_]*(\.\d+)?(e[-+]?\d+)?(\.\.\.|…)?(?![\w.])/.exec(text);
  if (number) return { value: Number(number[0].replace(/(\.\.\.|…)$/, '').replace(/_/g, '')), cut: number[3] !== undefined, rough };
  if (text[0] !== '[' && text[0] !== '{') return undefined;
  // The bracketed literal up to its matching bracket.
  let depth = 0;
  let end = 0;
  for (; end < text.length; end++) {
    if ('[{'.includes(text[end])) depth++;
    else if (']}'.includes(text[end]) && --depth === 0) break;
  }
  try {
    return { value: new Function(`return (${text.slice(0, end + 1)});`)(), cut: false, rough };
  } catch {
    return undefined; // prose in brackets, e.g. [10 + 2·q(0.9)]
  }
}

const decimals = (n: number) => (String(n).includes('e') ? 0 : (String(n).split('.')[1] ?? '').length);

/** Where `actual` differs from `expected` as shown, as `path: actual ≠ shown` lines. */
function differences(actual: unknown, expected: unknown, how: Shown, path = ''): string[] {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return [`${path || 'value'}: ${String(actual)} is not a number`];
    const d = decimals(expected);
    // The digits shown (rounded, or cut off with …), and never finer than a few units in the last place.
    const shownDigits = how.rough ? 1e-3 * Math.max(1, Math.abs(expected)) : how.cut ? 10 ** -d : 0.5 * 10 ** -d * (1 + 1e-9);
    const tolerance = Math.max(shownDigits, 1e-15 * Math.abs(expected));
    return Math.abs(actual - expected) <= tolerance ? [] : [`${path || 'value'}: ${actual} ≠ ${expected}${how.cut ? '…' : ''}`];
  }
  if (Array.isArray(expected)) {
    const a = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<number>) : actual;
    if (!Array.isArray(a) || a.length !== expected.length) return [`${path || 'value'}: ${JSON.stringify(a)} is not ${expected.length} long`];
    return expected.flatMap((e, i) => differences(a[i], e, how, `${path}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path || 'value'}: ${String(actual)} is not an object`];
    return Object.entries(expected).flatMap(([k, e]) => differences((actual as Record<string, unknown>)[k], e, how, `${path}.${k}`));
  }
  return Object.is(actual, expected) ? [] : [`${path || 'value'}: ${String(actual)} ≠ ${String(expected)}`];
}

/** Runs the example's code with the module's exports in scope; statements before the last `;` run first. */
async function evaluate(example: Example): Promise<unknown> {
  const exports = (await import(pathToFileURL(join(ROOT, example.file)).href)) as Record<string, unknown>;
  const code = example.code.replace(/;\s*$/, '');
  const last = code.lastIndexOf(';');
  const body = last < 0 ? `return (${code});` : `${code.slice(0, last + 1)} return (${code.slice(last + 1)});`;
  return new Function(...Object.keys(exports), body)(...Object.values(exports));
}

const all = sources.flatMap(examplesIn);
const checked = all.flatMap((e) => {
  const shown = shownValue(e.shown);
  return shown ? [{ ...e, expected: shown }] : [];
});

describe('@example values in src/', () => {
  it(`finds the examples: ${checked.length} with a value are run, ${all.length - checked.length} illustrate in prose`, () => {
    // A change of comment style must not silently turn the check off.
    expect(checked.length).toBeGreaterThanOrEqual(25);
  });

  for (const e of checked) {
    it(`${e.file}:${e.line}: ${e.code.replace(/\s+/g, ' ')} // ${e.shown.split('\n')[0]}`, async () => {
      expect(differences(await evaluate(e), e.expected.value, e.expected)).toEqual([]);
    });
  }
});
