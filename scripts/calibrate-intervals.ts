// Regenerates datasets/interval_calibration.json: quantiles of scaled forecast errors by horizon (see
// src/forecast/calibrated.ts), learned on the TRAIN part of the M3 yearly series only, so the M3 test years on
// which the intervals are evaluated (npm run bench:intervals) are never seen. Same input, same Node version:
// byte-for-byte the same file.
//
//   npm run calibrate:intervals                                   auto, default M3 path
//   npm run calibrate:intervals -- --method auto,theta path/to/m3_yearly.csv
//   npm run calibrate:intervals -- --check                        exit 1 if the shipped file would change
// Errors, made as the intervals will be used (a forecast from the end of a history, scaled by that history's
// recent changes): for each horizon h, the errors at h whose outcome is one of the last TARGETS train years, from
// origins that leave at least MIN_FIT values to fit on; scale = mean absolute change over the history's last
// RECENT changes. Why these and not full 6-year windows or whole-history scales: bench/README.md.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { calibrationScale, scaledErrorQuantiles, type CalibrationTable } from '../src/forecast/calibrated.js';
import { getMethod } from '../src/forecast/registry.js';
import type { Method } from '../src/forecast/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const HORIZON = 6;
export const ORIGINS = 3;
export const TARGETS = 10;
export const RECENT = 6;
export const MIN_FIT = 6;
export const PROBABILITIES = [0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.975, 0.99, 0.995];
export const OUT = join(ROOT, 'datasets', 'interval_calibration.json');
export const DEFAULT_M3 = join(ROOT, '..', 'shared', 'benchmarks', 'm3-yearly', 'm3_yearly.csv');

export interface BenchSeries {
  id: string;
  train: number[];
  test: number[];
}

/** The M3 yearly long CSV (series_id,split,t,year,value) as train/test arrays per series, in file order. */
export function readM3(path: string): BenchSeries[] {
  if (!existsSync(path)) throw new Error(`the M3 yearly file is not at ${path} (give its path as an argument)`);
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const [cId, cSplit, cValue] = ['series_id', 'split', 'value'].map((c) => header.indexOf(c));
  if (cId < 0 || cSplit < 0 || cValue < 0) throw new Error(`${path}: expected columns series_id, split, value`);
  const byId = new Map<string, BenchSeries>();
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    let s = byId.get(f[cId]);
    if (s === undefined) byId.set(f[cId], (s = { id: f[cId], train: [], test: [] }));
    (f[cSplit] === 'train' ? s.train : s.test).push(Number(f[cValue]));
  }
  return [...byId.values()];
}

