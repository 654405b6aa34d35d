// Writes a long CSV of yearly series, `id,year,value`, one row per series and year, for the large-input
// measurements (bench/large-input.ts) and the throughput runs of `npm run bench` (bench/run.ts, which imports
// ensureLongCsv from here: this is the one generator of bench/). Values are a seeded random walk with drift, so
// every run writes the same bytes. The file goes to bench/data/ (git-ignored) unless --out says otherwise.
//
//   npx tsx bench/gen-long-csv.ts SERIES YEARS [--start 1990] [--seed 1] [--out FILE]
//   npx tsx bench/gen-long-csv.ts 200000 42          # ≈ 200 MB: bench/data/long-200000x42.csv
//
// Prints the path and size. Writes in chunks of about 1 MB with back-pressure (waits for 'drain'), so memory
// stays flat whatever the size: 1,000,000 × 30 (≈ 620 MB) takes about half a minute. The file is written under a
// temporary name and renamed at the end, so an interrupted run never leaves a truncated file behind.
import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface GenOptions {
  series: number;
  years: number;
  start: number;
  seed: number;
}

/** mulberry32: a small seeded generator; the same seed gives the same file (the other benches draw from it too). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Names the shape of the data. Change it whenever a change to generateLongCsv changes the bytes it writes, so
 * ensureLongCsv regenerates files cached under the old shape.
 */
export const GENERATOR = 'mulberry32 random walk with drift, v1';

/** Writes the CSV to `path` (via `path.tmp`, renamed at the end); resolves with the number of data rows. */
export async function generateLongCsv(path: string, o: GenOptions): Promise<number> {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const out = createWriteStream(tmp);
  const write = (s: string) => (out.write(s) ? Promise.resolve() : new Promise<void>((done) => out.once('drain', () => done())));
  const random = mulberry32(o.seed);
  const width = String(o.series - 1).length;
  await write('id,year,value\n');
  let rows = 0;
  let chunk = '';
  for (let s = 0; s < o.series; s++) {
    const id = `s${String(s).padStart(width, '0')}`;
    let level = 100 + 900 * random();
    const drift = 0.01 + 0.05 * random();
    for (let k = 0; k < o.years; k++) {
      level = Math.max(0.01, level * (1 + drift + 0.04 * (random() - 0.5)));
      chunk += `${id},${o.start + k},${level.toFixed(3)}\n`;
      rows++;
    }
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise<void>((done, fail) => out.end((err?: Error | null) => (err ? fail(err) : done())));
  renameSync(tmp, path);
  return rows;
}

/** What a cached file was generated with, kept beside it in `FILE.json`. */
interface Stamp extends GenOptions {
  generator: string;
  rows: number;
  bytes: number;
}

/**
 * The file at `path` for these options: reused when its stamp (`path.json`) says it was generated with the same
 * generator and options and its size still matches, generated afresh otherwise. Resolves with whether it was
 * generated and the number of data rows.
 */
export async function ensureLongCsv(path: string, o: GenOptions): Promise<{ generated: boolean; rows: number; bytes: number }> {
  const stampPath = `${path}.json`;
  if (existsSync(path) && existsSync(stampPath)) {
    try {
      const stamp = JSON.parse(readFileSync(stampPath, 'utf8')) as Stamp;
      const same = stamp.generator === GENERATOR && stamp.series === o.series && stamp.years === o.years && stamp.start === o.start && stamp.seed === o.seed;
      if (same && stamp.bytes === statSync(path).size) return { generated: false, rows: stamp.rows, bytes: stamp.bytes };
    } catch {
      // an unreadable stamp: generate again
    }
  }
  rmSync(stampPath, { force: true });
  const rows = await generateLongCsv(path, o);
  const bytes = statSync(path).size;
  const stamp: Stamp = { generator: GENERATOR, series: o.series, years: o.years, start: o.start, seed: o.seed, rows, bytes };
  writeFileSync(stampPath, JSON.stringify(stamp, null, 2) + '\n');
  return { generated: true, rows, bytes };
}

function parseArgs(argv: string[]): GenOptions & { out: string } {
  const positional: string[] = [];
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) flags.set(argv[i].slice(2), argv[++i] ?? '');
    else positional.push(argv[i]);
  }
  const int = (text: string | undefined, name: string, fallback?: number) => {
    if (text === undefined && fallback !== undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive whole number; got ${text}`);
    return n;
  };
  const series = int(positional[0], 'SERIES');
  const years = int(positional[1], 'YEARS');
  const start = int(flags.get('start'), '--start', 1990);
  const seed = int(flags.get('seed'), '--seed', 1);
  const out = flags.get('out') ?? join(ROOT, 'bench', 'data', `long-${series}x${years}.csv`);
  return { series, years, start, seed, out };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const o = parseArgs(process.argv.slice(2));
    const rows = await generateLongCsv(o.out, o);
    console.log(`${o.out}: ${rows} rows, ${(statSync(o.out).size / 1e6).toFixed(1)} MB`);
  } catch (e) {
    console.error(`gen-long-csv: ${(e as Error).message}\nusage: npx tsx bench/gen-long-csv.ts SERIES YEARS [--start 1990] [--seed 1] [--out FILE]`);
    process.exitCode = 2;
  }
}
