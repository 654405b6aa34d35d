// Streamed tables (Table.stream) must come out byte for byte as the whole-table renderers write the same rows.
import { describe, expect, it } from 'vitest';
import { renderCsv, type CsvWriteOptions } from '../../src/report/csv.js';
import { renderJson } from '../../src/report/json.js';
import type { CellValue, Column, Report, Table } from '../../src/report/model.js';
import { collectStreams, streamCsv, streamJson, type TextSink } from '../../src/report/stream.js';

const columns: Column[] = [
  { key: 'id', header: 'id' },
  { key: 'year', header: 'year', type: 'int' },
  { key: 'mean', header: 'mean', type: 'number' },
  { key: 'lo80', header: 'lo 80', type: 'number' },
];
const batches: CellValue[][][] = [
  [
    ['=HYPERLINK("x")', 2024, -3.5, null],
    ['a,b', 2025, 1e21, Infinity],
  ],
  [],
  [
    ['中国 "mainland"', 2026, -0, 0.1 + 0.2],
    ['p;q,\t=r\nline', 2027, 1.5, -2.25],
  ],
];

async function* produce(parts: CellValue[][][]): AsyncGenerator<CellValue[][]> {
  for (const part of parts) yield part;
}

const asRows = (parts: CellValue[][][]) => parts.flat().map((cells) => Object.fromEntries(columns.map((c, i) => [c.key, cells[i]])));

function streamed(parts: CellValue[][][], before: Table['rows'] = []): Table {
  return { name: 'forecast', title: 'Forecast', columns, rows: before, stream: produce(parts) };
}

async function collectText(write: (sink: TextSink) => Promise<void>): Promise<{ text: string; pieces: number }> {
  const pieces: string[] = [];
  await write((t) => void pieces.push(typeof t === 'string' ? t : Buffer.from(t).toString('utf8')));
  return { text: pieces.join(''), pieces: pieces.length };
}

describe('streamCsv', () => {
  for (const options of [{}, { excel: true }, { neutralise: false }, { excel: true, delimiter: ';', decimal: ',' }, { excel: true, delimiter: '\t', decimal: ',' }] as CsvWriteOptions[]) {
    it(`writes what renderCsv writes for the same rows (${JSON.stringify(options)})`, async () => {
      const whole: Table = { name: 'forecast', columns, rows: asRows(batches) };
      const { text } = await collectText((sink) => streamCsv(streamed(batches), options, sink));
      expect(text).toBe(renderCsv(whole, options));
    });
  }

  it('writes the rows held before the streamed ones first', async () => {
    const first = [{ id: 'history', year: 2020, mean: 1, lo80: null }];
    const { text } = await collectText((sink) => streamCsv(streamed(batches, first), {}, sink));
    expect(text).toBe(renderCsv({ name: 'f', columns, rows: [...first, ...asRows(batches)] }));
  });

  it('writes nothing before the first row, so a stream that fails before it leaves no output', async () => {
    async function* failing(): AsyncGenerator<CellValue[][]> {
      yield [];
      throw new Error('no series could be forecast');
    }
    const pieces: (string | Uint8Array)[] = [];
    await expect(streamCsv({ name: 'f', columns, rows: [], stream: failing() }, {}, (t) => void pieces.push(t))).rejects.toThrow('no series');
    expect(pieces).toEqual([]);
  });

  it('hands large output on in pieces of about a megabyte, not row by row or all at once', async () => {
    const many = Array.from({ length: 40 }, (_, b) => Array.from({ length: 1000 }, (_, r): CellValue[] => [`series-${b}-${r}`, 2024, Math.PI * r, Math.E * b]));
    const { text, pieces } = await collectText((sink) => streamCsv(streamed(many), {}, sink));
    expect(text).toBe(renderCsv({ name: 'f', columns, rows: asRows(many) }));
    expect(text.length).toBeGreaterThan(1.5e6);
    expect(pieces).toBeGreaterThanOrEqual(2);
    expect(pieces).toBeLessThanOrEqual(Math.ceil(text.length / (1 << 20)) + 1);
  });
});

describe('streamJson', () => {
  const report = (table: Table, notes: string[] = []): Report => ({ command: 'forecast', tables: [table], notes, warnings: [] });

  it('writes what renderJson writes, with the notes the command completed at the end', async () => {
    const notes: string[] = [];
    const r = report(streamed(batches), notes);
    const { text } = await collectText((sink) =>
      streamJson(r, '9.9.9', sink, () => {
        notes.push('3 series read');
        return r;
      }),
    );
    expect(text).toBe(renderJson(report({ name: 'forecast', title: 'Forecast', columns, rows: asRows(batches) }, ['3 series read']), '9.9.9'));
    expect(JSON.parse(text).tables[0].rows[1].lo80).toBeNull();
  });

  it('with rows held before the streamed ones, and with no rows at all', async () => {
    const first = [{ id: 'history', year: 2020, mean: 1, lo80: null }];
    const both = await collectText((sink) => streamJson(report(streamed(batches, first)), '1', sink));
    expect(both.text).toBe(renderJson(report({ name: 'forecast', title: 'Forecast', columns, rows: [...first, ...asRows(batches)] }), '1'));
    const none = await collectText((sink) => streamJson(report(streamed([[], []])), '1', sink));
    expect(none.text).toBe(renderJson(report({ name: 'forecast', title: 'Forecast', columns, rows: [] }), '1'));
  });
});

describe('collectStreams', () => {
  it('turns a streamed table into one with every row, in order, and leaves other reports alone', async () => {
    const other: Table = { name: 'other', columns, rows: [{ id: 'x', year: 1, mean: 2, lo80: 3 }] };
    const r: Report = { command: 'forecast', tables: [other, streamed(batches)], notes: [], warnings: [] };
    const collected = await collectStreams(r);
    expect(collected.tables[0]).toBe(other);
    expect(collected.tables[1].stream).toBeUndefined();
    expect(collected.tables[1].rows.map((row) => ({ ...row }))).toEqual(asRows(batches));
    const plain: Report = { command: 'x', tables: [other], notes: [], warnings: [] };
    expect(await collectStreams(plain)).toBe(plain);
  });
});
