// Syntax errors in a dataset keep the FILE:LINE[:COLUMN] form when they go through validate and --data,
// the form editors and CI annotators read (they used to come out as `FILE: 2: ...`).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyDatasets, removeDir, semicap, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));

const HEADER = 'year,region,segment,share_pct,kind,source_id';

describe('located syntax errors', () => {
  it('a row with too many fields: FILE:LINE with no space after the file name', async () => {
    const data = copyDatasets(root, 'fields');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER}\n2023,china,mature,29,estimate,trendforce_2023_10\n2024,china,mature,30,estimate,trendforce_2023_10,extra\n`);
    const v = await semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:3: has 7 fields, expected 6 like the header (a stray comma or a wrong delimiter?)\n`);
    const d = await semicap(['datasets', '--data', data]);
    expect(d.code).toBe(65);
    expect(d.stderr).toBe(`semicap: ${file}:3: has 7 fields, expected 6 like the header (a stray comma or a wrong delimiter?)\n`);
  });

  it('a forbidden header name: FILE:1:COLUMN', async () => {
    const data = copyDatasets(root, 'header');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER},__proto__\n2023,china,mature,29,estimate,trendforce_2023_10,x\n`);
    const v = await semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:1:7: column name '__proto__' is not allowed; expected an ordinary name\n`);
  });
});

describe('several problems in --data', () => {
  it('names the first and a validate command that works and lists them all', async () => {
    const data = copyDatasets(root, 'several');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER}\n2023,china,mature,abc,estimate,trendforce_2023_10\n2024,china,mature,101,estimate,trendforce_2023_10\n`);
    const d = await semicap(['capacity', '--data', data]);
    expect(d.code).toBe(65);
    const m = /^semicap: (.*):2:4: share_pct 'abc' is not a number; expected a number \(1 more; run '(semicap validate [^']*)' to see all\)\n$/.exec(d.stderr);
    expect(m, d.stderr).not.toBeNull();
    expect(m![1]).toBe(file);
    const suggested = m![2].split(' ').slice(1);
    const v = await semicap(suggested);
    expect(v.code).toBe(65);
    expect(v.stderr.trim().split('\n')).toEqual([
      `semicap: ${file}:2:4: share_pct 'abc' is not a number; expected a number`,
      `semicap: ${file}:3:4: share_pct 101 is above the maximum 100`,
    ]);
  });
});

describe('a European spreadsheet export', () => {
  it("a ';'-separated file with decimal commas gets a message that says what to do", async () => {
    const data = copyDatasets(root, 'semicolon');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, 'year;region;segment;share_pct;kind;source_id\n2023;china;mature;29,5;estimate;trendforce_2023_10\n');
    const v = await semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(
      `semicap: ${file}:1: the header is separated by ';', not ',' (a spreadsheet export for a decimal-comma locale?); expected comma-separated CSV with '.' decimals: save it as "CSV UTF-8 (comma delimited)"\n`,
    );
  });
});

describe('a decimal comma: the hint fits the command', () => {
  const FILE_HINT = (v: string) => `a decimal comma? this file takes '.' decimals: write ${v.replace(',', '.')}, or re-save it from a spreadsheet set to '.' decimals as "CSV UTF-8 (comma delimited)"`;

  // The dataset commands have no --decimal: the hint says how to fix the file, never to use an option they lack.
  const datasetCases = [
    { command: ['capacity'], file: 'capacity_share.csv', text: `${HEADER}\n2023,china,mature,"29,5",estimate,trendforce_2023_10\n`, where: `2:4: share_pct '29,5' contains a comma (${FILE_HINT('29,5')}; thousands separators are not allowed in this column)` },
    { command: ['self-sufficiency'], file: 'self_sufficiency.csv', text: 'year,scope,rate_pct,kind,source_id\n2023,ic_production_in_china,"23,4",actual,icinsights_2021_01\n', where: `2:3: rate_pct '23,4' contains a comma (${FILE_HINT('23,4')}; thousands separators are not allowed in this column)` },
    // funds' amounts allow thousands separators (1,387.2): a lone comma not followed by three digits is a decimal comma
    { command: ['funds'], file: 'funds.csv', text: 'fund,phase,year,measure,amount_low,amount_high,currency,status,kind,source_id\nbig_fund,I,2014,total_raised,"138,72",138.72,CNY,raised,actual,shifen_2019_10\n', where: `2:5: amount_low '138,72' has misplaced thousands separators (${FILE_HINT('138,72')})` },
  ];
  for (const c of datasetCases) {
    it(`${c.command[0]} --data and validate: how to re-save the file, no --decimal`, async () => {
      const data = copyDatasets(root, `comma-${c.command[0]}`);
      const file = join(data, c.file);
      writeFileSync(file, c.text);
      const expected = `semicap: ${file}:${c.where}; expected a number\n`;
      for (const args of [[...c.command, '--data', data], ['validate', file], ['validate', data]]) {
        const r = await semicap(args);
        expect(r.code, args.join(' ')).toBe(65);
        expect(r.stderr, args.join(' ')).toBe(expected);
        expect(r.stderr).not.toContain('--decimal');
      }
    });
  }

  it('forecast and backtest have --decimal, and the hint names it', async () => {
    const file = join(root, 'comma-series.csv');
    writeFileSync(file, 'id,year,value\na,2020,1\na,2021,"2,5"\na,2022,3\n');
    const hint = `${file}:3:3: value '2,5' contains a comma (a decimal comma? use --decimal ,; thousands separators are not allowed in this column); expected a number`;
    const f = await semicap(['forecast', file, '--id', 'id', '--method', 'linear']);
    expect(f.code).toBe(65);
    expect(f.stderr).toBe(`semicap: ${file}: no series could be forecast (1 problem(s); first: skipped series 'a': ${hint})\n`);
    const b = await semicap(['backtest', file, '--id', 'id', '--method', 'linear']);
    expect(b.code).toBe(65);
    expect(b.stderr).toContain(hint);
  });

  it('a command-line number is told to use a dot', async () => {
    const floor = await semicap(['project', '--from', '2020=10', '--to', '2021=20', '--method', 'linear', '--floor', '0,5']);
    expect(floor.code).toBe(2);
    expect(floor.stderr).toBe("semicap: --floor '0,5' contains a comma (a decimal comma? write 0.5; thousands separators are not allowed here); expected a number\n");
    const anchor = await semicap(['project', '--from', '2020=10,5', '--to', '2021=20', '--method', 'linear']);
    expect(anchor.code).toBe(2);
    expect(anchor.stderr).toBe("semicap: --from '2020=10,5': '10,5' has misplaced thousands separators (a decimal comma? write 10.5); expected a number such as 29% or 714000\n");
  });
});

describe('an unterminated quote', () => {
  it('is reported on the line where the quote opens, not at the end of the file', async () => {
    const data = copyDatasets(root, 'quote');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER},notes\n2023,china,mature,29,estimate,trendforce_2023_10,"said ""hi"" once"\n2024,china,mature,30,estimate,trendforce_2023_10,"never closed\n2025,china,mature,31,estimate,trendforce_2023_10,x\n2026,china,mature,32,estimate,trendforce_2023_10,x\n`);
    const v = await semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:3: a quoted field is never closed (it opens on this line); expected a closing " (write "" for a quote inside a quoted field)\n`);
  });
});

