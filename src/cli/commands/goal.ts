// `semicap goal`: what a target needs (compound and linear growth), when the current path gets there, how likely it
// is under simulation; or, for funds, the yearly deployment a total needs.
import { existsSync } from 'node:fs';
import { bundledDataDir, requireDataFolder } from '../../data/datasets.js';
import { loadScenariosWithData, scenariosPath } from '../../data/scenarios.js';
import { assessGoal, deploymentNeeded, firstYearReaching, yearReachedAtCagr, yearReachedAtStep } from '../../domain/goal.js';
import type { Anchor } from '../../domain/projection.js';
import { simulateSeries } from '../../domain/montecarlo.js';
import { scenarioPath, type SeriesAssumptions, type Uncertain } from '../../domain/scenario.js';
import { usageError } from '../../errors.js';
import { makeReport, type Table } from '../../report/model.js';
import { parseAnchorArg, parseNumberArg, parseYearArg } from '../args.js';
import type { CommandResult, GlobalOptions } from '../context.js';
import { bandColumns, percentileKey } from '../../report/views/simulation.js';
import { simulationOptions } from '../simulation-options.js';
import { say } from '../../messages.js';

export function goal(_args: string[], opts: Record<string, unknown>, g: GlobalOptions): CommandResult {
  // --data is read only with --scenario, but a folder that is not there is an error either way.
  if (g.data !== undefined) requireDataFolder(g.data);
  if (opts.fundTotal !== undefined) return fundGoal(opts);
  for (const name of ['from', 'to', 'growth', 'firstYear'] as const) {
    if (opts[name] !== undefined) throw usageError(`--${name === 'firstYear' ? 'first-year' : name} belongs to fund goals; give --fund-total too`);
  }
  return seriesGoal(opts, g);
}

// --- a series and a target -----------------------------------------------------------------------------------

interface CurrentPath {
  label: string;
  series: SeriesAssumptions;
}

