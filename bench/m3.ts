// `npm run bench:m3`: the M3 competition's 645 yearly series (../shared/benchmarks/m3-yearly/m3_yearly.csv),
// each forecast 6 years ahead from its train rows by every forecasting method, scored by the symmetric MAPE
// (200·|y − f|/(|y| + |f|), averaged per horizon and over all 645 × 6 errors) and timed, beside R's figures.
// If Rscript with the forecast package is installed, R's `forecast(ets(y), h = 6)` is timed on the same file in
// the same run (bench/m3-r.R) and the ratio auto-time / R-ets-time printed. Results: bench/results/m3.json.
//
//   npm run bench:m3                         default data path
//   npm run bench:m3 -- path/to/m3_yearly.csv   (or M3_CSV=path)
//   npm run bench:m3 -- --no-r               skip timing R
// Not part of `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Method } from '../src/forecast/types.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flags = new Set(argv.filter((a) => a.startsWith('--')));
const positional = argv.filter((a) => !a.startsWith('--'));
const csvPath = resolve(positional[0] ?? process.env.M3_CSV ?? join(ROOT, '..', 'shared', 'benchmarks', 'm3-yearly', 'm3_yearly.csv'));
const H = 6;

/**
 * R's figures, copied from ../shared/benchmarks/m3-yearly/RESULTS.md ("Measured here: R 4.2.2 with the forecast
 * package 8.20"): sMAPE avg 1-6, h1..h6 and seconds for 645 series on that machine.
 */
const R_RESULTS: Record<string, { call: string; avg: number; h: number[]; seconds: number }> = {
  naive: { call: 'rwf(y, h=6)', avg: 17.88, h: [8.51, 13.23, 17.77, 19.9, 22.96, 24.9], seconds: 0.28 },
  drift: { call: 'rwf(y, h=6, drift=TRUE)', avg: 16.79, h: [7.74, 11.95, 16.87, 18.92, 21.9, 23.36], seconds: 0.65 },
  ses: { call: 'ses(y, h=6)', avg: 17.76, h: [8.77, 13.28, 17.45, 19.74, 22.59, 24.73], seconds: 0.53 },
  holt: { call: 'holt(y, h=6)', avg: 19.05, h: [8.64, 13.27, 18.46, 21.71, 24.91, 27.33], seconds: 0.7 },
  damped: { call: 'holt(y, h=6, damped=TRUE)', avg: 16.98, h: [8.34, 12.28, 16.91, 19.27, 21.92, 23.14], seconds: 0.84 },
  ets: { call: 'forecast(ets(y), h=6)', avg: 17.0, h: [8.24, 12.27, 16.47, 19.04, 21.98, 24.01], seconds: 3.06 },
  theta: { call: 'thetaf(y, h=6)', avg: 16.76, h: [8.13, 12.27, 16.55, 18.84, 21.46, 23.28], seconds: 0.82 },
  arima: { call: 'forecast(auto.arima(y), h=6)', avg: 17.1, h: [8.23, 12.19, 16.6, 19.21, 22.28, 24.11], seconds: 20.13 },
};
/** Best published rows of RESULTS.md (Makridakis & Hibon 2000, Table 13; Hyndman 2018) that auto must beat. */
const PUBLISHED_BEST = { RBF: 16.42, 'ForecastX (ForcX)': 16.48, 'Robust-Trend': 16.78, Theta: 16.9, 'mean(ets, arima, thetaf)': 16.03 };

interface Series {
  id: string;
  train: number[];
  test: number[];
}

function readM3(path: string): Series[] {
  if (!existsSync(path)) {
    process.stderr.write(`bench:m3: the M3 yearly file is not at ${path}\n(give its path as an argument or in M3_CSV)\n`);
    process.exit(66);
  }
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) {
      process.stderr.write(`bench:m3: ${path} has no column ${name}\n`);
      process.exit(65);
    }
    return i;
  };
  const [cId, cSplit, cValue] = [col('series_id'), col('split'), col('value')];
  const byId = new Map<string, Series>();
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    let s = byId.get(f[cId]);
    if (s === undefined) {
      s = { id: f[cId], train: [], test: [] };
      byId.set(f[cId], s);
    }
    (f[cSplit] === 'train' ? s.train : s.test).push(Number(f[cValue]));
  }
  return [...byId.values()];
}

