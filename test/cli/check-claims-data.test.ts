// `check`'s claim rules read the claims of the folder `--data` names, as `claims --data` does: a folder whose
// claims.csv differs from the bundled one gives its own verdicts, errors name the file read, and a folder without
// claims.csv falls back to the bundled article's claims.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, HOME: root, XDG_CONFIG_HOME: undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };
const csvRows = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];

const HEADER = 'claim_id,headline,text_zh,text_en,dataset,selector,figure,from_year,from_value,year,value,value_high,unit,kind,tolerance,source,caveat';
// The same id as a bundled claim (83 k, which conflicts with the data) but the figure the data holds, and a claim
// the bundled file does not have; the bundled mature_share_29_39 is left out.
const CLAIMS = [
  HEADER,
  'hua_hong_fab9_83k,no,,Hua Hong Wuxi runs 30 k wafers a month.,capacity,entity=hua_hong_fab9,value,,,2025,30000,,wpm_12in,actual,,,',
  'only_here,no,,China mature share 39 % in 2027.,capacity_share,region=china segment=mature,value,,,2027,39,,percent,forecast,,TrendForce,',
].join('\n');
const RULES = ['rule,metric,selector,op,value,unit', 'h,claim,id=hua_hong_fab9_83k,==,supported,', 'o,claim,id=only_here,==,supported,', 'm,claim,id=mature_share_29_39,==,supported_with_caveat,'].join('\n');

const dir = join(root, 'mine');
const rules = join(root, 'rules.csv');

describe('check --data DIR: claim rules read DIR/claims.csv', () => {
  writeFileSync(rules, `${RULES}\n`);
  const folder = () => {
    removeDir(dir);
    // Only claims.csv: the datasets themselves are the bundled ones, layered under the folder.
    writeFileSync(join(tempDirAt(dir), 'claims.csv'), `${CLAIMS}\n`);
  };

  it("gives the folder's verdicts, the ones `claims --data DIR` gives; a claim only the bundled file has is an error naming DIR/claims.csv", async () => {
    folder();
    const r = await semicap(['check', rules, '--data', dir, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(1);
    const rows = csvRows(r.stdout);
    expect(rows.map((x) => [x.rule, x.actual_text, x.result])).toEqual([
      ['h', 'supported', 'pass'],
      ['o', 'supported', 'pass'],
      ['m', '', 'error'],
    ]);
    const claimsFile = join(dir, 'claims.csv');
    expect(rows[2].detail).toBe(`no claim 'mature_share_29_39' in ${claimsFile}`);
    expect(r.stderr).toBe(`semicap: ${rules}:4: could not be evaluated: m (no claim 'mature_share_29_39' in ${claimsFile})\n`);
    // The same verdicts and reasons as the claims command on the same folder.
    const claims = await semicap(['claims', '--data', dir, '--format', 'csv'], { env: ENV });
    expect(claims.code, claims.stderr).toBe(0);
    const verdicts = Object.fromEntries(csvRows(claims.stdout).map((c) => [c.claim_id, [c.verdict, c.reason]]));
    expect([rows[0].actual_text, rows[0].detail]).toEqual(verdicts.hua_hong_fab9_83k);
    expect([rows[1].actual_text, rows[1].detail]).toEqual(verdicts.only_here);
  });

  it('without --data the bundled claims are read: the bundled verdicts, and a claim only DIR has is an error naming the bundled file', async () => {
    folder();
    const r = await semicap(['check', rules, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(1);
    expect(csvRows(r.stdout).map((x) => [x.rule, x.actual_text, x.result, x.result === 'error' ? x.detail : ''])).toEqual([
      ['h', 'conflicts', 'fail', ''],
      ['o', '', 'error', "no claim 'only_here' in the bundled claims.csv"],
      ['m', 'supported_with_caveat', 'pass', ''],
    ]);
  });

  it('a folder without claims.csv falls back to the bundled claims (examples/my-data)', async () => {
    const r = await semicap(['check', rules, '--data', 'examples/my-data', '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(1);
    expect(csvRows(r.stdout).map((x) => [x.rule, x.actual_text, x.result])).toEqual([
      ['h', 'conflicts', 'fail'],
      ['o', '', 'error'],
      ['m', 'supported_with_caveat', 'pass'],
    ]);
  });

  it("a broken DIR/claims.csv is a data error at its FILE:LINE:COLUMN (exit 65), and --out may not overwrite it", async () => {
    folder();
    const claimsFile = join(dir, 'claims.csv');
    writeFileSync(claimsFile, `${CLAIMS.replace(',2025,30000,', ',2025,lots,')}\n`);
    const bad = await semicap(['check', rules, '--data', dir], { env: ENV });
    expect(bad.code).toBe(65);
    expect(bad.stderr).toMatch(new RegExp(`^semicap: ${claimsFile.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:2:11: `));
    folder();
    const before = readFileSync(claimsFile, 'utf8');
    const out = await semicap(['check', rules, '--data', dir, '--format', 'csv', '--out', claimsFile], { env: ENV });
    expect(out.code).toBe(2);
    expect(readFileSync(claimsFile, 'utf8')).toBe(before);
  });
});

/** `path`, created as a folder. */
function tempDirAt(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
