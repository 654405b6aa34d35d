// `npm run bench`: start-up, throughput, memory and scaling of the built CLI (bin/semicap.js, run
// as a child process exactly as a user runs it), and the Monte Carlo core, each figure beside a baseline measured
// side by side in the same run. Prints tables and writes everything to bench/results/latest.json (git-ignored).
// Never part of `npm test`.
//
//   npm run bench                  start-up + Monte Carlo + 10,000 and 100,000 series (several minutes)
//   npm run bench -- --quick       start-up + 10,000 series only (about a minute)
//   npm run bench -- --full        the default + 1,000,000 series (a 640 MB file; a long run, and Miller alone
//                                  needs several GB at that size)
//   npm run bench -- --only reading   one part only: startup, montecarlo, reading or throughput (comma-separated)
// Other options:
//   --no-build          measure bin/semicap.js as it is (default: `npm run build` first, so the figures are of
//                       the current source)
//   --repeat N          runs of each throughput case per size (default 3 at 10,000 series, 1 above); the median
//                       time and the highest peak RSS are reported
//   --startup-runs N    runs of each start-up case (default 15, at least 10)
//   --baseline DIR      also time DIR/bin/semicap.js (another build, e.g. a copy of the previous commit's bin/,
//                       dist/, datasets/ and package.json) in the start-up round-robin, for a before/after
//                       (and its forecast --method naive beside this build's in the reading part)
//   --keep-output       keep the forecast and Miller outputs in bench/data/ (default: deleted once checked)
//
// What is measured, and against what:
//   start-up     `semicap --version` and `semicap capacity` (bundled data) against `node -e 0`; the three run
//                round-robin (so a burst of load hits all alike), two warm-up rounds, then the median wall time.
//   throughput   `semicap forecast FILE --id id --method theta|auto --horizon 6 --format csv --out OUT` on a
//                generated long CSV (N series × 30 years, bench/gen-long-csv.ts), in series/s and MB/s, against
//                Miller reading the same file (`mlr --icsv --ojson stats1 -a mean,count -f value -g id FILE`:
//                parse every row, group by id, a sum per group: the I/O-and-parsing floor of any tool that reads
//                the file). Miller, theta and auto run round-robin when repeated.
//   memory       peak resident set size of each of those runs, from /usr/bin/time -v (`apt-get install time`).
//   scaling      the same at 10,000, 100,000 (and with --full 1,000,000) series; growth of wall time, CPU time
//                and peak RSS per 10× more series, divided by 10, so 1.0 is linear; above 1.5 is flagged as
//                super-linear (for time only when wall and CPU time agree: wall time alone moves with load).
//   reading      bench/reading.ts: forecast --method naive on 50,000 × 47 years, reading alone (MB/s), theta and
//                auto on 200,000 × 47 (≈ 200 MB) and one shard of four, beside cat and wc -l (the floor), Miller
//                and DuckDB (peers), each with its peak RSS; --quick: the 50,000 file only.
//   Monte Carlo  simulateSeries for 100,000 (and 1,000,000) paths × 10 years from bench/montecarlo.ts, in-process
//                on src/ under tsx (not through the CLI), against a plain loop drawing the same number of normals.
// Every run is checked: exit code 0 and the output complete (the forecast CSV has series × 6 data rows under
// its header; Miller's JSON has one record per series). A run that fails its check is marked FAILED, scores no
// ratio, and makes `npm run bench` exit 1 (a broken CLI cannot score a fast time). Missing a target is reported
// in the targets table but does not change the exit code.
//
// The data: run.ts used to have a generator of its own (xorshift, series with boom-and-bust cycles, ids S0…);
// since the files are now those of bench/gen-long-csv.ts (mulberry32 random walk with drift, ids s000…), the one
// generator of bench/. Files are cached in bench/data/ (git-ignored) with a stamp and regenerated when the
// generator or options change.
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureLongCsv } from './gen-long-csv.js';
import { measure as measureMonteCarlo, type Row as MonteCarloRow } from './montecarlo.js';
import { readingBenchmark, readingTargets, type ReadingSize } from './reading.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'semicap.js');
const DATA = join(ROOT, 'bench', 'data');
const RESULTS = join(ROOT, 'bench', 'results');
const TIME = '/usr/bin/time';
const MLR = '/usr/bin/mlr';
const YEARS = 30;
const HORIZON = 6;
const METHODS = ['naive', 'theta', 'auto'] as const;
/** Growth per 10× series, divided by 10, above which time or memory counts as clearly super-linear. */
const SUPERLINEAR = 1.5;
/** The size the throughput and memory targets are stated for. */
const TARGET_SIZE = 100_000;

