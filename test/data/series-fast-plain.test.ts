// The one-pass read of the usual record (series-fast.ts plainRecord) against csv-parse: random files made mostly of
// plain rows, in which ids start with the previous id's bytes, years repeat (so most are already known good) or
// are bad, values are plain or not, columns come in any order, lines end in LF or CRLF (and now and then in the other); plus a file read from
// the file itself (ByteReader) and from a stream, each read both ways. Same rows, problems, lines and columns.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openInput } from '../../src/data/input.js';
import { readFast, type FastSink } from '../../src/data/series-fast.js';
import { readSeriesTable, seriesAt, type ReadSeriesOptions } from '../../src/data/series.js';

const dir = mkdtempSync(join(tmpdir(), 'semicap-plain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;
const write = (text: string) => {
  const p = join(dir, `p${fileNo++}.csv`);
  writeFileSync(p, text);
  return p;
};

async function outcome(path: string, options: ReadSeriesOptions): Promise<unknown> {
  try {
    const t = await readSeriesTable(path, options);
    return { rows: t.rows, ids: t.ids, problems: t.problems, series: t.ids.map((_, n) => seriesAt(t, n)), start: Array.from(t.grouped.start) };
  } catch (e) {
    return { error: (e as { kind?: string }).kind ?? 'not a semicap error', message: (e as Error).message };
  }
}

/** Rows the fast path stores from these bytes (-1: it gives the file to csv-parse). */
async function fastRows(source: Readable | ReturnType<NonNullable<ReturnType<typeof openInput>['bytes']>>): Promise<number> {
  let stored = 0;
  const sink: FastSink = { header: () => ({ id: 0, time: 1, value: 2 }), seriesOf: () => 0, spoiled: () => false, row: () => void stored++, problem: () => undefined };
  const records = await readFast(source, { delimiter: ',', timeName: 'year', valueName: 'value' }, sink);
  return records < 0 ? -1 : stored;
}

describe('the one-pass read of plain records', () => {
  // Ids that are prefixes of one another (the previous id's bytes followed by more), empty, spaced, non-ASCII.
  const idArb = fc.constantFrom('a', 'a', 'ab', 'abc', 'b', 'ba', '', ' a', 'a ', 'é', 'éa');
  // Mostly a few years (known good after their first row), sometimes a bad or unusual one.
  const yearArb = fc.oneof({ weight: 20, arbitrary: fc.constantFrom('2020', '2021', '2022', '1999') }, { weight: 1, arbitrary: fc.constantFrom('18000', '202', '20x1', ' 2020', '2020 ', '', '0999', '9999', '0000') });
  const valueArb = fc.oneof(
    { weight: 10, arbitrary: fc.integer({ min: -1e6, max: 1e6 }).map((n) => (n / 1000).toString()) },
    { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('1e5', '+3', '-0', '1.', '.5', '1e', 'e5', '1-2', '1.2.3', '', 'NA', ' 7', '7 ', '12345678901234567', 'Infinity', '1e400', '3e-', '--1') },
  );
  const layoutArb = fc.constantFrom<{ header: string; order: string[] }>(
    { header: 'id,year,value', order: ['id', 'year', 'value'] },
    { header: 'value,id,year', order: ['value', 'id', 'year'] },
    { header: 'year,value,id,notes', order: ['year', 'value', 'id', 'notes'] },
    { header: 'year,value', order: ['year', 'value'] },
  );
  const fileArb = fc.record({
    layout: layoutArb,
    // null: a blank line; a string: a line written as it is (a stray CR or LF, a wrong width, a quote).
    rows: fc.array(fc.oneof({ weight: 30, arbitrary: fc.tuple(idArb, yearArb, valueArb) }, { weight: 1, arbitrary: fc.constantFrom(null, 'a,2020,1\r', 'a,2020,1\rab,2021,2', 'a,2020,1\nab,2021,2', 'a,2020\r,1', 'a,2020,1,2', 'a,2020', '"a",2020,1') }), { maxLength: 60 }),
    eol: fc.constantFrom('\n', '\r\n'),
    finalEol: fc.boolean(),
  });

  it('gives the rows, problems, lines and columns csv-parse gives (seeded property, 300 runs)', async () => {
    let readFastPath = 0;
    await fc.assert(
      fc.asyncProperty(fileArb, fc.constantFrom(16, 61, 4096), async (f, readChunk) => {
        const cells = { notes: 'n' } as Record<string, string>;
        const lines = f.rows.map((r) => (r === null ? '' : typeof r === 'string' ? r : f.layout.order.map((c) => (c === 'id' ? r[0] : c === 'year' ? r[1] : c === 'value' ? r[2] : cells[c])).join(',')));
        const text = [f.layout.header, ...lines].join(f.eol) + (f.finalEol ? f.eol : '');
        const path = write(text);
        const columns = f.layout.order.includes('id') ? { id: 'id', time: 'year', value: 'value' } : { time: 'year', value: 'value' };
        const options = { columns, chunkBits: 10, readChunk };
        const fast = await outcome(path, { ...options, reader: 'auto' });
        expect(fast).toEqual(await outcome(path, { ...options, reader: 'csv-parse' }));
        if (f.layout.header === 'id,year,value' && (await fastRows(Readable.from([Buffer.from(text)]))) >= 0) readFastPath++;
      }),
      { seed: 15_013, numRuns: 300 },
    );
    // Most files of the usual layout are read by the fast path itself, not handed to csv-parse.
    expect(readFastPath).toBeGreaterThan(30);
  });

  it('reads a file the same from the file itself and from a stream, a read at a time of any size', async () => {
    const lines = ['id,year,value'];
    for (let s = 0; s < 300; s++) for (let y = 0; y < 5; y++) lines.push(`s${s},${2000 + y},${(s * 1.25 + y / 8).toFixed(3)}`);
    const text = `${lines.join('\n')}\n`;
    const path = write(text);
    // The first 100 rows (20 series), for the stream read a byte or 7 at a time: each of its lines is cut at every
    // offset there, as in the whole file, where 1,500 rows would cost 22,000 file reads of one byte.
    const head = write(`${lines.slice(0, 101).join('\n')}\n`);
    for (const readChunk of [1, 7, 64, 4096, 1 << 20]) {
      const input = openInput(path, readChunk);
      expect(input.bytes, 'a plain file offers its bytes').toBeDefined();
      expect(await fastRows(input.bytes!())).toBe(1500);
      if (readChunk >= 64) expect(await fastRows(input.open())).toBe(1500);
      else expect(await fastRows(openInput(head, readChunk).open())).toBe(100);
    }
    expect(await fastRows(Readable.from([Buffer.from(readFileSync(path))]))).toBe(1500);
  });
});
