// `npm run bench:interval-candidates`: calibrations of `auto`'s intervals that adapt the width to the series'
// own current state, tried beside the shipped one (bench/intervals.ts, CALIBRATIONS[0]) by the same rolling
// validation on the M3 train rows only (pseudo-test cuts 6-12 years before the train end; distance
// |cover80 - 80| + |cover95 - 95|, mean over the cuts). Each candidate is (a) a scale for the errors at horizon h,
// possibly including the disagreement of auto's members (naive, ses, drift, holt, damped) at h, and (b)
// optionally groups of comparable origins by a feature known at the origin (bins with equal counts of the
// learning errors; a group with fewer than MIN_GROUP errors at a horizon uses the pooled quantiles: Mondrian
// conformal). The M3 test years are scored once per candidate after the validation, for the record only.
//
//   npm run bench:interval-candidates                                   rolling validation, then M3 test years
//   npm run bench:interval-candidates -- --only 0,5 --extra bench/data/econ-series.csv
//   npm run bench:interval-candidates -- --widen-grid     also each candidate at its best uniform widening
//   npm run bench:interval-candidates -- --only 4 --bootstrap 40   noise of the distance difference over series
// Results: bench/results/interval-candidates.json. Figures and the choice: bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_M3, MIN_FIT, readM3, RECENT, TARGETS, type BenchSeries } from '../scripts/calibrate-intervals.js';
import { AUTO_COMPONENTS } from '../src/forecast/auto.js';
import { calibrationScale, scaledErrorQuantiles } from '../src/forecast/calibrated.js';
import { maseScale } from '../src/forecast/accuracy.js';
import { Rng } from '../src/forecast/random.js';
import { getMethod } from '../src/forecast/registry.js';
import { quantileSorted } from '../src/stats/quantile.js';
import type { Fitted, Method } from '../src/forecast/types.js';
import { intervalQuality, memoized, pseudoTest, readExtra, ROLLING_BACKS, ROLLING_MIN_HISTORY, type Quality, type Rolling } from './intervals.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const H = 6;
const PROBABILITIES = [0.025, 0.1, 0.9, 0.975];
const LEVELS = [80, 95];

/** What is known at a forecast origin: the history, auto's point forecasts and its five members' (H years). */
export interface Origin {
  y: readonly number[];
  mean: readonly number[];
  /** members[i][k]: member i's forecast at horizon k + 1. */
  members: readonly (readonly number[])[];
  /** The median of the members' one-step in-sample fitted values (auto's own where it is their median). */
  fitted: readonly number[];
}

const auto = memoized(getMethod('auto'));
const origins = new Map<string, Origin | null>();

/** The origin at history y (memoized): auto's forecast, its five members' and their in-sample fitted median. */
export function originOf(y: readonly number[]): Origin | undefined {
  const key = y.join(',');
  const known = origins.get(key);
  if (known !== undefined) return known ?? undefined;
  let o: Origin | null = null;
  try {
    const fits = AUTO_COMPONENTS.map((m) => m.fit(y));
    const members = fits.map((f) => f.forecast(H, { levels: [80] }).mean);
    const fitted = y.map((_, t) => {
      const v = fits.map((f) => f.fitted[t]);
      return v.every(Number.isFinite) ? v.sort((a, b) => a - b)[2] : Number.NaN;
    });
    // auto's own forecast (whatever its rule), not the members' median: the errors are auto's.
    const mean = auto.fit(y).forecast(H, { levels: [80] }).mean;
    if (mean.every(Number.isFinite) && members.every((m) => m.every(Number.isFinite))) o = { y, mean, members, fitted };
  } catch {
    o = null;
  }
  origins.set(key, o);
  return o ?? undefined;
}

