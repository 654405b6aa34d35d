// `npm run bench:intervals`: do the prediction intervals cover what they claim? For each method and interval
// kind (calibrated: src/forecast/calibrated.ts with the shipped table; model: the method's own), on
//   1. the 645 M3 yearly series (train → 6 test years; the calibration table never saw the test years),
//   2. simulated series of known processes (seeded; lengths 15-40, horizon 6),
//   3. optionally other benchmarks: --extra FILE (repeatable), either in M3's format (series_id,split,value with
//      split train/test) or a long CSV id,year,value of whole series, forecast 6 years ahead from the origins
//      n-6, n-9, …, n-18 that leave at least 30 years of history (the protocol of bench:cycles and bench:econ):
//      npm run bench:intervals -- --extra bench/data/cycles-series.csv --extra bench/data/econ-series.csv
// it reports the share of outcomes inside the 80 % and 95 % intervals by horizon and pooled over h = 1-6, and
// MSIS (the M4 competition's mean scaled interval score at α = 0.05: width plus 40 × any miss, divided by the
// training series' mean absolute first difference, averaged per series, then over series; lower is better).
// R's figures for its model-based intervals (../shared/benchmarks/m3-yearly/RESULTS.md) are printed beside.
// Results: bench/results/intervals.json. Not part of `npm test`.
//
//   npm run bench:intervals                      default M3 path
//   npm run bench:intervals -- path/to/m3_yearly.csv --method auto,theta
//   npm run bench:intervals -- --compare-calibrations      also every way of calibrating in CALIBRATIONS
// How the calibration is chosen on the M3 train rows only (innerValidation, rollingValidation): bench/README.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_M3, MIN_FIT, ORIGINS, readM3, RECENT, scaledErrors, scaledErrorsNearEnd, TARGETS, type BenchSeries } from '../scripts/calibrate-intervals.js';
import { calibrated, scaledErrorQuantiles, type CalibrationTable } from '../src/forecast/calibrated.js';
import { maseScale } from '../src/forecast/accuracy.js';
import { normal, Rng } from '../src/forecast/random.js';
import { getMethod, shippedCalibration, withIntervals, type IntervalMode } from '../src/forecast/registry.js';
import type { Method } from '../src/forecast/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const H = 6;
const LEVELS = [80, 95];
const SIMULATION_SEED = 20261206;

/** R forecast 8.20's model-based intervals on M3 yearly (RESULTS.md, "Interval quality"). */
const R_INTERVALS = [
  { method: 'R naive', cover80: 62.4, cover95: 78.5, msis: 39.98 },
  { method: 'R rwf drift', cover80: 66.8, cover95: 81.5, msis: 31.87 },
  { method: 'R ets', cover80: 70.6, cover95: 84.3, msis: 30.62 },
  { method: 'R thetaf', cover80: 68.8, cover95: 84.3, msis: 31.23 },
  { method: 'R auto.arima', cover80: 64.5, cover95: 79.2, msis: 40.81 },
];

export interface Quality {
  series: number;
  failures: number;
  /** Percent inside, [level][h − 1] and pooled. */
  byHorizon: Record<number, number[]>;
  pooled: Record<number, number>;
  /** MSIS at α = 0.05 (the 95 % interval), per series then over series; and by horizon. */
  msis: number;
  msisByHorizon: number[];
}

