// The unit of work of `semicap backtest`: a range of series of the grouped rows in, their backtest pooled over
// the range out. The same function runs in the main thread and in worker threads (backtest-worker.ts), and the
// ranges never depend on the number of threads, so the pooled sums, and the output, are the same whatever --jobs.
import { regularSeriesAt, type GroupedRows } from '../../data/series.js';
import { isSemicapError } from '../../errors.js';
import { backtest, poolBacktests, type BacktestResult } from '../../forecast/backtest.js';
import { methodsFromSpecs, withIntervals, type IntervalMode, type MethodSpec } from '../../forecast/registry.js';
import { magnitudeScale } from '../../forecast/scale.js';
import type { Method } from '../../forecast/types.js';
import { messagesOf, type Message } from '../../messages.js';

export interface BacktestSettings {
  /** The parsed --method list: plain data a worker thread builds its methods from (a Method holds functions, which cannot be sent). */
  methods: MethodSpec[];
  intervals: IntervalMode;
  holdout: number;
  origins: number;
  levels: number[];
  fill: 'none' | 'linear';
}

export interface BacktestBatchOutcome {
  /** The range's backtests pooled; undefined when no series of the range could be backtested. Failure ids are series numbers. */
  pooled: BacktestResult | undefined;
  /** Series (numbers in the file) that could not be backtested, with the reason, in series order. */
  skipped: { series: number; reason: string }[];
  /** The catalogue messages of the reasons: the thread that prints them re-registers them (messages.ts remember). */
  said: Message[];
}

/** The methods of the settings, with their intervals as asked. */
export function backtestMethods(settings: BacktestSettings): Method[] {
  return withIntervals(methodsFromSpecs(settings.methods), settings.intervals);
}

/** Backtests series first … last-1 of the grouped rows, skipping those spoiled while reading. */
export function backtestBatch(rows: GroupedRows, spoiled: Uint8Array, first: number, last: number, settings: BacktestSettings, methods: Method[]): BacktestBatchOutcome {
  const results: BacktestResult[] = [];
  const skipped: BacktestBatchOutcome['skipped'] = [];
  for (let s = first; s < last; s++) {
    if (spoiled[s] === 1) continue;
    const built = regularSeriesAt(rows, s, settings.fill);
    if ('reason' in built) {
      skipped.push({ series: s, reason: built.reason });
      continue;
    }
    // Values spread over more orders of magnitude than any fit resolves are refused, as forecast refuses them.
    const scale = magnitudeScale(built.values);
    if ('reason' in scale) {
      skipped.push({ series: s, reason: scale.reason });
      continue;
    }
    try {
      results.push(backtest(built.values, methods, { holdout: settings.holdout, origins: settings.origins, id: String(s), levels: settings.levels }));
    } catch (e) {
      if (!isSemicapError(e)) throw e;
      skipped.push({ series: s, reason: e.message });
    }
  }
  // Pooling drops the per-origin forecasts, so little goes back to the main thread.
  const pooled = results.length > 0 ? poolBacktests(results) : undefined;
  const reasons = [...skipped.map((s) => s.reason), ...(pooled?.methods.flatMap((m) => m.failures.map((f) => f.reason)) ?? [])];
  return { pooled, skipped, said: messagesOf(reasons) };
}
