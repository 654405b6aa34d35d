// The command surface, declared in one place: names, arguments, options, help with examples. Each action
// loads its implementation on demand (keeps `--version` and `--help` fast) and hands the result back.
import { Command, Option } from 'commander';
import { usageError } from '../errors.js';
import type { Lang } from '../report/i18n.js';
import { resolveSettings, type ResolvedSettings } from './config.js';
import type { CommandResult, GlobalOptions } from './context.js';
import { defineExtraCommands } from './define-extras.js';
import { defineForecastCommands, intervalsOption } from './define-forecast.js';
import { defineScenarioCommands } from './define-scenario.js';

type OnResult = (result: CommandResult, opts: GlobalOptions) => Promise<void>;

const collect = (value: string, previous: string[] = []) => [...previous, value];

/** The output options every command takes. */
function withOutput(cmd: Command, formats: readonly string[] = ['table', 'csv', 'json', 'md', 'xlsx']): Command {
  return cmd
    .addOption(new Option('-f, --format <format>', 'output format').choices(formats).default('table'))
    .option('-o, --out <file>', 'write to FILE (atomically) instead of stdout')
    .option('--table <name>', 'with --format csv: which table of the report to write (default: the first)')
    .option('--excel', 'CSV for Excel: UTF-8 byte-order mark and CRLF line ends', false)
    .option('--raw-text', 'CSV: do not neutralise text cells that start with = + - @ (formula injection guard)', false)
    .option('--chart', 'also draw the series as a line chart in the terminal (after the table)', false)
    .option('--chart-out <file.svg>', 'write the chart as a self-contained SVG file')
    .option('--ascii', 'charts in plain ASCII (automatic when the locale is not UTF-8)', false)
    .option('--wide', 'tables at their full width, however wide (default: fitted to the terminal, COLUMNS or 80 columns)', false);
}

const withData = (cmd: Command) => cmd.option('-d, --data <dir>', 'folder of datasets to use instead of the bundled ones');

function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

export type Implementation = (args: string[], opts: Record<string, unknown>, g: GlobalOptions) => Promise<CommandResult> | CommandResult;

/** An action that loads a command's implementation on demand, runs it and hands the result on. */
export function makeAction(program: Command, onResult: OnResult) {
  return (load: () => Promise<Implementation>) =>
    async function (this: Command, ...params: unknown[]) {
      const cmd = this;
      const g = globalOptions(program, cmd);
      const args = (params.slice(0, cmd.registeredArguments.length) as (string | string[] | undefined)[]).flatMap((a) => (a === undefined ? [] : Array.isArray(a) ? a : [a]));
      const impl = await load();
      const result = await impl(args, cmd.opts(), g);
      // A --data folder is layered over the bundled datasets: say whose files were used and list the conflicts.
      if (g.data !== undefined && cmd.options.some((o) => o.long === '--data') && result.report.raw === undefined) {
        const { folderLayering, layeringNotes } = await import('../app/layering.js');
        const layering = folderLayering(g.data);
        if (layering) {
          const l = layeringNotes(layering);
          result.report.notes.push(...l.notes);
          result.report.warnings.push(...l.warnings);
        }
      }
      await onResult(result, g);
    };
}

export type Act = ReturnType<typeof makeAction>;
export { withOutput, withData, examples, collect };

