// Whole-number tuning settings read from the environment (the progress wait, bytes per read, series per batch):
// one range and one error for each, checked before any work (config.ts) and read where they are used.
import { usageError } from '../errors.js';
import { say } from '../messages.js';

const RANGES = {
  // Lowers, never raises, the rows --format table, md and xlsx hold (MAX_COLLECTED_ROWS of output.ts).
  SEMICAP_MAX_HELD_ROWS: [1, 200_000],
  SEMICAP_PROGRESS_DELAY_MS: [0, 9_999_999],
  SEMICAP_READ_CHUNK_BYTES: [1024, 2 ** 30],
  SEMICAP_BATCH_SERIES: [1, 1_000_000],
} as const;

export type WholeEnvName = keyof typeof RANGES;
export const WHOLE_ENV_NAMES = Object.keys(RANGES) as WholeEnvName[];

/** The setting's value; undefined when unset or empty. A value outside its range is a usage error (exit 2). */
export function wholeFromEnv(env: Record<string, string | undefined>, name: WholeEnvName): number | undefined {
  const given = env[name];
  if (given === undefined || given === '') return undefined;
  const [min, max] = RANGES[name];
  if (!/^\d{1,10}$/.test(given) || Number(given) < min || Number(given) > max) throw usageError(say('error.badEnvWhole', { name, given, min, max }));
  return Number(given);
}
