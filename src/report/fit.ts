// Laying a table out to fit a terminal width: a table that fits stays as it is; the steps for one that does not
// are in docs/module-notes.md. Pure: no drawing, no colour.
import type { Measure } from './width.js';

export type Align = 'left' | 'right';
/** What a column holds: numbers and integers never wrap; integers and text can be keys repeated in each part. */
export type Kind = 'text' | 'int' | 'number';

export interface Grid {
  head: string[];
  rows: string[][];
  aligns: Align[];
  kinds: Kind[];
  /** Runs of rows drawn under a label of their own (the value of a first column taken out of the grid). */
  sections?: { label: string; from: number; to: number }[];
}

/** One cell as drawn: its lines, alignment, whether it is a heading, and how many columns it spans. */
export interface Cell {
  lines: string[];
  align: Align;
  head: boolean;
  span: number;
}

/** One box: content width of each column, its rows, and the rows above which a rule is drawn. */
export interface Block {
  widths: number[];
  rows: Cell[][];
  rulesAbove: Set<number>;
}

/** Each column's frame: a space either side and a border on its left; plus the border on the right. */
const frameWidth = (columns: number) => 3 * columns + 1;

/** Text in a column narrower than this is not wrapped further, unless nothing else fits. */
const MIN_TEXT = 16;
/** Key columns repeated in every part take at most this share of the width. */
const KEY_SHARE = 0.5;
/** Key columns after the first wider than this are not repeated. */
const MAX_KEY = 30;
/** A text column whose cells are on average wider than this share of the width moves below the table as notes. */
const LONG_TEXT = 0.4;
/** Tables of more rows than this are not turned on their side. */
const MAX_SIDEWAYS_ROWS = 40;
/** A table is turned on its side only when that is clearly shorter than splitting it. */
const SIDEWAYS_GAIN = 0.8;

const cell = (lines: string[], align: Align, head = false, span = 1): Cell => ({ lines, align, head, span });

/** The table laid out as it is: one header row, one row each, columns as wide as their widest line. */
export function naturalBlock(grid: Grid, measure: Measure): Block {
  const rows = [grid.head.map((h, x) => cell(h.split('\n'), grid.aligns[x], true)), ...grid.rows.map((r) => r.map((c, x) => cell(c.split('\n'), grid.aligns[x])))];
  return { widths: columnWidths(rows, grid.head.length, measure), rows, rulesAbove: new Set() };
}

function columnWidths(rows: Cell[][], n: number, measure: Measure): number[] {
  const widths = new Array<number>(n).fill(0);
  for (const row of rows) {
    let x = 0;
    for (const c of row) {
      if (c.span === 1) for (const l of c.lines) widths[x] = Math.max(widths[x], measure(l));
      x += c.span;
    }
  }
  return widths;
}

/** A table laid out: its boxes, and the long texts moved out of it, as lines to print below it. */
export interface Layout {
  blocks: Block[];
  footnotes: string[];
}

/** The layout that draws the grid within `width` columns (each line at most that wide). */
export function fitTable(grid: Grid, width: number, measure: Measure): Layout {
  const natural = naturalBlock(grid, measure);
  if (sum(natural.widths) + frameWidth(grid.head.length) <= width) return { blocks: [natural], footnotes: [] };
  const g = withoutEmptyColumns(grid);
  const noted = withFootnotes(g, width, measure);
  const split = { blocks: splitByColumns(bySections(noted.grid), width, measure), footnotes: noted.footnotes };
  // On its side, a table of many rows is always the longer of the two: not tried.
  if (split.blocks.length === 1 || g.rows.length === 0 || g.rows.length > MAX_SIDEWAYS_ROWS) return split;
  const sideways = { blocks: turnedOnItsSide(g, width, measure), footnotes: [] };
  return height(sideways) < SIDEWAYS_GAIN * height(split) ? sideways : split;
}

