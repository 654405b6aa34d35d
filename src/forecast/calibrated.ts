// Empirically calibrated prediction intervals: a method's point forecast plus quantiles of the scaled errors the
// same method made on held-out years of a benchmark (conformal by horizon). Pure: the table is handed in.

import { SemicapError } from '../errors.js';
import { maseScale } from './accuracy.js';
import { checkHorizon, levelsOf } from './common.js';
import { quantileSorted } from '../stats/quantile.js';
import { checkLevels } from './normal.js';
import type { FitOptions, FitOutcome, Fitted, Forecast, ForecastOptions, Interval, Method } from './types.js';
import { say } from '../messages.js';

/** Quantiles of scaled forecast errors by horizon for one method. */
export interface CalibrationTable {
  /** The method whose errors were measured (a table fits only that method's point forecasts). */
  method: string;
  /** Where the errors come from, for notes. */
  source: string;
  /** Ascending probabilities in (0, 1). */
  probabilities: number[];
  /** quantiles[h − 1][j]: the probabilities[j] quantile of the scaled errors at horizon h, ascending in j. */
  quantiles: number[][];
  /** Errors behind each horizon's quantiles. */
  counts: number[];
  /** Longest series (years) of the data the table was learned from; longer histories keep the model's intervals. */
  maxLength?: number;
  /** The scale averages the last this many year-to-year changes (see calibrationScale); all of them when absent. */
  recentChanges?: number;
}

/**
 * The scale errors are divided by: the mean absolute first difference of `y`'s last `recent` changes (of all of
 * `y` when `recent` is undefined, or when those changes are all zero); undefined where `y` has no change at all.
 *
 * @example calibrationScale([10, 20, 21, 23], 2) // (1 + 2) / 2 = 1.5
 */
export function calibrationScale(y: readonly number[], recent?: number): number | undefined {
  const whole = maseScale(y);
  if (recent === undefined || whole === undefined) return whole;
  return maseScale(y.slice(-(recent + 1))) ?? whole;
}

/**
 * Quantiles (type 7, as R's default) of scaled errors per horizon: `errors[h − 1]` holds the scaled errors at
 * horizon h (copied, then sorted).
 *
 * @example scaledErrorQuantiles([[-1, 0, 1, 2]], [0.25, 0.5]) // [[-0.25, 0.5]]
 */
export function scaledErrorQuantiles(errors: readonly (readonly number[])[], probabilities: readonly number[]): number[][] {
  return errors.map((row, k) => {
    if (row.length === 0) throw new SemicapError('usage', say('error.calNoErrors', { horizon: k + 1 }));
    const sorted = Float64Array.from(row).sort();
    return probabilities.map((p) => quantileSorted(sorted, p));
  });
}

/** The table's quantile at probability p for horizon row `row`, interpolated linearly, held at the extremes. */
function quantileAt(table: CalibrationTable, row: readonly number[], p: number): number {
  const ps = table.probabilities;
  if (p <= ps[0]) return row[0];
  if (p >= ps[ps.length - 1]) return row[ps.length - 1];
  let j = 1;
  while (ps[j] < p) j++;
  const f = (p - ps[j - 1]) / (ps[j] - ps[j - 1]);
  return row[j - 1] + f * (row[j] - row[j - 1]);
}

/** Scaled quantile at horizon h (1-based) and probability p, extrapolated past the table (docs/module-notes.md). */
export function scaledQuantile(table: CalibrationTable, h: number, p: number): number {
  const H = table.quantiles.length;
  if (h <= H) return quantileAt(table, table.quantiles[h - 1], p);
  const half = Math.max(1, Math.floor(H / 2));
  const last = quantileAt(table, table.quantiles[H - 1], p);
  const width = (row: number) => quantileAt(table, table.quantiles[row - 1], 0.9) - quantileAt(table, table.quantiles[row - 1], 0.1);
  const growth = half < H && width(half) > 0 && width(H) > 0 ? Math.log(width(H) / width(half)) / Math.log(H / half) : 0.5;
  return last * (h / H) ** Math.max(0, growth);
}

/**
 * Calibrated intervals around `mean` for a training series whose scale (mean absolute first difference) is
 * `scale` (docs/module-notes.md).
 *
 * @example calibratedIntervals([10], 2, table, [80]) // [{ level: 80, lower: [10 + 2·q1(0.1)], upper: [10 + 2·q1(0.9)] }]
 */
export function calibratedIntervals(mean: readonly number[], scale: number, table: CalibrationTable, levels: readonly number[]): Interval[] {
  checkLevels(levels);
  if (!(Number.isFinite(scale) && scale > 0)) throw new SemicapError('usage', say('error.calScale', { scale }));
  return levels.map((level) => {
    const tail = (100 - level) / 200;
    return {
      level,
      lower: mean.map((m, k) => m + scale * scaledQuantile(table, k + 1, tail)),
      upper: mean.map((m, k) => m + scale * scaledQuantile(table, k + 1, 1 - tail)),
    };
  });
}

/** A fitted model whose forecasts keep `fitted`'s means and take calibrated intervals on training series `y`. */
export function calibrateFitted(fitted: Fitted, y: readonly number[], table: CalibrationTable): Fitted {
  const tooLong = table.maxLength !== undefined && y.length > table.maxLength;
  const scale = tooLong ? undefined : calibrationScale(y, table.recentChanges);
  const kind = tooLong ? `model (longer than the ${table.maxLength} years of the calibration series)` : scale === undefined ? 'model (no scale to calibrate with)' : 'calibrated';
  return {
    method: fitted.method,
    get fitted() {
      return fitted.fitted;
    },
    get residuals() {
      return fitted.residuals;
    },
    get params() {
      return { ...fitted.params, intervals: kind };
    },
    ...(fitted.aicc !== undefined ? { aicc: fitted.aicc } : {}),
    forecast(h: number, options?: ForecastOptions): Forecast {
      checkHorizon(h);
      const levels = levelsOf(options);
      const base = fitted.forecast(h, options);
      if (scale === undefined) return base;
      return { method: base.method, mean: base.mean, intervals: calibratedIntervals(base.mean, scale, table, levels) };
    },
  };
}

/**
 * `method` with calibrated intervals from `table` (learned on that method's errors); the point forecasts are
 * unchanged.
 */
export function calibrated(method: Method, table: CalibrationTable): Method {
  if (table.method !== method.name) {
    throw new SemicapError('internal', `calibration table for '${table.method}' given to method '${method.name}'`);
  }
  const many = method.fitMany;
  return {
    name: method.name,
    minLength: method.minLength,
    fit(y: readonly number[], options?: FitOptions): Fitted {
      return calibrateFitted(method.fit(y, options), y, table);
    },
    ...(many === undefined
      ? {}
      : {
          fitMany: (ys: readonly (readonly number[])[]): FitOutcome[] =>
            many(ys).map((outcome, i) => ('fitted' in outcome ? { fitted: calibrateFitted(outcome.fitted, ys[i], table) } : outcome)),
        }),
  };
}
