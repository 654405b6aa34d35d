// drawPlainTable stands in for cli-table3 on printable-ASCII tables (start-up time): it must give cli-table3's
// output byte for byte, and decline everything else so that cli-table3 draws it.
import { Chalk } from 'chalk';
import Table3 from 'cli-table3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeReport } from '../../src/report/model.js';
import { PLAIN } from '../../src/report/paint.js';
import { drawPlainTable, drawTable, renderTables, table3Options, type Align } from '../../src/report/table.js';

function byTable3(head: string[], rows: string[][], aligns: Align[]): string {
  const t = new Table3(table3Options(head, aligns));
  for (const row of rows) t.push(row);
  return t.toString();
}

describe('drawPlainTable', () => {
  const cases: [string, string[], string[][], Align[]][] = [
    ['header only', ['year', 'value'], [], ['right', 'right']],
    ['one column', ['x'], [['1'], ['22'], ['']], ['left']],
    ['multi-line header and cells', ['year', 'trendforce_2023_10\ncagr', 'note'], [['2023', '29.00', 'a\nb\nc'], ['2024', '', '']], ['right', 'right', 'left']],
    ['empty strings everywhere', ['', ''], [['', ''], ['', '']], ['left', 'right']],
    ['wide note', ['kind', 'definition / note'], [['estimate', '>28nm; Oct 2023 release. EIS summary words the band as "28nm and older".']], ['left', 'left']],
    ['spaces and punctuation', [' a ', '~`!@#$%^&*()_+-={}[]|\\:;"\'<>,.?/'], [['  ', ' x'], ['y ', '']], ['right', 'left']],
    ['empty lines in a cell', ['h'], [['\n\n'], ['a\n\nb']], ['right']],
  ];
  for (const [name, head, rows, aligns] of cases) {
    it(`${name}: as cli-table3 draws it`, () => {
      expect(drawPlainTable(head, rows, aligns)).toBe(byTable3(head, rows, aligns));
    });
  }

  it('random printable-ASCII tables: as cli-table3 draws them', () => {
    const text = fc.array(fc.constantFrom('a', 'Z', '0', '9', ' ', '.', '-', '%', ',', '|', '\n', '"', '~'), { maxLength: 12 }).map((cs) => cs.join(''));
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
          expect(drawPlainTable(head, rows, aligns)).toBe(byTable3(head, rows, aligns));
        },
      ),
      { seed: 7_101, numRuns: 2_000 },
    );
  });

  it('declines what it does not draw: colour codes, other Unicode, tabs, CR, ragged rows, no columns', async () => {
    const bold = new Chalk({ level: 1 }).bold('year');
    const declined: [string[], string[][]][] = [
      [[bold], [['1']]],
      [['year'], [['中国']]],
      [['year'], [['→']]],
      [['year'], [['a\tb']]],
      [['year'], [['a\r\nb']]],
      [['a', 'b'], [['1']]],
      [['a'], [['1', '2']]],
      [[], [['1']]],
      [[], []],
    ];
    for (const [head, rows] of declined) {
      const aligns = head.map((): Align => 'left');
      expect(drawPlainTable(head, rows, aligns)).toBeUndefined();
      // drawTable still draws them, through cli-table3.
      expect(await drawTable(head, rows, aligns)).toBe(byTable3(head, rows, aligns));
    }
  });
});

describe('table3Options', () => {
  it('spells out cli-table3 default characters, so the tables look as they did with only the row rules switched off', () => {
    const head = ['year', 'value\n%'];
    const rows = [['2023', '29.00'], ['2024', '31.50']];
    const before = new Table3({
      head,
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      colAligns: ['right', 'right'],
      wordWrap: false,
    });
    for (const row of rows) before.push(row);
    expect(byTable3(head, rows, ['right', 'right'])).toBe(before.toString());
  });
});

describe('renderTables', () => {
  const report = makeReport(
    'x',
    [
      {
        name: 't',
        title: 'A title',
        columns: [
          { key: 'year', header: 'year', type: 'int' },
          { key: 'v', header: 'value', type: 'number', digits: 2 },
          { key: 'k', header: 'kind' },
        ],
        rows: [
          { year: 2023, v: 29, k: 'estimate' },
          { year: 2024, v: null, k: '中文' },
        ],
      },
    ],
    ['a note'],
    ['a warning'],
  );

  it('gives the same text with colour codes as plain, once the codes are taken out', async () => {
    const coloured = await renderTables(report, new Chalk({ level: 1 }));
    expect(coloured).toMatch(/\u001b\[/);
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(await renderTables(report, PLAIN));
  });
});
