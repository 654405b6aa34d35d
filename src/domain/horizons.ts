// How far commands project and search, by default: one rule for every command (the README's option vocabulary).

/** --through: the last year projected, by default 2030, or the latest anchor (a known point the path runs through) when later. */
export const THROUGH_DEFAULT = 2030;

/**
 * --look-to: the last year searched for the year a path reaches a target ("not by YEAR" after it), by default this
 * many years after the later of --through and the last target.
 */
export const LOOK_AHEAD_YEARS = 20;

/** @example defaultThrough(2023, 2027) // 2030; defaultThrough(2025, 2035) // 2035 */
export function defaultThrough(...years: readonly (number | undefined)[]): number {
  return Math.max(THROUGH_DEFAULT, ...years.filter((y): y is number => y !== undefined));
}

/** @example defaultLookTo(2030, 2025) // 2050; defaultLookTo(2030, 2035) // 2055 */
export function defaultLookTo(through: number, ...targetYears: readonly number[]): number {
  return Math.max(through, ...targetYears) + LOOK_AHEAD_YEARS;
}