/** Range (max − min) of the members' forecasts at horizon k + 1. */
const memberRange = (o: Origin, k: number) => {
  const v = o.members.map((m) => m[k]);
  return Math.max(...v) - Math.min(...v);
};
/** The members' disagreement per year ahead: their range at horizon k + 1 over k + 1 (a slope disagreement). */
const spreadPerYear = (o: Origin, k: number) => memberRange(o, k) / (k + 1);
const recentScale = (o: Origin) => calibrationScale(o.y, RECENT);
/** Mean absolute one-step in-sample error of the members' median over the last RECENT years (undefined if 0). */
const fitErrorScale = (o: Origin) => {
  const e: number[] = [];
  for (let t = o.y.length - 1; t >= 0 && e.length < RECENT; t--) if (Number.isFinite(o.fitted[t])) e.push(Math.abs(o.y[t] - o.fitted[t]));
  const m = e.length > 0 ? e.reduce((a, b) => a + b, 0) / e.length : 0;
  return m > 0 ? m : undefined;
};
/** Mean absolute change of the changes over the last RECENT of them (undefined if 0 or too short). */
const accelerationScale = (o: Origin) => {
  const d2: number[] = [];
  for (let t = o.y.length - 1; t >= 2 && d2.length < RECENT; t--) d2.push(Math.abs(o.y[t] - 2 * o.y[t - 1] + o.y[t - 2]));
  const m = d2.length > 0 ? d2.reduce((a, b) => a + b, 0) / d2.length : 0;
  return m > 0 ? m : undefined;
};
/** Mean absolute change over k + 1 years, over the last RECENT such changes (overlapping; undefined if 0). */
const spanScale = (o: Origin, k: number) => {
  const d: number[] = [];
  for (let t = o.y.length - 1; t - k - 1 >= 0 && d.length < RECENT; t--) d.push(Math.abs(o.y[t] - o.y[t - k - 1]));
  const m = d.length > 0 ? d.reduce((a, b) => a + b, 0) / d.length : 0;
  return m > 0 ? m : undefined;
};
/** Scale s from the recent changes and another one r, combined by `how` (s alone where r is undefined). */
const withOther = (other: (o: Origin) => number | undefined, how: (s: number, r: number) => number) => (o: Origin) => {
  const s = recentScale(o);
  const r = other(o);
  return s === undefined ? undefined : r === undefined ? s : how(s, r);
};

export interface Candidate {
  label: string;
  /** The scale errors at horizon k + 1 are divided by; undefined: no calibrated interval at this origin. */
  scale(o: Origin, k: number): number | undefined;
  /** A feature of the origin known before the outcome, binned into `bins` groups of equal learning counts. */
  feature?: (o: Origin, k: number) => number;
  bins?: number;
  minGroup?: number;
  /** A control, not a rule: the learned quantiles multiplied by this factor when applied. */
  widen?: number;
}

const MIN_GROUP = 300;
/** Uniform widening factors tried per candidate with --widen-grid. */
const BOOTSTRAP_SEED = 20261206;
const WIDEN_GRID = [0.96, 0.98, 1, 1.02, 1.04, 1.06, 1.08, 1.1, 1.12, 1.14];

/** Standard deviation (n − 1) of the members' forecasts at horizon k + 1, per year ahead. */
const sdPerYear = (o: Origin, k: number) => {
  const v = o.members.map((m) => m[k]);
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)) / (k + 1);
};

/** Scale from the recent changes s and the members' spread per year d, combined by `how`. */
function withSpread(how: (s: number, d: number) => number, spread = spreadPerYear) {
  return (o: Origin, k: number) => {
    const s = recentScale(o);
    return s === undefined ? undefined : how(s, spread(o, k));
  };
}

const positive = (x: number) => (Number.isFinite(x) && x > 0 ? x : undefined);

/** Features known at the origin, for groups (b). */
const FEATURES = {
  /** Years of history. */
  length: (o: Origin) => o.y.length,
  /** Recent volatility relative to level: the recent-change scale over |last value|. */
  volatility: (o: Origin) => (recentScale(o) ?? 0) / Math.max(Math.abs(o.y[o.y.length - 1]), 1e-9),
  /** Trend strength: |net change| over the sum of absolute changes, whole history (1 = monotone). */
  trend: (o: Origin) => Math.abs(o.y[o.y.length - 1] - o.y[0]) / ((o.y.length - 1) * (maseScale(o.y) ?? Number.POSITIVE_INFINITY)),
  /** The members' spread per year relative to the recent-change scale. */
  spread: (o: Origin, k: number) => spreadPerYear(o, k) / (recentScale(o) ?? Number.POSITIVE_INFINITY),
  /** Calm now against the series' own history: recent-change scale over the whole history's. */
  calm: (o: Origin) => (recentScale(o) ?? 0) / (maseScale(o.y) ?? Number.POSITIVE_INFINITY),
};

