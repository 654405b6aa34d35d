// Loading a folder of datasets (the bundled one or the user's --data DIR) into typed records, with every
// problem found: per-cell checks from the schemas plus the checks across files (source ids resolve).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dataError, missingInputError } from '../errors.js';
import { decodeUtf8, parseCsv } from './csv.js';
import { readInputBytes } from './files.js';
import { idOf, once } from './read-once.js';
import { formatProblem, ProblemError, type Problem } from './problem.js';
import { validateRows, type Row, type Schema } from './schema.js';
import { say } from '../messages.js';
import {
  DATASET_SCHEMAS,
  capacitySchema,
  capacityShareSchema,
  fundsSchema,
  fxSchema,
  indicatorsSchema,
  selfSufficiencySchema,
  sourcesSchema,
  type Kind,
} from './schemas.js';

export interface Source { source_id: string; publisher: string; title: string; url: string | null; published: string | null; notes: string | null; line: number }
export interface ShareRecord { year: number; region: string; segment: string; share_pct: number; kind: Kind; definition: string | null; source_id: string; notes: string | null; line: number }
export interface CapacityRecord { year: number; period: string; entity: string; region: string; segment: string; value: number; unit: string; kind: Kind; source_id: string; notes: string | null; line: number }
export interface FundRecord {
  fund: string; phase: string | null; year: number; measure: string; amount_low: number; amount_high: number; currency: 'CNY' | 'USD'; status: string; kind: Kind; source_id: string; notes: string | null; line: number;
  /** A source's own USD conversion as printed (null when none was printed), its rate if stated, and that source. */
  source_usd_low?: number | null; source_usd_high?: number | null; source_per_usd?: number | null; conversion_source_id?: string | null;
}
export interface SelfSufficiencyRecord { year: number; scope: string; rate_pct: number; kind: Kind; definition: string | null; source_id: string; notes: string | null; line: number }
export interface FxRecord { year: number; currency: 'CNY' | 'USD'; per_usd: number; kind: Kind; source_id: string; notes: string | null; line: number }
export interface IndicatorRecord { year_from: number; year_to: number; region: string; measure: string; value_low: number; value_high: number; unit: string; kind: Kind; definition: string | null; source_id: string; notes: string | null; line: number }

export interface Datasets {
  dir: string;
  /** Set when `dir` is a user's folder layered over the bundled datasets: whose files and which rows conflicted. */
  layering?: Layering;
  sources: Source[];
  capacityShare: ShareRecord[];
  capacity: CapacityRecord[];
  funds: FundRecord[];
  selfSufficiency: SelfSufficiencyRecord[];
  fx: FxRecord[];
  indicators: IndicatorRecord[];
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
  /** Where the rows came from when a user's folder is layered over the bundled datasets. */
  origin?: 'bundled' | 'yours';
  /** Rows taken over from the bundled file (already checked there): cross-file checks skip them. */
  inherited?: ReadonlySet<Row>;
  /** How many rows the user's own file holds (rows holds them merged with the bundled ones). */
  ownRows?: number;
}

/**
 * Reads and validates one dataset file; syntax errors become a single problem rather than an exception.
 * `plainFirst`: read by the fast plain-CSV reader when it can (csv.ts), csv-parse otherwise: the same table or problem.
 */
export function loadFile(path: string, schema: Schema, options: { plainFirst?: boolean } = {}): LoadedFile {
  return once(`file\u0000${resolve(path)}\u0000${idOf(schema)}\u0000${options.plainFirst === true}`, () => readFile(path, schema, options));
}

function readFile(path: string, schema: Schema, options: { plainFirst?: boolean }): LoadedFile {
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
  layering?: Layering;
}

/** A user's value that replaced a bundled one: same key, a different value in some column. */
export interface LayerConflict {
  file: string;
  line: number;
  key: string;
  columns: { name: string; yours: string; bundled: string }[];
}

/** How a user's folder was layered over the bundled datasets (the user's rows win on the same key). */
export interface Layering {
  dir: string;
  /** Dataset files the folder holds (layered over the bundled ones), and those taken from the bundled datasets. */
  yours: string[];
  bundled: string[];
  /** Rows added by the user (keys not in the bundled file) and rows that replaced a bundled row. */
  added: number;
  replaced: number;
  conflicts: LayerConflict[];
}

export type DatasetName = 'sources' | 'capacity_share' | 'capacity' | 'funds' | 'self_sufficiency' | 'fx' | 'indicators';

/**
 * Validates the datasets in a folder (all, or the named ones plus sources.csv), including that each source_id
 * resolves in sources.csv. Commands load only what they use: reading all six files costs start-up time.
 * A folder other than the bundled one is layered over the bundled datasets: it may hold only some files, or some
 * rows; its rows replace bundled rows with the same key (the user's data wins) and the conflicts are listed.
 */
