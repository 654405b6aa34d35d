// Rendering a command's report in the chosen format and sending it to stdout or, atomically, to --out.
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { usageError } from '../errors.js';
import { renderCsv } from '../report/csv.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report, Table } from '../report/model.js';
import { renderTables } from '../report/table.js';
import { writeFileAtomic } from '../report/write.js';
import { makeChalk, type ColorLevel } from './color.js';
import type { CommandResult, OutputOptions } from './context.js';

export interface Sink {
  stdout(text: string): Promise<void>;
  stderr(text: string): void;
  stdoutColor: ColorLevel;
}

function pickTable(report: Report, name: string | undefined): Table {
  if (report.tables.length === 0) throw usageError(`'${report.command}' produced no table to write as CSV`);
  if (name === undefined) return report.tables[0];
  const table = report.tables.find((t) => t.name === name);
  if (!table) throw usageError(`no table '${name}' in this report; expected one of: ${report.tables.map((t) => t.name).join(', ')}`);
  return table;
}

export function render(report: Report, options: OutputOptions, version: string, colorLevel: ColorLevel): string {
  switch (options.format) {
    case 'csv':
      return renderCsv(pickTable(report, options.table), { neutralise: options.neutralise, excel: options.excel });
    case 'json':
      return renderJson(report, version);
    case 'md':
      return renderMarkdown(report);
    case 'table':
      return renderTables(report, makeChalk(colorLevel));
    case 'xlsx':
      // A binary format: written by emit() through src/report/xlsx.ts, never rendered as text.
      throw usageError('--format xlsx needs --out FILE.xlsx (a spreadsheet is a binary file, not text for a terminal)');
  }
}

const canonical = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return resolve(p);
  }
};

/** Writes the result; returns a one-line message for stderr when a file was written. */
export async function emit(result: CommandResult, options: OutputOptions, version: string, sink: Sink): Promise<void> {
  const { report } = result;
  if (options.out !== undefined) {
    const target = canonical(options.out);
    const clash = (result.inputs ?? []).find((input) => canonical(input) === target);
    if (clash) throw usageError(`--out ${options.out} is also an input of this run; choose another output file`);
    // Files never carry colour codes.
    const text = render(report, options, version, 0);
    writeFileAtomic(options.out, text);
  } else {
    await sink.stdout(render(report, options, version, options.format === 'table' ? sink.stdoutColor : 0));
  }
  // Warnings are in the table and JSON themselves; CSV has no room for them, so they go to stderr.
  if (options.format === 'csv') for (const w of report.warnings) sink.stderr(`semicap: warning: ${w}\n`);
  if (options.format === 'csv' && options.table === undefined && report.tables.length > 1 && options.out === undefined) {
    sink.stderr(`semicap: wrote table '${report.tables[0].name}'; also available with --table: ${report.tables.slice(1).map((t) => t.name).join(', ')}\n`);
  }
}
