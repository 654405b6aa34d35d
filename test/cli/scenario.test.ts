// End-to-end runs of `scenario`, `goal` and `shares` through the built CLI (bin/semicap.js → dist/).
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ANSI, copyDatasets, removeDir, semicap, tempDir } from './run.js';

interface JsonReport {
  command: string;
  tables: { name: string; columns: { key: string }[]; rows: Record<string, number | string | boolean | null>[] }[];
  notes: string[];
  warnings: string[];
}
const json = (stdout: string) => JSON.parse(stdout) as JsonReport;
const table = (r: JsonReport, name: string) => r.tables.find((t) => t.name === name)!;
const csvRows = (text: string) => text.trim().split(/\r?\n/).map((l) => l.split(','));

const dir = tempDir();
afterAll(() => removeDir(dir));

describe('semicap scenario', () => {
  it('runs every bundled scenario side by side: point paths, targets, assumptions', async () => {
    const r = await semicap(['scenario', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const rep = json(r.stdout);
    expect(rep.tables.map((t) => t.name)).toEqual(['paths', 'targets', 'assumptions']);
    const paths = table(rep, 'paths').rows;
    expect([...new Set(paths.map((p) => p.scenario))]).toEqual(['bear', 'base', 'bull']);
    const base2030 = paths.find((p) => p.scenario === 'base' && p.series === 'mature_share' && p.year === 2030)!;
    expect(base2030.value as number).toBeCloseTo(34 * 1.0591 ** 6, 10);
    expect(rep.notes.some((n) => n.startsWith('bear: Export controls'))).toBe(true);
  });

  it('runs named scenarios and series only, in the order asked', async () => {
    const r = await semicap(['scenario', 'bull', 'bear', '--series', 'mature_share', '--format', 'csv']);
    expect(r.code).toBe(0);
    const rows = csvRows(r.stdout);
    expect(rows[0]).toEqual(['scenario', 'series', 'year', 'value', 'unit', 'held']);
    expect([...new Set(rows.slice(1).map((x) => x[0]))]).toEqual(['bull', 'bear']);
    expect(new Set(rows.slice(1).map((x) => x[1]))).toEqual(new Set(['mature_share']));
  });

  it('--set overrides an assumption; unknown keys are usage errors naming the valid ones', async () => {
    const r = await semicap(['scenario', 'base', '--series', 'mature_share', '--set', 'base.mature_share.growth_pct=6', '--format', 'json']);
    expect(r.code).toBe(0);
    const v = table(json(r.stdout), 'paths').rows.find((p) => p.year === 2030)!.value as number;
    expect(v).toBeCloseTo(34 * 1.06 ** 6, 10); // 48.2296
    expect(json(r.stdout).notes).toContain('overridden on the command line: base.mature_share.growth_pct=6');

    const bad = await semicap(['scenario', '--set', 'base.mature_share.growht_pct=6']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/unknown assumption 'growht_pct'; valid for mature_share: method, start, growth_pct, growth_pct\.sd, growth_pct\.draw, step, cap/);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const badScenario = await semicap(['scenario', '--set', 'best.mature_share.growth_pct=6']);
    expect(badScenario.code).toBe(2);
    expect(badScenario.stderr).toMatch(/valid: bear, base, bull/);
    const unknown = await semicap(['scenario', 'baes']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no scenario 'baes'.*did you mean 'base'/);
  });

  it('--simulate N --seed S: the same seed gives byte-identical output, another seed different numbers', async () => {
    const args = ['scenario', '--simulate', '3000', '--percentiles', '10,50,90', '--format', 'csv'];
    const one = await semicap([...args, '--seed', '7']);
    const two = await semicap([...args, '--seed', '7']);
    const other = await semicap([...args, '--seed', '8']);
    expect(one.code).toBe(0);
    expect(one.stdout).toBe(two.stdout);
    expect(other.stdout).not.toBe(one.stdout);
    expect(csvRows(one.stdout)[0]).toEqual(['scenario', 'series', 'year', 'p10', 'p50', 'p90', 'mean', 'point', 'unit']);
    // No progress bar or other noise in a pipe; the CSV's other tables are named on stderr.
    expect(one.stderr).not.toMatch(/simulating|\r/);
  });

  it('prints the seed in the notes, choosing one when none is given; that seed reproduces the run', async () => {
    const chosen = await semicap(['scenario', 'base', '--simulate', '2000', '--format', 'json']);
    expect(chosen.code).toBe(0);
    const note = json(chosen.stdout).notes.find((n) => n.startsWith('seed '))!;
    expect(note).toMatch(/^seed \d+ \(chosen at random\): run again with --seed \d+ --simulate 2000/);
    const seed = /^seed (\d+)/.exec(note)![1];
    const again = await semicap(['scenario', 'base', '--simulate', '2000', '--seed', seed, '--format', 'json']);
    expect(json(again.stdout).tables).toEqual(json(chosen.stdout).tables);
    expect(json(again.stdout).notes[json(again.stdout).notes.findIndex((n) => n.startsWith('seed '))]).toMatch(new RegExp(`^seed ${seed}: run again`));
  });

  it('reports percentile bands in order, shares within 0–100 %, and target probabilities', async () => {
    const r = await semicap(['scenario', '--simulate', '20000', '--seed', '1', '--format', 'json']);
    const rep = json(r.stdout);
    const bands = table(rep, 'bands');
    expect(bands.columns.map((c) => c.key).slice(3, 8)).toEqual(['p5', 'p25', 'p50', 'p75', 'p95']);
    for (const row of bands.rows) {
      const q = ['p5', 'p25', 'p50', 'p75', 'p95'].map((k) => row[k] as number);
      for (let i = 1; i < q.length; i++) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]);
      if (row.unit === 'percent') expect(q[0] >= 0 && q[4] <= 100).toBe(true);
    }
    const targets = table(rep, 'targets').rows;
    const baseMature = targets.find((t) => t.scenario === 'base' && t.series === 'mature_share' && t.target_year === 2030)!;
    // 34·(1+g)^6 ≥ 50 ⇔ g ≥ (50/34)^(1/6) − 1 = 6.6388 %, g ~ N(5.91, 2): P = 1 − Φ(0.3644) = 0.3578.
    const p = baseMature.probability as number;
    expect(Math.abs(p - 0.3578)).toBeLessThan(4 * Math.sqrt((0.3578 * 0.6422) / 20000) + 0.0005);
    expect(targets.every((t) => (t.probability as number) >= 0 && (t.probability as number) <= 1)).toBe(true);
  });

  it('writes --out atomically with no colour and nothing on stdout', async () => {
    const out = join(dir, 'bands.csv');
    const r = await semicap(['scenario', 'base', '--simulate', '1000', '--seed', '3', '--format', 'csv', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const text = readFileSync(out, 'utf8');
    expect(text.startsWith('scenario,series,year,p5,p25,p50,p75,p95,mean,point,unit\n')).toBe(true);
    expect(text).not.toMatch(ANSI);
    const targets = join(dir, 'targets.csv');
    expect((await semicap(['scenario', '--simulate', '500', '--seed', '3', '--format', 'csv', '--table', 'targets', '--out', targets])).code).toBe(0);
    expect(readFileSync(targets, 'utf8').split('\n')[0]).toBe('scenario,series,target_year,target,unit,probability,standard_error,point_met,required_cagr_pct,required_step_per_year,source_id');
    const md = await semicap(['scenario', 'bear', '--format', 'md']);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/\| scenario \| series \| year \|/);
  });

  it('bad option values are usage errors (exit 2) and write no file', async () => {
    const out = join(dir, 'never.csv');
    for (const args of [
      ['--simulate', '0'],
      ['--simulate', '10', '--seed', '-1'],
      ['--simulate', '10', '--seed', '1', '--percentiles', '0,50'],
      ['--simulate', '10', '--seed', '1', '--percentiles', '50,50'],
      ['--series', 'nothing'],
      ['--through', '20300'],
    ]) {
      const r = await semicap(['scenario', ...args, '--out', out]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^semicap: /);
      expect(existsSync(out)).toBe(false);
    }
  });

  it("reads a user's scenario file (--file) and reports a bad one as FILE:LINE:COLUMN, exit 65", async () => {
    const good = join(dir, 'mine.csv');
    writeFileSync(good, 'scenario,series,assumption,year,value,unit,distribution,sd,min,max,draw,source_id,note\nmine,smic,start,2025,1058750,wpm_8in_eq,,,,,,smic_2025_q4,\nmine,smic,growth_pct,,10,,uniform,,5,15,yearly,,\nmine,smic,target,2030,1500000,wpm_8in_eq,,,,,,,\n');
    const r = await semicap(['scenario', '--file', good, '--through', '2030', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(table(json(r.stdout), 'paths').rows.at(-1)!.value as number).toBeCloseTo(1058750 * 1.1 ** 5, 6);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'scenario,series,assumption,year,value,unit,distribution,sd,min,max,draw,source_id,note\nmine,smic,start,2025,1058750,wpm_8in_eq,,,,,,smic_2099_q4,\n');
    const e = await semicap(['scenario', '--file', bad]);
    expect(e.code).toBe(65);
    expect(e.stdout).toBe('');
    expect(e.stderr).toContain(`${bad}:2:12: source_id 'smic_2099_q4' is not in sources.csv`);
  });

  it('--data DIR without scenarios.csv falls back to the bundled scenarios and says so', async () => {
    const data = copyDatasets(tempDir());
    removeDir(join(data, 'scenarios.csv'));
    const r = await semicap(['scenario', 'base', '--data', data, '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/has no scenarios\.csv; using the bundled scenarios/);
    removeDir(join(data, '..'));
  });
});

describe('semicap goal', () => {
  it('40 % → 100 % in 5 years needs 20.1124 %/yr compound and 12 pp/yr linear', async () => {
    const r = await semicap(['goal', '--current', '2025=40%', '--target', '2030=100%', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const row = table(json(r.stdout), 'goal').rows[0];
    expect(row.required_cagr_pct as number).toBeCloseTo((2.5 ** (1 / 5) - 1) * 100, 10);
    expect(row.required_cagr_pct as number).toBeCloseTo(20.1124, 4);
    expect(row.required_step_per_year).toBe(12);
    expect(row.gap).toBe(60);
  });

  it('gives the year the current path reaches the target (--rate, --step)', async () => {
    const rate = json((await semicap(['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '15', '--format', 'json'])).stdout);
    // 40·1.15^t = 100 ⇔ t = ln 2.5 / ln 1.15 = 6.556 → 2032
    expect(table(rate, 'path').rows[0].year_reached).toBe(2032);
    expect(table(rate, 'path').rows[0].value_in_target_year as number).toBeCloseTo(40 * 1.15 ** 5, 10);
    const step = json((await semicap(['goal', '--current', '2025=40%', '--target', '2030=100%', '--step', '8', '--format', 'json'])).stdout);
    expect(table(step, 'path').rows[0].year_reached).toBe(2033); // 60/8 = 7.5 years
    const never = json((await semicap(['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '0.1', '--look-to', '2040', '--format', 'json'])).stdout);
    expect(table(never, 'path').rows[0].year_reached).toBeNull();
  });

  it("uses a scenario's series as the current path", async () => {
    const r = await semicap(['goal', '--scenario', 'base.mature_share', '--target', '2030=50%', '--format', 'json']);
    expect(r.code).toBe(0);
    const row = table(json(r.stdout), 'path').rows[0];
    expect(row.value_in_target_year as number).toBeCloseTo(34 * 1.0591 ** 6, 10);
    expect(row.year_reached).toBe(2031); // 34·1.0591^t = 50 ⇔ t = 6.72
  });

  it("with --scenario and --simulate, the probability is the scenario run's for the same seed and paths", async () => {
    const goal = json((await semicap(['goal', '--scenario', 'bull.mature_share', '--target', '2030=50%', '--simulate', '4000', '--seed', '9', '--format', 'json'])).stdout);
    const sc = json((await semicap(['scenario', 'bull', '--series', 'mature_share', '--simulate', '4000', '--seed', '9', '--format', 'json'])).stdout);
    const p = table(sc, 'targets').rows.find((t) => t.target_year === 2030)!.probability;
    expect(table(goal, 'path').rows[0].probability).toBe(p);
  });

  it('--simulate with --rate-sd: the probability agrees with the closed form and is reproducible', async () => {
    const args = ['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '15', '--rate-sd', '5', '--simulate', '100000', '--seed', '1', '--format', 'json'];
    const r = await semicap(args);
    expect(r.code).toBe(0);
    const row = table(json(r.stdout), 'path').rows[0];
    // P(g ≥ 20.1124 %) for g ~ N(15, 5) = 1 − Φ(1.02248) = 0.15327 (the path is held at 100 %, which meets it).
    expect(Math.abs((row.probability as number) - 0.15327)).toBeLessThan(4 * Math.sqrt((0.15327 * 0.84673) / 100000));
    expect(row.p95 as number).toBeLessThanOrEqual(100);
    expect((await semicap(args)).stdout).toBe(r.stdout);
    expect(json(r.stdout).notes.some((n) => n.startsWith('seed 1: run again'))).toBe(true);
    const noSd = await semicap(['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '15', '--simulate', '100']);
    expect(noSd.code).toBe(2);
    expect(noSd.stderr).toMatch(/needs its spread: --rate-sd/);
  });

  it('funds: the yearly deployment a total needs, constant and growing', async () => {
    const r = await semicap(['goal', '--fund-total', '344', '--deployed', '164', '--deploy-from', '2025', '--deploy-to', '2034', '--growth', '10', '--format', 'json']);
    expect(r.code).toBe(0);
    const rep = json(r.stdout);
    const d = table(rep, 'deployment').rows[0];
    expect(d.constant_per_year).toBe(18); // (344 − 164) / 10
    // first · Σ 1.1^i (i = 0..9) = 180 ⇔ first = 180 · 0.1 / (1.1^10 − 1) = 11.2942
    expect(d.first_year_amount as number).toBeCloseTo((180 * 0.1) / (1.1 ** 10 - 1), 10);
    const schedule = table(rep, 'schedule').rows;
    expect(schedule).toHaveLength(10);
    expect(schedule.at(-1)!.cumulative_constant as number).toBeCloseTo(344, 10);
    expect(schedule.at(-1)!.cumulative_growing as number).toBeCloseTo(344, 10);
    const mixed = await semicap(['goal', '--fund-total', '344', '--target', '2030=1']);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/--target does not go with --fund-total/);
    expect((await semicap(['goal', '--fund-total', '344'])).stderr).toMatch(/needs --deploy-from YEAR and --deploy-to YEAR/);
  });

  it('from 0 there is no compound rate (empty), only a linear one; a met goal needs nothing', async () => {
    const zero = await semicap(['goal', '--current', '2025=0%', '--target', '2030=10%', '--format', 'csv']);
    expect(zero.code).toBe(0);
    expect(zero.stdout.trim().split('\n')[1]).toBe('2025,0,2030,10,10,open,,2');
    const compound = await semicap(['goal', '--current', '2025=0%', '--target', '2030=10%', '--rate', '5']);
    expect(compound.code).toBe(2);
    expect(compound.stderr).toMatch(/compound path needs a positive current value/);
    const met = json((await semicap(['goal', '--current', '2025=80%', '--target', '2030=70%', '--format', 'json'])).stdout);
    expect(table(met, 'goal').rows[0]).toMatchObject({ status: 'met', required_cagr_pct: 0, required_step_per_year: 0 });
  });

  it('asks for what is missing', async () => {
    const r = await semicap(['goal']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--target YEAR=VALUE/);
  });
});

describe('semicap shares', () => {
  const sums = (rows: string[][], header: string[]) => {
    const byYear = new Map<string, number>();
    const y = header.indexOf('year');
    const v = header.indexOf('share_pct');
    for (const row of rows) byYear.set(row[y], (byYear.get(row[y]) ?? 0) + Number(row[v]));
    return byYear;
  };

  it('foundry shares add up to 100 % every year and each stays within 0–100 %', async () => {
    const r = await semicap(['shares', '--segment', 'foundry', '--through', '2030', '--format', 'csv']);
    expect(r.code).toBe(0);
    const [header, ...rows] = csvRows(r.stdout);
    expect(header).toEqual(['year', 'region', 'share_pct', 'independent_pct', 'status']);
    const totals = sums(rows, header);
    expect([...totals.keys()]).toEqual(['2023', '2024', '2025', '2026', '2027', '2028', '2029', '2030']);
    for (const total of totals.values()) expect(total).toBeCloseTo(100, 9);
    for (const row of rows) expect(Number(row[2]) >= 0 && Number(row[2]) <= 100).toBe(true);
    // Anchors are kept: Taiwan 46 % (2023) and 41 % (2027) in TrendForce's Dec 2023 release.
    expect(Number(rows.find((x) => x[0] === '2027' && x[1] === 'taiwan')![2])).toBeCloseTo(41, 10);
  });

  it('says the method and the source in the notes', async () => {
    const rep = json((await semicap(['shares', '--segment', 'wafer_300mm', '--format', 'json'])).stdout);
    expect(rep.notes[0]).toMatch(/^method: each region's share is treated as capacity growing at a compound rate/);
    expect(rep.notes[1]).toMatch(/^source semi_300mm_20\d\d_\d\d/);
    const wide = table(rep, 'wide').rows;
    for (const row of wide) expect(row.total as number).toBeCloseTo(100, 9);
    // Projected alone, the seven regions would not add up to 100 after the anchors.
    expect(Math.abs((wide.at(-1)!.alone_total as number) - 100)).toBeGreaterThan(0.01);
    // SEMI's rounded 2025 shares add up to 101 %: scaled to 100, with a warning.
    expect(rep.warnings).toContain("the source's shares add up to 101 % in 2025 (rounded figures); scaled by 100/101 to add up to 100 %");
    const china2025 = table(rep, 'shares').rows.find((x) => x.year === 2025 && x.region === 'china')!;
    expect(china2025.share_pct as number).toBeCloseTo((23 * 100) / 101, 10);
  });

  it('every segment and source with projectable regions adds up, by both methods', async () => {
    for (const [segment, source] of [['mature', 'trendforce_2023_10'], ['wafer_300mm', 'semi_300mm_2022_10'], ['wafer_300mm', 'semi_300mm_2023_03'], ['advanced', 'trendforce_2023_12']]) {
      for (const method of ['cagr', 'linear']) {
        const r = await semicap(['shares', '--segment', segment, '--source', source, '--method', method, '--through', '2035', '--format', 'csv']);
        expect(r.code, `${segment} ${source} ${method}: ${r.stderr}`).toBe(0);
        const [header, ...rows] = csvRows(r.stdout);
        for (const total of sums(rows, header).values()) expect(total).toBeCloseTo(100, 9);
        for (const row of rows) expect(Number(row[2]) >= 0 && Number(row[2]) <= 100).toBe(true);
      }
    }
  });

  it('unknown segments and sources are usage errors naming what exists', async () => {
    const seg = await semicap(['shares', '--segment', 'nothing']);
    expect(seg.code).toBe(2);
    expect(seg.stderr).toMatch(/no share figures for segment 'nothing'; segments: .*foundry/);
    const src = await semicap(['shares', '--segment', 'foundry', '--source', 'semi_wff_2024_01']);
    expect(src.code).toBe(2);
    expect(src.stderr).toMatch(/sources for foundry: trendforce_2023_12, idc_2023_eps/);
  });
});
