// `npm run bench:m3-select`: can a combination that includes ARIMA, chosen honestly, beat auto's median on the
// M3 yearly series? Every candidate is chosen on the TRAIN rows only (each series' train years minus the last 6
// as history, those 6 years as outcomes: the validation split) and then scored once on the 6 test years from the
// full train rows (the test split), overall and by M3 category (m3_yearly_meta.csv), beside auto's median.
//
// Candidates, fixed before looking at any score: medians, horizon by horizon, of
//   base       naive, ses, drift, holt, damped (auto on every M3 series today)
//   base+A     base and an ARIMA A (six members)
//   base-X+A   base with one member X replaced by A
//   dsa        drift, ses and A
// for four ARIMAs A: auto.arima's stepwise search (arima), and the cheaper exhaustive searches over p, q <= 1
// (arima11), p <= 1, q = 0 (arima10) and p = q = 0 (arima00), each with d from the KPSS test and the constant
// chosen by AICc (arima.ts, ArimaSearch). Rules, each chosen on the validation split:
//   fixed      the candidate with the lowest validation sMAPE (also among the cheap ARIMAs only: the stepwise
//              search alone costs about 0.35x R's ets time, over auto's budget of 0.15x)
//   by d       per KPSS d of the history (0, 1, 2), the candidate with the lowest validation sMAPE in that group
//   by length  base below L years of history, the fixed choice from L on; L in 10..30 by validation sMAPE
//   by feature one candidate where a feature of the history (trend R², |mean change| / sd of the changes, lag-1
//              autocorrelation of the changes, sd of the changes / level) lies inside or outside a range between
//              two deciles of its validation values, base elsewhere: candidate, feature and range by validation sMAPE
// The feature rules are also chosen among those no worse than base in any category on the validation split.
// Last, as a bound and not a rule: whether ANY fixed candidate is no worse than base in every category on the test
// years (chosen on the test years, so not a result). The fixed and feature choices are also timed on the 645 test
// fits beside R's forecast(ets(y), h = 6) in the same run (bench/m3-r.R), as bench:m3 times auto.
//
//   npm run bench:m3-select [-- path/to/m3_yearly.csv] [--no-r]
// Not part of `npm test`.
import { FEATURE_NAMES, features, type Features } from './m3-features.js';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitArima, type ArimaSearch } from '../src/forecast/arima.js';
import { AUTO_COMPONENTS } from '../src/forecast/auto.js';
import { combine } from '../src/forecast/combine.js';
import { ndiffs } from '../src/forecast/arima/kpss.js';
import type { Method } from '../src/forecast/types.js';
import { readM3, type BenchSeries } from '../scripts/calibrate-intervals.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const csvPath = resolve(argv.find((a) => !a.startsWith('--')) ?? join(ROOT, '..', 'shared', 'benchmarks', 'm3-yearly', 'm3_yearly.csv'));
const H = 6;

type Series = BenchSeries;

