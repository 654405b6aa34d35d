// `semicap shares`: regions' shares of one capacity segment from the bundled figures, projected together so that
// they add up to 100 % every year and each stays within 0–100 % (src/domain/shares.ts), beside what projecting
// each region alone would add up to.
import { bundledDataDir, datasetPaths, loadDatasets, type ShareRecord } from '../../data/datasets.js';
import { coherentShares } from '../../domain/shares.js';
import { usageError } from '../../errors.js';
import { makeReport, type Column, type Table } from '../../report/model.js';
import { parseYearArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';
import { say } from '../../messages.js';

export function shares(_args: string[], opts: Record<string, unknown>, g: GlobalOptions): CommandResult {
  const dir = g.data ?? bundledDataDir();
  const data = loadDatasets(dir, ['capacity_share']);
  const segment = String(opts.segment ?? 'foundry');
  const method = opts.method === 'linear' ? 'linear' : 'cagr';
  const through = parseYearArg(String(opts.through ?? '2030'), '--through');
  const from = opts.from !== undefined ? parseYearArg(String(opts.from), '--from') : undefined;
  const inSegment = data.capacityShare.filter((r) => r.segment === segment);
  if (inSegment.length === 0) {
    throw usageError(`no share figures for segment '${segment}'; segments: ${[...new Set(data.capacityShare.map((r) => r.segment))].sort().join(', ')}`);
  }
  const sourceId = opts.source !== undefined ? String(opts.source) : pickSource(inSegment);
  const fromSource = inSegment.filter((r) => r.source_id === sourceId);
  if (fromSource.length === 0) {
    throw usageError(`source '${sourceId}' has no ${segment} figures; sources for ${segment}: ${[...new Set(inSegment.map((r) => r.source_id))].join(', ')}`);
  }
  const byRegion = new Map<string, ShareRecord[]>();
  for (const r of fromSource) byRegion.set(r.region, [...(byRegion.get(r.region) ?? []), r]);
  let regions = [...byRegion].filter(([, rows]) => rows.length >= 2).map(([region]) => region);
  const singles = [...byRegion].filter(([, rows]) => rows.length < 2);
  if (opts.region !== undefined) {
    const wanted = String(opts.region).split(',').map((s) => s.trim()).filter((s) => s !== '');
    for (const w of wanted) if (!regions.includes(w)) throw usageError(`--region: ${w} has fewer than two ${segment} figures from ${sourceId}; regions that do: ${regions.join(', ') || 'none'}`);
    regions = wanted;
  }
  if (regions.length === 0) {
    throw usageError(`no region has two or more ${segment} figures from ${sourceId}, so nothing can be projected; figures: ${fromSource.map((r) => `${r.region} ${r.year}=${r.share_pct}%`).join(', ')}`);
  }
  const rescaled = rescaleRounding(regions.map((region) => ({ region, anchors: byRegion.get(region)!.map((r) => ({ year: r.year, value: r.share_pct })).sort((a, b) => a.year - b.year) })));
  const result = coherentShares({ method, from, through, regions: rescaled.regions });
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
    rows: fromSource
      .map((r) => ({ year: r.year, region: r.region, share_pct: r.share_pct, kind: r.kind, role: regions.includes(r.region) ? say('capacity.roleAnchor') : say('shares.roleSingle'), source_id: r.source_id }))
      .sort((a, b) => a.year - b.year || a.region.localeCompare(b.region)),
  };
  const last = result.independentTotals[result.independentTotals.length - 1];
  const notes = [
    say('shares.method', { model: result.model }),
    say('shares.source', { source: sourceId, chosen: opts.source === undefined ? 'yes' : 'no', regions: regions.join(', ') }),
    say('shares.alone', { total: last.total.toFixed(2), year: last.year }),
  ];
  if (singles.length > 0 && opts.region === undefined) notes.push(say('shares.singles', { segment, source: sourceId, regions: singles.map(([region, rows]) => `${region} (${rows[0].year}=${rows[0].share_pct}%)`).join(', ') }));
  const others = [...new Set(inSegment.filter((r) => r.source_id !== sourceId).map((r) => r.source_id))];
  if (others.length > 0) notes.push(say('shares.others', { segment, sources: others.join(', ') }));
  const report = makeReport('shares', [long, wide, inputs], notes, [...rescaled.warnings, ...result.warnings]);
  report.charts = [
    {
      name: 'shares',
      title: say('shares.chartTitle', { segment, source: sourceId, method }),
      unit: '%',
      lines: result.regions.map((r) => ({ label: r.region, role: 'projection' as const, points: r.points.map((p) => ({ year: p.year, value: p.value })) })),
      bands: [],
      markers: result.regions.flatMap((r) => (r.remainder ? [] : r.anchors.map((a) => ({ year: a.year, value: a.value, label: `${r.region} ${a.year}`, role: 'anchor' as const })))),
      source: sourceId,
    },
  ];
  return { report, inputs: datasetPaths(dir, ['capacity_share']) };
}

/**
 * Published shares are rounded, so a source's regions can add up to a little over 100 % (SEMI's 2025 300 mm
 * shares: 101 %). Within rounding (half a point per region) the year's shares are scaled down to 100 and a
 * warning says so; beyond it the sum is left as it is and coherentShares refuses it.
 */
export function rescaleRounding(regions: { region: string; anchors: { year: number; value: number }[] }[]): { regions: typeof regions; warnings: string[] } {
  const sums = new Map<number, number>();
  for (const r of regions) for (const a of r.anchors) sums.set(a.year, (sums.get(a.year) ?? 0) + a.value);
  const warnings: string[] = [];
  const factor = new Map<number, number>();
  for (const [year, sum] of [...sums].sort((a, b) => a[0] - b[0])) {
    if (sum > 100 && sum <= 100 + 0.5 * regions.length) {
      factor.set(year, 100 / sum);
      warnings.push(`the source's shares add up to ${Number(sum.toFixed(6))} % in ${year} (rounded figures); scaled by 100/${Number(sum.toFixed(6))} to add up to 100 %`);
    }
  }
  if (factor.size === 0) return { regions, warnings };
  return { regions: regions.map((r) => ({ ...r, anchors: r.anchors.map((a) => ({ year: a.year, value: a.value * (factor.get(a.year) ?? 1) })) })), warnings };
}

/** The source with the most regions having two or more figures (ties: the most figures, then the first listed). */
function pickSource(rows: ShareRecord[]): string {
  const score = new Map<string, { regions: number; figures: number }>();
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(`${r.source_id}\u0000${r.region}`, (counts.get(`${r.source_id}\u0000${r.region}`) ?? 0) + 1);
  for (const r of rows) if (!score.has(r.source_id)) score.set(r.source_id, { regions: 0, figures: 0 });
  for (const [key, n] of counts) {
    const s = score.get(key.split('\u0000')[0])!;
    s.figures += n;
    if (n >= 2) s.regions++;
  }
  return [...score].sort((a, b) => b[1].regions - a[1].regions || b[1].figures - a[1].figures)[0][0];
}