export function checkFolder(dir: string, only?: readonly DatasetName[]): FolderCheck {
  requireDataFolder(dir);
  const bundled = bundledDataDir();
  const wanted = only === undefined ? DATASET_SCHEMAS : DATASET_SCHEMAS.filter((s) => s.name === 'sources' || only.includes(s.name as DatasetName));
  if (resolve(dir) !== resolve(bundled)) return layeredFolder(dir, bundled, wanted);
  const present = new Set(readdirSync(dir));
  const files: LoadedFile[] = [];
  const problems: Problem[] = [];
  for (const schema of wanted) {
    const path = join(dir, `${schema.name}.csv`);
    if (!present.has(`${schema.name}.csv`)) {
      problems.push({ file: path, message: `missing; expected the ${schema.name} dataset (${schema.description})` });
      continue;
    }
    // Read by the fast reader (same records, lines and errors); a text it declines goes to csv-parse.
    const loaded = loadFile(path, schema, { plainFirst: true });
    files.push(loaded);
    problems.push(...loaded.problems);
  }
  problems.push(...crossProblemsOnce(files));
  return { files, problems };
}

/** A user's folder over the bundled datasets: each file the folder holds is checked and merged row by row. */
function layeredFolder(dir: string, bundledDir: string, wanted: readonly Schema[]): FolderCheck {
  const present = new Set(readdirSync(dir));
  const files: LoadedFile[] = [];
  const problems: Problem[] = [];
  const layering: Layering = { dir, yours: [], bundled: [], added: 0, replaced: 0, conflicts: [] };
  for (const schema of wanted) {
    const name = `${schema.name}.csv`;
    const own = present.has(name);
    const one = once(`layered\u0000${resolve(dir)}\u0000${idOf(schema)}\u0000${own}`, () => layeredFile(dir, bundledDir, schema, own));
    problems.push(...one.problems);
    files.push(one.file);
    if (!own) {
      layering.bundled.push(name);
      continue;
    }
    layering.yours.push(name);
    layering.added += one.layering.added;
    layering.replaced += one.layering.replaced;
    layering.conflicts.push(...one.layering.conflicts);
  }
  problems.push(...crossProblemsOnce(files));
  return { files, problems, layering };
}

/** One dataset of a layered folder: the bundled file, merged with the user's when the folder has one. */
function layeredFile(dir: string, bundledDir: string, schema: Schema, own: boolean): { file: LoadedFile; problems: Problem[]; layering: Layering } {
  const name = `${schema.name}.csv`;
  const layering: Layering = { dir, yours: [], bundled: [], added: 0, replaced: 0, conflicts: [] };
  const base = loadFile(join(bundledDir, name), schema, { plainFirst: true });
  if (!own) return { file: { ...base, origin: 'bundled', inherited: new Set(base.rows) }, problems: base.problems, layering };
  // The user's file too: the fast reader takes plain CSV (a copy of a bundled file, say) and leaves the rest to csv-parse.
  const mine = loadFile(join(dir, name), schema, { plainFirst: true });
  const merged = mergeRows(base, mine, layering);
  return { file: { ...mine, rows: merged.rows, origin: 'yours', inherited: merged.inherited, ownRows: mine.rows.length }, problems: [...base.problems, ...mine.problems], layering };
}

const rowKey = (schema: Schema, row: Row) => schema.key.map((k) => String(row[k] ?? '')).join('\u0000');
const cellText = (v: Row[string]) => (v === null || v === undefined ? '' : String(v));

/**
 * The user's rows first, in their order (the user's data wins wherever the first figure listed is used), then the
 * bundled rows whose key the user's file does not have. A user's row with a bundled row's key replaces it; when
 * their values differ (in the columns the user's file has, notes aside) that is a conflict, listed.
 */
function mergeRows(base: LoadedFile, mine: LoadedFile, layering: Layering): { rows: Row[]; inherited: Set<Row> } {
  const schema = base.schema;
  const bundled = new Map(base.rows.map((r) => [rowKey(schema, r), r]));
  const compared = schema.columns.filter((c) => !schema.key.includes(c.name) && c.name !== 'notes' && (mine.header ?? []).includes(c.name)).map((c) => c.name);
  const rows: Row[] = [];
  const replaced = new Set<string>();
  for (const y of mine.rows) {
    rows.push(y);
    const key = rowKey(schema, y);
    const b = bundled.get(key);
    if (b === undefined) {
      layering.added++;
      continue;
    }
    replaced.add(key);
    layering.replaced++;
    const differ = compared.filter((c) => cellText(y[c]) !== cellText(b[c])).map((c) => ({ name: c, yours: cellText(y[c]), bundled: cellText(b[c]) }));
    if (differ.length > 0) layering.conflicts.push({ file: mine.path, line: y.__line, key: schema.key.map((k) => `${k}=${cellText(y[k])}`).join(' '), columns: differ });
  }
  const inherited = new Set<Row>();
  for (const b of base.rows) {
    if (replaced.has(rowKey(schema, b))) continue;
    rows.push(b);
    inherited.add(b);
  }
  return { rows, inherited };
}

