// `npm run bench:cycles` and `npm run bench:econ`: long annual series, scored side by side with R's automatic
// methods in the same run. bench/long-r.R (Rscript) writes the series (from installed R packages; see its
// header for the list and the simulated AR(2) cycles) and R's forecasts from ets, thetaf and auto.arima; this
// script forecasts the same series from the same origins with semicap's methods and scores both alike.
//
// Protocol: rolling origin. Each series of n years is forecast 6 years ahead from origins n-6, n-9, n-12,
// n-15 and n-18 (those with at least 30 years of history); every method sees the same history and is scored on
// the same points. Scores, pooled over all points: MASE (absolute error over the mean absolute yearly change of
// that origin's history; defined where values are zero, e.g. sunspot minima) and sMAPE (200|y-f|/(|y|+|f|)).
//
//   npm run bench:cycles            (= tsx bench/long.ts cycles)
//   npm run bench:econ              (= tsx bench/long.ts econ)
//   ... -- --no-r                   reuse bench/data/KIND-*.csv from an earlier run instead of running R
// Results: bench/results/KIND.json. Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { arima } from '../src/forecast/arima.js';
import { AUTO_COMPONENTS, auto } from '../src/forecast/auto.js';
import { combine } from '../src/forecast/combine.js';
import { damped } from '../src/forecast/damped.js';
import { drift } from '../src/forecast/drift.js';
import { ets } from '../src/forecast/ets.js';
import { holt } from '../src/forecast/holt.js';
import { naive } from '../src/forecast/naive.js';
import { ses } from '../src/forecast/ses.js';
import { theta } from '../src/forecast/theta.js';
import type { Method } from '../src/forecast/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const kind = argv.find((a) => !a.startsWith('--'));
if (kind !== 'cycles' && kind !== 'econ') {
  process.stderr.write('usage: tsx bench/long.ts cycles|econ [--no-r]\n');
  process.exit(2);
}
const H = 6;
const MIN_TRAIN = 30;
const DATA = join(ROOT, 'bench', 'data');

function runR(): Record<string, number> {
  mkdirSync(DATA, { recursive: true });
  const seriesFile = join(DATA, `${kind}-series.csv`);
  if (argv.includes('--no-r')) {
    if (!existsSync(seriesFile)) {
      process.stderr.write(`bench: ${seriesFile} is missing; run once without --no-r\n`);
      process.exit(66);
    }
    return {};
  }
  const r = spawnSync('Rscript', [join(ROOT, 'bench', 'long-r.R'), kind!, DATA], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.error || r.status !== 0) {
    process.stderr.write(`bench: Rscript bench/long-r.R failed (needs R with forecast, tseries, AER): ${(r.stderr ?? String(r.error)).slice(-600)}\n`);
    process.exit(69);
  }
  const times: Record<string, number> = {};
  for (const m of r.stdout.matchAll(/^time (\S+) ([\d.]+)$/gm)) times[m[1]] = Number(m[2]);
  return times;
}

const csvRows = (path: string): string[][] => readFileSync(path, 'utf8').trim().split(/\r?\n/).slice(1).map((l) => l.split(','));

interface Series {
  id: string;
  values: number[];
}

const origins = (n: number): number[] => [0, 1, 2, 3, 4].map((j) => n - H - 3 * j).filter((o) => o >= MIN_TRAIN);

interface Score {
  method: string;
  source: 'semicap' | 'R';
  mase: number;
  smape: number;
  points: number;
  seconds?: number;
}