// ---------------------------------------------------------------------------------------------------- options

const USAGE = 'usage: npm run bench -- [--quick | --full] [--only startup,montecarlo,reading,throughput] [--no-build] [--repeat N] [--startup-runs N] [--keep-output] [--baseline DIR]';
const PARTS = ['startup', 'montecarlo', 'reading', 'throughput'] as const;

interface Options {
  mode: 'quick' | 'default' | 'full';
  build: boolean;
  repeat: number | undefined;
  startupRuns: number;
  keepOutput: boolean;
  /** Another build (a folder with bin/semicap.js) whose start-up is timed in the same round-robin. */
  baseline: string | undefined;
  /** The parts to run (all by default). */
  parts: Set<(typeof PARTS)[number]>;
}

function parseOptions(argv: string[]): Options {
  const o: Options = { mode: 'default', build: true, repeat: undefined, startupRuns: 15, keepOutput: false, baseline: undefined, parts: new Set(PARTS) };
  const count = (flag: string, text: string | undefined, min: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) fail(`${flag} takes a whole number ≥ ${min}; got ${text ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick' || a === '--full') {
      if (o.mode !== 'default') fail('--quick and --full exclude each other');
      o.mode = a === '--quick' ? 'quick' : 'full';
    } else if (a === '--no-build') o.build = false;
    else if (a === '--only') {
      const parts = (argv[++i] ?? '').split(',');
      const unknown = parts.filter((p) => !(PARTS as readonly string[]).includes(p));
      if (unknown.length > 0) fail(`--only takes parts among ${PARTS.join(', ')}; got ${argv[i] ?? 'nothing'}`);
      o.parts = new Set(parts as (typeof PARTS)[number][]);
    }
    else if (a === '--keep-output') o.keepOutput = true;
    else if (a === '--repeat') o.repeat = count(a, argv[++i], 1);
    else if (a === '--startup-runs') o.startupRuns = count(a, argv[++i], 10);
    else if (a === '--baseline') {
      o.baseline = argv[++i];
      if (o.baseline === undefined || !existsSync(join(o.baseline, 'bin', 'semicap.js'))) fail(`--baseline ${o.baseline ?? ''}: expected a folder with bin/semicap.js (a build to compare with)`);
    }
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown option ${a}`);
  }
  return o;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------------- helpers

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const short = (n: number) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n));
const fixed = (n: number | null | undefined, digits: number) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : n.toFixed(digits));
const times = (n: number | null | undefined) => (n === null || n === undefined || !Number.isFinite(n) ? '–' : `${n.toFixed(2)}×`);

/** Prints a plain table: numbers (and ratios, –) right-aligned, text left-aligned. */
function printTable(title: string, header: string[], rows: string[][], notes: string[] = []): void {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const numeric = header.map((_, c) => rows.every((r) => /^[-+]?[\d,.]*[×%]?$|^–$/.test(r[c] ?? '')));
  const line = (cells: string[]) => '  ' + cells.map((cell, c) => (numeric[c] ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ').trimEnd();
  console.log(`\n${title}`);
  console.log(line(header));
  console.log('  ' + widths.map((w) => '─'.repeat(w)).join('  '));
  for (const r of rows) console.log(line(r));
  for (const n of notes) console.log(`  ${n}`);
}

/** Counts the occurrences of `needle` in a file, streaming (the file may be larger than memory), and its first line. */
function scanFile(path: string, needle: string): { count: number; firstLine: string } {
  const fd = openSync(path, 'r');
  const pattern = Buffer.from(needle);
  const buf = Buffer.alloc(1 << 22);
  let carry = 0; // bytes kept from the end of the previous chunk, so a needle across the boundary is found
  let count = 0;
  let firstLine: string | undefined;
  let head = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, carry, buf.length - carry, null);
      if (n === 0) break;
      const end = carry + n;
      if (firstLine === undefined) {
        head += buf.toString('utf8', carry, end);
        const nl = head.indexOf('\n');
        if (nl >= 0 || head.length > 1 << 16) firstLine = (nl >= 0 ? head.slice(0, nl) : head).replace(/\r$/, '');
      }
      for (let at = buf.indexOf(pattern, 0); at >= 0 && at + pattern.length <= end; at = buf.indexOf(pattern, at + pattern.length)) count++;
      // keep the last needle.length − 1 bytes (none of them can start a needle already counted)
      // (matches running into stale bytes after `end` are not counted: see the loop's condition)
      carry = Math.min(pattern.length - 1, end);
      buf.copy(buf, 0, end - carry, end);
    }
  } finally {
    closeSync(fd);
  }
  return { count, firstLine: firstLine ?? head };
}

