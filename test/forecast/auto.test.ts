import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AUTO_COMPONENTS, AUTO_LONG, auto, autoEvidence, chooseCandidate } from '../../src/forecast/auto.js';
import { aggregate, combine } from '../../src/forecast/combine.js';
import { naive } from '../../src/forecast/naive.js';
import { createRng, normal } from '../../src/forecast/random.js';
import type { Method } from '../../src/forecast/types.js';
import { edgeCaseTests } from './fixtures/ets/reference.js';

const M3_CSV = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'benchmarks', 'm3-yearly', 'm3_yearly.csv');

/** Mean absolute error over a rolling origin: fit on y[0..o), forecast 1..H, for every origin o >= first. */
function rollingMae(y: number[], method: Method, first: number, H = 6): number {
  let sum = 0;
  let count = 0;
  for (let o = first; o + H <= y.length; o++) {
    const f = method.fit(y.slice(0, o)).forecast(H).mean;
    for (let h = 0; h < H; h++) {
      sum += Math.abs(y[o + h] - f[h]);
      count++;
    }
  }
  return sum / count;
}

/** Sine-plus-noise series with a `period`-year cycle (amplitude 15 around 100, noise sd 3), seeded. */
function cycle(period: number, seed: number, n = 40): number[] {
  const rng = createRng(100 * period + seed);
  return Array.from({ length: n }, (_, t) => 100 + 15 * Math.sin((2 * Math.PI * t) / period) + normal(rng, 0, 3));
}

describe('auto: median of naive, ses, drift, holt, damped', () => {
  it('is the median of its five components, mean and bounds', () => {
    const y = [12, 14, 13, 17, 19, 18, 22, 21, 25, 24, 23, 27, 30];
    const out = auto.fit(y).forecast(4, { levels: [80, 95] });
    const parts = AUTO_COMPONENTS.map((m) => m.fit(y).forecast(4, { levels: [80, 95] }));
    expect(AUTO_COMPONENTS.map((m) => m.name)).toEqual(['naive', 'ses', 'drift', 'holt', 'damped']);
    for (let k = 0; k < 4; k++) {
      expect(out.mean[k]).toBe(aggregate(parts.map((p) => p.mean[k]), 'median'));
      for (const j of [0, 1]) {
        expect(out.intervals[j].lower[k]).toBe(aggregate(parts.map((p) => p.intervals[j].lower[k]), 'median'));
        expect(out.intervals[j].upper[k]).toBe(aggregate(parts.map((p) => p.intervals[j].upper[k]), 'median'));
      }
    }
  });

  it('holds up on series that cycle: beats naive on 4-5 year cycles, about ties on average', () => {
    // Rolling origin from 12 observations on, horizons 1-6, MAE. Measured ratios auto/naive (seeds 1, 2):
    // period 4: 0.68 0.67; 5: 0.82 0.82; 6: 1.00 0.91; 8: 1.05 1.05; 10: 1.05 1.03; 12: 1.06 1.03 — mean 0.93.
    // A 4-5 year cycle is the silicon cycle; on slow smooth cycles no trend extrapolation beats the random walk,
    // auto loses at most a few per cent there, which the last assertion bounds.
    const ratios: number[] = [];
    for (const period of [4, 5, 6, 8, 10, 12]) {
      for (const seed of [1, 2]) {
        const y = cycle(period, seed);
        const ratio = rollingMae(y, auto, 12) / rollingMae(y, naive, 12);
        ratios.push(ratio);
        if (period <= 5) expect(ratio).toBeLessThan(0.9);
        expect(ratio).toBeLessThan(1.1);
      }
    }
    expect(ratios.reduce((a, b) => a + b, 0) / ratios.length).toBeLessThan(1);
  });

  it('80% and 95% intervals cover about 80% and 95% of simulated random walks', () => {
    // 500 seeded walks (sd 2, 30 steps); h = 1. Binomial 3-sd tolerances: 0.054 at 80%, 0.029 at 95%.
    // Measured: 0.798 and 0.936.
    const rng = createRng(9);
    const trials = 500;
    let hit80 = 0;
    let hit95 = 0;
    for (let s = 0; s < trials; s++) {
      const y = [100];
      for (let t = 1; t < 31; t++) y.push(y[t - 1] + normal(rng, 0, 2));
      const fc = auto.fit(y.slice(0, 30)).forecast(1, { levels: [80, 95] });
      if (y[30] >= fc.intervals[0].lower[0] && y[30] <= fc.intervals[0].upper[0]) hit80++;
      if (y[30] >= fc.intervals[1].lower[0] && y[30] <= fc.intervals[1].upper[0]) hit95++;
    }
    expect(Math.abs(hit80 / trials - 0.8)).toBeLessThanOrEqual(3 * Math.sqrt((0.8 * 0.2) / trials));
    expect(Math.abs(hit95 / trials - 0.95)).toBeLessThanOrEqual(3 * Math.sqrt((0.95 * 0.05) / trials));
  });

  // The M3 file lives in ../shared beside the repository (CI has it); without it the test says so in its name.
  const m3 = existsSync(M3_CSV);
  it.skipIf(!m3)(`scores sMAPE <= 16.0 on the 645 M3 yearly series, below every RESULTS.md row${m3 ? '' : ' (skipped: ../shared/benchmarks/m3-yearly/m3_yearly.csv not found)'}`, () => {
    // Accuracy, not time: the bench (npm run bench:m3) times it. Best row of RESULTS.md: 16.03
    // (mean of R's ets, auto.arima, thetaf); best M3 entry RBF 16.42. Measured: 15.75.
    const rows = readFileSync(M3_CSV, 'utf8').trim().split(/\r?\n/).slice(1);
    const series = new Map<string, { train: number[]; test: number[] }>();
    for (const row of rows) {
      const [id, split, , , value] = row.split(',');
      let s = series.get(id);
      if (s === undefined) {
        s = { train: [], test: [] };
        series.set(id, s);
      }
      (split === 'train' ? s.train : s.test).push(Number(value));
    }
    expect(series.size).toBe(645);
    let sum = 0;
    let count = 0;
    for (const s of series.values()) {
      const f = auto.fit(s.train).forecast(6).mean;
      for (let h = 0; h < 6; h++) {
        sum += (200 * Math.abs(s.test[h] - f[h])) / (Math.abs(s.test[h]) + Math.abs(f[h]));
        count++;
      }
    }
    const smape = sum / count;
    expect(smape).toBeLessThanOrEqual(16.0);
    expect(smape).toBeLessThan(16.03);
  });

  edgeCaseTests(auto);
});

