// firstLineEnd: the line end csv-parse would find for itself, given to it up front. Checked by hand and against
// csv-parse's own discovery (the same records, and the same error, as without the option).
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { firstLineEnd } from '../../src/data/csv.js';

/** What csv-parse gives (records or the error's code) with these options. */
function outcome(text: string, options: Record<string, unknown>): unknown {
  try {
    return parse(text, { bom: true, info: true, relax_column_count: false, skip_empty_lines: true, max_record_size: 1_000_000, ...options });
  } catch (e) {
    return (e as { code?: string }).code;
  }
}

const TEXTS: [string, string][] = [
  ['a,b\nc,d\n', '\n'],
  ['a,b\r\nc,d\r\n', '\r\n'],
  ['a,b\rc,d\r', '\r'],
  ['a,b', '\n'],
  ['', '\n'],
  // Line ends inside quotes are not the record's end; "" is a quote inside a quoted field.
  ['"x\ny",b\r\nc,d\r\n', '\r\n'],
  ['"x\r\n""y""\n",b\rc,d\r', '\r'],
  ['"a""b",c\nd,e\r\n', '\n'],
  // Mixed line ends: the first one counts, as csv-parse decides.
  ['a,b\r\nc,d\ne,f\r\n', '\r\n'],
  ['a,b\nc,d\r\ne,f\n', '\n'],
  // Broken text: the same error either way.
  ['"never closed,b\nc,d\n', '\n'],
  ['a,b"c\nd,e\n', '\n'],
  ['\ufeffa,b\r\nc,d\r\n', '\r\n'],
];

describe('firstLineEnd', () => {
  for (const [text, expected] of TEXTS) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}, and csv-parse reads it as with its own discovery`, () => {
      expect(firstLineEnd(text)).toBe(expected);
      expect(outcome(text, { record_delimiter: firstLineEnd(text) })).toEqual(outcome(text, {}));
    });
  }
});
