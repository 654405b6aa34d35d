// `forecast --explain` and auto's choice across threads: 92 series (60 short, 32 long cycles), four batches of 25
// (SEMICAP_BATCH_SERIES; 500 by default), so forecast fits them in worker threads as it does a file of thousands of
// series; auto's choice per series, its evidence and its forecasts are byte for byte the same with 1 and 2 threads.
// The one-thread runs are made in this process, the two-thread runs by the built CLI (worker threads start only
// from the bundle).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRng, normal } from '../../src/forecast/random.js';
import { removeDir, type Run, semicap, semicapProcess, tempDir } from './run.js';

const root = tempDir('semicap-explain-');
afterAll(() => removeDir(root));

// short0..short59: 12 years of a noisy trend; long0..long31: 60 years of an AR(2) cycle (period 5-12 years, each
// period four times) around 100, or a noisy trend for every fourth one, all seeded.
const [SHORT, LONG] = [60, 32];
const ENV = { SEMICAP_BATCH_SERIES: '25' };
const rng = createRng(2026);
const lines = ['id,year,value'];
for (let s = 0; s < SHORT; s++) {
  let v = 50 + s;
  for (let k = 0; k < 12; k++) lines.push(`short${s},${2010 + k},${(v += 1 + normal(rng, 0, 2)).toFixed(3)}`);
}
for (let s = 0; s < LONG; s++) {
  const period = 5 + (s % 8);
  const [phi1, phi2] = [2 * 0.9 * Math.cos((2 * Math.PI) / period), -0.81];
  let [x1, x2] = [0, 0];
  for (let k = 0; k < 60; k++) {
    const x = s % 4 === 3 ? k * 2 + normal(rng, 0, 3) : phi1 * x1 + phi2 * x2 + normal(rng, 0, 5);
    [x2, x1] = [x1, x];
    lines.push(`long${s},${1900 + k},${(100 + x).toFixed(3)}`);
  }
}
const FILE = join(root, 'mixed.csv');
writeFileSync(FILE, lines.join('\n') + '\n');
const rows = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe('forecast --explain', () => {
  const explain: Record<string, Run> = {};
  const forecasts: Record<string, Run> = {};
  const threads = (args: string[], jobs: string) => (jobs === '1' ? semicap([...args, '--jobs', jobs], { env: ENV }) : Promise.resolve(semicapProcess([...args, '--jobs', jobs], { env: ENV })));
  beforeAll(async () => {
    for (const jobs of ['1', '2']) {
      explain[jobs] = await threads(['forecast', FILE, '--id', 'id', '--explain', '--format', 'csv'], jobs);
      forecasts[jobs] = await threads(['forecast', FILE, '--id', 'id', '--format', 'csv', '--verbose'], jobs);
    }
  });

  it("auto's choice, evidence and forecasts are the same with 1 and 2 worker threads", () => {
    expect(explain['1'].code, explain['1'].stderr).toBe(0);
    expect(explain['2'].code).toBe(0);
    expect(explain['2'].stdout).toBe(explain['1'].stdout);
    expect(forecasts['1'].code).toBe(0);
    expect(forecasts['2'].stdout).toBe(forecasts['1'].stdout);
    // The two runs really differ in how the work was done.
    expect(forecasts['1'].stderr).toContain('in the main thread');
    expect(forecasts['2'].stderr).toContain('in 2 worker thread(s)');
  });

  it('says per series what auto did: the median below 48 years, the candidate with the lowest evidence above', () => {
    const got = rows(explain['1'].stdout);
    expect(Object.keys(got[0])).toEqual(['id', 'years', 'method', 'rule', 'chose', 'mae_median', 'mae_theta', 'mae_arima', 'mae_holt', 'mae_damped', 'why']);
    expect(got).toHaveLength(SHORT + LONG);
    const short = got.filter((r) => r.id.startsWith('short'));
    const long = got.filter((r) => r.id.startsWith('long'));
    for (const r of short) {
      expect([r.years, r.method, r.rule, r.chose, r.mae_arima]).toEqual(['12', 'auto', 'median', 'median', '']);
      expect(r.why).toContain('fewer than 48');
    }
    for (const r of long) {
      expect([r.years, r.rule]).toEqual(['60', 'evidence']);
      const mae = { median: Number(r.mae_median), theta: Number(r.mae_theta), arima: Number(r.mae_arima), holt: Number(r.mae_holt), damped: Number(r.mae_damped) };
      // The chosen candidate has the lowest error (the median wins ties).
      expect(Math.min(...Object.values(mae))).toBe(mae[r.chose as keyof typeof mae]);
      expect(r.why).toContain('lowest mean absolute error');
    }
    // The cycles go to arima, and not every long series does.
    const cycles = long.filter((_, s) => s % 4 !== 3);
    expect(cycles.filter((r) => r.chose === 'arima').length).toBeGreaterThan(cycles.length * 0.8);
    expect(new Set(long.map((r) => r.chose)).size).toBeGreaterThan(1);
  });

  it('explains other methods by their model; JSON carries the same fields', async () => {
    const r = await semicap(['forecast', 'docs/sunspots.example.csv', '--value', 'sunspots', '--method', 'arima,auto', '--explain', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout) as { tables: { name: string; rows: Record<string, unknown>[] }[] };
    expect(json.tables[0].name).toBe('explain');
    const [arima, auto] = json.tables[0].rows;
    expect(arima).toMatchObject({ id: '(series)', years: 289, method: 'arima', rule: null, mae_arima: null });
    expect(String(arima.chose)).toMatch(/^ARIMA\(\d,\d,\d\)/);
    expect(auto).toMatchObject({ id: '(series)', years: 289, method: 'auto', rule: 'evidence', chose: 'arima' });
    expect(typeof auto.mae_median).toBe('number');
    expect(String(auto.why)).toContain('289 years');
  });

  it('JSON forecasts with auto carry a second table, auto, with the same fields; CSV stays one table', async () => {
    const args = ['forecast', 'docs/sunspots.example.csv', '--value', 'sunspots', '--method', 'naive,auto', '--horizon', '2'];
    const json = JSON.parse((await semicap([...args, '--format', 'json'])).stdout) as { tables: { name: string; rows: Record<string, unknown>[] }[] };
    expect(json.tables.map((t) => t.name)).toEqual(['forecast', 'auto']);
    expect(json.tables[0].rows).toHaveLength(4);
    expect(json.tables[1].rows).toEqual([expect.objectContaining({ id: '(series)', years: 289, method: 'auto', rule: 'evidence', chose: 'arima' })]);
    const csv = await semicap([...args, '--format', 'csv']);
    expect(csv.stdout.split('\n')[0]).toBe('id,year,method,mean,lo80,hi80,lo95,hi95');
    expect(rows(csv.stdout)).toHaveLength(4);
  });
});
