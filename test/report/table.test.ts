// The one table drawer. At full width (--wide) it draws what cli-table3 draws with semicap's options (the test
// keeps cli-table3 as the oracle: same characters, no rule between body rows, CJK counted two columns); fitted,
// every line stays within the width, with colour or without.
import { Chalk } from 'chalk';
import Table3 from 'cli-table3';
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { makeReport } from '../../src/report/model.js';
import { PLAIN } from '../../src/report/paint.js';
import { type Align, drawTable, renderTables } from '../../src/report/table.js';

/** cli-table3 with the options semicap used before it drew its own tables. */
function byTable3(head: string[], rows: string[][], aligns: Align[]): string {
  const t = new Table3({
    head,
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: [...aligns],
    wordWrap: false,
  });
  for (const row of rows) t.push(row);
  return t.toString();
}

const draw = (head: string[], rows: string[][], aligns: Align[]) => drawTable(head, rows, aligns, stringWidth);
// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

describe('drawTable: a table at its full width', () => {
  const cases: [string, string[], string[][], Align[]][] = [
    ['header only', ['year', 'value'], [], ['right', 'right']],
    ['one column', ['x'], [['1'], ['22'], ['']], ['left']],
    ['multi-line header and cells', ['year', 'trendforce_2023_10\ncagr', 'note'], [['2023', '29.00', 'a\nb\nc'], ['2024', '', '']], ['right', 'right', 'left']],
    ['empty strings everywhere', ['', ''], [['', ''], ['', '']], ['left', 'right']],
    ['wide note', ['kind', 'definition / note'], [['estimate', '>28nm; Oct 2023 release. EIS summary words the band as "28nm and older".']], ['left', 'left']],
    ['spaces and punctuation', [' a ', '~`!@#$%^&*()_+-={}[]|\\:;"\'<>,.?/'], [['  ', ' x'], ['y ', '']], ['right', 'left']],
    ['empty lines in a cell', ['h'], [['\n\n'], ['a\n\nb']], ['right']],
    ['Chinese and arrows', ['年份', '份额（%）'], [['2023', '29 → 39'], ['中国大陆 china', '—']], ['right', 'left']],
  ];
  for (const [name, head, rows, aligns] of cases) {
    it(`${name}: as cli-table3 draws it`, () => {
      expect(draw(head, rows, aligns)).toBe(byTable3(head, rows, aligns));
    });
  }

  it('random tables of ASCII and CJK text: as cli-table3 draws them', () => {
    const text = fc.array(fc.constantFrom('a', 'Z', '0', '9', ' ', '.', '-', '%', ',', '|', '\n', '"', '~', '中', '国', '（', '→'), { maxLength: 12 }).map((cs) => cs.join(''));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.tuple(
            fc.array(text, { minLength: n, maxLength: n }),
            fc.array(fc.array(text, { minLength: n, maxLength: n }), { maxLength: 6 }),
            fc.array(fc.constantFrom<Align>('left', 'right'), { minLength: n, maxLength: n }),
          ),
        ),
        ([head, rows, aligns]) => {
          expect(draw(head, rows, aligns)).toBe(byTable3(head, rows, aligns));
        },
      ),
      { seed: 7_101, numRuns: 300 },
    );
  });

  it('bold headings in colour are the plain table plus colour codes', () => {
    const head = ['year', '份额'];
    const rows = [['2023', '29']];
    const coloured = drawTable(head, rows, ['right', 'right'], stringWidth, new Chalk({ level: 1 }));
    expect(coloured).toMatch(/\u001b\[1m/);
    expect(stripAnsi(coloured)).toBe(byTable3(head, rows, ['right', 'right']));
  });
});

describe('renderTables', () => {
  const report = makeReport(
    'x',
    [
      {
        name: 't',
        title: 'A title that is rather long, so that it has to be wrapped when the terminal is narrow',
        columns: [
          { key: 'year', header: 'year', type: 'int' },
          { key: 'v', header: 'value', type: 'number', digits: 2 },
          { key: 'k', header: 'kind' },
          { key: 'n', header: 'note' },
        ],
        rows: [
          { year: 2023, v: 29, k: 'estimate', n: 'a note long enough to need wrapping in a table at sixty columns, and then some more words' },
          { year: 2024, v: null, k: '中文', n: '中国大陆占全球成熟制程产能的份额，按各来源自身数据计算，不做平均' },
        ],
      },
    ],
    ['a note on the whole report that goes on for more than sixty columns of text, to be wrapped'],
    ['a warning that also goes on for more than sixty columns of text, to be wrapped as well'],
  );

  it('gives the same text with colour codes as plain, once the codes are taken out (full width and fitted)', async () => {
    for (const width of [undefined, 60]) {
      const coloured = await renderTables(report, new Chalk({ level: 1 }), width);
      expect(coloured).toMatch(/\u001b\[/);
      expect(stripAnsi(coloured)).toBe(await renderTables(report, PLAIN, width));
    }
  });

  it('fitted: no line wider than the width, CJK counted two columns; full width: the widest line is the table', async () => {
    for (const width of [40, 60, 80]) {
      const text = await renderTables(report, PLAIN, width);
      for (const line of text.split('\n')) expect(stringWidth(line), line).toBeLessThanOrEqual(width);
      expect(text).toContain('estimate');
      expect(text).toContain('! a warning');
    }
    const full = await renderTables(report, PLAIN);
    expect(Math.max(...full.split('\n').map((l) => stringWidth(l)))).toBeGreaterThan(80);
    expect(full).toContain(report.warnings[0]);
    expect(full).toContain(report.notes[0]);
  });

  it('wraps notes and warnings with their continuation lines indented under the text', async () => {
    const lines = (await renderTables(report, PLAIN, 60)).split('\n');
    const w = lines.findIndex((l) => l.startsWith('! a warning'));
    expect(lines[w + 1]).toMatch(/^ {2}\S/);
    const n = lines.findIndex((l) => l.startsWith('  a note on the whole report'));
    expect(lines[n + 1]).toMatch(/^ {4}\S/);
  });
});
