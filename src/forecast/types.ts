// The one shape every forecasting method shares (after R's forecast object and statsforecast's models):
// a method fits a history and returns a Fitted model; the fitted model forecasts h steps with intervals.
// Pure: nothing here reads files, prints or exits.

/** One prediction interval at a coverage level given in percent (80, 95). */
export interface Interval {
  level: number;
  lower: number[];
  upper: number[];
}

/** h-step forecast: point forecasts and one interval per requested level, all of length h. */
export interface Forecast {
  method: string;
  mean: number[];
  intervals: Interval[];
}

export interface ForecastOptions {
  /** Interval levels in percent, e.g. [80, 95]. */
  levels?: number[];
  /** Seed for simulated or bootstrapped intervals, so the same call gives the same numbers. */
  seed?: number;
  /** Number of simulated paths for simulated or bootstrapped intervals (intervals.ts DEFAULT_PATHS when absent). */
  paths?: number;
}

export interface Fitted {
  method: string;
  /** One-step in-sample fitted values (NaN where the method has none, e.g. the first observation). */
  fitted: number[];
  /** y minus fitted (NaN where fitted is NaN). */
  residuals: number[];
  /** Fitted parameters by name, for reports. */
  params: Record<string, number | string>;
  /** Information criteria where the method is likelihood-based. */
  aicc?: number;
  forecast(h: number, options?: ForecastOptions): Forecast;
}

export interface FitOptions {
  /** Upper bound of the series (e.g. 100 for a share in percent); used by bounded methods. */
  cap?: number;
  /** Lower bound; 0 is a real bound, never "missing". */
  floor?: number;
}

export interface Method {
  name: string;
  /** Shortest history the method can fit. */
  minLength: number;
  fit(y: readonly number[], options?: FitOptions): Fitted;
  /**
   * Optional, for methods that take no FitOptions and gain from fitting several series side by side: for each
   * series, what `fit` returns for it alone or what `fit` throws.
   */
  fitMany?(ys: readonly (readonly number[])[]): FitOutcome[];
}

/** What fitting one series gave: the fitted model, or what the fit threw. */
export type FitOutcome = { fitted: Fitted } | { thrown: unknown };

export const DEFAULT_LEVELS: readonly number[] = [80, 95];
