// The forecast rows a batch writes as CSV text in its own thread (rows.ts renderRows) must be byte for byte what
// the CSV writer makes of the same rows decoded to cells (stream.ts streamCsv), whatever the ids and numbers.
import { describe, expect, it } from 'vitest';
import { decodeRows, encodeForecast, renderRows, rowWidth } from '../../src/app/forecast/rows.js';
import type { Forecast } from '../../src/forecast/types.js';
import { forecastColumns } from '../../src/report/views/forecast.js';
import type { CellValue, RenderedRows, Table } from '../../src/report/model.js';
import type { CsvRendering } from '../../src/app/forecast/rows.js';
import type { CsvWriteOptions } from '../../src/report/csv.js';
import { streamCsv } from '../../src/report/stream.js';

const levels = [80, 95];
const ids = ['plain', '=HYPERLINK("x")', 'a,b', ' padded ', '中国 "mainland"', '-3.5', '+cmd', 'tab\tid'];
const methodNames = ['theta', 'auto'];
const forecastOf = (s: number): Forecast => ({
  method: 'x',
  mean: [s * 1.1, -0, 1e21 + s, 0.1 + 0.2, -1.2345678901234567e-308, 5e-324],
  intervals: [
    { level: 80, lower: [NaN, -1, 2, 3.25, 1e-7, -0], upper: [1, 2, 3, 4, 5, 6].map((v) => v / 3 + s) },
    { level: 95, lower: [1, 2, 3, 4, 5, 6].map((v) => -v / 7), upper: [Number.MAX_VALUE, 2, 3, 4, 5, 6] },
  ],
});

/** The numbers of series 0 … ids.length-1, both methods, as a batch encodes them. */
function encoded(): { out: Float64Array; written: number } {
  const out = new Float64Array(ids.length * 2 * 6 * rowWidth(levels));
  let at = 0;
  for (let s = 0; s < ids.length; s++) for (let m = 0; m < 2; m++) at = encodeForecast(out, at, s, 2025, m, forecastOf(s), levels);
  return { out, written: at };
}

async function written(batch: CellValue[][] | RenderedRows, options: CsvWriteOptions): Promise<string> {
  async function* stream() {
    yield batch;
  }
  const table: Table = { name: 'forecast', columns: forecastColumns(levels), rows: [], stream: stream() };
  const pieces: string[] = [];
  await streamCsv(table, options, (t) => void pieces.push(typeof t === 'string' ? t : Buffer.from(t).toString('utf8')));
  return pieces.join('');
}

describe('renderRows', () => {
  const plain = { delimiter: ',', decimal: '.' } as const;
  for (const csv of [
    { neutralise: true, excel: false, ...plain },
    { neutralise: true, excel: true, ...plain },
    { neutralise: false, excel: false, ...plain },
    // A German Excel: semicolons and a decimal comma, with the formula guard after either delimiter.
    { neutralise: true, excel: true, delimiter: ';', decimal: ',' },
    { neutralise: true, excel: true, delimiter: '\t', decimal: '.' },
  ] satisfies CsvRendering[]) {
    it(`writes what the CSV writer writes for the decoded cells (${JSON.stringify(csv)})`, async () => {
      const { out, written: n } = encoded();
      const cells = decodeRows(out, n, levels, ids, methodNames);
      const bytes = renderRows(out, n, levels, (s) => ids[s], methodNames, csv);
      const text = Buffer.from(bytes).toString('utf8');
      const whole = await written(cells, csv);
      // The writer adds the header (and the BOM for Excel) before the rows.
      expect(whole.endsWith(text)).toBe(true);
      expect(whole.length - text.length).toBe(whole.indexOf(csv.excel ? '\r\n' : '\n') + (csv.excel ? 2 : 1));
      expect(text.split(csv.excel ? '\r\n' : '\n')).toHaveLength(cells.length + 1);
    });
  }
});

describe('renderRows on flat forecasts', () => {
  it('writes a number repeated from the row before (and 0 after -0, empty after empty) as the CSV writer does', async () => {
    const flat: Forecast = {
      method: 'x',
      mean: [976.7678020564517, 976.7678020564517, 976.7678020564517, 0, -0, 0],
      intervals: [
        { level: 80, lower: [NaN, NaN, 1.5, 1.5, 2, 2], upper: [3, 3, 3, 4, 4, 0.1 + 0.2] },
        { level: 95, lower: [-0, 0, -0, 5e-324, 5e-324, 1e21], upper: [1e21, 1e21, 7, 7, 7, 7] },
      ],
    };
    const out = new Float64Array(3 * 6 * rowWidth(levels));
    let at = 0;
    for (let s = 0; s < 3; s++) at = encodeForecast(out, at, s, 2025, 0, flat, levels);
    const csv = { neutralise: true, excel: false, delimiter: ',', decimal: '.' } as const;
    const text = Buffer.from(renderRows(out, at, levels, (s) => ids[s], methodNames, csv)).toString('utf8');
    const whole = await written(decodeRows(out, at, levels, ids, methodNames), csv);
    expect(whole.slice(whole.indexOf('\n') + 1)).toBe(text);
    expect(text.split('\n')[1]).toBe('plain,2026,theta,976.7678020564517,,3,0,1e+21');
  });
});

describe('streamCsv with rows already rendered', () => {
  const { out, written: n } = encoded();
  const cells = decodeRows(out, n, levels, ids, methodNames);
  const rendered = (options: { neutralise: boolean; excel: boolean; delimiter?: CsvRendering['delimiter']; decimal?: CsvRendering['decimal'] }): RenderedRows => {
    const csv: CsvRendering = { delimiter: ',', decimal: '.', ...options };
    return {
      csv: { bytes: renderRows(out, n, levels, (s) => ids[s], methodNames, csv), ...csv },
      cells: () => cells,
    };
  };

  it('writes the text as it is when it was rendered with the same options', async () => {
    const batch = rendered({ neutralise: true, excel: false });
    batch.cells = () => {
      throw new Error('cells were not needed');
    };
    expect(await written(batch, {})).toBe(await written(cells, {}));
  });

  it('writes the cells when the text was rendered with other options', async () => {
    expect(await written(rendered({ neutralise: false, excel: false }), { excel: true })).toBe(await written(cells, { excel: true }));
    expect(await written(rendered({ neutralise: true, excel: true }), { neutralise: false })).toBe(await written(cells, { neutralise: false }));
    expect(await written(rendered({ neutralise: true, excel: true }), { excel: true, delimiter: ';', decimal: ',' })).toBe(await written(cells, { excel: true, delimiter: ';', decimal: ',' }));
    expect(await written(rendered({ neutralise: true, excel: true, delimiter: ';', decimal: ',' }), { excel: true })).toBe(await written(cells, { excel: true }));
  });
});