function seriesGoal(opts: Record<string, unknown>, g: GlobalOptions): CommandResult {
  if (opts.target === undefined) throw usageError('goal needs --target YEAR=VALUE (e.g. --target 2030=100%), or --fund-total for a fund');
  const targetArg = parseAnchorArg(String(opts.target), '--target');
  const fromScenario = opts.scenario !== undefined ? scenarioSeries(String(opts.scenario), g) : undefined;
  if (opts.current === undefined && !fromScenario) throw usageError('goal needs --current YEAR=VALUE (e.g. --current 2025=40%) or --scenario NAME.SERIES');
  const currentArg = opts.current !== undefined ? parseAnchorArg(String(opts.current), '--current') : undefined;
  const share = currentArg ? currentArg.percent || targetArg.percent : fromScenario!.series.unit === 'percent';
  const current: Anchor = currentArg ? { year: currentArg.year, value: currentArg.value } : { year: fromScenario!.series.startYear, value: fromScenario!.series.start.value };
  const target: Anchor = { year: targetArg.year, value: targetArg.value };
  if (share && (current.value < 0 || current.value > 100 || target.value < 0 || target.value > 100)) throw usageError('a share (written with %) must lie within 0–100 %');
  const horizon = opts.through !== undefined ? parseYearArg(String(opts.through), '--through') : Math.max(target.year, current.year) + 20;
  if (horizon < target.year) throw usageError(`--through ${horizon} is before the target year ${target.year}`);
  if (opts.rate !== undefined && opts.step !== undefined) throw usageError('give --rate (compound) or --step (linear), not both');
  if ((opts.rate !== undefined || opts.step !== undefined) && fromScenario) throw usageError('give --scenario or --rate/--step for the current path, not both');

  const assessed = assessFrom(current, target);
  const unit = share ? 'percent' : 'value';
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
  const path = currentPath(opts, fromScenario, current, unit);
  const tables = [goalTable];
  if (path) {
    const points = scenarioPath(path.series, horizon);
    const reached = reachYear(path.series, current, target.value, horizon, points);
    const pathRow: Record<string, string | number | boolean | null> = {
      path: path.label,
      value_in_target_year: points.find((p) => p.year === target.year)?.value ?? null,
      meets_target: (points.find((p) => p.year === target.year)?.value ?? -Infinity) >= target.value - 1e-9 * Math.max(1, Math.abs(target.value)),
      year_reached: reached,
      horizon,
    };
    const columns: Table['columns'] = [
      { key: 'path', header: 'current path' },
      { key: 'value_in_target_year', header: `value in ${target.year}`, type: 'number', digits: 2 },
      { key: 'meets_target', header: 'meets it' },
      { key: 'year_reached', header: 'reaches it in', type: 'int', emptyText: `not by ${horizon}` },
    ];
    if (opts.simulate !== undefined) {
      const sim = simulationOptions(opts, g);
      const simulated = withUncertainty(path.series, opts);
      // A scenario's series draws from its own stream, so the numbers match `semicap scenario NAME --simulate` with the same seed.
      const stream = fromScenario ? fromScenario.label.split('.')[0] : 'goal';
      const run = simulateSeries(stream, { ...simulated, targets: [{ year: target.year, value: target.value }] }, { paths: sim.paths, seed: sim.seed, through: target.year, percentiles: sim.percentiles, onProgress: sim.progress?.update });
      sim.progress?.done();
      const odds = run.targets[0];
      pathRow.probability = odds.probability;
      pathRow.standard_error = odds.standardError;
      const last = run.bands[run.bands.length - 1];
      run.percentiles.forEach((p, i) => (pathRow[percentileKey(p)] = last.quantiles[i]));
      columns.push({ key: 'probability', header: 'P(met)', type: 'number', digits: 4 }, { key: 'standard_error', header: '± s.e.', type: 'number', digits: 4 }, ...bandColumns(run.percentiles).map((c) => ({ ...c, header: `${c.header} ${target.year}` })));
      notes.push(
        `seed ${sim.seed}${sim.seedChosen ? ' (chosen at random)' : ''}: run again with --seed ${sim.seed} --simulate ${sim.paths} for the same numbers`,
        `${sim.paths} paths; ${describeUncertainty(simulated)}; P(met) is the share of paths at or above ${target.value} in ${target.year}`,
      );
      if (share) notes.push('shares are held within 0–100 % in every path');
    }
    columns.push({ key: 'horizon', header: 'looked to', type: 'int' });
    tables.push({ name: 'path', title: 'The current path', columns, rows: [pathRow] });
  } else if (opts.simulate !== undefined) {
    throw usageError('--simulate needs a current path: give --rate (with --rate-sd), --step (with --step-sd) or --scenario NAME.SERIES');
  }
  return { report: makeReport('goal', tables, notes, []), inputs: fromScenario ? fromScenario.inputs : [] };
}

/** assessGoal, except that from a value of 0 or below there is no compound rate (null) rather than an error. */
function assessFrom(current: Anchor, target: Anchor): { gap: number; status: string; requiredCagrPct: number | null; requiredStepPerYear: number | null } {
  if (current.value > 0) return assessGoal({ current, target });
  const positiveStand = { year: current.year, value: 1 }; // any positive value: only status and step are read
  const shape = assessGoal({ current: positiveStand, target: { year: target.year, value: target.value - current.value + 1 } });
  return { gap: target.value - current.value, status: shape.status, requiredCagrPct: null, requiredStepPerYear: shape.requiredStepPerYear };
}