/** Coverage and MSIS of `method`'s intervals on each series' test years. */
export function intervalQuality(series: readonly BenchSeries[], method: Method): Quality {
  const inside: Record<number, number[]> = Object.fromEntries(LEVELS.map((l) => [l, new Array<number>(H).fill(0)]));
  const counts = new Array<number>(H).fill(0);
  const msisByH = new Array<number>(H).fill(0);
  let msisSum = 0;
  let scored = 0;
  let failures = 0;
  for (const s of series) {
    const h = Math.min(H, s.test.length);
    const scale = maseScale(s.train);
    let f;
    try {
      f = method.fit(s.train).forecast(h, { levels: LEVELS });
    } catch {
      failures++;
      continue;
    }
    const i95 = f.intervals.find((i) => i.level === 95)!;
    let seriesScore = 0;
    for (let k = 0; k < h; k++) {
      const y = s.test[k];
      counts[k]++;
      for (const interval of f.intervals) if (y >= interval.lower[k] && y <= interval.upper[k]) inside[interval.level][k]++;
      const lo = i95.lower[k];
      const hi = i95.upper[k];
      const score = (hi - lo + 40 * Math.max(0, lo - y) + 40 * Math.max(0, y - hi)) / (scale ?? NaN);
      msisByH[k] += score;
      seriesScore += score / h;
    }
    if (Number.isFinite(seriesScore)) {
      msisSum += seriesScore;
      scored++;
    }
  }
  const total = counts.reduce((a, b) => a + b, 0);
  return {
    series: series.length,
    failures,
    byHorizon: Object.fromEntries(LEVELS.map((l) => [l, inside[l].map((v, k) => (100 * v) / counts[k])])),
    pooled: Object.fromEntries(LEVELS.map((l) => [l, (100 * inside[l].reduce((a, b) => a + b, 0)) / total])),
    msis: msisSum / scored,
    msisByHorizon: msisByH.map((v, k) => v / counts[k]),
  };
}

/** The series of an --extra file: M3's train/test format, or whole series cut at rolling origins (see above). */
export function readExtra(path: string): BenchSeries[] {
  const text = readFileSync(path, 'utf8');
  const header = text.slice(0, text.indexOf('\n')).trim().split(',');
  if (header.includes('split')) return readM3(path).filter((s) => s.test.length > 0 && s.train.length > 1);
  const [cId, cYear, cValue] = ['id', 'year', 'value'].map((c) => header.indexOf(c));
  if (cId < 0 || cYear < 0 || cValue < 0) throw new Error(`${path}: expected columns series_id,split,value or id,year,value`);
  const byId = new Map<string, [number, number][]>();
  for (const line of text.trim().split(/\r?\n/).slice(1)) {
    const f = line.split(',');
    const rows = byId.get(f[cId]) ?? [];
    rows.push([Number(f[cYear]), Number(f[cValue])]);
    byId.set(f[cId], rows);
  }
  const out: BenchSeries[] = [];
  for (const [id, rows] of byId) {
    const y = rows.sort((a, b) => a[0] - b[0]).map((r) => r[1]);
    for (let back = 0; back <= 12; back += 3) {
      const n = y.length - H - back;
      if (n >= 30) out.push({ id: `${id}@${n}`, train: y.slice(0, n), test: y.slice(n, n + H) });
    }
  }
  return out;
}

/** Simulated series of known processes, seeded: `count` series of each, lengths 15-40 plus H test years. */
export function simulatedSets(count: number, seed: number): { name: string; series: BenchSeries[] }[] {
  const rng = new Rng(seed);
  const make = (name: string, step: (y: number[], e: number) => number, start: () => number[]) => ({
    name,
    series: Array.from({ length: count }, (_, i) => {
      const n = 15 + Math.floor(rng.nextUint32() / 2 ** 32 * 26);
      const y = start();
      while (y.length < n + H) y.push(step(y, normal(rng)));
      return { id: `${name}-${i}`, train: y.slice(0, n), test: y.slice(n, n + H) };
    }),
  });
  return [
    make('random walk', (y, e) => y[y.length - 1] + e, () => [100]),
    make('random walk + drift 1', (y, e) => y[y.length - 1] + 1 + e, () => [100]),
    make('AR(1) phi 0.7', (y, e) => 100 + 0.7 * (y[y.length - 1] - 100) + e, () => [100]),
    make('AR(2) cycle ~8 y', (y, e) => 100 + 1.2 * (y[y.length - 1] - 100) - 0.6 * (y[y.length - 2] - 100) + e, () => [100, 100]),
    make('linear trend + noise', (y, e) => 100 + 0.5 * y.length + e, () => [100]),
    make('local linear trend', (y, e) => {
      const slope = y.length > 1 ? y[y.length - 1] - y[y.length - 2] : 0;
      return y[y.length - 1] + slope * 0.9 + e;
    }, () => [100, 100]),
  ];
}

/** Ways to collect calibration errors from histories (scripts/calibrate-intervals.ts): the shipped one and others. */
type Quantiles = (errors: readonly (readonly number[])[], probabilities: readonly number[]) => number[][];

