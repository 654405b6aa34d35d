// The CI contract: --quiet means errors only; no progress when CI is set (even on a terminal); JSON carries a
// schema version and every message among its warnings; report --out replaces its folder whole and atomically;
// every catchable signal cleans up; a crash or a missing build is exit 70, never 0 or 1; and every exit code of
// the README's table is reached by a run here or in the files named beside it.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, copyDatasets, removeDir, semicap, semicapAsync, signalWhenCaught, snapshot, tempDir, type Run } from './run.js';

const root = tempDir('semicap-ci-');
afterAll(() => removeDir(root));

// One `report --out DIR -q` run, in this process: its output is checked below, and the tests that need an earlier
// report in their folder start from a copy of it (a report is the slowest run of this file).
const REPORT = join(root, 'quiet-report');
let quietReport: Run;
beforeAll(async () => {
  quietReport = await semicap(['report', '--out', REPORT, '-q']);
});
/** A copy of the report written above, as a report folder an earlier run left. */
function earlierReport(name: string): string {
  const dir = join(root, name);
  cpSync(REPORT, dir, { recursive: true });
  return dir;
}

const CLAMPED = ['project', '--from', '2023=29%', '--to', '2027=59%', '--through', '2040', '--format', 'csv'];

/** A long CSV with one good series and one with a missing year (skipped). */
function seriesFile(): string {
  const path = join(root, 'series.csv');
  writeFileSync(path, 'id,year,value\n' + [1, 2, 3, 4, 5, 6].map((i) => `a,${2000 + i},${i}`).join('\n') + '\nb,2001,1\nb,2003,3\nb,2004,4\nb,2005,5\n');
  return path;
}

