// forecastBatch hands groups of series to a method's fitMany (theta, auto): its rows must be those of fitting
// every series on its own (forecastSeries), whatever the series around it (irregular, spoiled, short, constant).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forecastBatch, forecastSeries, type BatchSettings } from '../../src/app/forecast/batch.js';
import { encodeForecast, numbersPerSeries } from '../../src/app/forecast/rows.js';
import { readSeriesTable, seriesAt } from '../../src/data/series.js';
import { methodsFromSpecs, parseMethodSpecs, withIntervals } from '../../src/forecast/registry.js';

const dir = mkdtempSync(join(tmpdir(), 'semicap-batch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 80 series: random walks of 1 to 60 years, a constant one, one with a gap, one with a value that is not a number. */
function csvText(): string {
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const lines = ['id,year,value'];
  for (let s = 0; s < 80; s++) {
    const years = s === 3 ? 1 : s === 4 ? 5 : 8 + Math.floor(random() * 53);
    let level = 50 + 500 * random();
    for (let k = 0; k < years; k++) {
      if (s === 10 && k === 4) continue; // a missing year: irregular
      level *= 1 + 0.03 + 0.1 * (random() - 0.5);
      const value = s === 11 ? 7 : s === 12 && k === 2 ? 'x' : level.toFixed(3);
      lines.push(`s${s},${2000 + k},${value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe('forecastBatch with methods that fit series together', () => {
  for (const text of ['theta', 'auto', 'theta,auto,naive']) {
    it(`--method ${text}: the rows of forecasting each series alone`, async () => {
      const path = join(dir, 'series.csv');
      writeFileSync(path, csvText());
      const table = await readSeriesTable(path, { columns: { id: 'id', time: 'year', value: 'value' } });
      const specs = parseMethodSpecs(text);
      const methods = withIntervals(methodsFromSpecs(specs), 'calibrated');
      const levels = [80, 95];
      const settings: BatchSettings = { methods: specs, intervals: 'calibrated', horizon: 6, levels, seed: 1, bounds: {}, fill: 'none' };
      const total = table.ids.length;
      const spoiled = new Uint8Array(total);
      table.problems.forEach((p, s) => (spoiled[s] = p === undefined ? 0 : 1));
      const out = new Float64Array(total * numbersPerSeries(6, levels, methods.length));
      const outcome = forecastBatch(table.grouped, spoiled, 0, total, settings, methods, out);
      const expected = new Float64Array(out.length);
      let at = 0;
      for (let s = 0; s < total; s++) {
        const series = seriesAt(table, s);
        if (spoiled[s] === 1 || 'reason' in series) continue;
        const { ok } = forecastSeries(series, methods, 6, levels, 1);
        for (const { method, forecast } of ok) at = encodeForecast(expected, at, s, series.startYear + series.values.length, methods.indexOf(method), forecast, levels);
      }
      expect(outcome.written).toBe(at);
      expect(Array.from(out.subarray(0, at))).toEqual(Array.from(expected.subarray(0, at)));
      expect(outcome.irregular.map((i) => i.series)).toEqual([10]);
      expect(spoiled[12]).toBe(1);
    });
  }
});
