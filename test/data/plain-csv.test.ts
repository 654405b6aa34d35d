// The fast reader of the bundled datasets (readPlainCsv) against csv-parse (readWithCsvParse): on every bundled
// file, on tricky inputs and on random text, it gives exactly csv-parse's records and start lines, or declines
// (undefined) so that csv-parse reads the text; it never takes text csv-parse refuses. parseCsv with plainFirst
// therefore gives the same table, or the same located problem, as parseCsv without it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, parseCsv, readPlainCsv, readWithCsvParse, type CsvRecord } from '../../src/data/csv.js';
import { ProblemError } from '../../src/data/problem.js';
import { DATASETS } from '../cli/run.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/bad', import.meta.url));

/** csv-parse's reading of the text, or the problem it raises. */
function byCsvParse(text: string): { records: CsvRecord[] } | { error: unknown } {
  try {
    return { records: readWithCsvParse(text, 'f.csv', ',') };
  } catch (e) {
    return { error: e };
  }
}

/**
 * expect(actual).toEqual(expected), with a strict deep comparison first: equal values (nearly every case of the
 * random runs) skip expect, which costs more than the readers themselves; any difference still goes to toEqual.
 */
function expectEqual(actual: unknown, expected: unknown, shown?: string): void {
  if (!isDeepStrictEqual(actual, expected)) expect(actual, shown).toEqual(expected);
}

/** The property: the plain reader declines, or agrees with csv-parse, which then must not have refused the text. */
function agrees(text: string): boolean {
  const plain = readPlainCsv(text);
  if (plain === undefined) return true;
  const reference = byCsvParse(text);
  if (!('records' in reference)) expect(reference, JSON.stringify(text)).toHaveProperty('records');
  expectEqual(plain, (reference as { records: CsvRecord[] }).records, JSON.stringify(text));
  return true;
}

/** parseCsv's result or the problem it throws, for comparing the two paths. */
function outcome(text: string, plainFirst: boolean): unknown {
  try {
    return { table: parseCsv(text, 'f.csv', { plainFirst }) };
  } catch (e) {
    if (e instanceof ProblemError) return { problem: e.problem };
    throw e;
  }
}

describe('readPlainCsv on the bundled datasets', () => {
  const files = readdirSync(DATASETS).filter((f) => f.endsWith('.csv'));
  it('finds the bundled CSV files', () => expect(files.length).toBeGreaterThanOrEqual(7));
  for (const f of files) {
    it(`${f}: takes the file and gives csv-parse's records and lines`, () => {
      const text = decodeUtf8(readFileSync(join(DATASETS, f)), f);
      const plain = readPlainCsv(text);
      expect(plain).toBeDefined();
      expect(plain).toEqual(readWithCsvParse(text, f, ','));
      expect(parseCsv(text, f, { plainFirst: true })).toEqual(parseCsv(text, f));
    });
  }
});

describe('readPlainCsv on tricky inputs', () => {
  // Plain RFC 4180 text the reader must take (and read as csv-parse does).
  const taken = [
    'a,b\n1,2\n',
    'a,b\n1,2',
    'a,b\n\n\n1,2\n\n',
    '\n\na,b\n1,2\n',
    'a,b\n"x,y","z"\n',
    'a,b\n"say ""hi""",2\n',
    'a,b\n"""",""\n',
    'a,b\n"two\nlines",2\n3,4\n',
    'a,b\n"\n\n",2\n"x",\n',
    'a,b\n1,\n,\n',
    'a\n  \n1\n',
    'a\n""\n',
    'a,b\n中文,"引号 ""内"" 文"\n',
    'a,b\n1,2\n"end","of file"',
  ];
  for (const text of taken) {
    it(`takes ${JSON.stringify(text)}`, () => {
      expect(readPlainCsv(text)).toBeDefined();
      agrees(text);
      expect(outcome(text, true)).toEqual(outcome(text, false));
    });
  }

  // Text it leaves to csv-parse: errors (named by csv-parse with file and line) and what it does not handle.
  const declined = [
    'a,b\n1,2,3\n',
    'a,b\n1\n',
    'a,b\n  \n1,2\n',
    'a,b\n"open,2\n',
    'a,b\n"x"y,2\n',
    'a,b\nx"y,2\n',
    'a,b\n "x",2\n',
    'a,b\n"x" ,2\n',
    'a,b\r\n1,2\r\n',
    'a,b\n1,2\r\n3,4\n',
    'a,b\r1,2\r',
    '\uFEFFa,b\n1,2\n',
    'a,b\n1,\uFEFF2\n',
    `a,b\n${'x'.repeat(1_000_000)},2\n`,
    `a,b\n${'中'.repeat(340_000)},2\n`,
    `a,b\n${'x'.repeat(300_000)},2\n`,
  ];
  for (const text of declined) {
    it(`declines ${JSON.stringify(text.length > 60 ? `${text.slice(0, 40)}…` : text)}`, () => {
      expect(readPlainCsv(text)).toBeUndefined();
      expect(outcome(text, true)).toEqual(outcome(text, false));
    });
  }

  it('the bad-input fixtures give the same table or the same located problem either way', () => {
    let compared = 0;
    for (const f of readdirSync(FIXTURES).filter((name) => name.endsWith('.csv'))) {
      let text: string;
      try {
        text = decodeUtf8(readFileSync(join(FIXTURES, f)), f);
      } catch {
        continue; // not UTF-8 text: refused before any CSV is read
      }
      agrees(text);
      expect(outcome(text, true), f).toEqual(outcome(text, false));
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });
});

describe('readPlainCsv on random text (fast-check)', () => {
  const char = fc.constantFrom('a', 'b', '1', ',', ',', '"', '"', '\n', '\n', '\r', ' ', '中', '\uFEFF', '\t', ';');
  it('random text: declines or agrees with csv-parse', () => {
    fc.assert(fc.property(fc.array(char, { maxLength: 40 }).map((cs) => cs.join('')), agrees), { seed: 7_001, numRuns: 20_000 });
  });

  it('random text: parseCsv gives the same table or the same problem with and without plainFirst', () => {
    fc.assert(
      fc.property(fc.array(char, { maxLength: 40 }).map((cs) => cs.join('')), (text) => {
        expectEqual(outcome(text, true), outcome(text, false), JSON.stringify(text));
      }),
      { seed: 7_002, numRuns: 5_000 },
    );
  });

  // Well-formed CSV written from random fields: the reader must take it and give back the fields.
  const field = fc.array(fc.constantFrom('a', 'Z', '9', ' ', ',', '"', '\n', '中', '.', '-'), { maxLength: 6 }).map((cs) => cs.join(''));
  const quoteIfNeeded = (f: string, always: boolean) => (always || /[",\n]/.test(f) || f === '' ? `"${f.replace(/"/g, '""')}"` : f);
  it('well-formed CSV: taken, and read back field for field as csv-parse reads it', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) =>
          fc.tuple(fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 6 }), fc.boolean(), fc.boolean()),
        ),
        ([rows, quoteAll, finalNewline]) => {
          const text = rows.map((r) => r.map((f) => quoteIfNeeded(f, quoteAll)).join(',')).join('\n') + (finalNewline ? '\n' : '');
          const plain = readPlainCsv(text);
          if (plain === undefined) expect(plain, JSON.stringify(text)).toBeDefined();
          expectEqual(
            plain!.map((r) => r.record),
            rows,
            JSON.stringify(text),
          );
          agrees(text);
        },
      ),
      { seed: 7_003, numRuns: 3_000 },
    );
  });
});
