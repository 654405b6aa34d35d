// No prototype pollution: a `__proto__`/`constructor`/`prototype` header is refused (exit 65);
// the same words in cells are ordinary data; loading hostile files never changes Object.prototype.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { decodeUtf8, parseCsv } from '../../src/data/csv.js';
import { loadDatasets } from '../../src/data/datasets.js';
import { validateRows } from '../../src/data/schema.js';
import { capacityShareSchema, sourcesSchema } from '../../src/data/schemas.js';
import { readSeriesFile } from '../../src/data/series.js';
import { copyDatasets, removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-proto-');
afterAll(() => removeDir(root));

const HEADER = 'year,region,segment,share_pct,kind,source_id';
const polluted = () => (({}) as Record<string, unknown>).polluted;
const protoKeys = () => Object.getOwnPropertyNames(Object.prototype).sort();
const KEYS_BEFORE = protoKeys();

afterEach(() => {
  // Whatever a test loaded, plain objects are untouched.
  expect(polluted()).toBeUndefined();
  expect(protoKeys()).toEqual(KEYS_BEFORE);
});

describe('through the CLI', () => {
  for (const name of ['__proto__', 'constructor', 'prototype']) {
    it(`a '${name}' header is refused with exit 65`, async () => {
      const data = copyDatasets(root, `h-${name}`);
      const file = join(data, 'capacity_share.csv');
      writeFileSync(file, `${HEADER},${name}\n2023,china,mature,29,estimate,trendforce_2023_10,"{""polluted"":1}"\n`);
      const r = await semicap(['capacity', '--data', data]);
      expect(r.code).toBe(65);
      expect(r.stderr).toBe(`semicap: ${file}:1:7: column name '${name}' is not allowed; expected an ordinary name\n`);
    });
  }

  it('__proto__ and constructor in cells are data: listed as written', async () => {
    const data = copyDatasets(root, 'cells');
    const sources = join(data, 'sources.csv');
    writeFileSync(sources, readFileSync(sources, 'utf8').replace(/\n?$/, '\n') + 'constructor,__proto__,constructor,,2025,"{""polluted"":true}"\n');
    const r = await semicap(['datasets', '--data', data, '--sources', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const row = (JSON.parse(r.stdout) as { tables: { rows: Record<string, unknown>[] }[] }).tables[0].rows.find((x) => x.source_id === 'constructor')!;
    expect(row).toMatchObject({ source_id: 'constructor', publisher: '__proto__', title: 'constructor' });
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
  });

  it("a region named 'constructor' is an ordinary region", async () => {
    const data = copyDatasets(root, 'region');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER}\n2023,constructor,mature,20,estimate,trendforce_2023_12\n2027,constructor,mature,25,forecast,trendforce_2023_12\n`);
    const r = await semicap(['capacity', '--data', data, '--region', 'constructor', '--format', 'csv', '--method', 'linear']);
    expect(r.code, r.stderr).toBe(0);
    // The path, its point column, then its empirical band fields (empty between the anchors).
    expect(r.stdout.split('\n')[0]).toBe('year,trendforce_2023_12.linear,point,trendforce_2023_12.linear_lo80,trendforce_2023_12.linear_hi80,trendforce_2023_12.linear_lo95,trendforce_2023_12.linear_hi95');
    expect(r.stdout).toContain('\n2025,22.5,interpolated,,,,\n');
  });
});

describe('in the loader itself', () => {
  it('parseCsv refuses a __proto__ header before any record object is built', () => {
    expect(() => parseCsv('__proto__,b\n"{""polluted"":1}",2\n', 'x.csv')).toThrow(/x\.csv:1:1: column name '__proto__' is not allowed/);
    expect(() => parseCsv('a, constructor \n1,2\n', 'x.csv')).toThrow(/x\.csv:1:2: column name ' ?constructor ?' is not allowed/);
  });

  it('validated rows are null-prototype records; __proto__ as a value is a string', () => {
    const table = parseCsv(`${HEADER},notes\n2023,china,mature,29,estimate,trendforce_2023_10,__proto__\n`, 'x.csv');
    const { rows, problems } = validateRows(table, capacityShareSchema);
    expect(problems).toEqual([]);
    expect(Object.getPrototypeOf(rows[0])).toBeNull();
    expect(rows[0].notes).toBe('__proto__');
  });

  it('text cells named like prototype members stay text', () => {
    const table = parseCsv('source_id,publisher,title,url,published\nconstructor,__proto__,prototype,toString,hasOwnProperty\n', 's.csv');
    const { rows, problems } = validateRows(table, sourcesSchema);
    expect(problems).toEqual([]);
    expect({ ...rows[0] }).toEqual({ source_id: 'constructor', publisher: '__proto__', title: 'prototype', url: 'toString', published: 'hasOwnProperty', notes: null });
  });

  it('loadDatasets on a folder full of such values leaves Object.prototype alone', () => {
    const data = copyDatasets(root, 'load');
    writeFileSync(join(data, 'capacity_share.csv'), `${HEADER},notes\n2023,constructor,mature,29,estimate,trendforce_2023_10,__proto__\n`);
    const loaded = loadDatasets(data);
    expect(loaded.capacityShare[0]).toMatchObject({ region: 'constructor', notes: '__proto__' });
  });

  it('the streaming series reader: __proto__ header refused, __proto__ as a series id kept as data', async () => {
    const bad = join(root, 'series-bad.csv');
    writeFileSync(bad, 'id,year,__proto__\na,2020,1\n');
    await expect(readSeriesFile(bad, { columns: { id: 'id', time: 'year', value: '__proto__' } })).rejects.toMatchObject({ kind: 'data' });
    const good = join(root, 'series-good.csv');
    writeFileSync(good, 'id,year,value\n__proto__,2020,1\n__proto__,2021,2\nconstructor,2020,3\nconstructor,2021,4\ntoString,2020,5\ntoString,2021,6\n');
    const set = await readSeriesFile(good, { columns: { id: 'id', time: 'year', value: 'value' } });
    expect(set.series.map((s) => [s.id, s.values])).toEqual([
      ['__proto__', [1, 2]],
      ['constructor', [3, 4]],
      ['toString', [5, 6]],
    ]);
  });

  it('decodeUtf8 + parseCsv on JSON-looking cells builds no objects from them', () => {
    const text = decodeUtf8(Buffer.from('a,b\n"{""__proto__"":{""polluted"":1}}",2\n'), 'j.csv');
    const table = parseCsv(text, 'j.csv');
    expect(table.rows[0].cells).toEqual(['{"__proto__":{"polluted":1}}', '2']);
  });
});