/** Lines a layout takes on screen: rows, borders and rules, a blank line between boxes, the footnotes. */
export function height(layout: Layout): number {
  const { blocks, footnotes } = layout;
  return blocks.reduce((n, b) => n + 2 + b.rulesAbove.size + b.rows.reduce((h, r) => h + Math.max(...r.map((c) => c.lines.length)), 0), 0) + blocks.length - 1 + footnotes.length;
}

/**
 * Rows under labels: when the first column holds a few values, each repeated over a run of rows (a scenario's
 * paths), it is taken out and each run drawn under a "heading: value" row. Undefined sections otherwise.
 */
function bySections(grid: Grid): Grid {
  const n = grid.rows.length;
  if (grid.kinds[0] !== 'text' || grid.head.length < 3 || n < 4) return grid;
  const sections: { label: string; from: number; to: number }[] = [];
  for (let y = 0; y < n; ) {
    let end = y + 1;
    while (end < n && grid.rows[end][0] === grid.rows[y][0]) end++;
    // A Chinese heading takes the full-width colon.
    const head = grid.head[0].replace(/\n/g, ' ');
    sections.push({ label: `${head}${CJK.test(head) ? '：' : ': '}${grid.rows[y][0]}`, from: y, to: end });
    y = end;
  }
  if (sections.length * 3 > n) return grid;
  const rest = <T>(xs: T[]) => xs.slice(1);
  return { head: rest(grid.head), rows: grid.rows.map(rest), aligns: rest(grid.aligns), kinds: rest(grid.kinds), sections };
}

/**
 * A long prose column (its cells on average wider than LONG_TEXT of the width; never the first, which names the
 * row) moved below the table as numbered notes: the cell keeps the number ([1], [2], ...; the same text the same
 * number). Only when it is the one such column: a table of several is a list of records, better on its side.
 */
function withFootnotes(grid: Grid, width: number, measure: Measure): { grid: Grid; footnotes: string[] } {
  const filled = (x: number) => grid.rows.map((r) => r[x] ?? '').filter((c) => c !== '');
  const mean = (cells: string[]) => (cells.length === 0 ? 0 : sum(cells.map(measure)) / cells.length);
  const long = grid.head.map((_, x) => x > 0 && grid.kinds[x] === 'text' && mean(filled(x)) > LONG_TEXT * width);
  if (long.filter(Boolean).length !== 1) return { grid, footnotes: [] };
  const numbers = new Map<string, number>();
  const footnotes: string[] = [];
  const rows = grid.rows.map((r) =>
    r.map((c, x) => {
      if (!long[x] || c === '') return c;
      let n = numbers.get(c);
      if (n === undefined) {
        n = numbers.size + 1;
        numbers.set(c, n);
        const mark = `[${n}] `;
        footnotes.push(...hanging(mark, c, ' '.repeat(mark.length), width, measure));
      }
      return `[${n}]`;
    }),
  );
  return { grid: { ...grid, rows }, footnotes };
}

/** Text wrapped to the width after a first-line prefix, its other lines indented. */
export function hanging(prefix: string, text: string, indent: string, width: number, measure: Measure): string[] {
  const [first, ...rest] = wrapText(text, Math.max(1, width - measure(prefix)), measure);
  if (rest.length === 0) return [prefix + first];
  return [prefix + first, ...wrapText(rest.join(' '), Math.max(1, width - measure(indent)), measure).map((l) => indent + l)];
}

function withoutEmptyColumns(grid: Grid): Grid {
  if (grid.rows.length === 0) return grid;
  const keep = grid.head.map((_, x) => grid.rows.some((r) => (r[x] ?? '') !== ''));
  if (keep.every(Boolean) || !keep.some(Boolean)) return grid;
  const pick = <T>(xs: T[]) => xs.filter((_, x) => keep[x]);
  return { head: pick(grid.head), rows: grid.rows.map(pick), aligns: pick(grid.aligns), kinds: pick(grid.kinds) };
}

