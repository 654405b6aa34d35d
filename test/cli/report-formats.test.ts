// Spreadsheet and document formats end to end: Markdown tables, CSV for Excel (BOM + CRLF), and xlsx files
// read back with exceljs.
import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, HOME: root, XDG_CONFIG_HOME: undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };

describe('--format md', () => {
  it('every command writes GitHub tables: header, separator (numbers right-aligned), rows of equal width', async () => {
    for (const args of [['overview'], ['project', '--from', '2023=29%', '--to', '2027=39%'], ['capacity'], ['funds'], ['self-sufficiency'], ['datasets'], ['validate']]) {
      const r = await semicap([...args, '--format', 'md'], { env: ENV });
      expect(r.code, args[0]).toBe(0);
      const lines = r.stdout.split('\n');
      const seps = lines.map((l, i) => [l, i] as const).filter(([l]) => /^\|(?:-{3}|-{3}:)(?:\|(?:-{3}|-{3}:))*\|$/.test(l));
      expect(seps.length, args[0]).toBeGreaterThan(0);
      for (const [sep, i] of seps) {
        const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length - 2;
        const n = cells(sep);
        expect(cells(lines[i - 1])).toBe(n);
        for (let j = i + 1; lines[j]?.startsWith('|'); j++) expect(cells(lines[j]), lines[j]).toBe(n);
      }
    }
  });
  it('the projection table: year and numbers right-aligned, the point column left', async () => {
    const r = await semicap(['project', '--from', '2023=29%', '--to', '2027=39%', '--through', '2030', '--format', 'md'], { env: ENV });
    const lines = r.stdout.split('\n');
    expect(lines.slice(0, 2)).toEqual(['### Projection through 2023=29%, 2027=39%', '']);
    // The path's own columns first, then one band column per method and level (text for people).
    expect(lines[2]).toBe('| year | cagr % | linear % | logistic % | point | cagr 80 % band | cagr 95 % band | linear 80 % band | linear 95 % band | logistic 80 % band | logistic 95 % band |');
    expect(lines[3]).toBe('|---:|---:|---:|---:|---|---|---|---|---|---|---|');
    expect(lines.find((l) => l.startsWith('| 2030 |'))).toMatch(/^\| 2030 \| 48\.70 \| 46\.50 \| 47\.22 \| extrapolated \| \d+\.\d-\d+\.\d \|/);
  });
});

describe('--excel', () => {
  it('CSV with a UTF-8 byte-order mark and CRLF line ends, Chinese text intact', async () => {
    const out = join(root, 'excel.csv');
    const rules = join(root, 'rules.csv');
    writeFileSync(rules, 'rule,metric,selector,op,value,unit\n中国大陆成熟制程份额 2027,share,source=trendforce_2023_12 year=2027,>=,35,%\n"two\nlines",rows,dataset=fx,>,0,\n');
    const csv = await semicap(['check', rules, '--format', 'csv', '--excel', '--out', out], { env: ENV });
    expect(csv.code).toBe(0);
    const bytes = readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('line,rule,evaluated,actual,actual_text,op,expected,expected_text,unit,result,detail');
    expect(lines[1]).toBe('2,中国大陆成熟制程份额 2027,share region=china segment=mature source=trendforce_2023_12 year=2027 method=cagr,39,,ge,35,,%,pass,"trendforce_2023_12, its own figure"');
    expect(lines[lines.length - 1]).toBe('');
    // Record ends are CRLF; the one line break inside a quoted field is the rule's own text.
    expect(lines).toHaveLength(4);
    expect(lines[2]).toBe('3,"two\nlines",rows dataset=fx,12,,gt,0,,,pass,fx.csv');
  });
  it('without --excel: no BOM, LF', async () => {
    const r = await semicap(['funds', '--format', 'csv'], { env: ENV });
    expect(r.stdout.charCodeAt(0)).not.toBe(0xfeff);
    expect(r.stdout).not.toContain('\r');
  });
});

describe('--format xlsx', () => {
  it('needs --out (exit 2, nothing on stdout)', async () => {
    const r = await semicap(['funds', '--format', 'xlsx'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('semicap: --format xlsx needs --out FILE.xlsx (a spreadsheet is a binary file, not text for a terminal)\n');
  });

  it('one sheet per table with typed numbers, a frozen bold header and widths; Chinese headings with --lang zh', async () => {
    const out = join(root, 'funds.xlsx');
    const r = await semicap(['funds', '--format', 'xlsx', '--out', out, '--lang', 'zh'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`semicap: 已写入 ${out}\n`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['funds', 'totals', 'notes']);
    const ws = wb.getWorksheet('funds')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 3)).toEqual(['基金', '年份', '口径']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    // Row 3 of funds.csv is Big Fund I's registered capital: RMB 98.72 bn, numeric.
    const json = JSON.parse((await semicap(['funds', '--format', 'json'], { env: ENV })).stdout);
    const rows = json.tables[0].rows as Record<string, unknown>[];
    const keys = json.tables[0].columns.map((c: { key: string }) => c.key) as string[];
    rows.forEach((row, i) => {
      for (const [k, key] of keys.entries()) {
        const cell = ws.getRow(i + 2).getCell(k + 1);
        const v = row[key];
        if (typeof v === 'number') {
          expect(cell.type, key).toBe(ExcelJS.ValueType.Number);
          expect(cell.value).toBe(v);
        }
      }
    });
    expect(ws.getColumn(1).width).toBeGreaterThan(8);
  });

  it('an unwritable place is exit 73 and leaves nothing', async () => {
    const out = join(root, 'no-such-folder', 'x.xlsx');
    const r = await semicap(['funds', '--format', 'xlsx', '--out', out], { env: ENV });
    expect(r.code).toBe(73);
    expect(existsSync(out)).toBe(false);
  });
});
