// `semicap scenario [NAME...]`: named cases (bear, base, bull) side by side — point paths, or with --simulate
// percentile bands per year and the probability of each target. The work is src/app/scenario.ts; this file turns
// its result into tables and charts.
import { scenarioUseCase, type ScenarioInput, type ScenarioResult, type TargetCheck } from '../../app/scenario.js';
import { DEFAULT_PERCENTILES, type SeriesSimulation } from '../../domain/montecarlo.js';
import type { Scenario, Uncertain } from '../../domain/scenario.js';
import { readStdinInput } from '../../data/input.js';
import { say } from '../../messages.js';
import { makeReport, type Table } from '../../report/model.js';
import { requiredColumns, scenarioCharts, simulatedTargetsTable, targetBase, targetColumns } from '../../report/views/scenario.js';
import { bandColumns, percentileKey } from '../../report/views/simulation.js';
import type { ScenarioOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';
import { seedNote, simulationOptions, simulationRequest, type SimulationSettings } from '../simulation-options.js';
import { ASIDE_FROM_PATHS, asideScript, runAside } from '../aside.js';

export async function scenario(args: string[], o: ScenarioOptions, g: Globals): Promise<CommandResult> {
  if (o.file === '-') await readStdinInput({ what: 'a scenario file' });
  const sim = o.simulate !== undefined ? simulationOptions({ ...o, simulate: o.simulate }, g) : undefined;
  const input: ScenarioInput = { dataDir: g.data, file: o.file, names: args, series: o.series, sets: o.set, through: o.through, lookTo: o.lookTo, simulation: sim && simulationRequest(sim) };
  // A simulation runs in a worker thread (aside.ts), so that Ctrl-C need not wait for millions of paths; stdin was
  // read here, so a scenario file on stdin is simulated here too.
  const script = input.simulation !== undefined && input.simulation.paths >= ASIDE_FROM_PATHS && o.file !== '-' ? asideScript('scenario-worker') : undefined;
  const r =
    script === undefined
      ? scenarioUseCase(input)
      : await runAside<ScenarioResult, [number, number]>(script, { ...input, simulation: { ...input.simulation, onProgress: undefined } }, ([done, total]) => input.simulation?.onProgress?.(done, total));
  sim?.progress?.done();
  const { scenarios, inputs, messages } = r;
  const assumptions = assumptionsTable(scenarios);
  if (r.runs === undefined || sim === undefined) {
    const report = makeReport('scenario', [pathsTable(r), targetsTable(r.targets, r.lookTo), assumptions], r.notes, r.warnings);
    report.notes.push(say('scenario.pointNote'));
    report.charts = scenarioCharts(r.paths);
    return { report, inputs, messages };
  }
  const report = makeReport('scenario', [bandsTable(r.runs), simulatedTargetsTable(r.runs, scenarios), assumptions], [...r.notes, ...simulationNotes(r.runs, sim)], []);
  report.charts = scenarioCharts(r.paths, r.runs);
  return { report, inputs, messages };
}

// --- tables ----------------------------------------------------------------------------------------------------

function pathsTable(r: ScenarioResult): Table {
  const rows = r.paths.flatMap(({ scenario, series: s, points }) => points.map((p) => ({ scenario, series: s.series, unit: s.unit, year: p.year, value: p.value, held: p.held ? say('scenario.held') : '' })));
  return {
    name: 'paths',
    title: say('scenario.pathsTitle', { through: r.through }),
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

function targetsTable(checks: TargetCheck[], lookTo: number): Table {
  const rows = checks.map((c) => ({ ...targetBase(c.scenario, c.series, c.target), value_then: c.valueThen, met: c.met, year_reached: c.yearReached, horizon: lookTo }));
  return {
    name: 'targets',
    title: say('scenario.targetsTitle'),
    columns: [...targetColumns(), { key: 'value_then', header: 'path value then', type: 'number', digits: 2, unit: 'row' }, { key: 'met', header: 'met' }, { key: 'year_reached', header: 'path reaches it', type: 'int', emptyText: say('ss.notBy', { year: lookTo }) }, { key: 'horizon', header: 'looked to', type: 'int' }, ...requiredColumns(), { key: 'source_id', header: 'source_id' }],
    rows,
  };
}

function describeDist(u: Uncertain | undefined): string {
  if (!u) return '';
  const d = u.dist;
  switch (d.kind) {
    case 'fixed':
      return say('scenario.distFixed');
    case 'normal':
      return say('scenario.distNormal', { sd: d.sd });
    case 'triangular':
      return say('scenario.distTriangular', { min: d.min, mode: u.value, max: d.max });
    case 'uniform':
      return say('scenario.distUniform', { min: d.min, max: d.max });
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
      ...bandColumns(percentiles).map((c) => ({ ...c, unit: 'row' as const })),
      { key: 'mean', header: 'mean', type: 'number', digits: 2, unit: 'row' },
      { key: 'point', header: 'point path', type: 'number', digits: 2, unit: 'row' },
      { key: 'unit', header: 'unit' },
    ],
    rows,
  };
}

function simulationNotes(runs: SeriesSimulation[], sim: SimulationSettings): string[] {
  const notes = [
    seedNote(sim),
    say('scenario.simPaths', { paths: sim.paths }),
    say('scenario.simPercentiles'),
  ];
  for (const r of runs) {
    if (r.heldFraction > 0) notes.push(say('scenario.simHeld', { name: `${r.scenario}.${r.series}`, pct: (r.heldFraction * 100).toFixed(2), percent: r.unit === 'percent' ? 'yes' : 'no' }));
  }
  return notes;
}
