// The self-sufficiency use case's tables and chart: the targets with the gap and the growth each needs, the
// current path's bands in the target years, the fitted forecasts, and the history (shown by self-sufficiency,
// overview and report).
import { say } from '../../messages.js';
import type { SelfSufficiencyResult } from '../../app/self-sufficiency.js';
import { addBandColumns, pathChartBands, peopleBandsTable } from '../bands.js';
import type { Section, Table } from '../model.js';
import { targetsChart } from '../series.js';
import { fittedTable } from './forecast.js';

function targetsTable(r: SelfSufficiencyResult): Table {
  const noPath = r.mixedDefinitions ? say('ss.noPathDefinitions') : say('ss.noPath');
  const table: Table = {
    name: 'targets',
    title: say('ss.targetsTitle', { scope: r.scope, value: r.current.value, year: r.current.year }),
    columns: [
      { key: 'target', header: 'target' },
      { key: 'year', header: 'year', type: 'int' },
      { key: 'target_pct', header: 'target %', type: 'number', digits: 1 },
      { key: 'status', header: 'status' },
      { key: 'gap_pp', header: 'gap pp', type: 'number', digits: 1 },
      { key: 'needs_cagr_pct', header: 'needs %/yr', type: 'number', digits: 2, emptyText: say('ss.overdue') },
      { key: 'needs_pp_per_year', header: 'needs pp/yr', type: 'number', digits: 2, emptyText: say('ss.overdue') },
      { key: 'path_cagr_reaches', header: 'compound path reaches', type: 'int', emptyText: r.path?.cagrPct != null ? say('ss.notBy', { year: r.through }) : noPath },
      { key: 'path_linear_reaches', header: 'linear path reaches', type: 'int', emptyText: r.path ? say('ss.notBy', { year: r.through }) : noPath },
      { key: 'source_id', header: 'source_id' },
    ],
    rows: r.targets.map((t) => ({
      target: t.label,
      year: t.year,
      target_pct: t.value,
      source_id: t.source_id,
      status: t.goal.status,
      gap_pp: t.goal.gap,
      needs_cagr_pct: t.goal.requiredCagrPct,
      needs_pp_per_year: t.goal.requiredStepPerYear,
      path_cagr_reaches: t.pathCagrReaches,
      path_linear_reaches: t.pathLinearReaches,
    })),
  };
  // Per target, the current path's value and bands in the target year (numbers, for files: cagr_path, cagr_lo80, …).
  addBandColumns(table, pathBands(r), { people: false, values: true });
  for (const { method, years } of r.fitted?.reaches ?? []) {
    const key = `${method}_reaches`;
    table.columns.push({ key, header: say('ss.methodReaches', { method }), type: 'int', emptyText: say('ss.notBy', { year: r.through }) });
    table.rows.forEach((row, i) => (row[key] = years[i]));
  }
  return table;
}

const pathBands = (r: SelfSufficiencyResult) => r.pathBands.map((p) => ({ key: p.method, label: p.method, digits: 2, points: p.points }));

function historyTable(r: SelfSufficiencyResult): Table {
  return {
    name: 'history',
    title: say('ss.historyTitle', { scope: r.scope }),
    columns: [
      { key: 'year', header: 'year', type: 'int' },
      { key: 'rate_pct', header: 'rate %', type: 'number', digits: 1 },
      { key: 'kind', header: 'kind' },
      { key: 'source_id', header: 'source_id' },
      { key: 'definition', header: 'definition' },
    ],
    rows: r.figures.map((f) => ({ ...f })),
  };
}

export function selfSufficiencySection(r: SelfSufficiencyResult): Section {
  const years = new Set(r.bandYears);
  const people =
    years.size === 0
      ? []
      : [peopleBandsTable('bands', say('ss.bandsTitle'), [{ key: 'method', header: 'method' }], pathBands(r).map((f) => ({ labels: { method: f.key }, digits: 2, points: f.points })), (year) => years.has(year))];
  const { through, paths, source } = r.chart;
  const chart = targetsChart('targets', say('ss.chartTitle', { scope: r.scope }), r.history, r.current, paths, r.targets.map((t) => ({ year: t.year, value: t.value, label: t.label })), through, source);
  chart.bands.push(...pathChartBands(pathBands(r).map((f) => ({ ...f, points: f.points.filter((p) => p.year <= through), start: r.current })), say('bands.m3Errors')));
  const tables = [targetsTable(r), ...(r.fitted ? [fittedTable(r.fitted.fit)] : []), ...people, historyTable(r)];
  return { tables, notes: r.notes, warnings: r.warnings, charts: [chart] };
}
