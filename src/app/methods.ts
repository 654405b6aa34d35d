// `--method` of the domain commands names anchored projections (cagr, linear, logistic) and statistical
// methods (ets, theta, auto, mean(...), ...) in one list. Splitting the list needs no forecasting code, so a
// command asked only for projections never loads the forecast registry (fit-history.ts parses the rest).
import { PROJECTION_METHODS, type ProjectionMethod } from '../domain/projection.js';

/** Splits `--method` into anchored projection methods and the other items, as written (commas inside ( ) kept). */
export function splitMethodNames(text: string): { projections: ProjectionMethod[]; rest: string[] } {
  const items = String(text)
    .split(/,(?![^(]*\))/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const projections = items.filter((m): m is ProjectionMethod => (PROJECTION_METHODS as readonly string[]).includes(m));
  const rest = items.filter((m) => !(PROJECTION_METHODS as readonly string[]).includes(m));
  return { projections, rest };
}
