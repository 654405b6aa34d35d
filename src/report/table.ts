// Tables for people in a terminal: cli-table3 with colour only when the caller's painter has any
// (a Chalk with a level; PLAIN otherwise).
import Table3 from 'cli-table3';
import type { Painter } from './paint.js';
import type { Report } from './model.js';
import { formatForPeople } from './numbers.js';

export function renderTables(report: Report, chalk: Painter): string {
  const out: string[] = [];
  for (const table of report.tables) {
    if (table.title) out.push(chalk.bold(table.title));
    // cli-table3 paints headers and borders by default even without colour: switch that off and colour ourselves.
    const t = new Table3({
      head: table.columns.map((c) => chalk.bold(c.header)),
      style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 },
      // No rule between body rows: a compact table reads faster and fits more years on a screen.
      chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
      colAligns: table.columns.map((c) => (c.type === 'number' || c.type === 'int' ? 'right' : 'left')),
      wordWrap: false,
    });
    for (const row of table.rows) t.push(table.columns.map((c) => formatForPeople(row[c.key] ?? null, c)));
    out.push(t.toString(), '');
  }
  for (const w of report.warnings) out.push(chalk.yellow(`! ${w}`));
  for (const n of report.notes) out.push(chalk.dim(`  ${n}`));
  return out.join('\n').replace(/\n+$/, '') + '\n';
}