describe('--quiet is errors only', () => {
  it('the same run without -q prints warnings and wrote lines (so the test below can fail)', async () => {
    const r = await semicap([...CLAMPED, '--chart-out', join(root, 'loud.svg')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: cagr would pass 100 %/);
    expect(r.stderr).toMatch(/wrote table 'projection'/);
    expect(r.stderr).toMatch(/wrote .*loud\.svg/);
  });

  it('-q: no warnings, no "wrote" lines, no skipped-series lines; the results are unchanged', async () => {
    const quiet = await semicap(['-q', ...CLAMPED, '--chart-out', join(root, 'quiet.svg')]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe((await semicap(CLAMPED)).stdout);
    const out = await semicap([...CLAMPED, '--out', join(root, 'q.csv'), '--quiet']);
    expect(out.stderr).toBe('');
    const skipped = await semicap(['forecast', seriesFile(), '--id', 'id', '--method', 'naive', '--format', 'csv', '-q']);
    expect(skipped.code).toBe(65);
    expect(skipped.stderr).toBe('');
  });

  it('errors still show with -q', async () => {
    const r = await semicap(['-q', 'project', '--from', '2023=x', '--to', '2027=39%']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^semicap: --from '2023=x'/);
  });

  it('report -q prints nothing at all (no list of files)', () => {
    expect(quietReport.code).toBe(0);
    expect(quietReport.stdout).toBe('');
    expect(quietReport.stderr).toBe('');
    expect(existsSync(join(REPORT, 'summary.md'))).toBe(true);
  });

  it('a global option alone runs the overview on stdout', async () => {
    const overview = (await semicap(['overview'])).stdout;
    expect(overview.length).toBeGreaterThan(100);
    expect((await semicap(['-q'])).stdout).toBe(overview);
    expect((await semicap(['--no-color'])).stdout).toBe(overview);
    const zh = await semicap(['--lang', 'zh']);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toBe((await semicap(['overview', '--lang', 'zh'])).stdout);
    expect(zh.stderr).toBe('');
  });
});

describe('progress and CI', () => {
  // `script` gives the run a terminal on stdin, stdout and stderr, as some CI runners do. The data is invalid: the
  // report stops after its validation step (exit 65), a small part of a whole report's work, and shows the progress
  // of its steps on the same line as a whole report does.
  const onTerminal = (env: string) => {
    const data = join(root, 'tty-data');
    if (!existsSync(data)) writeFileSync(join(copyDatasets(root, 'tty-data'), 'fx.csv'), 'year,currency\n2023,CNY\n');
    const dir = join(root, `tty-${env.replace(/\W/g, '')}`);
    const r = spawnSync('script', ['-qec', `env ${env} ${process.execPath} ${BIN} report --out ${dir} --data ${data}; echo "exit $?"`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (r.error) throw new Error(`util-linux \`script\` (a pseudo-terminal) is needed: ${r.error.message}`);
    expect(r.stdout).toMatch(/exit 65\r?\n$/);
    return r.stdout;
  };
  it('a terminal shows progress; with CI set it does not', () => {
    expect(onTerminal('-u CI')).toContain('\r\u001b[2K[1/');
    expect(onTerminal('CI=true')).not.toContain('\r\u001b[2K');
  });
});

describe('JSON: a schema version, and every message among the warnings', () => {
  it('has "schema": 1 first, beside the tool version', async () => {
    const doc = JSON.parse((await semicap(['funds', '--format', 'json'])).stdout) as Record<string, unknown>;
    expect(Object.keys(doc).slice(0, 2)).toEqual(['schema', 'semicap']);
    expect(doc.schema).toBe(1);
  });

  it('skipped series are in warnings, streamed to stdout or written to --out', async () => {
    const file = seriesFile();
    const r = await semicap(['forecast', file, '--id', 'id', '--method', 'naive', '--format', 'json']);
    expect(r.code).toBe(65);
    const message = "skipped series 'b': missing year(s) 2002; expected consecutive years (or use --fill linear to interpolate)";
    expect(r.stderr).toBe(`semicap: ${message}\n`);
    expect((JSON.parse(r.stdout) as { warnings: string[] }).warnings).toEqual([message]);
    const out = join(root, 'f.json');
    await semicap(['forecast', file, '--id', 'id', '--method', 'naive', '--format', 'json', '--out', out]);
    expect((JSON.parse(readFileSync(out, 'utf8')) as { warnings: string[] }).warnings).toEqual([message]);
  });

  it('report.json carries the schema version too', () => {
    const doc = JSON.parse(readFileSync(join(REPORT, 'report.json'), 'utf8')) as { schema: number; analyses: { schema: number }[] };
    expect(doc.schema).toBe(1);
    expect(doc.analyses[0].schema).toBe(1);
  });
});

describe('report --out replaces its folder', () => {
  it('a re-run leaves no stale file from an earlier run, and the same files', async () => {
    const dir = earlierReport('rerun');
    const first = snapshot(dir);
    writeFileSync(join(dir, 'stale-from-an-old-version.csv'), 'old\n');
    expect((await semicap(['report', '--out', dir, '-q'])).code).toBe(0);
    expect(snapshot(dir)).toEqual(first);
    expect(readdirSync(root).filter((n) => n.startsWith('.rerun'))).toEqual([]);
  });

  it('a folder that is not a semicap report is refused, untouched', async () => {
    const dir = join(root, 'mine');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'keep me\n');
    const r = await semicap(['report', '--out', dir]);
    expect(r.code).toBe(73);
    expect(r.stderr).toMatch(/holds files that are not a semicap report/);
    expect(readdirSync(dir)).toEqual(['notes.txt']);
  });

  it('invalid data: exit 65, the folder replaced by the validation report', async () => {
    const data = copyDatasets(root, 'broken');
    writeFileSync(join(data, 'fx.csv'), 'year,currency\n2023,CNY\n');
    const dir = earlierReport('invalid');
    writeFileSync(join(dir, 'stale.csv'), 'old\n');
    const r = await semicap(['report', '--out', dir, '--data', data, '-q']);
    expect(r.code).toBe(65);
    expect(existsSync(join(dir, 'stale.csv'))).toBe(false);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/fx\.csv/);
    // report.json's validation section lists the problems among its warnings, as the run printed them.
    const doc = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as { analyses: { id: string; warnings: string[] }[] };
    expect(doc.analyses[0].id).toBe('validate');
    // The file is named relative to the working folder (the project here), as every path in the report is.
    expect(doc.analyses[0].warnings[0]).toBe(`${relative(ROOT, join(data, 'fx.csv'))}:1: missing column 'per_usd'; expected the columns year,currency,per_usd,kind,source_id`);
  });
});

// Every catchable signal ends the run with 128 + its number and removes the temporary file or folder; the
// previous output stays. The run validates a generated dataset big enough to take a few seconds.
describe.skipIf(process.platform !== 'linux')('signals clean up', () => {
  const data = copyDatasets(root, 'slow');
  // Added to the bundled rows (the bundled scenarios refer to them); the header's column order is the bundled one.
  const header = readFileSync(join(data, 'capacity_share.csv'), 'utf8').split('\n')[0].split(',');
  const cell = { year: '', region: '', segment: '', share_pct: '', kind: 'estimate', source_id: 'trendforce_2023_10' } as Record<string, string>;
  const line = (values: Record<string, string>) => header.map((h) => values[h] ?? cell[h] ?? '').join(',') + '\n';
  let rows = readFileSync(join(data, 'capacity_share.csv'), 'utf8').replace(/\n?$/, '\n');
  // Each region its own segment: shares of one segment and year must not add up past 100 %.
  for (let r = 0; r < 300; r++) for (let y = 1900; y < 2200; y++) rows += line({ ...cell, year: String(y), region: `r${r}`, segment: `s${r}`, share_pct: String((y % 100) / 2) });
  writeFileSync(join(data, 'capacity_share.csv'), rows);

  for (const [signal, code] of [
    ['SIGHUP', 129],
    ['SIGQUIT', 131],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} → ${code}: the old --out file stays, no temporary file`, async () => {
      const dir = join(root, `sig-${signal}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'v.csv'), 'old\n');
      const r = await semicapAsync(['validate', data, '--format', 'csv', '--out', join(dir, 'v.csv')], { onStart: (child) => signalWhenCaught(child, signal) });
      expect(r.code).toBe(code);
      expect(readdirSync(dir)).toEqual(['v.csv']);
    }, 60_000);
  }

  it('SIGINT during report --out: the previous report stays whole, no temporary folder', async () => {
    const dir = earlierReport('sig-report');
    const before = snapshot(dir);
    // The signal is sent once the temporary folder exists: the run is then between start and swap.
    let sawTemp = false;
    const r = await semicapAsync(['report', '--out', dir, '--data', data], {
      onStart: (child) => {
        const poll = setInterval(() => {
          if (!readdirSync(root).some((n) => n.startsWith('.sig-report.') && n.endsWith('.new'))) return;
          sawTemp = true;
          clearInterval(poll);
          child.kill('SIGINT');
        }, 5);
        child.on('close', () => clearInterval(poll));
      },
    });
    expect(sawTemp).toBe(true);
    expect(r.code).toBe(130);
    expect(snapshot(dir)).toEqual(before);
    expect(readdirSync(root).filter((n) => n.startsWith('.sig-report'))).toEqual([]);
  }, 60_000);
});

