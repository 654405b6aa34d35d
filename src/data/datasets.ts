// Loading a folder of datasets (the bundled one or the user's --data DIR) into typed records, with every
// problem found: per-cell checks from the schemas plus the checks across files (source ids resolve).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataError, missingInputError } from '../errors.js';
import { decodeUtf8, parseCsv } from './csv.js';
import { readInputBytes } from './files.js';
import { formatProblem, ProblemError, type Problem } from './problem.js';
import { validateRows, type Row, type Schema } from './schema.js';
import {
  DATASET_SCHEMAS,
  capacitySchema,
  capacityShareSchema,
  fundsSchema,
  fxSchema,
  selfSufficiencySchema,
  sourcesSchema,
  type Kind,
} from './schemas.js';

export interface Source { source_id: string; publisher: string; title: string; url: string | null; published: string | null; notes: string | null; line: number }
export interface ShareRecord { year: number; region: string; segment: string; share_pct: number; kind: Kind; definition: string | null; source_id: string; notes: string | null; line: number }
export interface CapacityRecord { year: number; period: string; entity: string; region: string; segment: string; value: number; unit: string; kind: Kind; source_id: string; notes: string | null; line: number }
export interface FundRecord { fund: string; phase: string | null; year: number; measure: string; amount_low: number; amount_high: number; currency: 'CNY' | 'USD'; status: string; kind: Kind; source_id: string; notes: string | null; line: number }
export interface SelfSufficiencyRecord { year: number; scope: string; rate_pct: number; kind: Kind; definition: string | null; source_id: string; notes: string | null; line: number }
export interface FxRecord { year: number; currency: 'CNY' | 'USD'; per_usd: number; kind: Kind; source_id: string; notes: string | null; line: number }

export interface Datasets {
  dir: string;
  sources: Source[];
  capacityShare: ShareRecord[];
  capacity: CapacityRecord[];
  funds: FundRecord[];
  selfSufficiency: SelfSufficiencyRecord[];
  fx: FxRecord[];
}

/** The bundled datasets folder, found from the built or the source file's location. */
export function bundledDataDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'datasets');
    if (existsSync(join(candidate, 'sources.csv'))) return candidate;
    dir = dirname(dir);
  }
  return resolve('datasets');
}

export interface LoadedFile {
  schema: Schema;
  path: string;
  /** The file's own header (empty when it could not be read): columns in a user's file may be in any order. */
  header?: string[];
  rows: Row[];
  problems: Problem[];
}

/**
 * Reads and validates one dataset file; syntax errors become a single problem rather than an exception.
 * `plainFirst`: the file is one of the bundled datasets, read by the fast plain-CSV reader when it can (csv.ts).
 */
export function loadFile(path: string, schema: Schema, options: { plainFirst?: boolean } = {}): LoadedFile {
  try {
    const table = parseCsv(decodeUtf8(readInputBytes(path), path), path, { plainFirst: options.plainFirst });
    const { rows, problems } = validateRows(table, schema);
    return { schema, path, header: table.header, rows, problems };
  } catch (e) {
    // Keep the located problem whole: re-parsing the message lost line and column (`file: 2: ...`).
    if (e instanceof ProblemError) return { schema, path, rows: [], problems: [e.problem] };
    if (e instanceof Error && 'kind' in e && (e as { kind: string }).kind === 'data') {
      return { schema, path, rows: [], problems: [{ file: path, message: e.message.startsWith(path) ? e.message.slice(path.length).replace(/^:\s?/, '') : e.message }] };
    }
    throw e;
  }
}

export interface FolderCheck {
  files: LoadedFile[];
  problems: Problem[];
}

export type DatasetName = 'sources' | 'capacity_share' | 'capacity' | 'funds' | 'self_sufficiency' | 'fx';

/**
 * Validates the datasets in a folder (all, or the named ones plus sources.csv), including that each source_id
 * resolves in sources.csv. Commands load only what they use: reading all six files costs start-up time.
 */