/** An AR(2) cycle around 100: phi1 = 2 r cos(2 pi / period), phi2 = -r^2, normal shocks of sd 5, seeded. */
function ar2(period: number, r: number, seed: number, n: number): number[] {
  const rng = createRng(seed);
  const [phi1, phi2] = [2 * r * Math.cos((2 * Math.PI) / period), -r * r];
  let [x1, x2] = [0, 0];
  for (let t = 0; t < 50; t++) [x2, x1] = [x1, phi1 * x1 + phi2 * x2 + normal(rng, 0, 5)]; // burn-in
  return Array.from({ length: n }, () => {
    const x = phi1 * x1 + phi2 * x2 + normal(rng, 0, 5);
    [x2, x1] = [x1, x];
    return 100 + x;
  });
}

describe('auto on long series: each series evidence decides', () => {
  const oldMedian = combine('median5', AUTO_COMPONENTS, 'median');

  it(`below ${AUTO_LONG} years it is the median and says so`, () => {
    const y = ar2(8, 0.9, 1, AUTO_LONG - 1);
    const fit = auto.fit(y);
    expect(fit.params['auto.rule']).toBe('median');
    expect(fit.params['auto.chose']).toBe('median');
    expect(fit.forecast(6).mean).toEqual(oldMedian.fit(y).forecast(6).mean);
  });

  it('chooses the candidate with the lowest rolling-origin error, the median on ties or without evidence', () => {
    expect(chooseCandidate({ median: 2, theta: 1.5, arima: 1, holt: 3, damped: Number.NaN })).toBe('arima');
    expect(chooseCandidate({ median: 1, theta: 1, arima: 1, holt: 1, damped: 1 })).toBe('median');
    expect(chooseCandidate({ median: Number.NaN, theta: 1, arima: 0.5, holt: 1, damped: 1 })).toBe('median');
    const y = ar2(10, 0.9, 3, 90);
    const fit = auto.fit(y);
    const errors = autoEvidence(y);
    expect(fit.params['auto.rule']).toBe('evidence');
    expect(fit.params['auto.chose']).toBe(chooseCandidate(errors));
    expect(fit.params['auto.mae.arima']).toBe(errors.arima);
  });

  it('beats the old median on seeded AR(2) cycles (rolling origin, 6 years ahead)', () => {
    // 16 series of 80 years: periods 6, 8, 10, 12 years, r = 0.85 and 0.9, two seeds each; forecasts from
    // origins 62, 66, 70 and 74. Measured: auto 0.58 of the old median's MAE (arima chosen 61 times of 64).
    let autoErr = 0;
    let medianErr = 0;
    for (const period of [6, 8, 10, 12]) {
      for (const r of [0.85, 0.9]) {
        for (const seed of [1, 2]) {
          const y = ar2(period, r, 1000 * period + Math.round(100 * r) + seed, 80);
          for (const o of [62, 66, 70, 74]) {
            const a = auto.fit(y.slice(0, o)).forecast(6).mean;
            const m = oldMedian.fit(y.slice(0, o)).forecast(6).mean;
            for (let k = 0; k < 6; k++) {
              autoErr += Math.abs(y[o + k] - a[k]);
              medianErr += Math.abs(y[o + k] - m[k]);
            }
          }
        }
      }
    }
    expect(autoErr / medianErr).toBeLessThan(0.8);
  });
});
