// One option vocabulary: the same name means the same in every command; older spellings still work, print one
// deprecation line on stderr (none with --quiet) and give the same stdout as the new name.
import { describe, expect, it } from 'vitest';
import { semicap } from './run.js';

const json = (text: string) => JSON.parse(text) as { tables: { name: string; rows: Record<string, unknown>[] }[]; notes: string[] };
const rows = (text: string, name: string) => json(text).tables.find((t) => t.name === name)!.rows;

describe('older option spellings', () => {
  const pairs: [string, string[], string[], string][] = [
    ['backtest --holdout', ['backtest', 'examples/history.csv', '--value', 'share', '--method', 'naive,drift', '--holdout', '2', '--origins', '2', '--format', 'csv'], ['--holdout', '--horizon'], '--holdout is deprecated; use --horizon (same meaning)'],
    ['goal --from/--to', ['goal', '--fund-total', '344', '--deployed', '164', '--from', '2025', '--to', '2034', '--format', 'json'], ['--from', '--deploy-from', '--to', '--deploy-to'], '--from is deprecated; use --deploy-from (same meaning)\nsemicap: --to is deprecated; use --deploy-to (same meaning)'],
    ['goal --through', ['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '5', '--through', '2060', '--format', 'json'], ['--through', '--look-to'], '--through is deprecated; use --look-to (same meaning)'],
    ['self-sufficiency --through', ['self-sufficiency', '--through', '2040', '--format', 'csv'], ['--through', '--look-to'], '--through is deprecated; use --look-to (same meaning)'],
    ['shares --from', ['shares', '--segment', 'foundry', '--from', '2024', '--format', 'csv'], ['--from', '--since'], '--from is deprecated; use --since (same meaning)'],
  ];
  for (const [name, old, renames, note] of pairs) {
    it(`${name}: same stdout as the new name, one note per older spelling on stderr, none with --quiet`, async () => {
      const renamed = old.map((a) => {
        const i = renames.indexOf(a);
        return i >= 0 && i % 2 === 0 ? renames[i + 1] : a;
      });
      const before = await semicap(old);
      const after = await semicap(renamed);
      expect(before.code).toBe(0);
      expect(after.code).toBe(0);
      expect(before.stdout).toBe(after.stdout);
      expect(before.stderr).toBe(`semicap: ${note}\n${after.stderr}`);
      const quiet = await semicap(['-q', ...old]);
      expect(quiet.stdout).toBe(after.stdout);
      expect(quiet.stderr).toBe('');
    });
  }

  it('both spellings at once is a usage error naming both', async () => {
    const r = await semicap(['backtest', 'examples/history.csv', '--value', 'share', '--holdout', '2', '--horizon', '3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('semicap: give --horizon or --holdout, not both (--holdout is its older name)\n');
  });

  it('a bad value under the older spelling is named as typed', async () => {
    const r = await semicap(['backtest', 'examples/history.csv', '--value', 'share', '--holdout', 'x']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("semicap: --holdout 'x' is not a number; expected a number\n");
  });

  it('an error that names the new option says which older one was typed, on the same line', async () => {
    const r = await semicap(['goal', '--current', '2025=40%', '--target', '2030=100%', '--through', '2028']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('semicap: --look-to 2028 is before the target year 2030 (--through is deprecated; use --look-to (same meaning))\n');
  });

  it('older spellings are hidden from help and from shell completion', async () => {
    const help = (await semicap(['backtest', '--help'])).stdout;
    expect(help).toContain('--horizon <n>');
    expect(help).not.toContain('--holdout');
    const bash = (await semicap(['completion', 'bash'])).stdout;
    expect(bash).toContain('--look-to');
    expect(bash).not.toContain('--holdout');
    const goalLine = bash.split('\n').find((l) => l.trim().startsWith('goal)'))!;
    expect(goalLine).toContain('--deploy-from --deploy-to');
    expect(goalLine).not.toMatch(/ --(from|to|through) /);
  });
});

describe('--through and --look-to', () => {
  it('project: without --through the path ends in 2030, or at the last anchor when later', async () => {
    const short = rows((await semicap(['project', '--from', '2020=10', '--to', '2024=20', '--method', 'linear', '--format', 'json'])).stdout, 'projection');
    expect(short.at(-1)!.year).toBe(2030);
    const long = rows((await semicap(['project', '--from', '2025=40%', '--to', '2035=80%', '--method', 'linear', '--format', 'json'])).stdout, 'projection');
    expect(long.at(-1)!.year).toBe(2035);
  });

  it('project --target: the year each path reaches it is searched to --look-to (20 years past the target by default)', async () => {
    // Linear 29 → 39 over 2023–2027 is 2.5 pp/yr: 60 % is reached at 2027 + 21/2.5 = 2035.4, so in 2036.
    const base = ['project', '--from', '2023=29%', '--to', '2027=39%', '--method', 'linear', '--target', '2035=60%', '--format', 'json'];
    const found = rows((await semicap(base)).stdout, 'target')[0];
    expect(found.year_reached).toBe(2036);
    expect(rows((await semicap([...base, '--look-to', '2035'])).stdout, 'target')[0].year_reached).toBeNull();
    const table = await semicap([...base.slice(0, -2), '--look-to', '2035']);
    expect(table.stdout).toContain('not by 2035');
  });

  it('goal: looks 20 years past the later of 2030 and the target; "not by YEAR" after that', async () => {
    // 40 · 1.001^t never gets to 100 by 2050.
    const r = rows((await semicap(['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '0.1', '--format', 'json'])).stdout, 'path')[0];
    expect(r.horizon).toBe(2050);
    expect(r.year_reached).toBeNull();
    expect((await semicap(['goal', '--current', '2025=40%', '--target', '2030=100%', '--rate', '0.1'])).stdout).toContain('not by 2050');
  });

  it('self-sufficiency: --look-to 2040 gives the table it gave by default before', async () => {
    const r = await semicap(['self-sufficiency', '--look-to', '2040']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('not by 2040');
    expect((await semicap(['self-sufficiency'])).stdout).toContain('not by 2050');
  });

  it('scenario: targets are searched to one year for every series, named in the empty cells', async () => {
    const r = await semicap(['scenario', '--look-to', '2031', '--format', 'json']);
    const targets = rows(r.stdout, 'targets');
    expect(new Set(targets.map((t) => t.horizon))).toEqual(new Set([2031]));
    expect(targets.every((t) => t.year_reached === null || (t.year_reached as number) <= 2031)).toBe(true);
  });
});
