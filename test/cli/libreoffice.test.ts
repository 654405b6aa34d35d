// European Excel CSV read back by a real spreadsheet: LibreOffice Calc (Debian: libreoffice-calc) opens the
// --locale de / fr files with German settings (`;` between fields, UTF-8, language de-DE) and converts them to
// flat ODS; every value must land in its own column, numbers as numbers equal to the JSON's, text as text and
// never a formula. A control reads the same file with English settings and gets one column, so the check can fail.
// Without `soffice` on the PATH the tests are skipped and say so in their names and on stderr; with
// SEMICAP_REQUIRE_SOFFICE=1 a missing soffice fails instead.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neutraliseCell } from '../../src/report/csv.js';
import { parseXml, type XmlElement } from '../report/xml.js';
import { copyDatasets, removeDir, semicap, tempDir } from './run.js';

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
const HAVE_SOFFICE = soffice.status === 0;
const SKIP = HAVE_SOFFICE ? '' : ' (SKIPPED: soffice not found; apt-get install libreoffice-calc to run it)';
if (!HAVE_SOFFICE) {
  if (process.env.SEMICAP_REQUIRE_SOFFICE === '1') throw new Error('SEMICAP_REQUIRE_SOFFICE=1 but soffice is not on the PATH');
  process.stderr.write('libreoffice.test.ts: SKIPPED, soffice (libreoffice-calc) is not installed: the European Excel CSV read-back did not run\n');
}

const root = tempDir('semicap-soffice-');
afterAll(() => removeDir(root));

/** CSV import settings: field separator, text delimiter, charset (76 = UTF-8), first line, column formats, language. */
const GERMAN = 'CSV:59,34,76,1,,1031';
const ENGLISH = 'CSV:44,34,76,1,,1033';

/** Converts CSV files to flat ODS with LibreOffice (its own profile folder, so parallel runs do not collide). */
function convert(files: string[], filter: string, outDir: string): Map<string, Cell[][]> {
  mkdirSync(outDir, { recursive: true });
  const profile = `file://${join(root, 'profile')}`;
  const r = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', `--infilter=${filter}`, '--convert-to', 'fods', '--outdir', outDir, ...files], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
  return new Map(files.map((f) => [basename(f), sheetCells(readFileSync(join(outDir, basename(f).replace(/\.csv$/, '.fods')), 'utf8'))]));
}

interface Cell {
  type: string;
  value: string;
  formula?: string;
}

const decode = (s: string) =>
  s.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1))),
  );

/** The first sheet's rows of cells (repeated cells expanded, trailing empty ones dropped). */
function sheetCells(fods: string): Cell[][] {
  const find = (el: XmlElement, name: string): XmlElement | undefined => (el.name === name ? el : el.children.map((c) => find(c, name)).find((x) => x !== undefined));
  const table = find(parseXml(fods), 'table:table')!;
  const rows = table.children.filter((c) => c.name === 'table:table-row');
  return rows
    .map((row) => {
      const cells: Cell[] = [];
      for (const c of row.children.filter((x) => x.name === 'table:table-cell')) {
        const type = c.attrs['office:value-type'] ?? 'empty';
        const text = c.children.filter((p) => p.name === 'text:p').map((p) => decode(p.text)).join('\n');
        const value = type === 'float' ? c.attrs['office:value'] : type === 'date' ? c.attrs['office:date-value'] : text;
        const cell: Cell = { type, value, formula: c.attrs['table:formula'] };
        for (let k = Number(c.attrs['table:number-columns-repeated'] ?? 1); k > 0; k--) cells.push(cell);
      }
      while (cells.length > 0 && cells[cells.length - 1].type === 'empty') cells.pop();
      return cells;
    })
    .filter((cells) => cells.length > 0);
}

type Json = { tables: { name: string; columns: { key: string }[]; rows: Record<string, string | number | boolean | null>[] }[] };

