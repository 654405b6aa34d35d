// Large input: a ~200 MB long CSV is read streaming through readSeriesTable (src/data/series.ts),
// never as one string, and this script shows what that costs in peak memory. Never part of `npm test`.
//
// Measured 2026-11-29 on the 202.5 MB file below (9.4 M rows, 200,000 series), `/usr/bin/time -v`, after the
// reader kept rows grouped in shared typed chunks and `forecast` began streaming its output (load average 2–3):
//   `semicap forecast FILE --id id --method auto --format csv --out OUT` (2 worker threads):  peak RSS 341 MB, 34 s
//   the same with --jobs 1 (no worker threads):                                            peak RSS 294 MB, 42 s
//   the same with --method linear (2 worker threads):                                      peak RSS 323 MB, 18 s
//   reading alone (readSeriesTable, esbuild bundle, plain node):                           peak RSS 197 MB, 24 s
// Before (same file, busier machine): reading 398 MB, 82 s; `forecast --method linear` 1463 MB, 3 min 29 s,
// when the command held every output row and the whole CSV text in memory.
//
// 1. Generate the file (≈ 202 MB, 9.4 M rows; bench/data/ is git-ignored):
//      npx tsx bench/gen-long-csv.ts 200000 47
// 2. Measure. Either let this script run /usr/bin/time -v for you:
//      npx tsx bench/large-input.ts bench/data/long-200000x47.csv
//      npx tsx bench/large-input.ts bench/data/long-200000x47.csv --cli "forecast {file} --id id --method auto --format csv --out bench/data/forecast.csv"
//    or run the measured process yourself (the figure is "Maximum resident set size (kbytes)"):
//      /usr/bin/time -v node --import tsx bench/large-input.ts --read bench/data/long-200000x47.csv
//      /usr/bin/time -v node bin/semicap.js forecast bench/data/long-200000x47.csv --id id --method auto --format csv --out bench/data/forecast.csv
//    (`apt-get install time` if /usr/bin/time is missing; the shell's `time` keyword has no -v.)
//    Run node directly, not through npx: /usr/bin/time reports the process it started and its waited-for children.
//
// --read FILE   read FILE with readSeriesTable (as `forecast` does) in this process and print rows, series,
//               seconds and peak RSS (process.resourceUsage().maxRSS, the same figure /usr/bin/time reports).
// --cli ARGS    also measure `node bin/semicap.js ARGS` ({file} is replaced by FILE), e.g. the forecast command.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readSeriesTable } from '../src/data/series.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const TIME = '/usr/bin/time';

/** Reads the file streaming and reports what came out and what it cost. */
async function readAndReport(file: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  const table = await readSeriesTable(file, { columns: { id: 'id', time: 'year', value: 'value' } });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(c0);
  const spoiled = table.problems.filter((p) => p !== undefined).length;
  const values = table.grouped.start[table.ids.length];
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  console.log(
    JSON.stringify({
      file,
      fileMB: Number(mb(statSync(file).size)),
      rows: table.rows,
      series: table.ids.length,
      spoiled,
      values,
      seconds: Number(seconds.toFixed(2)),
      cpuSeconds: Number(((cpu.user + cpu.system) / 1e6).toFixed(2)),
      rowsPerSecond: Math.round(table.rows / seconds),
      peakRssMB: Number(mb(process.resourceUsage().maxRSS * 1024)),
      heapUsedMB: Number(mb(process.memoryUsage().heapUsed)),
    }),
  );
}

interface Measured {
  command: string;
  code: number | null;
  peakRssMB: number | null;
  wallSeconds: string | null;
  stdoutTail: string;
  stderrTail: string;
}

/** Runs a command under /usr/bin/time -v and picks out peak RSS and wall time. */
function underTime(args: string[]): Measured {
  const r = spawnSync(TIME, ['-v', ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)/.exec(r.stderr);
  const tail = (s: string) => s.trim().split('\n').filter((l) => !/^\t/.test(l) && !/^Command being timed/.test(l)).slice(-3).join(' | ');
  return {
    command: args.join(' '),
    code: r.status,
    peakRssMB: rss ? Number((Number(rss[1]) / 1024).toFixed(1)) : null,
    wallSeconds: wall ? wall[1] : null,
    stdoutTail: (r.stdout ?? '').trim().split('\n').slice(-1).join(''),
    stderrTail: tail(r.stderr ?? ''),
  };
}

async function main(argv: string[]): Promise<void> {
  const readAt = argv.indexOf('--read');
  if (readAt >= 0) return readAndReport(argv[readAt + 1]);

  const file = argv.find((a, i) => !a.startsWith('--') && argv[i - 1] !== '--cli');
  if (!file || !existsSync(file)) {
    console.error('usage: npx tsx bench/large-input.ts FILE [--cli "ARGS"]   (make FILE with: npx tsx bench/gen-long-csv.ts 200000 47)');
    process.exitCode = 2;
    return;
  }
  if (!existsSync(TIME)) {
    console.error(`${TIME} is missing: apt-get install time`);
    process.exitCode = 2;
    return;
  }
  const results: Measured[] = [underTime([process.execPath, '--import', 'tsx', join('bench', 'large-input.ts'), '--read', file])];
  results.push(underTime([process.execPath, '-e', '0']));
  const cliAt = argv.indexOf('--cli');
  if (cliAt >= 0) {
    const cliArgs = argv[cliAt + 1].split(' ').filter((a) => a !== '').map((a) => a.replace('{file}', file));
    results.push(underTime([process.execPath, join('bin', 'semicap.js'), ...cliArgs]));
  }
  for (const r of results) console.log(JSON.stringify(r));
}

await main(process.argv.slice(2));
