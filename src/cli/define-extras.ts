// Commands of reports, CI checks and shell completion are declared here, next to their options.
import type { Command } from 'commander';
import { reportOptions } from './command-options.js';
import { withOptions } from './options.js';
import { reportOutputOptions } from './output-options.js';
import { examples, withData, withOutput, type Act } from './program.js';

export function defineExtraCommands(program: Command, act: Act): void {
  const report = reportOptions();
  const { format, wide, ...csv } = reportOutputOptions();
  examples(
    withData(
      withOptions(
        withOptions(
          program
            .command('report')
            .description('run the standard analyses and write a folder: summary.md, one CSV per table, report.json, SVG charts, index.html'),
          // --out first, as before; --timestamp is parsed from the same table, declared after --format.
          { out: report.out },
        )
          .addOption(format.option)
          .addOption(wide.option)
          .addOption(report.timestamp.option),
        // The CSV dialect of the files written (output-options.ts reportOutputOptions).
        csv,
      ),
    ),
    ['semicap report --out report/', 'semicap report --out report/ --data examples/my-data/ --lang zh', 'semicap report --out report/ --locale fr', 'semicap report --out report/ && cat report/summary.md >> "$GITHUB_STEP_SUMMARY"'],
  ).action(act(async () => (await import('./commands/report.js')).report, report));

  examples(
    withOutput(
      withData(
        program
          .command('check')
          .description('evaluate the rules of a CSV file against the datasets and projections; exit 1 if any fails (a CI gate)')
          .argument('<rules.csv>', "rules: rule,metric,selector,op,value,unit (see docs/ci.md); '-' reads them from standard input"),
      ),
    ),
    ['semicap check docs/rules.example.csv', 'semicap check docs/rules.example.csv --data examples/my-data/', 'semicap check docs/rules.example.csv --format md >> "$GITHUB_STEP_SUMMARY"'],
  ).action(act(async () => (await import('./commands/check.js')).check));

  examples(
    program
      .command('completion')
      .description('print a shell completion script')
      .argument('<shell>', 'bash, zsh or fish'),
    ['source <(semicap completion bash)      # in ~/.bashrc', 'source <(semicap completion zsh)       # in ~/.zshrc', 'semicap completion fish > ~/.config/fish/completions/semicap.fish'],
  ).action(
    act(async () => {
      const { completion } = await import('./commands/completion.js');
      return (args) => completion(program, args);
    }),
  );
}
