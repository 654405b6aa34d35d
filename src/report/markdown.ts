// GitHub-flavoured Markdown tables, for CI job summaries and pull-request comments.
import type { CellValue, Column, Report } from './model.js';
import { formatForPeople } from './numbers.js';
import { escapeControls } from './sanitize.js';

const escapeMd = (text: string) => escapeControls(text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' '));

export function renderMarkdown(report: Report): string {
  const out: string[] = [];
  for (const table of report.tables) {
    if (table.title) out.push(`### ${escapeMd(table.title)}`, '');
    out.push(`| ${table.columns.map((c) => escapeMd(c.header)).join(' | ')} |`);
    out.push(`|${table.columns.map((c) => (isNumeric(c) ? '---:' : '---')).join('|')}|`);
    for (const row of table.rows) out.push(`| ${table.columns.map((c) => escapeMd(cellText(row[c.key] ?? null, c))).join(' | ')} |`);
    out.push('');
  }
  for (const w of report.warnings) out.push(`> **Warning:** ${escapeMd(w)}`, '');
  for (const n of report.notes) out.push(`- ${escapeMd(n)}`);
  if (report.notes.length > 0) out.push('');
  return out.join('\n');
}

const isNumeric = (c: Column) => c.type === 'number' || c.type === 'int';
const cellText = (v: CellValue, c: Column) => formatForPeople(v, c);
