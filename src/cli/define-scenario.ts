// Commands of scenarios, Monte Carlo and goal seeking, declared here next to their options:
// `scenario`, `goal` and `shares`.
import type { Command } from 'commander';
import { goalOptions, scenarioOptions, sharesOptions } from './command-options.js';
import { withOptions } from './options.js';
import { examples, withData, withOutput, type Act } from './program.js';

export function defineScenarioCommands(program: Command, act: Act): void {
  const scenario = scenarioOptions();
  examples(
    withOutput(
      withData(
        withOptions(
          program
            .command('scenario')
            .description('named scenarios (bear, base, bull) side by side: point paths, or with --simulate percentile bands and the odds of each target')
            .argument('[names...]', 'scenarios to run (default: all in the file)'),
          scenario,
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
  ).action(act(async () => (await import('./commands/scenario.js')).scenario, scenario));

  const goal = goalOptions();
  examples(
    withOutput(
      withData(
        withOptions(
          program
            .command('goal')
            .description('goal seeking: the compound and linear growth a target needs, when a path reaches it, its probability; or the yearly deployment a fund total needs'),
          goal,
        ),
      ),
    ),
    [
      'semicap goal --current 2025=40% --target 2030=100%',
      'semicap goal --current 2025=40% --target 2030=100% --rate 15',
      'semicap goal --current 2025=40% --target 2030=100% --rate 15 --simulate 100000 --seed 1 --rate-sd 5',
      'semicap goal --scenario base.mature_share --target 2030=50%',
      'semicap goal --fund-total 344 --deployed 164 --deploy-from 2025 --deploy-to 2034',
      'semicap goal --fund-total 344 --deployed 164 --deploy-from 2025 --deploy-to 2034 --growth 10 --format csv',
    ],
  ).action(act(async () => (await import('./commands/goal.js')).goal, goal));

  const shares = sharesOptions();
  examples(
    withOutput(
      withData(
        withOptions(
          program
            .command('shares')
            .description("regions' shares of one capacity segment projected together so they add up to 100 % every year, each within 0–100 %"),
          shares,
        ),
      ),
    ),
    ['semicap shares --segment foundry --through 2030', 'semicap shares --segment wafer_300mm --source semi_300mm_2022_10', 'semicap shares --segment mature --method linear --format csv'],
  ).action(act(async () => (await import('./commands/shares.js')).shares, shares));
}