// ---------------------------------------------------------------------------------------------------------
// Columns: what each needs, and how wide each gets.

interface ColumnNeed {
  /** Widest line (heading below any group label, and cells). */
  natural: number;
  /** With the heading wrapped at its spaces. */
  compact: number;
  /** With text wrapped at its spaces too (never narrower than its longest word). */
  words: number;
  /** Narrowest it should be made: numbers keep their width, text breaks its words down to MIN_TEXT. */
  least: number;
}

const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');

function columnNeed(head: string, cells: string[], kind: Kind, measure: Measure): ColumnNeed {
  let body = 0;
  let longestWord = 0;
  for (const c of cells) {
    for (const l of c.split('\n')) body = Math.max(body, measure(l));
    if (kind === 'text' && measure(c) > longestWord) for (const w of words(c)) longestWord = Math.max(longestWord, measure(w));
  }
  let natural = body;
  for (const l of head.split('\n')) natural = Math.max(natural, measure(l));
  let headWord = 0;
  for (const w of words(head)) headWord = Math.max(headWord, Math.min(measure(w), MIN_TEXT));
  const compact = Math.max(1, body, headWord);
  if (kind !== 'text') return { natural, compact, words: compact, least: compact };
  const wordsWidth = Math.max(1, longestWord, headWord);
  return { natural, compact, words: Math.min(compact, wordsWidth), least: Math.min(compact, Math.max(1, headWord, Math.min(longestWord, MIN_TEXT))) };
}

/**
 * Content widths that add up to at most `available`, in stages until they fit: natural widths; headings wrapped;
 * text wrapped at its spaces (the widest columns first, to one cap); words broken (the widest first again).
 * What a stage leaves over goes to the columns left to right.
 */
function shareWidths(needs: ColumnNeed[], available: number): number[] {
  const total = (key: keyof ColumnNeed) => sum(needs.map((n) => n[key]));
  if (total('natural') <= available) return needs.map((n) => n.natural);
  let widths: number[];
  if (total('compact') <= available) widths = needs.map((n) => n.compact);
  else if (total('words') <= available) widths = capped(needs.map((n) => n.words), needs.map((n) => n.compact), available);
  else widths = capped(needs.map((n) => n.least), needs.map((n) => n.words), available);
  let spare = available - sum(widths);
  for (let x = 0; x < widths.length && spare > 0; x++) {
    const more = Math.max(0, Math.min(spare, needs[x].natural - widths[x]));
    widths[x] += more;
    spare -= more;
  }
  return widths;
}

/** Widths between floor and top: the largest cap on the tops that fits (never below a floor). */
function capped(floor: number[], top: number[], available: number): number[] {
  const at = (cap: number) => top.map((t, x) => Math.max(floor[x], Math.min(t, cap)));
  let lo = 0;
  let hi = Math.max(...top);
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (sum(at(mid)) <= available) lo = mid;
    else hi = mid - 1;
  }
  return at(lo);
}

/** The needs of a column that holds cells of several (a row turned on its side). */
const widestOf = (needs: ColumnNeed[]): ColumnNeed => ({
  natural: Math.max(1, ...needs.map((n) => n.natural)),
  compact: Math.max(1, ...needs.map((n) => n.compact)),
  words: Math.max(1, ...needs.map((n) => n.words)),
  least: Math.max(1, ...needs.map((n) => n.least)),
});

