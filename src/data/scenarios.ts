// Scenario files (datasets/scenarios.csv and users' files): one assumption a row, grouped into scenarios and
// series; every problem reported at FILE:LINE:COLUMN. The schema lives here: scenarios are assumptions, not sources.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { dataError } from '../errors.js';
import { say } from '../messages.js';
import {
  ASSUMPTIONS,
  DISTRIBUTIONS,
  DRAWS,
  SCENARIO_METHODS,
  checkSeries,
  type AssumptionName,
  type Distribution,
  type DistributionName,
  type DrawMode,
  type Scenario,
  type ScenarioMethod,
  type SeriesAssumptions,
  type Uncertain,
} from '../domain/scenario.js';
import { bundledDataDir, checkFolder, datasetsFrom, loadDatasets, datasetPaths, loadFile, type DatasetName, type Datasets, type FolderCheck, type LoadedFile } from './datasets.js';
import { formatProblem, type Problem } from './problem.js';
import { idOf, once } from './read-once.js';
import type { Row, Schema } from './schema.js';

/** Assumption names of a file: the series' assumptions plus `about`, a scenario's description. */
export const SCENARIO_ROW_KINDS = [...ASSUMPTIONS, 'about'] as const;

const optionalNumber = (name: string, description: string) => ({ name, cell: { type: 'number' as const }, optional: true, description });

export const scenariosSchema: Schema = {
  name: 'scenarios',
  description: 'named scenarios: one assumption (start, method, growth, step, cap, floor, target) a row',
  key: ['scenario', 'series', 'assumption', 'year'],
  columns: [
    { name: 'scenario', cell: { type: 'id' }, description: 'scenario name (bear, base, bull, or your own)' },
    { name: 'series', cell: { type: 'id' }, optional: true, description: 'series name (mature_share, china_wpm, ...); empty on an about row' },
    { name: 'assumption', cell: { type: 'enum', values: SCENARIO_ROW_KINDS }, description: 'start, method, growth_pct, step, cap, floor, target or about' },
    { name: 'year', cell: { type: 'year' }, optional: true, description: 'the year of a start value or a target' },
    { name: 'value', cell: { type: 'text' }, optional: true, description: 'a number, or a bundled figure such as @capacity_share/china/mature (with year and source_id); for method: cagr, linear or logistic' },
    { name: 'unit', cell: { type: 'text' }, optional: true, description: 'on the start row: percent (a share, bounded 0–100), wpm_8in_eq, CNY_bn, ...' },
    { name: 'distribution', cell: { type: 'enum', values: DISTRIBUTIONS }, optional: true, description: 'fixed (default), normal, triangular or uniform' },
    optionalNumber('sd', 'normal: standard deviation'),
    optionalNumber('min', 'triangular and uniform: lowest value'),
    optionalNumber('max', 'triangular and uniform: highest value'),
    { name: 'draw', cell: { type: 'enum', values: DRAWS }, optional: true, mayBeAbsent: true, description: 'once (default): one draw per path; yearly: a new draw every year' },
    { name: 'source_id', cell: { type: 'id' }, optional: true, description: 'the row of sources.csv a value comes from' },
    { name: 'note', cell: { type: 'text' }, optional: true, description: 'what the assumption or scenario stands for' },
  ],
};

const UNIT = /^[A-Za-z][A-Za-z0-9_]*$/;

interface Grouped {
  name: string;
  note: string;
  order: string[];
  series: Map<string, Row[]>;
}

const col = (name: string) => scenariosSchema.columns.findIndex((c) => c.name === name) + 1;

/**
 * Turns validated rows into scenarios, collecting every problem (one start per series, numbers where numbers are
 * expected, a distribution's parameters present, assumptions that fit the method).
 */
