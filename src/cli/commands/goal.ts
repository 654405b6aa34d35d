// `semicap goal`: what a target needs (compound and linear growth), when the current path gets there, how likely it
// is under simulation; or, for funds, the yearly deployment a total needs. The work is src/app/goal.ts; this file
// checks which options go together and turns the results into tables.
import { fundGoal, seriesGoal, type FundGoalResult, type SeriesGoalInput, type SeriesGoalResult } from '../../app/goal.js';
import { requireDataFolder } from '../../data/datasets.js';
import { usageError } from '../../errors.js';
import { makeReport, type Table } from '../../report/model.js';
import { bandColumns, percentileKey } from '../../report/views/simulation.js';
import type { GoalOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';
import { seedNote, simulationOptions, simulationRequest, type SimulationSettings } from '../simulation-options.js';
import { say } from '../../messages.js';
import { ASIDE_FROM_PATHS, asideScript, runAside } from '../aside.js';

export async function goal(_args: string[], o: GoalOptions, g: Globals): Promise<CommandResult> {
  // --data is read only with --scenario, but a folder that is not there is an error either way.
  if (g.data !== undefined) requireDataFolder(g.data);
  if (o.fundTotal !== undefined) return fundReport(o, o.fundTotal);
  const fundOnly = [['deployFrom', '--deploy-from'], ['deployTo', '--deploy-to'], ['growth', '--growth'], ['firstYear', '--first-year']] as const;
  for (const [key, flag] of fundOnly) {
    if (o[key] !== undefined) throw usageError(say('error.fundGoalOption', { flag }));
  }
  if (o.target === undefined) throw usageError(say('error.goalNeedsTarget'));
  const sim = o.simulate !== undefined ? simulationOptions({ ...o, simulate: o.simulate }, g) : undefined;
  const input: SeriesGoalInput = {
    target: o.target,
    current: o.current,
    scenario: o.scenario,
    dataDir: g.data,
    rate: o.rate,
    step: o.step,
    rateSd: o.rateSd,
    stepSd: o.stepSd,
    draw: o.draw,
    lookTo: o.lookTo,
    simulation: sim && simulationRequest(sim),
  };
  // A simulation runs in a worker thread (aside.ts), so that Ctrl-C need not wait for millions of paths.
  const script = input.simulation !== undefined && input.simulation.paths >= ASIDE_FROM_PATHS ? asideScript('goal-worker') : undefined;
  const r =
    script === undefined
      ? seriesGoal(input)
      : await runAside<SeriesGoalResult, [number, number]>(script, { ...input, simulation: { ...input.simulation, onProgress: undefined } }, ([done, total]) => input.simulation?.onProgress?.(done, total));
  sim?.progress?.done();
  return seriesReport(r, sim);
}

// --- a series and a target -----------------------------------------------------------------------------------

function seriesReport(r: SeriesGoalResult, sim: SimulationSettings | undefined): CommandResult {
  const { current, target, assessed, share } = r;
  const goalTable: Table = {
    name: 'goal',
    title: say('goal.title', { from: `${current.year}=${current.value}${share ? '%' : ''}`, to: `${target.year}=${target.value}${share ? '%' : ''}` }),
    columns: [
      { key: 'current_year', header: 'from', type: 'int' },
      { key: 'current', header: 'value', type: 'number', digits: 2 },
      { key: 'target_year', header: 'target year', type: 'int' },
      { key: 'target', header: 'target', type: 'number', digits: 2 },
      { key: 'gap', header: share ? 'gap pp' : 'gap', type: 'number', digits: 2 },
      { key: 'status', header: 'status' },
      { key: 'required_cagr_pct', header: 'needs %/yr compound', type: 'number', digits: 4, emptyText: '—' },
      { key: 'required_step_per_year', header: share ? 'needs pp/yr linear' : 'needs step/yr linear', type: 'number', digits: 4, emptyText: '—' },
    ],
    rows: [
      {
        current_year: current.year,
        current: current.value,
        target_year: target.year,
        target: target.value,
        gap: assessed.gap,
        status: assessed.status,
        required_cagr_pct: assessed.requiredCagrPct,
        required_step_per_year: assessed.requiredStepPerYear,
      },
    ],
  };
  const notes: string[] = [];
  if (assessed.status === 'open') {
    notes.push(say('goal.arithmetic', { years: target.year - current.year, target: target.value, current: current.value, cagr: current.value > 0 ? fmt(assessed.requiredCagrPct!, 4) : '—', step: fmt(assessed.requiredStepPerYear!, 4), share: share ? 'yes' : 'no' }));
  }
  const tables = [goalTable];
  const path = r.path;
  if (path) {
    const pathRow: Record<string, string | number | boolean | null> = {
      path: path.label,
      value_in_target_year: path.valueInTargetYear,
      meets_target: path.meetsTarget,
      year_reached: path.yearReached,
      horizon: path.lookTo,
    };
    const columns: Table['columns'] = [
      { key: 'path', header: 'current path', headingKey: 'current_path' },
      { key: 'value_in_target_year', header: `value in ${target.year}`, type: 'number', digits: 2 },
      { key: 'meets_target', header: 'meets it' },
      { key: 'year_reached', header: 'reaches it in', type: 'int', emptyText: say('ss.notBy', { year: path.lookTo }) },
    ];
    if (path.simulated && sim) {
      const { run, description } = path.simulated;
      const odds = run.targets[0];
      pathRow.probability = odds.probability;
      pathRow.standard_error = odds.standardError;
      const last = run.bands[run.bands.length - 1];
      run.percentiles.forEach((p, i) => (pathRow[percentileKey(p)] = last.quantiles[i]));
      columns.push({ key: 'probability', header: 'P(met)', type: 'number', digits: 4 }, { key: 'standard_error', header: '± s.e.', type: 'number', digits: 4 }, ...bandColumns(run.percentiles).map((c) => ({ ...c, header: `${c.header} ${target.year}` })));
      notes.push(
        seedNote(sim),
        say('goal.simNote', { paths: sim.paths, description, value: target.value, year: target.year }),
      );
      if (share) notes.push(say('goal.sharesHeld'));
    }
    columns.push({ key: 'horizon', header: 'looked to', type: 'int' });
    tables.push({ name: 'path', title: say('goal.pathTitle'), columns, rows: [pathRow] });
  }
  return { report: makeReport('goal', tables, notes, []), inputs: r.inputs };
}

// --- funds ------------------------------------------------------------------------------------------------------

function fundReport(o: GoalOptions, total: number): CommandResult {
  const seriesOnly = [['current', '--current'], ['target', '--target'], ['rate', '--rate'], ['step', '--step'], ['scenario', '--scenario'], ['simulate', '--simulate']] as const;
  for (const [key, flag] of seriesOnly) {
    if (o[key] !== undefined) throw usageError(say('error.notWithFundTotal', { flag }));
  }
  if (o.deployFrom === undefined || o.deployTo === undefined) throw usageError(say('error.fundGoalNeedsDeploy'));
  const { deployed } = o;
  const startYear = o.deployFrom;
  const endYear = o.deployTo;
  const { plan, schedule: years }: FundGoalResult = fundGoal({ total, deployed, startYear, endYear, growthPct: o.growth, firstYearAmount: o.firstYear });
  const summary: Table = {
    name: 'deployment',
    title: say('goal.fundTitle', { total, deployed, from: startYear, to: endYear }),
    columns: [
      { key: 'total', header: 'total', type: 'number', digits: 2 },
      { key: 'deployed', header: 'deployed', type: 'number', digits: 2 },
      { key: 'remaining', header: 'remaining', type: 'number', digits: 2 },
      { key: 'years', header: 'years', type: 'int' },
      { key: 'constant_per_year', header: 'constant per year', type: 'number', digits: 2 },
      { key: 'growth_pct', header: 'growth %/yr', type: 'number', digits: 4, emptyText: '—' },
      { key: 'first_year_amount', header: 'first year', type: 'number', digits: 2, emptyText: '—' },
      { key: 'last_year_amount', header: 'last year', type: 'number', digits: 2, emptyText: '—' },
    ],
    rows: [
      {
        total: plan.total,
        deployed: plan.deployed,
        remaining: plan.remaining,
        years: plan.years,
        constant_per_year: plan.constantPerYear,
        growth_pct: plan.growing?.growthPct ?? null,
        first_year_amount: plan.growing?.firstYearAmount ?? null,
        last_year_amount: plan.growing ? plan.growing.schedule[plan.growing.schedule.length - 1].amount : null,
      },
    ],
  };
  const schedule: Table = {
    name: 'schedule',
    title: say('goal.scheduleTitle'),
    columns: [
      { key: 'year', header: 'year', type: 'int' },
      { key: 'constant', header: 'constant', type: 'number', digits: 2 },
      { key: 'cumulative_constant', header: 'cumulative', type: 'number', digits: 2 },
      ...(plan.growing
        ? [
            { key: 'growing', header: say('goal.growingHeader', { rate: fmt(plan.growing.growthPct, 2) }), type: 'number' as const, digits: 2 },
            { key: 'cumulative_growing', header: 'cumulative (growing)', type: 'number' as const, digits: 2 },
          ]
        : []),
    ],
    rows: years.map((y) => {
      const row: Record<string, number> = { year: y.year, constant: y.constant, cumulative_constant: y.cumulativeConstant };
      if (y.growing !== undefined && y.cumulativeGrowing !== undefined) {
        row.growing = y.growing;
        row.cumulative_growing = y.cumulativeGrowing;
      }
      return row;
    }),
  };
  const notes = [
    plan.met ? say('goal.nothingRemains', { deployed, total }) : say('goal.perYear', { total, deployed, years: plan.years, amount: fmt(plan.constantPerYear, 4) }),
    ...(plan.growing?.metWithoutGrowth ? [say('goal.noGrowthNeeded', { amount: plan.growing.firstYearAmount })] : []),
    say('goal.fundUnit'),
  ];
  return { report: makeReport('goal', [summary, schedule], notes, []) };
}

const fmt = (n: number, digits = 2) => String(Number(n.toFixed(digits)));