/** Needs whose least widths fit `available` (when it allows a column each): the widest cut first, to what there is. */
function withinReach(needs: ColumnNeed[], available: number): ColumnNeed[] {
  const out = [...needs];
  for (let over = sum(out.map((n) => n.least)) - available; over > 0; ) {
    const x = out.reduce((a, n, i) => (n.least > out[a].least ? i : a), 0);
    if (out[x].least <= 1) break;
    const l = Math.max(1, out[x].least - over);
    over -= out[x].least - l;
    out[x] = { natural: out[x].natural, compact: Math.min(out[x].compact, l), words: Math.min(out[x].words, l), least: l };
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Split by columns, with two-level headers.

/** Runs of adjacent columns whose two-line headings share the first line: that line becomes a group label. */
function headingGroups(head: string[]): { label: string; from: number; to: number }[] {
  const first = (h: string) => (h.includes('\n') ? h.slice(0, h.indexOf('\n')) : undefined);
  const groups: { label: string; from: number; to: number }[] = [];
  for (let x = 0; x < head.length; ) {
    const label = first(head[x]);
    let end = x + 1;
    while (label !== undefined && end < head.length && first(head[end]) === label) end++;
    if (label !== undefined && end - x >= 2) groups.push({ label, from: x, to: end });
    x = end;
  }
  return groups;
}

function splitByColumns(grid: Grid, width: number, measure: Measure): Block[] {
  const groups = headingGroups(grid.head);
  const groupOf = (x: number) => groups.find((g) => x >= g.from && x < g.to);
  // Under a group label a heading keeps only its other lines (e.g. the method under its source).
  const head = grid.head.map((h, x) => (groupOf(x) ? h.slice(h.indexOf('\n') + 1) : h));
  const needs = head.map((h, x) => columnNeed(h, grid.rows.map((r) => r[x] ?? ''), grid.kinds[x], measure));
  const fits = (cols: number[]) => sum(cols.map((x) => needs[x].least)) + frameWidth(cols.length) <= width;

  // Keys: the leading columns that name a row (not measurements), repeated in every part.
  const keys: number[] = [];
  for (let x = 0; x < grid.head.length - 1 && grid.kinds[x] !== 'number' && !groupOf(x); x++) {
    // The first column names the row whatever its width (wrapped if need be); the next ones only if narrow.
    if ((x > 0 && needs[x].natural > MAX_KEY) || sum([...keys, x].map((k) => needs[k].least)) + frameWidth(keys.length + 1) > KEY_SHARE * width) break;
    keys.push(x);
  }
  // Units kept together in one part where they fit: a group, or a single column.
  const units: number[][] = [];
  for (let x = keys.length; x < grid.head.length; ) {
    const g = groupOf(x);
    const end = g ? g.to : x + 1;
    units.push(range(x, end));
    x = end;
  }
  const parts: number[][] = [];
  let current: number[] = [];
  const close = () => {
    if (current.length > 0) parts.push(current);
    current = [];
  };
  for (const unit of units) {
    if (fits([...keys, ...current, ...unit])) current.push(...unit);
    else if (fits([...keys, ...unit])) {
      close();
      current = [...unit];
    } else {
      // A group too wide for one part goes column by column; a column too wide even alone gets a part of its own.
      for (const x of unit) {
        if (!fits([...keys, ...current, x])) close();
        current.push(x);
      }
    }
  }
  close();
  // The first part lists every row; a later one only the rows with a value in its own columns (a path's band
  // columns are empty in its anchor years), when the keys it repeats tell each row apart.
  const identified = keys.length > 0 && keysIdentifyRows(grid, keys);
  return parts.map((part, i) => columnBlock(grid, head, [...keys, ...part], needs, groups, width, measure, identified && i > 0 ? part : undefined));
}

/** Whether no two rows (of one section) have the same key cells. */
function keysIdentifyRows(grid: Grid, keys: number[]): boolean {
  const seen = new Set<string>();
  for (const [s, section] of (grid.sections ?? [{ from: 0, to: grid.rows.length }]).entries()) {
    for (const r of grid.rows.slice(section.from, section.to)) seen.add(JSON.stringify([s, ...keys.map((k) => r[k] ?? '')]));
  }
  return seen.size === grid.rows.length;
}

/** One part's box: the columns `cols`; with `own` (a later part's columns but the keys), only the rows with a value there. */
function columnBlock(grid: Grid, head: string[], cols: number[], needs: ColumnNeed[], groups: { label: string; from: number; to: number }[], width: number, measure: Measure, own?: number[]): Block {
  const available = width - frameWidth(cols.length);
  const widths = shareWidths(withinReach(cols.map((x) => needs[x]), available), Math.max(available, cols.length));
  const rows: Cell[][] = [];
  // Group labels over their columns (only the groups present here), centred; other columns' cells left empty.
  const present = groups.filter((g) => cols.some((x) => x >= g.from && x < g.to));
  if (present.length > 0) {
    const top: Cell[] = [];
    for (let i = 0; i < cols.length; ) {
      const g = present.find((p) => cols[i] >= p.from && cols[i] < p.to);
      if (!g) {
        top.push(cell([''], 'left', true));
        i++;
        continue;
      }
      let span = 0;
      while (i + span < cols.length && cols[i + span] >= g.from && cols[i + span] < g.to) span++;
      const w = sum(widths.slice(i, i + span)) + 3 * (span - 1);
      top.push(cell(wrapText(g.label, w, measure).map((l) => centre(l, w, measure)), 'left', true, span));
      i += span;
    }
    rows.push(top);
  }
  rows.push(cols.map((x, i) => cell(wrapText(head[x], widths[i], measure), grid.aligns[x], true)));
  const rulesAbove = new Set<number>();
  const full = sum(widths) + 3 * (cols.length - 1);
  for (const section of grid.sections ?? [{ label: undefined, from: 0, to: grid.rows.length }]) {
    const shown = grid.rows.slice(section.from, section.to).filter((r) => own === undefined || own.some((x) => (r[x] ?? '') !== ''));
    if (shown.length === 0) continue;
    if (section.label !== undefined) {
      rulesAbove.add(rows.length);
      rows.push([cell(wrapText(section.label, full, measure), 'left', true, cols.length)]);
      rulesAbove.add(rows.length);
    }
    for (const r of shown) rows.push(cols.map((x, i) => cell(wrapText(r[x] ?? '', widths[i], measure), grid.aligns[x])));
  }
  return { widths, rows, rulesAbove };
}

// ---------------------------------------------------------------------------------------------------------
// On its side: the headings down the left, each row a column beside them, as many rows side by side as fit;
// a rule between each set of rows.

function turnedOnItsSide(grid: Grid, width: number, measure: Measure): Block[] {
  const names = grid.head.map((h) => h.replace(/\n/g, ' '));
  const nameNeed = columnNeed('', names, 'text', measure);
  const recordNeed = (r: string[]) => {
    const needs = r.map((c, x) => columnNeed('', [c], grid.kinds[x], measure));
    return widestOf(needs);
  };
  const recordNeeds = grid.rows.map(recordNeed);
  // As many rows side by side as fit at their least widths (at least one); rows of long prose one at a time.
  const prose = grid.rows.some((r) => r.some((c, x) => grid.kinds[x] === 'text' && measure(c) > LONG_TEXT * width));
  let perSet = 1;
  while (!prose && perSet < grid.rows.length) {
    const worst = Math.max(...chunk(recordNeeds, perSet + 1).map((set) => sum(set.map((n) => n.least))));
    if (nameNeed.least + worst + frameWidth(perSet + 2) > width) break;
    perSet++;
  }
  const sets = chunk(grid.rows.map((_, y) => y), perSet);
  // One box: every set shares the column widths (the widest row at each position).
  const position = (i: number): ColumnNeed => {
    return widestOf(sets.map((s) => s[i]).filter((y) => y !== undefined).map((y) => recordNeeds[y]));
  };
  const available = width - frameWidth(perSet + 1);
  const widths = shareWidths(withinReach([nameNeed, ...range(0, perSet).map(position)], available), available);
  const rows: Cell[][] = [];
  const rulesAbove = new Set<number>();
  sets.forEach((set, s) => {
    if (s > 0) rulesAbove.add(rows.length);
    names.forEach((name, x) => {
      rows.push([
        cell(wrapText(name, widths[0], measure), 'left', true),
        ...range(0, perSet).map((i) => (set[i] === undefined ? cell([''], 'left') : cell(wrapText(grid.rows[set[i]][x] ?? '', widths[i + 1], measure), grid.aligns[x]))),
      ]);
    });
  });
  return [{ widths, rows, rulesAbove }];
}

// ---------------------------------------------------------------------------------------------------------
// Wrapping text.

/** Where a long word may be broken: after these first (a path, an identifier such as trendforce_2023_10, a list)... */
const STRONG_BREAK = /[/_\\,;&?=]/;
/** ...else after these (a range, a file's extension, a date). */
const WEAK_BREAK = /[-.:)–—]/;
/** CJK punctuation that closes or ends something: never at the start of a line. */
const CLOSING = /[）」』》〉】〕，。、；：！？]/;
// CJK: a line may break after any ideograph or full-width character.
const CJK = /[\u3000-\u303e\u3041-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uff60]/;

/** Text wrapped into lines at most `width` columns wide: at spaces, else after soft breaks or CJK, else anywhere. */
export function wrapText(text: string, width: number, measure: Measure): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (measure(line) <= width) {
      out.push(line);
      continue;
    }
    // Widths add up word by word: a space is one column and never joins the characters beside it.
    let current = '';
    let used = 0;
    for (const word of line.split(' ')) {
      const w = measure(word);
      if (current === '' ? w <= width : used + 1 + w <= width) {
        current = current === '' ? word : `${current} ${word}`;
        used = current === word ? w : used + 1 + w;
        continue;
      }
      if (current !== '') out.push(current);
      if (w <= width) [current, used] = [word, w];
      else {
        const pieces = breakWord(word, width, measure);
        out.push(...pieces.slice(0, -1));
        current = pieces[pieces.length - 1];
        used = measure(current);
      }
    }
    out.push(current);
  }
  return out;
}

