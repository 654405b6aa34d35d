// Ctrl-C latency: each long command is started as a child process, sent SIGINT one second in, and timed from
// the signal to its exit; its exit code and any temporary file left beside the output are checked.
//   npx tsx bench/interrupt.ts [--repeat N] [--only report,forecast-1,...]
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateLongCsv } from './gen-long-csv.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
// SEMICAP_BIN: another build to compare with (a copy of bin/, dist/ and datasets/ of an earlier commit).
const BIN = process.env.SEMICAP_BIN ?? join(ROOT, 'bin', 'semicap.js');
const DATA = join(ROOT, 'bench', 'data', 'interrupt');
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
};
const repeat = Number(arg('--repeat') ?? 3);
const only = arg('--only')?.split(',');

/** The bundled datasets with 90,000 share rows added (as the signal tests of ci-contract.test.ts make them). */
function slowDatasets(): string {
  const dir = join(DATA, 'slow');
  if (existsSync(dir)) return dir;
  cpSync(join(ROOT, 'datasets'), dir, { recursive: true });
  const file = join(dir, 'capacity_share.csv');
  let text = readFileSync(file, 'utf8').replace(/\n?$/, '\n');
  const header = text.split('\n')[0].split(',');
  const cell: Record<string, string> = { kind: 'estimate', source_id: 'trendforce_2023_10' };
  for (let r = 0; r < 300; r++) {
    for (let y = 1900; y < 2200; y++) {
      const row: Record<string, string> = { ...cell, year: String(y), region: `r${r}`, segment: `s${r}`, share_pct: String((y % 100) / 2) };
      text += header.map((h) => row[h] ?? '').join(',') + '\n';
    }
  }
  writeFileSync(file, text);
  return dir;
}

async function main(): Promise<void> {
  mkdirSync(DATA, { recursive: true });
  const data = slowDatasets();
  const long = join(DATA, 'long.csv');
  if (!existsSync(long)) await generateLongCsv(long, { series: 20_000, years: 30, start: 1990, seed: 7 });
  const out = join(DATA, 'out');
  const cases: Record<string, string[]> = {
    report: ['report', '--out', join(out, 'report'), '--data', data],
    'forecast-1': ['forecast', long, '--id', 'id', '--method', 'auto', '--jobs', '1', '--format', 'csv', '--out', join(out, 'f.csv')],
    'forecast-2': ['forecast', long, '--id', 'id', '--method', 'auto', '--jobs', '2', '--format', 'csv', '--out', join(out, 'f.csv')],
    'forecast-table': ['forecast', long, '--id', 'id', '--method', 'naive', '--horizon', '10', '--jobs', '1', '--format', 'md', '--out', join(out, 'f.md')],
    'backtest-1': ['backtest', long, '--id', 'id', '--method', 'auto', '--jobs', '1', '--format', 'csv', '--out', join(out, 'b.csv')],
    scenario: ['scenario', '--simulate', '1000000', '--seed', '1', '--format', 'csv', '--out', join(out, 's.csv')],
    goal: ['goal', '--current', '2024=30%', '--target', '2060=45%', '--rate', '5', '--rate-sd', '2', '--simulate', '10000000', '--seed', '1', '--format', 'csv', '--out', join(out, 'g.csv')],
  };
  console.log(`SIGINT 1 s into each run, ${repeat} run(s) each; load average ${loadavg()[0].toFixed(1)}`);
  console.log('| command | ms from SIGINT to exit (each run) | exit codes | files left in the output folder |');
  console.log('|---|---|---|---|');
  for (const [name, args] of Object.entries(cases)) {
    if (only !== undefined && !only.includes(name)) continue;
    const times: number[] = [];
    const codes: (number | string | null)[] = [];
    const left = new Set<string>();
    for (let i = 0; i < repeat; i++) {
      rmSync(out, { recursive: true, force: true });
      mkdirSync(out, { recursive: true });
      const { ms, code } = await interrupted(args);
      times.push(ms);
      codes.push(code);
      for (const f of readdirSync(out)) left.add(f);
    }
    console.log(`| ${name} | ${times.map((t) => t.toFixed(0)).join(', ')} | ${codes.join(', ')} | ${[...left].join(' ') || 'none'} |`);
  }
  console.log(`load average at the end ${loadavg()[0].toFixed(1)}`);
}

/** Runs the CLI, sends SIGINT after 1 s, and resolves with the milliseconds from the signal to the exit. */
function interrupted(args: string[]): Promise<{ ms: number; code: number | string | null }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore', env: { ...process.env, CI: '1' } });
    let sent = 0;
    const timer = setTimeout(() => {
      sent = performance.now();
      child.kill('SIGINT');
    }, 1000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      done({ ms: sent === 0 ? Number.NaN : performance.now() - sent, code: code ?? signal });
    });
  });
}

await main();