/**
 * Split-conformal quantiles: for p < 1/2 the floor((n + 1) p)-th smallest error, for p > 1/2 the
 * ceil((n + 1) p)-th (held within 1 … n), the order statistics with finite-sample coverage of exchangeable errors.
 *
 * @example conformalQuantiles([[1, 2, 3, 4]], [0.25, 0.75]) // [[1, 4]]: floor(5/4) = 1st, ceil(15/4) = 4th
 */
export function conformalQuantiles(errors: readonly (readonly number[])[], probabilities: readonly number[]): number[][] {
  return errors.map((row) => {
    const sorted = Float64Array.from(row).sort();
    const n = sorted.length;
    return probabilities.map((p) => {
      const rank = p < 0.5 ? Math.floor((n + 1) * p) : Math.ceil((n + 1) * p);
      return sorted[Math.min(n, Math.max(1, rank)) - 1];
    });
  });
}

/**
 * Type-7 quantiles smoothed across horizons: per probability, a least-squares line through log |q_h| against
 * log h (a power law in h, as the widths grow), where that quantile has one sign at every horizon.
 *
 * @example smoothedQuantiles([[1], [2], [3]], [0.9]) // q_h = c · h^g through (1, 1), (2, 2), (3, 3): ≈ [[1], [2], [3]]
 */
export function smoothedQuantiles(errors: readonly (readonly number[])[], probabilities: readonly number[]): number[][] {
  const raw = scaledErrorQuantiles(errors, probabilities);
  const x = raw.map((_, k) => Math.log(k + 1));
  const xm = x.reduce((a, b) => a + b, 0) / x.length;
  const out = raw.map((row) => [...row]);
  for (let j = 0; j < probabilities.length; j++) {
    const column = raw.map((row) => row[j]);
    const sign = Math.sign(column[0]);
    if (sign === 0 || column.some((q) => Math.sign(q) !== sign)) continue;
    const z = column.map((q) => Math.log(Math.abs(q)));
    const zm = z.reduce((a, b) => a + b, 0) / z.length;
    const slope = x.reduce((a, xi, k) => a + (xi - xm) * (z[k] - zm), 0) / x.reduce((a, xi) => a + (xi - xm) ** 2, 0);
    for (let k = 0; k < raw.length; k++) out[k][j] = sign * Math.exp(zm + slope * (x[k] - xm));
  }
  return out;
}

/** Errors landing in the last `targets` years by horizon, scaled by the last `recent` changes (all when undefined). */
function nearEnd(targets: number, recent: number | undefined, quantiles?: Quantiles, note = ''): (typeof CALIBRATIONS)[number] {
  const scale = recent === undefined ? 'whole-history scale' : `recent ${recent}-change scale`;
  return { label: `last ${targets} years by horizon, ${scale}${note}`, errors: (y, m) => scaledErrorsNearEnd(y, m, H, targets, MIN_FIT, recent), recent, quantiles };
}

/**
 * Ways to collect calibration errors (scripts/calibrate-intervals.ts), one free choice changed at a time: the
 * shipped one first, then other target spans, scales, quantile rules, then the earlier designs.
 */
export const CALIBRATIONS: { label: string; errors: (histories: number[][], method: Method) => number[][]; recent?: number; quantiles?: Quantiles }[] = [
  nearEnd(TARGETS, RECENT, undefined, ' (shipped)'),
  ...[1, 3, 6, 40].filter((t) => t !== TARGETS).map((t) => nearEnd(t, RECENT, undefined, t === 3 ? ' (shipped before)' : '')),
  ...[4, 8, undefined].map((r) => nearEnd(TARGETS, r)),
  nearEnd(TARGETS, RECENT, conformalQuantiles, ', split-conformal order statistics'),
  nearEnd(TARGETS, RECENT, smoothedQuantiles, ', quantiles smoothed across horizons'),
  nearEnd(3, RECENT, conformalQuantiles, ', split-conformal order statistics'),
  nearEnd(3, RECENT, smoothedQuantiles, ', quantiles smoothed across horizons'),
  nearEnd(3, undefined),
  { label: `${ORIGINS} latest 6-year windows, recent ${RECENT}-change scale`, errors: (y, m) => scaledErrors(y, m, H, ORIGINS, MIN_FIT, RECENT), recent: RECENT },
  { label: `${ORIGINS} latest 6-year windows, whole-history scale (first)`, errors: (y, m) => scaledErrors(y, m, H, ORIGINS, MIN_FIT) },
  { label: 'every 6-year window, whole-history scale', errors: (y, m) => scaledErrors(y, m, H, 40, MIN_FIT) },
];