interface Run {
  seconds: number;
  /** User + system CPU seconds of the process and its waited-for children (threads included). */
  cpuSeconds: number;
  maxRssMb: number;
  code: number | null;
  /** The last lines the command itself wrote to stderr (not /usr/bin/time's report). */
  stderrTail: string;
}

/** Runs a command under /usr/bin/time -v: wall time (measured here), CPU time and peak resident memory. */
function timedRun(argv: string[], stdoutFile?: string): Run {
  const fd = stdoutFile ? openSync(stdoutFile, 'w') : 'ignore';
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME, ['-v', ...argv], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26, stdio: ['ignore', fd, 'pipe'] });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (typeof fd === 'number') closeSync(fd);
  const stderr = r.stderr ?? '';
  const num = (re: RegExp) => Number(re.exec(stderr)?.[1] ?? NaN);
  const own = stderr.split('\n');
  const report = own.findIndex((l) => /^\tCommand being timed:|^Command (exited with|terminated by)/.test(l));
  const stderrTail = (report >= 0 ? own.slice(0, report) : own).filter((l) => l.trim() !== '').slice(-3).join(' | ');
  return {
    seconds,
    cpuSeconds: num(/User time \(seconds\): ([\d.]+)/) + num(/System time \(seconds\): ([\d.]+)/),
    maxRssMb: num(/Maximum resident set size \(kbytes\): (\d+)/) / 1024,
    code: r.error ? null : r.status,
    stderrTail: r.error ? String(r.error) : stderrTail,
  };
}

function git(args: string[]): string {
  const r = spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : '';
}

// ---------------------------------------------------------------------------------------------------- start-up

interface StartupRow {
  command: string;
  medianMs: number;
  minMs: number;
  ratio: number;
  runs: number;
  exitCodes: number[];
  ok: boolean;
  check: string;
}

