// The datasets use case's tables: the folder's files (rows, kinds, sources, what a row is) with each series' age
// when a date was given, or every source with the figures that cite it (shown by datasets and report).
import type { DatasetsResult } from '../../app/datasets.js';
import { makeReport, type Report } from '../model.js';
import { say } from '../../messages.js';

/** With `sources`, the sources table alone; else the files table, and the series table when the result has ages. */
export function datasetsReport(d: DatasetsResult, opts: { sources: boolean }): Report {
  if (opts.sources) {
    return makeReport('datasets', [
      {
        name: 'sources',
        title: say('datasets.sourcesTitle', { count: d.sources.length }),
        columns: [
          { key: 'source_id', header: 'source_id' },
          { key: 'publisher', header: 'publisher' },
          { key: 'published', header: 'published' },
          { key: 'figures', header: 'figures', type: 'int' },
          { key: 'title', header: 'title' },
          { key: 'url', header: 'url' },
        ],
        rows: d.sources.map(({ source: s, figures }) => ({ source_id: s.source_id, publisher: s.publisher, published: s.published, figures, title: s.title, url: s.url })),
      },
    ]);
  }
  const report = makeReport(
    'datasets',
    [
      {
        name: 'files',
        title: say('datasets.filesTitle', { dir: d.dir }),
        columns: [
          { key: 'file', header: 'file' },
          { key: 'rows', header: 'rows', type: 'int' },
          { key: 'kinds', header: 'kinds' },
          { key: 'sources', header: 'sources', type: 'int' },
          { key: 'holds', header: 'one row is' },
        ],
        rows: d.files.map((f) => ({
          file: `${f.name}.csv`,
          rows: f.rows,
          kinds: f.kinds.map((k) => `${k.kind} ${k.rows}`).join(', '),
          sources: f.sources,
          holds: say('datasets.holds', { dataset: f.name, text: f.description }),
        })),
      },
    ],
    [say('datasets.kindsNote'), ...(d.scenarios ? [] : [say('datasets.noScenarios', { dir: d.dir })])],
  );
  if (d.freshness !== undefined) {
    const { today, series } = d.freshness;
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
      rows: series.map((f) => ({ dataset: f.dataset, series: f.series, rows: f.rows, latest_year: f.latestYear, newest_source: f.newestSource, published: f.published, age_years: f.ageYears })),
    });
    report.notes.push(say('datasets.ageNote'));
  }
  return report;
}
