// One read of each dataset file per run: the memo of a run (readingOnce) keeps what the loaders made; `report`,
// `overview` and `check`, whose analyses load the same folder several times, read each file from disk once.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundledDataDir, loadDatasets } from '../../src/data/datasets.js';
import { idOf, newReadMemo, once, readingOnce, type ReadMemo } from '../../src/data/read-once.js';
import { loadScenariosWithData } from '../../src/data/scenarios.js';
import { copyDatasets, removeDir, ROOT, semicap, tempDir } from '../cli/run.js';

const root = tempDir('semicap-read-once-');
afterAll(() => removeDir(root));

const DATASET_FILES = ['sources', 'capacity_share', 'capacity', 'funds', 'self_sufficiency', 'fx', 'indicators'].map((n) => `${n}.csv`);

/** Reads of each file in `dir` that the run made (files of other folders left out). */
const readsIn = (memo: ReadMemo, dir: string) =>
  Object.fromEntries([...memo.reads].filter(([path]) => path.startsWith(resolve(dir) + '/')).map(([path, n]) => [path.slice(resolve(dir).length + 1), n]));

describe('readingOnce: the memo of one run', () => {
  it('keeps a value made in the run, and makes it again outside any run', () => {
    let made = 0;
    const make = () => ({ n: ++made });
    const inside = readingOnce(() => [once('k', make), once('k', make), once('other', make)]);
    expect(inside[0]).toBe(inside[1]);
    expect(inside.map((v) => v.n)).toEqual([1, 1, 2]);
    expect(once('k', make)).not.toBe(once('k', make));
    expect(made).toBe(4);
  });

  it('keeps no value whose making threw: the next call tries again', () => {
    let calls = 0;
    const results = readingOnce(() =>
      [1, 2].map(() => {
        try {
          return once('failing', () => {
            calls++;
            throw new Error('unreadable');
          });
        } catch (e) {
          return (e as Error).message;
        }
      }),
    );
    expect(results).toEqual(['unreadable', 'unreadable']);
    expect(calls).toBe(2);
  });

  it('a nested run joins the outer one; two runs side by side keep their own memos across awaits', async () => {
    const outer = newReadMemo();
    readingOnce(() => readingOnce(() => once('x', () => 1), newReadMemo()), outer);
    expect([...outer.values.keys()]).toEqual(['x']);
    const a = newReadMemo();
    const b = newReadMemo();
    const tick = () => new Promise<void>((done) => setImmediate(done));
    await Promise.all([
      readingOnce(async () => {
        await tick();
        once('a', () => 'a');
      }, a),
      readingOnce(async () => {
        await tick();
        once('b', () => 'b');
      }, b),
    ]);
    expect([...a.values.keys()]).toEqual(['a']);
    expect([...b.values.keys()]).toEqual(['b']);
  });

  it('idOf names each object by one number, another object by another', () => {
    const o = {};
    expect(idOf(o)).toBe(idOf(o));
    expect(idOf({})).not.toBe(idOf(o));
  });
});

describe('loaders in a run', () => {
  it('loadDatasets twice in a run: each file read once, the same records; outside a run, fresh records', () => {
    const memo = newReadMemo();
    const [first, second] = readingOnce(() => [loadDatasets(bundledDataDir()), loadDatasets(bundledDataDir(), ['funds'])], memo);
    expect(second.funds).toBe(first.funds);
    expect(second.sources).toBe(first.sources);
    expect(readsIn(memo, bundledDataDir())).toEqual(Object.fromEntries(DATASET_FILES.map((f) => [f, 1])));
    expect(loadDatasets(bundledDataDir(), ['funds']).funds).not.toBe(loadDatasets(bundledDataDir(), ['funds']).funds);
    expect(loadDatasets(bundledDataDir(), ['funds']).funds).toEqual(first.funds);
  });

  it('a folder layered over the bundled one: its files and the bundled ones read once, the layering noted each time', () => {
    const data = join(root, 'layered');
    copyDatasets(root, 'layered');
    // A row of the user's own (a key the bundled file lacks) and the bundled rows beside it.
    writeFileSync(join(data, 'fx.csv'), 'year,currency,per_usd,kind,source_id,notes\n2031,CNY,7.5,estimate,trendforce_2023_10,\n');
    const memo = newReadMemo();
    const loads = readingOnce(() => [loadDatasets(data), loadDatasets(data, ['fx']), loadDatasets(data)], memo);
    for (const l of loads) expect(l.layering?.added).toBe(1);
    expect(loads[1].fx).toBe(loads[0].fx);
    expect(loads[0].fx[0]).toMatchObject({ year: 2031, currency: 'CNY', per_usd: 7.5 });
    expect(readsIn(memo, data)).toEqual(Object.fromEntries(DATASET_FILES.map((f) => [f, 1])));
    expect(readsIn(memo, bundledDataDir())).toEqual(Object.fromEntries(DATASET_FILES.map((f) => [f, 1])));
  });

  it('the scenarios of a folder are checked once for the same records', () => {
    const dir = bundledDataDir();
    const memo = newReadMemo();
    const [a, b] = readingOnce(() => [loadScenariosWithData(join(dir, 'scenarios.csv'), dir), loadScenariosWithData(join(dir, 'scenarios.csv'), dir)], memo);
    expect(b.scenarios).toBe(a.scenarios);
    expect(memo.reads.get(join(dir, 'scenarios.csv'))).toBe(1);
  });
});

describe('commands read each file once', () => {
  it('report (seven analyses over one folder): every dataset file read once, the report written', async () => {
    const memo = newReadMemo();
    const out = join(root, 'report');
    const r = await readingOnce(() => semicap(['report', '--out', out, '--quiet']), memo);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const reads = readsIn(memo, join(ROOT, 'datasets'));
    expect(reads).toMatchObject(Object.fromEntries([...DATASET_FILES, 'scenarios.csv'].map((f) => [f, 1])));
    expect(Math.max(...memo.reads.values())).toBe(1);
  });

  it('report --data over a layered folder, and check (which validates, then loads): each file read once', async () => {
    const memo = newReadMemo();
    const r = await readingOnce(() => semicap(['report', '--out', join(root, 'report-mine'), '--data', 'examples/my-data', '--quiet']), memo);
    expect(r.code).toBe(0);
    expect(readsIn(memo, join(ROOT, 'examples/my-data'))).toEqual({ 'capacity_share.csv': 1, 'scenarios.csv': 1, 'sources.csv': 1 });
    expect(Math.max(...memo.reads.values())).toBe(1);
    const checked = newReadMemo();
    const c = await readingOnce(() => semicap(['check', 'docs/rules.example.csv', '--format', 'csv']), checked);
    expect(c.stderr).not.toContain('Error');
    expect(readsIn(checked, join(ROOT, 'datasets'))).toMatchObject(Object.fromEntries(DATASET_FILES.map((f) => [f, 1])));
    expect(Math.max(...checked.reads.values())).toBe(1);
  });
});
