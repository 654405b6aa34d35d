// The validate use case: dataset folders and files, scenarios.csv and claims.csv checked, every problem located.
import { basename } from 'node:path';
import { seriesFreshness, staleSeries } from './freshness.js';
import { checkClaimsFile, claimsSchema, ownClaimsPath } from '../data/claims.js';
import { checkFolder, crossFileProblems, datasetsFrom, loadFile, type Layering, type LoadedFile } from '../data/datasets.js';
import { exists, isFolder } from '../data/files.js';
import { formatProblem, type Problem } from '../data/problem.js';
import { checkFolderScenarios, checkScenarioFile, scenariosSchema } from '../data/scenarios.js';
import { schemaForFile, DATASET_SCHEMAS } from '../data/schemas.js';
import { missingInputError, usageError } from '../errors.js';
import { layeringNotes } from './layering.js';
import { say } from '../messages.js';

interface Checked {
  files: LoadedFile[];
  problems: Problem[];
  /** A folder's datasets when they loaded without problems (for --max-age), and how it was layered. */
  folder?: { dir: string; files: LoadedFile[] };
  layering?: Layering;
}

function checkPath(path: string): Checked {
  if (!exists(path)) throw missingInputError(say('error.noSuchPath', { path }));
  if (isFolder(path)) {
    // A user's folder is checked for what it holds; the files it lacks come from the bundled datasets.
    const folder = checkFolder(path);
    const scenarios = checkFolderScenarios(path, folder);
    const own = folder.files.filter((f) => f.origin !== 'bundled');
    const checked: Checked = { files: scenarios ? [...own, scenarios] : own, problems: scenarios ? [...folder.problems, ...scenarios.problems] : folder.problems, folder: { dir: path, files: folder.files }, layering: folder.layering };
    // claims.csv is optional in a folder (the claims command then uses the bundled one); when there, it is checked.
    const claimsFile = ownClaimsPath(path);
    if (claimsFile === undefined) return checked;
    const claims = checkClaims(claimsFile);
    return { ...checked, files: [...checked.files, claims], problems: [...checked.problems, ...claims.problems] };
  }
  if (basename(path) === `${claimsSchema.name}.csv`) {
    const claims = checkClaims(path);
    return { files: [claims], problems: claims.problems };
  }
  if (basename(path) === `${scenariosSchema.name}.csv`) {
    const scenarios = checkScenarioFile(path);
    return { files: [scenarios], problems: scenarios.problems };
  }
  const schema = schemaForFile(path);
  if (!schema) throw usageError(say('error.unknownDatasetName', { path, names: [...DATASET_SCHEMAS, scenariosSchema, claimsSchema].map((s) => `${s.name}.csv`).join(', ') }));
  const loaded = loadFile(path, schema, { plainFirst: true });
  return { files: [loaded], problems: loaded.problems };
}

/** A claims file checked like a dataset: its rows, and every problem at FILE:LINE:COLUMN. */
function checkClaims(path: string): LoadedFile {
  const checked = checkClaimsFile(path);
  return { schema: claimsSchema, path, rows: checked.claims.map((c) => Object.assign(Object.create(null), { claim_id: c.id }, { __line: c.line })), problems: checked.problems };
}

export interface ValidationResult {
  /** Every file checked, in order: its path, its dataset (schema) and its rows (a layered folder's own rows). */
  files: { path: string; dataset: string; rows: number }[];
  /** Every problem, located at FILE:LINE:COLUMN where it can be. */
  problems: Problem[];
  /** How folders were layered over the bundled datasets, and what --max-age could not check. */
  notes: string[];
  inputs: string[];
  messages: string[];
  /** Some file has a problem (exit 65). */
  invalid: boolean;
}

/** `semicap validate`: every dataset, scenario and claims file of the targets checked; `maxAge` also warns about stale series at `today`. */
export function validateUseCase(targets: readonly string[], maxAge?: number, today?: Date): ValidationResult {
  const files: LoadedFile[] = [];
  const problems: Problem[] = [];
  const notes: string[] = [];
  const warnings: string[] = [];
  for (const path of targets) {
    const checked = checkPath(path);
    files.push(...checked.files);
    problems.push(...checked.problems);
    if (checked.layering) {
      const l = layeringNotes(checked.layering);
      notes.push(...l.notes);
      warnings.push(...l.warnings);
    }
    if (maxAge !== undefined) {
      if (checked.folder === undefined) notes.push(say('validate.maxAgeFile', { path }));
      else if (checked.problems.length === 0) warnings.push(...staleSeries(seriesFreshness(datasetsFrom(checked.folder.dir, checked.folder.files), today!), maxAge).map((w) => `${path}: ${w}`));
    }
  }
  // Single files given together (e.g. sources.csv and capacity.csv) are checked against each other too.
  // (A scenario file's source_ids were checked with its references, against its own folder's sources.csv.)
  if (targets.every((t) => !isFolder(t))) problems.push(...crossFileProblems(files.filter((f) => f.schema !== scenariosSchema && f.schema !== claimsSchema)));
  return {
    files: files.map((f) => ({ path: f.path, dataset: f.schema.name, rows: f.ownRows ?? f.rows.length })),
    problems,
    notes,
    inputs: files.map((f) => f.path),
    // Each problem also goes to stderr as FILE:LINE:COLUMN, the form editors and CI annotators read; stale series
    // and conflicts with the bundled data are warnings there, and change no exit code.
    messages: [...problems.map(formatProblem), ...warnings.map((text) => say('cli.warning', { text }))],
    invalid: problems.length > 0,
  };
}

