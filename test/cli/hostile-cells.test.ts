// Hostile cells end to end: look-alike ids kept apart with a warning, escapes shown escaped, the formula guard in
// CSV for Excel, extreme magnitudes forecast with real intervals.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, HOME: root, XDG_CONFIG_HOME: undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };

function series(name: string, ids: string[], values = [1, 2, 3, 4]): string {
  const file = join(root, name);
  const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
  writeFileSync(file, ['id,year,value', ...ids.flatMap((id) => values.map((v, i) => `${q(id)},${2019 + i},${v}`))].join('\n') + '\n');
  return file;
}

describe('hostile cells', () => {
  it('look-alike ids stay separate series and each pair is named in a warning', async () => {
    const file = series('lookalike.csv', ['china', 'china ', 'сhina', 'chi\u200bna']);
    const r = await semicap(['forecast', file, '--id', 'id', '--method', 'naive', '--horizon', '1', '--format', 'csv'], { env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').slice(1).map((l) => l.split(',')[0])).toEqual(['china', '"china "', 'сhina', 'chi\u200bna']);
    expect(r.stderr).toBe(
      [
        "semicap: warning: series ids 'china' and 'china ' look alike but differ (surrounding spaces); kept as two series: check the spelling",
        "semicap: warning: series ids 'china' and '\\u0441hina' look alike but differ (look-alike letters from another script); kept as two series: check the spelling",
        "semicap: warning: series ids 'china' and 'chi\\u200bna' look alike but differ (invisible characters); kept as two series: check the spelling",
        '',
      ].join('\n'),
    );
    const json = JSON.parse((await semicap(['forecast', file, '--id', 'id', '--method', 'naive', '--horizon', '1', '--format', 'json'], { env: ENV })).stdout);
    expect(json.warnings).toHaveLength(3);
  });

  it('escape sequences and bidi overrides in ids are shown escaped in tables and messages, never raw', async () => {
    const file = series('escapes.csv', ['a\x1b[2J\x1b]0;pwned\x07', 'b\u202etxt']);
    const gap = join(root, 'gap.csv');
    writeFileSync(gap, 'id,year,value\n"x\x1b[31m\nsemicap: all good",2019,1\n"x\x1b[31m\nsemicap: all good",2021,2\nok,2019,1\nok,2020,2\nok,2021,3\n');
    const table = await semicap(['forecast', file, '--id', 'id', '--method', 'naive', '--horizon', '1'], { env: ENV });
    expect(table.code).toBe(0);
    expect(table.stdout).not.toMatch(/[\x07\x1b\u202e]/);
    expect(table.stdout).toContain('a\\x1b[2J\\x1b]0;pwned\\x07');
    expect(table.stdout).toContain('b\\u202etxt');
    const messages = await semicap(['forecast', gap, '--id', 'id', '--method', 'naive', '--horizon', '1', '--format', 'csv'], { env: ENV });
    expect(messages.code).toBe(65);
    expect(messages.stderr).toBe("semicap: skipped series 'x\\x1b[31m\\nsemicap: all good': missing year(s) 2020; expected consecutive years (or use --fill linear to interpolate)\n");
  });

  it('--excel CSV neutralises formulas behind ; and invisible characters; numbers stay', async () => {
    const file = series('formula.csv', ['a;=1+2', '\u200b=HYPERLINK("x")', '-3.5', ' @SUM(A1)'], [-3.5, -2, -1, 0]);
    const r = await semicap(['forecast', file, '--id', 'id', '--method', 'naive', '--horizon', '1', '--format', 'csv', '--excel'], { env: ENV });
    expect(r.code).toBe(0);
    const ids = r.stdout.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.slice(0, l.indexOf(',20')));
    expect(ids).toEqual(["a;'=1+2", `"'\u200b=HYPERLINK(""x"")"`, '-3.5', "' @SUM(A1)"]);
    expect(r.stdout).toContain(',2023,naive,0,');
  });

  it('a series of 1e300s is forecast with intervals of real width', async () => {
    const file = series('huge.csv', ['a'], [1e300, 2e300, 2.5e300, 3.5e300]);
    const r = await semicap(['forecast', file, '--id', 'id', '--method', 'drift', '--horizon', '1', '--format', 'json'], { env: ENV });
    expect(r.code).toBe(0);
    const [row] = JSON.parse(r.stdout).tables[0].rows;
    expect(row.mean).toBeCloseTo(4.333333333333333e300, -290);
    expect(row.hi95 - row.lo95).toBeGreaterThan(1e299);
  });
});