function readCategories(path: string, series: Series[]): string[] {
  const lines = readFileSync(join(dirname(path), 'm3_yearly_meta.csv'), 'utf8').trim().split(/\r?\n/);
  const rows = lines.map((l) => l.split(',').map((f) => f.replace(/"/g, '')));
  const [cId, cCat] = [rows[0].indexOf('series_id'), rows[0].indexOf('category')];
  const byId = new Map(rows.slice(1).map((f) => [f[cId], f[cCat]]));
  return series.map((s) => byId.get(s.id) ?? '?');
}

const arimaWith = (name: string, search?: ArimaSearch): Method => ({ name, minLength: 1, fit: (y) => fitArima(y, search) });
const [naive, ses, drift, holt, damped] = AUTO_COMPONENTS;
const BASE = { naive, ses, drift, holt, damped };
const ARIMAS: Record<string, Method> = {
  arima: arimaWith('arima'),
  arima11: arimaWith('arima11', { maxP: 1, maxQ: 1 }),
  arima10: arimaWith('arima10', { maxP: 1, maxQ: 0 }),
  arima00: arimaWith('arima00', { maxP: 0, maxQ: 0 }),
};
const METHODS: Record<string, Method> = { ...BASE, ...ARIMAS };

/** The candidates: name → member method names (see the file comment). */
function candidates(): Map<string, string[]> {
  const base = Object.keys(BASE);
  const out = new Map<string, string[]>([['base', base]]);
  for (const a of Object.keys(ARIMAS)) {
    out.set(`base+${a}`, [...base, a]);
    for (const x of base) out.set(`base-${x}+${a}`, [...base.filter((m) => m !== x), a]);
    out.set(`dsa(${a})`, ['drift', 'ses', a]);
  }
  return out;
}

const smape = (y: readonly number[], f: readonly number[]): number => {
  let e = 0;
  for (let k = 0; k < H; k++) e += (200 * Math.abs(y[k] - f[k])) / (Math.abs(y[k]) + Math.abs(f[k])) / H;
  return e;
};
const median = (v: number[]): number => {
  const s = v.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : s[m - 1] / 2 + s[m] / 2;
};
const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

type Split = 'valid' | 'test';

/** Features of a history: trend R², |mean change| / sd of the changes, lag-1 autocorrelation of the changes, sd of the changes / |mean level|. */


/**
 * The (candidate, feature, decile range, inside/outside) rule with the lowest validation sMAPE; given categories,
 * only among rules no worse than base in any category on the validation split.
 */
function featureRule(
  pool: readonly string[],
  feats: readonly Features[],
  errorsOf: (candidate: string) => readonly number[],
  base: readonly number[],
  categories?: readonly string[],
): { candidate: string; feature: keyof Features; lo: number; hi: number; inside: boolean } {
  let best: { s: number; candidate: string; feature: keyof Features; lo: number; hi: number; inside: boolean } | undefined;
  for (const feature of FEATURE_NAMES) {
    const sorted = feats.map((x) => x[feature]).sort((a, b) => a - b);
    const cuts = [-Infinity, ...Array.from({ length: 9 }, (_, k) => sorted[Math.floor(((k + 1) / 10) * sorted.length)]), Infinity];
    for (const candidate of pool) {
      const e = errorsOf(candidate);
      for (let a = 0; a < cuts.length; a++) {
        for (let b = a + 1; b < cuts.length; b++) {
          for (const inside of [true, false]) {
            let sum = 0;
            const delta = new Map<string, number>();
            for (let i = 0; i < feats.length; i++) {
              const use = (feats[i][feature] >= cuts[a] && feats[i][feature] < cuts[b]) === inside;
              sum += use ? e[i] : base[i];
              if (use && categories) delta.set(categories[i], (delta.get(categories[i]) ?? 0) + e[i] - base[i]);
            }
            if (categories && [...delta.values()].some((v) => v > 1e-9)) continue;
            if (best === undefined || sum / feats.length < best.s) best = { s: sum / feats.length, candidate, feature, lo: cuts[a], hi: cuts[b], inside };
          }
        }
      }
    }
  }
  return best!;
}

function main(): void {
  let series: Series[];
  try {
    series = readM3(csvPath);
  } catch (e) {
    process.stderr.write(`bench:m3-select: ${(e as Error).message}\n`);
    process.exit(66);
  }
  const categories = readCategories(csvPath, series);
  const catNames = [...new Set(categories)].sort();
  const history: Record<Split, number[][]> = { valid: series.map((s) => s.train.slice(0, -H)), test: series.map((s) => s.train) };
  const outcome: Record<Split, number[][]> = { valid: series.map((s) => s.train.slice(-H)), test: series.map((s) => s.test) };
  const d: Record<Split, number[]> = { valid: history.valid.map((y) => ndiffs(y, 2)), test: history.test.map((y) => ndiffs(y, 2)) };

  // Each method's forecasts on both splits, and its time on the 645 test fits (after the validation fits warmed it).
  const fc: Record<string, Record<Split, number[][]>> = {};
  const seconds: Record<string, number> = {};
  for (const [name, m] of Object.entries(METHODS)) {
    const valid = history.valid.map((y) => m.fit(y).forecast(H).mean);
    const t0 = performance.now();
    const test = history.test.map((y) => m.fit(y).forecast(H).mean);
    seconds[name] = (performance.now() - t0) / 1000;
    fc[name] = { valid, test };
  }
  const cands = candidates();
  const errors = new Map<string, Record<Split, number[]>>();
  for (const [name, members] of cands) {
    const of = (split: Split): number[] =>
      series.map((_, i) => smape(outcome[split][i], Array.from({ length: H }, (_, k) => median(members.map((m) => fc[m][split][i][k])))));
    errors.set(name, { valid: of('valid'), test: of('test') });
  }
  const base = errors.get('base')!;
  const byCategory = (e: readonly number[]): Record<string, number> =>
    Object.fromEntries(catNames.map((c) => [c, mean(e.filter((_, i) => categories[i] === c))]));
  const baseCat = byCategory(base.test);
  const describe = (label: string, chosen: string, valid: number[], test: number[]): void => {
    const cat = byCategory(test);
    const worse = catNames.filter((c) => cat[c] > baseCat[c] + 1e-9);
    console.log(`${label}: ${chosen}`);
    console.log(`  validation sMAPE ${mean(valid).toFixed(3)} (base ${mean(base.valid).toFixed(3)}); test sMAPE ${mean(test).toFixed(3)} (base ${mean(base.test).toFixed(3)})`);
    console.log(`  test by category: ${catNames.map((c) => `${c} ${cat[c].toFixed(2)} (base ${baseCat[c].toFixed(2)})`).join(', ')}`);
    console.log(`  ${worse.length === 0 ? 'no category worse than base' : `worse than base in: ${worse.join(', ')}`}`);
  };
  const lowest = (score: (name: string) => number): string => [...cands.keys()].reduce((a, b) => (score(b) < score(a) ? b : a));

  console.log(`M3 yearly: ${series.length} series; validation = last ${H} train years from the train years before them; test = the ${H} test years`);
  console.log(`seconds for 645 test fits: ${Object.entries(seconds).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')}`);
  console.log(`single methods, test sMAPE: ${Object.keys(METHODS).map((m) => `${m} ${mean(series.map((_, i) => smape(outcome.test[i], fc[m].test[i]))).toFixed(2)}`).join(', ')}`);

  // Rule 1: one fixed combination.
  const fixed = lowest((c) => mean(errors.get(c)!.valid));
  describe('fixed (chosen on validation)', `${fixed} = median(${cands.get(fixed)!.join(', ')})`, errors.get(fixed)!.valid, errors.get(fixed)!.test);

  // Rule 1 within the time budget: the stepwise search alone costs about 0.35x R's ets time on M3.
  const cheap = [...cands.keys()].filter((c) => !cands.get(c)!.includes('arima')).reduce((a, b) => (mean(errors.get(b)!.valid) < mean(errors.get(a)!.valid) ? b : a));
  describe('fixed, cheap ARIMAs only (chosen on validation)', `${cheap} = median(${cands.get(cheap)!.join(', ')})`, errors.get(cheap)!.valid, errors.get(cheap)!.test);

  // Rule 2: one combination per KPSS d.
  const perD = [0, 1, 2].map((g) => lowest((c) => mean(errors.get(c)!.valid.filter((_, i) => d.valid[i] === g))));
  const ruleD = (split: Split): number[] => series.map((_, i) => errors.get(perD[d[split][i]])![split][i]);
  describe('by KPSS d (chosen on validation)', perD.map((c, g) => `d=${g}: ${c}`).join('; '), ruleD('valid'), ruleD('test'));

  // Rule 3: base on short histories, the fixed choice on longer ones.
  const ruleL = (split: Split, L: number): number[] => series.map((_, i) => errors.get(history[split][i].length >= L ? fixed : 'base')![split][i]);
  const lengths = Array.from({ length: 11 }, (_, k) => 10 + 2 * k);
  const bestL = lengths.reduce((a, b) => (mean(ruleL('valid', b)) < mean(ruleL('valid', a)) ? b : a));
  describe('by length (chosen on validation)', `base below ${bestL} years, ${fixed} from ${bestL}`, ruleL('valid', bestL), ruleL('test', bestL));

  // Rule 4: a candidate where a feature of the history lies inside (or outside) a range, base elsewhere; with any
  // ARIMA and with the cheap ones only.
  const feats: Record<Split, Features[]> = { valid: history.valid.map(features), test: history.test.map(features) };
  const timedMethods: [string, Method][] = [];
  const anyArima = [...cands.keys()];
  const cheapArima = anyArima.filter((c) => !cands.get(c)!.includes('arima'));
  for (const [label, pool, constrained] of [
    ['by a feature', anyArima, false],
    ['by a feature, cheap ARIMAs only', cheapArima, false],
    ['by a feature, no category worse on validation', anyArima, true],
    ['by a feature, cheap ARIMAs only, no category worse on validation', cheapArima, true],
  ] as const) {
    const rule = featureRule(pool.filter((c) => c !== 'base'), feats.valid, (c) => errors.get(c)!.valid, base.valid, constrained ? categories : undefined);
    const inRule = (f: Features): boolean => (f[rule.feature] >= rule.lo && f[rule.feature] < rule.hi) === rule.inside;
    const of = (split: Split): number[] => series.map((_, i) => (inRule(feats[split][i]) ? errors.get(rule.candidate)! : base)[split][i]);
    const share = feats.test.filter(inRule).length;
    const [use, otherwise] = [rule.candidate, 'base'].map((c) => combine(c, cands.get(c)!.map((m) => METHODS[m]), 'median'));
    timedMethods.push([`${label}: ${rule.candidate} / base`, { name: 'rule', minLength: 1, fit: (y) => (inRule(features(y)) ? use : otherwise).fit(y) }]);
    describe(`${label} (chosen on validation)`, `${rule.candidate} where ${rule.feature} is ${rule.inside ? 'in' : 'outside'} [${rule.lo.toFixed(3)}, ${rule.hi.toFixed(3)}) (${share} of ${series.length} test histories), base elsewhere`, of('valid'), of('test'));
  }

  // The bound: chosen on the test years themselves.
  const noWorse = [...cands.keys()].filter((c) => c !== 'base' && catNames.every((k) => byCategory(errors.get(c)!.test)[k] <= baseCat[k] + 1e-9));
  const bestTest = lowest((c) => mean(errors.get(c)!.test));
  console.log(`bound (chosen on the TEST years, not a result): lowest test sMAPE of the fixed candidates ${bestTest} ${mean(errors.get(bestTest)!.test).toFixed(3)}; fixed candidates no worse than base in every category: ${noWorse.length === 0 ? 'none' : noWorse.join(', ')}`);

  // Time of the fixed choices as one method each, beside R's ets in the same run.
  const fixedMethods = [...new Set([fixed, cheap])].map((c): [string, Method] => [c, combine(c, cands.get(c)!.map((m) => METHODS[m]), 'median')]);
  const timed = [...fixedMethods, ...timedMethods].map(([c, method]): [string, number] => {
    const t0 = performance.now();
    for (const y of history.test) method.fit(y).forecast(H, { levels: [80, 95] });
    return [c, (performance.now() - t0) / 1000];
  });
  const r = argv.includes('--no-r') ? undefined : spawnSync('Rscript', [join(ROOT, 'bench', 'm3-r.R'), csvPath], { encoding: 'utf8' });
  const m = /seconds=([\d.]+)/.exec(r?.stdout ?? '');
  for (const [c, sec] of timed) {
    if (!m) console.log(`${c}: ${sec.toFixed(3)} s for 645 series (R not timed)`);
    else console.log(`${c} time / R ets time = ${sec.toFixed(3)} / ${Number(m[1]).toFixed(3)} = ${(sec / Number(m[1])).toFixed(3)} (auto's budget 0.15)`);
  }
}

main();
