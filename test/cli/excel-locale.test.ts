// CSV for the Excel of a locale: --locale, or --excel with --delimiter and --decimal, on every command that writes
// CSV (tables, the streamed forecast, report folders). Each CSV cell is checked against the same run's JSON, whose
// numbers are typed: a number must come out in full precision with the locale's decimal mark.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../src/report/csv.js';
import { copyDatasets, removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-locale-');
afterAll(() => removeDir(root));

type Json = { tables: { name: string; columns: { key: string }[]; rows: Record<string, string | number | boolean | null>[] }[] };

/** Checks Excel CSV bytes: BOM, records ended by CRLF (a bare LF would break the record count), each cell what the JSON holds. */
function expectDialect(csv: string, json: Json, table: string, delimiter: string, decimal: string): void {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  const t = json.tables.find((x) => x.name === table)!;
  const records = parse(csv, { bom: true, delimiter, record_delimiter: '\r\n' }) as string[][];
  expect(records[0]).toEqual(t.columns.map((c) => c.key));
  expect(records.length - 1).toBe(t.rows.length);
  let numbers = 0;
  // Every cell compared, the differences collected: one expect per file (an expect per cell was most of this file's time).
  const wrong: string[] = [];
  t.rows.forEach((row, i) =>
    t.columns.forEach((c, j) => {
      const v = row[c.key];
      const want = typeof v === 'number' ? String(v).replace('.', decimal) : v === null ? '' : typeof v === 'string' ? neutraliseCell(v, true, delimiter as ';') : String(v);
      if (typeof v === 'number') numbers++;
      if (records[i + 1][j] !== want) wrong.push(`${table} row ${i + 1} ${c.key}: ${JSON.stringify(records[i + 1][j])}, expected ${JSON.stringify(want)}`);
    }),
  );
  expect(wrong).toEqual([]);
  expect(numbers).toBeGreaterThan(0);
}

async function json(args: string[]): Promise<Json> {
  const r = await semicap([...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Json;
}

describe('--locale and --excel --delimiter --decimal', () => {
  it('funds --locale de: ; between fields, a decimal comma in every number, BOM and CRLF', async () => {
    const r = await semicap(['funds', '--format', 'csv', '--locale', 'de']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(';138,72;138,72;22,512171372930865;');
    expectDialect(r.stdout, await json(['funds']), 'funds', ';', ',');
  });

  it('--locale de is --excel --delimiter ";" --decimal ,; de-AT and de_DE are German too; en is plain --excel', async () => {
    const de = (await semicap(['funds', '--format', 'csv', '--locale', 'de'])).stdout;
    for (const args of [['--excel', '--delimiter', ';', '--decimal', ','], ['--locale', 'de-AT'], ['--locale', 'de_DE'], ['--locale', 'FR']]) {
      const r = await semicap(['funds', '--format', 'csv', ...args]);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toBe(de);
    }
    expect((await semicap(['funds', '--format', 'csv', '--locale', 'en'])).stdout).toBe((await semicap(['funds', '--format', 'csv', '--excel'])).stdout);
  });

  it('--locale de-CH: ; between fields, decimal point; --excel --delimiter tab', async () => {
    const j = await json(['self-sufficiency']);
    const ch = await semicap(['self-sufficiency', '--format', 'csv', '--locale', 'de-CH']);
    expectDialect(ch.stdout, j, 'targets', ';', '.');
    const tab = await semicap(['self-sufficiency', '--format', 'csv', '--excel', '--delimiter', 'tab', '--decimal', ',', '--table', 'history']);
    expectDialect(tab.stdout, j, 'history', '\t', ',');
  });

  it('the streamed forecast, to stdout and to --out', async () => {
    const args = ['forecast', 'examples/many.csv', '--id', 'series', '--method', 'theta', '--horizon', '2'];
    const j = await json(args);
    const r = await semicap([...args, '--format', 'csv', '--locale', 'fr']);
    expect(r.code, r.stderr).toBe(0);
    expectDialect(r.stdout, j, 'forecast', ';', ',');
    const out = join(root, 'forecast-fr.csv');
    expect((await semicap([...args, '--format', 'csv', '--locale', 'fr', '--out', out])).code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(r.stdout);
  });

  it('forecast and backtest: --excel writes in the dialect of FILE (--delimiter ";" --decimal ,), --locale chooses another; plain CSV stays , and .', async () => {
    const input = ['examples/export.csv', '--delimiter', ';', '--decimal', ',', '--id', 'region'];
    const j = await json(['forecast', ...input]);
    const excel = await semicap(['forecast', ...input, '--format', 'csv', '--excel']);
    expectDialect(excel.stdout, j, 'forecast', ';', ',');
    const en = await semicap(['forecast', ...input, '--format', 'csv', '--locale', 'en']);
    expectDialect(en.stdout, j, 'forecast', ',', '.');
    const plain = await semicap(['forecast', ...input, '--format', 'csv']);
    expect(plain.stdout).toBe(en.stdout.slice(1).replace(/\r\n/g, '\n'));
    const backtest = ['backtest', ...input, '--method', 'naive,drift', '--holdout', '2', '--origins', '2'];
    expectDialect((await semicap([...backtest, '--format', 'csv', '--excel'])).stdout, await json(backtest), 'summary', ';', ',');
  });

  it('report --locale de: every CSV file of the folder, and the list of files with --format csv', async () => {
    const plain = join(root, 'report-plain');
    const de = join(root, 'report-de');
    expect((await semicap(['report', '--out', plain])).code).toBe(0);
    const r = await semicap(['report', '--out', de, '--locale', 'de', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('\uFEFFfile;bytes;sha256\r\n')).toBe(true);
    const doc = JSON.parse(readFileSync(join(plain, 'report.json'), 'utf8')) as { analyses: ({ id: string } & Json)[] };
    const files = readdirSync(de).filter((f) => f.endsWith('.csv'));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const analysis = doc.analyses.find((a) => file.startsWith(`${a.id}-`))!;
      expectDialect(readFileSync(join(de, file), 'utf8'), analysis, file.slice(analysis.id.length + 1, -4), ';', ',');
    }
    // Everything else in the folder is the same as without --locale.
    // Buffer.equals, not toEqual: vitest compares Buffers byte by byte in JavaScript (seconds for report.json's 140 kB).
    for (const file of readdirSync(plain).filter((f) => !f.endsWith('.csv'))) expect(readFileSync(join(de, file)).equals(readFileSync(join(plain, file))), file).toBe(true);
  });

  it('guards formulas behind a comma in ;-delimited files and quotes text holding a ;', async () => {
    const data = copyDatasets(join(root, 'hostile'));
    const sources = join(data, 'sources.csv');
    writeFileSync(sources, `${readFileSync(sources, 'utf8').replace(/\n?$/, '\n')}evil_comma,Crafted publisher,"Fab, =HYPERLINK(1)",,2025,\nsemi,Crafted publisher,"a;b",,2025,\n`);
    const r = await semicap(['datasets', '--data', data, '--sources', '--format', 'csv', '--locale', 'de']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(";Fab,' =HYPERLINK(1);");
    expect(r.stdout).toContain(';"a;b";');
    const titles = new Map((parse(r.stdout, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[]).map((x) => [x.source_id, x.title]));
    expect(titles.get('semi')).toBe('a;b');
  });
});

describe('CSV dialect options where they cannot apply: one-line usage error, exit 2, nothing written', () => {
  const CASES: [string[], string][] = [
    [['funds', '--format', 'csv', '--delimiter', ';'], "semicap: --delimiter shapes the CSV written for Excel; add --excel (or use --locale de, fr, … for both)\n"],
    [['funds', '--delimiter', ';', '--decimal', ','], 'semicap: --delimiter and --decimal shape CSV output; add --format csv --excel (or --format csv --locale de, fr, …)\n'],
    [['funds', '--format', 'json', '--locale', 'de'], 'semicap: --locale applies to --format csv only (xlsx and JSON hold numbers as numbers, and Excel shows xlsx numbers in its own locale)\n'],
    [['funds', '--format', 'xlsx', '--locale', 'de', '--out', '{out}.xlsx'], 'semicap: --locale applies to --format csv only (xlsx and JSON hold numbers as numbers, and Excel shows xlsx numbers in its own locale)\n'],
    [['funds', '--format', 'csv', '--locale', 'xx', '--out', '{out}.csv'], `semicap: --locale 'xx' is not a locale semicap knows; expected one of en, zh, ja, ko, es-MX, de, fr, es, it, nl, pt, da, sv, nb, no, fi, pl, cs, ru, tr, de-CH, de-LI, or give --excel --delimiter ";" --decimal , yourself\n`],
    [['funds', '--format', 'csv', '--locale', 'de', '--delimiter', ';'], 'semicap: give --locale or --delimiter, not both\n'],
    [['funds', '--format', 'csv', '--excel', '--decimal', ','], 'semicap: --decimal , needs another --delimiter (such as ";"), or the numbers would split into two cells\n'],
    [['funds', '--format', 'csv', '--excel', '--delimiter', '|'], "semicap: --delimiter '|' for the CSV written; expected , ; or tab\n"],
    [['funds', '--format', 'csv', '--excel', '--delimiter', ';', '--decimal', 'x'], "semicap: --decimal 'x'; expected . or ,\n"],
    [['forecast', 'examples/export.csv', '--delimiter', ';', '--decimal', ',', '--id', 'region', '--format', 'json', '--locale', 'de'], 'semicap: --locale applies to --format csv only (xlsx and JSON hold numbers as numbers, and Excel shows xlsx numbers in its own locale)\n'],
    [['forecast', 'examples/export.csv', '--delimiter', '|', '--format', 'csv', '--excel'], "semicap: --delimiter '|' for the CSV written; expected , ; or tab (--excel writes in the dialect of FILE; --locale en, de, … chooses another)\n"],
    [['report', '--out', '{out}', '--locale', 'de', '--delimiter', ';'], 'semicap: give --locale or --delimiter, not both\n'],
  ];
  CASES.forEach(([args, message], i) => {
    it(args.join(' '), async () => {
      const out = join(root, `refused-${i}`);
      const r = await semicap(args.map((a) => a.replace('{out}', out)));
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(message);
      expect(r.stdout).toBe('');
      expect(readdirSync(root).filter((f) => f.startsWith(`refused-${i}`))).toEqual([]);
    });
  });

  it('forecast and backtest still read a ;-and-comma file without --excel, in every format', async () => {
    for (const format of ['table', 'json', 'csv']) {
      const r = await semicap(['forecast', 'examples/export.csv', '--delimiter', ';', '--decimal', ',', '--id', 'region', '--format', format]);
      expect(r.code, `${format}: ${r.stderr}`).toBe(0);
    }
  });
});

describe('--excel with a format that is not CSV: one warning on stderr, the output unchanged', () => {
  for (const format of ['table', 'md', 'json']) {
    it(`funds --format ${format} --excel`, async () => {
      const plain = await semicap(['funds', '--format', format]);
      const r = await semicap(['funds', '--format', format, '--excel']);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe(`semicap: warning: --excel applies to --format csv only; ignored with --format ${format}\n`);
      expect(r.stdout).toBe(plain.stdout);
      expect(plain.stderr).toBe('');
    });
  }

  it('xlsx: the same spreadsheet, and the warning; --quiet drops it', async () => {
    const [a, b] = [join(root, 'plain.xlsx'), join(root, 'excel.xlsx')];
    expect((await semicap(['funds', '--format', 'xlsx', '--out', a])).code).toBe(0);
    const r = await semicap(['funds', '--format', 'xlsx', '--out', b, '--excel']);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe('semicap: warning: --excel applies to --format csv only; ignored with --format xlsx');
    expect(readFileSync(b).length).toBe(readFileSync(a).length);
    const q = await semicap(['-q', 'funds', '--format', 'json', '--excel']);
    expect([q.code, q.stderr]).toEqual([0, '']);
  });

  it('the streamed forecast warns too; CSV and report (whose files are CSV whatever its --format) do not', async () => {
    const f = await semicap(['forecast', 'examples/export.csv', '--delimiter', ';', '--decimal', ',', '--id', 'region', '--format', 'json', '--excel']);
    expect(f.code).toBe(0);
    expect(f.stderr).toBe('semicap: warning: --excel applies to --format csv only; ignored with --format json\n');
    const csv = await semicap(['funds', '--format', 'csv', '--excel']);
    expect(csv.stderr).not.toContain('--excel applies');
    const rep = await semicap(['report', '--out', join(root, 'excel-report'), '--excel', '--format', 'json']);
    expect(rep.code, rep.stderr).toBe(0);
    expect(rep.stderr).not.toContain('--excel applies');
  });
});