const grouped = (label: string, feature: Candidate['feature'], bins = 3, minGroup = MIN_GROUP): Candidate => ({ label, scale: (o) => recentScale(o), feature, bins, minGroup });

/** The candidates, in the order they were run; the shipped calibration first. */
export const CANDIDATES: Candidate[] = [
  { label: 'shipped: last 10 years, last 6 changes', scale: (o) => recentScale(o) },
  // (a) scales including the members' disagreement
  { label: '(a) members spread only (range at h)', scale: (o, k) => positive(memberRange(o, k)) ?? recentScale(o) },
  { label: '(a) max(recent scale, spread per year)', scale: withSpread((s, d) => Math.max(s, d)) },
  { label: '(a) mean(recent scale, spread per year)', scale: withSpread((s, d) => (s + d) / 2) },
  { label: '(a) root-sum-square(recent scale, spread per year)', scale: withSpread((s, d) => Math.hypot(s, d)) },
  grouped('(a) recent scale, quantiles by spread/scale ratio (3 bins)', FEATURES.spread),
  grouped('(a) recent scale, quantiles by spread/scale ratio (5 bins)', FEATURES.spread, 5),
  // (b) groups of comparable origins (Mondrian), recent scale
  grouped('(b) groups by history length (3 bins)', FEATURES.length),
  grouped('(b) groups by recent volatility / level (3 bins)', FEATURES.volatility),
  grouped('(b) groups by trend strength (3 bins)', FEATURES.trend),
  grouped('(b) groups by recent / whole-history change scale (3 bins)', FEATURES.calm),
  // second round: the two best scales of (a) varied one choice at a time
  { label: '(a) root-sum-square(recent scale, members sd per year)', scale: withSpread((s, d) => Math.hypot(s, d), sdPerYear) },
  { label: '(a) max(recent scale, members sd per year)', scale: withSpread((s, d) => Math.max(s, d), sdPerYear) },
  { label: '(a) root-sum-square(recent scale, half the spread per year)', scale: withSpread((s, d) => Math.hypot(s, d / 2)) },
  { label: '(a) root-sum-square(recent scale, twice the spread per year)', scale: withSpread((s, d) => Math.hypot(s, 2 * d)) },
  { label: '(c) geometric mean(recent scale, spread per year), recent scale where members agree', scale: withSpread((s, d) => (d > 0 ? Math.sqrt(s * d) : s)) },
  { ...grouped('(a)+(b) root-sum-square scale, quantiles by spread/scale ratio (3 bins)', FEATURES.spread), scale: withSpread((s, d) => Math.hypot(s, d)) },
  { ...grouped('(a)+(b) root-sum-square scale, groups by history length (3 bins)', FEATURES.length), scale: withSpread((s, d) => Math.hypot(s, d)) },
  // controls: is a gain adaptivity or only width? The shipped table, widened uniformly
  { label: 'control: shipped table widened by 3 %', scale: (o) => recentScale(o), widen: 1.03 },
  { label: 'control: shipped table widened by 6 %', scale: (o) => recentScale(o), widen: 1.06 },
  // (c) predictability now rather than movement: a steady trend moves a lot but is easy to forecast
  { label: "(c) auto's in-sample one-step errors, last 6 years", scale: (o) => fitErrorScale(o) ?? recentScale(o) },
  { label: "(c) root-sum-square(recent scale, in-sample error scale)", scale: withOther(fitErrorScale, Math.hypot) },
  { label: '(c) changes of the changes (second differences), last 6', scale: (o) => accelerationScale(o) ?? recentScale(o) },
  { label: '(c) mean(recent scale, second-difference scale)', scale: withOther(accelerationScale, (s, r) => (s + r) / 2) },
  // (c) the series' own h-year changes: how its movements add up over h years, not M3's average growth
  { label: '(c) recent h-year changes at horizon h (last 6)', scale: (o, k) => spanScale(o, k) ?? recentScale(o) },
  { label: '(c) root-sum-square(recent scale, recent h-year changes / h)', scale: (o, k) => withOther((x) => spanScale(x, k), (s, r) => Math.hypot(s, r / (k + 1)))(o) },
];

