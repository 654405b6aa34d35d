// `semicap shares`: regions' shares of one capacity segment projected together so that they add up to 100 % every
// year, each within 0–100 %. The work is src/app/shares.ts; this file turns its result into tables and a chart.
import { sharesUseCase } from '../../app/shares.js';
import { makeReport, type Column, type Table } from '../../report/model.js';
import type { SharesOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';
import { say } from '../../messages.js';

export function shares(_args: string[], o: SharesOptions, g: Globals): CommandResult {
  const r = sharesUseCase(g.data, { segment: o.segment, source: o.source, regions: o.region, method: o.method, since: o.since, through: o.through });
  const { segment, sourceId, method, regions, shares: result } = r;
  const longRows = result.regions.flatMap((r) => r.points.map((p) => ({ year: p.year, region: r.region, share_pct: p.value, independent_pct: p.independent, status: p.status })));
  longRows.sort((a, b) => a.year - b.year);
  const long: Table = {
    name: 'shares',
    title: say('shares.title', { segment, source: sourceId, method }),
    columns: [
      { key: 'year', header: 'year', type: 'int' },
      { key: 'region', header: 'region' },
      { key: 'share_pct', header: 'share %', type: 'number', digits: 2 },
      { key: 'independent_pct', header: 'projected alone %', type: 'number', digits: 2, emptyText: '—' },
      { key: 'status', header: 'point' },
    ],
    rows: longRows,
  };
  const names = result.regions.map((r) => r.region);
  const wideColumns: Column[] = [{ key: 'year', header: 'year', type: 'int' }, ...names.map((n) => ({ key: n, header: n, type: 'number' as const, digits: 2 })), { key: 'total', header: 'total', type: 'number', digits: 2 }, { key: 'alone_total', header: 'alone, summed', type: 'number', digits: 2 }];
  const wide: Table = {
    name: 'wide',
    title: say('shares.wideTitle'),
    columns: wideColumns,
    rows: result.independentTotals.map(({ year, total }, t) => {
      const row: Record<string, number> = { year };
      let sum = 0;
      for (const r of result.regions) {
        row[r.region] = r.points[t].value;
        sum += r.points[t].value;
      }
      row.total = sum;
      row.alone_total = total;
      return row;
    }),
  };
  const inputs: Table = {
    name: 'inputs',
    title: say('shares.inputsTitle'),
    columns: [
      { key: 'year', header: 'year', type: 'int' },
      { key: 'region', header: 'region' },
      { key: 'share_pct', header: 'share %', type: 'number', digits: 2 },
      { key: 'kind', header: 'kind' },
      { key: 'role', header: 'role' },
      { key: 'source_id', header: 'source_id' },
    ],
    rows: r.figures
      .map((r) => ({ year: r.year, region: r.region, share_pct: r.share_pct, kind: r.kind, role: regions.includes(r.region) ? say('capacity.roleAnchor') : say('shares.roleSingle'), source_id: r.source_id }))
      .sort((a, b) => a.year - b.year || a.region.localeCompare(b.region)),
  };
  const last = result.independentTotals[result.independentTotals.length - 1];
  const notes = [
    say('shares.method', { model: result.model }),
    say('shares.source', { source: sourceId, chosen: r.sourcePicked ? 'yes' : 'no', regions: regions.join(', ') }),
    say('shares.alone', { total: last.total.toFixed(2), year: last.year }),
  ];
  if (r.singles.length > 0) notes.push(say('shares.singles', { segment, source: sourceId, regions: r.singles.map(([region, rows]) => `${region} (${rows[0].year}=${rows[0].share_pct}%)`).join(', ') }));
  if (r.otherSources.length > 0) notes.push(say('shares.others', { segment, sources: r.otherSources.join(', ') }));
  const report = makeReport('shares', [long, wide, inputs], notes, r.warnings);
  report.charts = [
    {
      name: 'shares',
      title: say('shares.chartTitle', { segment, source: sourceId, method }),
      unit: '%',
      lines: result.regions.map((x) => ({ label: x.region, role: 'projection' as const, points: x.points.map((p) => ({ year: p.year, value: p.value })) })),
      bands: [],
      markers: result.regions.flatMap((x) => (x.remainder ? [] : x.anchors.map((a) => ({ year: a.year, value: a.value, label: `${x.region} ${a.year}`, role: 'anchor' as const })))),
      source: sourceId,
    },
  ];
  return { report, inputs: r.inputs };
}
