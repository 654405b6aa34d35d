// The datasets use case: what a folder of datasets holds, its sources, and how current each series is.
import { existsSync } from 'node:fs';
import { seriesFreshness } from './freshness.js';
import { datasetPaths, loadDatasets } from '../data/datasets.js';
import { loadScenarioFile, scenariosPath, scenariosSchema } from '../data/scenarios.js';
import { DATASET_SCHEMAS } from '../data/schemas.js';
import { makeReport, type Report } from '../report/model.js';
import { say } from '../messages.js';

/**
 * `semicap datasets` on `dir`: its files (or, with `sources`, every source) and, when `today` is given, each series'
 * latest year and the age of its newest source at that date.
 */
export function datasetsUseCase(dir: string, opts: { sources: boolean; today?: Date }): { report: Report; inputs: string[] } {
  const data = loadDatasets(dir);
  // scenarios.csv is optional in a --data folder (the scenario command then uses the bundled one); when there, it is
  // checked like the rest, its references resolved in this folder's datasets.
  const scenarioFile = existsSync(scenariosPath(dir)) ? scenariosPath(dir) : undefined;
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
  if (opts.sources) {
    const report = makeReport('datasets', [
      {
        name: 'sources',
        title: say('datasets.sourcesTitle', { count: data.sources.length }),
        columns: [
          { key: 'source_id', header: 'source_id' },
          { key: 'publisher', header: 'publisher' },
          { key: 'published', header: 'published' },
          { key: 'figures', header: 'figures', type: 'int' },
          { key: 'title', header: 'title' },
          { key: 'url', header: 'url' },
        ],
        rows: data.sources.map((s) => ({ source_id: s.source_id, publisher: s.publisher, published: s.published, figures: usage.get(s.source_id) ?? 0, title: s.title, url: s.url })),
      },
    ]);
    return { report, inputs };
  }
  const kinds = (rows: { kind?: string }[]) => {
    const counts = new Map<string, number>();
    for (const r of rows) if (r.kind) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ');
  };
  const allRows: Record<string, { kind?: string; source_id?: string }[]> = { sources: data.sources, ...byFile };
  const report = makeReport(
    'datasets',
    [
      {
        name: 'files',
        title: say('datasets.filesTitle', { dir }),
        columns: [
          { key: 'file', header: 'file' },
          { key: 'rows', header: 'rows', type: 'int' },
          { key: 'kinds', header: 'kinds' },
          { key: 'sources', header: 'sources', type: 'int' },
          { key: 'holds', header: 'one row is' },
        ],
        rows: [
          ...DATASET_SCHEMAS.map((s) => {
            const rows = allRows[s.name] ?? [];
            return {
              file: `${s.name}.csv`,
              rows: rows.length,
              kinds: s.name === 'sources' ? '' : kinds(rows),
              sources: s.name === 'sources' ? rows.length : new Set(rows.map((r) => r.source_id)).size,
              holds: say('datasets.holds', { dataset: s.name, text: s.description }),
            };
          }),
          // Scenario rows are assumptions, not figures: no kind, and a source_id only where a value is sourced.
          ...(scenarioRows === undefined
            ? []
            : [{ file: `${scenariosSchema.name}.csv`, rows: scenarioRows.length, kinds: '', sources: new Set(scenarioRows.map((r) => r.source_id).filter((id) => id !== null)).size, holds: say('datasets.holds', { dataset: scenariosSchema.name, text: scenariosSchema.description }) }]),
        ],
      },
    ],
    [
      say('datasets.kindsNote'),
      ...(scenarioRows === undefined ? [say('datasets.noScenarios', { dir })] : []),
    ],
  );
  // Ages depend on today's date: `report` leaves them out so that its files stay the same from day to day.
  if (opts.today !== undefined) {
    const today = opts.today;
    report.tables.push({
      name: 'series',
      title: say('datasets.freshnessTitle', { today: today.toISOString().slice(0, 10) }),
      columns: [
        { key: 'dataset', header: 'dataset' },
        { key: 'series', header: 'series' },
        { key: 'rows', header: 'rows', type: 'int' },
        { key: 'latest_year', header: 'latest year', type: 'int' },
        { key: 'newest_source', header: 'newest source' },
        { key: 'published', header: 'published' },
        { key: 'age_years', header: 'age (years)', type: 'number', digits: 1, emptyText: say('datasets.undated') },
      ],
      rows: seriesFreshness(data, today).map((f) => ({ dataset: f.dataset, series: f.series, rows: f.rows, latest_year: f.latestYear, newest_source: f.newestSource, published: f.published, age_years: f.ageYears })),
    });
    report.notes.push(say('datasets.ageNote'));
  }
  return { report, inputs };
}
