// What a series' history is, and the path it is on, within ONE definition: rates, current paths and years reached
// are never computed across figures that measure different things. Pure.
import { compoundRateOrNull, linearStep, type Anchor } from './projection.js';

/** A figure of a series: its year, value, what it is, how it is defined and where it is from. */
export interface SeriesFigure {
  year: number;
  value: number;
  kind: string;
  definition: string | null;
  source_id: string;
}

export interface ComparableHistory {
  /** The observed figures (actual or estimate) of the latest figure's definition, one a year, ascending. */
  points: Anchor[];
  /** Those figures themselves. */
  figures: SeriesFigure[];
  /** The definition they share (null: the data states none). */
  definition: string | null;
  /** The series' observed figures (one a year, the first listed winning), whatever their definition. */
  observed: SeriesFigure[];
  /** How many definitions the observed figures use: more than one means the series mixes definitions. */
  definitions: number;
}

const OBSERVED = new Set(['actual', 'estimate']);
const definitionOf = (f: SeriesFigure) => (f.definition ?? '').trim();

/**
 * The history a rate may be computed on: observed figures (actual or estimate), one a year (the first listed
 * wins: datasets list the primary series first), and of those only the ones sharing the latest figure's definition.
 */
export function comparableHistory(series: readonly SeriesFigure[]): ComparableHistory {
  const seen = new Set<number>();
  const observed = series
    .filter((f) => OBSERVED.has(f.kind))
    .map((f, i) => ({ f, i }))
    .sort((a, b) => a.f.year - b.f.year || a.i - b.i)
    .map(({ f }) => f)
    .filter((f) => (seen.has(f.year) ? false : (seen.add(f.year), true)));
  const latest = observed[observed.length - 1];
  const figures = latest === undefined ? [] : observed.filter((f) => definitionOf(f) === definitionOf(latest));
  return {
    points: figures.map((f) => ({ year: f.year, value: f.value })),
    figures,
    definition: latest?.definition ?? null,
    observed,
    definitions: new Set(observed.map(definitionOf)).size,
  };
}

/** The path a history is on: compound and linear rates from its first to its last figure. */
export function currentPath(history: readonly Anchor[]): { cagrPct: number | null; step: number; from: Anchor; to: Anchor } | null {
  if (history.length < 2) return null;
  const from = history[0];
  const to = history[history.length - 1];
  const years = to.year - from.year;
  // A dataset's figures are data, not a command line: a rate too large to represent is shown as no rate, not refused.
  return { cagrPct: from.value > 0 && to.value > 0 ? compoundRateOrNull(from.value, to.value, years) : null, step: linearStep(from.value, to.value, years), from, to };
}

/** "2016 33 %, 2019 30 %, …": the latest observed figures, each with its source, for a note. */
export function latestFiguresText(figures: readonly SeriesFigure[], count = 4): string {
  return figures
    .slice(-count)
    .map((f) => `${f.year} ${f.value} % (${f.source_id})`)
    .join(' → ');
}
