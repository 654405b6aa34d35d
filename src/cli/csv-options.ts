// The CSV dialect options of every command that writes CSV: --excel, --locale, --delimiter, --decimal. Plain CSV
// is always RFC 4180 (`,` and `.`); --excel writes what a spreadsheet opens, in the dialect of its locale.
import { say } from '../messages.js';
import { usageError } from '../errors.js';
import type { CsvDecimal, CsvDelimiter } from '../report/csv.js';

export interface CsvOutputOptions {
  /** UTF-8 byte-order mark and CRLF line ends. */
  excel: boolean;
  delimiter?: CsvDelimiter;
  decimal?: CsvDecimal;
}

interface Dialect {
  delimiter: CsvDelimiter;
  decimal: CsvDecimal;
}

const COMMA_POINT: Dialect = { delimiter: ',', decimal: '.' };
const SEMICOLON_COMMA: Dialect = { delimiter: ';', decimal: ',' };
const SEMICOLON_POINT: Dialect = { delimiter: ';', decimal: '.' };

/**
 * Excel's list separator and decimal mark by default in a locale (Windows regional settings): where the decimal
 * mark is a comma, Excel splits CSV fields at `;`. A region is looked up first, then its language (keys in lower
 * case: the lookup folds case).
 */
const EXCEL_LOCALES: Readonly<Record<string, Dialect>> = {
  en: COMMA_POINT,
  zh: COMMA_POINT,
  ja: COMMA_POINT,
  ko: COMMA_POINT,
  'es-mx': COMMA_POINT,
  de: SEMICOLON_COMMA,
  fr: SEMICOLON_COMMA,
  es: SEMICOLON_COMMA,
  it: SEMICOLON_COMMA,
  nl: SEMICOLON_COMMA,
  pt: SEMICOLON_COMMA,
  da: SEMICOLON_COMMA,
  sv: SEMICOLON_COMMA,
  nb: SEMICOLON_COMMA,
  no: SEMICOLON_COMMA,
  fi: SEMICOLON_COMMA,
  pl: SEMICOLON_COMMA,
  cs: SEMICOLON_COMMA,
  ru: SEMICOLON_COMMA,
  tr: SEMICOLON_COMMA,
  'de-ch': SEMICOLON_POINT,
  'de-li': SEMICOLON_POINT,
};

export const LOCALE_HELP = 'CSV for the Excel of a locale (implies --excel): de, fr, es, it, nl, pt, pl, ru, … get ";" between fields and a decimal comma, de-CH ";" and a point, en, zh, ja, ko "," and a point';
export const DELIMITER_HELP = 'with --excel: field delimiter , ; or tab (";" for the Excel of comma-decimal locales)';
export const DECIMAL_HELP = 'with --excel: decimal mark in numbers, . or , (with --delimiter ";")';

/**
 * `de`, `de-AT`, `de_DE`, `DE` → the dialect of that Excel.
 * @example excelLocale('de-AT') // { delimiter: ';', decimal: ',' }
 */
export function excelLocale(code: string): Dialect {
  const tag = code.trim().toLowerCase().replace(/_/g, '-');
  const found = EXCEL_LOCALES[tag] ?? EXCEL_LOCALES[tag.split('-')[0]];
  if (found === undefined) {
    const known = Object.keys(EXCEL_LOCALES).map((k) => k.replace(/-(\w+)$/, (_, region: string) => `-${region.toUpperCase()}`));
    throw usageError(say('error.unknownLocale', { code, known: known.join(', ') }));
  }
  return found;
}

/** `;`, `,`, `tab`, `\t` (as typed) or a tab character. */
function parseCsvDelimiter(text: string, hint = ''): CsvDelimiter {
  if (text === 'tab' || text === '\\t' || text === '\t') return '\t';
  if (text === ',' || text === ';') return text;
  throw usageError(say('error.outDelimiter', { text, hint }));
}

function parseCsvDecimal(text: string): CsvDecimal {
  if (text === '.' || text === ',') return text;
  throw usageError(say('error.badDecimal', { text }));
}

/** The CSV dialect options as given (parsed by the output option table, output-options.ts). */
export interface CsvDialectFlags {
  excel: boolean;
  locale?: string;
  /** The output's (or, in forecast and backtest, FILE's) delimiter and decimal mark, as typed. */
  delimiter?: string;
  decimal?: string;
}

/** How the command was run: whether it writes CSV at all, and whether --delimiter/--decimal describe its input file. */
export interface CsvOptionContext {
  /** --format csv, or a command that writes CSV files whatever its --format (report). */
  writesCsv: boolean;
  /** forecast and backtest: --delimiter and --decimal describe FILE, and with --excel the output as well. */
  readsCsv: boolean;
  /** Whether the user gave the option (not its default). */
  given(name: 'delimiter' | 'decimal'): boolean;
}

/**
 * The CSV dialect of the output, from --excel, --locale, --delimiter and --decimal, or a usage error where they
 * cannot apply. --locale alone sets the delimiter and decimal mark; --delimiter and --decimal shape only --excel
 * CSV, so plain CSV stays RFC 4180 for programs.
 */
export function csvOutputOptions(o: CsvDialectFlags, ctx: CsvOptionContext): CsvOutputOptions {
  const excel = o.excel;
  const own = (['delimiter', 'decimal'] as const).filter((name) => ctx.given(name) && !ctx.readsCsv).map((name) => `--${name}`);
  if (o.locale !== undefined) {
    if (!ctx.writesCsv) throw usageError(say('error.localeCsvOnly'));
    if (own.length > 0) throw usageError(say('error.localeOrOwn', { own: own.join(' and ') }));
    return { excel: true, ...excelLocale(o.locale) };
  }
  if (own.length > 0 && !ctx.writesCsv) throw usageError(say('error.ownNeedsCsv', { own: own.join(' and '), count: own.length }));
  if (own.length > 0 && !excel) throw usageError(say('error.ownNeedsExcel', { own: own.join(' and '), count: own.length }));
  if (!excel) return { excel };
  // forecast and backtest: --excel writes in the dialect of FILE, unless --locale names another.
  const delimiter = o.delimiter === undefined ? ',' : parseCsvDelimiter(o.delimiter, ctx.readsCsv ? say('error.outDelimiterExcelHint') : '');
  const decimal = o.decimal === undefined ? '.' : parseCsvDecimal(o.decimal);
  if (decimal === ',' && delimiter === ',') throw usageError(say('error.decimalCommaDelimiter'));
  return { excel, delimiter, decimal };
}

/**
 * --excel shapes only the CSV written; with another --format it has no effect. A warning rather than an error, so
 * that scripts that pass --excel to every run keep working.
 */
export function excelIgnored(excel: boolean, format: string, ctx: Pick<CsvOptionContext, 'writesCsv'>): string | undefined {
  if (!excel || ctx.writesCsv) return undefined;
  return say('option.excelIgnored', { format });
}
