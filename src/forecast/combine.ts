// Forecast combinations: the mean or median, horizon by horizon, of several methods' forecasts and of their
// interval bounds (a pragmatic rule whose coverage is checked empirically: docs/module-notes.md).

import { SemicapError } from '../errors.js';
import { checkHorizon, checkSeries, levelsOf } from './common.js';
import type { FitOptions, Fitted, Forecast, ForecastOptions, Interval, Method } from './types.js';
import { say } from '../messages.js';

export type Combiner = 'mean' | 'median';

/** Mean or median of the values (median of an even count: the mean of the two middle values). */
export function aggregate(values: readonly number[], how: Combiner): number {
  const n = values.length;
  // Each term divided first, so values near the largest double do not overflow to Infinity.
  if (how === 'mean') {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[i] / n;
    return s;
  }
  // Insertion sort of a copy: the lists are a handful of methods long.
  const sorted = values.slice();
  for (let i = 1; i < n; i++) {
    const v = sorted[i];
    let j = i - 1;
    while (j >= 0 && sorted[j] > v) {
      sorted[j + 1] = sorted[j];
      j--;
    }
    sorted[j + 1] = v;
  }
  const mid = n >> 1;
  return n % 2 === 1 ? sorted[mid] : sorted[mid - 1] / 2 + sorted[mid] / 2;
}

/** Combine already computed forecasts of the same horizon and levels (docs/module-notes.md). */
export function combineForecasts(method: string, forecasts: readonly Forecast[], how: Combiner, levels: readonly number[]): Forecast {
  const h = forecasts[0].mean.length;
  const m = forecasts.length;
  const column = new Array<number>(m);
  const combined = (rows: readonly (readonly number[])[]): number[] => {
    const out = new Array<number>(h);
    for (let k = 0; k < h; k++) {
      for (let i = 0; i < m; i++) column[i] = rows[i][k];
      out[k] = aggregate(column, how);
    }
    return out;
  };
  const mean = combined(forecasts.map((f) => f.mean));
  const intervals: Interval[] = levels.map((level) => {
    const of = forecasts.map((f) => {
      const found = f.intervals.find((i) => i.level === level);
      if (found === undefined) throw new SemicapError('internal', `component ${f.method} has no ${level}% interval`);
      return found;
    });
    return { level, lower: combined(of.map((i) => i.lower)), upper: combined(of.map((i) => i.upper)) };
  });
  return { method, mean, intervals };
}

/**
 * Combine fitted models (already fitted on the same y) into one Fitted. Fitted values, residuals and params are
 * computed when first read (a forecast does not need them, and auto forecasts thousands of series).
 */
export function combineFitted(method: string, y: readonly number[], parts: readonly Fitted[], how: Combiner): Fitted {
  let fitted: number[] | undefined;
  let residuals: number[] | undefined;
  let params: Record<string, number | string> | undefined;
  const fittedValues = (): number[] =>
    (fitted ??= y.map((_, t) => {
      const values = parts.map((p) => p.fitted[t]);
      return values.every(Number.isFinite) ? aggregate(values, how) : Number.NaN;
    }));
  return {
    method,
    get fitted() {
      return fittedValues();
    },
    get residuals() {
      const f = fittedValues();
      return (residuals ??= y.map((v, t) => (Number.isFinite(f[t]) ? v - f[t] : Number.NaN)));
    },
    get params() {
      if (params === undefined) {
        params = { combination: how, components: parts.map((p) => p.method).join(',') };
        for (const p of parts) for (const [k, v] of Object.entries(p.params)) params[`${p.method}.${k}`] = v;
        const fallbacks = parts.filter((p) => typeof p.params.fallback === 'string').map((p) => say('note.ofMethod', { method: p.method, note: String(p.params.fallback) }));
        // Joined piece by piece through the catalogue, so that each note renders in the reader's language.
        if (fallbacks.length > 0) params.fallback = fallbacks.slice(0, -1).reduceRight((rest, first) => say('note.joined', { first, rest }), fallbacks[fallbacks.length - 1]);
      }
      return params;
    },
    forecast(h: number, options?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = levelsOf(options);
      const forecasts = parts.map((p) => p.forecast(h, { ...options, levels: [...levels] }));
      return combineForecasts(method, forecasts, how, levels);
    },
  };
}

/**
 * A Method combining `methods` by the mean or median of their forecasts and bounds (docs/module-notes.md).
 *
 * @example combine('shd', [ses, holt, damped], 'mean') // M3's Comb S-H-D
 */
export function combine(name: string, methods: readonly Method[], how: Combiner): Method {
  if (methods.length === 0) throw new SemicapError('usage', say('error.combineNoMethod'));
  return {
    name,
    minLength: Math.max(...methods.map((m) => m.minLength)),
    fit(y: readonly number[], options?: FitOptions): Fitted {
      checkSeries(y, name);
      return combineFitted(name, y, methods.map((m) => m.fit(y, options)), how);
    },
  };
}
