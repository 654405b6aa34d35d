// `npm run bench:m3-shrink`: the rule families bench:m3-select and bench:m3-blend left untried, for auto's median on
// the M3 yearly series, each learned on the M3 train years only and scored once on the test years, overall and by
// category. A forecast is (1 − w_h)·median + w_h·C at horizon h, for a combination C of the members (as in
// bench:m3-blend, plus naive and the median with its trend damped) and a weight per horizon w_h ∈ {0, 0.1, …, 1}.
//
// Validation (train years only), as a weight per (history, horizon):
//   protocol       the train years minus the last 6, 7 and 8 as histories, each scored on the 6 train years after it
//   length-matched the same, each history weighted by (share of test histories of its length) / (share of
//                  validation histories of its length), lengths in bins; histories shorter than every test one: 0
//   near           the train years minus the last 1, 2, …, 8, each scored on the horizons h ≤ its distance to the
//                  end of the train years (h = 1 from 8 origins, h = 6 from 3), each horizon weighing the same
// Families:
//   horizon weights  one C everywhere, w_h per horizon
//   damped trend     the median's change from the last year times Σφ^j/h (one φ for all series and horizons);
//                    and the change times a factor per horizon (horizon weights with C = naive)
//   gate             C with w_h on one side of a range of a feature of the history (trend R², |mean change| / sd of
//                    the changes, lag-1 autocorrelation of the changes, sd of the changes / level) between two of its
//                    validation deciles, the median on the other side
//   length gate      the median on histories shorter than L; horizon weights learned on validation histories of L
//                    years or more only, L ∈ {12, 14, 15, 16, 18, 20}
// Criteria (on validation): the lowest sMAPE; the lowest with no category worse at any horizon; the same and no
// category worse at any validation origin; the lowest among the latter whose gain in every category is ≥ 0 in at
// least 90 % of 1,000 bootstrap resamples of that category's series. Where nothing meets a criterion, the median.
// Run in the order written (each later run added after the earlier ones had missed on the test years):
//   first    every family on every validation design above
//   second   horizon weights and gates scored on the protocol, each criterion required on the protocol AND near
//   third    a gate on the series' train length (its length at the test origin), L ∈ {15, 16, 18, 20, 25, 30}
// Prints each chosen rule's validation and test sMAPE by category, the table of bench/README.md, and per category
// how many rules were better on validation and worse on the test years.
//
//   npm run bench:m3-shrink [-- path/to/m3_yearly.csv]
// Not part of `npm test`.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from './gen-long-csv.js';
import { FEATURE_NAMES, features, type Features } from './m3-features.js';
import { BASE, combinations, H, median, memberForecasts, readSeries } from './m3-members.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const csvPath = resolve(argv.find((a) => !a.startsWith('--')) ?? join(ROOT, '..', 'shared', 'benchmarks', 'm3-yearly', 'm3_yearly.csv'));
/** Validation origins: this many years before the end of the train years. */
const ORIGINS = [1, 2, 3, 4, 5, 6, 7, 8];
const PROTOCOL = [6, 7, 8];
/** Weights of C; index 0 is the median itself. */
const WEIGHTS = Array.from({ length: 11 }, (_, k) => k / 10);
const PHIS = [0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98];
const LENGTH_GATES = [12, 14, 15, 16, 18, 20];
const TRAIN_LENGTH_GATES = [15, 16, 18, 20, 25, 30];
/** Lower edges of the history-length bins of the length-matched weights. */
const LENGTH_BINS = [14, 15, 16, 17, 18, 20, 22, 26, 31];
const BOOT = 1000;
const BOOT_LEVEL = 0.9;
const EPS = 1e-9;

interface Case {
  series: number;
  origin: number;
  y: number[];
  out: number[];
  feat: Features;
}
type Fc = Record<string, number[]>;

/** The combinations C: bench:m3-blend's, naive, and the median with its trend damped by Σφ^j/h. */
function combos(): Map<string, (m: Fc) => number[]> {
  const out = combinations();
  const base = (m: Fc): number[] => Array.from({ length: H }, (_, k) => median(BASE.map((n) => m[n][k])));
  out.set('naive', (m) => m.naive);
  for (const phi of PHIS) {
    out.set(`median, trend × Σφ^j/h, φ = ${phi}`, (m) => {
      const b = base(m);
      let sum = 0;
      return b.map((v, k) => {
        sum += phi ** (k + 1);
        return m.naive[0] + ((v - m.naive[0]) * sum) / (k + 1);
      });
    });
  }
  return out;
}