export function defineCommands(program: Command, onResult: OnResult): void {
  const act = makeAction(program, onResult);

  examples(
    withOutput(withData(program.command('overview').description('the headline projections on the bundled data: mature-node share, funds, self-sufficiency'))),
    ['semicap overview', 'semicap overview --format md > summary.md'],
  ).action(act(async () => (await import('./commands/overview.js')).overview));

  examples(
    withOutput(
      program
        .command('project')
        .description('project a value through known points (anchors) by compound, linear or logistic growth, with empirical error bands measured on M3')
        .requiredOption('--from <year=value>', 'first anchor, e.g. 2023=29% (a % sign marks a share, bounded 0–100)')
        .requiredOption('--to <year=value>', 'last anchor, e.g. 2027=39%')
        .option('--via <year=value>', 'an anchor in between (repeatable): piecewise growth', collect, [])
        .option('--through <year>', 'last year to project to (default: 3 years after the last anchor)')
        .option('--method <names>', 'cagr, linear, logistic (comma-separated)', 'cagr,linear,logistic')
        .option('--cap <value>', 'upper bound: the logistic saturation level (default 100 for shares)')
        .option('--floor <value>', 'lower bound a path is held at, with a warning (default 0; none: no floor, for values that can be negative)')
        .option('--target <year=value>', 'also report what it takes to reach VALUE by YEAR and when each path gets there'),
    ),
    [
      'semicap project --from 2023=29% --to 2027=39% --through 2030',
      'semicap project --from 2023=29% --to 2027=39% --through 2035 --method logistic --cap 60',
      'semicap project --from 2025=40% --to 2030=100% --method cagr,linear',
      'semicap project --from 2022=714000 --via 2023=805500 --to 2025=1058750 --through 2028 --method cagr,linear --format csv',
    ],
  ).action(act(async () => (await import('./commands/project.js')).project));

  examples(
    withOutput(
      withData(
        program
          .command('capacity')
          .description("mature-node capacity share projections from the bundled data, or capacity in wafers per month (--metric wpm)")
          .addOption(new Option('--metric <metric>', 'share (percent of global capacity) or wpm (wafers per month)').choices(['share', 'wpm']).default('share'))
          .option('--region <region>', 'region (share) or entity (wpm), e.g. china, taiwan, smic', undefined)
          .option('--segment <segment>', 'segment, e.g. mature, foundry, advanced, all_fabs', undefined)
          .option('--source <source_id>', 'use only figures from this source (see semicap datasets)')
          .option('--through <year>', 'project to this year', '2030')
          .option('--method <names>', 'anchored: cagr, linear, logistic; with --metric wpm also fitted to the history: ets, theta, arima, auto, ... (comma-separated)', 'cagr,linear,logistic')
          .option('--level <levels>', 'prediction interval levels of fitted methods, in percent', '80,95')
          .option('--seed <n>', 'seed for simulated intervals', '42')
          .addOption(intervalsOption())
          .addOption(new Option('--unit <unit>', 'with --metric wpm: output unit').choices(['wpm_8in_eq', 'wpm_12in'])),
      ),
    ),
    [
      'semicap capacity',
      'semicap capacity --source trendforce_2023_10',
      'semicap capacity --region taiwan --through 2030 --method linear',
      'semicap capacity --metric wpm --region smic',
      'semicap capacity --metric wpm --region china --unit wpm_12in --format csv',
      'semicap capacity --metric wpm --region smic --method cagr,drift,auto --through 2028',
    ],
  ).action(act(async () => (await import('./commands/capacity.js')).capacity));

  examples(
    withOutput(
      withData(
        program
          .command('revisions')
          .description("how a publisher's forecast moved from release to release: every release side by side by release date, each revision's move, each forecast's miss against the actual that arrived later")
          .option('--publisher <name>', 'publisher (part of sources.csv publisher, any case)', 'trendforce')
          .addOption(new Option('--measure <measure>', 'share (a region\'s share of a capacity segment) or self_sufficiency (a scope)').choices(['share', 'self_sufficiency']).default('share'))
          .option('--region <region>', 'with --measure share: region', 'china')
          .option('--segment <segment>', 'with --measure share: capacity segment', 'mature')
          .option('--scope <scope>', 'with --measure self_sufficiency: series', 'ic_production_in_china'),
      ),
    ),
    [
      'semicap revisions',
      'semicap revisions --publisher trendforce --region taiwan --segment mature',
      'semicap revisions --chart',
      'semicap revisions --format csv --table moves',
      'semicap revisions --measure self_sufficiency --publisher "ic insights"',
    ],
  ).action(act(async () => (await import('./commands/revisions.js')).revisions));

  examples(
    withOutput(
      withData(
        program
          .command('funds')
          .description('funds and support packages in CNY and USD, ranges kept as low–high, cumulative totals, the US CHIPS Act beside them')
          .option('--fx-year <year>', 'convert every figure at this year\'s average CNY/USD rate (default: each figure at its own year\'s average; a year without one uses the nearest, and says so)')
          .option('--fund <fund>', 'only this fund (e.g. big_fund, support_package_2025, chips_act)'),
      ),
    ),
    ['semicap funds', 'semicap funds --fx-year 2025', 'semicap funds --fund big_fund --format json', 'semicap funds --format csv --table totals'],
  ).action(act(async () => (await import('./commands/funds.js')).funds));

  examples(
    withOutput(
      withData(
        program
          .command('self-sufficiency')
          .description('self-sufficiency history and targets: the gap to each target, the growth each needs, the year the current path gets there')
          .option('--scope <scope>', 'history series to use', 'ic_production_in_china')
          .option('--through <year>', 'horizon for "year reached"', '2040')
          .option('--current <year=value>', 'override the current level, e.g. 2025=40%')
          .option('--target <year=value>', 'an extra target to assess (repeatable), e.g. 2030=100%', collect, [])
          .option('--method <names>', 'statistical methods to fit to the history with intervals, e.g. ets,theta,auto (the compound and linear current path is always shown)')
          .option('--level <levels>', 'prediction interval levels of fitted methods, in percent', '80,95')
          .option('--seed <n>', 'seed for simulated intervals', '42')
          .addOption(intervalsOption()),
      ),
    ),
    ['semicap self-sufficiency', 'semicap self-sufficiency --current 2025=40% --target 2030=100%', 'semicap self-sufficiency --method ets,auto --through 2030', 'semicap self-sufficiency --format csv --out gaps.csv'],
  ).action(act(async () => (await import('./commands/self-sufficiency.js')).selfSufficiency));

  examples(
    withOutput(
      withData(
        program
          .command('claims')
          .description("check an article's claims against the sourced figures: supported, supported_with_caveat, conflicts or no_source, with the reason")
          .argument('[file]', 'claims CSV (default: the bundled datasets/claims.csv, the claims of the article semicap grew from)')
          .option('--fail-on <verdicts>', 'exit 1 when any claim gets one of these verdicts (comma-separated), e.g. conflicts,no_source')
          .option('--headlines', "only the claims marked headline=yes", false),
      ),
    ),
    ['semicap claims', 'semicap claims --lang zh', 'semicap claims examples/claims.example.csv', 'semicap claims --fail-on conflicts --format md'],
  ).action(act(async () => (await import('./commands/claims.js')).claims));

  examples(
    withOutput(
      withData(
        program
        .command('validate')
        .description('check datasets and scenarios.csv (the bundled ones by default; a folder may hold only some files, layered over the bundled ones); exit 65 on any error')
        .argument('[paths...]', 'dataset folders or CSV files (default: --data, else the bundled folder)')
        .option('--max-age <years>', 'warn (stderr, exit unchanged) about series whose newest source is older than YEARS (today: SEMICAP_TODAY=YYYY-MM-DD or the clock)'),
      ),
    ),
    ['semicap validate', 'semicap validate examples/my-data/', 'semicap validate examples/my-data/capacity_share.csv', 'semicap validate examples/my-data/scenarios.csv', 'semicap validate --max-age 2'],
  ).action(act(async () => (await import('./commands/validate.js')).validate));

  examples(
    withOutput(withData(program.command('datasets').description('what is bundled: files, rows, sources').option('--sources', 'list every source instead of the files', false))),
    ['semicap datasets', 'semicap datasets --sources --format csv'],
  ).action(act(async () => (await import('./commands/datasets.js')).datasets));

  defineForecastCommands(program, act);

  defineScenarioCommands(program, act);
  defineExtraCommands(program, act);
}

