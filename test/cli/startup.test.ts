// Start-up: `capacity` loads only what it uses. The fast paths must not change what comes out:
//  - the bundled datasets are read by the plain-CSV reader, a copy of them (--data) by csv-parse: same output;
//  - printable-ASCII tables are drawn without cli-table3, coloured or Chinese ones by it: same layout;
//  - the forecasting methods, chalk, cli-table3 and the chart renderers are loaded only when asked for, and
//    those runs still work.
// The last part reads the built bundle (dist/, built by `npm test` before vitest runs).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ANSI, ROOT, copyDatasets, removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-startup-');
const copy = copyDatasets(root);
afterAll(() => removeDir(root));

// eslint-disable-next-line no-control-regex
const stripAnsi = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');

/** The output without the note that says how a --data folder was layered over the bundled datasets. */
function withoutLayeringNote(stdout: string): string {
  const layered = (text: string) => text.includes('layered over the bundled datasets; your rows win');
  if (stdout.startsWith('{')) {
    const doc = JSON.parse(stdout) as { notes: string[] };
    return JSON.stringify({ ...doc, notes: doc.notes.filter((n) => !layered(n)) }, null, 2) + '\n';
  }
  return stdout.split('\n').filter((l) => !layered(l)).join('\n');
}

describe('the fast paths give the same output', () => {
  const RUNS = [
    ['capacity'],
    ['capacity', '--format', 'csv'],
    ['capacity', '--format', 'json'],
    ['capacity', '--source', 'trendforce_2023_12', '--format', 'md'],
    ['capacity', '--region', 'taiwan', '--method', 'linear'],
    ['capacity', '--metric', 'wpm', '--region', 'smic'],
    ['capacity', '--metric', 'wpm', '--region', 'smic', '--method', 'cagr,ets', '--format', 'csv'],
    ['capacity', '--region', 'nowhere'],
    ['funds'],
    ['self-sufficiency'],
    ['overview'],
  ];
  for (const args of RUNS) {
    it(`${args.join(' ')}: bundled datasets (plain reader) = a copy of them (csv-parse)`, async () => {
      // At full width: the note on layering is one line, taken out below.
      const bundled = await semicap([...args, '--wide']);
      const copied = await semicap([...args, '--wide', '--data', copy]);
      expect(copied.code).toBe(bundled.code);
      // A --data folder is layered over the bundled one, and the output says so in one note: the rest is the same.
      expect(withoutLayeringNote(copied.stdout)).toBe(bundled.stdout);
      expect(copied.stderr.split(copy).join('DATA')).toBe(bundled.stderr.split(join(ROOT, 'datasets')).join('DATA'));
    });
  }

  it('capacity in colour (drawn by cli-table3) is the plain table (drawn without it) plus colour codes', async () => {
    const plain = await semicap(['capacity']);
    const coloured = await semicap(['capacity'], { env: { FORCE_COLOR: '1' } });
    expect(coloured.code).toBe(0);
    expect(coloured.stdout).toMatch(ANSI);
    expect(stripAnsi(coloured.stdout)).toBe(plain.stdout);
  });

  it('capacity --lang zh: Chinese headings, drawn by cli-table3 with the same frame', async () => {
    const r = await semicap(['capacity', '--lang', 'zh']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/[\u4e00-\u9fff]/);
    expect(r.stdout).toMatch(/^┌─/m);
    expect(r.stdout).toMatch(/^└─/m);
  });
});