/** A rule: C at weight WEIGHTS[w[h]] on the cases it applies to, the median elsewhere. */
interface Rule {
  c: number;
  w: number[];
  feature?: keyof Features;
  lo?: number;
  hi?: number;
  inside?: boolean;
  minLength?: number;
  /** Applies only to series whose train years number at least this (on validation, more than the history). */
  minTrainLength?: number;
}

/** The index of the last of the ascending edges that is ≤ v (−1 below the first). */
function lastAtMost(edges: readonly number[], v: number): number {
  let k = -1;
  while (k + 1 < edges.length && edges[k + 1] <= v) k++;
  return k;
}

/** Deterministic uniform numbers for the bootstrap. */
const rng = mulberry32;

function main(): void {
  const series = readSeries(csvPath, 'bench:m3-shrink');
  const cats = [...new Set(series.map((s) => s.category))].sort();
  const nCat = cats.length;
  const catOfSeries = series.map((s) => cats.indexOf(s.category));
  const C = combos();
  const cNames = [...C.keys()];
  const cFns = [...C.values()];
  const NW = WEIGHTS.length;
  const nOpt = 1 + cNames.length * (NW - 1);
  const opt = (c: number, w: number): number => (w === 0 ? 0 : 1 + c * (NW - 1) + (w - 1));

  const valid: Case[] = [];
  series.forEach((s, i) => {
    for (const [o, b] of ORIGINS.entries()) {
      const y = s.train.slice(0, s.train.length - b);
      valid.push({ series: i, origin: o, y, out: s.train.slice(s.train.length - b, s.train.length - b + H), feat: features(y) });
    }
  });
  const test: Case[] = series.map((s, i) => ({ series: i, origin: 0, y: s.train, out: s.test, feat: features(s.train) }));
  const t0 = performance.now();
  /** Errors E[(opt · cases + case) · H + h]: sMAPE of option opt at horizon h (0 where there is no outcome). */
  const errors = (cases: Case[]): Float64Array => {
    const e = new Float64Array(nOpt * cases.length * H);
    const put = (o: number, i: number, out: number[], f: number[]): void => {
      for (let h = 0; h < out.length; h++) e[(o * cases.length + i) * H + h] = (200 * Math.abs(out[h] - f[h])) / (Math.abs(out[h]) + Math.abs(f[h]));
    };
    cases.forEach((cs, i) => {
      const m = memberForecasts(cs.y);
      const b = Array.from({ length: H }, (_, k) => median(BASE.map((n) => m[n][k])));
      put(0, i, cs.out, b);
      cFns.forEach((fn, c) => {
        const x = fn(m);
        for (let w = 1; w < NW; w++) put(opt(c, w), i, cs.out, b.map((v, k) => (1 - WEIGHTS[w]) * v + WEIGHTS[w] * x[k]));
      });
    });
    return e;
  };
  const E = { valid: errors(valid), test: errors(test) };
  console.log(`members and ${nOpt} options on ${valid.length} validation and ${test.length} test histories in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  // Validation designs: a weight per (case, horizon).
  const testLengths = test.map((c) => c.y.length);
  const binOfLength = (n: number): number => lastAtMost(LENGTH_BINS, n);
  const protocolW = new Float64Array(valid.length * H);
  const nearW = new Float64Array(valid.length * H);
  valid.forEach((cs, i) => {
    const b = ORIGINS[cs.origin];
    for (let h = 0; h < H; h++) {
      if (PROTOCOL.includes(b)) protocolW[i * H + h] = 1 / PROTOCOL.length;
      if (h < b) nearW[i * H + h] = 1 / ORIGINS.filter((x) => x > h).length;
    }
  });
  const testShare = LENGTH_BINS.map((_, k) => testLengths.filter((n) => binOfLength(n) === k).length / test.length);
  const protocolCases = valid.filter((cs) => PROTOCOL.includes(ORIGINS[cs.origin]));
  const validShare = LENGTH_BINS.map((_, k) => protocolCases.filter((cs) => binOfLength(cs.y.length) === k).length / protocolCases.length);
  const matchedW = protocolW.map((w, j) => {
    const k = binOfLength(valid[Math.floor(j / H)].y.length);
    return k < 0 || validShare[k] === 0 ? 0 : (w * testShare[k]) / validShare[k];
  });
  console.log(
    `history lengths (bin from: test share / protocol validation share): ${LENGTH_BINS.map((l, k) => `${l}: ${(100 * testShare[k]).toFixed(1)} / ${(100 * validShare[k]).toFixed(1)} %`).join(', ')}`,
  );

  /** Whether a rule moves away from the median on a case. */
  const applies = (r: Rule, cs: Case): boolean => {
    if (r.minLength !== undefined && cs.y.length < r.minLength) return false;
    if (r.minTrainLength !== undefined && series[cs.series].train.length < r.minTrainLength) return false;
    if (r.feature === undefined) return true;
    const v = cs.feat[r.feature];
    return (v >= r.lo! && v < r.hi!) === r.inside;
  };
  /** Per series: weighted error sum of the rule and of the median, and the weight. */
  const perSeries = (r: Rule, cases: Case[], e: Float64Array, W: ArrayLike<number>): { rule: Float64Array; base: Float64Array; w: Float64Array } => {
    const out = { rule: new Float64Array(series.length), base: new Float64Array(series.length), w: new Float64Array(series.length) };
    cases.forEach((cs, i) => {
      const on = applies(r, cs);
      for (let h = 0; h < H; h++) {
        const wt = W[i * H + h];
        if (wt === 0) continue;
        out.base[cs.series] += wt * e[i * H + h];
        out.rule[cs.series] += wt * e[(opt(on ? r.c : 0, on ? r.w[h] : 0) * cases.length + i) * H + h];
        out.w[cs.series] += wt;
      }
    });
    return out;
  };
  const score = (p: { rule: Float64Array; base: Float64Array; w: Float64Array }) => {
    const sum = (a: Float64Array, c?: number): number => a.reduce((t, v, s) => (c === undefined || catOfSeries[s] === c ? t + v : t), 0);
    return {
      all: sum(p.rule) / sum(p.w),
      base: sum(p.base) / sum(p.w),
      cat: cats.map((_, c) => sum(p.rule, c) / sum(p.w, c)),
      baseCat: cats.map((_, c) => sum(p.base, c) / sum(p.w, c)),
    };
  };
  /** Whether every category's gain is ≥ 0 in at least BOOT_LEVEL of BOOT resamples of its series. */
  const bootstrapHolds = (r: Rule, W: ArrayLike<number>): boolean => {
    const p = perSeries(r, valid, E.valid, W);
    const next = rng(20261206);
    for (let c = 0; c < nCat; c++) {
      const members = series.map((_, s) => s).filter((s) => catOfSeries[s] === c && p.w[s] > 0);
      if (members.length === 0) continue;
      let hold = 0;
      for (let b = 0; b < BOOT; b++) {
        let gain = 0;
        for (let k = 0; k < members.length; k++) {
          const s = members[Math.floor(next() * members.length)];
          gain += p.base[s] - p.rule[s];
        }
        if (gain >= -EPS) hold++;
      }
      if (hold < BOOT_LEVEL * BOOT) return false;
    }
    return true;
  };

  /**
   * Sums S[bin][opt][h][cat][origin] of weighted validation errors, cumulated over bins (cum[b] = bins below b),
   * so a range of bins is one subtraction.
   */
  const nOrg = ORIGINS.length;
  const cell = (o: number, h: number, c: number, g: number): number => ((o * H + h) * nCat + c) * nOrg + g;
  const block = nOpt * H * nCat * nOrg;
  const cumulated = (W: ArrayLike<number>, binOf: (cs: Case) => number, nBins: number): Float64Array => {
    const acc = new Float64Array((nBins + 1) * block);
    valid.forEach((cs, i) => {
      const b = binOf(cs);
      if (b < 0) return;
      const c = catOfSeries[cs.series];
      for (let o = 0; o < nOpt; o++) {
        for (let h = 0; h < H; h++) {
          const wt = W[i * H + h];
          if (wt !== 0) acc[(b + 1) * block + cell(o, h, c, cs.origin)] += wt * E.valid[(o * valid.length + i) * H + h];
        }
      }
    });
    for (let b = 1; b <= nBins; b++) for (let j = 0; j < block; j++) acc[b * block + j] += acc[(b - 1) * block + j];
    return acc;
  };
  type Criterion = 'lowest' | 'no category worse at any horizon' | 'and at any origin';
  const CRITERIA: Criterion[] = ['lowest', 'no category worse at any horizon', 'and at any origin'];
  /**
   * Per C, the weight per horizon under each criterion on the cases of a region: returns the gain on the first
   * design's sums (weighted error of the median minus the rule's) and the weights; every design's sums must meet
   * the criterion.
   */
  const horizonChoice = (designs: Float64Array[], c: number, criterion: Criterion): { gain: number; w: number[] } => {
    let gain = 0;
    const w: number[] = [];
    for (let h = 0; h < H; h++) {
      let best = 0;
      let bestGain = 0;
      for (let k = 1; k < NW; k++) {
        const o = opt(c, k);
        let g = 0;
        let ok = true;
        designs.forEach((S, j) => {
          for (let ct = 0; ct < nCat; ct++) {
            let gc = 0;
            for (let g0 = 0; g0 < nOrg; g0++) {
              const d = S[cell(0, h, ct, g0)] - S[cell(o, h, ct, g0)];
              gc += d;
              if (criterion === 'and at any origin' && d < -EPS) ok = false;
            }
            if (criterion !== 'lowest' && gc < -EPS) ok = false;
            if (j === 0) g += gc;
          }
        });
        if (ok && g > bestGain + 1e-12) {
          best = k;
          bestGain = g;
        }
      }
      w.push(best);
      gain += bestGain;
    }
    return { gain, w };
  };
  interface Found {
    gain: number;
    rule: Rule;
  }
  /** What a criterion keeps when no rule meets it. */
  const theMedian: Found = { gain: 0, rule: { c: 0, w: Array(H).fill(0) } };
  /**
   * The best rule per criterion over the regions (scored on the first design, the criteria checked on each), and
   * the best of the strictest criterion's candidates that also holds in the bootstrap of every design.
   */
  const searchRegions = (
    Ws: ArrayLike<number>[],
    regions: Iterable<Region>,
    cs: number[] = cNames.map((_, c) => c),
    criteria: Criterion[] = CRITERIA,
  ): Map<string, Found> => {
    const best = new Map<string, Found>();
    const strict: Found[] = [];
    for (const { S, rule } of regions) {
      for (const c of cs) {
        for (const criterion of criteria) {
          const { gain, w } = horizonChoice(S, c, criterion);
          const f = { gain, rule: { ...rule, c, w } };
          if (best.get(criterion) === undefined || gain > best.get(criterion)!.gain + 1e-12) best.set(criterion, f);
          if (criterion === 'and at any origin' && gain > 0) strict.push(f);
        }
      }
    }
    strict.sort((a, b) => b.gain - a.gain);
    const boot = strict.find((f) => Ws.every((W) => bootstrapHolds(f.rule, W)));
    best.set('and every category gains in ≥ 90 % of bootstrap resamples', boot ?? theMedian);
    return best;
  };
  const region = (acc: Float64Array, lo: number, hi: number, inside: boolean, nBins: number): Float64Array => {
    const S = new Float64Array(block);
    for (let j = 0; j < block; j++) {
      const inner = acc[hi * block + j] - acc[lo * block + j];
      S[j] = inside ? inner : acc[nBins * block + j] - inner;
    }
    return S;
  };
  const everywhere = (W: ArrayLike<number>, minLength = 0, minTrainLength = 0): Float64Array =>
    cumulated(W, (cs) => (cs.y.length >= minLength && series[cs.series].train.length >= minTrainLength ? 0 : -1), 1).slice(block);
  /** A region's sums for each validation design (the first one scores), and the rule's gate. */
  type Region = { S: Float64Array[]; rule: Omit<Rule, 'c' | 'w'> };
  /**
   * Every gate region: a feature inside or outside a range between two of its deciles on the first design's
   * validation histories, one at a time.
   */
  function* gates(Ws: ArrayLike<number>[]): Generator<Region> {
    const W = Ws[0];
    for (const feature of FEATURE_NAMES) {
      const used = valid.filter((_, i) => W[i * H] > 0 || W[i * H + H - 1] > 0).map((cs) => cs.feat[feature]).sort((a, b) => a - b);
      const cuts = [-Infinity, ...Array.from({ length: 9 }, (_, k) => used[Math.floor(((k + 1) / 10) * used.length)]), Infinity];
      const accs = Ws.map((w) => cumulated(w, (cs) => lastAtMost(cuts, cs.feat[feature]), 10));
      for (let lo = 0; lo < 10; lo++) {
        for (let hi = lo + 1; hi <= 10; hi++) {
          if (lo === 0 && hi === 10) continue;
          for (const inside of [true, false]) yield { S: accs.map((acc) => region(acc, lo, hi, inside, 10)), rule: { feature, lo: cuts[lo], hi: cuts[hi], inside } };
        }
      }
    }
  }

  // Describing and scoring a chosen rule.
  const describe = (r: Rule): string => {
    if (r.w.every((k) => k === 0)) return 'the median itself (no C gains under this criterion)';
    const ws = r.w.map((k) => WEIGHTS[k].toFixed(1)).join(', ');
    let text = r.w.every((k) => k === NW - 1) ? cNames[r.c] : `${cNames[r.c]} at w_h = ${ws}`;
    if (r.feature !== undefined) text += ` where ${r.feature} is ${r.inside ? 'in' : 'outside'} [${r.lo!.toFixed(3)}, ${r.hi!.toFixed(3)}), the median elsewhere`;
    if (r.minLength !== undefined) text += ` on histories of ${r.minLength} years or more, the median on shorter ones`;
    if (r.minTrainLength !== undefined) text += ` on series with ${r.minTrainLength} train years or more, the median on shorter ones`;
    return text;
  };
  const testW = new Float64Array(test.length * H).fill(1);
  const baseTest = score(perSeries({ c: 0, w: [0, 0, 0, 0, 0, 0] }, test, E.test, testW));
  console.log(`the median, test sMAPE ${baseTest.all.toFixed(3)}; by category ${cats.map((c, k) => `${c} ${baseTest.cat[k].toFixed(2)}`).join(', ')}`);
  const table: string[] = [
    '| family, validation, criterion | chosen | validation sMAPE (median) | test sMAPE | test categories worse than the median |',
    '|---|---|---:|---:|---|',
  ];
  /** Per chosen rule that moves away from the median: its change in each category's sMAPE on validation and test. */
  const moved: { valid: number[]; test: number[] }[] = [];
  const report = (label: string, W: ArrayLike<number>, found: Map<string, Found>): void => {
    for (const [criterion, f] of found) {
      const v = score(perSeries(f.rule, valid, E.valid, W));
      const t = score(perSeries(f.rule, test, E.test, testW));
      const worse = cats.filter((_, k) => t.cat[k] > baseTest.cat[k] + EPS);
      const worseText = worse.map((c) => `${c} ${t.cat[cats.indexOf(c)].toFixed(2)}`).join(', ') || 'none';
      console.log(`${label}, ${criterion}: ${describe(f.rule)}`);
      console.log(`  validation ${v.all.toFixed(3)} (median ${v.base.toFixed(3)}); test ${t.all.toFixed(3)} (median ${t.base.toFixed(3)})`);
      console.log(`  validation by category: ${cats.map((c, k) => `${c} ${v.cat[k].toFixed(3)} (${v.baseCat[k].toFixed(3)})`).join(', ')}`);
      console.log(`  test by category: ${cats.map((c, k) => `${c} ${t.cat[k].toFixed(3)} (${baseTest.cat[k].toFixed(3)})`).join(', ')}; worse: ${worseText}`);
      table.push(`| ${label}, ${criterion} | ${describe(f.rule)} | ${v.all.toFixed(2)} (${v.base.toFixed(2)}) | ${t.all.toFixed(2)} | ${worseText} |`);
      if (f.rule.w.some((k) => k > 0)) moved.push({ valid: v.cat.map((x, k) => x - v.baseCat[k]), test: t.cat.map((x, k) => x - baseTest.cat[k]) });
    }
  };
  const all = (Ws: ArrayLike<number>[]): Region[] => [{ S: Ws.map((W) => everywhere(W)), rule: {} }];
  const naiveC = [cNames.indexOf('naive')];
  const trendC = cNames.map((n, c) => (n.startsWith('median, trend') ? c : -1)).filter((c) => c >= 0);

  // Run in this order (the order the families were tried).
  // First run: every family on each validation design.
  report('horizon weights, protocol', protocolW, searchRegions([protocolW], all([protocolW])));
  report('damped trend, one φ, protocol', protocolW, searchConstant(protocolW, trendC));
  report('damped trend, factor per horizon, protocol', protocolW, searchRegions([protocolW], all([protocolW]), naiveC));
  report('gate with horizon weights, protocol', protocolW, searchRegions([protocolW], gates([protocolW])));
  report('horizon weights, length-matched', matchedW, searchRegions([matchedW], all([matchedW])));
  report('gate with horizon weights, length-matched', matchedW, searchRegions([matchedW], gates([matchedW])));
  const lengthGates: Region[] = LENGTH_GATES.map((L) => ({ S: [everywhere(protocolW, L)], rule: { minLength: L } }));
  report('length gate with horizon weights, protocol', protocolW, searchRegions([protocolW], lengthGates));
  report('horizon weights, near', nearW, searchRegions([nearW], all([nearW])));
  report('gate with horizon weights, near', nearW, searchRegions([nearW], gates([nearW])));
  // Second run, after the first missed on the test years: scored on the protocol, the criteria must hold on the
  // protocol AND on the near validation (two validation designs agreeing).
  const strictOnly = CRITERIA.filter((c) => c !== 'lowest');
  report('horizon weights, protocol and near agree', protocolW, searchRegions([protocolW, nearW], all([protocolW, nearW]), undefined, strictOnly));
  report('gate with horizon weights, protocol and near agree', protocolW, searchRegions([protocolW, nearW], gates([protocolW, nearW]), undefined, strictOnly));
  // Third run, after the second missed: the length gate by the length each series has when the test forecast is
  // made (its train years), so the validation of a series decides for the series as it will be forecast.
  const trainGates: Region[] = TRAIN_LENGTH_GATES.map((L) => ({ S: [everywhere(protocolW, 0, L)], rule: { minTrainLength: L } }));
  report('train-length gate with horizon weights, protocol', protocolW, searchRegions([protocolW], trainGates));
  console.log(`\n${table.join('\n')}`);
  // Does a category's validation say what its test years say? (A category without validation weight counts as not worse.)
  console.log(`\nof the ${moved.length} chosen rules that move away from the median, per category:`);
  cats.forEach((c, k) => {
    const better = moved.filter((m) => m.valid[k] < -EPS).length;
    const worseTest = moved.filter((m) => m.test[k] > EPS).length;
    const surprise = moved.filter((m) => !(m.valid[k] > EPS) && m.test[k] > EPS).length;
    console.log(`  ${c}: better on validation ${better}, worse on the test years ${worseTest}, of which not worse on validation ${surprise}`);
  });

  /** One C at weight 1 at every horizon, under each criterion (category sums over all horizons). */
  function searchConstant(W: ArrayLike<number>, cs: number[]): Map<string, Found> {
    const S = everywhere(W);
    const best = new Map<string, Found>([
      ['no category worse', theMedian],
      ['and at any origin', theMedian],
    ]);
    const strict: Found[] = [];
    for (const c of cs) {
      const o = opt(c, NW - 1);
      let gain = 0;
      let catOk = true;
      let originOk = true;
      for (let ct = 0; ct < nCat; ct++) {
        let gc = 0;
        for (let g = 0; g < nOrg; g++) {
          let go = 0;
          for (let h = 0; h < H; h++) go += S[cell(0, h, ct, g)] - S[cell(o, h, ct, g)];
          if (go < -EPS) originOk = false;
          gc += go;
        }
        if (gc < -EPS) catOk = false;
        gain += gc;
      }
      const f = { gain, rule: { c, w: Array(H).fill(NW - 1) } };
      const keep = (k: string): void => {
        if (best.get(k) === undefined || gain > best.get(k)!.gain + 1e-12) best.set(k, f);
      };
      keep('lowest');
      if (catOk) keep('no category worse');
      if (catOk && originOk) {
        keep('and at any origin');
        strict.push(f);
      }
    }
    strict.sort((a, b) => b.gain - a.gain);
    const boot = strict.find((f) => bootstrapHolds(f.rule, W));
    best.set('and every category gains in ≥ 90 % of bootstrap resamples', boot ?? theMedian);
    const order = ['lowest', 'no category worse', 'and at any origin'];
    return new Map([...best].sort(([a], [b]) => (order.indexOf(a) + 4) % 4 - (order.indexOf(b) + 4) % 4));
  }
}

main();
