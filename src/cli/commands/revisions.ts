// `semicap revisions`: how a publisher's forecast of one measure moved from release to release — every release
// side by side in release order, each revision's move for the same target year, each forecast's miss against the
// actual that arrived later — and a chart with one line per release vintage.
import { revisions as revisionsUseCase, type RevisionsResult } from '../../app/revisions.js';
import { bundledDataDir, datasetPaths, loadDatasets } from '../../data/datasets.js';
import { makeReport, type Column, type Table } from '../../report/model.js';
import type { Chart } from '../../report/series.js';
import type { RevisionsOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';
import { say } from '../../messages.js';

const releaseLabel = (r: { published: string; sourceId: string }) => `${r.published} ${r.sourceId}`;

function sideBySide(r: RevisionsResult): Table {
  const columns: Column[] = [{ key: 'year', header: 'year', type: 'int' }];
  for (const rel of r.history.releases) columns.push({ key: rel.sourceId, header: `${rel.published}\n${rel.sourceId}`, type: 'number', digits: 1 });
  const rows = r.history.targetYears.map((year) => {
    const row: Record<string, number | null> = { year };
    for (const rel of r.history.releases) row[rel.sourceId] = rel.figures.find((f) => f.year === year)?.value ?? null;
    return row;
  });
  return { name: 'releases', title: say('revisions.sideBySideTitle', { measure: r.measureLabel }), columns, rows };
}

function movesTable(r: RevisionsResult): Table {
  return {
    name: 'moves',
    title: say('revisions.movesTitle'),
    columns: [
      { key: 'target_year', header: 'year', type: 'int' },
      { key: 'from_release', header: 'from release' },
      { key: 'from_value', header: 'from', type: 'number', digits: 1 },
      { key: 'to_release', header: 'to release' },
      { key: 'to_value', header: 'to', type: 'number', digits: 1 },
      { key: 'kinds', header: 'kinds' },
      { key: 'move_pp', header: 'move pp', type: 'number', digits: 1 },
      { key: 'move_pct', header: 'move %', type: 'number', digits: 1 },
    ],
    rows: r.history.moves.map((m) => ({
      target_year: m.targetYear,
      from_release: releaseLabel(m.from),
      from_value: m.from.value,
      to_release: releaseLabel(m.to),
      to_value: m.to.value,
      kinds: m.from.kind === m.to.kind ? m.to.kind : `${m.from.kind} → ${m.to.kind}`,
      move_pp: m.movePp,
      move_pct: m.movePct,
    })),
  };
}

function missesTable(r: RevisionsResult): Table {
  return {
    name: 'misses',
    title: say('revisions.missesTitle'),
    columns: [
      { key: 'target_year', header: 'year', type: 'int' },
      { key: 'release', header: 'forecast release' },
      { key: 'forecast', header: 'forecast', type: 'number', digits: 2 },
      { key: 'point', header: 'point' },
      { key: 'actual', header: 'actual', type: 'number', digits: 1 },
      { key: 'actual_release', header: 'actual release' },
      { key: 'actual_kind', header: 'actual kind' },
      { key: 'miss_pp', header: 'miss pp', type: 'number', digits: 2 },
      { key: 'miss_pct', header: 'miss %', type: 'number', digits: 1 },
    ],
    rows: r.history.misses.map((m) => ({
      target_year: m.targetYear,
      release: releaseLabel(m.release),
      forecast: m.release.value,
      point: m.point,
      actual: m.actual.value,
      actual_release: releaseLabel(m.actual),
      actual_kind: m.actual.kind,
      miss_pp: m.missPp,
      miss_pct: m.missPct,
    })),
  };
}

function releasesTable(r: RevisionsResult): Table {
  return {
    name: 'sources',
    title: say('revisions.releasesTitle'),
    columns: [
      { key: 'published', header: 'published' },
      { key: 'source_id', header: 'source_id' },
      { key: 'publisher', header: 'publisher' },
      { key: 'figures', header: 'figures', headingKey: 'release_figures' },
      { key: 'definition', header: 'definition' },
    ],
    rows: r.history.releases.map((rel) => ({
      published: rel.published,
      source_id: rel.sourceId,
      publisher: r.publishers.get(rel.sourceId) ?? '',
      figures: say('revisions.figures', { list: rel.figures.map((f) => `${f.year}=${f.value} ${f.kind}`).join('; ') }),
      definition: rel.definition ? say('revisions.definitionList', { list: rel.definition }) : null,
    })),
  };
}

/** One line per release vintage through its own figures; a release with one figure is a marker. */
function vintagesChart(r: RevisionsResult, publisher: string): Chart {
  const many = r.history.releases.filter((rel) => rel.figures.length > 1);
  const single = r.history.releases.filter((rel) => rel.figures.length === 1);
  return {
    name: 'revisions',
    title: say('revisions.chartTitle', { measure: r.measureLabel, publisher }),
    unit: '%',
    lines: many.map((rel) => ({ label: releaseLabel(rel), role: 'projection' as const, points: rel.figures.map((f) => ({ year: f.year, value: f.value })) })),
    bands: [],
    markers: single.map((rel) => ({ year: rel.figures[0].year, value: rel.figures[0].value, label: `${releaseLabel(rel)} (${rel.figures[0].kind})`, role: 'anchor' as const })),
    source: r.history.releases.map((rel) => rel.sourceId).join(', '),
  };
}

export function revisions(_args: string[], o: RevisionsOptions, g: Globals): CommandResult {
  const dir = g.data ?? bundledDataDir();
  const { measure, publisher } = o;
  const needed = measure === 'share' ? (['capacity_share'] as const) : (['self_sufficiency'] as const);
  const data = loadDatasets(dir, needed);
  const r = revisionsUseCase(data, { publisher, measure, region: o.region, segment: o.segment, scope: o.scope });
  const report = { ...makeReport('revisions', [sideBySide(r), movesTable(r), missesTable(r), releasesTable(r)], r.notes, r.warnings), charts: [vintagesChart(r, publisher)] };
  return { report, inputs: datasetPaths(dir, [...needed]) };
}
