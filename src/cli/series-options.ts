// The options of the commands that read a long CSV of series (forecast, backtest): FILE, --id, --time,
// --value, --delimiter, --decimal, --fill, --shard, and --jobs.
import { readSeriesFile, type ReadSeriesOptions, type SeriesSet } from '../data/series.js';
import { parseShard } from '../data/shard.js';
import { usageError } from '../errors.js';
import { parseNumberArg } from './args.js';
import { parseEncoding } from '../data/encoding.js';

/** Reads the FILE argument with the shared column options (--id, --time, --value, --delimiter, --decimal, --fill). */
export async function readSeriesArg(file: string | undefined, opts: Record<string, unknown>): Promise<SeriesSet> {
  return readSeriesFile(...seriesArg(file, opts));
}

/** The FILE argument and how to read it, from the shared column options. */
export function seriesArg(file: string | undefined, opts: Record<string, unknown>): [string, ReadSeriesOptions] {
  if (file === undefined) throw usageError('missing FILE; expected a CSV with one row per series and year');
  const decimal = opts.decimal === undefined ? '.' : String(opts.decimal);
  if (decimal !== '.' && decimal !== ',') throw usageError(`--decimal '${decimal}'; expected . or ,`);
  const delimiter = opts.delimiter === undefined ? ',' : String(opts.delimiter) === '\\t' ? '\t' : String(opts.delimiter);
  if (delimiter.length !== 1) throw usageError(`--delimiter '${delimiter}'; expected one character such as ; or \\t`);
  if (decimal === ',' && delimiter === ',') throw usageError('--decimal , needs another --delimiter (such as ;)');
  const fill = opts.fill === undefined ? 'none' : String(opts.fill);
  if (fill !== 'none' && fill !== 'linear') throw usageError(`--fill '${fill}'; expected none or linear`);
  const shard = opts.shard === undefined ? undefined : parseShard(String(opts.shard));
  if (shard !== undefined && opts.id === undefined) throw usageError('--shard needs --id: shards split the series by id');
  return [
    file,
    {
      columns: { id: opts.id as string | undefined, time: String(opts.time ?? 'year'), value: String(opts.value ?? 'value') },
      delimiter,
      numbers: { decimal: decimal as '.' | ',' },
      fill: fill as 'none' | 'linear',
      shard,
      encoding: opts.encoding === undefined ? undefined : parseEncoding(String(opts.encoding)),
    },
  ];
}

/** --jobs: a number of worker threads, or auto (all cores, when there are enough series to share). */
export function parseJobs(value: unknown): number | 'auto' {
  if (value === undefined || String(value) === 'auto') return 'auto';
  return parseNumberArg(String(value), '--jobs', { integer: true, min: 1, max: 256 });
}
