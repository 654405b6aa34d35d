// `semicap scenario [NAME...]`: named cases (bear, base, bull) side by side — point paths, or with --simulate
// percentile bands per year and the probability of each target — from datasets/scenarios.csv or a user's file.
import { existsSync } from 'node:fs';
import { bundledDataDir } from '../../data/datasets.js';
import { loadScenariosWithData, scenariosPath } from '../../data/scenarios.js';
import { requiredCagrPct, requiredStepPerYear, firstYearReaching } from '../../domain/goal.js';
import { DEFAULT_PERCENTILES, simulateScenarios, type SeriesSimulation } from '../../domain/montecarlo.js';
import { applyOverride, scenarioPath, type Scenario, type SeriesAssumptions, type Uncertain } from '../../domain/scenario.js';
import { usageError } from '../../errors.js';
import { makeReport, type Column, type Table } from '../../report/model.js';
import { bandColumns, percentileKey } from '../../report/views/simulation.js';
import type { Chart } from '../../report/series.js';
import { closest, parseYearArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';
import { simulationOptions, type SimulationSettings } from '../simulation-options.js';
import { readStdinInput } from '../../data/input.js';
import { say } from '../../messages.js';

export async function scenario(args: string[], opts: Record<string, unknown>, g: GlobalOptions): Promise<CommandResult> {
  if (opts.file === '-') await readStdinInput({ what: 'a scenario file' });
  const dir = g.data ?? bundledDataDir();
  const { scenarios: all, inputs, messages } = readScenarios(dir, opts.file as string | undefined);
  let scenarios = selectScenarios(all, args);
  scenarios = selectSeries(scenarios, opts.series as string | undefined);
  const sets = (opts.set as string[] | undefined) ?? [];
  for (const s of sets) {
    const eq = s.indexOf('=');
    if (eq <= 0) throw usageError(`--set '${s}' is not KEY=VALUE; expected e.g. --set base.mature_share.growth_pct=6`);
    scenarios = applyOverride(scenarios, s.slice(0, eq).trim(), s.slice(eq + 1));
  }
  const through = parseYearArg(String(opts.through ?? '2030'), '--through');
  for (const sc of scenarios) for (const s of sc.series) if (through < s.startYear) throw usageError(`--through ${through} is before ${sc.name}.${s.series}'s start year ${s.startYear}`);
  const notes = scenarios.filter((sc) => sc.note !== '').map((sc) => `${sc.name}: ${sc.note}`);
  if (sets.length > 0) notes.push(`overridden on the command line: ${sets.join(', ')}`);
  const assumptions = assumptionsTable(scenarios);
  if (opts.simulate === undefined) {
    const report = makeReport('scenario', [pathsTable(scenarios, through), targetsTable(scenarios, through), assumptions], notes, heldWarnings(scenarios, through));
    report.notes.push(say('scenario.pointNote'));
    report.charts = seriesCharts(scenarios, through);
    return { report, inputs, messages };
  }
  const sim = simulationOptions(opts, g);
  const runs = simulateScenarios(scenarios, { paths: sim.paths, seed: sim.seed, through, percentiles: sim.percentiles, onProgress: sim.progress?.update });
  sim.progress?.done();
  const report = makeReport('scenario', [bandsTable(runs), simulatedTargetsTable(runs, scenarios), assumptions], [...notes, ...simulationNotes(runs, sim)], []);
  report.charts = seriesCharts(scenarios, through, runs);
  return { report, inputs, messages };
}

// --- reading and selecting -------------------------------------------------------------------------------------

function readScenarios(dir: string, file: string | undefined): { scenarios: Scenario[]; inputs: string[]; messages: string[] } {
  const messages: string[] = [];
  let path = file ?? scenariosPath(dir);
  if (file === undefined && !existsSync(path)) {
    path = scenariosPath(bundledDataDir());
    messages.push(`${dir} has no scenarios.csv; using the bundled scenarios`);
  }
  const { scenarios, inputs } = loadScenariosWithData(path, dir);
  return { scenarios, inputs, messages };
}

function selectScenarios(all: Scenario[], names: string[]): Scenario[] {
  if (names.length === 0) return all;
  return names.map((name) => {
    const found = all.find((s) => s.name === name);
    if (!found) {
      const hint = closest(name, all.map((s) => s.name));
      throw usageError(`no scenario '${name}'; expected one of ${all.map((s) => s.name).join(', ')}${hint ? ` (did you mean '${hint}'?)` : ''}`);
    }
    return found;
  });
}

function selectSeries(scenarios: Scenario[], list: string | undefined): Scenario[] {
  if (list === undefined) return scenarios;
  const wanted = String(list).split(',').map((s) => s.trim()).filter((s) => s !== '');
  const known = [...new Set(scenarios.flatMap((sc) => sc.series.map((s) => s.series)))];
  for (const w of wanted) if (!known.includes(w)) throw usageError(`--series: no series '${w}'; expected one of ${known.join(', ')}`);
  return scenarios.map((sc) => ({ ...sc, series: sc.series.filter((s) => wanted.includes(s.series)) })).filter((sc) => sc.series.length > 0);
}

// --- charts ----------------------------------------------------------------------------------------------------

/** One chart per series: each scenario's point path, its outer percentile band when simulated, and the targets. */
function seriesCharts(scenarios: Scenario[], through: number, runs?: SeriesSimulation[]): Chart[] {
  const names = [...new Set(scenarios.flatMap((sc) => sc.series.map((s) => s.series)))];
  return names.map((name) => {
    const members = scenarios.flatMap((sc) => sc.series.filter((s) => s.series === name).map((s) => ({ scenario: sc.name, s })));
    const unit = members[0].s.unit;
    const lines = members.map(({ scenario, s }) => {
      const run = runs?.find((r) => r.scenario === scenario && r.series === name);
      const points = run ? run.bands.map((b) => ({ year: b.year, value: b.point })) : scenarioPath(s, Math.max(through, s.startYear)).map((p) => ({ year: p.year, value: p.value }));
      return { label: scenario, role: 'projection' as const, points };
    });
    const bands = (runs ?? [])
      .filter((r) => r.series === name)
      .map((r) => ({ label: `${r.scenario} p${r.percentiles[0]}–p${r.percentiles[r.percentiles.length - 1]}`, points: r.bands.map((b) => ({ year: b.year, lower: b.quantiles[0], upper: b.quantiles[b.quantiles.length - 1] })) }));
    const targets = new Map<string, { year: number; value: number }>();
    for (const { s } of members) for (const t of s.targets) targets.set(`${t.year}:${t.value}`, t);
    const markers = [...targets.values()].map((t) => ({ year: t.year, value: t.value, label: `target ${t.year}`, role: 'target' as const }));
    return { name, title: `${name} by scenario${runs ? ' (point paths and simulated bands)' : ''}`, unit: unit === 'percent' ? '%' : unit, lines, bands, markers };
  });
}

// --- tables ----------------------------------------------------------------------------------------------------

function pathsTable(scenarios: Scenario[], through: number): Table {
  const rows = scenarios.flatMap((sc) =>
    sc.series.flatMap((s) => scenarioPath(s, Math.max(through, s.startYear)).map((p) => ({ scenario: sc.name, series: s.series, unit: s.unit, year: p.year, value: p.value, held: p.held ? say('scenario.held') : '' }))),
  );
  return {
    name: 'paths',
    title: say('scenario.pathsTitle', { through }),
    columns: [
      { key: 'scenario', header: 'scenario' },
      { key: 'series', header: 'series' },
      { key: 'year', header: 'year', type: 'int' },
      { key: 'value', header: 'value', type: 'number', digits: 2, unit: 'row' },
      { key: 'unit', header: 'unit' },
      { key: 'held', header: 'note' },
    ],
    rows,
  };
}

function targetsTable(scenarios: Scenario[], through: number): Table {
  const rows = scenarios.flatMap((sc) =>
    sc.series.flatMap((s) => {
      // Look well past the last year for when the path gets there (a path that misses 2030 may still get there in 2033).
      const horizon = Math.max(through, ...s.targets.map((t) => t.year)) + 25;
      const path = scenarioPath(s, horizon);
      return s.targets.map((t) => ({ ...targetBase(sc.name, s, t), value_then: path.find((p) => p.year === t.year)?.value ?? null, met: metIn(path, t), year_reached: firstYearReaching(path, t.value, { fromYear: s.startYear }), horizon }));
    }),
  );
  return {
    name: 'targets',
    title: say('scenario.targetsTitle'),
    columns: [...targetColumns(), { key: 'value_then', header: 'path value then', type: 'number', digits: 2, unit: 'row' }, { key: 'met', header: 'met' }, { key: 'year_reached', header: 'path reaches it', type: 'int', emptyText: say('scenario.notInRange') }, { key: 'horizon', header: 'looked to', type: 'int' }, ...requiredColumns(), { key: 'source_id', header: 'source_id' }],
    rows,
  };
}

function targetBase(scenario: string, s: SeriesAssumptions, t: { year: number; value: number; sourceId?: string }) {
  const current = { year: s.startYear, value: s.start.value };
  const target = { year: t.year, value: t.value };
  return {
    scenario,
    series: s.series,
    target_year: t.year,
    target: t.value,
    unit: s.unit,
    required_cagr_pct: current.value > 0 && target.value >= 0 ? requiredCagrPct(current, target) : null,
    required_step_per_year: requiredStepPerYear(current, target),
    source_id: t.sourceId ?? '',
  };
}

const targetColumns = (): Column[] => [
  { key: 'scenario', header: 'scenario' },
  { key: 'series', header: 'series' },
  { key: 'target_year', header: 'year', type: 'int' },
  { key: 'target', header: 'target', type: 'number', digits: 2, unit: 'row' },
  { key: 'unit', header: 'unit' },
];
const requiredColumns = (): Column[] => [
  { key: 'required_cagr_pct', header: 'needs %/yr from start', type: 'number', digits: 2 },
  { key: 'required_step_per_year', header: 'needs step/yr', type: 'number', digits: 2, unit: 'row' },
];

function metIn(path: { year: number; value: number }[], t: { year: number; value: number }): boolean {
  const v = path.find((p) => p.year === t.year)?.value;
  return v !== undefined && v >= t.value - 1e-9 * Math.max(1, Math.abs(t.value));
}

function describeDist(u: Uncertain | undefined): string {
  if (!u) return '';
  const d = u.dist;
  switch (d.kind) {
    case 'fixed':
      return 'fixed';
    case 'normal':
      return `normal sd ${d.sd}`;
    case 'triangular':
      return `triangular ${d.min}–${u.value}–${d.max}`;
    case 'uniform':
      return `uniform ${d.min}–${d.max}`;
  }
}

function assumptionsTable(scenarios: Scenario[]): Table {
  const rows = scenarios.flatMap((sc) =>
    sc.series.flatMap((s) => {
      const row = (assumption: string, year: number | null, value: number | string | null, u?: Uncertain, extra: { unit?: string; source_id?: string; note?: string; from?: string } = {}) => ({
        scenario: sc.name,
        series: s.series,
        assumption,
        year,
        value,
        distribution: describeDist(u),
        draw: u && u.dist.kind !== 'fixed' ? u.draw : '',
        unit: extra.unit ?? '',
        source_id: extra.source_id ?? u?.sourceId ?? '',
        from: extra.from ?? u?.from ?? '',
        note: extra.note ?? u?.note ?? '',
      });
      return [
        row('start', s.startYear, s.start.value, s.start, { unit: s.unit }),
        { ...row('method', null, null, undefined, { note: s.notes.join('; ') }), distribution: s.method },
        ...(s.growth ? [row('growth_pct', null, s.growth.value, s.growth, { unit: '%/yr' })] : []),
        ...(s.step ? [row('step', null, s.step.value, s.step, { unit: `${s.unit}/yr` })] : []),
        ...(s.cap ? [row('cap', null, s.cap.value, s.cap, { unit: s.unit })] : []),
        ...(s.floor !== undefined ? [row('floor', null, s.floor, undefined, { unit: s.unit })] : []),
        ...s.targets.map((t) => row('target', t.year, t.value, undefined, { unit: s.unit, source_id: t.sourceId, note: t.note, from: t.from })),
      ];
    }),
  );
  return {
    name: 'assumptions',
    title: say('scenario.assumptionsTitle'),
    columns: [
      { key: 'scenario', header: 'scenario' },
      { key: 'series', header: 'series' },
      { key: 'assumption', header: 'assumption' },
      { key: 'year', header: 'year', type: 'int' },
      { key: 'value', header: 'value', type: 'number', digits: 2 },
      { key: 'distribution', header: 'method / distribution' },
      { key: 'draw', header: 'draw' },
      { key: 'unit', header: 'unit' },
      { key: 'source_id', header: 'source_id' },
      { key: 'from', header: 'read from' },
      { key: 'note', header: 'what it stands for' },
    ],
    rows,
  };
}

function heldWarnings(scenarios: Scenario[], through: number): string[] {
  return scenarios.flatMap((sc) =>
    sc.series.flatMap((s) => {
      const held = scenarioPath(s, Math.max(through, s.startYear)).find((p) => p.held);
      return held ? [`${sc.name}.${s.series}: the path is held at a bound from ${held.year} (${held.value}${s.unit === 'percent' ? ' %' : ` ${s.unit}`})`] : [];
    }),
  );
}

function bandsTable(runs: SeriesSimulation[]): Table {
  const percentiles = runs[0]?.percentiles ?? [...DEFAULT_PERCENTILES];
  const rows = runs.flatMap((r) =>
    r.bands.map((b) => {
      const row: Record<string, string | number> = { scenario: r.scenario, series: r.series, unit: r.unit, year: b.year, point: b.point, mean: b.mean };
      r.percentiles.forEach((p, i) => (row[percentileKey(p)] = b.quantiles[i]));
      return row;
    }),
  );
  return {
    name: 'bands',
    title: say('scenario.bandsTitle', { paths: runs[0]?.paths ?? 0 }),
    columns: [
      { key: 'scenario', header: 'scenario' },
      { key: 'series', header: 'series' },
      { key: 'year', header: 'year', type: 'int' },
      ...bandColumns(percentiles).map((c) => ({ ...c, unit: 'row' })),
      { key: 'mean', header: 'mean', type: 'number', digits: 2, unit: 'row' },
      { key: 'point', header: 'point path', type: 'number', digits: 2, unit: 'row' },
      { key: 'unit', header: 'unit' },
    ],
    rows,
  };
}

function simulatedTargetsTable(runs: SeriesSimulation[], scenarios: Scenario[]): Table {
  const rows = runs.flatMap((r) => {
    const s = scenarios.find((sc) => sc.name === r.scenario)!.series.find((x) => x.series === r.series)!;
    return r.targets.map((t, i) => ({
      ...targetBase(r.scenario, s, s.targets[i]),
      probability: t.probability,
      standard_error: t.standardError,
      point_met: t.pointMet,
    }));
  });
  return {
    name: 'targets',
    title: say('scenario.oddsTitle'),
    columns: [...targetColumns(), { key: 'probability', header: 'P(met)', type: 'number', digits: 4 }, { key: 'standard_error', header: '± s.e.', type: 'number', digits: 4 }, { key: 'point_met', header: 'point path meets it' }, ...requiredColumns(), { key: 'source_id', header: 'source_id' }],
    rows,
  };
}

function simulationNotes(runs: SeriesSimulation[], sim: SimulationSettings): string[] {
  const notes = [
    `seed ${sim.seed}${sim.seedChosen ? ' (chosen at random)' : ''}: run again with --seed ${sim.seed} --simulate ${sim.paths} for the same numbers`,
    `${sim.paths} paths per series; each series draws from its own stream of the seed (xoshiro128**), so adding or leaving out scenarios does not change a series' numbers; series are simulated independently (no correlation between them)`,
    'percentiles interpolate between order statistics (R type 7); a target is met when the value in its year is at or above it; ± s.e. is the binomial standard error of P(met)',
  ];
  for (const r of runs) {
    if (r.heldFraction > 0) notes.push(`${r.scenario}.${r.series}: ${(r.heldFraction * 100).toFixed(2)} % of path-years held at a bound (${r.unit === 'percent' ? 'shares stay within 0–100 %' : 'floor or cap'})`);
  }
  return notes;
}
