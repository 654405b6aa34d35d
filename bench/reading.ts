// The reading part of `npm run bench` (bench/run.ts calls it): how close `semicap forecast` comes to reading speed
// on long CSVs of 47 years a series, beside the floor (`cat`, `wc -l`) and peers (Miller; DuckDB through the
// devDependency @duckdb/node-api, skipped when it cannot load), all measured in the same round-robin, each with its
// peak RSS from /usr/bin/time -v.
//
//   50,000 series × 47 years (≈ 48 MB):   semicap forecast --method naive, reading alone, Miller, DuckDB, cat, wc
//   200,000 series × 47 years (≈ 202 MB): reading alone, forecast --method theta and auto (2 cores), one shard of
//                                          four (--shard 0/4, theta: the per-shard throughput of docs/scale-out.md),
//                                          Miller, DuckDB, cat, wc
//
// "Reading alone" is readSeriesTable in a process of its own (bench/large-input.ts --read under tsx); its MB/s is
// the file size over the time the reader itself took (printed by that script), so tsx's start-up is not counted.
import { existsSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { shardOfId } from '../src/data/shard.js';
import { ensureLongCsv } from './gen-long-csv.js';

export interface RunLike {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  code: number | null;
  stderrTail: string;
}

export interface ReadingDeps {
  root: string;
  data: string;
  bin: string;
  /** Another build's bin/semicap.js (--baseline): its forecast --method naive runs too, and its output must be the same bytes. */
  baselineBin?: string;
  mlr: string;
  timedRun(argv: string[], stdoutFile?: string): RunLike & { stdout?: string };
  /** Occurrences of a string in a file (streaming) and its first line. */
  scanFile(path: string, needle: string): { count: number; firstLine: string };
  readFile(path: string): string;
}

export interface ReadingCase {
  name: string;
  kind: 'floor' | 'peer' | 'semicap';
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
  /** The reader's own seconds and CPU seconds (reading alone), when the case reports them. */
  innerSeconds?: number;
  innerCpuSeconds?: number;
  mbPerSec: number | null;
  /** File size ÷ CPU seconds (the reader's own, for reading alone): less moved by other load than wall time. */
  mbPerCpuSec: number | null;
  ratioToMiller: number | null;
  ratioToDuckdb: number | null;
  ok: boolean;
  check: string;
}

export interface ReadingSize {
  series: number;
  years: number;
  file: string;
  mb: number;
  repeats: number;
  loadavg: number[];
  cases: ReadingCase[];
}

const YEARS = 47;
const HORIZON = 6;

interface Spec {
  name: string;
  kind: ReadingCase['kind'];
  argv: string[];
  /** Writes stdout to this file (checked afterwards). */
  stdout?: string;
  /** Checks a finished run: undefined when fine, else what was wrong. Returns the reader's own seconds if any. */
  check(run: RunLike, out: string | undefined): { problem?: string; innerSeconds?: number; innerCpuSeconds?: number };
}

export async function readingBenchmark(d: ReadingDeps, sizes: number[], repeats: number, loadavg: () => number[]): Promise<ReadingSize[]> {
  const duckdb = existsSync(join(d.root, 'node_modules', '@duckdb', 'node-api'));
  const results: ReadingSize[] = [];
  for (const series of sizes) {
    const file = join(d.data, `long-${series}x${YEARS}.csv`);
    const gen = await ensureLongCsv(file, { series, years: YEARS, start: 1990, seed: 1 });
    const mb = gen.bytes / 1e6;
    const out = (name: string) => join(d.data, `reading-${name}-${series}.out`);
    const exitOk = (run: RunLike) => (run.code === 0 ? undefined : `exit ${run.code}: ${run.stderrTail}`);
    const forecastRows = (expected: number) => (run: RunLike, o: string | undefined) => {
      const bad = exitOk(run);
      if (bad) return { problem: bad };
      const rows = d.scanFile(o!, '\n').count - 1;
      return rows === expected ? {} : { problem: `${rows} CSV rows, expected ${expected}` };
    };
    const forecast = (method: string, extra: string[] = []): string[] => [process.execPath, d.bin, 'forecast', file, '--id', 'id', '--method', method, '--horizon', String(HORIZON), '--format', 'csv', '--quiet', ...extra];
    const inShard0 = Array.from({ length: series }, (_, s) => `s${String(s).padStart(String(series - 1).length, '0')}`).filter((id) => shardOfId(id, 4) === 0).length;
    const specs: Spec[] = [
      { name: 'cat FILE', kind: 'floor', argv: ['cat', file], check: (r) => ({ problem: exitOk(r) }) },
      { name: 'wc -l FILE', kind: 'floor', argv: ['wc', '-l', file], stdout: out('wc'), check: (r, o) => ({ problem: exitOk(r) ?? (d.readFile(o!).trim().startsWith(String(series * YEARS + 1)) ? undefined : 'wrong line count') }) },
      {
        name: 'mlr stats1 mean,count by id',
        kind: 'peer',
        argv: [d.mlr, '--icsv', '--ojson', 'stats1', '-a', 'mean,count', '-f', 'value', '-g', 'id', file],
        stdout: out('mlr'),
        check: (r, o) => ({ problem: exitOk(r) ?? (d.scanFile(o!, '"id":').count === series ? undefined : 'wrong number of records') }),
      },
      ...(duckdb
        ? [
            {
              name: 'DuckDB read_csv, group by id (2 threads)',
              kind: 'peer' as const,
              argv: [process.execPath, join('bench', 'duckdb-group.mjs'), file],
              stdout: out('duckdb'),
              check: (r: RunLike, o: string | undefined) => ({ problem: exitOk(r) ?? (JSON.parse(d.readFile(o!)).groups === series ? undefined : 'wrong number of groups') }),
            },
          ]
        : []),
      {
        name: 'semicap reading alone (readSeriesTable)',
        kind: 'semicap',
        argv: [process.execPath, '--import', 'tsx', join('bench', 'large-input.ts'), '--read', file],
        stdout: out('read'),
        check: (r, o) => {
          const bad = exitOk(r);
          if (bad) return { problem: bad };
          const report = JSON.parse(d.readFile(o!)) as { series: number; seconds: number; cpuSeconds: number };
          return report.series === series ? { innerSeconds: report.seconds, innerCpuSeconds: report.cpuSeconds } : { problem: `${report.series} series, expected ${series}` };
        },
      },
      ...(series <= 50_000
        ? [
            { name: 'semicap forecast --method naive', kind: 'semicap' as const, argv: forecast('naive', ['--out', out('naive')]), check: (r: RunLike) => forecastRows(series * HORIZON)(r, out('naive')) },
            ...(d.baselineBin === undefined
              ? []
              : [
                  {
                    name: 'baseline build: forecast --method naive',
                    kind: 'semicap' as const,
                    argv: forecast('naive', ['--out', out('naive-baseline')]).map((a) => (a === d.bin ? d.baselineBin! : a)),
                    check: (r: RunLike) => {
                      const rows = forecastRows(series * HORIZON)(r, out('naive-baseline'));
                      if (rows.problem) return rows;
                      // The same bytes as this build's output (when that run came first in the round).
                      const mine = out('naive');
                      return existsSync(mine) && d.readFile(mine) !== d.readFile(out('naive-baseline')) ? { problem: 'output differs from this build' } : {};
                    },
                  },
                ]),
          ]
        : [
            { name: 'semicap forecast --method theta', kind: 'semicap' as const, argv: forecast('theta', ['--out', out('theta')]), check: (r: RunLike) => forecastRows(series * HORIZON)(r, out('theta')) },
            { name: 'semicap forecast --method auto', kind: 'semicap' as const, argv: forecast('auto', ['--out', out('auto')]), check: (r: RunLike) => forecastRows(series * HORIZON)(r, out('auto')) },
            {
              name: 'semicap forecast --method theta --shard 0/4',
              kind: 'semicap' as const,
              argv: forecast('theta', ['--shard', '0/4', '--out', out('shard')]),
              check: (r: RunLike) => forecastRows(inShard0 * HORIZON)(r, out('shard')),
            },
          ]),
    ];
    const runs = specs.map(() => [] as (RunLike & { problem?: string; innerSeconds?: number; innerCpuSeconds?: number })[]);
    for (let i = 0; i < repeats; i++) {
      specs.forEach((spec, k) => {
        const o = spec.stdout;
        for (const f of [o, ...spec.argv.filter((a) => a.startsWith(d.data))].filter((x): x is string => x !== undefined && x !== file)) rmSync(f, { force: true });
        const run = d.timedRun(spec.argv, o);
        const checked = spec.check(run, o);
        if (checked.problem) process.stderr.write(`bench: ${spec.name} at ${series} series FAILED its check: ${checked.problem}\n`);
        runs[k].push({ ...run, ...checked });
      });
    }
    for (const spec of specs) for (const f of [spec.stdout, ...spec.argv.filter((a) => a.startsWith(d.data) && a !== file)]) if (f) rmSync(f, { force: true });
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
    const cases: ReadingCase[] = specs.map((spec, k) => {
      const rs = runs[k];
      const ok = rs.every((r) => r.problem === undefined);
      const seconds = median(rs.map((r) => r.seconds));
      const inner = rs.every((r) => r.innerSeconds !== undefined) ? median(rs.map((r) => r.innerSeconds!)) : undefined;
      const innerCpu = rs.every((r) => r.innerCpuSeconds !== undefined) ? median(rs.map((r) => r.innerCpuSeconds!)) : undefined;
      const cpuSeconds = median(rs.map((r) => r.cpuSeconds));
      return {
        name: spec.name,
        kind: spec.kind,
        seconds,
        cpuSeconds,
        maxRssMb: Math.max(...rs.map((r) => r.maxRssMb)),
        ...(inner !== undefined ? { innerSeconds: inner, innerCpuSeconds: innerCpu } : {}),
        mbPerSec: ok ? mb / (inner ?? seconds) : null,
        mbPerCpuSec: ok ? mb / (innerCpu ?? cpuSeconds) : null,
        ratioToMiller: null,
        ratioToDuckdb: null,
        ok,
        check: ok ? 'ok' : `FAILED: ${rs.find((r) => r.problem)!.problem}`,
      };
    });
    const miller = cases.find((c) => c.name.startsWith('mlr'))!;
    const duck = cases.find((c) => c.name.startsWith('DuckDB'));
    for (const c of cases) {
      c.ratioToMiller = c.ok && miller.ok ? c.seconds / miller.seconds : null;
      c.ratioToDuckdb = duck && c.ok && duck.ok ? c.seconds / duck.seconds : null;
    }
    results.push({ series, years: YEARS, file: relative(d.root, file), mb, repeats, loadavg: loadavg(), cases });
  }
  return results;
}

export interface ReadingTarget {
  target: string;
  measured: string;
  pass: boolean | null;
  note?: string;
}

/** The reading targets: naive ≤ 0.3 × Miller and < 400 MB at 50 k; reading ≥ 100 MB/s, theta ≤ 6 s, auto ≤ 15 s at 200 k. */
export function readingTargets(sizes: ReadingSize[]): ReadingTarget[] {
  const out: ReadingTarget[] = [];
  const at = (series: number) => sizes.find((s) => s.series === series);
  const find = (s: ReadingSize | undefined, name: string) => s?.cases.find((c) => c.name === name);
  const small = at(50_000);
  const naive = find(small, 'semicap forecast --method naive');
  const fmt = (n: number | null | undefined, d: number) => (n === null || n === undefined ? '–' : n.toFixed(d));
  out.push({ target: 'forecast --method naive ≤ 0.3× Miller (50,000 × 47)', measured: naive?.ok ? `${fmt(naive.ratioToMiller, 2)}×` : 'FAILED or not run', pass: naive ? naive.ok && naive.ratioToMiller! <= 0.3 : null });
  out.push({ target: 'peak RSS of forecast --method naive < 400 MB (50,000 × 47)', measured: naive ? `${fmt(naive.maxRssMb, 0)} MB` : '–', pass: naive ? naive.ok && naive.maxRssMb < 400 : null });
  const big = at(200_000);
  const read = find(big, 'semicap reading alone (readSeriesTable)');
  out.push({
    target: 'reading and grouping ≥ 100 MB/s (200,000 × 47)',
    measured: read?.ok ? `${fmt(read.mbPerSec, 0)} MB/s (${fmt(read.mbPerCpuSec, 0)} per CPU second)` : '–',
    pass: read ? read.ok && read.mbPerSec! >= 100 : null,
    note: "the reader's own wall time, one thread; per CPU second: what an idle core gives",
  });
  for (const [method, limit] of [['theta', 6], ['auto', 15]] as const) {
    const c = find(big, `semicap forecast --method ${method}`);
    out.push({ target: `forecast --method ${method} ≤ ${limit} s wall on 2 cores (200,000 × 47)`, measured: c?.ok ? `${fmt(c.seconds, 1)} s` : '–', pass: c ? c.ok && c.seconds <= limit : null });
  }
  return out;
}
