// Pipes and signals: `semicap … | head -1` ends quietly with exit 0; Ctrl-C exits 130 and leaves no
// temporary file and no half-written output; output is flushed whole to pipes and files.
import { spawnSync } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateLongCsv } from '../../bench/gen-long-csv.js';
import { BIN, ROOT, copyDatasets, removeDir, semicap, semicapAsync, semicapProcess, signalWhenCaught, tempDir, type Run } from './run.js';

const root = tempDir('semicap-pipes-');
afterAll(() => removeDir(root));

/** A projection through ~250 anchors: about 200 kB of JSON, more than a pipe buffer (64 kB) holds. */
const BIG_PROJECT = (() => {
  const args = ['project', '--from', '1900=900'];
  for (let y = 1902; y <= 2150; y++) args.push('--via', `${y}=${y - 1000 + (y % 7)}`);
  return [...args, '--to', '2199=1199', '--through', '2200', '--method', 'cagr,linear', '--format', 'json'];
})();

/** The big projection run once in this process: the bytes the child processes' outputs are compared with. */
let bigInProcess: Promise<Run> | undefined;
const bigProject = () => (bigInProcess ??= semicap(BIG_PROJECT));

/**
 * Whether the process waits to write its standard output: its event loop watches descriptor 1 for room to write
 * (a `tfd: 1` line with EPOLLOUT, 0x4, in the fdinfo of one of its epoll descriptors), which libuv adds when the
 * pipe is full.
 */
function waitsToWrite(pid: number | undefined): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      if (readlinkSync(`/proc/${pid}/fd/${fd}`) !== 'anon_inode:[eventpoll]') return false;
      const watch = /^tfd:\s+1\s+events:\s+([0-9a-f]+)/m.exec(readFileSync(`/proc/${pid}/fdinfo/${fd}`, 'utf8'));
      return watch !== null && (Number.parseInt(watch[1], 16) & 0x4) !== 0;
    });
  } catch {
    // The process (or a descriptor) went away while looking.
    return false;
  }
}

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;
const shellCommand = (args: string[]) => [process.execPath, BIN, ...args].map(quote).join(' ');

