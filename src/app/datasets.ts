// The datasets use case: what a folder of datasets holds, its sources, and how current each series is.
import { seriesFreshness, type SeriesFreshness } from './freshness.js';
import { datasetPaths, loadDatasets, type Source } from '../data/datasets.js';
import { loadScenarioFile, ownScenariosPath, scenariosSchema } from '../data/scenarios.js';
import { DATASET_SCHEMAS } from '../data/schemas.js';

/** One file of the folder: its dataset, what a row is, its rows, their kinds (most first) and the sources they cite. */
export interface DatasetFile {
  name: string;
  description: string;
  rows: number;
  kinds: { kind: string; rows: number }[];
  sources: number;
}

export interface DatasetsResult {
  dir: string;
  /** Each dataset (sources.csv first), then scenarios.csv when the folder has one. */
  files: DatasetFile[];
  /** Whether the folder has its own scenarios.csv. */
  scenarios: boolean;
  /** Every source and the number of figures that cite it. */
  sources: { source: Source; figures: number }[];
  /** Each series' latest year and the age of its newest source at `today` (when a date was given). */
  freshness?: { today: Date; series: SeriesFreshness[] };
}

/**
 * `semicap datasets` on `dir`: its files and every source and, when `today` is given, each series' latest year and
 * the age of its newest source at that date.
 */
export function datasetsUseCase(dir: string, opts: { today?: Date }): { result: DatasetsResult; inputs: string[] } {
  const data = loadDatasets(dir);
  // scenarios.csv is optional in a --data folder (the scenario command then uses the bundled one); when there, it is
  // checked like the rest, its references resolved in this folder's datasets.
  const scenarioFile = ownScenariosPath(dir);
  const scenarioRows = scenarioFile === undefined ? undefined : loadScenarioFile(scenarioFile, data).rows;
  const inputs = scenarioFile === undefined ? datasetPaths(dir) : [...datasetPaths(dir), scenarioFile];
  const usage = new Map<string, number>();
  const byFile: Record<string, { kind?: string; source_id: string }[]> = {
    capacity_share: data.capacityShare,
    capacity: data.capacity,
    funds: data.funds,
    self_sufficiency: data.selfSufficiency,
    fx: data.fx,
    indicators: data.indicators,
  };
  for (const rows of Object.values(byFile)) for (const r of rows) usage.set(r.source_id, (usage.get(r.source_id) ?? 0) + 1);
  const kinds = (rows: { kind?: string }[]) => {
    const counts = new Map<string, number>();
    for (const r of rows) if (r.kind) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).map(([kind, n]) => ({ kind, rows: n }));
  };
  const allRows: Record<string, { kind?: string; source_id?: string }[]> = { sources: data.sources, ...byFile };
  const files: DatasetFile[] = [
    ...DATASET_SCHEMAS.map((s) => {
      const rows = allRows[s.name] ?? [];
      return {
        name: s.name,
        description: s.description,
        rows: rows.length,
        kinds: s.name === 'sources' ? [] : kinds(rows),
        sources: s.name === 'sources' ? rows.length : new Set(rows.map((r) => r.source_id)).size,
      };
    }),
    // Scenario rows are assumptions, not figures: no kind, and a source_id only where a value is sourced.
    ...(scenarioRows === undefined ? [] : [{ name: scenariosSchema.name, description: scenariosSchema.description, rows: scenarioRows.length, kinds: [], sources: new Set(scenarioRows.map((r) => r.source_id).filter((id) => id !== null)).size }]),
  ];
  const result: DatasetsResult = {
    dir,
    files,
    scenarios: scenarioFile !== undefined,
    sources: data.sources.map((source) => ({ source, figures: usage.get(source.source_id) ?? 0 })),
    // Ages depend on today's date: `report` leaves them out so that its files stay the same from day to day.
    ...(opts.today === undefined ? {} : { freshness: { today: opts.today, series: seriesFreshness(data, opts.today) } }),
  };
  return { result, inputs };
}