describe('a UTF-16 file', () => {
  it('is named as UTF-16 text rather than as a binary file', async () => {
    const data = copyDatasets(root, 'utf16');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n2023,china,mature,29,estimate,trendforce_2023_10\n`, 'utf16le')]));
    const v = await semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:1: is UTF-16 text; expected UTF-8 (save it as "CSV UTF-8 (comma delimited)")\n`);
  });
});

describe('a source_id that does not resolve', () => {
  it("is reported in the file's own source_id column, whatever the column order", async () => {
    const data = copyDatasets(root, 'source');
    const file = join(data, 'capacity_share.csv');
    // No `definition` column: source_id is the 6th column here, the 7th in the schema.
    writeFileSync(file, `${HEADER}\n2023,china,mature,29,estimate,no_such_source\n`);
    const v = await semicap(['validate', data]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:2:6: source_id 'no_such_source' is not in sources.csv; expected one of its source_id values\n`);
  });
});

describe('a file with old-Mac CR line ends', () => {
  it('is read, and problems are on their own lines (not all on line 1)', async () => {
    const data = copyDatasets(root, 'cr');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER}\r2023,china,mature,29,estimate,trendforce_2023_10\r2024,china,mature,abc,estimate,trendforce_2023_10\r`);
    const v = await semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:3:4: share_pct 'abc' is not a number; expected a number\n`);
    writeFileSync(file, `${HEADER}\r2023,china,mature,29,estimate,trendforce_2023_10\r2024,china,mature,"open\r2025,china,mature,31,estimate,trendforce_2023_10\r`);
    expect((await semicap(['validate', file])).stderr).toMatch(/^semicap: .*capacity_share\.csv:3: a quoted field is never closed/);
  });
});