/** Learned quantiles: per horizon, the bin edges of the feature and per bin the quantiles (pooled if too few). */
interface Learned {
  candidate: Candidate;
  edges: number[][];
  quantiles: number[][][];
  counts: number[][];
}

/** The candidate's table learned on histories as the shipped table is (errors landing in the last TARGETS years). */
export function learn(candidate: Candidate, histories: readonly (readonly number[])[]): Learned {
  const errors: number[][] = Array.from({ length: H }, () => []);
  const features: number[][] = Array.from({ length: H }, () => []);
  for (const y of histories) {
    const last = y.length - 1;
    for (let n = last; n >= y.length - TARGETS - H + 1; n--) {
      if (n < MIN_FIT) break;
      const o = originOf(y.slice(0, n));
      if (o === undefined) continue;
      for (let k = 0; k < H; k++) {
        const t = n + k;
        if (t > last) break;
        if (t < y.length - TARGETS) continue;
        const s = candidate.scale(o, k);
        if (s === undefined || !(s > 0)) continue;
        errors[k].push((y[t] - o.mean[k]) / s);
        if (candidate.feature) features[k].push(candidate.feature(o, k));
      }
    }
  }
  const bins = candidate.feature ? (candidate.bins ?? 3) : 1;
  const groups = errors.map((e, k) => groupQuantiles(e, candidate.feature ? features[k] : e.map(() => 0), bins, candidate.minGroup ?? MIN_GROUP, PROBABILITIES));
  return { candidate, edges: groups.map((g) => g.edges), quantiles: groups.map((g) => g.quantiles), counts: groups.map((g) => g.counts) };
}

/**
 * Mondrian quantiles at one horizon: the feature cut into `bins` groups of equal counts (edges at its type-7
 * quantiles i / bins; a value equal to an edge falls below it), type-7 quantiles of each group's errors, the
 * pooled ones for a group with fewer than `minGroup` errors.
 *
 * @example groupQuantiles([1, 2, 3, 10], [0, 0, 1, 1], 2, 2, [0.5]) // edges [0.5], quantiles [[1.5], [6.5]]
 */
export function groupQuantiles(errors: readonly number[], features: readonly number[], bins: number, minGroup: number, probabilities: readonly number[]): { edges: number[]; quantiles: number[][]; counts: number[] } {
  const [pooled] = scaledErrorQuantiles([errors], probabilities);
  if (bins === 1) return { edges: [], quantiles: [pooled], counts: [errors.length] };
  const sortedF = Float64Array.from(features).sort();
  const edges = Array.from({ length: bins - 1 }, (_, b) => quantileSorted(sortedF, (b + 1) / bins));
  const byBin: number[][] = Array.from({ length: bins }, () => []);
  for (let i = 0; i < errors.length; i++) byBin[binOf(edges, features[i])].push(errors[i]);
  return {
    edges,
    quantiles: byBin.map((b) => (b.length >= minGroup ? scaledErrorQuantiles([b], probabilities)[0] : pooled)),
    counts: byBin.map((b) => b.length),
  };
}

/** The group of feature value x: the number of edges below it. */
export function binOf(edges: readonly number[], x: number): number {
  let b = 0;
  while (b < edges.length && x > edges[b]) b++;
  return b;
}

