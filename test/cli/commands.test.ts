// End-to-end runs of every command and format through the built CLI:
// exit code, stdout, stderr and files, with numbers checked against independent computation
// (spreadsheet RRI / GROWTH / TREND, recomputed here from the formulas and cross-checked in R).
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { copyDatasets, removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-cmd-');
afterAll(() => removeDir(root));

/** Rows of a CSV document as objects keyed by header (csv-parse, independent of our writer). */
const csvRows = (text: string): Record<string, string>[] => parse(text, { columns: true, bom: true }) as Record<string, string>[];
const num = (s: string | undefined) => {
  expect(s).toMatch(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/);
  return Number(s);
};

interface JsonDoc {
  semicap: string;
  command: string;
  tables: { name: string; title: string | null; columns: { key: string; header: string }[]; rows: Record<string, unknown>[] }[];
  notes: string[];
  warnings: string[];
}

/** Checks the documented JSON shape (src/report/json.ts) and returns the document. */
function jsonDoc(text: string, command: string): JsonDoc {
  const doc = JSON.parse(text) as JsonDoc;
  expect(doc.semicap).toBe(pkg.version);
  expect(doc.command).toBe(command);
  expect(Array.isArray(doc.tables) && doc.tables.length > 0).toBe(true);
  for (const t of doc.tables) {
    expect(typeof t.name).toBe('string');
    expect(t.title === null || typeof t.title === 'string').toBe(true);
    for (const c of t.columns) expect(Object.keys(c).sort()).toEqual(['header', 'key']);
    // Every row has exactly the table's columns, and no value is NaN/Infinity (JSON cannot hold them).
    for (const r of t.rows) expect(Object.keys(r).sort()).toEqual(t.columns.map((c) => c.key).sort());
  }
  expect(Array.isArray(doc.notes)).toBe(true);
  expect(Array.isArray(doc.warnings)).toBe(true);
  return doc;
}
const table = (doc: JsonDoc, name: string) => {
  const t = doc.tables.find((x) => x.name === name);
  expect(t, `table ${name}`).toBeDefined();
  return t!;
};

const PROJECT = ['project', '--from', '2023=29%', '--to', '2027=39%', '--through', '2030'];
// Independent values: RRI(4, 29, 39), 29·(39/29)^((y−2023)/4), 29 + 2.5·(y−2023).
const rri = (n: number, pv: number, fv: number) => (Math.pow(fv / pv, 1 / n) - 1) * 100;
const growth = (y: number) => 29 * Math.pow(39 / 29, (y - 2023) / 4);
const trend = (y: number) => 29 + 2.5 * (y - 2023);

describe('project', () => {
  it('--format csv: one row a year, compound and linear paths as RRI/GROWTH/TREND give them', async () => {
    const r = await semicap([...PROJECT, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("semicap: wrote table 'projection'; also available with --table: rates\n");
    const rows = csvRows(r.stdout);
    expect(rows.map((x) => x.year)).toEqual(['2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030']);
    for (const row of rows) {
      const y = Number(row.year);
      expect(num(row.cagr)).toBeCloseTo(growth(y), 10);
      expect(num(row.linear)).toBeCloseTo(trend(y), 10);
    }
    const y2030 = rows[rows.length - 1];
    expect(num(y2030.cagr)).toBeCloseTo(48.7039924994777, 10); // R: 29*(39/29)^(7/4)
    expect(num(y2030.linear)).toBe(46.5);
    expect(rows.find((x) => x.year === '2023')!.cagr).toBe('29');
    expect(rows.find((x) => x.year === '2027')!.cagr).toBe('39');
    expect(r.stdout).not.toMatch(/\u001b/);
  });

  it('--table rates: the implied compound rate is RRI(4, 29, 39) = 7.6878 %/yr and the step 2.5 pp/yr', async () => {
    const r = await semicap([...PROJECT, '--format', 'csv', '--table', 'rates']);
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    const cagr = rows.find((x) => x.method === 'cagr')!;
    expect(num(cagr.rate)).toBeCloseTo(rri(4, 29, 39), 9);
    expect(num(cagr.rate)).toBeCloseTo(7.68783660319314, 9); // R: 100*((39/29)^(1/4)-1)
    expect(num(rows.find((x) => x.method === 'linear')!.rate)).toBe(2.5);
  });

  it('--format json: one document of the documented shape with the same numbers', async () => {
    const r = await semicap([...PROJECT, '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = jsonDoc(r.stdout, 'project');
    const rows = table(doc, 'projection').rows;
    expect(rows).toHaveLength(8);
    expect(rows[7].year).toBe(2030);
    expect(rows[7].cagr as number).toBeCloseTo(48.7039924994777, 10);
    expect(rows[7].linear).toBe(46.5);
    expect(doc.notes.join(' ')).toMatch(/7\.6878 %\/yr/);
  });

  it('--format md: Markdown tables with a header separator row', async () => {
    const r = await semicap([...PROJECT, '--format', 'md']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const head = lines.findIndex((l) => /^\| year \| cagr %/.test(l));
    expect(head).toBeGreaterThanOrEqual(0);
    expect(lines[head + 1]).toMatch(/^\|(\s*:?-{3,}:?\s*\|)+$/);
    expect(lines.find((l) => l.startsWith('| 2030 |'))).toMatch(/^\| 2030 \| 48\.70 \| 46\.50 \|/);
    expect(r.stdout).not.toMatch(/\u001b/);
  });

  it('--format table (default): the rounded numbers people read', async () => {
    const r = await semicap(PROJECT);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/│ 2030 │\s+48\.70 │\s+46\.50 │/);
    expect(r.stdout).toMatch(/compound 7\.6878 %\/yr; linear 2\.5 pp\/yr/);
  });

  for (const format of ['csv', 'json', 'md', 'table']) {
    it(`--out FILE with --format ${format}: the same bytes as stdout, and 'semicap: wrote FILE' on stderr`, async () => {
      const out = join(root, `project.${format}`);
      const toStdout = await semicap([...PROJECT, '--format', format]);
      const toFile = await semicap([...PROJECT, '--format', format, '--out', out]);
      expect(toFile.code).toBe(0);
      expect(toFile.stdout).toBe('');
      expect(toFile.stderr).toBe(`semicap: wrote ${out}\n`);
      expect(readFileSync(out, 'utf8')).toBe(toStdout.stdout);
    });
  }

  it('extreme anchors: a compound rate beyond doubles is a usage error; linear runs with no compound rate', async () => {
    const args = ['project', '--from', '2020=1e-300', '--to', '2021=1e300', '--through', '2021'];
    const cagr = await semicap([...args, '--method', 'cagr']);
    expect(cagr.code).toBe(2);
    expect(cagr.stdout).toBe('');
    expect(cagr.stderr).toBe('semicap: the compound rate from 1e-300 to 1e+300 in 1 year(s) is too large to represent (a growth factor above 1.8e308 a year)\n');
    const linear = await semicap([...args, '--method', 'linear', '--format', 'csv', '--table', 'rates']);
    expect(linear.code, linear.stderr).toBe(0);
    expect(csvRows(linear.stdout)).toEqual([
      { method: 'linear', from_year: '2020', to_year: '2021', from_value: '1e-300', to_value: '1e+300', rate: '1e+300', rate_unit: 'units/yr', cagr_pct: '', step_per_year: '1e+300' },
    ]);
    // Two years apart the rate is finite: (1e600)^(1/2) − 1 = 1e300 a year, and 2021 is 1e-300·1e300 = 1.
    const two = await semicap(['project', '--from', '2020=1e-300', '--to', '2022=1e300', '--through', '2022', '--method', 'cagr', '--format', 'csv']);
    expect(two.code, two.stderr).toBe(0);
    expect(num(csvRows(two.stdout)[1].cagr)).toBeCloseTo(1, 12);
  });

  it('a falling value (not a share) is held at the floor 0 by default, with a warning; --floor none lets it go negative', async () => {
    // 100 → 50 a year: 2022 = 0 (on the floor), 2023 = −50 held at 0; cagr halves: 25, 12.5, never at the floor
    const base = ['project', '--from', '2020=100', '--to', '2021=50', '--through', '2023', '--method', 'linear,cagr', '--format', 'csv'];
    const held = await semicap(base);
    expect(held.code, held.stderr).toBe(0);
    // The path's own columns, before the empirical band columns that follow them.
    const pathColumns = held.stdout.split('\n').map((line) => line.split(',').slice(0, 4).join(',')).join('\n');
    expect(pathColumns).toBe('year,linear,cagr,point\n2020,100,100,anchor\n2021,50,50,anchor\n2022,0,25,extrapolated\n2023,0,12.5,extrapolated (linear held at bound)\n');
    // A path held at 0 gets no band (a ratio to nothing says nothing); the cagr path beside it does.
    expect(csvRows(held.stdout)[3]).toMatchObject({ linear_lo80: '', linear_hi95: '' });
    expect(num(csvRows(held.stdout)[3].cagr_lo80)).toBeGreaterThan(0);
    expect(held.stderr).toBe("semicap: warning: linear would pass 0 in 2023 (-50.0); held at 0\nsemicap: wrote table 'projection'; also available with --table: rates\n");
    const free = await semicap([...base, '--floor', 'none']);
    expect(free.code, free.stderr).toBe(0);
    expect(csvRows(free.stdout).map((x) => x.linear)).toEqual(['100', '50', '0', '-50']);
    expect(free.stderr).not.toMatch(/warning/);
    const negative = await semicap(['project', '--from', '2020=-5', '--to', '2021=5', '--method', 'linear']);
    expect(negative.code).toBe(2);
    expect(negative.stderr).toBe('semicap: anchor 2020=-5 is below the default floor 0; give --floor none (or a lower --floor) for values that can be negative\n');
    expect((await semicap(['project', '--from', '2020=-5', '--to', '2021=5', '--method', 'linear', '--floor', 'none'])).code).toBe(0);
    // a share cannot go without its floor, so --floor none is not offered for one
    const share = await semicap(['project', '--from', '2020=-5%', '--to', '2021=5%', '--method', 'linear']);
    expect(share.code).toBe(2);
    expect(share.stderr).toBe('semicap: anchor 2020 (-5) is below the floor 0\n');
    expect((await semicap(['project', '--help'])).stdout).toMatch(/--floor <value>\s+lower bound a path is held at, with a warning \(default\s+0; none: no floor/);
  });

  it('a bad anchor is a usage error: exit 2, one line', async () => {
    const r = await semicap(['project', '--from', '2023=abc', '--to', '2027=39%']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^semicap: --from '2023=abc'/);
  });
});

describe('funds', () => {
  it('--fx-year 2025 --format csv: the RMB 200–500 bn package is USD 27.8–69.6 bn at 7.1875', async () => {
    const r = await semicap(['funds', '--fx-year', '2025', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    const pkg2025 = rows.find((x) => x.fund === 'support_package_2025')!;
    expect(pkg2025).toBeDefined();
    expect(num(pkg2025.cny_bn_low)).toBe(200);
    expect(num(pkg2025.cny_bn_high)).toBe(500);
    expect(num(pkg2025.usd_bn_low)).toBeCloseTo(200 / 7.1875, 9); // 27.826087…
    expect(num(pkg2025.usd_bn_high)).toBeCloseTo(500 / 7.1875, 9); // 69.565217…
    expect(pkg2025.status).toBe('reported');
    // The CHIPS Act stands beside them, in USD as enacted.
    expect(num(rows.find((x) => x.fund === 'chips_act' && x.measure === 'appropriation')!.usd_bn_low)).toBe(52.7);
  });

  it('--format json has the totals table too', async () => {
    const r = await semicap(['funds', '--fx-year', '2025', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = jsonDoc(r.stdout, 'funds');
    expect(doc.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['funds', 'totals']));
  });
});

describe('self-sufficiency', () => {
  it('--current 2025=40% --target 2030=100%: needs 20.1124 %/yr compound and 12 pp/yr', async () => {
    const r = await semicap(['self-sufficiency', '--current', '2025=40%', '--target', '2030=100%', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = jsonDoc(r.stdout, 'self-sufficiency');
    const mine = table(doc, 'targets').rows.find((x) => x.target === 'command line' && x.year === 2030)!;
    expect(mine).toBeDefined();
    expect(mine.target_pct).toBe(100);
    expect(mine.gap_pp).toBe(60);
    expect(mine.needs_cagr_pct as number).toBeCloseTo(rri(5, 40, 100), 9);
    expect(mine.needs_cagr_pct as number).toBeCloseTo(20.1124433981431, 9); // R: 100*((100/40)^(1/5)-1)
    expect(mine.needs_pp_per_year).toBe(12);
  });

  it('default run: history and targets in a table', async () => {
    const r = await semicap(['self-sufficiency']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/mic2025_target/);
  });
});

describe('capacity', () => {
  it('default: both TrendForce releases projected apart, through each one\'s own anchors', async () => {
    const r = await semicap(['capacity', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    const at = (y: number) => rows.find((x) => x.year === String(y))!;
    expect(num(at(2023)['trendforce_2023_10.cagr'])).toBe(29);
    expect(num(at(2027)['trendforce_2023_10.cagr'])).toBe(33);
    expect(num(at(2023)['trendforce_2023_12.cagr'])).toBe(31);
    expect(num(at(2027)['trendforce_2023_12.cagr'])).toBe(39);
    expect(num(at(2030)['trendforce_2023_12.cagr'])).toBeCloseTo(31 * Math.pow(39 / 31, 7 / 4), 9);
    expect(num(at(2030)['trendforce_2023_12.linear'])).toBeCloseTo(31 + 2 * 7, 9);
  });

  it('--source picks one release', async () => {
    const r = await semicap(['capacity', '--source', 'trendforce_2023_12', '--format', 'csv']);
    expect(r.code).toBe(0);
    const header = r.stdout.split('\n')[0];
    expect(header).toMatch(/trendforce_2023_12/);
    expect(header).not.toMatch(/trendforce_2023_10/);
  });

  it('--metric wpm --region smic: wafers per month through the 2022 and 2025 year-ends', async () => {
    const r = await semicap(['capacity', '--metric', 'wpm', '--region', 'smic', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    const at = (y: number) => rows.find((x) => x.year === String(y))!;
    expect(num(at(2022)['smic.cagr'])).toBe(714000);
    expect(num(at(2025)['smic.cagr'])).toBe(1058750);
    expect(num(at(2030)['smic.cagr'])).toBeCloseTo(714000 * Math.pow(1058750 / 714000, 8 / 3), 5);
    expect(num(at(2030)['smic.linear'])).toBeCloseTo(714000 + ((1058750 - 714000) / 3) * 8, 5);
  });

  it('--metric wpm: a falling capacity is held at 0 with a warning, not projected negative', async () => {
    const data = copyDatasets(root, 'falling-capacity');
    // fab_x: 100,000 wpm at the end of 2020, 40,000 at the end of 2022: −30,000 a year → 2023 10,000, 2024 −20,000
    appendFileSync(join(data, 'capacity.csv'), '2020,year,fab_x,china,all_fabs,100000,wpm_8in_eq,actual,semi_wff_2024_01,\n2022,year,fab_x,china,all_fabs,40000,wpm_8in_eq,actual,semi_wff_2024_01,\n');
    const r = await semicap(['capacity', '--data', data, '--metric', 'wpm', '--region', 'fab_x', '--method', 'linear', '--through', '2025', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows.map((x) => [x.year, x['fab_x.linear']])).toEqual([['2020', '100000'], ['2021', '70000'], ['2022', '40000'], ['2023', '10000'], ['2024', '0'], ['2025', '0']]);
    expect(r.stderr).toMatch(/^semicap: warning: linear would pass 0 wpm_8in_eq in 2024 \(-20000\.0 wpm_8in_eq\); held at 0 wpm_8in_eq$/m);
  });

  it('an unknown region is a usage error: exit 2 and one line that lists what exists', async () => {
    const r = await semicap(['capacity', '--region', 'atlantis']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^semicap: no share figures for region 'atlantis'.*available: .*china\/mature/);
  });

  it('an unknown source is a usage error too', async () => {
    const r = await semicap(['capacity', '--source', 'no_such_source']);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('overview, validate, datasets', () => {
  it('overview is the default command (npm start)', async () => {
    const r = await semicap([]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/mature-node/);
    expect((await semicap(['overview'])).stdout).toBe(r.stdout);
  });

  it('overview --format json and md', async () => {
    const j = await semicap(['overview', '--format', 'json']);
    expect(j.code).toBe(0);
    jsonDoc(j.stdout, 'overview');
    const m = await semicap(['overview', '--format', 'md']);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/^\|.*\|\n\|[-:| ]+\|$/m);
  });

  it('validate on the bundled data: exit 0, all seven datasets, scenarios.csv and claims.csv ok', async () => {
    const r = await semicap(['validate', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const files = table(jsonDoc(r.stdout, 'validate'), 'files').rows;
    expect(files.map((f) => f.dataset)).toEqual(['sources', 'capacity_share', 'capacity', 'funds', 'self_sufficiency', 'fx', 'indicators', 'scenarios', 'claims']);
    expect(files.every((f) => f.status === 'ok' && f.problems === 0)).toBe(true);
  });

  it('datasets lists the seven bundled files and scenarios.csv with their row counts', async () => {
    const r = await semicap(['datasets', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows.map((x) => x.file)).toEqual(['sources.csv', 'capacity_share.csv', 'capacity.csv', 'funds.csv', 'self_sufficiency.csv', 'fx.csv', 'indicators.csv', 'scenarios.csv']);
    const scenarios = rows.find((x) => x.file === 'scenarios.csv')!;
    // the source_ids the scenario rows name, counted from the file with csv-parse
    const scenarioRecords = parse(readFileSync(join('datasets', 'scenarios.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(num(scenarios.sources)).toBe(new Set(scenarioRecords.map((x) => x.source_id).filter((id) => id !== '')).size);
    expect(scenarios.kinds).toBe('');
    // Row counts agree with the files themselves (header excluded; records, not lines).
    for (const row of rows) {
      const records = parse(readFileSync(join('datasets', row.file)), { bom: true }) as string[][];
      expect(num(row.rows), row.file).toBe(records.length - 1);
    }
  });

  it('a --data folder without scenarios.csv: validate checks the seven datasets, datasets says the bundled scenarios are used', async () => {
    const data = copyDatasets(root, 'no-scenarios');
    rmSync(join(data, 'scenarios.csv'));
    const v = await semicap(['validate', data, '--format', 'csv']);
    expect(v.code, v.stderr).toBe(0);
    expect(csvRows(v.stdout).map((x) => x.dataset)).toEqual(['sources', 'capacity_share', 'capacity', 'funds', 'self_sufficiency', 'fx', 'indicators', 'claims']);
    const d = await semicap(['datasets', '--data', data, '--format', 'json']);
    expect(d.code, d.stderr).toBe(0);
    const doc = jsonDoc(d.stdout, 'datasets');
    expect(table(doc, 'files').rows.map((x) => x.file)).not.toContain('scenarios.csv');
    expect(doc.notes).toContain(`${data} has no scenarios.csv: the scenario command uses the bundled scenarios`);
  });

  it('a bad scenarios.csv in a --data folder: validate gives FILE:LINE:COLUMN for each problem and exit 65', async () => {
    const data = copyDatasets(root, 'bad-scenarios');
    const file = join(data, 'scenarios.csv');
    writeFileSync(file, 'scenario,series,assumption,year,value,unit,distribution,sd,min,max,draw,source_id,note\nbase,mature_share,start,2024,34,percent,,,,,,nowhere,\nbase,mature_share,growth_pct,,fast,,,,,,,,\n');
    const v = await semicap(['validate', data, '--wide']);
    expect(v.code).toBe(65);
    expect(v.stderr).toBe(`semicap: ${file}:2:12: source_id 'nowhere' is not in sources.csv; expected one of its source_id values\nsemicap: ${file}:3:5: 'fast' is not a number; expected a plain number such as 5.9 or a reference such as @capacity_share/china/mature\n`);
    expect(v.stdout).toMatch(/scenarios\.csv\s+│ scenarios\s+│\s+2 │\s+2 │ invalid/);
    // the scenario command reads the same file and stops at the same first problem
    const s = await semicap(['scenario', '--data', data]);
    expect(s.code).toBe(65);
    expect(s.stderr).toBe(`semicap: ${file}:2:12: source_id 'nowhere' is not in sources.csv; expected one of its source_id values (1 more problem in this file)\n`);
  });

  it('while the datasets of its folder have problems, a scenario file is checked cell by cell and says its references were not', async () => {
    const data = copyDatasets(root, 'bad-sources');
    const shares = join(data, 'capacity_share.csv');
    writeFileSync(shares, 'year,region,segment,share_pct,kind,source_id\n2023,china,mature,abc,estimate,trendforce_2023_10\n');
    const file = join(data, 'scenarios.csv');
    const alone = await semicap(['validate', file]);
    expect(alone.code).toBe(65);
    expect(alone.stderr).toBe(`semicap: ${file}: source_ids and @references not checked: the datasets in ${data} have 1 problem(s); run 'semicap validate ${data}'\n`);
    const folder = await semicap(['validate', data]);
    expect(folder.code).toBe(65);
    // the folder's own problem only: the bundled scenarios' cells are fine
    expect(folder.stderr).toBe(`semicap: ${shares}:2:4: share_pct 'abc' is not a number; expected a number\n`);
  });

  it('datasets --sources lists every source', async () => {
    const r = await semicap(['datasets', '--sources', '--format', 'json']);
    expect(r.code).toBe(0);
    const sources = table(jsonDoc(r.stdout, 'datasets'), 'sources').rows;
    expect(sources.length).toBe((parse(readFileSync('datasets/sources.csv'), { bom: true }) as string[][]).length - 1);
  });
});

describe('help and version', () => {
  const commands = ['overview', 'project', 'capacity', 'funds', 'self-sufficiency', 'validate', 'datasets', 'claims'];
  for (const c of commands) {
    it(`${c} --help shows examples and exits 0`, async () => {
      const r = await semicap([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Examples:');
      expect(r.stdout).toContain(`$ semicap ${c === 'overview' ? '' : c}`.trimEnd());
      expect(r.stderr).toBe('');
    });
  }

  it('semicap --help lists every command and the exit codes', async () => {
    const r = await semicap(['--help']);
    expect(r.code).toBe(0);
    for (const c of commands) expect(r.stdout).toContain(c);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toMatch(/Exit codes: 0 ok/);
  });

  it("--version prints package.json's version", async () => {
    for (const flag of ['--version', '-V']) {
      const r = await semicap([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${pkg.version}\n`);
    }
  });

  it('an unknown command is a usage error with one line', async () => {
    const r = await semicap(['forcast-typo']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^semicap: unknown command 'forcast-typo'/);
  });
});