function main(): void {
  const rTimes = runR();
  const bySeries = new Map<string, number[]>();
  for (const [id, , value] of csvRows(join(DATA, `${kind}-series.csv`))) {
    if (!bySeries.has(id)) bySeries.set(id, []);
    bySeries.get(id)!.push(Number(value));
  }
  const series: Series[] = [...bySeries].map(([id, values]) => ({ id, values }));
  const rForecasts = new Map<string, number[]>(); // method|id|origin -> 6 means
  for (const [id, origin, method, h, mean] of csvRows(join(DATA, `${kind}-r.csv`))) {
    const key = `${method}|${id}|${origin}`;
    if (!rForecasts.has(key)) rForecasts.set(key, new Array<number>(H).fill(Number.NaN));
    rForecasts.get(key)![Number(h) - 1] = mean === 'NA' ? Number.NaN : Number(mean);
  }

  const oldAuto = combine('median5', AUTO_COMPONENTS, 'median');
  const ours: [string, Method][] = [
    ['auto', auto],
    ['median5 (auto before)', oldAuto],
    ['naive', naive],
    ['drift', drift],
    ['ses', ses],
    ['holt', holt],
    ['damped', damped],
    ['theta', theta],
    ['ets', ets],
    ['arima', arima],
  ];
  const forecasts = new Map<string, number[]>();
  const scores: Score[] = [];
  const chose: Record<string, number> = {};
  for (const [name, method] of ours) {
    const t0 = process.hrtime.bigint();
    for (const s of series) {
      for (const o of origins(s.values.length)) {
        let mean: number[];
        try {
          const fit = method.fit(s.values.slice(0, o));
          mean = fit.forecast(H, { levels: [80] }).mean;
          if (name === 'auto') chose[String(fit.params['auto.chose'])] = (chose[String(fit.params['auto.chose'])] ?? 0) + 1;
        } catch {
          mean = new Array<number>(H).fill(Number.NaN);
        }
        forecasts.set(`${name}|${s.id}|${o}`, mean);
      }
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    scores.push({ method: name, source: 'semicap', seconds, ...score(series, (id, o) => forecasts.get(`${name}|${id}|${o}`)) });
  }
  for (const name of ['ets', 'thetaf', 'auto.arima']) {
    scores.push({ method: `R ${name}`, source: 'R', seconds: rTimes[name], ...score(series, (id, o) => rForecasts.get(`${name}|${id}|${o}`)) });
  }

  const fmt = (x: number | undefined, d = 3) => (x === undefined || !Number.isFinite(x) ? '' : x.toFixed(d));
  const nOrigins = series.reduce((a, s) => a + origins(s.values.length).length, 0);
  console.log(`${kind}: ${series.length} series, ${nOrigins} origins, horizon ${H}; data bench/data/${kind}-series.csv (from bench/long-r.R)`);
  console.log(`${'method'.padEnd(24)}  ${'MASE'.padStart(7)}  ${'sMAPE'.padStart(7)}  ${'points'.padStart(6)}  ${'seconds'.padStart(8)}`);
  for (const s of scores) console.log(`${s.method.padEnd(24)}  ${fmt(s.mase).padStart(7)}  ${fmt(s.smape, 2).padStart(7)}  ${String(s.points).padStart(6)}  ${fmt(s.seconds, 2).padStart(8)}`);
  // By source (the id up to its first '.' or '_'): auto beside the old median, arima and R's auto.arima.
  const groups = [...new Set(series.map((s) => groupOf(s.id)))];
  const shown = ['auto', 'median5 (auto before)', 'arima', 'R auto.arima', 'R ets', 'R thetaf'];
  console.log(`MASE by source: ${'source'.padEnd(14)} ${shown.map((m) => m.padStart(12)).join(' ')}`);
  for (const g of groups) {
    const members = series.filter((s) => groupOf(s.id) === g);
    const cells = shown.map((m) => {
      const isR = m.startsWith('R ');
      const get = (id: string, o: number) => (isR ? rForecasts.get(`${m.slice(2)}|${id}|${o}`) : forecasts.get(`${m}|${id}|${o}`));
      return fmt(score(members, get).mase).padStart(12);
    });
    console.log(`                ${`${g} (${members.length})`.padEnd(14)} ${cells.join(' ')}`);
  }
  console.log(`auto chose: ${Object.entries(chose).map(([k, v]) => `${k} ${v}`).join(', ')} (series × origins)`);

  const autoScore = scores[0];
  const singles = scores.filter((s) => s.source === 'semicap' && !['auto', 'median5 (auto before)'].includes(s.method));
  const checks: { what: string; ok: boolean }[] = [];
  for (const metric of ['mase', 'smape'] as const) {
    const best = singles.reduce((a, b) => (b[metric] < a[metric] ? b : a));
    const bestR = scores.filter((s) => s.source === 'R').reduce((a, b) => (b[metric] < a[metric] ? b : a));
    checks.push({ what: `${metric}: auto ${fmt(autoScore[metric])} within 3 % of the best single method (${best.method} ${fmt(best[metric])}): ratio ${fmt(autoScore[metric] / best[metric])}`, ok: autoScore[metric] <= best[metric] * 1.03 });
    checks.push({ what: `${metric}: auto ${fmt(autoScore[metric])} no worse than R's best automatic method (${bestR.method} ${fmt(bestR[metric])})`, ok: autoScore[metric] <= bestR[metric] });
  }
  for (const c of checks) console.log(`${c.ok ? 'met   ' : 'MISSED'}  ${c.what}`);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', `${kind}.json`), `${JSON.stringify({ date: new Date().toISOString(), kind, series: series.length, origins: nOrigins, horizon: H, scores, autoChose: chose, checks }, null, 2)}\n`);
  console.log(`written: bench/results/${kind}.json`);
}

const groupOf = (id: string): string => id.split(/[._]/)[0];

/** Pooled MASE and sMAPE over every series, origin and horizon where the forecast exists. */
function score(series: Series[], get: (id: string, origin: number) => number[] | undefined): { mase: number; smape: number; points: number } {
  let mase = 0;
  let smape = 0;
  let points = 0;
  for (const s of series) {
    for (const o of origins(s.values.length)) {
      const f = get(s.id, o);
      let scale = 0;
      for (let t = 1; t < o; t++) scale += Math.abs(s.values[t] - s.values[t - 1]) / (o - 1);
      for (let k = 0; k < H; k++) {
        const y = s.values[o + k];
        const v = f?.[k];
        // A missing forecast scores as no change (so a method cannot gain by failing).
        const fk = v !== undefined && Number.isFinite(v) ? v : s.values[o - 1];
        const e = Math.abs(y - fk);
        mase += scale > 0 ? e / scale : 0;
        smape += Math.abs(y) + Math.abs(fk) > 0 ? (200 * e) / (Math.abs(y) + Math.abs(fk)) : 0;
        points++;
      }
    }
  }
  return { mase: mase / points, smape: smape / points, points };
}

main();
