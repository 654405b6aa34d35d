// Method names for the command line: name → Method, and the `--method` syntax
//   list  := item ("," item)*
//   item  := NAME | ("mean" | "median") "(" list ")"
// e.g. "theta,auto" or "mean(ses,theta),median(ets,arima,theta)". Names are case-insensitive; whitespace is
// ignored. Unknown names are usage errors that list the known ones and suggest the closest (edit distance <= 2).
//
// Only the methods whose modules are committed are registered here (see METHOD_TABLE). When auto.ts lands, add
// `auto` to the table; when combine.ts lands, build combinations with its `combine` (see combineMethods).

import { SemicapError } from '../errors.js';
import { arima } from './arima.js';
import { damped } from './damped.js';
import { drift } from './drift.js';
import { ets } from './ets.js';
import { holt } from './holt.js';
import { logistic, logisticNls } from './logistic.js';
import { naive } from './naive.js';
import { ses } from './ses.js';
import { theta } from './theta.js';
import { linear, loglinear } from './trend.js';
import type { FitOptions, Fitted, Forecast, ForecastOptions, Interval, Method } from './types.js';

/** Every registered method by its command-line name. */
const METHOD_TABLE: readonly Method[] = [
  naive,
  drift,
  ses,
  holt,
  damped,
  ets,
  theta,
  arima,
  linear,
  loglinear,
  logistic,
  logisticNls,
];

const METHODS: ReadonlyMap<string, Method> = new Map(METHOD_TABLE.map((m) => [m.name, m]));

/** How several methods' forecasts are combined. */
export type Combiner = 'mean' | 'median';
const COMBINERS: readonly Combiner[] = ['mean', 'median'];

/** A parsed `--method` item. */
export type MethodSpec =
  | { kind: 'method'; name: string }
  | { kind: 'combination'; combiner: Combiner; members: MethodSpec[] };

/** Registered method names, in table order. */
export function methodNames(): string[] {
  return [...METHODS.keys()];
}

