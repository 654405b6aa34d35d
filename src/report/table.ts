// Tables for people in a terminal: one hand-written drawer with cli-table3's characters, fitted to the terminal's
// width (fit.ts) unless the caller asks for the full width; cli-table3 is not loaded (spanning headings, CJK widths).
import { type Align, type Block, type Cell, fitTable, type Grid, hanging, type Kind, type Layout, naturalBlock } from './fit.js';
import type { Report } from './model.js';
import { formatForPeople } from './numbers.js';
import type { Painter } from './paint.js';
import { escapeControls, escapeControlsKeepLines } from './sanitize.js';
import { type Measure, measureFor } from './width.js';

export type { Align };

// cli-table3's default characters.
const CHARS = {
  top: '─',
  'top-mid': '┬',
  'top-left': '┌',
  'top-right': '┐',
  bottom: '─',
  'bottom-mid': '┴',
  'bottom-left': '└',
  'bottom-right': '┘',
  left: '│',
  'left-mid': '├',
  'mid-mid': '┼',
  right: '│',
  'right-mid': '┤',
  middle: '│',
} as const;

/**
 * The report's tables, notes and warnings as text. `width`: the columns to fit everything into (a terminal's
 * width); undefined draws every table at its full width (--wide).
 */
export async function renderTables(report: Report, chalk: Painter, width?: number): Promise<string> {
  // Text from data is shown with its control characters escaped (sanitize.ts), before any colour is added.
  const tables = report.tables.map((table) => ({
    title: table.title ? escapeControlsKeepLines(table.title) : undefined,
    grid: {
      head: table.columns.map((c) => escapeControlsKeepLines(c.header)),
      rows: table.rows.map((row) => table.columns.map((c) => escapeControlsKeepLines(formatForPeople(row[c.key] ?? null, c)))),
      aligns: table.columns.map((c): Align => (c.type === 'number' || c.type === 'int' ? 'right' : 'left')),
      kinds: table.columns.map((c): Kind => (c.type === 'number' || c.type === 'int' ? c.type : 'text')),
    } satisfies Grid,
  }));
  const warnings = report.warnings.map((w) => escapeControls(w));
  const notes = report.notes.map((n) => escapeControls(n));
  const measure = await measureFor(texts(tables, [...warnings, ...notes]));
  const out: string[] = [];
  for (const { title, grid } of tables) {
    if (title) out.push(...title.split('\n').flatMap((t) => wrapped('', t, '', width, measure)).map((l) => chalk.bold(l)));
    const layout: Layout = width === undefined ? { blocks: [naturalBlock(grid, measure)], footnotes: [] } : fitTable(grid, width, measure);
    out.push(layout.blocks.map((b) => drawBlock(b, measure, chalk)).join('\n\n'));
    out.push(...layout.footnotes.map((l) => chalk.dim(l)), '');
  }
  for (const w of warnings) out.push(...wrapped('! ', w, '  ', width, measure).map((l) => chalk.yellow(l)));
  for (const n of notes) out.push(...wrapped('  ', n, '    ', width, measure).map((l) => chalk.dim(l)));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function* texts(tables: { title?: string; grid: Grid }[], lines: string[]): Iterable<string> {
  for (const { title, grid } of tables) {
    if (title) yield title;
    yield* grid.head;
    for (const r of grid.rows) yield* r;
  }
  yield* lines;
}

/** A line of prose after its prefix, wrapped to the width (none: as it is), its continuation lines indented. */
function wrapped(prefix: string, text: string, indent: string, width: number | undefined, measure: Measure): string[] {
  return width === undefined ? [prefix + text] : hanging(prefix, text, indent, width, measure);
}

/** A table at its full width, as cli-table3 draws it with no rule between body rows. */
export function drawTable(head: string[], rows: string[][], aligns: readonly Align[], measure: Measure, chalk?: Painter): string {
  const grid: Grid = { head, rows, aligns: [...aligns], kinds: aligns.map((a): Kind => (a === 'right' ? 'number' : 'text')) };
  return drawBlock(naturalBlock(grid, measure), measure, chalk);
}

/** One box: borders, cells padded a space either side and aligned, headings in bold, rules where asked. */
export function drawBlock(block: Block, measure: Measure, chalk?: Painter): string {
  const { widths, rows } = block;
  if (widths.length === 0) return '';
  const out: string[] = [];
  const starts = (row: Cell[]) => {
    const s = new Set<number>();
    let x = 0;
    for (const c of row) {
      s.add(x);
      x += c.span;
    }
    return s;
  };
  const rule = (left: string, right: string, joint: (x: number) => string) =>
    left + widths.map((w, x) => CHARS.top.repeat(w + 2) + (x < widths.length - 1 ? joint(x + 1) : '')).join('') + right;
  const top = starts(rows[0] ?? []);
  out.push(rule(CHARS['top-left'], CHARS['top-right'], (x) => (top.has(x) ? CHARS['top-mid'] : CHARS.top)));
  rows.forEach((row, y) => {
    if (y > 0 && block.rulesAbove.has(y)) {
      const above = starts(rows[y - 1]);
      const below = starts(row);
      out.push(rule(CHARS['left-mid'], CHARS['right-mid'], (x) => (above.has(x) && below.has(x) ? CHARS['mid-mid'] : above.has(x) ? CHARS['bottom-mid'] : below.has(x) ? CHARS['top-mid'] : CHARS.top)));
    }
    const height = Math.max(...row.map((c) => c.lines.length));
    for (let k = 0; k < height; k++) {
      let x = 0;
      const parts = row.map((c) => {
        const w = widths.slice(x, x + c.span).reduce((a, b) => a + b, 0) + 3 * (c.span - 1);
        x += c.span;
        const text = c.lines[k] ?? '';
        const fill = ' '.repeat(Math.max(0, w - measure(text)));
        const shown = c.head && chalk && text !== '' ? chalk.bold(text) : text;
        return ` ${c.align === 'right' ? fill + shown : shown + fill} `;
      });
      out.push(CHARS.left + parts.join(CHARS.middle) + CHARS.right);
    }
  });
  const bottom = starts(rows[rows.length - 1] ?? []);
  out.push(rule(CHARS['bottom-left'], CHARS['bottom-right'], (x) => (bottom.has(x) ? CHARS['bottom-mid'] : CHARS.bottom)));
  return out.join('\n');
}