/**
 * `method` with each fit kept by its history, so that the many tables and pseudo-tests below, which forecast
 * from the same prefixes of the same series again and again, fit each prefix once.
 */
export function memoized(method: Method): Method {
  const fits = new Map<string, ReturnType<Method['fit']>>();
  return {
    name: method.name,
    minLength: method.minLength,
    fit(y, options) {
      if (options !== undefined) return method.fit(y, options);
      const key = y.join(',');
      let fitted = fits.get(key);
      if (fitted === undefined) fits.set(key, (fitted = method.fit(y)));
      return fitted;
    },
  };
}

/** A table of `method`'s errors on the train parts of `series`, collected as `calibration` says (80 % and 95 % only). */
function calibrationTableOf(series: readonly BenchSeries[], calibration: (typeof CALIBRATIONS)[number], method: Method = getMethod('auto')): CalibrationTable {
  const errors = calibration.errors(series.map((s) => s.train), method);
  const probabilities = [0.025, 0.1, 0.9, 0.975];
  return { method: method.name, source: calibration.label, probabilities, quantiles: (calibration.quantiles ?? scaledErrorQuantiles)(errors, probabilities), counts: errors.map((e) => e.length), maxLength: Math.max(...series.map((s) => s.train.length + s.test.length)), recentChanges: calibration.recent };
}

/** Each series' train part cut `back` years before its end: history before the cut, the next H years as pseudo-test. */
export function pseudoTest(series: readonly BenchSeries[], back: number, minHistory: number): BenchSeries[] {
  return series
    .map((s) => ({ id: s.id, train: s.train.slice(0, s.train.length - back), test: s.train.slice(s.train.length - back, s.train.length - back + H) }))
    .filter((s) => s.train.length >= minHistory && s.test.length === H);
}

/**
 * How the calibration was chosen without the test years: split each M3 train part again (inner history = train
 * minus its last 6 years, pseudo-test = those 6), learn a table on the inner histories as `calibration` says,
 * and measure its coverage and MSIS on the pseudo-test years.
 */
export function innerValidation(series: readonly BenchSeries[], method: Method, calibration: (typeof CALIBRATIONS)[number]): Quality {
  const inner = pseudoTest(series, H, 2);
  return intervalQuality(inner, calibrated(method, { ...calibrationTableOf(inner, calibration, method), maxLength: undefined }));
}

/** Pseudo-test cuts of the rolling validation: 6 … 12 years before the end of the train part. */
export const ROLLING_BACKS = [6, 7, 8, 9, 10, 11, 12];
/** Shortest history before a cut (the shortest M3 yearly train part is 14 years). */
export const ROLLING_MIN_HISTORY = 8;

export interface Rolling {
  /** Pooled 80 % and 95 % coverage and MSIS at each cut of ROLLING_BACKS. */
  cuts: { back: number; series: number; cover80: number; cover95: number; msis: number }[];
  /** Their means, and the mean distance |cover80 − 80| + |cover95 − 95| over the cuts. */
  cover80: number;
  cover95: number;
  msis: number;
  distance: number;
}

/**
 * The rolling validation: the inner validation repeated at every cut of ROLLING_BACKS, each with its own table
 * learned on the histories before the cut, so that the choice rests on seven pseudo-test periods, not one.
 */
export function rollingValidation(series: readonly BenchSeries[], method: Method, calibration: (typeof CALIBRATIONS)[number]): Rolling {
  const cuts = ROLLING_BACKS.map((back) => {
    const inner = pseudoTest(series, back, ROLLING_MIN_HISTORY);
    const q = intervalQuality(inner, calibrated(method, { ...calibrationTableOf(inner, calibration, method), maxLength: undefined }));
    return { back, series: inner.length, cover80: q.pooled[80], cover95: q.pooled[95], msis: q.msis };
  });
  const mean = (f: (c: (typeof cuts)[number]) => number) => cuts.reduce((a, c) => a + f(c), 0) / cuts.length;
  return { cuts, cover80: mean((c) => c.cover80), cover95: mean((c) => c.cover95), msis: mean((c) => c.msis), distance: mean((c) => Math.abs(c.cover80 - 80) + Math.abs(c.cover95 - 95)) };
}

