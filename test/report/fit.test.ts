// Fitting a table to a width: each way of narrowing it (groups, wrapping, sections, notes, parts, on its side),
// and for any table at any width, no line wider than the width.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitTable, type Grid, type Layout, wrapText } from '../../src/report/fit.js';
import { drawBlock } from '../../src/report/table.js';
import { columns } from '../helpers/columns.js';

// string-width's count (helpers/columns.ts: the same numbers, quicker on the property's thousands of lines).
const measure = columns;
const draw = (layout: Layout) => [layout.blocks.map((b) => drawBlock(b, measure)).join('\n\n'), ...layout.footnotes].join('\n');
const widest = (text: string) => Math.max(...text.split('\n').map((l) => columns(l)));

function grid(head: string[], rows: string[][], kinds: Grid['kinds']): Grid {
  return { head, rows, kinds, aligns: kinds.map((k) => (k === 'text' ? 'left' : 'right')) };
}

describe('wrapText', () => {
  it('wraps at spaces, keeping every word', () => {
    expect(wrapText('the quick brown fox jumps', 10, measure)).toEqual(['the quick', 'brown fox', 'jumps']);
  });
  it('breaks a word too long for the line after _ - / first, else where the line is full', () => {
    expect(wrapText('reuters_2025_02_trendforce', 20, measure)).toEqual(['reuters_2025_02_', 'trendforce']);
    expect(wrapText('abcdefghij', 4, measure)).toEqual(['abcd', 'efgh', 'ij']);
  });
  it('breaks Chinese text between any two characters, counting each two columns', () => {
    const lines = wrapText('中国大陆占全球成熟制程产能的份额', 10, measure);
    expect(lines).toEqual(['中国大陆占', '全球成熟制', '程产能的份', '额']);
  });
  it('never starts a line with closing CJK punctuation', () => {
    const lines = wrapText('2025年扶持计划（报道）', 20, measure);
    expect(lines).toEqual(['2025年扶持计划（报', '道）']);
  });
  it('keeps text that fits, and its line ends', () => {
    expect(wrapText('a\nb c', 10, measure)).toEqual(['a', 'b c']);
  });
});

describe('fitTable', () => {
  const years = ['2023', '2024', '2025', '2026'];
  const methods = ['cagr', 'linear', 'logistic'];
  const sources = ['trendforce_2023_10', 'trendforce_2023_12'];
  const capacity = grid(
    ['year', ...sources.flatMap((s) => methods.map((m) => `${s}\n${m}`)), 'point'],
    years.map((y, i) => [y, ...sources.flatMap(() => methods.map(() => (29 + i).toFixed(2))), i === 0 ? 'anchor' : 'interpolated']),
    ['int', ...sources.flatMap(() => methods.map((): 'number' => 'number')), 'text'],
  );

  it('leaves a table that fits as it is', () => {
    const layout = fitTable(capacity, 200, measure);
    expect(layout.blocks).toHaveLength(1);
    expect(draw(layout)).toContain('│ year │ trendforce_2023_10 │ trendforce_2023_10 │');
  });

  it('puts a shared first heading line over its columns once (source over method)', () => {
    const text = draw(fitTable(capacity, 80, measure));
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text.match(/trendforce_2023_10/g)).toHaveLength(1);
    expect(text).toMatch(/│ year │ +cagr │ +linear │ +logistic │/);
  });

  it('splits a table too wide even so into parts that repeat the key column', () => {
    const layout = fitTable(capacity, 50, measure);
    expect(layout.blocks.length).toBeGreaterThan(1);
    const text = draw(layout);
    expect(widest(text)).toBeLessThanOrEqual(50);
    for (const b of layout.blocks) expect(b.rows.some((r) => r[0].lines[0] === 'year')).toBe(true);
  });

  it('draws runs of a repeated first column under a label of their own', () => {
    const g = grid(
      ['scenario', 'series', 'year', 'value', 'unit', 'source_id'],
      ['bear', 'base', 'bull'].flatMap((s) => years.map((y) => [s, 'mature_share', y, '12,345,678.00', 'wpm_8in_eq', 'reuters_2025_02_trendforce'])),
      ['text', 'text', 'int', 'number', 'text', 'text'],
    );
    const text = draw(fitTable(g, 80, measure));
    expect(widest(text)).toBeLessThanOrEqual(80);
    expect(text).toMatch(/│ scenario: bear +│/);
    expect(text.match(/│ bear /g) ?? []).toHaveLength(0);
  });

  it('moves one long prose column below the table as numbered notes, the same text under one number', () => {
    const note = 'a long definition that goes on and on, far wider than any terminal would show in one cell of a table';
    const g = grid(['year', 'value', 'source_id', 'note'], [['2023', '29.00', 'trendforce_2023_10', note], ['2027', '33.00', 'trendforce_2023_10', note], ['2024', '34.00', 'reuters', 'short']], ['int', 'number', 'text', 'text']);
    const layout = fitTable(g, 60, measure);
    expect(layout.footnotes[0]).toMatch(/^\[1\] a long definition/);
    const text = draw(layout);
    expect(widest(text)).toBeLessThanOrEqual(60);
    expect(text.match(/\[1\]/g)).toHaveLength(3);
    expect(text).toContain('[2]');
  });

  it('turns a table of long records on its side: heading and value, a rule between records', () => {
    const prose = (i: number) => `claim number ${i} is a sentence long enough to need several lines when it is wrapped into a narrow column`;
    const head = ['claim_id', 'claim', 'claimed', 'verdict', 'reason', 'evidence', 'caveat'];
    const g = grid(head, [1, 2, 3].map((i) => [`id_${i}`, prose(i), '29 % (2023) → 39 % (2027)', 'supported', prose(i + 10), 'trendforce_2023_10 ; trendforce_2023_12', prose(i + 20)]), head.map(() => 'text'));
    const layout = fitTable(g, 60, measure);
    const text = draw(layout);
    expect(widest(text)).toBeLessThanOrEqual(60);
    expect(text).toMatch(/^│ claim_id │ id_1 +│$/m);
    expect(text).toMatch(/^│ verdict +│ supported +│$/m);
    expect(text.match(/^├/gm)).toHaveLength(2);
  });

  it('any table at any width from 20 columns: no line wider than the width', () => {
    const word = fc.constantFrom('a', 'bb', 'ccc', 'trendforce_2023_10', '中国大陆', '12,345.67', '—', 'x/y', 'reuters_2025_02_trendforce_long_name');
    const cellText = fc.array(word, { maxLength: 8 }).map((ws) => ws.join(' '));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((n) =>
          fc.record({
            head: fc.array(fc.oneof(cellText, fc.tuple(word, word).map(([a, b]) => `${a}\n${b}`)), { minLength: n, maxLength: n }),
            rows: fc.array(fc.array(cellText, { minLength: n, maxLength: n }), { maxLength: 8 }),
            kinds: fc.array(fc.constantFrom<'text' | 'int' | 'number'>('text', 'int', 'number'), { minLength: n, maxLength: n }),
            width: fc.integer({ min: 20, max: 140 }),
          }),
        ),
        ({ head, rows, kinds, width }) => {
          const text = draw(fitTable(grid(head, rows, kinds), width, measure));
          expect(widest(text)).toBeLessThanOrEqual(width);
        },
      ),
      { seed: 13, numRuns: 200 },
    );
  });
});
