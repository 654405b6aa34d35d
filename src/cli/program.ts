// The command surface, declared in one place: names, arguments, options, help with examples. Each action
// loads its implementation on demand (keeps `--version` and `--help` fast) and hands the result back.
import type { Command } from 'commander';
import { isSemicapError, usageError } from '../errors.js';
import { say } from '../messages.js';
import { FORMATS, type Format } from '../report/model.js';
import { resolveSettings } from './config.js';
import { capacityOptions, claimsOptions, datasetsOptions, fundsOptions, projectOptions, revisionsOptions, selfSufficiencyOptions, validateOptions } from './command-options.js';
import type { CommandResult, ExtraGlobals, Globals } from './context.js';
import { csvOutputOptions, excelIgnored } from './csv-options.js';
import { defineExtraCommands } from './define-extras.js';
import { defineForecastCommands } from './define-forecast.js';
import { defineScenarioCommands } from './define-scenario.js';
import { dataOptions, outputOptions, programOptions } from './output-options.js';
import { given, settingsOf, withOptions, type OptionTable, type SettingsOf } from './options.js';

type OnResult = (result: CommandResult, opts: Globals) => Promise<void>;

/** The output options every command takes (output-options.ts). */
function withOutput(cmd: Command, formats: readonly Format[] = FORMATS): Command {
  // forecast and backtest have --delimiter and --decimal for FILE already: with --excel they shape the output too.
  const readsCsv = cmd.options.some((o) => o.long === '--delimiter');
  if (readsCsv) readsCsvFile.add(cmd);
  const table: OptionTable = outputOptions(formats);
  return withOptions(cmd, readsCsv ? Object.fromEntries(Object.entries(table).filter(([key]) => key !== 'delimiter' && key !== 'decimal')) : table);
}

/** Commands whose --delimiter and --decimal describe their input FILE (see withOutput). */
const readsCsvFile = new WeakSet<Command>();

const withData = (cmd: Command) => withOptions(cmd, dataOptions());

function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

/** A command: its arguments, its settings (typed by its option table, parsed, defaults applied) and the global options. */
export type Implementation<S = Record<string, never>> = (args: string[], settings: S, g: Globals) => Promise<CommandResult> | CommandResult;