/** `method`'s point forecasts `horizon` years past `train`, or undefined where it fails or gives a non-finite one. */
function pointForecast(method: Method, train: readonly number[], horizon: number): number[] | undefined {
  try {
    const mean = method.fit(train).forecast(horizon, { levels: [80] }).mean;
    return mean.every(Number.isFinite) ? mean : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Scaled errors (actual − forecast) / scale by horizon of `method` on held-out stretches of each `histories`
 * series: origin o (0 = latest) fits the first n − horizon − o values and scores the next `horizon`. The scale is
 * calibrationScale(train, recent). (The windows of the first calibration; bench:intervals compares them.)
 */
export function scaledErrors(histories: readonly number[][], method: Method, horizon: number, origins: number, minFit: number, recent?: number): number[][] {
  const errors: number[][] = Array.from({ length: horizon }, () => []);
  for (const y of histories) {
    for (let o = 0; o < origins; o++) {
      const n = y.length - horizon - o;
      if (n < Math.max(minFit, method.minLength)) break;
      const train = y.slice(0, n);
      const scale = calibrationScale(train, recent);
      const mean = scale === undefined ? undefined : pointForecast(method, train, horizon);
      if (scale === undefined || mean === undefined) continue;
      for (let k = 0; k < horizon; k++) errors[k].push((y[n + k] - mean[k]) / scale);
    }
  }
  return errors;
}

/**
 * Scaled errors by horizon of `method` whose outcomes are the last `targets` values of each `histories` series:
 * at horizon h, from the origins n = L − h − targets + 1 … L − h (L the series' length) that leave at least
 * `minFit` values; scale = calibrationScale(first n values, recent).
 *
 * @example targets 3, horizon 2, L = 10: h1 from fits on 7, 8, 9 values; h2 from fits on 6, 7, 8 values.
 */
export function scaledErrorsNearEnd(histories: readonly number[][], method: Method, horizon: number, targets: number, minFit: number, recent?: number): number[][] {
  const errors: number[][] = Array.from({ length: horizon }, () => []);
  for (const y of histories) {
    const last = y.length - 1;
    for (let n = last; n >= y.length - targets - horizon + 1; n--) {
      if (n < Math.max(minFit, method.minLength)) break;
      const train = y.slice(0, n);
      const scale = calibrationScale(train, recent);
      const mean = scale === undefined ? undefined : pointForecast(method, train, horizon);
      if (scale === undefined || mean === undefined) continue;
      for (let k = 0; k < horizon; k++) {
        const t = n + k;
        if (t > last) break;
        if (t >= y.length - targets) errors[k].push((y[t] - mean[k]) / scale);
      }
    }
  }
  return errors;
}

/** The calibration table of `method` learned on the train parts of `series` (see the file comment). */
export function calibrationTable(series: readonly BenchSeries[], method: Method, source: string): CalibrationTable {
  const errors = scaledErrorsNearEnd(series.map((s) => s.train), method, HORIZON, TARGETS, MIN_FIT, RECENT);
  const round = (x: number) => Number(x.toFixed(4));
  return {
    method: method.name,
    source,
    probabilities: PROBABILITIES,
    quantiles: scaledErrorQuantiles(errors, PROBABILITIES).map((row) => row.map(round)),
    counts: errors.map((e) => e.length),
    maxLength: Math.max(...series.map((s) => s.train.length + s.test.length)),
    recentChanges: RECENT,
  };
}

/** The table's source line, for notes. */
export function calibrationSource(series: readonly BenchSeries[]): string {
  return `M3 yearly train rows (${series.length} series), errors landing in the last ${TARGETS} train years, scaled by the last ${RECENT} changes`;
}

/** The file's text: one table per method, with how it was made. */
export function calibrationFile(tables: CalibrationTable[]): string {
  const about = {
    description: 'Quantiles of scaled forecast errors (actual − forecast) / (mean absolute first difference over the last recentChanges changes of the training series), by horizon (row h − 1) and probability; used by src/forecast/calibrated.ts for calibrated prediction intervals.',
    data: `M3 competition yearly series (645), train rows only; at each horizon h, the errors whose outcome is one of the last ${TARGETS} train years of a series, forecast from the origins h years earlier; M3 test rows never used`,
    citation: 'Makridakis, S. and Hibon, M. (2000), The M3-Competition: results, conclusions and implications, International Journal of Forecasting 16, 451-476',
    generator: 'scripts/calibrate-intervals.ts (npm run calibrate:intervals)',
    horizon: HORIZON,
    targets: TARGETS,
    recent_changes: RECENT,
    min_fit: MIN_FIT,
  };
  const lines = [
    '{',
    ...Object.entries(about).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`),
    '  "tables": [',
    tables
      .map((t) =>
        [
          '    {',
          `      "method": ${JSON.stringify(t.method)},`,
          `      "source": ${JSON.stringify(t.source)},`,
          `      "counts": ${JSON.stringify(t.counts)},`,
          `      "maxLength": ${JSON.stringify(t.maxLength)},`,
          `      "recentChanges": ${JSON.stringify(t.recentChanges)},`,
          `      "probabilities": ${JSON.stringify(t.probabilities)},`,
          '      "quantiles": [',
          t.quantiles.map((row) => `        ${JSON.stringify(row)}`).join(',\n'),
          '      ]',
          '    }',
        ].join('\n'),
      )
      .join(',\n'),
    '  ]',
    '}',
    '',
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const methodAt = argv.indexOf('--method');
  const names = methodAt >= 0 ? argv[methodAt + 1].split(',') : ['auto'];
  const check = argv.includes('--check');
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--method');
  const path = resolve(positional[0] ?? DEFAULT_M3);
  const series = readM3(path);
  const text = calibrationFile(names.map((n) => calibrationTable(series, getMethod(n), calibrationSource(series))));
  if (check) {
    const same = existsSync(OUT) && readFileSync(OUT, 'utf8') === text;
    process.stdout.write(same ? `${OUT}: up to date\n` : `${OUT}: would change\n`);
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(OUT, text);
  process.stdout.write(`written: ${OUT} (${names.join(', ')})\n`);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