/**
 * A word wider than `width` in pieces that fill their lines: each cut after the last strong break in the line's
 * second half, else the last weak one there, else the last break at all, else where the line is full (between
 * CJK characters a line may end anywhere).
 */
function breakWord(word: string, width: number, measure: Measure): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  // Where the piece may be cut (length in code units), by kind: strong and weak in its second half, any.
  let strong = -1;
  let weak = -1;
  let any = -1;
  for (const ch of word) {
    const w = measure(ch);
    if (piece !== '' && used + w > width) {
      const full = CJK.test(ch) || CJK.test(piece.slice(-1));
      // Closing CJK punctuation never starts a line: it takes the character before it along.
      const at = full ? piece.length - (CLOSING.test(ch) && piece.length > 1 ? 1 : 0) : [strong, weak, any, piece.length].find((x) => x > 0 && x < piece.length) ?? piece.length;
      pieces.push(piece.slice(0, at));
      piece = piece.slice(at);
      used = measure(piece);
      // Break points inside the carried-over text are not kept: it is short, at most half a line.
      strong = weak = any = -1;
    }
    piece += ch;
    used += w;
    const late = used * 2 > width;
    if (STRONG_BREAK.test(ch)) {
      any = piece.length;
      if (late) strong = piece.length;
    } else if (WEAK_BREAK.test(ch) || CJK.test(ch)) {
      any = piece.length;
      if (late) weak = piece.length;
    }
  }
  pieces.push(piece);
  return pieces;
}

function centre(text: string, width: number, measure: Measure): string {
  const room = width - measure(text);
  return room <= 0 ? text : ' '.repeat(Math.floor(room / 2)) + text;
}

// ---------------------------------------------------------------------------------------------------------

function sum(xs: number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
}

function chunk<T>(xs: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}