export function scenarioRecords(rows: readonly Row[], file: string, data?: Datasets): { scenarios: Scenario[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const sourceIds = data ? new Set(data.sources.map((s) => s.source_id)) : undefined;
  const resolve = data ? datasetResolver(data) : undefined;
  const at = (row: Row, column: string, message: string) => problems.push({ file, line: row.__line, column: col(column), message });
  const groups = new Map<string, Grouped>();
  for (const row of rows) {
    const name = String(row.scenario);
    let g = groups.get(name);
    if (!g) groups.set(name, (g = { name, note: '', order: [], series: new Map() }));
    if (sourceIds && typeof row.source_id === 'string' && !sourceIds.has(row.source_id)) at(row, 'source_id', say('error.unknownSource', { column: 'source_id', id: row.source_id }));
    if (row.assumption === 'about') {
      if (row.series !== null) at(row, 'series', say('error.scAboutSeries'));
      g.note = String(row.note ?? '');
      continue;
    }
    if (row.series === null) {
      at(row, 'series', say('error.scSeriesEmpty', { assumption: String(row.assumption) }));
      continue;
    }
    const series = String(row.series);
    if (!g.series.has(series)) {
      g.series.set(series, []);
      g.order.push(series);
    }
    g.series.get(series)!.push(row);
  }
  const scenarios: Scenario[] = [];
  for (const g of groups.values()) {
    const series: SeriesAssumptions[] = [];
    for (const name of g.order) {
      const s = seriesFrom(g.name, name, g.series.get(name)!, file, problems, resolve);
      if (s) series.push(s);
    }
    scenarios.push({ name: g.name, note: g.note, series });
  }
  return { scenarios, problems };
}

function seriesFrom(scenario: string, name: string, rows: Row[], file: string, problems: Problem[], resolve?: RefResolver): SeriesAssumptions | undefined {
  const before = problems.length;
  const at = (row: Row, column: string, message: string) => problems.push({ file, line: row.__line, column: col(column), message });
  const numberCell = (row: Row) => valueCell(row, at, resolve);
  const byKind = (kind: AssumptionName) => rows.filter((r) => r.assumption === kind);
  const single = (kind: AssumptionName): Row | undefined => {
    const found = byKind(kind);
    for (const extra of found.slice(1)) at(extra, 'assumption', say('error.scSecondRow', { series: `${scenario}.${name}`, kind, line: found[0].__line }));
    return found[0];
  };
  const startRow = single('start');
  if (!startRow) {
    problems.push({ file, line: rows[0].__line, message: say('error.scNoStart', { series: `${scenario}.${name}` }) });
    return undefined;
  }
  if (startRow.year === null) at(startRow, 'year', say('error.scStartNeedsYear', { series: `${scenario}.${name}` }));
  const unit = startRow.unit === null ? '' : String(startRow.unit).trim();
  if (!UNIT.test(unit)) at(startRow, 'unit', say('error.scStartNeedsUnit', { series: `${scenario}.${name}`, unit }));
  for (const r of rows) if (r !== startRow && r.unit !== null && String(r.unit).trim() !== '' && String(r.unit).trim() !== unit && ['cap', 'floor', 'target'].includes(String(r.assumption))) {
    at(r, 'unit', say('error.scUnitDiffers', { series: `${scenario}.${name}`, unit: String(r.unit), start: unit }));
  }
  const methodRow = single('method');
  let method: ScenarioMethod = 'cagr';
  if (methodRow) {
    const m = String(methodRow.value ?? '').trim();
    if ((SCENARIO_METHODS as readonly string[]).includes(m)) method = m as ScenarioMethod;
    else at(methodRow, 'value', say('error.scUnknownMethod', { method: m, methods: SCENARIO_METHODS.join(', ') }));
  }
  const uncertain = (row: Row | undefined): Uncertain | undefined => (row ? uncertainFrom(row, scenario, name, at, numberCell) : undefined);
  const start = uncertain(startRow);
  const growth = uncertain(single('growth_pct'));
  const step = uncertain(single('step'));
  const cap = uncertain(single('cap'));
  const floorRow = single('floor');
  const floorU = uncertain(floorRow);
  if (floorRow && floorU && floorU.dist.kind !== 'fixed') at(floorRow, 'distribution', say('error.scFloorFixed'));
  const targets = byKind('target').flatMap((r) => {
    const cell = numberCell(r);
    if (r.year === null) at(r, 'year', say('error.scTargetNeedsYear', { series: `${scenario}.${name}` }));
    return cell === undefined || r.year === null ? [] : [{ year: Number(r.year), value: cell.value, note: r.note === null ? undefined : String(r.note), sourceId: r.source_id === null ? undefined : String(r.source_id), from: cell.from }];
  });
  const seen = new Set<number>();
  if (problems.length > before || !start) return undefined;
  const s: SeriesAssumptions = {
    series: name,
    unit,
    method,
    startYear: Number(startRow.year),
    start,
    growth,
    step,
    cap,
    floor: floorU?.value,
    targets: targets.filter((t) => !seen.has(t.year) && seen.add(t.year)).sort((a, b) => a.year - b.year),
    notes: methodRow?.note ? [String(methodRow.note)] : [],
  };
  try {
    checkSeries(scenario, s);
  } catch (e) {
    problems.push({ file, line: (methodRow ?? startRow).__line, message: (e as Error).message });
    return undefined;
  }
  return s;
}

type At = (row: Row, column: string, message: string) => void;
type ValueCell = (row: Row) => { value: number; from?: string } | undefined;

/** The value cell: a plain number, or `@dataset/...` references (joined by `+`) resolved in the bundled figures. */
function valueCell(row: Row, at: At, resolve?: RefResolver): { value: number; from?: string } | undefined {
  const raw = row.value;
  if (raw === null || String(raw).trim() === '') {
    at(row, 'value', say('error.scValueEmpty'));
    return undefined;
  }
  const text = String(raw).trim();
  if (text.startsWith('@')) {
    if (!resolve) {
      at(row, 'value', say('error.scRefNoData', { text }));
      return undefined;
    }
    if (row.year === null) {
      at(row, 'year', say('error.scRefNeedsYear', { text }));
      return undefined;
    }
    let total = 0;
    const from: string[] = [];
    for (const ref of text.split('+').map((t) => t.trim())) {
      const r = resolve(ref, Number(row.year), row.source_id === null ? null : String(row.source_id));
      if (!r.ok) {
        at(row, 'value', r.reason);
        return undefined;
      }
      total += r.value;
      from.push(r.where);
    }
    return { value: total, from: from.length === 1 ? from[0] : say('scenario.readFromSum', { parts: from.join(' + ') }) };
  }
  const value = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) {
    at(row, 'value', say('error.scValueNotNumber', { raw: String(raw) }));
    return undefined;
  }
  return { value };
}