interface Row {
  method: string;
  avg: number;
  h: number[];
  /** Wall time of fitting and forecasting all series, in this process, in the order of the table. */
  seconds: number;
  /** CPU time of the process over the same span (user + system; includes the JIT's background threads). */
  cpuSeconds: number;
  failures: number;
}

/** sMAPE (avg of horizons 1-6) of every series, by method name, for the category table. */
const perSeries = new Map<string, number[]>();

function evaluate(name: string, method: Method, series: Series[]): Row {
  const sums = new Array<number>(H).fill(0);
  const counts = new Array<number>(H).fill(0);
  let failures = 0;
  const forecasts: number[][] = [];
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  for (const s of series) {
    try {
      forecasts.push(method.fit(s.train).forecast(H, { levels: [80, 95] }).mean);
    } catch {
      forecasts.push([]);
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const own: number[] = [];
  perSeries.set(name, own);
  series.forEach((s, i) => {
    const f = forecasts[i];
    own.push(Number.NaN);
    if (f.length !== H || !f.every(Number.isFinite)) {
      failures++;
      return;
    }
    own[i] = 0;
    for (let k = 0; k < H; k++) own[i] += (200 * Math.abs(s.test[k] - f[k])) / (Math.abs(s.test[k]) + Math.abs(f[k])) / H;
    for (let k = 0; k < H; k++) {
      sums[k] += (200 * Math.abs(s.test[k] - f[k])) / (Math.abs(s.test[k]) + Math.abs(f[k]));
      counts[k]++;
    }
  });
  const h = sums.map((v, k) => v / counts[k]);
  return { method: name, avg: h.reduce((a, b) => a + b, 0) / H, h, seconds, cpuSeconds, failures };
}

async function optionalMethod(file: string, exportName: string): Promise<Method | undefined> {
  const path = join(ROOT, 'src', 'forecast', `${file}.ts`);
  if (!existsSync(path)) return undefined;
  try {
    const mod = (await import(path)) as Record<string, unknown>;
    const m = mod[exportName];
    return m !== undefined && typeof (m as Method).fit === 'function' ? (m as Method) : undefined;
  } catch (e) {
    process.stderr.write(`bench:m3: could not load ${file}.ts: ${(e as Error).message}\n`);
    return undefined;
  }
}

/** Each series' M3 category from m3_yearly_meta.csv beside the data file (undefined when it is not there). */
function readCategories(path: string, series: Series[]): string[] | undefined {
  const meta = join(dirname(path), 'm3_yearly_meta.csv');
  if (!existsSync(meta)) return undefined;
  const lines = readFileSync(meta, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',').map((h) => h.replace(/"/g, ''));
  const [cId, cCat] = [header.indexOf('series_id'), header.indexOf('category')];
  const byId = new Map(lines.slice(1).map((l) => l.split(',').map((f) => f.replace(/"/g, ''))).map((f) => [f[cId], f[cCat]]));
  return series.map((s) => byId.get(s.id) ?? '?');
}

function timeR(path: string): { seconds: number; cpuSeconds: number; smape: number; failures: number } | undefined {
  if (flags.has('--no-r')) return undefined;
  const probe = spawnSync('Rscript', ['-e', 'suppressPackageStartupMessages(library(forecast))'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    process.stderr.write('bench:m3: Rscript with the forecast package not found; R not timed\n');
    return undefined;
  }
  const r = spawnSync('Rscript', [join(ROOT, 'bench', 'm3-r.R'), path], { encoding: 'utf8', maxBuffer: 1 << 24 });
  const m = /seconds=([\d.]+) cpu=([\d.]+) smape=([\d.]+) failures=(\d+)/.exec(r.stdout ?? '');
  if (!m) {
    process.stderr.write(`bench:m3: R run failed: ${(r.stderr ?? '').slice(-500)}\n`);
    return undefined;
  }
  return { seconds: Number(m[1]), cpuSeconds: Number(m[2]), smape: Number(m[3]), failures: Number(m[4]) };
}

const fmt = (x: number | undefined, d = 2) => (x === undefined || !Number.isFinite(x) ? '' : x.toFixed(d));

async function main(): Promise<void> {
  const series = readM3(csvPath);
  const methods: [string, Method][] = [];
  // auto first, so its time is a cold start (no JIT warm-up from the other methods).
  for (const [file, name] of [
    ['auto', 'auto'],
    ['naive', 'naive'],
    ['drift', 'drift'],
    ['ses', 'ses'],
    ['holt', 'holt'],
    ['damped', 'damped'],
    ['theta', 'theta'],
    ['ets', 'ets'],
    ['arima', 'arima'],
  ] as const) {
    const m = await optionalMethod(file, name);
    if (m !== undefined) methods.push([name, m]);
  }
  // Informative combinations (not methods of their own): M3's Comb S-H-D, and, when arima.ts exists, the
  // cycle-aware alternative to auto measured while choosing auto (too slow for auto's time budget).
  const { combine } = await import('../src/forecast/combine.js');
  const byName = new Map(methods);
  const extra: [string, Method][] = [];
  const [sesM, holtM, dampedM, driftM, arimaM] = ['ses', 'holt', 'damped', 'drift', 'arima'].map((n) => byName.get(n));
  if (sesM && holtM && dampedM) extra.push(['comb S-H-D (mean)', combine('shd', [sesM, holtM, dampedM], 'mean')]);
  // auto before it weighed evidence on long series: the plain median of its five components.
  const { AUTO_COMPONENTS } = await import('../src/forecast/auto.js');
  extra.push(['median5 (auto before)', combine('median5', AUTO_COMPONENTS, 'median')]);
  if (driftM && sesM && arimaM) extra.push(['median(drift,ses,arima)', combine('dsa', [driftM, sesM, arimaM], 'median')]);
  const rows = [...methods, ...extra].map(([name, m]) => evaluate(name, m, series));
  const rEts = timeR(csvPath);

  const header = ['method', 'sMAPE 1-6', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'seconds', 'cpu s', 'failures', 'R sMAPE', 'diff', 'R s (RESULTS.md)'];
  const table = rows.map((r) => {
    const ref = R_RESULTS[r.method];
    return [r.method, fmt(r.avg), ...r.h.map((v) => fmt(v)), fmt(r.seconds, 3), fmt(r.cpuSeconds, 3), String(r.failures), fmt(ref?.avg), ref ? (r.avg - ref.avg >= 0 ? '+' : '') + fmt(r.avg - ref.avg) : '', fmt(ref?.seconds)];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`M3 yearly: ${series.length} series, horizon ${H}, data ${csvPath}`);
  console.log(line(header));
  for (const row of table) console.log(line(row));
  const auto = rows.find((r) => r.method === 'auto');
  if (auto) {
    const best = Object.entries(PUBLISHED_BEST).sort((a, b) => a[1] - b[1]);
    console.log(`auto ${fmt(auto.avg)} vs best published/R rows: ${best.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  }
  const categories = readCategories(csvPath, series);
  if (auto && categories !== undefined) {
    const names = [...new Set(categories)].sort();
    const mean = (method: string, c: string) => {
      const v = (perSeries.get(method) ?? []).filter((x, i) => categories[i] === c && Number.isFinite(x));
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    console.log(`by M3 category (sMAPE): ${names.map((c) => `${c} auto ${fmt(mean('auto', c))} / before ${fmt(mean('median5 (auto before)', c))}`).join('; ')}`);
    const worse = names.filter((c) => mean('auto', c) > mean('median5 (auto before)', c) + 1e-9);
    console.log(worse.length === 0 ? 'auto is no worse than before in any category' : `auto is worse than before in: ${worse.join(', ')}`);
  }
  let ratio: number | undefined;
  let cpuRatio: number | undefined;
  if (rEts) {
    console.log(`R forecast(ets(y), h=6) on the same file, this run: ${fmt(rEts.seconds, 3)} s wall, ${fmt(rEts.cpuSeconds, 3)} s cpu, sMAPE ${fmt(rEts.smape)}, failures ${rEts.failures}`);
    if (auto) {
      ratio = auto.seconds / rEts.seconds;
      cpuRatio = auto.cpuSeconds / rEts.cpuSeconds;
      console.log(`auto time / R ets time = ${fmt(auto.seconds, 3)} / ${fmt(rEts.seconds, 3)} = ${fmt(ratio, 3)} wall, ${fmt(cpuRatio, 3)} cpu (target <= 0.15; auto timed first, JIT cold)`);
    }
  }
  const outDir = join(ROOT, 'bench', 'results');
  mkdirSync(outDir, { recursive: true });
  const out = { date: new Date().toISOString(), data: csvPath, series: series.length, horizon: H, node: process.version, rows, rEts, autoOverREtsTime: ratio, autoOverREtsCpu: cpuRatio, rReference: R_RESULTS, source: '../shared/benchmarks/m3-yearly/RESULTS.md' };
  writeFileSync(join(outDir, 'm3.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log('written: bench/results/m3.json');
}

await main();
