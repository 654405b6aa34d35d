// Formats that hold every row at once (table, Markdown, xlsx) refuse more than 200,000 rows. When the series read
// already say so (series × horizon × methods), the refusal comes before any series is fitted: same message, exit 2,
// no file.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir('semicap-row-limit-');
afterAll(() => removeDir(root));

const tooMany = (format: string) =>
  `semicap: more than 200,000 rows are too many for --format ${format} (held in memory whole); use --format csv or json, which are written as the rows come\n`;

describe('forecast refuses too many rows for table, md and xlsx before fitting', () => {
  // 1,000 series of 3 years, 100 years ahead (the longest horizon): naive, drift and theta make
  // 1,000 × 3 × 100 = 300,000 rows.
  const file = join(root, 'series.csv');
  let text = 'id,year,value\n';
  for (let s = 0; s < 1_000; s++) for (let y = 0; y < 3; y++) text += `s${s},${2000 + y},${s + y}\n`;
  writeFileSync(file, text);
  const args = ['forecast', file, '--id', 'id', '--horizon', '100', '--jobs', '1'];

  for (const format of ['table', 'md', 'xlsx']) {
    it(`--format ${format}: exit 2, one line, no file written`, async () => {
      const out = join(root, `forecast.${format}`);
      const r = await semicap([...args, '--method', 'naive,drift,theta', '--format', format, '--out', out]);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(tooMany(format));
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(root).filter((n) => n !== 'series.csv')).toEqual([]);
    });
  }

  it('exactly 200,000 rows are still written', async () => {
    // naive and drift: 1,000 × 2 × 100 = 200,000 rows, the limit itself.
    const out = join(root, 'limit.md');
    const r = await semicap([...args, '--method', 'naive,drift', '--format', 'md', '--out', out]);
    expect(r.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    removeDir(out);
  }, 60_000);
});