function currentPath(opts: Record<string, unknown>, fromScenario: { label: string; series: SeriesAssumptions } | undefined, current: Anchor, unit: string): CurrentPath | undefined {
  const fixed = (value: number): Uncertain => ({ value, dist: { kind: 'fixed' }, draw: 'once' });
  const base = { unit, startYear: current.year, start: fixed(current.value), targets: [], notes: [] };
  if (opts.rate !== undefined) {
    const rate = parseNumberArg(String(opts.rate), '--rate');
    if (!(rate > -100)) throw usageError(`--rate ${rate} must be above −100 %/yr`);
    if (!(current.value > 0)) throw usageError(`--rate: a compound path needs a positive current value; ${current.value} stays ${current.value} (use --step)`);
    return { label: `compound ${rate} %/yr`, series: { ...base, series: 'goal', method: 'cagr', growth: fixed(rate) } };
  }
  if (opts.step !== undefined) {
    const step = parseNumberArg(String(opts.step), '--step');
    return { label: `linear ${step}${unit === 'percent' ? ' pp' : ''}/yr`, series: { ...base, series: 'goal', method: 'linear', step: fixed(step) } };
  }
  if (fromScenario) {
    const s = fromScenario.series;
    const moved = { ...s, startYear: current.year, start: { ...s.start, value: current.value }, targets: [] };
    return { label: `scenario ${fromScenario.label} (${s.method})`, series: moved };
  }
  return undefined;
}

/** The first whole year the path reaches the target: closed form for plain compound and linear paths. */
function reachYear(s: SeriesAssumptions, current: Anchor, target: number, horizon: number, points: { year: number; value: number }[]): number | null {
  const bounded = s.unit === 'percent' && (target < 0 || target > 100);
  if (!bounded && s.method === 'cagr' && s.growth && !s.cap) return yearReachedAtCagr(current, target, s.growth.value, horizon);
  if (!bounded && s.method === 'linear' && s.step && !s.cap) return yearReachedAtStep(current, target, s.step.value, horizon);
  return firstYearReaching(points, target, { fromYear: current.year });
}

function withUncertainty(s: SeriesAssumptions, opts: Record<string, unknown>): SeriesAssumptions {
  const draw = opts.draw === 'yearly' ? 'yearly' : 'once';
  if (opts.rateSd !== undefined) {
    if (s.method === 'linear' && opts.step !== undefined) throw usageError('--rate-sd goes with --rate; with --step give --step-sd');
    const sd = parseNumberArg(String(opts.rateSd), '--rate-sd', { min: 0 });
    if (!s.growth) throw usageError('--rate-sd needs a compound path (--rate or a cagr/logistic scenario)');
    return { ...s, growth: { ...s.growth, dist: { kind: 'normal', sd }, draw } };
  }
  if (opts.stepSd !== undefined) {
    const sd = parseNumberArg(String(opts.stepSd), '--step-sd', { min: 0 });
    if (!s.step) throw usageError('--step-sd needs a linear path (--step or a linear scenario)');
    return { ...s, step: { ...s.step, dist: { kind: 'normal', sd }, draw } };
  }
  if (opts.rate !== undefined || opts.step !== undefined) throw usageError('--simulate with --rate or --step needs its spread: --rate-sd or --step-sd');
  return s; // a scenario's series keeps its own distributions
}

function describeUncertainty(s: SeriesAssumptions): string {
  const u = s.method === 'linear' ? s.step : s.growth;
  if (!u || u.dist.kind === 'fixed') return 'no uncertain assumption (every path is the point path)';
  const what = s.method === 'linear' ? 'step' : 'compound rate';
  const d = u.dist;
  const spread = d.kind === 'normal' ? `normal, mean ${u.value}, sd ${d.sd}` : d.kind === 'triangular' ? `triangular ${d.min}–${u.value}–${d.max}` : d.kind === 'uniform' ? `uniform ${d.min}–${d.max}` : '';
  return `${what} ${spread}, drawn ${u.draw === 'yearly' ? 'anew every year' : 'once per path'}`;
}

