// Today's date for ages of sources: SEMICAP_TODAY=YYYY-MM-DD fixes it (tests, reproducible reports), else the clock.
import { parseToday } from '../app/freshness.js';
import { usageError } from '../errors.js';
import { say } from '../messages.js';

export function clockFrom(env: NodeJS.ProcessEnv, now: () => Date = () => new Date()): Date {
  const given = env.SEMICAP_TODAY;
  if (given === undefined || given === '') return now();
  const today = parseToday(given);
  if (today === undefined) throw usageError(say('error.badToday', { given }));
  return today;
}