function uncertainFrom(row: Row, scenario: string, series: string, at: At, numberCell: ValueCell): Uncertain | undefined {
  const cell = numberCell(row);
  const kind = (row.distribution ?? 'fixed') as DistributionName;
  const need = (name: 'sd' | 'min' | 'max'): number => {
    const v = row[name];
    if (v === null) at(row, name, say('error.scDistNeeds', { where: `${scenario}.${series}.${row.assumption}`, kind, name }));
    return v === null ? NaN : Number(v);
  };
  for (const name of ['sd', 'min', 'max'] as const) {
    const used = kind === 'normal' ? name === 'sd' : kind === 'fixed' ? false : name !== 'sd';
    if (!used && row[name] !== null) at(row, name, say('error.scDistExtra', { where: `${scenario}.${series}.${row.assumption}`, kind, name }));
  }
  let dist: Distribution;
  if (kind === 'normal') dist = { kind, sd: need('sd') };
  else if (kind === 'triangular' || kind === 'uniform') dist = { kind, min: need('min'), max: need('max') };
  else dist = { kind: 'fixed' };
  if (cell === undefined) return undefined;
  return {
    value: cell.value,
    from: cell.from,
    dist,
    draw: (row.draw ?? 'once') as DrawMode,
    sourceId: row.source_id === null ? undefined : String(row.source_id),
    note: row.note === null ? undefined : String(row.note),
  };
}

