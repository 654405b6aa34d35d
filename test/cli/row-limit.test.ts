// Formats that hold every row at once (table, Markdown, xlsx) refuse more than 200,000 rows. When the series read
// already say so (series × horizon × methods), the refusal comes before any series is fitted: same message, exit 2,
// no file. The limit itself is crossed with small runs (SEMICAP_MAX_HELD_ROWS lowers it), and the real 200,000 is
// shown once on the row collector, without fitting 200,000 rows.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_COLLECTED_ROWS } from '../../src/cli/output.js';
import type { CellValue, Report } from '../../src/report/model.js';
import { collectStreams } from '../../src/report/stream.js';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-row-limit-');
afterAll(() => removeDir(root));

const tooMany = (format: string, limit = '200,000') =>
  `semicap: more than ${limit} rows are too many for --format ${format} (held in memory whole); use --format csv or json, which are written as the rows come\n`;

/** A file of `count` series of 3 years. */
function seriesFile(name: string, count: number): string {
  const file = join(root, name);
  let text = 'id,year,value\n';
  for (let s = 0; s < count; s++) for (let y = 0; y < 3; y++) text += `s${s},${2000 + y},${s + y}\n`;
  writeFileSync(file, text);
  return file;
}

describe('forecast refuses too many rows for table, md and xlsx before fitting', () => {
  // 1,000 series of 3 years, 100 years ahead (the longest horizon): naive, drift and theta make
  // 1,000 × 3 × 100 = 300,000 rows.
  const file = seriesFile('series.csv', 1_000);
  const args = ['forecast', file, '--id', 'id', '--horizon', '100', '--jobs', '1'];

  for (const format of ['table', 'md', 'xlsx']) {
    it(`--format ${format}: exit 2, one line, no file written`, async () => {
      const out = join(root, `forecast.${format}`);
      const r = await semicap([...args, '--method', 'naive,drift,theta', '--format', format, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(tooMany(format));
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(root).filter((n) => n.endsWith('.csv') === false)).toEqual([]);
    });
  }
});

describe('the limit itself', () => {
  // 10 series, naive and drift, 100 years ahead: 10 × 2 × 100 = 2,000 rows.
  const file = seriesFile('ten.csv', 10);
  const args = ['forecast', file, '--id', 'id', '--horizon', '100', '--jobs', '1', '--method', 'naive,drift', '--format', 'md'];

  it('exactly the limit is still written, one row more is refused (SEMICAP_MAX_HELD_ROWS 2000, then 1999)', async () => {
    const out = join(root, 'limit.md');
    const r = await semicap([...args, '--out', out], { env: { SEMICAP_MAX_HELD_ROWS: '2000' } });
    expect(r.code, r.stderr).toBe(0);
    // The Markdown table: a header line, a rule line and 2,000 rows.
    expect(readFileSync(out, 'utf8').split('\n').filter((l) => /^\| s\d+ \|/.test(l))).toHaveLength(2_000);
    removeDir(out);
    const over = await semicap([...args, '--out', out], { env: { SEMICAP_MAX_HELD_ROWS: '1999' } });
    expect(over.code).toBe(2);
    expect(over.stderr).toBe(tooMany('md', '1,999'));
    expect(existsSync(out)).toBe(false);
  });

  it('the real limit is 200,000: the collector holds 200,000 rows and refuses the 200,001st', async () => {
    expect(MAX_COLLECTED_ROWS).toBe(200_000);
    const report = (rows: number): Report => ({
      command: 'forecast',
      notes: [],
      warnings: [],
      tables: [
        {
          name: 'forecast',
          columns: [{ key: 'n', header: 'n', type: 'int' }],
          rows: [],
          // In batches of 1,000 rows (the last one shorter), as a forecast streams them.
          stream: (async function* () {
            for (let first = 0; first < rows; first += 1_000) yield Array.from({ length: Math.min(1_000, rows - first) }, (_, i): CellValue[] => [first + i]);
          })(),
        },
      ],
    });
    const held = await collectStreams(report(MAX_COLLECTED_ROWS), MAX_COLLECTED_ROWS, 'md');
    expect(held.tables[0].rows).toHaveLength(200_000);
    expect(held.tables[0].rows.at(-1)).toEqual({ n: 199_999 });
    await expect(collectStreams(report(MAX_COLLECTED_ROWS + 1), MAX_COLLECTED_ROWS, 'md')).rejects.toThrow(tooMany('md').slice('semicap: '.length, -1));
  });

  it('a SEMICAP_MAX_HELD_ROWS that is not from 1 to 200000 is a usage error before any work (exit 2)', async () => {
    for (const given of ['0', '200001', '2e3']) {
      const r = await semicap([...args, '--out', join(root, 'bad.md')], { env: { SEMICAP_MAX_HELD_ROWS: given } });
      expect(r.code, given).toBe(2);
      expect(r.stderr).toBe(`semicap: SEMICAP_MAX_HELD_ROWS=${given}; expected a whole number from 1 to 200000\n`);
    }
    expect(existsSync(join(root, 'bad.md'))).toBe(false);
  });
});