/** Levenshtein edit distance (insertions, deletions, substitutions). @example levenshtein('theat', 'theta') // 2 */
export function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known name closest to `name` within edit distance 2 (ties: table order), or undefined. */
export function suggestName(name: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = levenshtein(name, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

function unknownMethod(name: string): SemicapError {
  const known = [...methodNames(), ...COMBINERS.map((c) => `${c}(...)`)];
  const suggestion = suggestName(name, [...methodNames(), ...COMBINERS]);
  const hint = suggestion !== undefined ? `; did you mean '${suggestion}'?` : '';
  return new SemicapError('usage', `unknown method '${name}'; expected one of: ${known.join(', ')}${hint}`);
}

/** Canonical text of a spec, used as the combined method's name: `mean(ses,theta)`. */
export function specName(spec: MethodSpec): string {
  return spec.kind === 'method' ? spec.name : `${spec.combiner}(${spec.members.map(specName).join(',')})`;
}

/**
 * Parse `--method` text into specs (syntax only; names are checked by parseMethodList).
 * Throws SemicapError('usage') on empty items, unbalanced parentheses or a combination of fewer than 2 methods.
 */
export function parseMethodSpec(text: string): MethodSpec[] {
  const tokens = text.toLowerCase().match(/[^\s(),]+|[(),]|\s+/g)?.filter((t) => t.trim() !== '') ?? [];
  let position = 0;
  const fail = (what: string) => new SemicapError('usage', `cannot read --method '${text}': ${what}`);

  const parseList = (closing: boolean): MethodSpec[] => {
    const items: MethodSpec[] = [];
    for (;;) {
      items.push(parseItem());
      const token = tokens[position];
      if (token === ',') {
        position++;
        continue;
      }
      if (token === ')') {
        if (!closing) throw fail("')' without a matching '('");
        return items;
      }
      if (token === undefined) {
        if (closing) throw fail("'(' is never closed");
        return items;
      }
      throw fail(`expected ',' before '${token}'`);
    }
  };

  const parseItem = (): MethodSpec => {
    const token = tokens[position];
    if (token === undefined || token === ',' || token === ')' || token === '(') {
      throw fail(token === undefined || token === ',' || token === ')' ? 'a method name is missing' : "'(' needs a name before it");
    }
    position++;
    if (tokens[position] !== '(') return { kind: 'method', name: token };
    if (!(COMBINERS as readonly string[]).includes(token)) {
      throw fail(`only ${COMBINERS.join(' and ')} take a list of methods, not '${token}'`);
    }
    position++;
    const members = parseList(true);
    position++; // the ')'
    if (members.length < 2) throw fail(`${token}(...) needs at least 2 methods`);
    return { kind: 'combination', combiner: token as Combiner, members };
  };

  if (tokens.length === 0) throw fail('no method given');
  return parseList(false);
}

/** The registered method called `name`; SemicapError('usage') with suggestions when there is none. */
export function getMethod(name: string): Method {
  const method = METHODS.get(name.toLowerCase());
  if (method === undefined) throw unknownMethod(name);
  return method;
}

function resolve(spec: MethodSpec): Method {
  if (spec.kind === 'method') return getMethod(spec.name);
  return combineMethods(spec.combiner, spec.members.map(resolve), specName(spec));
}

/**
 * Methods for `--method` text, e.g. `parseMethodList("theta,mean(ses,arima)")`.
 * Throws SemicapError('usage') for unknown names (with a "did you mean"), bad syntax or a method listed twice.
 */
export function parseMethodList(text: string): Method[] {
  const specs = parseMethodSpec(text);
  const names = specs.map(specName);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate !== undefined) throw new SemicapError('usage', `method '${duplicate}' is listed twice in --method`);
  return specs.map(resolve);
}

// ---- combinations --------------------------------------------------------------------------------------------
// A stand-in until src/forecast/combine.ts lands: the combination's forecast is the mean or median of its
// members' point forecasts, and each interval bound the mean or median of the members' bounds at that level
// (as R's forecastHybrid / Hyndman's combination intervals do). Members that cannot fit the series are left
// out and named in params.excluded; the combination fails only if none fits.

function combineValues(combiner: Combiner, values: number[]): number {
  if (combiner === 'mean') return values.reduce((s, v) => s + v, 0) / values.length;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function combinePointwise(combiner: Combiner, rows: number[][], length: number): number[] {
  return Array.from({ length }, (_, k) => {
    const column = rows.map((r) => r[k]).filter(Number.isFinite);
    return column.length === 0 ? Number.NaN : combineValues(combiner, column);
  });
}

/** A Method whose forecasts are the mean or median of `members`' forecasts (see the comment above). */
export function combineMethods(combiner: Combiner, members: readonly Method[], name?: string): Method {
  if (members.length < 2) throw new SemicapError('usage', `a ${combiner} combination needs at least 2 methods`);
  const label = name ?? `${combiner}(${members.map((m) => m.name).join(',')})`;
  return {
    name: label,
    minLength: Math.min(...members.map((m) => m.minLength)),
    fit(y: readonly number[], options?: FitOptions): Fitted {
      const fits: Fitted[] = [];
      const excluded: string[] = [];
      for (const member of members) {
        if (y.length < member.minLength) {
          excluded.push(`${member.name} (needs ${member.minLength} values)`);
          continue;
        }
        try {
          fits.push(member.fit(y, options));
        } catch (error) {
          excluded.push(`${member.name} (${error instanceof Error ? error.message : String(error)})`);
        }
      }
      if (fits.length === 0) {
        throw new SemicapError('data', `no member of ${label} could fit the series: ${excluded.join('; ')}`);
      }
      const fitted = combinePointwise(combiner, fits.map((f) => f.fitted), y.length);
      const params: Record<string, number | string> = { members: fits.map((f) => f.method).join(',') };
      if (excluded.length > 0) params.excluded = excluded.join('; ');
      return {
        method: label,
        fitted,
        residuals: y.map((v, i) => (Number.isFinite(fitted[i]) ? v - fitted[i] : Number.NaN)),
        params,
        forecast(h: number, forecastOptions?: ForecastOptions): Forecast {
          const forecasts = fits.map((f) => f.forecast(h, forecastOptions));
          const mean = combinePointwise(combiner, forecasts.map((f) => f.mean), h);
          const intervals: Interval[] = forecasts[0].intervals.map((first) => {
            const atLevel = forecasts.map((f) => f.intervals.find((i) => i.level === first.level));
            const present = atLevel.filter((i): i is Interval => i !== undefined);
            return {
              level: first.level,
              lower: combinePointwise(combiner, present.map((i) => i.lower), h),
              upper: combinePointwise(combiner, present.map((i) => i.upper), h),
            };
          });
          return { method: label, mean, intervals };
        },
      };
    },
  };
}
