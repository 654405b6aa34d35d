// How the commands that read a long CSV of series (forecast, backtest) read FILE: the column options (--id, --time,
// --value), --delimiter, --decimal, --fill and --shard, checked together.
import type { ReadSeriesOptions } from '../data/series.js';
import { parseShard } from '../data/shard.js';
import { usageError } from '../errors.js';
import { say } from '../messages.js';
import type { SeriesOptions } from './command-options.js';
import { parseEncoding } from '../data/encoding.js';
import { wholeFromEnv } from './env-numbers.js';

/** The FILE argument and how to read it, from the shared column options. */
export function seriesArg(file: string | undefined, o: SeriesOptions): [string, ReadSeriesOptions] {
  if (file === undefined) throw usageError(say('error.missingSeriesFile'));
  const decimal = o.decimal;
  if (decimal !== '.' && decimal !== ',') throw usageError(say('error.badDecimal', { text: decimal }));
  const delimiter = o.delimiter === '\\t' ? '\t' : o.delimiter;
  if (delimiter.length !== 1) throw usageError(say('error.inDelimiter', { text: delimiter }));
  if (decimal === ',' && delimiter === ',') throw usageError(say('error.decimalCommaDelimiterIn'));
  const shard = o.shard === undefined ? undefined : parseShard(o.shard);
  if (shard !== undefined && o.id === undefined) throw usageError(say('error.shardNeedsId'));
  return [
    file,
    {
      columns: { id: o.id, time: o.time, value: o.value },
      delimiter,
      numbers: { decimal },
      fill: o.fill,
      shard,
      encoding: parseEncoding(o.encoding),
      ...readChunkFromEnv(process.env),
    },
  ];
}

/**
 * Bytes per read of FILE: SEMICAP_READ_CHUNK_BYTES (a whole number from 1024 to 2^30), else the reader's default.
 * Tests set it so that a small file is read in many pieces, as a file of many megabytes is.
 */
function readChunkFromEnv(env: Record<string, string | undefined>): { readChunk?: number } {
  const readChunk = wholeFromEnv(env, 'SEMICAP_READ_CHUNK_BYTES');
  return readChunk === undefined ? {} : { readChunk };
}
