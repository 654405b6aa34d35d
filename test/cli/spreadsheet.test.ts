// Spreadsheet safety: text that a spreadsheet would run as a formula comes out inert in CSV
// (OWASP: a leading apostrophe), numbers such as -3.5 stay numbers, and --raw-text turns the guard off.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyDatasets, removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-sheet-');
afterAll(() => removeDir(root));

const HYPERLINK = '=HYPERLINK("http://evil","x")';
// Crafted sources: each title starts with one of OWASP's dangerous characters; one is a number written as text.
const CRAFTED: [string, string][] = [
  ['evil_eq', HYPERLINK],
  ['evil_plus', '+1+cmd|\' /C calc\'!A0'],
  ['evil_minus', "-2+3+cmd|' /C calc'!A0"],
  ['evil_at', '@SUM(1+1)*cmd|\' /C calc\'!A0'],
  ['evil_tab', '\t=1+2'],
  ['evil_cr', '\r=1+2'],
  ['number_text', '-3.5'],
  ['plain_text', 'An ordinary title, with a comma'],
];

let data = '';
beforeAll(() => {
  data = copyDatasets(root);
  const sources = join(data, 'sources.csv');
  const quoteField = (s: string) => `"${s.replace(/"/g, '""')}"`;
  const extra = CRAFTED.map(([id, title]) => `${id},Crafted publisher,${quoteField(title)},,2025,`).join('\n');
  writeFileSync(sources, readFileSync(sources, 'utf8').replace(/\n?$/, '\n') + extra + '\n');
});

const titles = (csv: string) => new Map((parse(csv, { columns: true, bom: true, relax_quotes: false }) as Record<string, string>[]).map((r) => [r.source_id, r.title]));

describe('CSV output of crafted source titles', () => {
  it("datasets --sources --format csv writes =HYPERLINK(...) as '=HYPERLINK(...)", async () => {
    const r = await semicap(['datasets', '--data', data, '--sources', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const t = titles(r.stdout);
    expect(t.get('evil_eq')).toBe(`'${HYPERLINK}`);
    // RFC 4180 on the wire: the apostrophe inside the quoted field, quotes doubled.
    expect(r.stdout).toContain(`"'=HYPERLINK(""http://evil"",""x"")"`);
  });

  it('neutralises every dangerous first character: = + - @ tab CR', async () => {
    const t = titles((await semicap(['datasets', '--data', data, '--sources', '--format', 'csv'])).stdout);
    for (const [id, title] of CRAFTED) {
      if (id === 'number_text' || id === 'plain_text') continue;
      expect(t.get(id), id).toBe(`'${title}`);
    }
  });

  it('leaves a number written as text (-3.5) and ordinary text alone', async () => {
    const t = titles((await semicap(['datasets', '--data', data, '--sources', '--format', 'csv'])).stdout);
    expect(t.get('number_text')).toBe('-3.5');
    expect(t.get('plain_text')).toBe('An ordinary title, with a comma');
  });

  it('--raw-text turns the guard off', async () => {
    const r = await semicap(['datasets', '--data', data, '--sources', '--format', 'csv', '--raw-text']);
    expect(r.code).toBe(0);
    const t = titles(r.stdout);
    for (const [id, title] of CRAFTED) expect(t.get(id), id).toBe(title);
  });

  it('the guard also applies to files written with --out and to --excel CSV', async () => {
    const out = join(root, 'sources.csv');
    const r = await semicap(['datasets', '--data', data, '--sources', '--format', 'csv', '--excel', '--out', out]);
    expect(r.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toMatch(/^\uFEFFsource_id,[^\n]*\r\n/);
    expect(titles(bytes.toString('utf8')).get('evil_eq')).toBe(`'${HYPERLINK}`);
  });

  it('JSON keeps the text as it is (it is data, not a spreadsheet)', async () => {
    const r = await semicap(['datasets', '--data', data, '--sources', '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { tables: { rows: { source_id: string; title: string }[] }[] };
    expect(doc.tables[0].rows.find((x) => x.source_id === 'evil_eq')!.title).toBe(HYPERLINK);
  });
});

describe('negative numbers stay numbers', () => {
  it('a linear path below zero is written -3.5, -7, not as text', async () => {
    const r = await semicap(['project', '--from', '2020=3.5', '--to', '2021=0', '--through', '2023', '--method', 'linear', '--floor', 'none', '--format', 'csv']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    // Values below 0 get no empirical band: the four band fields stay empty.
    expect(lines).toContain('2022,-3.5,extrapolated,,,,');
    expect(lines).toContain('2023,-7,extrapolated,,,,');
    expect(r.stdout).not.toContain("'-");
  });
});
