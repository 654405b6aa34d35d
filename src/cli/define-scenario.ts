// Commands of scenarios, Monte Carlo and goal seeking, declared here next to their options:
// `scenario`, `goal` and `shares`.
import { Option, type Command } from 'commander';
import { collect, examples, withData, withOutput, type Act } from './program.js';

const simulationOptions = (cmd: Command) =>
  cmd
    .option('--simulate <n>', 'Monte Carlo: simulate N paths drawing the uncertain assumptions')
    .option('--seed <s>', 'seed of the simulation (0–4294967295); one is chosen and printed when not given')
    .option('--percentiles <list>', 'percentiles reported per year, e.g. 10,50,90 (default 5,25,50,75,95)');

export function defineScenarioCommands(program: Command, act: Act): void {
  examples(
    withOutput(
      withData(
        simulationOptions(
          program
            .command('scenario')
            .description('named scenarios (bear, base, bull) side by side: point paths, or with --simulate percentile bands and the odds of each target')
            .argument('[names...]', 'scenarios to run (default: all in the file)')
            .option('--file <csv>', 'a scenario file in the shape of datasets/scenarios.csv (default: scenarios.csv of --data, else the bundled one; - reads standard input)')
            .option('--series <names>', 'only these series (comma-separated), e.g. mature_share,china_wpm')
            .option('--through <year>', 'last year of the paths (targets later than this are still assessed)', '2030')
            .option('--set <key=value>', 'override an assumption (repeatable): SCENARIO.SERIES.ASSUMPTION=VALUE, SCENARIO may be *', collect, []),
        ),
      ),
    ),
    [
      'semicap scenario',
      'semicap scenario base bull --series mature_share',
      'semicap scenario --set base.mature_share.growth_pct=7 --set "*.fund_deployment.step=25"',
      'semicap scenario --simulate 100000 --seed 42',
      'semicap scenario base --simulate 20000 --seed 7 --percentiles 10,50,90 --format csv --out bands.csv',
      'semicap scenario --simulate 10000 --seed 1 --format csv --table targets',
    ],
  ).action(act(async () => (await import('./commands/scenario.js')).scenario));

  examples(
    withOutput(
      withData(
        simulationOptions(
          program
            .command('goal')
            .description('goal seeking: the compound and linear growth a target needs, when a path reaches it, its probability; or the yearly deployment a fund total needs')
            .option('--current <year=value>', 'where the series stands, e.g. 2025=40% (a % sign marks a share)')
            .option('--target <year=value>', 'the target, e.g. 2030=100%')
            .option('--rate <pct>', 'the current path: compound growth in %/yr')
            .option('--step <x>', 'the current path: linear step per year (percentage points for shares)')
            .option('--scenario <name.series>', "the current path from a scenario's series, e.g. base.self_sufficiency")
            .option('--rate-sd <pct>', 'with --simulate: standard deviation of the compound rate (%/yr)')
            .option('--step-sd <x>', 'with --simulate: standard deviation of the linear step')
            .addOption(new Option('--draw <mode>', 'with --simulate: draw the rate once per path or anew every year').choices(['once', 'yearly']).default('once'))
            .option('--through <year>', 'horizon for "year reached" (default: 20 years after the target)')
            .option('--fund-total <amount>', 'funds: the total to deploy (e.g. 344 for Big Fund III, RMB bn)')
            .option('--deployed <amount>', 'funds: already deployed', '0')
            .option('--from <year>', 'funds: first deployment year')
            .option('--to <year>', 'funds: last deployment year')
            .option('--growth <pct>', 'funds: yearly amounts grow at this %/yr (gives the first year\'s amount)')
            .option('--first-year <amount>', 'funds: the first year\'s amount (gives the growth the total needs)'),
        ),
      ),
    ),
    [
      'semicap goal --current 2025=40% --target 2030=100%',
      'semicap goal --current 2025=40% --target 2030=100% --rate 15',
      'semicap goal --current 2025=40% --target 2030=100% --rate 15 --simulate 100000 --seed 1 --rate-sd 5',
      'semicap goal --scenario base.mature_share --target 2030=50%',
      'semicap goal --fund-total 344 --deployed 164 --from 2025 --to 2034',
      'semicap goal --fund-total 344 --deployed 164 --from 2025 --to 2034 --growth 10 --format csv',
    ],
  ).action(act(async () => (await import('./commands/goal.js')).goal));

  examples(
    withOutput(
      withData(
        program
          .command('shares')
          .description("regions' shares of one capacity segment projected together so they add up to 100 % every year, each within 0–100 %")
          .option('--segment <segment>', 'capacity segment, e.g. foundry, mature, wafer_300mm', 'foundry')
          .option('--source <source_id>', 'use this source\'s figures (default: the source with the most regions having two or more years)')
          .option('--region <names>', 'only these regions (comma-separated); the rest of the world is the remainder')
          .option('--through <year>', 'last year', '2030')
          .option('--from <year>', 'first year (default: the first anchor year)')
          .addOption(new Option('--method <method>', 'cagr: shares as capacities growing at compound rates, divided by the total; linear: constant steps').choices(['cagr', 'linear']).default('cagr')),
      ),
    ),
    ['semicap shares --segment foundry --through 2030', 'semicap shares --segment wafer_300mm --source semi_300mm_2022_10', 'semicap shares --segment mature --method linear --format csv'],
  ).action(act(async () => (await import('./commands/shares.js')).shares));
}
