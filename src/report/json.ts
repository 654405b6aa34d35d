// One JSON document per run. Shape (documented in the README):
// { "schema": 1, "semicap": version, "command": name, "tables": [{ "name", "title", "columns": [{key, header}], "rows": [{...}] }],
//   "notes": [...], "warnings": [...] }
import type { Report } from './model.js';

/** Version of the JSON document's shape: raised when a key is removed or changes meaning (new keys keep it). */
export const JSON_SCHEMA = 1;

export function renderJson(report: Report, version: string): string {
  const doc = {
    schema: JSON_SCHEMA,
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