/** The launcher in a folder without dist/, run once (exit 70 is checked twice below). */
let unbuilt: { status: number | null; stderr: string } | undefined;
function unbuiltRun() {
  if (unbuilt) return unbuilt;
  const copy = join(root, 'unbuilt');
  mkdirSync(join(copy, 'bin'), { recursive: true });
  copyFileSync(BIN, join(copy, 'bin', 'semicap.js'));
  writeFileSync(join(copy, 'package.json'), '{"type": "module"}\n');
  unbuilt = spawnSync(process.execPath, [join(copy, 'bin', 'semicap.js'), 'overview'], { encoding: 'utf8' });
  return unbuilt;
}

describe('a crash is never 0 or 1', () => {
  it('dist/ not built: exit 70 with one line saying how to build', () => {
    const r = unbuiltRun();
    expect(r.status).toBe(70);
    expect(r.stderr).toBe('semicap: the CLI is not built (dist/cli.js is missing): run `npm run build` in the semicap folder (`npm ci --ignore-scripts` skips the build)\n');
  });

  it('a CLI that throws: exit 70, one line', () => {
    const copy = join(root, 'broken-build');
    mkdirSync(join(copy, 'bin'), { recursive: true });
    mkdirSync(join(copy, 'dist'), { recursive: true });
    copyFileSync(BIN, join(copy, 'bin', 'semicap.js'));
    writeFileSync(join(copy, 'package.json'), '{"type": "module"}\n');
    writeFileSync(join(copy, 'dist', 'cli.js'), 'export async function run() { throw new Error("boom"); }\n');
    const r = spawnSync(process.execPath, [join(copy, 'bin', 'semicap.js')], { encoding: 'utf8' });
    expect(r.status).toBe(70);
    expect(r.stderr).toBe('semicap: internal error: boom\n');
  });
});