/** auto with the learned calibration: its forecast, intervals mean + scale × quantile of the origin's group. */
export function calibratedBy(table: Learned, maxLength?: number): Method {
  return {
    name: 'auto',
    minLength: 1,
    fit(y): Fitted {
      const known = maxLength !== undefined && y.length > maxLength ? undefined : originOf(y);
      // Where there is no scale (no change at all) the model bands stay, as in src/forecast/calibrated.ts.
      const o = known !== undefined && recentScale(known) !== undefined ? known : undefined;
      const model = o === undefined ? auto.fit(y) : undefined;
      return {
        method: 'auto',
        fitted: [],
        residuals: [],
        params: {},
        forecast(h, options) {
          if (model !== undefined) return model.forecast(h, options);
          const levels = options?.levels ?? LEVELS;
          const bound = (k: number, p: number) => {
            const s = table.candidate.scale(o!, k);
            if (s === undefined || !(s > 0)) return Number.NaN;
            const g = table.candidate.feature ? binOf(table.edges[k], table.candidate.feature(o!, k)) : 0;
            const q = table.quantiles[k][g];
            return o!.mean[k] + s * (table.candidate.widen ?? 1) * q[PROBABILITIES.indexOf(p)];
          };
          const ks = Array.from({ length: h }, (_, k) => k);
          return {
            method: 'auto',
            mean: o!.mean.slice(0, h),
            intervals: levels.map((level) => {
              const tail = Number(((100 - level) / 200).toFixed(4));
              return { level, lower: ks.map((k) => bound(k, tail)), upper: ks.map((k) => bound(k, Number((1 - tail).toFixed(4)))) };
            }),
          };
        },
      };
    },
  };
}

/** The rolling validation of bench/intervals.ts with the candidate's table learned before each cut. */
export function rolling(series: readonly BenchSeries[], candidate: Candidate): Rolling {
  const cuts = ROLLING_BACKS.map((back) => {
    const inner = pseudoTest(series, back, ROLLING_MIN_HISTORY);
    const q = intervalQuality(inner, calibratedBy(learn(candidate, inner.map((s) => s.train))));
    return { back, series: inner.length, cover80: q.pooled[80], cover95: q.pooled[95], msis: q.msis };
  });
  const mean = (f: (c: (typeof cuts)[number]) => number) => cuts.reduce((a, c) => a + f(c), 0) / cuts.length;
  return { cuts, cover80: mean((c) => c.cover80), cover95: mean((c) => c.cover95), msis: mean((c) => c.msis), distance: mean((c) => Math.abs(c.cover80 - 80) + Math.abs(c.cover95 - 95)) };
}