export function globalOptions(program: Command, cmd: Command): GlobalOptions & ExtraGlobals {
  const o = cmd.optsWithGlobals() as Record<string, unknown>;
  // Flags > SEMICAP_* environment > project config > user config > locale > defaults (src/cli/config.ts).
  for (const [key, option] of [['out', '--out'], ['chartOut', '--chart-out'], ['data', '--data'], ['file', '--file']] as const) {
    if (o[key] === '') throw usageError(`${option} is empty; expected a ${key === 'data' ? 'folder' : 'file'} name`);
  }
  const s = resolveSettings(program, cmd, process.env, process.cwd());
  return {
    format: s.format as GlobalOptions['format'],
    out: o.out as string | undefined,
    table: o.table as string | undefined,
    excel: Boolean(o.excel),
    neutralise: o.rawText !== true,
    data: s.data,
    color: s.color,
    debug: Boolean(program.opts().debug),
    quiet: Boolean(program.opts().quiet),
    chart: o.chart === true,
    chartOut: o.chartOut as string | undefined,
    ascii: s.ascii,
    lang: s.lang,
    verbose: Boolean(program.opts().verbose),
    wide: o.wide === true,
    settings: s,
  };
}

/** Options carried next to the GlobalOptions: charts, language, verbosity, where settings came from. */
export interface ExtraGlobals {
  chart: boolean;
  chartOut?: string;
  ascii: boolean;
  lang: Lang;
  verbose: boolean;
  wide: boolean;
  settings: ResolvedSettings;
}