/** Columns that name a row of sources.csv. */
const SOURCE_ID_COLUMNS = ['source_id', 'conversion_source_id'];

/** A --data folder that is missing or not a folder is a missing-input error (66), whichever command is given it. */
export function requireDataFolder(dir: string): void {
  if (!existsSync(dir)) throw missingInputError(say('error.noSuchFolder', { dir }));
  if (!statSync(dir).isDirectory()) throw missingInputError(say('error.notAFolder', { dir }));
}

/** Checks between files: every source_id used resolves in sources.csv. */
export function crossFileProblems(files: LoadedFile[]): Problem[] {
  const sources = files.find((f) => f.schema === sourcesSchema);
  if (!sources || sources.problems.length > 0) return [];
  const ids = new Set(sources.rows.map((r) => String(r.source_id)));
  const problems: Problem[] = [];
  for (const f of files) {
    if (f.schema === sourcesSchema || f.origin === 'bundled') continue;
    // The column in the file as written, not in the schema: a user's columns may be in another order.
    const header = f.header ?? f.schema.columns.map((c) => c.name);
    for (const name of SOURCE_ID_COLUMNS) {
      const at = header.indexOf(name);
      if (at < 0) continue;
      for (const row of f.rows) {
        if (f.inherited?.has(row)) continue;
        const id = row[name];
        if (typeof id === 'string' && !ids.has(id)) {
          problems.push({ file: f.path, line: row.__line, column: at + 1, message: say('error.unknownSource', { column: name, id }) });
        }
      }
    }
  }
  return problems;
}

/** crossFileProblems of a folder's files, each file checked against sources.csv once in a run. */
function crossProblemsOnce(files: LoadedFile[]): Problem[] {
  const sources = files.find((f) => f.schema === sourcesSchema);
  if (!sources || sources.problems.length > 0) return [];
  return files.flatMap((f) => (f === sources ? [] : once(`cross\u0000${idOf(sources)}\u0000${idOf(f)}`, () => crossFileProblems([sources, f]))));
}

/** A row as a plain record with its line (the same keys in the same order as spreading it, several times quicker on these null-prototype rows). */
const withLine = <T>(row: Row): T => {
  const record: Record<string, unknown> = {};
  for (const key in row) record[key] = row[key];
  record.line = row.__line;
  return record as T;
};

/** Loads a folder of datasets (all, or the named ones); any problem is a data error naming the first one (exit 65). */
export function loadDatasets(dir: string = bundledDataDir(), only?: readonly DatasetName[]): Datasets {
  const { files, problems, layering } = checkFolder(dir, only);
  if (problems.length > 0) {
    // One line: the first problem, and where to see the rest.
    const more = problems.length > 1 ? ` (${problems.length - 1} more; run 'semicap validate ${dir}' to see all)` : '';
    throw dataError(formatProblem(problems[0]) + more);
  }
  return { ...datasetsFrom(dir, files), ...(layering ? { layering } : {}) };
}

/** The records of a dataset not loaded: one empty list, so that memo keys naming the lists stay the same. */
const NOT_LOADED: readonly never[] = Object.freeze([]);

/** The typed records of files already loaded and checked (checkFolder) without problems. */
export function datasetsFrom(dir: string, files: readonly LoadedFile[]): Datasets {
  // The records of a file are made once in a run and shared by the analyses that load it: they only read them.
  const records = <T>(s: Schema): T[] => {
    const file = files.find((f) => f.schema === s);
    return file === undefined ? (NOT_LOADED as unknown as T[]) : once(`records\u0000${idOf(file)}`, () => file.rows.map((r) => withLine<T>(r)));
  };
  return {
    dir,
    sources: records<Source>(sourcesSchema),
    capacityShare: records<ShareRecord>(capacityShareSchema),
    capacity: records<CapacityRecord>(capacitySchema),
    funds: records<FundRecord>(fundsSchema),
    selfSufficiency: records<SelfSufficiencyRecord>(selfSufficiencySchema),
    fx: records<FxRecord>(fxSchema),
    indicators: records<IndicatorRecord>(indicatorsSchema),
  };
}

/** The files a load read, for --out to refuse to overwrite. */
export function datasetPaths(dir: string, only?: readonly DatasetName[]): string[] {
  return DATASET_SCHEMAS.filter((s) => only === undefined || s.name === 'sources' || only.includes(s.name as DatasetName)).map((s) => join(dir, `${s.name}.csv`));
}
