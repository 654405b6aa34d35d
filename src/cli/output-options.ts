// The options every command shares, as tables like command-options.ts: global options, output options (--format,
// --out, --table, CSV dialect, charts), report's own and --data, parsed into the one typed Globals; config.ts then
// resolves format, data, lang, color and ascii against SEMICAP_* and the config files.
import { FORMATS, type Format } from '../report/model.js';
import { LANGS } from '../report/i18n.js';
import { DECIMAL_HELP, DELIMITER_HELP, LOCALE_HELP } from './csv-options.js';
import { choice, flag, negated, type SettingsOf, text } from './options.js';

/** The program's own options (before the command name): colour, stack traces, messages, language. */
export const programOptions = () => ({
  color: negated('--no-color', 'no colour codes (also NO_COLOR=1)'),
  debug: flag('--debug', 'print stack traces of internal errors', false),
  quiet: flag('-q, --quiet', 'no messages on stderr except errors', false),
  verbose: flag('--verbose', 'extra diagnostics on stderr: settings and where they came from, timings', false),
  lang: choice('--lang <lang>', 'language of headings, titles and messages (default: SEMICAP_LANG, config, LANG)', LANGS),
});
export type ProgramFlags = SettingsOf<ReturnType<typeof programOptions>>;

/** The output options every command takes; `--delimiter` and `--decimal` are FILE's in forecast and backtest. */
export const outputOptions = (formats: readonly Format[] = FORMATS) => ({
  format: choice('-f, --format <format>', 'output format', formats, 'table'),
  out: text('-o, --out <file>', 'write to FILE (atomically) instead of stdout'),
  table: text('--table <name>', 'with --format csv: which table of the report to write (default: the first)'),
  excel: flag('--excel', 'CSV for Excel: UTF-8 byte-order mark and CRLF line ends', false),
  locale: text('--locale <code>', LOCALE_HELP),
  delimiter: text('--delimiter <char>', DELIMITER_HELP),
  decimal: text('--decimal <char>', DECIMAL_HELP),
  rawText: flag('--raw-text', 'CSV: do not neutralise text cells that start with = + - @ (formula injection guard)', false),
  chart: flag('--chart', 'also draw the series as a line chart in the terminal (after the table)', false),
  chartOut: text('--chart-out <file.svg>', 'write the chart as a self-contained SVG file'),
  ascii: flag('--ascii', 'charts in plain ASCII (automatic when the locale is not UTF-8)', false),
  wide: flag('--wide', 'tables at their full width, however wide (without it: fitted to the terminal, COLUMNS or 80 columns)', false),
});
/** The output options as given, each parsed and its default applied (before SEMICAP_* and config files). */
export type OutputFlags = SettingsOf<ReturnType<typeof outputOptions>>;

/** `report`'s output options: it writes a folder of CSV files (its --out), and lists them on stdout in --format. */
export const reportOutputOptions = () => ({
  format: choice('-f, --format <format>', 'format of the list of written files on stdout', ['table', 'csv', 'json', 'md'] as const, 'table'),
  wide: flag('--wide', 'the list of files at its full width, however wide (without it: fitted to the terminal, COLUMNS or 80 columns)', false),
  excel: flag('--excel', 'CSV files for Excel: UTF-8 byte-order mark and CRLF line ends', false),
  locale: text('--locale <code>', LOCALE_HELP),
  delimiter: text('--delimiter <char>', DELIMITER_HELP),
  decimal: text('--decimal <char>', DECIMAL_HELP),
  rawText: flag('--raw-text', 'CSV: do not neutralise text cells that start with = + - @', false),
});

/** --data: a folder of datasets layered over the bundled ones. */
export const dataOptions = () => ({
  data: text('-d, --data <dir>', 'folder of datasets to use instead of the bundled ones'),
});
