// The data layer's layering of a user's folder over the bundled datasets: the user's rows first and winning on
// the same key, the bundled rest after them, conflicts listed, missing files taken from the bundled folder.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFolder, loadDatasets } from '../../src/data/datasets.js';

const dir = mkdtempSync(join(tmpdir(), 'semicap-layer-unit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkFolder on a user folder', () => {
  writeFileSync(join(dir, 'fx.csv'), 'year,currency,per_usd,kind,source_id\n2030,CNY,7.5,estimate,reuters_2024_05\n2024,CNY,7.1957,actual,fred_aexchus_copy\n2023,CNY,7.1,estimate,reuters_2024_05\n');

  it('layers only the files the folder holds and counts replaced, added and conflicting rows', () => {
    const folder = checkFolder(dir, ['fx']);
    expect(folder.problems).toEqual([]);
    expect(folder.layering).toMatchObject({ yours: ['fx.csv'], bundled: ['sources.csv'], added: 1, replaced: 2 });
    // 2024 is the same row as the bundled one; 2023 differs in rate, kind and source.
    expect(folder.layering!.conflicts).toEqual([
      {
        file: join(dir, 'fx.csv'),
        line: 4,
        key: 'year=2023 currency=CNY',
        columns: [
          { name: 'per_usd', yours: '7.1', bundled: '7.0809' },
          { name: 'kind', yours: 'estimate', bundled: 'actual' },
          { name: 'source_id', yours: 'reuters_2024_05', bundled: 'frb_g5a_2024_02' },
        ],
      },
    ]);
  });

  it("loads the user's rows first, then the bundled ones the user has no key for", () => {
    const data = loadDatasets(dir, ['fx']);
    expect(data.fx.slice(0, 3).map((r) => [r.year, r.per_usd])).toEqual([
      [2030, 7.5],
      [2024, 7.1957],
      [2023, 7.1],
    ]);
    expect(data.fx.map((r) => r.year).sort()).toEqual([2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2030]);
    expect(data.layering?.dir).toBe(dir);
  });

  it('the bundled folder itself is not layered', () => {
    expect(checkFolder(join(__dirname, '../../datasets'), ['fx']).layering).toBeUndefined();
  });
});
