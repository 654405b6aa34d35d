// `npm run bench:csv`: the CSV writers side by side on the forecast's shape (id, year, method and five numbers
// per row, in batches of 1,000 rows as the stream hands them on): the hand-written cells of src/report/stream.ts
// against csv-stringify with the same dialect, for the streamed table and for a whole table (renderCsv). Seeded
// data; every variant's text is checked equal before timing; round-robin runs, median milliseconds.
//
//   npm run bench:csv                      600,000 rows, 7 rounds
//   npm run bench:csv -- --rows 100000 --rounds 5
import { stringify } from 'csv-stringify/sync';
import { csvCell, csvDialect, renderCsv, type CsvWriteOptions } from '../src/report/csv.js';
import type { CellValue, Column, Table } from '../src/report/model.js';
import { streamCsv } from '../src/report/stream.js';
import { Rng } from '../src/forecast/random.js';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const ROWS = arg('--rows', 600_000);
const ROUNDS = arg('--rounds', 7);
const BATCH = 1000;

const columns: Column[] = ['id', 'year', 'method', 'mean', 'lo80', 'hi80', 'lo95', 'hi95'].map((key) => ({ key, header: key }));
const rng = new Rng(13);
const rows: CellValue[][] = Array.from({ length: ROWS }, (_, i) => {
  const mean = rng.uniform() * 1e5;
  return [`series-${Math.floor(i / 6)}`, 2025 + (i % 6), 'theta', mean, mean * 0.9, mean * 1.1, mean * 0.8, mean * 1.2];
});
const batches: CellValue[][][] = [];
for (let i = 0; i < ROWS; i += BATCH) batches.push(rows.slice(i, i + BATCH));

/** The streamed table's text, batch by batch, written as stream.ts writes it. */
function byHand(options: CsvWriteOptions): string {
  const d = csvDialect(options);
  const parts = [d.bom + columns.map((c) => d.quote(c.key)).join(d.delimiter) + d.eol];
  for (const batch of batches) {
    let text = '';
    for (const cells of batch) {
      let line = csvCell(d, cells[0]);
      for (let i = 1; i < columns.length; i++) line += d.delimiter + csvCell(d, cells[i]);
      text += line + d.eol;
    }
    parts.push(text);
  }
  return parts.join('');
}

/** The same text from csv-stringify, one call per batch (the header with the first). */
function byLibrary(options: CsvWriteOptions): string {
  const d = csvDialect(options);
  const parts = batches.map((batch, b) =>
    stringify(batch, {
      columns: columns.map((c) => c.key),
      header: b === 0,
      bom: b === 0 && options.excel === true,
      delimiter: d.delimiter,
      record_delimiter: d.eol,
      quote_record_delimiter: true,
      quoted_match: /^\s|\s$/,
      cast: { string: (v, ctx) => (ctx.header ? v : d.text(v)), number: (v) => d.number(v), boolean: (v) => String(v) },
    }),
  );
  return parts.join('');
}

async function* produce(): AsyncGenerator<CellValue[][]> {
  for (const batch of batches) yield batch;
}

/** streamCsv itself, into a sink that keeps the pieces. */
async function streamed(options: CsvWriteOptions): Promise<string> {
  const pieces: string[] = [];
  await streamCsv({ name: 'forecast', columns, rows: [], stream: produce() }, options, (t) => void pieces.push(typeof t === 'string' ? t : Buffer.from(t).toString('utf8')));
  return pieces.join('');
}

const whole: Table = { name: 'forecast', columns, rows: rows.map((cells) => Object.fromEntries(columns.map((c, i) => [c.key, cells[i]]))) };
/** renderCsv (csv-stringify) against the hand-written cells over a whole table. */
const renderByHand = (options: CsvWriteOptions) => {
  const d = csvDialect(options);
  let text = d.bom + columns.map((c) => d.quote(c.key)).join(d.delimiter) + d.eol;
  for (const row of whole.rows) text += columns.map((c) => csvCell(d, row[c.key] ?? null)).join(d.delimiter) + d.eol;
  return text;
};

const variants: Record<string, (o: CsvWriteOptions) => string | Promise<string>> = {
  'stream: streamCsv (as shipped)': streamed,
  'stream: its cells, concatenated per batch': byHand,
  'stream: csv-stringify per batch': byLibrary,
  'whole table: hand-written cells': renderByHand,
  'whole table: renderCsv (csv-stringify)': (o) => renderCsv(whole, o),
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const options of [{}, { excel: true, delimiter: ';', decimal: ',' }] as CsvWriteOptions[]) {
  const texts = await Promise.all(Object.values(variants).map((f) => f(options)));
  if (texts.some((t) => t !== texts[0])) throw new Error(`the variants disagree for ${JSON.stringify(options)}`);
  // Wall time and CPU time (user + system) of this process: on a busy machine the CPU time is the steadier figure.
  const wall: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  const cpu: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, f] of Object.entries(variants)) {
      const start = process.hrtime.bigint();
      const used = process.cpuUsage();
      await f(options);
      const spent = process.cpuUsage(used);
      wall[name].push(Number(process.hrtime.bigint() - start) / 1e6);
      cpu[name].push((spent.user + spent.system) / 1e3);
    }
  }
  const base = median(cpu['stream: streamCsv (as shipped)']);
  console.log(`\n${ROWS.toLocaleString('en')} rows, ${(texts[0].length / 1e6).toFixed(1)} MB, options ${JSON.stringify(options)}; median of ${ROUNDS} rounds`);
  console.log(`  ${'variant'.padEnd(42)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)}  CPU ratio`);
  for (const name of Object.keys(variants)) {
    console.log(`  ${name.padEnd(42)} ${median(wall[name]).toFixed(0).padStart(8)} ${median(cpu[name]).toFixed(0).padStart(8)}  ${(median(cpu[name]) / base).toFixed(2)}×`);
  }
}