function startup(runs: number, baseline: string | undefined): StartupRow[] {
  const builds = [{ label: '', bin: BIN }, ...(baseline === undefined ? [] : [{ label: 'baseline: ', bin: join(baseline, 'bin', 'semicap.js') }])];
  const cases: { name: string; argv: string[]; check: (stdout: string) => boolean; expect: string }[] = [
    { name: 'node -e 0', argv: ['-e', '0'], check: () => true, expect: 'exit 0' },
    ...builds.flatMap(({ label, bin }) => [
      { name: `${label}semicap --version`, argv: [bin, '--version'], check: (out: string) => /^\d+\.\d+\.\d+/.test(out.trim()), expect: 'exit 0, prints a version' },
      { name: `${label}semicap capacity`, argv: [bin, 'capacity'], check: (out: string) => out.trim().split('\n').length >= 3, expect: 'exit 0, prints a table' },
    ]),
  ];
  const ms = cases.map(() => [] as number[]);
  const codes = cases.map(() => new Set<number>());
  const outputOk = cases.map(() => true);
  for (let i = 0; i < runs + 2; i++) {
    cases.forEach((c, k) => {
      const t0 = process.hrtime.bigint();
      // stdout and stderr piped for every case alike (the cost of the pipe is in the baseline too)
      const r = spawnSync(process.execPath, c.argv, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
      const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
      codes[k].add(r.status ?? -1);
      if (r.status !== 0 || !c.check(r.stdout ?? '')) outputOk[k] = false;
      if (i >= 2) ms[k].push(elapsed);
    });
  }
  const base = median(ms[0]);
  return cases.map((c, k) => ({
    command: c.name,
    medianMs: median(ms[k]),
    minMs: Math.min(...ms[k]),
    ratio: median(ms[k]) / base,
    runs: ms[k].length,
    exitCodes: [...codes[k]],
    ok: outputOk[k],
    check: c.expect,
  }));
}

// ---------------------------------------------------------------------------------------------------- throughput

interface Case {
  /** 'mlr' (the baseline) or a forecasting method. */
  what: 'mlr' | (typeof METHODS)[number];
  label: string;
  runs: Run[];
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  /** Series and MB per second of the median time; null when a run failed its check (no score for a broken run). */
  seriesPerSec: number | null;
  mbPerSec: number | null;
  /** Median seconds ÷ Miller's median seconds at the same size; null when either run failed its check. */
  ratioToMiller: number | null;
  /** Median CPU seconds ÷ Miller's: the same comparison less moved by other load (Miller uses several threads too). */
  cpuRatioToMiller: number | null;
  exitCodes: (number | null)[];
  check: { ok: boolean; expected: number; found: number | null; what: string; problem?: string };
}

interface SizeResult {
  series: number;
  years: number;
  file: string;
  mb: number;
  rows: number;
  generated: boolean;
  generateSeconds: number;
  repeats: number;
  cases: Case[];
}

/** Checks one run's output: exit 0, and the expected number of records (Miller) or CSV data rows (semicap). */
function checkOutput(what: Case['what'], run: Run, out: string, series: number): Case['check'] {
  const expected = what === 'mlr' ? series : series * HORIZON;
  const unit = what === 'mlr' ? 'JSON records' : 'CSV data rows';
  const result = (found: number | null, problem?: string): Case['check'] => ({ ok: problem === undefined, expected, found, what: unit, ...(problem ? { problem } : {}) });
  if (run.code !== 0) return result(null, `exit ${run.code}${run.stderrTail ? `: ${run.stderrTail}` : ''}`);
  if (!existsSync(out)) return result(null, `no output file ${relative(ROOT, out)}`);
  if (what === 'mlr') {
    const { count } = scanFile(out, '"id":');
    return result(count, count === expected ? undefined : `${count} ${unit}, expected ${expected}`);
  }
  const { count, firstLine } = scanFile(out, '\n');
  if (!firstLine.startsWith('id,year,method,mean')) return result(null, `unexpected header ${JSON.stringify(firstLine.slice(0, 60))}`);
  const rows = count - 1;
  return result(rows, rows === expected ? undefined : `${rows} ${unit}, expected ${expected} (${series} series × ${HORIZON} years)`);
}

async function throughput(series: number, repeats: number, keepOutput: boolean): Promise<SizeResult> {
  const file = join(DATA, `long-${series}x${YEARS}.csv`);
  const g0 = process.hrtime.bigint();
  const data = await ensureLongCsv(file, { series, years: YEARS, start: 1990, seed: 1 });
  const generateSeconds = Number(process.hrtime.bigint() - g0) / 1e9;
  if (data.generated) console.log(`\n(generated ${relative(ROOT, file)}: ${int(data.rows)} rows, ${(data.bytes / 1e6).toFixed(1)} MB in ${generateSeconds.toFixed(1)} s)`);
  const mb = data.bytes / 1e6;

  const whats: Case['what'][] = ['mlr', ...METHODS];
  const outputs = new Map<Case['what'], string>(whats.map((w) => [w, join(DATA, w === 'mlr' ? `out-mlr-${series}.json` : `out-${w}-${series}.csv`)]));
  const runs = new Map<Case['what'], Run[]>(whats.map((w) => [w, []]));
  const checks = new Map<Case['what'], Case['check'][]>(whats.map((w) => [w, []]));
  for (let i = 0; i < repeats; i++) {
    for (const what of whats) {
      const out = outputs.get(what)!;
      rmSync(out, { force: true }); // a run that writes nothing must not pass on an earlier run's output
      const run =
        what === 'mlr'
          ? timedRun([MLR, '--icsv', '--ojson', 'stats1', '-a', 'mean,count', '-f', 'value', '-g', 'id', file], out)
          : timedRun([process.execPath, BIN, 'forecast', file, '--id', 'id', '--method', what, '--horizon', String(HORIZON), '--format', 'csv', '--out', out, '--quiet']);
      const check = checkOutput(what, run, out, series);
      if (!check.ok) process.stderr.write(`bench: ${what} at ${series} series FAILED its check: ${check.problem}\n`);
      runs.get(what)!.push(run);
      checks.get(what)!.push(check);
      if (!keepOutput) rmSync(out, { force: true });
    }
  }

  const cases: Case[] = whats.map((what) => {
    const rs = runs.get(what)!;
    const cs = checks.get(what)!;
    const seconds = median(rs.map((r) => r.seconds));
    const check = cs.find((c) => !c.ok) ?? cs[0];
    return {
      what,
      label: what === 'mlr' ? 'mlr stats1 (baseline)' : `semicap forecast --method ${what}`,
      runs: rs,
      seconds,
      cpuSeconds: median(rs.map((r) => r.cpuSeconds)),
      maxRssMb: Math.max(...rs.map((r) => r.maxRssMb)),
      seriesPerSec: check.ok ? series / seconds : null,
      mbPerSec: check.ok ? mb / seconds : null,
      ratioToMiller: null,
      cpuRatioToMiller: null,
      exitCodes: rs.map((r) => r.code),
      check,
    };
  });
  const miller = cases[0];
  for (const c of cases.slice(1)) {
    c.ratioToMiller = c.check.ok && miller.check.ok ? c.seconds / miller.seconds : null;
    c.cpuRatioToMiller = c.check.ok && miller.check.ok ? c.cpuSeconds / miller.cpuSeconds : null;
  }
  return { series, years: YEARS, file: relative(ROOT, file), mb, rows: data.rows, generated: data.generated, generateSeconds, repeats, cases };
}

function printThroughput(r: SizeResult): void {
  printTable(
    `Throughput and memory: ${int(r.series)} series × ${r.years} years (${r.mb.toFixed(1)} MB, ${int(r.rows)} rows); ${r.repeats === 1 ? 'one run each' : `median of ${r.repeats} round-robin runs, highest peak RSS`}`,
    ['command', 'seconds', 'cpu s', 'series/s', 'MB/s', 'peak RSS MB', '× Miller', 'cpu × Miller', 'check'],
    r.cases.map((c) => [
      c.label,
      fixed(c.seconds, 2),
      fixed(c.cpuSeconds, 2),
      c.seriesPerSec === null ? '–' : int(c.seriesPerSec),
      fixed(c.mbPerSec, 2),
      fixed(c.maxRssMb, 0),
      c.what === 'mlr' ? '1.00×' : times(c.ratioToMiller),
      c.what === 'mlr' ? '1.00×' : times(c.cpuRatioToMiller),
      c.check.ok ? `ok: ${int(c.check.found ?? 0)} ${c.check.what}` : `FAILED: ${c.check.problem}`,
    ]),
    ['× Miller: wall time ÷ Miller\'s (the targets); cpu × Miller: CPU seconds ÷ Miller\'s, less moved by other load.'],
  );
}

// ---------------------------------------------------------------------------------------------------- scaling

interface ScalingStep {
  what: string;
  from: number;
  to: number;
  seconds: [number, number];
  cpuSeconds: [number, number];
  maxRssMb: [number, number];
  /** (time(to) / time(from)) ÷ (to / from): 1 is linear, below 1 is a fixed cost being amortised. */
  timeGrowth: number;
  /** The same for CPU seconds: the work done, less moved by other load than wall time. */
  cpuGrowth: number;
  rssGrowth: number;
  /** Peak RSS added per added series, in KB. */
  kbPerAddedSeries: number;
  /** Wall time, CPU time and peak RSS growth of this step ÷ Miller's in the same step (1: grows as the peer does). */
  vsMiller: { time: number; cpu: number; rss: number } | null;
  superLinear: boolean;
}

function scaling(sizes: SizeResult[]): ScalingStep[] {
  const steps: ScalingStep[] = [];
  for (let i = 1; i < sizes.length; i++) {
    const [a, b] = [sizes[i - 1], sizes[i]];
    const factor = b.series / a.series;
    // Miller (the first case) read the same files in the same run: the peer each step is compared with.
    const [ma, mb] = [a.cases[0], b.cases[0]];
    const millerOk = ma.check.ok && mb.check.ok;
    b.cases.forEach((cb, k) => {
      const ca = a.cases[k];
      if (!ca.check.ok || !cb.check.ok) return;
      const timeGrowth = cb.seconds / ca.seconds / factor;
      const cpuGrowth = cb.cpuSeconds / ca.cpuSeconds / factor;
      const rssGrowth = cb.maxRssMb / ca.maxRssMb / factor;
      steps.push({
        what: cb.label,
        from: a.series,
        to: b.series,
        seconds: [ca.seconds, cb.seconds],
        cpuSeconds: [ca.cpuSeconds, cb.cpuSeconds],
        maxRssMb: [ca.maxRssMb, cb.maxRssMb],
        timeGrowth,
        cpuGrowth,
        rssGrowth,
        kbPerAddedSeries: ((cb.maxRssMb - ca.maxRssMb) * 1024) / (b.series - a.series),
        vsMiller: millerOk
          ? { time: cb.seconds / ca.seconds / (mb.seconds / ma.seconds), cpu: cb.cpuSeconds / ca.cpuSeconds / (mb.cpuSeconds / ma.cpuSeconds), rss: cb.maxRssMb / ca.maxRssMb / (mb.maxRssMb / ma.maxRssMb) }
          : null,
        // "clearly": time only when wall and CPU time both say so (wall time alone may be other processes' load)
        superLinear: (timeGrowth > SUPERLINEAR && cpuGrowth > SUPERLINEAR) || rssGrowth > SUPERLINEAR,
      });
    });
  }
  return steps;
}

function printScaling(sizes: SizeResult[], steps: ScalingStep[]): void {
  if (sizes.length < 2) {
    console.log('\nScaling: needs two sizes (run without --quick)');
    return;
  }
  const perSize = sizes[0].cases.map((c, k) => [
    c.label,
    ...sizes.flatMap((s) => [fixed(s.cases[k].seconds, 2), fixed(s.cases[k].cpuSeconds, 2), fixed(s.cases[k].maxRssMb, 0), k === 0 ? '1.00×' : times(s.cases[k].ratioToMiller)]),
  ]);
  printTable(
    'Scaling: seconds, CPU seconds, peak RSS MB and wall time × Miller per size',
    ['command', ...sizes.flatMap((s) => [`${short(s.series)} s`, `${short(s.series)} cpu s`, `${short(s.series)} MB`, `${short(s.series)} × Miller`])],
    perSize,
  );
  printTable(
    `Scaling: growth per step, ÷ the growth in series (1.00 = linear; > ${SUPERLINEAR} flagged)`,
    ['command', 'series', 'time ×', 'time growth', 'cpu growth', 'RSS ×', 'RSS growth', 'KB/added series', 'time × ÷ Miller', 'cpu × ÷ Miller', 'RSS × ÷ Miller', 'verdict'],
    steps.map((s) => {
      const time = s.timeGrowth > SUPERLINEAR && s.cpuGrowth > SUPERLINEAR;
      const wallOnly = s.timeGrowth > SUPERLINEAR && !time;
      const memory = s.rssGrowth > SUPERLINEAR;
      const verdict = time || memory ? `SUPER-LINEAR (${[time ? 'time' : '', memory ? 'memory' : ''].filter(Boolean).join(', ')})` : wallOnly ? 'wall time only: load?' : 'linear or better';
      return [
        s.what,
        `${short(s.from)} → ${short(s.to)}`,
        times(s.seconds[1] / s.seconds[0]),
        fixed(s.timeGrowth, 2),
        fixed(s.cpuGrowth, 2),
        times(s.maxRssMb[1] / s.maxRssMb[0]),
        fixed(s.rssGrowth, 2),
        fixed(s.kbPerAddedSeries, 2),
        s.vsMiller ? fixed(s.vsMiller.time, 2) : '–',
        s.vsMiller ? fixed(s.vsMiller.cpu, 2) : '–',
        s.vsMiller ? fixed(s.vsMiller.rss, 2) : '–',
        verdict,
      ];
    }),
    [
      'time growth 0.90 at 10k → 100k: 10× the series took 9× the wall time (cpu growth: the same for CPU seconds,',
      'less moved by other load); below 1, fixed costs (start-up, JIT, heap) are being amortised; peak RSS',
      'includes the runtime, so "KB/added series" is the marginal cost of a series. "÷ Miller": the step\'s growth over',
      "Miller's growth in the same step (the peer reading the same files in the same run; 1.00: grows as Miller does).",
    ],
  );
}

// ---------------------------------------------------------------------------------------------------- Monte Carlo

interface MonteCarloResult {
  baseline: string;
  rows: (MonteCarloRow & { ratio: number; pathYearsPerSec: number })[];
}

/**
 * The Monte Carlo core: simulateSeries for one series with a normal growth rate drawn every year. Its baseline is
 * the honest floor of any such simulation: a plain loop drawing the same number of normals (paths × years, the
 * same xoshiro128** generator and the same inverse normal) into a Float64Array; the ratio is what stepping the
 * paths and the per-year statistics (mean, sd, target counts, percentiles) cost on top of the draws themselves.
 * Both are bench/montecarlo.ts's measure(): round-robin, two warm-ups, the fastest of the runs.
 */
function monteCarlo(): MonteCarloResult {
  const rows = [measureMonteCarlo('100k paths', 100_000, 10, 5), measureMonteCarlo('1M paths', 1_000_000, 10, 3)];
  return {
    baseline: 'drawNormals: the same number of normal draws (xoshiro128** + inverse normal) into a Float64Array, nothing else',
    rows: rows.map((r) => ({ ...r, ratio: r.simulate / r.baseline, pathYearsPerSec: (r.paths * r.years) / (r.simulate / 1000) })),
  };
}

function printMonteCarlo(mc: MonteCarloResult): void {
  printTable(
    'Monte Carlo (in-process, src/ under tsx): simulateSeries, one series, normal growth drawn yearly; fastest of N round-robin runs',
    ['case', 'paths × years', 'simulate ms', 'median ms', 'baseline ms', '× baseline', 'stepping ms', 'M path-years/s'],
    mc.rows.map((r) => [
      r.label,
      `${int(r.paths)} × ${r.years}`,
      fixed(r.simulate, 1),
      fixed(r.median.simulate, 1),
      fixed(r.baseline, 1),
      times(r.ratio),
      fixed(r.stepping, 1),
      fixed(r.pathYearsPerSec / 1e6, 1),
    ]),
    ['baseline = the same number of normal draws in a plain loop; stepping = runPaths alone (no statistics).'],
  );
}

// ---------------------------------------------------------------------------------------------------- reading

function printReading(sizes: ReadingSize[]): void {
  for (const r of sizes) {
    printTable(
      `Reading: ${int(r.series)} series × ${r.years} years (${r.mb.toFixed(1)} MB); ${r.repeats === 1 ? 'one run each' : `median of ${r.repeats} round-robin runs`}, load average ${r.loadavg.map((l) => l.toFixed(2)).join(' ')} after`,
      ['command', 'kind', 'seconds', 'cpu s', 'MB/s', 'MB/cpu s', 'peak RSS MB', '× Miller', '× DuckDB', 'check'],
      r.cases.map((c) => [
        c.name,
        c.kind,
        fixed(c.seconds, 2),
        fixed(c.cpuSeconds, 2),
        fixed(c.mbPerSec, 0),
        fixed(c.mbPerCpuSec, 0),
        fixed(c.maxRssMb, 0),
        times(c.ratioToMiller),
        times(c.ratioToDuckdb),
        c.check,
      ]),
      [
        'seconds: wall time of the whole process (start-up included); MB/s: file size ÷ seconds, MB/cpu s: ÷ CPU seconds (all',
        "threads); for reading alone both use the reader's own time (tsx's start-up excluded). × Miller, × DuckDB: wall",
        'time ÷ theirs in this run. On a loaded machine wall time moves with other load; CPU seconds much less.',
      ],
    );
  }
}

// ---------------------------------------------------------------------------------------------------- targets

interface Target {
  target: string;
  measured: string;
  /** true/false, or null when not measured in this mode. */
  pass: boolean | null;
  note?: string;
}

function targets(st: StartupRow[], sizes: SizeResult[], steps: ScalingStep[], mc: MonteCarloResult | undefined): Target[] {
  const out: Target[] = [];
  const su = (name: string, limit: number) => {
    const r = st.find((x) => x.command === name)!;
    out.push({ target: `${name} ≤ ${limit}× node -e 0`, measured: times(r.ratio), pass: r.ok && r.ratio <= limit, ...(r.ok ? {} : { note: 'its output check failed' }) });
  };
  su('semicap --version', 1.5);
  su('semicap capacity', 2);
  const at = sizes.find((s) => s.series === TARGET_SIZE) ?? sizes[sizes.length - 1];
  const note = at.series === TARGET_SIZE ? undefined : `at ${int(at.series)} series, not ${int(TARGET_SIZE)}`;
  for (const [method, limit] of [['theta', 3], ['auto', 10]] as const) {
    const c = at.cases.find((x) => x.what === method)!;
    out.push({ target: `forecast ${method} ≤ ${limit}× Miller`, measured: c.check.ok ? times(c.ratioToMiller) : 'FAILED', pass: c.ratioToMiller !== null && c.ratioToMiller <= limit, ...(note ? { note } : {}) });
  }
  for (const method of METHODS) {
    const c = at.cases.find((x) => x.what === method)!;
    out.push({ target: `peak RSS of forecast ${method} < 500 MB`, measured: `${fixed(c.maxRssMb, 0)} MB`, pass: c.check.ok && c.maxRssMb < 500, ...(note ? { note } : {}) });
  }
  const ours = steps.filter((s) => s.what.startsWith('semicap'));
  const linear = (key: 'timeGrowth' | 'rssGrowth', what: string) => {
    if (sizes.length < 2) out.push({ target: `${what} grows linearly with series`, measured: '–', pass: null, note: 'one size only' });
    else {
      // time: the smaller of wall and CPU growth per step, as in the scaling verdict
      const growth = (s: ScalingStep) => (key === 'rssGrowth' ? s.rssGrowth : Math.min(s.timeGrowth, s.cpuGrowth));
      const worst = ours.reduce((m, s) => Math.max(m, growth(s)), -Infinity);
      out.push({ target: `${what} grows linearly with series (growth ≤ ${SUPERLINEAR})`, measured: ours.length ? `worst ${fixed(worst, 2)}` : '–', pass: ours.length > 0 && worst <= SUPERLINEAR });
    }
  };
  linear('timeGrowth', 'time');
  linear('rssGrowth', 'peak RSS');
  if (mc) {
    const h = mc.rows[0];
    out.push({ target: 'Monte Carlo 100,000 paths × 10 years < 1 s (bench/montecarlo.ts)', measured: `${fixed(h.simulate, 0)} ms`, pass: h.simulate < 1000 });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------- main

const opts = parseOptions(process.argv.slice(2));
if (!existsSync(TIME)) fail(`${TIME} is missing (apt-get install time): the peak memory figures need it`);
if (!existsSync(MLR)) fail(`${MLR} is missing (apt-get install miller): it is the throughput baseline`);
if (opts.build) {
  const b = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (b.status !== 0) fail(`npm run build failed (exit ${b.status}); use --no-build to measure bin/semicap.js as it is`);
}
if (!existsSync(BIN)) fail(`${relative(ROOT, BIN)} is missing`);

const sizesWanted = opts.mode === 'quick' ? [10_000] : opts.mode === 'full' ? [10_000, 100_000, 1_000_000] : [10_000, 100_000];
const commit = git(['rev-parse', 'HEAD']);
const dirty = git(['status', '--porcelain']) !== '';
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  mode: opts.mode,
  git: { commit, branch: git(['rev-parse', '--abbrev-ref', 'HEAD']), dirty },
  node: process.version,
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  totalMemMb: Math.round(totalmem() / 2 ** 20),
  loadavgAtStart: loadavg(),
  settings: { years: YEARS, horizon: HORIZON, methods: METHODS, startupRuns: opts.startupRuns, sizes: sizesWanted, build: opts.build },
};
console.log(
  `semicap benchmark (${opts.mode}) — ${commit.slice(0, 7)}${dirty ? ' (uncommitted changes)' : ''}, node ${process.version}, ` +
    `${cpus().length} cores, load average ${loadavg()[0].toFixed(2)} at start (figures on a shared machine move with other load)`,
);

const st = opts.parts.has('startup') ? startup(opts.startupRuns, opts.baseline) : [];
results.startup = st;
if (st.length > 0) printTable(
  `Start-up: median wall time of ${opts.startupRuns} round-robin runs after 2 warm-up rounds, ratio to node -e 0 in the same run`,
  ['command', 'median ms', 'min ms', '× node', 'check'],
  st.map((r) => [r.command, fixed(r.medianMs, 1), fixed(r.minMs, 1), times(r.ratio), r.ok ? `ok (${r.check})` : `FAILED: exit ${r.exitCodes.join('/')} or no output`]),
);

let mc: MonteCarloResult | undefined;
if (opts.mode !== 'quick' && opts.parts.has('montecarlo')) {
  mc = monteCarlo();
  results.montecarlo = mc;
  printMonteCarlo(mc);
}

let reading: ReadingSize[] = [];
if (opts.parts.has('reading')) {
  reading = await readingBenchmark(
    { root: ROOT, data: DATA, bin: BIN, ...(opts.baseline === undefined ? {} : { baselineBin: join(opts.baseline, 'bin', 'semicap.js') }), mlr: MLR, timedRun, scanFile, readFile: (p) => readFileSync(p, 'utf8') },
    opts.mode === 'quick' ? [50_000] : [50_000, 200_000],
    opts.repeat ?? 1,
    loadavg,
  );
  results.reading = reading;
  printReading(reading);
}

const sizes: SizeResult[] = [];
for (const n of opts.parts.has('throughput') ? sizesWanted : []) {
  const r = await throughput(n, opts.repeat ?? (n <= 10_000 ? 3 : 1), opts.keepOutput);
  sizes.push(r);
  printThroughput(r);
}
results.throughput = sizes;

const steps = scaling(sizes);
results.scaling = steps;
if (opts.parts.has('throughput')) printScaling(sizes, steps);

const tg = [...(opts.parts.has('startup') && opts.parts.has('throughput') ? targets(st, sizes, steps, mc) : []), ...readingTargets(reading)];
results.targets = tg;
printTable(
  'Targets',
  ['target', 'measured', 'result', 'note'],
  tg.map((t) => [t.target, t.measured, t.pass === null ? 'n/a' : t.pass ? 'met' : 'MISSED', t.note ?? '']),
);

const broken = [
  ...st.filter((r) => !r.ok).map((r) => r.command),
  ...sizes.flatMap((s) => s.cases.filter((c) => !c.check.ok).map((c) => `${c.label} at ${s.series}`)),
  ...reading.flatMap((s) => s.cases.filter((c) => !c.ok).map((c) => `${c.name} at ${s.series}`)),
];
results.ok = broken.length === 0;
results.failedChecks = broken;
results.loadavgAtEnd = loadavg();
mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(results, null, 2) + '\n');
console.log(`\nload average ${loadavg()[0].toFixed(2)} at the end; written to ${relative(ROOT, join(RESULTS, 'latest.json'))}`);
if (broken.length > 0) {
  console.log(`checks FAILED: ${broken.join('; ')}`);
  process.exitCode = 1;
}