/** An action that loads a command's implementation on demand, runs it with its table's settings and hands the result on. */
export function makeAction(program: Command, onResult: OnResult) {
  return <T extends OptionTable = Record<string, never>>(load: () => Promise<Implementation<SettingsOf<T>>>, table?: T) =>
    async function (this: Command, ...params: unknown[]) {
      const cmd = this;
      const g = globalOptions(program, cmd);
      const args = params.slice(0, cmd.registeredArguments.length).flatMap((a) => (Array.isArray(a) ? a.filter(given) : given(a) ? [a] : []));
      const { settings, deprecations } = settingsOf(cmd, table ?? ({} as T));
      const impl = await load();
      let result: CommandResult;
      try {
        result = await impl(args, settings, g);
      } catch (e) {
        // An error that names an option by its new name, when the user typed the older one: say so on the same line.
        if (deprecations.length > 0 && isSemicapError(e)) e.message += ` (${deprecations.join('; ')})`;
        throw e;
      }
      if (deprecations.length > 0) result.deprecations = deprecations;
      const ignored = excelIgnored(g.excel, g.format, { writesCsv: writesCsv(cmd, g.format) });
      if (ignored !== undefined) result.optionWarnings = [ignored];
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
export { withOutput, withData, examples };

export function defineCommands(program: Command, onResult: OnResult): void {
  const act = makeAction(program, onResult);

  examples(
    withOutput(withData(program.command('overview').description('the headline projections on the bundled data: mature-node share, funds, self-sufficiency'))),
    ['semicap overview', 'semicap overview --format md > summary.md'],
  ).action(act(async () => (await import('./commands/overview.js')).overview));

  const project = projectOptions();
  examples(
    withOutput(
      withOptions(
        program
          .command('project')
          .description('project a value through known points (anchors) by compound, linear or logistic growth, with empirical error bands measured on M3'),
        project,
      ),
    ),
    [
      'semicap project --from 2023=29% --to 2027=39% --through 2030',
      'semicap project --from 2023=29% --to 2027=39% --through 2035 --method logistic --cap 60',
      'semicap project --from 2025=40% --to 2030=100% --method cagr,linear',
      'semicap project --from 2022=714000 --via 2023=805500 --to 2025=1058750 --through 2028 --method cagr,linear --format csv',
    ],
  ).action(act(async () => (await import('./commands/project.js')).project, project));

  const capacity = capacityOptions();
  examples(
    withOutput(
      withData(
        withOptions(
          program.command('capacity').description("mature-node capacity share projections from the bundled data, or capacity in wafers per month (--metric wpm)"),
          capacity,
        ),
      ),
    ),
    [
      'semicap capacity',
      'semicap capacity --source trendforce_2023_10',
      'semicap capacity --region taiwan --through 2030 --method linear',
      'semicap capacity --metric wpm --region smic',
      'semicap capacity --metric wpm --region china --unit wpm_12in --format csv',
      'semicap capacity --format csv --locale de --out capacity-de.csv    for a German Excel: ";" and a decimal comma',
      'semicap capacity --format csv --excel --delimiter ";" --decimal , --table inputs',
      'semicap capacity --metric wpm --region smic --method cagr,drift,auto --through 2028',
    ],
  ).action(act(async () => (await import('./commands/capacity.js')).capacity, capacity));

  const revisions = revisionsOptions();
  examples(
    withOutput(
      withData(
        withOptions(
          program
            .command('revisions')
            .description("how a publisher's forecast moved from release to release: every release side by side by release date, each revision's move, each forecast's miss against the actual that arrived later"),
          revisions,
        ),
      ),
    ),
    [
      'semicap revisions',
      'semicap revisions --publisher trendforce --region taiwan --segment mature',
      'semicap revisions --chart',
      'semicap revisions --format csv --table moves',
      'semicap revisions --measure self_sufficiency --publisher "ic insights"',
    ],
  ).action(act(async () => (await import('./commands/revisions.js')).revisions, revisions));

  const funds = fundsOptions();
  examples(
    withOutput(
      withData(
        withOptions(program.command('funds').description('funds and support packages in CNY and USD, ranges kept as low–high, cumulative totals, the US CHIPS Act beside them'), funds),
      ),
    ),
    ['semicap funds', 'semicap funds --fx-year 2025', 'semicap funds --fund big_fund --format json', 'semicap funds --format csv --table totals'],
  ).action(act(async () => (await import('./commands/funds.js')).funds, funds));

  const selfSufficiency = selfSufficiencyOptions();
  examples(
    withOutput(
      withData(
        withOptions(
          program
            .command('self-sufficiency')
            .description('self-sufficiency history and targets: the gap to each target, the growth each needs, the year the current path gets there'),
          selfSufficiency,
        ),
      ),
    ),
    ['semicap self-sufficiency', 'semicap self-sufficiency --current 2025=40% --target 2030=100%', 'semicap self-sufficiency --method ets,auto --look-to 2030', 'semicap self-sufficiency --format csv --out gaps.csv'],
  ).action(act(async () => (await import('./commands/self-sufficiency.js')).selfSufficiency, selfSufficiency));

  const claims = claimsOptions();
  examples(
    withOutput(
      withData(
        withOptions(
          program
            .command('claims')
            .description("check an article's claims against the sourced figures: supported, supported_with_caveat, conflicts or no_source, with the reason")
            .argument('[file]', 'claims CSV (default: the bundled datasets/claims.csv, the claims of the article semicap grew from)'),
          claims,
        ),
      ),
    ),
    ['semicap claims', 'semicap claims --lang zh', 'semicap claims examples/claims.example.csv', 'semicap claims --fail-on conflicts --format md'],
  ).action(act(async () => (await import('./commands/claims.js')).claims, claims));

  const validate = validateOptions();
  examples(
    withOutput(
      withData(
        withOptions(
          program
            .command('validate')
            .description('check datasets and scenarios.csv (the bundled ones by default; a folder may hold only some files, layered over the bundled ones); exit 65 on any error')
            .argument('[paths...]', 'dataset folders or CSV files (default: --data, else the bundled folder)'),
          validate,
        ),
      ),
    ),
    ['semicap validate', 'semicap validate examples/my-data/', 'semicap validate examples/my-data/capacity_share.csv', 'semicap validate examples/my-data/scenarios.csv', 'semicap validate --max-age 2'],
  ).action(act(async () => (await import('./commands/validate.js')).validate, validate));

  const datasets = datasetsOptions();
  examples(
    withOutput(withData(withOptions(program.command('datasets').description('what is bundled: files, rows, sources'), datasets))),
    ['semicap datasets', 'semicap datasets --sources --format csv'],
  ).action(act(async () => (await import('./commands/datasets.js')).datasets, datasets));

  defineForecastCommands(program, act);

  defineScenarioCommands(program, act);
  defineExtraCommands(program, act);
}

/** Every global option parsed through its table (output-options.ts) and resolved: what each command receives. */
function globalOptions(program: Command, cmd: Command): Globals {
  // A path option given as '' (an unset shell variable, `--out "$OUT"`), before any value is parsed.
  const raw: Record<string, unknown> = cmd.optsWithGlobals();
  for (const [key, option] of [['out', '--out'], ['chartOut', '--chart-out'], ['data', '--data'], ['file', '--file']] as const) {
    if (raw[key] === '') throw usageError(say('error.emptyPathOption', { option, folder: key === 'data' ? 'yes' : 'no' }));
  }
  const p = settingsOf(program, programOptions()).settings;
  const o = settingsOf(cmd, outputOptions()).settings;
  const { data } = settingsOf(cmd, dataOptions()).settings;
  // Flags > SEMICAP_* environment > project config > user config > locale > defaults (src/cli/config.ts).
  const flags = { format: o.format, formatGiven: cmd.getOptionValueSource('format') === 'cli', formats: formatsOf(cmd), data, readsData: hasOption(cmd, '--data'), lang: p.lang, color: p.color, ascii: o.ascii };
  const s = resolveSettings(flags, process.env, process.cwd());
  return {
    format: s.format,
    out: o.out,
    table: o.table,
    ...csvOutputOptions(o, { writesCsv: writesCsv(cmd, s.format), readsCsv: readsCsvFile.has(cmd), given: (name) => cmd.getOptionValueSource(name) === 'cli' }),
    neutralise: !o.rawText,
    data: s.data,
    color: s.color,
    debug: p.debug,
    quiet: p.quiet,
    chart: o.chart,
    chartOut: o.chartOut,
    ascii: s.ascii,
    lang: s.lang,
    verbose: p.verbose,
    wide: o.wide,
    settings: s,
  };
}

const hasOption = (cmd: Command, long: string) => cmd.options.some((o) => o.long === long);

/** The formats a command's --format takes (none: it has no --format). */
function formatsOf(cmd: Command): readonly Format[] | undefined {
  const choices = cmd.options.find((o) => o.long === '--format')?.argChoices;
  return choices && FORMATS.filter((f) => choices.includes(f));
}

/** --format csv, or report, which writes CSV files whatever its --format (that shapes only the list on stdout). */
const writesCsv = (cmd: Command, format: Format) => format === 'csv' || cmd.name() === 'report';

export type { ExtraGlobals, Globals };
