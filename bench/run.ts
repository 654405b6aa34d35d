// `npm run bench`: start-up, throughput, memory and scaling of semicap, each figure beside a baseline
// measured side by side in the same run (node -e 0 for start-up, Miller for reading the same CSV).
// Results are printed and written to bench/results/latest.json. Never part of `npm test`.
//
//   npm run bench                 start-up + 10k and 100k series
//   npm run bench -- --full       also 1,000,000 series (a ~700 MB file; takes minutes)
//   npm run bench -- --quick      start-up + 10k series only
//   npm run bench -- --quick --baseline DIR
//                                 also time DIR/bin/semicap.js (another build, e.g. a copy of the previous
//                                 commit's bin/, dist/, datasets/, package.json) in the same round-robin
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'semicap.js');
const DATA = join(ROOT, 'bench', 'data');
const RESULTS = join(ROOT, 'bench', 'results');
const args = new Set(process.argv.slice(2));
const baselineAt = process.argv.indexOf('--baseline');
const BASELINE = baselineAt > 0 ? process.argv[baselineAt + 1] : undefined;
if (BASELINE !== undefined && !existsSync(join(BASELINE, 'bin', 'semicap.js'))) throw new Error(`--baseline ${BASELINE}: no bin/semicap.js there`);

interface Timed {
  seconds: number;
  maxRssMb: number;
  code: number | null;
}

/** Runs a command under /usr/bin/time -v (when present) for wall time and peak resident memory. */
function timed(cmd: string, argv: string[]): Timed {
  const hasTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = hasTime
    ? spawnSync('/usr/bin/time', ['-v', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', 'ignore', 'pipe'] })
    : spawnSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 && r.status !== 65) process.stderr.write(`warning: ${cmd} ${argv.join(' ')} exited ${r.status}: ${(r.stderr ?? '').split('\n').slice(-5).join(' ')}\n`);
  return { seconds, maxRssMb: rss ? Number(rss[1]) / 1024 : NaN, code: r.status };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Start-up: each command and the baseline run round-robin, so drift in machine load hits all alike. */
function startup(runs = 15) {
  const cases: Record<string, string[]> = {
    'node -e 0': ['-e', '0'],
    'semicap --version': [BIN, '--version'],
    'semicap capacity': [BIN, 'capacity'],
    ...(BASELINE === undefined
      ? {}
      : { 'baseline: semicap --version': [join(BASELINE, 'bin', 'semicap.js'), '--version'], 'baseline: semicap capacity': [join(BASELINE, 'bin', 'semicap.js'), 'capacity'] }),
  };
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
  for (let i = 0; i < runs + 2; i++) {
    for (const [name, argv] of Object.entries(cases)) {
      const t0 = process.hrtime.bigint();
      spawnSync(process.execPath, argv, { stdio: 'ignore' });
      if (i >= 2) times[name].push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const base = median(times['node -e 0']);
  return Object.entries(times).map(([name, t]) => ({ name, medianMs: median(t), ratio: median(t) / base, runs: t.length }));
}

/** A seeded generator of yearly series: trend, cycles (boom and bust) and noise, positive values. */
async function generate(path: string, series: number, years: number): Promise<void> {
  if (existsSync(path)) return;
  mkdirSync(dirname(path), { recursive: true });
  let state = 0x9e3779b9;
  const rand = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const out = createWriteStream(path);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((r) => out.once('drain', () => r())));
  await write('id,year,value\n');
  for (let s = 0; s < series; s++) {
    let level = 100 + rand() * 900;
    const growth = (rand() - 0.3) * 0.08;
    const amplitude = rand() * 0.15;
    const period = 4 + rand() * 6;
    let chunk = '';
    for (let y = 0; y < years; y++) {
      level *= 1 + growth + (rand() - 0.5) * 0.06;
      const value = level * (1 + amplitude * Math.sin((2 * Math.PI * y) / period));
      chunk += `S${s},${1990 + y},${value.toFixed(3)}\n`;
    }
    await write(chunk);
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function throughput(series: number, years = 30) {
  const file = join(DATA, `long-${series}x${years}.csv`);
  await generate(file, series, years);
  const mb = statSync(file).size / 1e6;
  const rows: Record<string, unknown>[] = [];
  const miller = existsSync('/usr/bin/mlr') ? timed('/usr/bin/mlr', ['--icsv', '--ojson', 'stats1', '-a', 'mean,count', '-f', 'value', '-g', 'id', file]) : undefined;
  if (miller) rows.push({ series, what: 'mlr stats1 (baseline)', seconds: miller.seconds, seriesPerSec: series / miller.seconds, mbPerSec: mb / miller.seconds, maxRssMb: miller.maxRssMb, ratioToMiller: 1 });
  for (const method of ['theta', 'auto']) {
    const out = join(DATA, `out-${method}-${series}.csv`);
    const t = timed(process.execPath, [BIN, 'forecast', file, '--id', 'id', '--method', method, '--format', 'csv', '--out', out, '--quiet']);
    rows.push({ series, what: `semicap forecast --method ${method}`, seconds: t.seconds, seriesPerSec: series / t.seconds, mbPerSec: mb / t.seconds, maxRssMb: t.maxRssMb, ratioToMiller: miller ? t.seconds / miller.seconds : null, exit: t.code });
  }
  return { file, mb, rows };
}

const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: (await import('node:os')).cpus().length };
const st = startup();
results.startup = st;
console.log('\nStart-up (median wall time, ratio to node -e 0 measured in the same run)');
console.table(st.map((r) => ({ command: r.name, 'median ms': r.medianMs.toFixed(1), ratio: r.ratio.toFixed(2), runs: r.runs })));

const sizes = args.has('--quick') ? [10_000] : args.has('--full') ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
const tp = [];
for (const n of sizes) {
  const r = await throughput(n);
  tp.push(r);
  console.log(`\nThroughput and memory: ${n.toLocaleString('en-US')} series × 30 years (${r.mb.toFixed(1)} MB)`);
  console.table(
    r.rows.map((x) => ({
      what: x.what,
      seconds: (x.seconds as number).toFixed(2),
      'series/s': Math.round(x.seriesPerSec as number),
      'MB/s': (x.mbPerSec as number).toFixed(1),
      'peak RSS MB': (x.maxRssMb as number).toFixed(0),
      'x Miller': x.ratioToMiller === null ? '' : (x.ratioToMiller as number).toFixed(2),
    })),
  );
}
results.throughput = tp;
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nwritten to ${join('bench', 'results', 'latest.json')}`);
