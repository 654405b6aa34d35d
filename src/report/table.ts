// Tables for people in a terminal, as cli-table3 draws them: plain-ASCII tables are drawn here directly (cheaper at
// start-up), anything else by cli-table3 itself, loaded then; test/report/table.test.ts checks the two agree.
import type { Report } from './model.js';
import { formatForPeople } from './numbers.js';
import type { Painter } from './paint.js';
import { escapeControls, escapeControlsKeepLines } from './sanitize.js';

export type Align = 'left' | 'right';

// cli-table3's characters (its defaults), except that there is no rule between body rows: a compact table reads
// faster and fits more years on a screen.
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
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '│',
  'right-mid': '',
  middle: '│',
} as const;

/** The cli-table3 options of every semicap table. */
export function table3Options(head: string[], aligns: readonly Align[]) {
  return {
    head,
    // cli-table3 paints headers and borders by default even without colour: switch that off and colour ourselves.
    style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
    chars: { ...CHARS },
    colAligns: [...aligns],
    wordWrap: false,
  };
}

export async function renderTables(report: Report, chalk: Painter): Promise<string> {
  const out: string[] = [];
  for (const table of report.tables) {
    // Text from data is shown with its control characters escaped (sanitize.ts), before any colour is added.
    if (table.title) out.push(chalk.bold(escapeControlsKeepLines(table.title)));
    const head = table.columns.map((c) => chalk.bold(escapeControlsKeepLines(c.header)));
    const aligns = table.columns.map((c): Align => (c.type === 'number' || c.type === 'int' ? 'right' : 'left'));
    const rows = table.rows.map((row) => table.columns.map((c) => escapeControlsKeepLines(formatForPeople(row[c.key] ?? null, c))));
    out.push(await drawTable(head, rows, aligns), '');
  }
  for (const w of report.warnings) out.push(chalk.yellow(`! ${escapeControls(w)}`));
  for (const n of report.notes) out.push(chalk.dim(`  ${escapeControls(n)}`));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

/** A table as cli-table3 draws it with table3Options. */
export async function drawTable(head: string[], rows: string[][], aligns: readonly Align[]): Promise<string> {
  const plain = drawPlainTable(head, rows, aligns);
  if (plain !== undefined) return plain;
  const { default: Table3 } = await import('cli-table3');
  const t = new Table3(table3Options(head, aligns));
  for (const row of rows) t.push(row);
  return t.toString();
}

// Printable ASCII and line ends: every character one column wide, no escape codes, nothing to wrap or truncate.
const PLAIN_TEXT = /^[\x20-\x7e\n]*$/;

/**
 * cli-table3's drawing of a table with table3Options when the header and every cell are printable ASCII (with
 * line ends) and every row has as many cells as the header; undefined otherwise (drawTable then uses cli-table3).
 * Each column is as wide as its widest line plus a space either side; a row as tall as its tallest cell, lines
 * aligned left or right and padded at the bottom; a rule above every row (empty, so left out, below the first)
 * and below the last.
 */
export function drawPlainTable(head: string[], rows: string[][], aligns: readonly Align[]): string | undefined {
  const n = head.length;
  if (n === 0) return undefined;
  const grid = [head, ...rows];
  for (const row of grid) {
    if (row.length !== n) return undefined;
    for (const cell of row) if (typeof cell !== 'string' || !PLAIN_TEXT.test(cell)) return undefined;
  }
  const cells = grid.map((row) => row.map((cell) => cell.split('\n')));
  const widths = new Array<number>(n).fill(0);
  for (const row of cells) row.forEach((lines, x) => lines.forEach((line) => (widths[x] = Math.max(widths[x], line.length + 2))));
  const out: string[] = [];
  const rule = (left: string, fill: string, joint: string, right: string) => {
    const line = left + widths.map((w) => fill.repeat(w)).join(joint) + right;
    if (line !== '') out.push(line);
  };
  cells.forEach((row, y) => {
    if (y === 0) rule(CHARS['top-left'], CHARS.top, CHARS['top-mid'], CHARS['top-right']);
    else rule(CHARS['left-mid'], CHARS.mid, CHARS['mid-mid'], CHARS['right-mid']);
    const height = Math.max(...row.map((lines) => lines.length));
    for (let k = 0; k < height; k++) {
      const parts = row.map((lines, x) => {
        const text = lines[k] ?? '';
        const fill = ' '.repeat(widths[x] - 2 - text.length);
        return ` ${aligns[x] === 'right' ? fill + text : text + fill} `;
      });
      out.push(CHARS.left + parts.join(CHARS.middle) + CHARS.right);
    }
  });
  rule(CHARS['bottom-left'], CHARS.bottom, CHARS['bottom-mid'], CHARS['bottom-right']);
  return out.join('\n');
}
