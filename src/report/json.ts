// One JSON document per run. Shape (documented in the README):
// { "semicap": version, "command": name, "tables": [{ "name", "title", "columns": [{key, header}], "rows": [{...}] }],
//   "notes": [...], "warnings": [...] }
import type { Report } from './model.js';

export function renderJson(report: Report, version: string): string {
  const doc = {
    semicap: version,
    command: report.command,
    tables: report.tables.map((t) => ({
      name: t.name,
      title: t.title ?? null,
      columns: t.columns.map((c) => ({ key: c.key, header: c.header })),
      rows: t.rows.map((r) => Object.fromEntries(t.columns.map((c) => [c.key, finiteOrNull(r[c.key] ?? null)]))),
    })),
    notes: report.notes,
    warnings: report.warnings,
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

const finiteOrNull = <T>(v: T): T | null => (typeof v === 'number' && !Number.isFinite(v) ? null : v);
