// Monte Carlo benchmark (not a test): `npx tsx bench/montecarlo.ts`; its headline also runs in `npm run bench`
// (bench/run.ts imports measure() from here).
// Times simulateSeries (draws + steps + per-year mean, sd, target counts, sort and percentiles) for one series with
// a normal growth rate drawn every year, how the time grows with paths and years, and a baseline measured in the
// same run: a plain loop drawing the same number of normals (same generator, same inverse normal) into a
// Float64Array. The three cases of a measurement (simulate, stepping, baseline) run round-robin after two warm-ups
// each, so a burst of load from other processes hits all of them alike. Each figure is the fastest of the runs (the
// least disturbed on a shared machine; the median is kept beside it to show the spread).
// This measures src/ in-process under tsx, not the bundled CLI.
import { availableParallelism, cpus } from 'node:os';
import { normalQuantile as qnorm } from '../src/forecast/normal.js';
import { runPaths, simulateScenarios, simulateSeries } from '../src/domain/montecarlo.js';
import { createOpenRng as createRng } from '../src/forecast/random.js';
import type { Scenario, SeriesAssumptions } from '../src/domain/scenario.js';
import { loadScenariosWithData } from '../src/data/scenarios.js';
import { fileURLToPath } from 'node:url';

export const REPEATS = Number(process.env.BENCH_REPEATS ?? 5);

function series(years: number): SeriesAssumptions {
  return {
    series: 'mature_share',
    unit: 'percent',
    method: 'cagr',
    startYear: 2024,
    start: { value: 34, dist: { kind: 'fixed' }, draw: 'once' },
    growth: { value: 5.91, dist: { kind: 'normal', sd: 2 }, draw: 'yearly' },
    targets: [{ year: 2024 + years, value: 50 }],
    notes: [],
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const medians = new Map<string, number>();

/** Fastest and median milliseconds of each case, run round-robin `repeats` times after two warm-ups each. */
function timeSideBySide<K extends string>(cases: Record<K, () => unknown>, repeats = REPEATS): Record<K, { fastest: number; median: number }> {
  const keys = Object.keys(cases) as K[];
  for (const k of keys) {
    cases[k](); // warm-ups: compile the hot loops
    cases[k]();
  }
  const ms = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let i = 0; i < repeats; i++) {
    for (const k of keys) {
      const t0 = performance.now();
      cases[k]();
      ms[k].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, { fastest: Math.min(...ms[k]), median: median(ms[k]) }])) as Record<K, { fastest: number; median: number }>;
}

/** Fastest milliseconds of `repeats` runs after two warm-ups. */
function time(f: () => unknown, repeats = REPEATS): number {
  return timeSideBySide({ f }, repeats).f.fastest;
}

/** The baseline: the same number of normal draws, nothing else, into a reused Float64Array. */
export function drawNormals(paths: number, years: number): number {
  const rng = createRng(1);
  const out = new Float64Array(paths);
  let sum = 0;
  for (let y = 0; y < years; y++) {
    for (let p = 0; p < paths; p++) out[p] = 5.91 + 2 * qnorm(rng.uniform());
    sum += out[paths - 1];
  }
  return sum;
}

/** One measurement, in milliseconds: the fastest of the runs, and the median of the same runs. */
export interface Row {
  label: string;
  paths: number;
  years: number;
  repeats: number;
  simulate: number;
  stepping: number;
  baseline: number;
  median: { simulate: number; stepping: number; baseline: number };
}

/** simulateSeries, runPaths alone and the bare draws of `paths × years` normals, side by side. */
export function measure(label: string, paths: number, years: number, repeats = REPEATS): Row {
  const s = series(years);
  const through = 2024 + years;
  const t = timeSideBySide(
    {
      simulate: () => simulateSeries('base', s, { paths, seed: 42, through }),
      stepping: () => runPaths(s, createRng(42), paths, through, () => undefined),
      baseline: () => drawNormals(paths, years),
    },
    repeats,
  );
  medians.set(label, t.simulate.median);
  return {
    label,
    paths,
    years,
    repeats,
    simulate: t.simulate.fastest,
    stepping: t.stepping.fastest,
    baseline: t.baseline.fastest,
    median: { simulate: t.simulate.median, stepping: t.stepping.median, baseline: t.baseline.median },
  };
}

const fmt = (ms: number) => ms.toFixed(1).padStart(9);
const ratio = (a: number, b: number) => (a / b).toFixed(2).padStart(7);

function print(title: string, rows: Row[], reference: Row): void {
  console.log(`\n${title}`);
  console.log('  case                 paths  years  simulate ms  stepping ms  baseline ms  sim/base  sim/ref  path-years/s');
  for (const r of rows) {
    const rate = ((r.paths * r.years) / (r.simulate / 1000) / 1e6).toFixed(1);
    console.log(
      `  ${r.label.padEnd(18)} ${String(r.paths).padStart(8)} ${String(r.years).padStart(6)}  ${fmt(r.simulate)}    ${fmt(r.stepping)}    ${fmt(r.baseline)}  ${ratio(r.simulate, r.baseline)}  ${ratio(r.simulate, reference.simulate)}  ${rate.padStart(8)} M`,
    );
  }
}

function main(): void {
  console.log(`semicap Monte Carlo benchmark — node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), fastest of ${REPEATS} runs after two warm-ups`);
  console.log('simulate = simulateSeries (draws, steps, mean/sd, target count, percentiles by selection per year); stepping = runPaths alone;');
  console.log('baseline = a plain loop drawing the same number of normals (xoshiro128** + inverse normal) into a Float64Array');

  const headline = measure('headline', 100_000, 10);
  print('One series, normal growth drawn every year, 100,000 paths × 10 years (target: under 1 s)', [headline], headline);
  console.log(`  (median of the ${REPEATS} runs: ${medians.get('headline')!.toFixed(1)} ms)`);

  const byPaths = [measure('paths 10k', 10_000, 10), headline, measure('paths 1M', 1_000_000, 10, 3)];
  print('Growth with paths (10 years)', byPaths, headline);

  const byYears = [headline, measure('years 20', 100_000, 20), measure('years 40', 100_000, 40)];
  print('Growth with years (100,000 paths)', byYears, headline);

  // The bundled base scenario (four series, each through 2034 and its last target), as `semicap scenario base` runs it.
  const bundled = loadScenariosWithData(fileURLToPath(new URL('../datasets/scenarios.csv', import.meta.url)), fileURLToPath(new URL('../datasets', import.meta.url))).scenarios;
  const base: Scenario[] = bundled.filter((s) => s.name === 'base');
  const years = base[0].series.reduce((sum, s) => sum + Math.max(2034, ...s.targets.map((t) => t.year)) - s.startYear + 1, 0);
  const scenarioMs = time(() => simulateScenarios(base, { paths: 100_000, seed: 42, through: 2034 }));
  const scenarioBaseline = time(() => drawNormals(100_000, years));
  console.log(`\nBundled 'base' scenario (4 series, ${years} series-years in all), 100,000 paths: ${scenarioMs.toFixed(1)} ms; baseline for as many normals ${scenarioBaseline.toFixed(1)} ms (ratio ${(scenarioMs / scenarioBaseline).toFixed(2)})`);

  // The headline once more at the end: on a shared machine the first and last measurements show how much the
  // figures move with other load.
  const again = measure('headline again', 100_000, 10);
  print('The headline case measured again at the end', [headline, again], headline);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