export function checkFolder(dir: string, only?: readonly DatasetName[]): FolderCheck {
  requireDataFolder(dir);
  const present = new Set(readdirSync(dir));
  const files: LoadedFile[] = [];
  const problems: Problem[] = [];
  const wanted = only === undefined ? DATASET_SCHEMAS : DATASET_SCHEMAS.filter((s) => s.name === 'sources' || only.includes(s.name as DatasetName));
  // The bundled files are read by the fast reader (same records, lines and errors); a user's folder by csv-parse.
  const plainFirst = resolve(dir) === resolve(bundledDataDir());
  for (const schema of wanted) {
    const path = join(dir, `${schema.name}.csv`);
    if (!present.has(`${schema.name}.csv`)) {
      problems.push({ file: path, message: `missing; expected the ${schema.name} dataset (${schema.description})` });
      continue;
    }
    const loaded = loadFile(path, schema, { plainFirst });
    files.push(loaded);
    problems.push(...loaded.problems);
  }
  problems.push(...crossFileProblems(files));
  return { files, problems };
}

/** A --data folder that is missing or not a folder is a missing-input error (66), whichever command is given it. */
export function requireDataFolder(dir: string): void {
  if (!existsSync(dir)) throw missingInputError(`${dir}: no such folder; expected a folder of semicap datasets`);
  if (!statSync(dir).isDirectory()) throw missingInputError(`${dir}: is not a folder; expected a folder of semicap datasets`);
}

/** Checks between files: every source_id used resolves in sources.csv. */
export function crossFileProblems(files: LoadedFile[]): Problem[] {
  const sources = files.find((f) => f.schema === sourcesSchema);
  if (!sources || sources.problems.length > 0) return [];
  const ids = new Set(sources.rows.map((r) => String(r.source_id)));
  const problems: Problem[] = [];
  for (const f of files) {
    if (f.schema === sourcesSchema) continue;
    // The column in the file as written, not in the schema: a user's columns may be in another order.
    const at = (f.header ?? f.schema.columns.map((c) => c.name)).indexOf('source_id');
    const column = at >= 0 ? at + 1 : undefined;
    for (const row of f.rows) {
      const id = row.source_id;
      if (typeof id === 'string' && !ids.has(id)) {
        problems.push({ file: f.path, line: row.__line, column, message: `source_id '${id}' is not in sources.csv; expected one of its source_id values` });
      }
    }
  }
  return problems;
}

const withLine = <T>(row: Row): T => ({ ...row, line: row.__line }) as unknown as T;

/** Loads a folder of datasets (all, or the named ones); any problem is a data error naming the first one (exit 65). */
export function loadDatasets(dir: string = bundledDataDir(), only?: readonly DatasetName[]): Datasets {
  const { files, problems } = checkFolder(dir, only);
  if (problems.length > 0) {
    // One line: the first problem, and where to see the rest.
    const more = problems.length > 1 ? ` (${problems.length - 1} more; run 'semicap validate ${dir}' to see all)` : '';
    throw dataError(formatProblem(problems[0]) + more);
  }
  return datasetsFrom(dir, files);
}

/** The typed records of files already loaded and checked (checkFolder) without problems. */
export function datasetsFrom(dir: string, files: readonly LoadedFile[]): Datasets {
  const rows = (s: Schema) => files.find((f) => f.schema === s)?.rows ?? [];
  return {
    dir,
    sources: rows(sourcesSchema).map((r) => withLine<Source>(r)),
    capacityShare: rows(capacityShareSchema).map((r) => withLine<ShareRecord>(r)),
    capacity: rows(capacitySchema).map((r) => withLine<CapacityRecord>(r)),
    funds: rows(fundsSchema).map((r) => withLine<FundRecord>(r)),
    selfSufficiency: rows(selfSufficiencySchema).map((r) => withLine<SelfSufficiencyRecord>(r)),
    fx: rows(fxSchema).map((r) => withLine<FxRecord>(r)),
  };
}

/** The files a load read, for --out to refuse to overwrite. */
export function datasetPaths(dir: string, only?: readonly DatasetName[]): string[] {
  return DATASET_SCHEMAS.filter((s) => only === undefined || s.name === 'sources' || only.includes(s.name as DatasetName)).map((s) => join(dir, `${s.name}.csv`));
}