/** Each cell where LibreOffice put it: numbers as numbers (to its 15 significant digits), text as text, no formula. */
function expectSheet(cells: Cell[][], json: Json, table: string): number {
  const t = json.tables.find((x) => x.name === table)!;
  expect(cells[0].map((c) => c.value)).toEqual(t.columns.map((c) => c.key));
  expect(cells.length - 1).toBe(t.rows.length);
  let numbers = 0;
  t.rows.forEach((row, i) => {
    const got = cells[i + 1];
    t.columns.forEach((c, j) => {
      const v = row[c.key];
      const cell = got[j] ?? { type: 'empty', value: '' };
      const where = `${table} row ${i + 1} ${c.key}`;
      expect(cell.formula, where).toBeUndefined();
      if (typeof v === 'number') {
        numbers++;
        expect(cell.type, where).toBe('float');
        expect(Math.abs(Number(cell.value) - v), where).toBeLessThanOrEqual(Math.abs(v) * 1e-14);
      } else if (v === null) expect(cell.type, where).toBe('empty');
      else if (typeof v === 'string' && /^\d+$/.test(v)) {
        // A year written as text (a source's publication year) is a number to a spreadsheet.
        expect(cell.type === 'float' ? Number(cell.value) === Number(v) : cell.value === v, `${where}: ${JSON.stringify(cell)}`).toBe(true);
      } else if (typeof v === 'string' && /^\d{4}-\d\d(-\d\d)?$/.test(v)) {
        // ISO dates (sources' publication dates): a full date becomes a date, a year and month may stay text.
        expect(cell.type === 'date' ? cell.value.startsWith(v) : cell.type === 'string' && cell.value === v, `${where}: ${JSON.stringify(cell)}`).toBe(true);
      } else if (typeof v === 'string') {
        expect(cell.type, where).toBe('string');
        // Text as written, formula guard included (a spreadsheet may hide a leading apostrophe): never run.
        const written = neutraliseCell(v, true, ';');
        expect([written, written.replace(/^'/, '')], where).toContain(cell.value);
      }
    });
    expect(got.length, `${table} row ${i + 1}: cells in their own columns`).toBeLessThanOrEqual(t.columns.length);
  });
  return numbers;
}

async function run(args: string[]): Promise<string> {
  const r = await semicap(args);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe(`LibreOffice Calc with German settings reads --locale de CSV into columns${SKIP}`, () => {
  const dir = join(root, 'csv');
  const forecast = ['forecast', 'examples/many.csv', '--id', 'series', '--method', 'theta', '--horizon', '3'];
  let data = '';
  // File, command, how its CSV is written, table.
  const inputs = (): [string, string[], string[], string][] => [
    ['funds.csv', ['funds'], ['--locale', 'de'], 'funds'],
    ['forecast.csv', forecast, ['--locale', 'fr'], 'forecast'],
    ['sources.csv', ['datasets', '--data', data, '--sources'], ['--excel', '--delimiter', ';', '--decimal', ','], 'sources'],
    // Controls: plain --excel CSV (comma, point) for German settings.
    ['funds-plain.csv', ['funds'], ['--excel'], 'funds'],
  ];
  let german = new Map<string, Cell[][]>();
  let english = new Map<string, Cell[][]>();

  // Two runs of soffice in all (it takes seconds to start): every file with German settings, one with English.
  beforeAll(async () => {
    if (!HAVE_SOFFICE) return;
    mkdirSync(dir, { recursive: true });
    data = copyDatasets(join(root, 'data'));
    const sources = join(data, 'sources.csv');
    writeFileSync(sources, `${readFileSync(sources, 'utf8').replace(/\n?$/, '\n')}evil_eq,Crafted publisher,"=HYPERLINK(""http://x"";""y"")",,2025,\nevil_comma,Crafted publisher,"Fab, -2+3",,2025,\nsemi,Crafted publisher,"a;b 3,5",,2025,\n`);
    for (const [file, args, dialect] of inputs()) writeFileSync(join(dir, file), await run([...args, '--format', 'csv', ...dialect]));
    await run(['report', '--out', join(root, 'report'), '--locale', 'de']);
    german = convert([...inputs().map(([file]) => join(dir, file)), join(root, 'report', 'capacity-share-projection.csv')], GERMAN, join(root, 'de'));
    english = convert([join(dir, 'funds.csv')], ENGLISH, join(root, 'en'));
  }, 240_000);

  it.skipIf(!HAVE_SOFFICE)(`funds, the streamed forecast, a report file and hostile source titles: every value in its own column, numbers as numbers${SKIP}`, async () => {
    let numbers = 0;
    for (const [file, args, , table] of inputs().slice(0, 3)) numbers += expectSheet(german.get(file)!, JSON.parse(await run([...args, '--format', 'json'])) as Json, table);
    const report = JSON.parse(readFileSync(join(root, 'report', 'report.json'), 'utf8')) as { analyses: ({ id: string } & Json)[] };
    numbers += expectSheet(german.get('capacity-share-projection.csv')!, report.analyses.find((a) => a.id === 'capacity-share')!, 'projection');
    expect(numbers).toBeGreaterThan(300);
    // The hostile titles stay text in their own cell.
    const [header, ...rows] = german.get('sources.csv')!;
    const title = header.findIndex((c) => c.value === 'title');
    const titles = new Map(rows.map((row) => [row[0].value, row[title]]));
    expect(titles.get('evil_eq')).toEqual({ type: 'string', value: `'=HYPERLINK("http://x";"y")`, formula: undefined });
    expect(titles.get('evil_comma')).toEqual({ type: 'string', value: "Fab,' -2+3", formula: undefined });
    expect(titles.get('semi')).toEqual({ type: 'string', value: 'a;b 3,5', formula: undefined });
    process.stderr.write(`libreoffice.test.ts: ${soffice.stdout.trim()} read ${numbers} numbers of 4 --locale de/fr files into their own columns\n`);
  });

  it.skipIf(!HAVE_SOFFICE)(`control: English settings do not read the --locale de file into columns, nor German settings plain CSV${SKIP}`, async () => {
    const json = JSON.parse(await run(['funds', '--format', 'json'])) as Json;
    // English settings split at the commas: the header is one cell, the decimal commas cut numbers in two.
    const en = english.get('funds.csv')!;
    expect(en[0]).toHaveLength(1);
    expect(() => expectSheet(en, json, 'funds')).toThrow();
    const plain = german.get('funds-plain.csv')!;
    expect(plain.every((row) => row.length === 1)).toBe(true);
    expect(() => expectSheet(plain, json, 'funds')).toThrow();
  });
});
