// What a command receives and returns. Commands never print or exit: they return a report (and the files
// they read, so that --out can refuse to overwrite one of them); main.ts renders and writes it.
import type { CsvDecimal, CsvDelimiter } from '../report/csv.js';
import type { Lang } from '../report/i18n.js';
import type { Format, Report } from '../report/model.js';
import type { ResolvedSettings } from './config.js';

export interface OutputOptions {
  format: Format;
  out?: string;
  /** Which table to write when the format holds one table (CSV) and the report has several. */
  table?: string;
  /** CSV with BOM and CRLF for Excel. */
  excel: boolean;
  /** --excel CSV: field delimiter and decimal mark (default , and .). */
  delimiter?: CsvDelimiter;
  decimal?: CsvDecimal;
  /** Neutralise formula-like text cells in CSV (default on; --raw-text turns it off). */
  neutralise: boolean;
}

export interface GlobalOptions extends OutputOptions {
  data?: string;
  color: boolean;
  debug: boolean;
  quiet: boolean;
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

/** Every global option, resolved (flags > environment > config files > defaults): what each command receives. */
export type Globals = GlobalOptions & ExtraGlobals;

export interface CommandResult {
  report: Report;
  /** Non-zero when the command ran but something was not right (a failed check, skipped series). */
  exitCode?: number;
  /** Files the command read: never overwritten by --out. */
  inputs?: string[];
  /** Messages for stderr (skipped series, which source was used). */
  messages?: string[];
  /** Older option spellings the run used: one note each on stderr, before the output. */
  deprecations?: string[];
  /** Options given that have no effect in this run: one warning each on stderr, before the output. */
  optionWarnings?: string[];
}