describe('what is loaded only when asked for', () => {
  it('--method with a statistical method loads the forecasting code and fits it', async () => {
    const r = await semicap(['capacity', '--metric', 'wpm', '--region', 'smic', '--method', 'cagr,theta', '--format', 'csv', '--table', 'fitted']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toBe('id,year,method,mean,lo80,hi80,lo95,hi95');
    expect(r.stdout).toMatch(/,theta,/);
  });

  it('an unknown method is still named by the forecast registry, with a suggestion: exit 2', async () => {
    const r = await semicap(['capacity', '--method', 'cagr,thetta']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^semicap: .*thetta.*theta/);
  });

  it('a statistical method on share figures is refused as before: exit 2', async () => {
    const r = await semicap(['capacity', '--method', 'ets']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--method ets fits a history, and share figures come two per source/);
  });

  it('--chart loads the chart renderer', async () => {
    const r = await semicap(['capacity', '--chart']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/╌|─/);
  });

  it('capacity loads neither chalk, the terminal modules, child_process nor perf_hooks (stdout a pipe, no colour)', () => {
    const script = `
      const before = new Set(process.moduleLoadList);
      const { run } = await import(${JSON.stringify(new URL('../../dist/cli.js', import.meta.url).href)});
      const code = await run(['capacity']);
      const loaded = process.moduleLoadList.filter((m) => !before.has(m));
      process.stderr.write(JSON.stringify({ code, loaded }));`;
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
    delete env.FORCE_COLOR;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env });
    const { code, loaded } = JSON.parse(r.stderr) as { code: number; loaded: string[] };
    expect(code).toBe(0);
    for (const name of ['child_process', 'tty', 'perf_hooks', 'readline', 'dgram']) expect(loaded).not.toContain(`NativeModule ${name}`);
  });
});

describe('the bundle: what the start-up path imports', () => {
  const DIST = join(ROOT, 'dist');
  const files = readdirSync(DIST);
  const text = (f: string) => readFileSync(join(DIST, f), 'utf8');
  /** Files a chunk imports statically, transitively (not through import()). */
  const closure = (start: string): string[] => {
    const seen = new Set<string>();
    const visit = (f: string) => {
      if (seen.has(f)) return;
      seen.add(f);
      for (const m of text(f).matchAll(/(?:from|import)\s*["']\.\/([^"']+)["']/g)) visit(m[1]);
    };
    visit(start);
    return [...seen];
  };
  /** The sources bundled into the files (esbuild names each in a `// path` comment). */
  const sources = (fs: string[]) => fs.flatMap((f) => [...text(f).matchAll(/^\/\/ ((?:src|node_modules)\/\S+)/gm)].map((m) => m[1]));
  const entry = (prefix: string) => {
    const f = files.find((name) => name.startsWith(prefix) && name.endsWith('.js'));
    if (!f) throw new Error(`no ${prefix}*.js in dist/; run the build`);
    return f;
  };

  it('names its sources (the checks below rely on it)', () => {
    expect(sources(['cli.js'])).toContain('src/cli/main.ts');
  });

  it('cli.js (every run, --version too) holds commander and the program, not chalk, csv-parse or a command', () => {
    const s = sources(closure('cli.js'));
    expect(s.some((p) => p.startsWith('node_modules/commander/'))).toBe(true);
    for (const p of ['node_modules/chalk/', 'node_modules/csv-parse/', 'node_modules/cli-table3/', 'src/cli/commands/', 'src/forecast/', 'src/report/table.ts']) {
      expect(s.filter((x) => x.startsWith(p))).toEqual([]);
    }
  });

  it('overview (the default command) and self-sufficiency hold no forecasting method: it loads only for --method', () => {
    for (const command of ['overview-', 'self-sufficiency-']) {
      const s = sources(closure(entry(command)));
      expect(s, command).toContain('src/app/self-sufficiency.ts');
      for (const p of ['src/forecast/', 'src/app/fit-history.ts']) expect(s.filter((x) => x.startsWith(p)), command).toEqual([]);
    }
  });

  it('capacity and the renderer hold no forecasting method, chalk, cli-table3, asciichart or exceljs', () => {
    const s = sources([...closure(entry('capacity-')), ...closure(entry('output-'))]);
    expect(s).toContain('src/cli/commands/capacity.ts');
    expect(s).toContain('src/report/table.ts');
    for (const p of ['src/forecast/', 'src/app/fit-history.ts', 'node_modules/chalk/', 'node_modules/cli-table3/', 'node_modules/string-width/', 'node_modules/asciichart/', 'node_modules/exceljs/', 'src/report/svg.ts', 'src/report/chart-terminal.ts']) {
      expect(s.filter((x) => x.startsWith(p))).toEqual([]);
    }
  });
});