describe('resources', () => {
  // In this process: one series is one batch, fitted in the main thread whatever --jobs says.
  it('--jobs above the cores is capped, with a note; the numbers are the same', async () => {
    const file = join(root, 'one-series.csv');
    writeFileSync(file, 'year,value\n' + [1, 2, 3, 4, 5, 6, 7].map((i) => `${2000 + i},${i * i}`).join('\n') + '\n');
    const cores = availableParallelism();
    const capped = await semicap(['forecast', file, '--method', 'naive', '--format', 'csv', '--jobs', '256']);
    expect(capped.code).toBe(0);
    expect(capped.stderr).toBe(`semicap: --jobs 256: this machine has ${cores} core(s); using ${cores} worker thread(s)\n`);
    expect(capped.stdout).toBe((await semicap(['forecast', file, '--method', 'naive', '--format', 'csv', '--jobs', '1'])).stdout);
  });

  // In this process (--jobs 1: no worker threads). The limit is lowered to 2,000 rows (SEMICAP_MAX_HELD_ROWS) and
  // crossed with 2,100: the same refusal and the same streamed csv as at 200,000 (row-limit.test.ts shows the real
  // 200,000 on the row collector), without writing 210,000 rows.
  it('--format table, md and xlsx stop above the row limit with a usage error; csv streams them', async () => {
    const file = join(root, 'many.csv');
    let text = 'id,year,value\n';
    for (let s = 0; s < 21; s++) for (let y = 0; y < 3; y++) text += `s${s},${2000 + y},${s + y}\n`;
    writeFileSync(file, text);
    // 21 series × 100 years ahead: 2,100 rows.
    const args = ['forecast', file, '--id', 'id', '--method', 'naive', '--horizon', '100', '--jobs', '1'];
    const env = { SEMICAP_MAX_HELD_ROWS: '2000' };
    for (const format of ['table', 'md']) {
      const r = await semicap([...args, '--format', format], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/more than 2,000 rows are too many for --format (table|md)/);
    }
    const xlsx = await semicap([...args, '--format', 'xlsx', '--out', join(root, 'many.xlsx')], { env });
    expect(xlsx.code).toBe(2);
    expect(existsSync(join(root, 'many.xlsx'))).toBe(false);
    const out = join(root, 'many-forecasts.csv');
    const csv = await semicap([...args, '--format', 'csv', '--out', out], { env });
    expect(csv.code).toBe(0);
    expect(readFileSync(out, 'utf8').split('\n')).toHaveLength(2_100 + 2);
  });

  it('a repeated single-value option is a usage error', async () => {
    const r = await semicap(['funds', '--format', 'csv', '--format', 'json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("semicap: --format given twice ('csv', then 'json'); give it once\n");
    expect((await semicap(['project', '--from', '2023=29%', '--via', '2024=31%', '--via', '2025=33%', '--to', '2027=39%'])).code).toBe(0);
  });
});

describe("every exit code in the README's table is reached", () => {
  // Codes reached in this file or, for 1 and 130, by check.test.ts and pipes-signals.test.ts (and below as well).
  // In this process: launcher.test.ts shows that the built CLI exits with the code these runs return (for every
  // code below but 70, which only the launcher gives and is reached here through it).
  const reached: Record<number, () => Promise<number | null> | number | null> = {
    0: async () => (await semicap(['funds'])).code,
    1: async () => {
      const rules = join(root, 'failing.csv');
      writeFileSync(rules, 'rule,metric,selector,op,value,unit\ntoo many funds rows,rows,dataset=funds,<,1,\n');
      return (await semicap(['check', rules])).code;
    },
    2: async () => (await semicap(['project', '--from', '2023=x', '--to', '2027=39%'])).code,
    65: async () => (await semicap(['check', join(ROOT, 'package.json')])).code,
    66: async () => (await semicap(['check', join(root, 'no-such-rules.csv')])).code,
    70: () => unbuiltRun().status,
    73: async () => (await semicap(['funds', '--out', join(root, 'no-such-folder', 'f.csv')])).code,
    74: async () => (await semicap(['funds', '--out', '/dev/full'])).code,
  };
  const readmeCodes = (() => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Exit codes'), readme.indexOf('\n## ', readme.indexOf('## Exit codes') + 5));
    return [...table.matchAll(/^\| ([\d /]+) \|/gm)].flatMap((m) => m[1].split('/').map((c) => Number(c.trim())));
  })();
  const bySignal: Record<number, string> = { 130: 'SIGINT (inputs.test.ts, pipes-signals.test.ts)', 143: 'SIGTERM', 129: 'SIGHUP', 131: 'SIGQUIT' };

  it('the table lists the codes this test knows', () => {
    expect(readmeCodes.sort((a, b) => a - b)).toEqual([0, 1, 2, 65, 66, 70, 73, 74, 129, 130, 131, 143]);
  });
  for (const code of [0, 1, 2, 65, 66, 70, 73, 74]) it(`exit ${code}`, async () => expect(await reached[code]()).toBe(code));
  it('the signal codes are reached in "signals clean up" above and in inputs.test.ts', () => {
    for (const code of readmeCodes.filter((c) => c > 128)) expect(bySignal[code]).toBeDefined();
  });
});
