// `semicap claims [FILE]` end to end on the built CLI: the article's claims and their verdicts, a user's file,
// a bad file, Chinese output, the --fail-on gate, the `claim` metric of check, and the overview's headline claims.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, ROOT, semicap, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, HOME: root, XDG_CONFIG_HOME: undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };

const csvRows = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];
const byId = (text: string) => Object.fromEntries(csvRows(text).map((r) => [r.claim_id, r]));

/** Whether the bundled data holds a China mature-node share for 2029–2031 (TrendForce's Nov 2025 release). */
function hasMatureShare2030(): boolean {
  const rows = parse(readFileSync(join(ROOT, 'datasets', 'capacity_share.csv')), { columns: true }) as Record<string, string>[];
  return rows.some((r) => r.region === 'china' && r.segment === 'mature' && Math.abs(Number(r.year) - 2030) <= 1);
}

describe('semicap claims: the article semicap grew from', async () => {
  const r = await semicap(['claims', '--format', 'csv'], { env: ENV });
  const claims = byId(r.stdout);

  it('runs: exit 0, one row per claim of datasets/claims.csv', () => {
    expect(r.code, r.stderr).toBe(0);
    const file = parse(readFileSync(join(ROOT, 'datasets', 'claims.csv')), { columns: true }) as Record<string, string>[];
    expect(Object.keys(claims)).toEqual(file.map((c) => c.claim_id));
    expect(Object.keys(csvRows(r.stdout)[0])).toEqual(['claim_id', 'claim', 'claimed', 'verdict', 'reason', 'evidence', 'caveat']);
  });

  // Each expected verdict is what the sources in FACTS §7 say about the claim.
  it('29 % → 39 %: both figures are TrendForce’s, but from two releases with different bases (Oct 2023 29 → 33, Dec 2023 31 → 39)', () => {
    const c = claims.mature_share_29_39;
    expect(c.verdict).toBe('supported_with_caveat');
    expect(c.reason).toContain('two TrendForce releases with different bases');
    expect(c.reason).toContain('Oct 2023 29 → 33 (trendforce_2023_10)');
    expect(c.reason).toContain('Dec 2023 31 → 39 (trendforce_2023_12)');
    expect(c.evidence).toBe('trendforce_2023_10 ; trendforce_2023_12');
  });

  it('the RMB 200–500 bn package is what Bloomberg reported (a report, not an announcement)', () => {
    expect(claims.bloomberg_package_2025.verdict).toBe('supported');
    expect(claims.bloomberg_package_2025.evidence).toBe('bloomberg_2025_12');
  });

  it('USD 150 bn is Bruegel’s figure, but counted since 2015, not 2014', () => {
    const c = claims.state_spending_150bn;
    expect(c.verdict).toBe('supported_with_caveat');
    expect(c.evidence).toBe('bruegel_2022_11');
    expect(c.reason).toContain('counts 2015–2022; the claim 2014–2025');
  });

  it('SMIC’s 28 nm tripling has no source; its total capacity grew 1.48× from 4Q22 to 4Q25', () => {
    const c = claims.smic_28nm_tripled;
    expect(c.verdict).toBe('no_source');
    // 1,058,750 / 714,000 = 1.4828.
    expect(c.reason).toContain(`×${Number((1058750 / 714000).toFixed(2))} from 2022 (714,000 wpm_8in_eq) to 2025 (1,058,750 wpm_8in_eq)`);
  });

  it('83 k wafers a month is Fab 9’s design capacity (a target); it ran at 30–40 k in Q3 2025: conflicts', () => {
    const c = claims.hua_hong_fab9_83k;
    expect(c.verdict).toBe('conflicts');
    expect(c.reason).toContain('30,000 wpm_12in (2025 Q3, actual, broker_q635_2025)');
    expect(c.reason).toContain('83,000 wpm_12in (2025, target, hua_hong_prospectus_2023_01)');
  });

  it('~40 % self-sufficiency conflicts with chips (Morgan Stanley 24 % in 2024) and matches equipment localisation and data-centre chips', () => {
    const c = claims.self_sufficiency_40;
    expect(c.verdict).toBe('conflicts');
    expect(c.reason).toContain('semiconductor_ms 24 % (2024, actual, morgan_stanley_2025_05)');
    expect(c.reason).toMatch(/matches other definitions: .*equipment_localisation 35 %.*datacentre_domestic_chips 41 %/);
  });

  it('the 70 % target for 2025 is in the sources; 100 % import substitution by 2030 is not', () => {
    expect(claims.self_sufficiency_70_2025.verdict).toBe('supported');
    expect(claims.import_substitution_100.verdict).toBe('no_source');
    expect(claims.import_substitution_100.reason).toContain('policy_2030_target 80 % (2030, target, weixioashi_nd)');
  });

  it('Big Fund III: RMB 344 bn is more than USD 47 bn at the 2024 rate', () => {
    expect(claims.big_fund_iii_47bn.verdict).toBe('supported');
  });

  it('cost cuts, the CHIPS Act’s 10 years and USD 18 trillion have no figure in the datasets', () => {
    for (const id of ['equipment_cost_cut', 'chips_act_10_years', 'us_ai_investment_18tn']) expect(claims[id].verdict, id).toBe('no_source');
  });

  it('dominance before 2030: supported by a 2030 forecast above 50 % when the data has one, else no source (nearest: 39 % in 2027)', () => {
    const c = claims.mature_dominance_2030;
    if (hasMatureShare2030()) expect(c.verdict).toBe('supported');
    else {
      expect(c.verdict).toBe('no_source');
      expect(c.reason).toContain('39 % (2027, forecast, trendforce_2023_12)');
    }
  });

  it('json keeps English keys and the verdict words; the notes count the verdicts', async () => {
    const j = await semicap(['claims', '--format', 'json'], { env: ENV });
    expect(j.code).toBe(0);
    const doc = JSON.parse(j.stdout);
    expect(doc.tables[0].rows.find((x: Record<string, string>) => x.claim_id === 'hua_hong_fab9_83k').verdict).toBe('conflicts');
    const n = (v: string) => Object.values(claims).filter((c) => c.verdict === v).length;
    expect(doc.notes[0]).toBe(`${Object.keys(claims).length} claim(s): ${n('supported')} supported, ${n('supported_with_caveat')} supported with a caveat, ${n('conflicts')} conflict(s), ${n('no_source')} without a source`);
  });
});

