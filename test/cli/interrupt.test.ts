// Ctrl-C stops a long run at once: the built CLI, sent SIGINT while it computes, exits 130 within a bound generous
// under load, leaves the previous output whole and no temporary file or folder, and prints no stack trace.
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDatasets, removeDir, semicapAsync, signalWhenCaught, snapshot, tempDir } from './run.js';

const root = tempDir('semicap-interrupt-');
afterAll(() => removeDir(root));

/** Milliseconds from a signal delivered to the exit: under 1.5 s, where the run would compute for seconds more. */
const BOUND_MS = 1500;

/** CPU milliseconds a process has used (user and system: fields 14 and 15 of /proc/PID/stat, in ticks of 10 ms). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * A whole run of `scenario --simulate` or `goal --simulate` with a few paths takes under 200 ms of CPU, start-up
 * included: a run that has used more is simulating, however slowly a loaded machine lets it get there.
 */
const SIMULATING_CPU_MS = 400;

/**
 * Sends SIGINT once `ready(child)` holds and the CLI's handlers are in place (signalWhenCaught), and notes when the
 * signal went out; the run then resolves with the milliseconds from the signal to the exit.
 */
async function interruptWhen(args: string[], ready: (child: ReturnType<typeof spawn>) => boolean): Promise<{ code: number | null; stderr: string; ms: number }> {
  let sentAt = 0;
  const r = await semicapAsync(args, {
    onStart: (child: ReturnType<typeof spawn>) => {
      const kill = child.kill.bind(child);
      child.kill = (signal?: NodeJS.Signals | number) => {
        sentAt = performance.now();
        return kill(signal);
      };
      const poll = setInterval(() => {
        if (!ready(child)) return;
        clearInterval(poll);
        signalWhenCaught(child, 'SIGINT');
      }, 5);
      child.on('close', () => clearInterval(poll));
    },
  });
  expect(sentAt).toBeGreaterThan(0);
  return { code: r.code, stderr: r.stderr, ms: performance.now() - sentAt };
}

describe.skipIf(process.platform !== 'linux')('Ctrl-C during long work', () => {
  // The bundled datasets with 45,000 share rows more: the report computes for seconds after its temporary folder
  // appears (about 6 s on a quiet machine, where the signal follows within milliseconds).
  const data = copyDatasets(root, 'slow');
  const header = readFileSync(join(data, 'capacity_share.csv'), 'utf8').split('\n')[0].split(',');
  const cell = { kind: 'estimate', source_id: 'trendforce_2023_10' } as Record<string, string>;
  let rows = readFileSync(join(data, 'capacity_share.csv'), 'utf8').replace(/\n?$/, '\n');
  for (let r = 0; r < 150; r++) {
    for (let y = 1900; y < 2200; y++) {
      const values: Record<string, string> = { ...cell, year: String(y), region: `r${r}`, segment: `s${r}`, share_pct: String((y % 100) / 2) };
      rows += header.map((h) => values[h] ?? '').join(',') + '\n';
    }
  }
  writeFileSync(join(data, 'capacity_share.csv'), rows);

  it('report --out: exit 130 within 1.5 s of the signal, the earlier report whole, no temporary folder', async () => {
    const parent = join(root, 'reports');
    const dir = join(parent, 'report');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'report.json'), '{"earlier": true}\n');
    const before = snapshot(dir);
    // Once the temporary folder exists the analyses are computing (for seconds on this data).
    const r = await interruptWhen(['report', '--out', dir, '--data', data], () => readdirSync(parent).some((n) => n.endsWith('.new')));
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.stderr).toBe('');
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(parent)).toEqual(['report']);
  }, 120_000);

  it('scenario --simulate: exit 130 within 1.5 s of the signal, the earlier --out file whole, no temporary file', async () => {
    const dir = join(root, 'simulation');
    mkdirSync(dir);
    writeFileSync(join(dir, 'odds.csv'), 'earlier\n');
    // Three million paths a series take tens of seconds: once the run has used more CPU than start-up takes, it is simulating.
    const r = await interruptWhen(['scenario', '--simulate', '3000000', '--seed', '1', '--format', 'csv', '--out', join(dir, 'odds.csv')], (child) => cpuMs(child.pid) >= SIMULATING_CPU_MS);
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.stderr).toBe('');
    expect(readdirSync(dir)).toEqual(['odds.csv']);
    expect(readFileSync(join(dir, 'odds.csv'), 'utf8')).toBe('earlier\n');
  }, 120_000);

  it('goal --simulate: exit 130 within 1.5 s of the signal, nothing written', async () => {
    const dir = join(root, 'goal');
    mkdirSync(dir);
    const args = ['goal', '--current', '2024=30%', '--target', '2060=45%', '--rate', '5', '--rate-sd', '2', '--simulate', '4000000', '--seed', '1', '--format', 'csv', '--out', join(dir, 'goal.csv')];
    // Four million paths over 36 years take seconds: once the run has used more CPU than start-up takes, it is simulating.
    const r = await interruptWhen(args, (child) => cpuMs(child.pid) >= SIMULATING_CPU_MS);
    expect(r.code).toBe(130);
    expect(r.ms).toBeLessThan(BOUND_MS);
    expect(r.stderr).toBe('');
    expect(readdirSync(dir)).toEqual([]);
  }, 120_000);
});