function scenarioSeries(key: string, g: GlobalOptions): { label: string; series: SeriesAssumptions; inputs: string[] } {
  const [name, series, ...rest] = key.split('.');
  if (!name || !series || rest.length > 0) throw usageError(`--scenario '${key}' is not NAME.SERIES; expected e.g. base.self_sufficiency`);
  const dir = g.data ?? bundledDataDir();
  const path = existsSync(scenariosPath(dir)) ? scenariosPath(dir) : scenariosPath(bundledDataDir());
  const { scenarios, inputs } = loadScenariosWithData(path, dir);
  const sc = scenarios.find((s) => s.name === name);
  if (!sc) throw usageError(`--scenario: no scenario '${name}'; expected one of ${scenarios.map((s) => s.name).join(', ')}`);
  const s = sc.series.find((x) => x.series === series);
  if (!s) throw usageError(`--scenario: scenario '${name}' has no series '${series}'; expected one of ${sc.series.map((x) => x.series).join(', ')}`);
  return { label: key, series: s, inputs };
}

// --- funds ------------------------------------------------------------------------------------------------------

function fundGoal(opts: Record<string, unknown>): CommandResult {
  for (const name of ['current', 'target', 'rate', 'step', 'scenario', 'simulate'] as const) {
    if (opts[name] !== undefined) throw usageError(`--${name} does not go with --fund-total (a fund goal takes --deployed, --from, --to and --growth or --first-year)`);
  }
  if (opts.from === undefined || opts.to === undefined) throw usageError('a fund goal needs --from YEAR and --to YEAR (the first and last deployment years)');
  const total = parseNumberArg(String(opts.fundTotal), '--fund-total', { min: 0 });
  const deployed = parseNumberArg(String(opts.deployed ?? '0'), '--deployed', { min: 0 });
  const startYear = parseYearArg(String(opts.from), '--from');
  const endYear = parseYearArg(String(opts.to), '--to');
  const growthPct = opts.growth !== undefined ? parseNumberArg(String(opts.growth), '--growth') : undefined;
  const firstYearAmount = opts.firstYear !== undefined ? parseNumberArg(String(opts.firstYear), '--first-year') : undefined;
  const plan = deploymentNeeded({ total, deployed, startYear, endYear, growthPct, firstYearAmount });
  const summary: Table = {
    name: 'deployment',
    title: `Deploying ${total} (${deployed} already deployed) over ${startYear}–${endYear}`,
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
  let cumulativeConstant = deployed;
  let cumulativeGrowing = deployed;
  const schedule: Table = {
    name: 'schedule',
    title: 'Yearly deployment and cumulative total',
    columns: [
      { key: 'year', header: 'year', type: 'int' },
      { key: 'constant', header: 'constant', type: 'number', digits: 2 },
      { key: 'cumulative_constant', header: 'cumulative', type: 'number', digits: 2 },
      ...(plan.growing
        ? [
            { key: 'growing', header: `growing ${fmt(plan.growing.growthPct, 2)} %/yr`, type: 'number' as const, digits: 2 },
            { key: 'cumulative_growing', header: 'cumulative (growing)', type: 'number' as const, digits: 2 },
          ]
        : []),
    ],
    rows: Array.from({ length: plan.years }, (_, i) => {
      cumulativeConstant += plan.constantPerYear;
      const row: Record<string, number> = { year: startYear + i, constant: plan.constantPerYear, cumulative_constant: cumulativeConstant };
      if (plan.growing) {
        const amount = plan.growing.schedule[i].amount;
        cumulativeGrowing += amount;
        row.growing = amount;
        row.cumulative_growing = cumulativeGrowing;
      }
      return row;
    }),
  };
  const notes = [
    plan.met ? `nothing remains: ${deployed} ≥ ${total}` : `(${total} − ${deployed}) / ${plan.years} years = ${fmt(plan.constantPerYear, 4)} a year`,
    ...(plan.growing?.metWithoutGrowth ? [`a constant ${plan.growing.firstYearAmount} a year already reaches the total: no growth needed`] : []),
    'amounts are in the unit of --fund-total (e.g. RMB bn for Big Fund III: registered capital 344, datasets/funds.csv)',
  ];
  return { report: makeReport('goal', [summary, schedule], notes, []) };
}

const fmt = (n: number, digits = 2) => String(Number(n.toFixed(digits)));