const cutDistance = (c: Rolling['cuts'][number]) => Math.abs(c.cover80 - 80) + Math.abs(c.cover95 - 95);
const mean = (x: readonly number[]) => x.reduce((a, b) => a + b, 0) / x.length;
const sd = (x: readonly number[]) => Math.sqrt(x.reduce((a, b) => a + (b - mean(x)) ** 2, 0) / (x.length - 1));
const fmt = (x: number, d = 1) => (Number.isFinite(x) ? x.toFixed(d) : '');
const byH = (q: Quality, level: number) => q.byHorizon[level].map((v) => fmt(v)).join(' ');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flagValues = (flag: string) => argv.flatMap((a, i) => (a === flag && argv[i + 1] !== undefined ? [argv[i + 1]] : []));
  const only = flagValues('--only')[0]?.split(',').map(Number);
  const positional = argv.filter((a, i) => !a.startsWith('--') && !['--only', '--extra', '--bootstrap'].includes(argv[i - 1]));
  const m3 = readM3(resolve(positional[0] ?? process.env.M3_CSV ?? DEFAULT_M3));
  const maxLength = Math.max(...m3.map((s) => s.train.length + s.test.length));
  const extras = flagValues('--extra').map((extra) => ({ name: extra, series: readExtra(resolve(extra)) }));
  const chosen = CANDIDATES.map((c, i) => ({ c, i })).filter(({ i }) => only === undefined || only.includes(i));
  const out: Record<string, unknown> = {};
  console.log('Rolling validation (M3 train rows only), then the M3 test years (after, for the record): 80 / 95 / MSIS');
  const base = rolling(m3, CANDIDATES[0]);
  for (const { c, i } of chosen) {
    const t0 = Date.now();
    const r = i === 0 ? base : rolling(m3, c);
    const table = learn(c, m3.map((s) => s.train));
    const test = intervalQuality(m3, calibratedBy(table, maxLength));
    console.log(`[${i}] ${c.label}`);
    console.log(`  rolling: cuts 80 % ${r.cuts.map((x) => fmt(x.cover80)).join(' ')} | mean ${fmt(r.cover80)} / ${fmt(r.cover95)} / ${fmt(r.msis, 2)} | distance ${fmt(r.distance, 2)}`);
    const d = r.cuts.map(cutDistance);
    const diff = d.map((x, j) => x - cutDistance(base.cuts[j]));
    console.log(`  distance by cut ${d.map((x) => fmt(x, 2)).join(' ')}; minus the shipped one's: ${diff.map((x) => fmt(x, 2)).join(' ')} (mean ${fmt(mean(diff), 2)}, sd ${fmt(sd(diff), 2)}, lower at ${diff.filter((x) => x < 0).length} of ${diff.length} cuts)`);
    console.log(`  M3 test: 80 % ${byH(test, 80)} | ${fmt(test.pooled[80])}; 95 % ${byH(test, 95)} | ${fmt(test.pooled[95])}; MSIS ${fmt(test.msis, 2)}`);
    const extraQ: Record<string, Quality> = {};
    for (const { name, series } of extras) {
      const q = (extraQ[name] = intervalQuality(series, calibratedBy(table, maxLength)));
      console.log(`  ${name} (${series.length} cuts): 80 % ${byH(q, 80)} | ${fmt(q.pooled[80])}; 95 % ${byH(q, 95)} | ${fmt(q.pooled[95])}; MSIS ${fmt(q.msis, 2)}`);
    }
    let widened: { factor: number; distance: number; cover80: number; cover95: number; msis: number } | undefined;
    if (argv.includes('--widen-grid') && c.widen === undefined) {
      // Each candidate at its own best uniform widening, on the validation only: adaptivity compared at equal width.
      for (const factor of WIDEN_GRID) {
        const w = rolling(m3, { ...c, widen: factor });
        if (widened === undefined || w.distance < widened.distance) widened = { factor, distance: w.distance, cover80: w.cover80, cover95: w.cover95, msis: w.msis };
      }
      console.log(`  best uniform widening on the validation: x${widened!.factor.toFixed(2)}: ${fmt(widened!.cover80)} / ${fmt(widened!.cover95)} / ${fmt(widened!.msis, 2)} | distance ${fmt(widened!.distance, 2)}`);
    }
    let bootstrap: number[] | undefined;
    const reps = Number(flagValues('--bootstrap')[0] ?? 0);
    if (reps > 0 && i !== 0) {
      // Noise of the distance difference from the choice of series: the whole rolling validation (tables
      // re-learned) on series drawn with replacement, the same draws for the candidate and the shipped one.
      const rng = new Rng(BOOTSTRAP_SEED);
      bootstrap = Array.from({ length: reps }, () => {
        const draw = m3.map(() => m3[Math.floor((rng.nextUint32() / 2 ** 32) * m3.length)]);
        return rolling(draw, c).distance - rolling(draw, CANDIDATES[0]).distance;
      });
      const sorted = Float64Array.from(bootstrap).sort();
      console.log(`  bootstrap over series (${reps} draws, seed ${BOOTSTRAP_SEED}): distance minus the shipped one's ${fmt(mean(bootstrap), 2)}, sd ${fmt(sd(bootstrap), 2)}, 90 % within ${fmt(quantileSorted(sorted, 0.05), 2)} … ${fmt(quantileSorted(sorted, 0.95), 2)}`);
    }
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
    out[c.label] = { rolling: r, test, extras: extraQ, counts: table.counts, edges: table.edges, widened, bootstrap };
  }
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'interval-candidates.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, candidates: out }, null, 2)}\n`);
  console.log('\nwritten: bench/results/interval-candidates.json');
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
