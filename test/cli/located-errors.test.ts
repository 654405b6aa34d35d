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
  it('a row with too many fields: FILE:LINE with no space after the file name', () => {
    const data = copyDatasets(root, 'fields');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER}\n2023,china,mature,29,estimate,trendforce_2023_10\n2024,china,mature,30,estimate,trendforce_2023_10,extra\n`);
    const v = semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:3: has 7 fields, expected 6 like the header (a stray comma or a wrong delimiter?)\n`);
    const d = semicap(['datasets', '--data', data]);
    expect(d.code).toBe(65);
    expect(d.stderr).toBe(`semicap: ${file}:3: has 7 fields, expected 6 like the header (a stray comma or a wrong delimiter?)\n`);
  });

  it('a forbidden header name: FILE:1:COLUMN', () => {
    const data = copyDatasets(root, 'header');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER},__proto__\n2023,china,mature,29,estimate,trendforce_2023_10,x\n`);
    const v = semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:1:7: column name '__proto__' is not allowed; expected an ordinary name\n`);
  });
});

describe('several problems in --data', () => {
  it('names the first and a validate command that works and lists them all', () => {
    const data = copyDatasets(root, 'several');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER}\n2023,china,mature,abc,estimate,trendforce_2023_10\n2024,china,mature,101,estimate,trendforce_2023_10\n`);
    const d = semicap(['capacity', '--data', data]);
    expect(d.code).toBe(65);
    const m = /^semicap: (.*):2:4: share_pct 'abc' is not a number; expected a number \(1 more; run '(semicap validate [^']*)' to see all\)\n$/.exec(d.stderr);
    expect(m, d.stderr).not.toBeNull();
    expect(m![1]).toBe(file);
    const suggested = m![2].split(' ').slice(1);
    const v = semicap(suggested);
    expect(v.code).toBe(65);
    expect(v.stderr.trim().split('\n')).toEqual([
      `semicap: ${file}:2:4: share_pct 'abc' is not a number; expected a number`,
      `semicap: ${file}:3:4: share_pct 101 is above the maximum 100`,
    ]);
  });
});

describe('a European spreadsheet export', () => {
  it("a ';'-separated file with decimal commas gets a message that says what to do", () => {
    const data = copyDatasets(root, 'semicolon');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, 'year;region;segment;share_pct;kind;source_id\n2023;china;mature;29,5;estimate;trendforce_2023_10\n');
    const v = semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(
      `semicap: ${file}:1: the header is separated by ';', not ',' (a spreadsheet export for a decimal-comma locale?); expected comma-separated CSV with '.' decimals: save it as "CSV UTF-8 (comma delimited)"\n`,
    );
  });
});

describe('an unterminated quote', () => {
  it('is reported on the line where the quote opens, not at the end of the file', () => {
    const data = copyDatasets(root, 'quote');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER},notes\n2023,china,mature,29,estimate,trendforce_2023_10,"said ""hi"" once"\n2024,china,mature,30,estimate,trendforce_2023_10,"never closed\n2025,china,mature,31,estimate,trendforce_2023_10,x\n2026,china,mature,32,estimate,trendforce_2023_10,x\n`);
    const v = semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:3: a quoted field is never closed (it opens on this line); expected a closing " (write "" for a quote inside a quoted field)\n`);
  });
});

describe('a UTF-16 file', () => {
  it('is named as UTF-16 text rather than as a binary file', () => {
    const data = copyDatasets(root, 'utf16');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${HEADER}\n2023,china,mature,29,estimate,trendforce_2023_10\n`, 'utf16le')]));
    const v = semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:1: is UTF-16 text; expected UTF-8 (save it as "CSV UTF-8 (comma delimited)")\n`);
  });
});

describe('a source_id that does not resolve', () => {
  it("is reported in the file's own source_id column, whatever the column order", () => {
    const data = copyDatasets(root, 'source');
    const file = join(data, 'capacity_share.csv');
    // No `definition` column: source_id is the 6th column here, the 7th in the schema.
    writeFileSync(file, `${HEADER}\n2023,china,mature,29,estimate,no_such_source\n`);
    const v = semicap(['validate', data]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:2:6: source_id 'no_such_source' is not in sources.csv; expected one of its source_id values\n`);
  });
});

describe('a file with old-Mac CR line ends', () => {
  it('is read, and problems are on their own lines (not all on line 1)', () => {
    const data = copyDatasets(root, 'cr');
    const file = join(data, 'capacity_share.csv');
    writeFileSync(file, `${HEADER}\r2023,china,mature,29,estimate,trendforce_2023_10\r2024,china,mature,abc,estimate,trendforce_2023_10\r`);
    const v = semicap(['validate', file]);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:3:4: share_pct 'abc' is not a number; expected a number\n`);
    writeFileSync(file, `${HEADER}\r2023,china,mature,29,estimate,trendforce_2023_10\r2024,china,mature,"open\r2025,china,mature,31,estimate,trendforce_2023_10\r`);
    expect(semicap(['validate', file]).stderr).toMatch(new RegExp(`^semicap: .*capacity_share\\.csv:3: a quoted field is never closed`));
  });
});
