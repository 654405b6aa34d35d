// The bad-input corpus, run through the built CLI. The cases are in test/fixtures/bad/cases.ts;
// this file only runs them: one message line on stderr, the exit code, and nothing written or changed.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { COMMAND_CASES, DATASET_CASES, SERIES_CASES, type CommandCase, type DatasetCase, type SeriesCase } from '../fixtures/bad/cases.js';
import { ROOT, copyDatasets, removeDir, semicap, snapshot, tempDir } from './run.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'bad');
const root = tempDir('semicap-bad-');
afterAll(() => removeDir(root));

const OLD_OUTPUT = 'a report from an earlier run\n';

let counter = 0;
/** A data copy and an output folder that already holds {out}. */
function workspace() {
  const base = join(root, String(++counter));
  mkdirSync(base);
  const data = copyDatasets(base, 'data');
  const outdir = join(base, 'out');
  mkdirSync(outdir);
  const out = join(outdir, 'report.csv');
  writeFileSync(out, OLD_OUTPUT);
  return { data, outdir, out };
}

/** Puts the paths in place of {file}, {data}, {out}, {outdir} (also written `\{file\}` in a RegExp's source). */
const fill = (text: string, vars: Record<string, string>) => text.replace(/\\?\{(file|data|out|outdir)\\?\}/g, (_, k: string) => vars[k]);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** stderr must be exactly one line: `semicap: <message>` (no stack trace, nothing else). */
function expectOneLine(stderr: string, message: string | RegExp, vars: Record<string, string>): void {
  expect(stderr.endsWith('\n'), stderr).toBe(true);
  expect(stderr.trimEnd().split('\n'), stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at |Error:/);
  const line = stderr.slice(0, -1);
  if (typeof message === 'string') expect(line).toBe(`semicap: ${fill(message, vars)}`);
  else expect(line).toMatch(new RegExp(fill(message.source, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, escapeRegExp(v)]))), message.flags));
}

const inputBytes = (c: DatasetCase | SeriesCase): Buffer => (typeof c.input === 'string' ? readFileSync(join(FIXTURES, c.input)) : c.input());

describe('bad-input corpus: datasets', () => {
  it('has at least 30 cases in all', () => {
    expect(DATASET_CASES.length + COMMAND_CASES.length).toBeGreaterThanOrEqual(30);
    expect(DATASET_CASES.length + COMMAND_CASES.length + SERIES_CASES.length).toBeGreaterThanOrEqual(80);
  });

  for (const c of DATASET_CASES) {
    it(`${c.name} → exit ${c.code}`, async () => {
      const { data, outdir, out } = workspace();
      if (c.dataset !== 'scenarios') rmSync(join(data, 'scenarios.csv'));
      const file = join(data, `${c.dataset}.csv`);
      writeFileSync(file, inputBytes(c));
      const vars = { file, data, out, outdir };
      const dataBefore = snapshot(data);

      const v = await semicap((c.validate ?? ['validate', '{file}']).map((a) => fill(a, vars)));
      expect(v.code, v.stderr).toBe(c.code);
      if (c.code === 0) expect(v.stderr).toBe('');
      else expectOneLine(v.stderr, c.message!, vars);

      const outBefore = snapshot(outdir);
      const d = await semicap(['datasets', '--data', data, '--format', 'csv', '--out', out]);
      expect(d.code, d.stderr).toBe(c.code);
      if (c.code === 0) {
        // A valid file layered over the bundled one may conflict with bundled rows: those are warnings, not errors.
        expect(d.stderr.split('\n').filter((l) => l !== '' && !l.startsWith('semicap: warning: '))).toEqual([`semicap: wrote ${out}`]);
        expect(readFileSync(out, 'utf8')).toMatch(/^file,rows,kinds,sources,holds\n/);
      } else {
        expectOneLine(d.stderr, c.message!, vars);
        expect(d.stdout).toBe('');
        expect(snapshot(outdir)).toEqual(outBefore);
      }
      expect(snapshot(data)).toEqual(dataBefore);
    });
  }
});

describe('bad-input corpus: files and output paths', () => {
  for (const c of COMMAND_CASES as CommandCase[]) {
    const skip = c.skip?.();
    it.skipIf(skip !== undefined)(`${c.name} → exit ${c.code}${skip ? ` (skipped: ${skip})` : ''}`, async () => {
      const paths = workspace();
      c.setup?.(paths);
      const vars = { ...paths, file: '' };
      const dataBefore = snapshot(paths.data);
      const outBefore = snapshot(paths.outdir);
      const r = await semicap(c.args.map((a) => fill(a, vars)));
      expect(r.code, r.stderr).toBe(c.code);
      expectOneLine(r.stderr, c.message, vars);
      expect(snapshot(paths.outdir)).toEqual(outBefore);
      expect(snapshot(paths.data)).toEqual(dataBefore);
    });
  }
});

describe('bad-input corpus: long CSVs through forecast', () => {
  for (const c of SERIES_CASES) {
    it(`${c.name} → exit ${c.code}`, async () => {
      const { data, outdir, out } = workspace();
      const file = join(data, '..', 'series.csv');
      writeFileSync(file, inputBytes(c));
      const vars = { file, data, out, outdir };
      const outBefore = snapshot(outdir);
      // A case may give its own --method (a single-value option given twice is a usage error).
      const method = c.args?.includes('--method') ? [] : ['--method', 'linear'];
      const r = await semicap(['forecast', file, '--id', 'id', ...method, ...(c.args ?? []), '--format', 'csv', '--out', out]);
      expect(r.code, r.stderr).toBe(c.code);
      if (c.code === 0) {
        expect(r.stderr).toBe(`semicap: wrote ${out}\n`);
        expect(readFileSync(out, 'utf8')).toMatch(/^id,year,method,mean,/);
      } else {
        expectOneLine(r.stderr, c.message!, vars);
        expect(snapshot(outdir)).toEqual(outBefore);
      }
    });
  }
});