/** The bundled scenarios file in a datasets folder. */
export const scenariosPath = (dir: string) => join(dir, 'scenarios.csv');

/** A folder's own scenarios.csv, or undefined when it has none (the file is optional in a --data folder). */
export function ownScenariosPath(dir: string): string | undefined {
  return existsSync(scenariosPath(dir)) ? scenariosPath(dir) : undefined;
}

/**
 * Reads a scenario file and checks it whole: its cells (the schema), then how its rows fit together and, with
 * `data`, its source_ids and `@dataset/...` references. Every problem is returned, none thrown.
 */
export function readScenarioFile(path: string, data?: Datasets): { loaded: LoadedFile; scenarios: Scenario[] } {
  // Once in a run for the same file and the same records (datasets.ts makes each file's records once a run).
  const against = data === undefined ? '-' : [data.sources, data.capacityShare, data.capacity, data.funds, data.selfSufficiency, data.fx, data.indicators].map(idOf).join(',');
  return once(`scenarios\u0000${resolve(path)}\u0000${against}`, () => checkScenarios(path, data));
}

function checkScenarios(path: string, data: Datasets | undefined): { loaded: LoadedFile; scenarios: Scenario[] } {
  const loaded = loadFile(path, scenariosSchema, { plainFirst: true });
  if (loaded.problems.length > 0) return { loaded, scenarios: [] };
  const { scenarios, problems } = scenarioRecords(loaded.rows, path, data);
  return { loaded: { ...loaded, problems }, scenarios };
}

/**
 * Loads and checks a scenario file; any problem is a data error (exit 65) naming the first, FILE:LINE:COLUMN.
 * With `data`, every source_id is checked against sources.csv and `@dataset/...` values are resolved.
 */
export function loadScenarios(path: string, data?: Datasets): Scenario[] {
  return loadScenarioFile(path, data).scenarios;
}

/** loadScenarios, with the file's rows as well (for listing them). */
export function loadScenarioFile(path: string, data?: Datasets): { rows: Row[]; scenarios: Scenario[] } {
  const { loaded, scenarios } = readScenarioFile(path, data);
  const { problems } = loaded;
  if (problems.length > 0) {
    throw dataError(problems.length > 1 ? say('error.moreProblems', { text: formatProblem(problems[0]), more: problems.length - 1 }) : formatProblem(problems[0]));
  }
  return { rows: loaded.rows, scenarios };
}

/**
 * The scenarios.csv of a datasets folder already checked by checkFolder, checked as well (undefined when the folder
 * has none: it is optional, the scenario command then uses the bundled one). Its references are resolved in the
 * folder's own datasets; while those have problems (reported by the folder check) only its cells are checked.
 */
export function checkFolderScenarios(dir: string, folder: FolderCheck): LoadedFile | undefined {
  const path = scenariosPath(dir);
  if (!existsSync(path)) return undefined;
  if (folder.problems.length > 0) return loadFile(path, scenariosSchema, { plainFirst: true });
  return readScenarioFile(path, datasetsFrom(dir, folder.files)).loaded;
}

/**
 * A scenario file checked on its own (`semicap validate my-data/scenarios.csv`): references resolve in the datasets
 * of its folder when that folder has them (as `--data` that folder would), else in the bundled ones.
 */
export function checkScenarioFile(path: string): LoadedFile {
  const own = dirname(path);
  const dir = existsSync(join(own, 'sources.csv')) ? own : bundledDataDir();
  const folder = checkFolder(dir, SCENARIO_DATASETS);
  if (folder.problems.length === 0) return readScenarioFile(path, datasetsFrom(dir, folder.files)).loaded;
  const loaded = loadFile(path, scenariosSchema, { plainFirst: true });
  const note = { file: path, message: `source_ids and @references not checked: the datasets in ${dir} have ${folder.problems.length} problem(s); run 'semicap validate ${dir}'` };
  return { ...loaded, problems: [...loaded.problems, note] };
}

