// How the commands that read a long CSV of series (forecast, backtest) read FILE: the column options (--id, --time,
// --value), --delimiter, --decimal, --fill and --shard, checked together.
import type { ReadSeriesOptions } from '../data/series.js';
import { parseShard } from '../data/shard.js';
import { usageError } from '../errors.js';
import type { SeriesOptions } from './command-options.js';
import { parseEncoding } from '../data/encoding.js';

/** The FILE argument and how to read it, from the shared column options. */
export function seriesArg(file: string | undefined, o: SeriesOptions): [string, ReadSeriesOptions] {
  if (file === undefined) throw usageError('missing FILE; expected a CSV with one row per series and year');
  const decimal = o.decimal;
  if (decimal !== '.' && decimal !== ',') throw usageError(`--decimal '${decimal}'; expected . or ,`);
  const delimiter = o.delimiter === '\\t' ? '\t' : o.delimiter;
  if (delimiter.length !== 1) throw usageError(`--delimiter '${delimiter}'; expected one character such as ; or \\t`);
  if (decimal === ',' && delimiter === ',') throw usageError('--decimal , needs another --delimiter (such as ;)');
  const shard = o.shard === undefined ? undefined : parseShard(o.shard);
  if (shard !== undefined && o.id === undefined) throw usageError('--shard needs --id: shards split the series by id');
  return [
    file,
    {
      columns: { id: o.id, time: o.time, value: o.value },
      delimiter,
      numbers: { decimal },
      fill: o.fill,
      shard,
      encoding: parseEncoding(o.encoding),
    },
  ];
}
