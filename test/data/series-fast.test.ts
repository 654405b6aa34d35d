// The byte-level fast path of the long-CSV reader against csv-parse (the same function with reader: 'csv-parse'):
// identical series, rows, problems and errors (message, line, column) on the bad-input corpus and on random texts;
// gzip and plain input alike; shards that partition the ids exactly.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, rmSync } from 'node:fs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readSeriesTable, seriesAt, type ReadSeriesOptions } from '../../src/data/series.js';
import { Readable } from 'node:stream';
import { plainNumber, readFast, type FastSink } from '../../src/data/series-fast.js';
import { fnv1a32, parseShard, shardOfId } from '../../src/data/shard.js';

const dir = mkdtempSync(join(tmpdir(), 'semicap-fast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const write = (bytes: string | Buffer, ext = '.csv') => {
  const p = join(dir, `f${fileNo++}${ext}`);
  writeFileSync(p, bytes);
  return p;
};

const COLUMNS = { id: 'id', time: 'year', value: 'value' };
/** Bytes per read in the tests of read boundaries: small files then take many reads (the default read is 1 MiB). */
const READ_CHUNK = 4096;
/**
 * Storage chunks of 2^10 rows where the chunk size is not the point: one chunk holds a small file, as with the
 * default of 2^20 rows, without allocating 10 MB of shared memory for each read (most of a small read's time).
 */
const ONE_CHUNK = 10;

/** Everything a reader gives, in plain data: each series built (or why not), or the error's kind and message. */
async function outcome(path: string, options: ReadSeriesOptions): Promise<unknown> {
  try {
    const t = await readSeriesTable(path, options);
    const series = t.ids.map((_, n) => seriesAt(t, n));
    return { rows: t.rows, ids: t.ids, problems: t.problems, series, start: Array.from(t.grouped.start) };
  } catch (e) {
    return { error: (e as { kind?: string }).kind ?? 'not a semicap error', message: (e as Error).message };
  }
}

async function bothReaders(path: string, options: Omit<ReadSeriesOptions, 'reader'>): Promise<[unknown, unknown]> {
  return [await outcome(path, { ...options, reader: 'auto' }), await outcome(path, { ...options, reader: 'csv-parse' })];
}

describe('fast reader against csv-parse', () => {
  it('gives the same result on every file of the bad-input corpus, with each column choice', async () => {
    const corpus = join(__dirname, '../fixtures/bad');
    const files = readdirSync(corpus).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThan(40);
    let fast = 0;
    for (const f of files) {
      const path = join(corpus, f);
      const header = readFileSync(path, 'utf8').split(/\r?\n/)[0].replace(/^\uFEFF/, '').split(',');
      // The corpus's own columns (year and a value column) as well as the usual id,year,value.
      const valueColumn = header.find((h) => /value|share|rate|amount/.test(h)) ?? 'value';
      for (const options of [{ columns: COLUMNS, chunkBits: ONE_CHUNK }, { columns: { id: header[1] === 'region' ? 'region' : undefined, time: 'year', value: valueColumn }, chunkBits: ONE_CHUNK }]) {
        const [a, b] = await bothReaders(path, options);
        expect(a, `${f} ${JSON.stringify(options)}`).toEqual(b);
        if (!('error' in (a as object))) fast++;
      }
    }
    expect(fast).toBeGreaterThan(5);
  });

  it('reads a file larger than one read, lines crossing read boundaries, series in blocks and interleaved', async () => {
    // 1,500 series of 4 rows: about 36 reads of 4 KiB and 6 storage chunks of 1,024 rows.
    const SERIES = 1_500;
    const lines = ['id,year,value'];
    for (let s = 0; s < SERIES; s++) for (let y = 0; y < 4; y++) lines.push(`series-${(s * 7919) % SERIES},${2000 + y},${(s * 0.37 + y).toFixed(3)}`);
    lines.push('series-5,2004,bad', 'series-6,18000,1', 'series-5,2010,1');
    const path = write(lines.join('\n') + '\n');
    const [a, b] = await bothReaders(path, { columns: COLUMNS, chunkBits: 10, readChunk: READ_CHUNK });
    expect(a).toEqual(b);
    const r = a as { ids: string[]; problems: (string | undefined)[]; rows: number };
    expect(r.ids).toHaveLength(SERIES);
    expect(r.rows).toBe(4 * SERIES + 3);
    const problems = r.problems.filter((p) => p !== undefined);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(`${path}:${4 * SERIES + 2}:3: value 'bad' is not a number; expected a number`);
    expect(problems[1]).toMatch(new RegExp(`^${path}:${4 * SERIES + 3}:2: .*18000.*whole year`));
  });

  it('reads a CRLF file larger than one read as csv-parse does, lines crossing read boundaries', async () => {
    // 1,000 series of 4 rows: about 25 reads of 4 KiB and 4 storage chunks of 1,024 rows.
    const SERIES = 1_000;
    const lines = ['id,year,value'];
    for (let s = 0; s < SERIES; s++) for (let y = 0; y < 4; y++) lines.push(`series-${s},${2000 + y},${(s * 0.37 + y).toFixed(3)}`);
    lines.push('series-5,2004,bad', '', 'series-6,18000,1');
    const path = write(lines.join('\r\n') + '\r\n');
    const [a, b] = await bothReaders(path, { columns: COLUMNS, chunkBits: 10, readChunk: READ_CHUNK });
    expect(a).toEqual(b);
    const r = a as { ids: string[]; problems: (string | undefined)[] };
    expect(r.ids).toHaveLength(SERIES);
    expect(r.problems.filter((p) => p !== undefined)).toEqual([`${path}:${4 * SERIES + 2}:3: value 'bad' is not a number; expected a number`, expect.stringMatching(new RegExp(`^${path}:${4 * SERIES + 4}:2: `))]);
    // Taken by the fast path: the same rows through readFast alone.
    let rows = 0;
    const sink: FastSink = { header: () => ({ id: 0, time: 1, value: 2 }), seriesOf: () => 0, spoiled: () => false, row: () => void rows++, problem: () => undefined };
    expect(await readFast(Readable.from([readFileSync(path)]), { delimiter: ',', timeName: 'year', valueName: 'value' }, sink)).toBe(4 * SERIES + 2);
  });

  it('hands a file to csv-parse when something unusual comes after more than one read of plain rows, with the same result', async () => {
    // 1,000 plain rows: more than three reads of 4 KiB before the unusual line.
    const plain = Array.from({ length: 1_000 }, (_, r) => `p${r >> 2},${2000 + (r & 3)},${r}`).join('\n');
    expect(plain.length).toBeGreaterThan(3 * READ_CHUNK);
    for (const tail of ['"quoted id",2020,1', 'ünï,2020,1', 'crlf,2020,1\r', 'wide,2020,1,extra', 'x,2020,"unclosed']) {
      const path = write(`id,year,value\n${plain}\n${tail}\nlast,2020,5\n`);
      const [a, b] = await bothReaders(path, { columns: COLUMNS, readChunk: READ_CHUNK });
      expect(a, tail).toEqual(b);
    }
    // The same in a CRLF file: a LF without its CR, a CR alone.
    for (const tail of ['bare,2020,1\nlf,2021,2', 'lone,20\r21,1']) {
      const path = write(`id,year,value\r\n${plain.replace(/\n/g, '\r\n')}\r\n${tail}\r\nlast,2020,5\r\n`);
      const [a, b] = await bothReaders(path, { columns: COLUMNS, readChunk: READ_CHUNK });
      expect(a, tail).toEqual(b);
    }
  });

  // Random texts from CSV-like pieces: mostly what the fast path reads, with everything it hands to csv-parse mixed
  // in (quotes, CR, a BOM, non-ASCII bytes, NUL, wrong widths, blank lines and cells, odd numbers, long digits).
  const idArb = fc.oneof({ weight: 30, arbitrary: fc.constantFrom('a', 'b', ' b', 'b ', 'c', '__proto__', 'x y', '', 'z\t') }, { weight: 1, arbitrary: fc.constantFrom('é', '"q"', 'a"b') });
  const yearArb = fc.oneof(fc.integer({ min: 1895, max: 2205 }).map(String), fc.constantFrom('20x1', ' 2020', '2020 ', '', '02020', '999', '1e3', '२०२०'));
  const valueArb = fc.oneof(
    fc.double({ noNaN: true, noDefaultInfinity: true }).map(String),
    fc.integer({ min: -1e6, max: 1e6 }).map((n) => (n / 1000).toString()),
    fc.constantFrom('1.', '.5', '-0', '+3', '1e5', '1E-3', '1e400', '-1e-400', '12345678901234567', '0.1234567890123456789', 'NA', '', ' 7', '1,5', '3%', '0x10', '1e', '.', '-', 'Infinity', '1e+22', '1e23', '9007199254740993'),
  );
  const rowArb = fc.oneof(
    { weight: 40, arbitrary: fc.tuple(idArb, yearArb, valueArb).map(([i, y, v]) => `${i},${y},${v}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', ' ', ',,', ' , ,', 'a,2020', 'a,2020,1,2', '"a",2020,1', '"a\nb",2020,1', 'a,2020,1\r', '\u00e9,2020,1', 'a,2020,\u0000', 'a,2020,1\nb,2021,2', 'a,2020,1\r\nb,2021,2', '\r', 'a,20\r20,1'),
    },
  );
  const textArb = fc.record({
    header: fc.constantFrom('id,year,value', 'year,id,value', 'id,value,year,notes', '\uFEFFid,year,value', 'id;year;value', 'id,year', 'id,year,value,value', ''),
    rows: fc.array(rowArb, { maxLength: 40 }),
    eol: fc.constantFrom('\n', '\n', '\r\n', '\r\n'),
    finalEol: fc.boolean(),
  });

  it('gives identical rows, problems and errors on random texts (seeded property, 400 runs)', async () => {
    let accepted = 0;
    let crlfFast = 0;
    const countingSink: FastSink = { header: () => ({ id: 0, time: 1, value: 2 }), seriesOf: () => 0, spoiled: () => false, row: () => undefined, problem: () => undefined };
    await fc.assert(
      // Reads of 16 bytes to 4 KiB (the default, 1 MiB, allocates more than the reading costs): lines, CRLFs and
      // characters cut between reads.
      fc.asyncProperty(textArb, fc.constantFrom(ONE_CHUNK, 1, 2), fc.constantFrom(undefined, '0/2', '1/3'), fc.constantFrom(16, 61, 4096), async (t, chunkBits, shard, readChunk) => {
        const header = t.header;
        const rows = header.includes('notes') ? t.rows.map((r) => (r.split(',').length === 3 ? `${r},n` : r)) : t.rows;
        const text = [header, ...rows].join(t.eol) + (t.finalEol ? t.eol : '');
        const path = write(text);
        const options = { columns: COLUMNS, chunkBits, readChunk, shard: shard === undefined ? undefined : parseShard(shard) };
        const [a, b] = await bothReaders(path, options);
        expect(a).toEqual(b);
        if (!('error' in (a as object))) accepted++;
        if (t.eol === '\r\n' && (await readFast(Readable.from([Buffer.from(text)]), { delimiter: ',', timeName: 'year', valueName: 'value' }, countingSink)) >= 0) crlfFast++;
      }),
      { seed: 15_001, numRuns: 400 },
    );
    // Enough texts are read through (not only refused), so rows and problems are compared too; CRLF ones by the fast path.
    expect(accepted).toBeGreaterThan(100);
    expect(crlfFast).toBeGreaterThan(30);
  });

  it('reads UTF-8 ids itself and gives up on what it leaves to csv-parse', async () => {
    const run = async (bytes: Buffer) => {
      const got: string[] = [];
      const ids: string[] = [];
      const sink: FastSink = {
        header: () => ({ id: 0, time: 1, value: 2 }),
        seriesOf: (b, s, e) => ids.push(b.toString('utf8', s, e).trim()) - 1,
        spoiled: () => false,
        row: (n, y, v) => void got.push(`${ids[n]} ${y} ${v}`),
        problem: (n, line, column, message) => void got.push(`${ids[n]} ${line}:${column} ${message}`),
      };
      const rows = await readFast(Readable.from([bytes]), { delimiter: ',', timeName: 'year', valueName: 'value' }, sink);
      return { rows, got };
    };
    expect(await run(Buffer.from('id,year,value\n中国大陆,2020,29\n中国大陆,2021,x\n 台湾 ,2020,1.5\n'))).toEqual({
      rows: 3,
      got: ['中国大陆 2020 29', "中国大陆 3:3 value 'x' is not a number; expected a number", '台湾 2020 1.5'],
    });
    // CRLF line ends, as the first line has them.
    expect(await run(Buffer.from('id,year,value\r\na,2020,1\r\n\r\na,2021,x\r\nb,2020,2'))).toEqual({ rows: 3, got: ['a 2020 1', "a 4:3 value 'x' is not a number; expected a number", 'b 2020 2'] });
    for (const text of [
      '\uFEFFid,year,value\na,2020,1\n',
      'id,year,value\n"a",2020,1\n',
      'id,year,value\na,2020\n',
      'id,year,value\na,2020,1,2\n',
      // A CR in an LF file, a LF without its CR in a CRLF file, a CR not before a LF, a CR at the very end.
      'id,year,value\na,2020,1\r\n',
      'id,year,value\r\na,2020,1\n',
      'id,year,value\r\na,20\r20,1\r\n',
      'id,year,value\r\na,2020,1\r',
    ]) {
      expect((await run(Buffer.from(text))).rows, JSON.stringify(text)).toBe(-1);
    }
    expect((await run(Buffer.from([...Buffer.from('id,year,value\n'), 0xc3, 0x28, ...Buffer.from(',2020,1\n')]))).rows).toBe(-1);
  });

  it('parses plain numbers to the same double as Number() (seeded property)', () => {
    const digits = fc.string({ unit: fc.constantFrom('0', '1', '2', '5', '7', '9'), minLength: 1, maxLength: 18 });
    const numberText = fc.tuple(fc.constantFrom('', '+', '-'), digits, fc.option(fc.string({ unit: fc.constantFrom('0', '3', '9'), maxLength: 17 })), fc.option(fc.integer({ min: -30, max: 30 }))).map(
      ([sign, int, frac, exp]) => `${sign}${int}${frac === null ? '' : `.${frac}`}${exp === null ? '' : `e${exp}`}`,
    );
    fc.assert(
      fc.property(fc.oneof(numberText, fc.double({ noNaN: true }).map(String)), (text) => {
        const bytes = Buffer.from(text, 'latin1');
        const v = plainNumber(bytes, 0, bytes.length);
        if (!Number.isNaN(v)) expect(Object.is(v, Number(text) === 0 ? 0 : Number(text)), text).toBe(true);
      }),
      // 5,000 runs: a one-off mutant of each check (the 15-digit limit, the -0 case, a division that is not one exact
      // operation) fails within the first 1,400 runs of this seed.
      { seed: 15_002, numRuns: 5_000 },
    );
    const b = (s: string) => plainNumber(Buffer.from(s), 0, s.length);
    expect([b('1.'), b('.5'), b('-0'), b('+3'), b('1e5'), b('123.456'), b('0.1')]).toEqual([1, 0.5, 0, 3, 100000, 123.456, 0.1]);
    expect([b(''), b('.'), b('-'), b('1e'), b('1,5'), b(' 1'), b('1234567890123456'), b('1e23')].every(Number.isNaN)).toBe(true);
  });
});

describe('gzip input', () => {
  it('reads a .csv.gz exactly as the plain file, errors and their lines included', async () => {
    const text = 'id,year,value\na,2020,1\na,2021,2\nb,2020,x\nc,2020,"3"\nc,2021,4\n';
    const plain = write(text);
    const gz = write(gzipSync(text), '.csv.gz');
    const strip = (o: unknown, p: string) => JSON.parse(JSON.stringify(o).split(p).join('FILE'));
    expect(strip(await outcome(gz, { columns: COLUMNS }), gz)).toEqual(strip(await outcome(plain, { columns: COLUMNS }), plain));
    const bad = 'id,year,value\na,2020,1\na,2021\n';
    expect(await outcome(write(gzipSync(bad), '.csv.gz'), { columns: COLUMNS })).toMatchObject({ error: 'data', message: expect.stringMatching(/:3: has 2 fields, expected 3 like the header/) });
  });

  it('refuses a truncated gzip file as bad data', async () => {
    const gz = gzipSync('id,year,value\n' + 'a,2020,1\n'.repeat(1000));
    const path = write(gz.subarray(0, gz.length - 20), '.csv.gz');
    expect(await outcome(path, { columns: COLUMNS })).toEqual({ error: 'data', message: `${path}: is not a complete gzip stream (unexpected end of file); expected a file compressed with gzip` });
  });
});

describe('shards', () => {
  it('hashes ids with FNV-1a 32-bit of their UTF-8 bytes (published test vectors)', () => {
    expect(fnv1a32(Buffer.from(''))).toBe(0x811c9dc5);
    expect(fnv1a32(Buffer.from('a'))).toBe(0xe40c292c);
    expect(fnv1a32(Buffer.from('foobar'))).toBe(0xbf9cf968);
    expect(shardOfId('foobar', 4)).toBe(0xbf9cf968 % 4);
  });

  it('partitions the ids exactly: every series in one shard, none twice, same rows', async () => {
    const lines = ['id,year,value'];
    for (let s = 0; s < 500; s++) for (let y = 0; y < 3; y++) lines.push(`${s % 7 === 0 ? 'ü' : 'id'}${s},${2000 + y},${s + y}`);
    const path = write(lines.join('\n') + '\n');
    const whole = (await outcome(path, { columns: COLUMNS })) as { ids: string[]; series: unknown[] };
    for (const n of [1, 3, 8]) {
      const got = new Map<string, unknown>();
      for (let k = 0; k < n; k++) {
        const part = (await outcome(path, { columns: COLUMNS, shard: { index: k, count: n } })) as { ids: string[]; series: unknown[] };
        part.ids.forEach((id, i) => {
          expect(got.has(id), id).toBe(false);
          expect(shardOfId(id, n)).toBe(k);
          got.set(id, part.series[i]);
        });
      }
      expect([...got.keys()].sort()).toEqual([...whole.ids].sort());
      whole.ids.forEach((id, i) => expect(got.get(id)).toEqual(whole.series[i]));
    }
  });

  it('validates K/N as a usage error', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard('3/4')).toEqual({ index: 3, count: 4 });
    for (const bad of ['4/4', '1/0', '-1/4', 'a/4', '1', '1/2/3', '']) expect(() => parseShard(bad), bad).toThrow(expect.objectContaining({ kind: 'usage' }));
  });
});