const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '');

function printRows(title: string, rows: { label: string; q: Quality }[]): void {
  console.log(`\n${title}`);
  const header = ['method / intervals', ...Array.from({ length: H }, (_, k) => `80% h${k + 1}`), '80% 1-6', ...Array.from({ length: H }, (_, k) => `95% h${k + 1}`), '95% 1-6', 'MSIS', 'fail'];
  const table = rows.map(({ label, q }) => [label, ...q.byHorizon[80].map((v) => fmt(v)), fmt(q.pooled[80]), ...q.byHorizon[95].map((v) => fmt(v)), fmt(q.pooled[95]), fmt(q.msis, 2), String(q.failures)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const r of table) console.log(line(r));
}

function printRolling(title: string, rows: { label: string; r: Rolling }[]): void {
  console.log(`\n${title}`);
  const header = ['calibration', ...ROLLING_BACKS.map((b) => `cut ${b}: 80/95`), 'mean 80', 'mean 95', 'MSIS', 'distance'];
  const table = rows.map(({ label, r }) => [label, ...r.cuts.map((c) => `${fmt(c.cover80)}/${fmt(c.cover95)}`), fmt(r.cover80), fmt(r.cover95), fmt(r.msis, 2), fmt(r.distance, 2)]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(line(header));
  for (const t of table) console.log(line(t));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flagValues = (flag: string) => argv.flatMap((a, i) => (a === flag && argv[i + 1] !== undefined ? [argv[i + 1]] : []));
  const names = (flagValues('--method')[0] ?? 'auto').split(',');
  const positional = argv.filter((a, i) => !a.startsWith('--') && !['--method', '--extra'].includes(argv[i - 1]));
  const m3Path = resolve(positional[0] ?? process.env.M3_CSV ?? DEFAULT_M3);
  const modes: IntervalMode[] = ['calibrated', 'model'];
  const variants = names.flatMap((n) => modes.map((mode) => ({ label: `${n} ${mode}`, method: withIntervals([getMethod(n)], mode)[0] })));
  const results: Record<string, Record<string, Quality>> = {};
  const rollingResults: Record<string, unknown> = {};
  const run = (set: string, series: BenchSeries[]) => {
    const rows = variants.map((v) => ({ label: v.label, q: intervalQuality(series, v.method) }));
    results[set] = Object.fromEntries(rows.map((r) => [r.label, r.q]));
    return rows;
  };

  const m3 = readM3(m3Path);
  printRows(`M3 yearly: ${m3.length} series, horizon ${H} (${m3Path}); coverage in %, target 78-82 (80 %) and 93-97 (95 %), MSIS <= 28`, run('M3 yearly', m3));
  console.log('R forecast 8.20 model-based, same data (RESULTS.md): ' + R_INTERVALS.map((r) => `${r.method} ${r.cover80} / ${r.cover95} / MSIS ${r.msis}`).join('; '));
  if (names.includes('auto')) {
    const auto = memoized(getMethod('auto'));
    const rows = CALIBRATIONS.map((c) => ({ label: c.label, q: innerValidation(m3, auto, c) }));
    printRows('Choosing the calibration on the train rows only (pseudo-test: the last 6 train years; tables from the years before)', rows);
    results['inner validation'] = Object.fromEntries(rows.map((r) => [r.label, r.q]));
    const rolling = CALIBRATIONS.map((c) => ({ label: c.label, r: rollingValidation(m3, auto, c) }));
    printRolling(`Rolling validation on the train rows only: pseudo-test = the 6 years after a cut ${ROLLING_BACKS[0]}-${ROLLING_BACKS[ROLLING_BACKS.length - 1]} years before the train end (history >= ${ROLLING_MIN_HISTORY} years), a table per cut from the years before it`, rolling);
    rollingResults.auto = Object.fromEntries(rolling.map((x) => [x.label, x.r]));
    // The same (shipped) calibration for two methods never tuned on the M3 test years: is the test years' gap auto's or the period's?
    const shipped = CALIBRATIONS[0];
    console.log('\nThe shipped calibration for other methods, each with its own table: rolling validation (mean, and the cut 6 years back) against the M3 test years, pooled 80 % / 95 % / MSIS');
    for (const name of ['auto', 'naive', 'theta']) {
      const method = name === 'auto' ? auto : memoized(getMethod(name));
      const r = name === 'auto' ? rolling[0].r : rollingValidation(m3, method, shipped);
      const q = intervalQuality(m3, calibrated(method, calibrationTableOf(m3, shipped, method)));
      const last = r.cuts[0];
      console.log(`  ${name.padEnd(6)} rolling mean ${fmt(r.cover80)} / ${fmt(r.cover95)} / ${fmt(r.msis, 2)}; cut 6: ${fmt(last.cover80)} / ${fmt(last.cover95)} / ${fmt(last.msis, 2)}; M3 test: ${fmt(q.pooled[80])} / ${fmt(q.pooled[95])} / ${fmt(q.msis, 2)}`);
      rollingResults[`${name} shipped vs test`] = { rolling: r, test: { cover80: q.pooled[80], cover95: q.pooled[95], msis: q.msis } };
    }
  }
  for (const { name, series } of simulatedSets(400, SIMULATION_SEED)) {
    printRows(`simulated ${name}: ${series.length} series (seed ${SIMULATION_SEED})`, run(`simulated ${name}`, series));
  }
  // The procedure itself on known processes: a table learned as shipped on 400 series of each process (their
  // train parts), applied to 400 fresh series of the same process.
  if (names.includes('auto')) {
    const auto = memoized(getMethod('auto'));
    const fresh = simulatedSets(400, SIMULATION_SEED + 1);
    const rows = simulatedSets(400, SIMULATION_SEED).map(({ name, series }, i) => {
      const table = { ...calibrationTableOf(series, CALIBRATIONS[0], auto), maxLength: undefined };
      return { label: name, q: intervalQuality(fresh[i].series, calibrated(auto, table)) };
    });
    printRows(`auto, calibrated as shipped but on each simulated process itself (tables from seed ${SIMULATION_SEED}, 400 fresh series of seed ${SIMULATION_SEED + 1})`, rows);
    results['simulated, own tables'] = Object.fromEntries(rows.map((r) => [r.label, r.q]));
  }
  const extras = flagValues('--extra').map((extra) => ({ name: extra, series: readExtra(resolve(extra)) }));
  for (const { name, series } of extras) {
    const rows = run(name, series);
    if (names.includes('auto')) {
      // Whether M3's table would transfer to the long series that keep their model bands (longer than any M3 series).
      const everyLength = calibrated(getMethod('auto'), { ...shippedCalibration('auto')!, maxLength: undefined });
      const q = intervalQuality(series, everyLength);
      rows.push({ label: 'auto calibrated, M3 table at every length', q });
      results[name][rows[rows.length - 1].label] = q;
    }
    printRows(`${name}: ${series.length} series`, rows);
  }
  if (argv.includes('--compare-calibrations') && names.includes('auto')) {
    console.log('\nEvery way of calibrating, learned on the M3 train rows, pooled 80 % / 95 % coverage and MSIS (after the choice; not used to make it)');
    const auto = memoized(getMethod('auto'));
    for (const c of CALIBRATIONS) {
      const method = calibrated(auto, calibrationTableOf(m3, c, auto));
      const sets = [{ name: 'M3 test', series: m3 }, ...simulatedSets(400, SIMULATION_SEED), ...extras];
      console.log(`${c.label}\n  ${sets.map(({ name, series }) => { const q = intervalQuality(series, method); return `${name}: ${fmt(q.pooled[80])} / ${fmt(q.pooled[95])} / ${fmt(q.msis, 2)}`; }).join('\n  ')}`);
    }
  }
  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'intervals.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, m3: m3Path, horizon: H, results, rolling: rollingResults, rReference: R_INTERVALS }, null, 2)}\n`);
  console.log('\nwritten: bench/results/intervals.json');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
