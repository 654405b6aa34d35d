// A table split into parts: the first part lists every row, a later part only the rows with a value in its own
// columns (a path's band columns are empty in its anchor and interpolated years), as long as the key columns it
// repeats tell the rows apart.
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { fitTable, type Block, type Grid } from '../../src/report/fit.js';
import { drawBlock } from '../../src/report/table.js';
import { semicap } from '../cli/run.js';

const measure = stringWidth;

function grid(head: string[], rows: string[][], kinds: Grid['kinds']): Grid {
  return { head, rows, kinds, aligns: kinds.map((k) => (k === 'text' ? 'left' : 'right')) };
}

/** The first cell of each body row of a block (its key), leaving out the heading rows. */
const keysOf = (b: Block) => b.rows.filter((r) => !r[0].head).map((r) => r[0].lines.join(' '));

// `project --method cagr,linear,logistic` as its table: three paths, then an 80 % and a 95 % band per path, empty
// until the last anchor (2027).
const years = ['2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030'];
const methods = ['cagr', 'linear', 'logistic'];
const past = (y: string) => Number(y) > 2027;
const projection = grid(
  ['year', ...methods, 'point', ...methods.flatMap((m) => [`${m}\n80 % band`, `${m}\n95 % band`])],
  years.map((y, i) => [y, ...methods.map(() => (29 + 2.5 * i).toFixed(2)), past(y) ? 'extrapolated' : i === 0 || y === '2027' ? 'anchor' : 'interpolated', ...methods.flatMap(() => (past(y) ? ['37.0-48.4', '27.6-60.0'] : ['', '']))]),
  ['int', 'number', 'number', 'number', 'text', 'text', 'text', 'text', 'text', 'text', 'text'],
);

describe('parts of a split table', () => {
  it('a later part leaves out the rows with nothing in its own columns; the first lists every row', () => {
    const { blocks } = fitTable(projection, 100, measure);
    expect(blocks.length).toBeGreaterThan(1);
    expect(keysOf(blocks[0])).toEqual(years);
    for (const b of blocks.slice(1)) expect(keysOf(b)).toEqual(['2028', '2029', '2030']);
    // Every value is still shown: each band cell once, in some part.
    const text = blocks.map((b) => drawBlock(b, measure)).join('\n');
    expect(text.match(/37\.0-48\.4/g)).toHaveLength(3 * 3);
    for (const line of text.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(100);
  });

  it('a row with a value in any of a part’s columns stays in it', () => {
    const rows = projection.rows.map((r) => [...r]);
    // One band cell of 2025 (the logistic 95 % band, the table's last column) has a value.
    rows[2][rows[2].length - 1] = '30.0-31.0';
    const { blocks } = fitTable({ ...projection, rows }, 100, measure);
    const last = blocks[blocks.length - 1];
    expect(keysOf(last)).toEqual(['2025', '2028', '2029', '2030']);
  });

  it('keeps every row in every part when the repeated keys do not tell the rows apart', () => {
    // Two rows for each year: matching a part's rows to the first part's needs all of them, in order.
    const twice = { ...projection, rows: projection.rows.flatMap((r) => [r, r]) };
    const { blocks } = fitTable(twice, 100, measure);
    expect(blocks.length).toBeGreaterThan(1);
    for (const b of blocks) expect(keysOf(b)).toEqual(years.flatMap((y) => [y, y]));
  });

  it('leaves out a section label whose rows a later part leaves out', () => {
    // A first text column repeated over runs of rows is drawn as a label over each run (scenario: base, bull).
    const withScenario = grid(
      ['scenario', ...projection.head],
      ['base', 'bull'].flatMap((s) => projection.rows.map((r) => [s, ...(s === 'bull' ? r.map((c, x) => (x > 5 ? '' : c)) : r)])),
      ['text', ...projection.kinds],
    );
    const { blocks } = fitTable(withScenario, 100, measure);
    expect(blocks.length).toBeGreaterThan(1);
    const labels = (b: Block) => b.rows.filter((r) => r.length === 1 && r[0].span > 1).map((r) => r[0].lines.join(' '));
    expect(labels(blocks[0])).toEqual(['scenario: base', 'scenario: bull']);
    expect(keysOf(blocks[0])).toEqual([...years, ...years]);
    // bull has no bands: its label and rows are left out of the parts that hold only band columns.
    for (const b of blocks.slice(1)) {
      expect(labels(b)).toEqual(['scenario: base']);
      expect(keysOf(b).filter((k) => !k.startsWith('scenario'))).toEqual(['2028', '2029', '2030']);
    }
  });
});

describe('semicap project at 100 columns', () => {
  it("the logistic bands' part starts at the first year past the last anchor", async () => {
    const env = { LANG: 'C.UTF-8', LC_ALL: undefined, COLUMNS: '100', NO_COLOR: '1', SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };
    const r = await semicap(['project', '--from', '2023=29%', '--to', '2027=39%', '--through', '2035', '--method', 'cagr,linear,logistic', '--cap', '60'], { env });
    expect(r.code, r.stderr).toBe(0);
    const boxes = r.stdout.split(/\n\n/);
    const bands = boxes.find((b) => /│ +logistic +│/.test(b) && b.includes('95 % band') && !b.includes('cagr'))!;
    const years = [...bands.matchAll(/^│ (\d{4}) │/gm)].map((m) => m[1]);
    expect(years).toEqual(['2028', '2029', '2030', '2031', '2032', '2033', '2034', '2035']);
    // The first part still lists every year, anchors included.
    expect([...boxes[0].matchAll(/^│ (\d{4}) │/gm)].map((m) => m[1])).toEqual(Array.from({ length: 13 }, (_, i) => String(2023 + i)));
  });
});