describe('a reader that goes away (EPIPE)', () => {
  it('the big output really is bigger than a pipe buffer', async () => {
    const r = await bigProject();
    expect(r.code).toBe(0);
    expect(Buffer.byteLength(r.stdout)).toBeGreaterThan(150_000);
  });

  it('`semicap … | head -1` exits 0 with nothing on stderr', () => {
    const script = `${shellCommand(BIG_PROJECT)} 2>"$ERR" | head -1; echo "status=\${PIPESTATUS[0]}"`;
    const err = join(root, 'head.err');
    const r = spawnSync('bash', ['-c', script], { cwd: ROOT, env: { ...process.env, ERR: err, NO_COLOR: '1' }, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toBe('{\nstatus=0\n');
    expect(readFileSync(err, 'utf8')).toBe('');
  });

  it('`semicap capacity --format csv | head -1`: the header line, exit 0', () => {
    const script = `${shellCommand(['capacity', '--format', 'csv'])} 2>"$ERR" | head -1; echo "status=\${PIPESTATUS[0]}"`;
    const err = join(root, 'head2.err');
    const r = spawnSync('bash', ['-c', script], { cwd: ROOT, env: { ...process.env, ERR: err }, encoding: 'utf8', timeout: 60_000 });
    expect(r.stdout).toMatch(/^year,trendforce_2023_10\.cagr,.*\nstatus=0\n$/);
    expect(readFileSync(err, 'utf8')).not.toMatch(/EPIPE|Error|\n\s+at /);
  });

  it('stdout closed before the first write: exit 0, no EPIPE or stack on stderr', async () => {
    const r = await semicapAsync(BIG_PROJECT, { onStart: (child) => child.stdout?.destroy() });
    expect(r.signal).toBeNull();
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/EPIPE|Error|\n\s+at /);
  });
});

describe('output flushed whole', () => {
  it('stdout to a pipe, stdout redirected to a file and --out give the same bytes', async () => {
    const piped = semicapProcess(BIG_PROJECT).stdout;
    const redirected = join(root, 'redirected.json');
    const r = spawnSync('sh', ['-c', `${shellCommand(BIG_PROJECT)} > ${quote(redirected)}`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(0);
    const out = join(root, 'out.json');
    // --out is written the same way in this process as in a child: run here.
    expect((await semicap([...BIG_PROJECT, '--out', out])).code).toBe(0);
    const fileBytes = readFileSync(redirected);
    expect(fileBytes.length).toBe(Buffer.byteLength(piped));
    expect(fileBytes.equals(Buffer.from(piped))).toBe(true);
    expect(readFileSync(out).equals(fileBytes)).toBe(true);
    // A whole document, not a truncated one.
    const doc = JSON.parse(piped) as { tables: { rows: unknown[] }[] };
    expect(doc.tables[0].rows).toHaveLength(301);
  });

  it('a reader that pauses still gets everything', async () => {
    let waited = false;
    const r = await semicapAsync(BIG_PROJECT, {
      onStart: (child) => {
        // Stop reading until the writer waits for the pipe (no guessed delay): it must wait, not drop output or exit early.
        child.stdout?.pause();
        const poll = setInterval(() => {
          // Without /proc (not Linux): once this side's buffer is full and it reads no more.
          const full = process.platform === 'linux' ? waitsToWrite(child.pid) : (child.stdout?.readableLength ?? 0) >= (child.stdout?.readableHighWaterMark ?? 0);
          if (!full) return;
          clearInterval(poll);
          waited = true;
          child.stdout?.resume();
        }, 5);
        // A writer that never had to wait ends on its own: read the rest, and the test fails on `waited`.
        child.on('exit', () => {
          clearInterval(poll);
          child.stdout?.resume();
        });
      },
    });
    expect(waited).toBe(true);
    expect(r.code).toBe(0);
    expect(Buffer.byteLength(r.stdout)).toBe(Buffer.byteLength((await bigProject()).stdout));
    expect(() => JSON.parse(r.stdout)).not.toThrow();
  });
});

// Ctrl-C: no command runs long on the bundled data, so validate a generated dataset of 45,000 rows (about half a
// second of work after the handlers are in, where the signal comes within milliseconds). validate parses
// synchronously, so the signal is handled when that work ends (see the report).
describe('signals', () => {
  let data = '';
  beforeAll(async () => {
    data = copyDatasets(root, 'big');
    const out = createWriteStream(join(data, 'capacity_share.csv'));
    out.write('year,region,segment,share_pct,kind,source_id\n');
    for (let r = 0; r < 150; r++) {
      let chunk = '';
      for (let y = 1900; y < 2200; y++) chunk += `${y},r${r},mature,${(y % 100) / 2},estimate,trendforce_2023_10\n`;
      if (!out.write(chunk)) await new Promise<void>((done) => out.once('drain', () => done()));
    }
    await new Promise<void>((done) => out.end(() => done()));
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} exits ${code}, leaves the old --out file or a whole new one, and no temporary file`, async () => {
      const outdir = join(root, `out-${signal}`);
      const out = join(outdir, 'report.csv');
      spawnSync('mkdir', ['-p', outdir]);
      writeFileSync(out, 'old report\n');
      const r = await semicapAsync(['validate', data, '--format', 'csv', '--out', out], {
        // Once semicap's handlers are in place (a fixed delay can come before them on a busy machine).
        onStart: (child) => signalWhenCaught(child, signal),
      });
      expect(r.code).toBe(code);
      expect(r.stderr).not.toMatch(/Error|\n\s+at /);
      expect(readdirSync(outdir)).toEqual(['report.csv']);
      const text = readFileSync(out, 'utf8');
      if (text !== 'old report\n') expect(text).toMatch(/^file,dataset,rows,problems,status\n(.*\n){6}$/);
    }, 120_000);
  }
});

describe('Ctrl-C during a forecast of a long CSV (streaming read)', () => {
  it('exits 130 and leaves the old --out file or a whole new one, and no temporary file', async () => {
    const input = join(root, 'long.csv');
    // 200,000 rows, ~4 MB (four reads of 1 MiB): under a second of work, where the signal comes within milliseconds.
    await generateLongCsv(input, { series: 5000, years: 40, start: 1990, seed: 3 });
    const outdir = join(root, 'out-forecast');
    spawnSync('mkdir', ['-p', outdir]);
    const out = join(outdir, 'forecast.csv');
    writeFileSync(out, 'old forecast\n');
    const r = await semicapAsync(['forecast', input, '--id', 'id', '--method', 'linear', '--format', 'csv', '--out', out], {
      // As soon as semicap's handlers are in place: long before 200,000 rows are read and forecast.
      onStart: (child) => signalWhenCaught(child, 'SIGINT'),
    });
    expect(r.code).toBe(130);
    expect(r.stderr).not.toMatch(/Error|\n\s+at /);
    expect(readdirSync(outdir)).toEqual(['forecast.csv']);
    const text = readFileSync(out, 'utf8');
    if (text !== 'old forecast\n') expect(text.split('\n')).toHaveLength(5000 * 6 + 2);
  }, 120_000);
});