/** The datasets a scenario file's references may point into. */
export const SCENARIO_DATASETS: readonly DatasetName[] = ['capacity_share', 'capacity', 'funds', 'self_sufficiency'];

/** Loads the datasets of a folder that references need, then the scenario file; returns both and the files read. */
export function loadScenariosWithData(path: string, dataDir: string): { scenarios: Scenario[]; inputs: string[] } {
  const data = loadDatasets(dataDir, SCENARIO_DATASETS);
  return { scenarios: loadScenarios(path, data), inputs: [path, ...datasetPaths(dataDir, SCENARIO_DATASETS)] };
}

// --- references to bundled figures -------------------------------------------------------------------------------

export type RefResolver = (ref: string, year: number, sourceId: string | null) => { ok: true; value: number; where: string } | { ok: false; reason: string };

/**
 * Resolves `@dataset/keys` in the loaded datasets, for the row's year and (when given) source_id:
 *   @capacity_share/REGION/SEGMENT       share_pct
 *   @capacity/ENTITY/SEGMENT             value (year-end: period year or Q4)
 *   @self_sufficiency/SCOPE              rate_pct
 *   @funds/FUND/PHASE/MEASURE[/low|high] amount (PHASE - for none; a range needs low or high)
 * Exactly one figure must match; the reason lists what exists when none or several do.
 */
export function datasetResolver(data: Datasets): RefResolver {
  return (ref, year, sourceId) => {
    const [dataset, ...keys] = ref.replace(/^@/, '').split('/');
    const bySource = <T extends { source_id: string }>(rows: T[]) => rows.filter((r) => sourceId === null || r.source_id === sourceId);
    const pick = <T extends { source_id: string; line: number; year: number }>(file: string, candidates: T[], value: (r: T) => number | string): ReturnType<RefResolver> => {
      const atYear = bySource(candidates.filter((r) => r.year === year));
      if (atYear.length === 1) {
        const v = value(atYear[0]);
        return typeof v === 'number' ? { ok: true, value: v, where: say('scenario.readFrom', { file, line: atYear[0].line }) } : { ok: false, reason: say('error.refProblem', { ref, text: v }) };
      }
      const listing = candidates.map((r) => `${r.year} (${r.source_id})`).join(', ') || 'none';
      return atYear.length === 0
        ? { ok: false, reason: say('error.refNoFigure', { ref, file, year, source: sourceId ?? '', listing }) }
        : { ok: false, reason: say('error.refSeveral', { ref, count: atYear.length, file, year, sources: atYear.map((r) => r.source_id).join(', ') }) };
    };
    switch (dataset) {
      case 'capacity_share':
        if (keys.length !== 2) break;
        return pick('capacity_share', data.capacityShare.filter((r) => r.region === keys[0] && r.segment === keys[1]), (r) => r.share_pct);
      case 'capacity':
        if (keys.length !== 2) break;
        return pick('capacity', data.capacity.filter((r) => r.entity === keys[0] && r.segment === keys[1] && (r.period === 'year' || r.period === 'Q4')), (r) => r.value);
      case 'self_sufficiency':
        if (keys.length !== 1) break;
        return pick('self_sufficiency', data.selfSufficiency.filter((r) => r.scope === keys[0]), (r) => r.rate_pct);
      case 'funds': {
        if (keys.length !== 3 && keys.length !== 4) break;
        const [fund, phase, measure, end] = keys;
        if (end !== undefined && end !== 'low' && end !== 'high') break;
        const rows = data.funds.filter((r) => r.fund === fund && (r.phase ?? '-') === (phase === '' ? '-' : phase) && r.measure === measure);
        return pick('funds', rows, (r) => (end === 'high' ? r.amount_high : end === 'low' || r.amount_low === r.amount_high ? r.amount_low : say('error.refIsRange', { low: r.amount_low, high: r.amount_high })));
      }
    }
    return { ok: false, reason: say('error.refNotRef', { ref }) };
  };
}