describe('semicap claims FILE: a user’s own claims', () => {
  it('the shipped example runs end to end', async () => {
    const r = await semicap(['claims', 'examples/claims.example.csv', '--format', 'csv'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    const c = byId(r.stdout);
    expect(c.legacy_share_2024.verdict).toBe('supported');
    // 8.6 M was SEMI's January forecast; the June release says 8.85 M (2 % tolerance: 172,000).
    expect(c.china_wpm_2024.verdict).toBe('conflicts');
    expect(c.china_wpm_2024.reason).toContain('8,850,000 wpm_8in_eq (2024, estimate, semi_wff_2024_06)');
    expect(c.ic_wafer_share_2023.verdict).toBe('supported');
    expect(c.foundry_share_2030.verdict).toBe('supported');
    expect(c.ai_gpu_2027.verdict).toBe('supported');
  });

  it('a minimal file of the required columns: table on stdout, converted units (12-inch to 8-inch equivalent)', async () => {
    const file = join(root, 'mine.csv');
    writeFileSync(file, 'claim_id,text_en,dataset,selector,figure,year,value,unit,kind\nsmic_2025,"SMIC ended 2025 at 470,556 12-inch wafers a month",capacity,entity=smic,value,2025,"470,556",wpm_12in,actual\n');
    const r = await semicap(['claims', file], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    // 1,058,750 / 2.25 = 470,555.6 12-inch wafers.
    expect(r.stdout).toMatch(/smic_2025 .*│ supported +│/);
    expect(r.stdout).toContain(`Claims checked against the datasets (${file})`);
  });

  it('a bad claims file: one line naming FILE:LINE:COLUMN, exit 65, nothing on stdout', async () => {
    const file = join(root, 'bad.csv');
    writeFileSync(file, 'claim_id,text_en,dataset,selector,figure,year,value,unit\nok,A claim,capacity_share,region=china,value,2023,29,percent\nx,Another,capacity_share,region=china colour=red,value,2023,29,percent\n');
    const r = await semicap(['claims', file], { env: ENV });
    expect(r.code).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`semicap: ${file}:3:4: dataset 'capacity_share' has no selector key 'colour'; expected region, segment, source_id\n`);
    const missing = await semicap(['claims', join(root, 'nope.csv')], { env: ENV });
    expect(missing.code).toBe(66);
  });

  it('a path without from_value: located at its line', async () => {
    const file = join(root, 'bad2.csv');
    writeFileSync(file, 'claim_id,text_en,dataset,selector,figure,from_year,year,value,unit\np,Path,capacity_share,,path,2023,2027,39,percent\n');
    const r = await semicap(['claims', file], { env: ENV });
    expect(r.code).toBe(65);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${file}:2: from_value is empty; a path claim needs the value it starts from`);
  });
});

describe('semicap claims --lang zh', () => {
  it('claim text in Chinese, verdict labels translated, reasons in Chinese', async () => {
    const r = await semicap(['claims', '--lang', 'zh', '--format', 'md'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('### 说法与数据集核对（datasets/claims.csv）');
    expect(r.stdout).toContain('| 编号 | 说法 | 所称数值 | 判定 | 理由 | 依据来源 | 分析师说明 |');
    const row = r.stdout.split('\n').find((l) => l.startsWith('| mature_share_29_39 '))!;
    expect(row).toContain('据 TrendForce 数据，2023 年中国大陆晶圆厂成熟制程产能占比已达 29%');
    expect(row).toContain('有来源支持（附说明） supported_with_caveat');
    expect(row).toContain('29 % 与 39 % 来自 TrendForce 的两次发布，基数不同：2023年10月 29 → 33 (trendforce_2023_10), 2023年12月 31 → 39 (trendforce_2023_12)');
    expect(r.stdout).toMatch(/\| hua_hong_fab9_83k \| 华虹半导体无锡 .*\| 与来源矛盾 conflicts \|/);
    expect(r.stdout).toContain('共 13 条说法');
  });
});

describe('claims as a CI gate', () => {
  it('--fail-on conflicts: exit 1 and FILE:LINE of each failing claim on stderr; --fail-on of a verdict nobody got: exit 0', async () => {
    const r = await semicap(['claims', '--fail-on', 'conflicts', '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(1);
    const claimsFile = join(ROOT, 'datasets', 'claims.csv');
    const lines = readFileSync(claimsFile, 'utf8').split('\n');
    const lineOf = (id: string) => lines.findIndex((l) => l.startsWith(`${id},`)) + 1;
    expect(r.stderr).toBe(`semicap: ${claimsFile}:${lineOf('hua_hong_fab9_83k')}: hua_hong_fab9_83k: conflicts\nsemicap: ${claimsFile}:${lineOf('self_sufficiency_40')}: self_sufficiency_40: conflicts\n`);
    const example = await semicap(['claims', 'examples/claims.example.csv', '--fail-on', 'no_source'], { env: ENV });
    expect(example.code).toBe(0);
    const bad = await semicap(['claims', '--fail-on', 'wrong'], { env: ENV });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--fail-on: unknown 'wrong'");
  });

  it('check: metric claim compares a verdict; a failed one exits 1, a malformed one 65', async () => {
    const rules = join(root, 'rules.csv');
    writeFileSync(rules, 'rule,metric,selector,op,value,unit\n29 → 39 needs its caveat,claim,id=mature_share_29_39,==,supported_with_caveat,\n83 k is supported,claim,id=hua_hong_fab9_83k,==,supported,\nexample claim,claim,id=legacy_share_2024 file=examples/claims.example.csv,==,supported,\n');
    const r = await semicap(['check', rules, '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(1);
    const rows = csvRows(r.stdout);
    // A verdict is text: `actual` (numbers only) stays empty and `actual_text` carries it.
    expect(rows.map((x) => [x.actual, x.actual_text, x.result])).toEqual([
      ['', 'supported_with_caveat', 'pass'],
      ['', 'conflicts', 'fail'],
      ['', 'supported', 'pass'],
    ]);
    expect(r.stderr).toContain(`${rules}:3: failed: 83 k is supported (conflicts == supported is false)`);
    writeFileSync(rules, 'rule,metric,selector,op,value,unit\nx,claim,id=a,>=,supported,\n');
    const bad = await semicap(['check', rules], { env: ENV });
    expect(bad.code).toBe(65);
    expect(bad.stderr).toContain(`${rules}:2:4: metric 'claim' is a verdict: use eq or ne (== or !=)`);
  });
});

describe('overview', () => {
  it('shows the headline claims with their verdicts after its tables', async () => {
    const r = await semicap(['overview', '--format', 'json'], { env: ENV });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.tables.map((t: { name: string }) => t.name).slice(-1)).toEqual(['claims']);
    const rows = doc.tables.at(-1).rows as Record<string, string>[];
    const file = parse(readFileSync(join(ROOT, 'datasets', 'claims.csv')), { columns: true }) as Record<string, string>[];
    expect(rows.map((x) => x.claim)).toEqual(file.filter((c) => c.headline === 'yes').map((c) => c.text_en));
    expect(rows.find((x) => x.claim.startsWith('Hua Hong'))!.verdict).toBe('conflicts');
    const table = await semicap(['overview', '--wide'], { env: ENV });
    expect(table.stdout).toContain("The article's headline claims, checked (semicap claims)");
    expect(table.stdout).toMatch(/SMIC's 28 nm capacity tripled within three years\. +│ ×3 2022→2025 +│ no_source/);
  });
});
