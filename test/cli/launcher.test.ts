// The launcher as a real process: bin/semicap.js → dist/ exits with the code the CLI returns and writes the
// same bytes as the in-process runs the other end-to-end tests use (semicap() in run.ts), so those stand for it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, semicapProcess, tempDir } from './run.js';

const root = tempDir('semicap-launcher-');
afterAll(() => removeDir(root));

const badShares = join(root, 'capacity_share.csv');
writeFileSync(badShares, 'year,region,segment,share_pct,kind,source_id\n20x3,china,mature,29,estimate,trendforce_2023_10\n');

const RUNS: [code: number, args: string[]][] = [
  [0, ['--version']],
  [0, ['--help']],
  [0, ['project', '--from', '2023=29%', '--to', '2027=39%', '--through', '2030']],
  [0, ['capacity', '--format', 'csv']],
  [0, ['overview', '--format', 'json']],
  [0, ['validate']],
  [1, ['claims', '--fail-on', 'supported,supported_with_caveat,conflicts,no_source']],
  [2, ['capacty']],
  [2, ['project', '--from', '2023=29%']],
  [65, ['validate', badShares]],
  [66, ['capacity', '--data', join(root, 'nowhere')]],
  [73, ['datasets', '--out', '/proc/semicap-launcher.csv']],
  [74, ['funds', '--out', '/dev/full']],
];

describe('bin/semicap.js in a child process', () => {
  for (const [code, args] of RUNS) {
    it(`${args.join(' ')} → exit ${code}, the same stdout and stderr as in-process`, async () => {
      const child = semicapProcess(args);
      expect(child.code, child.stderr).toBe(code);
      const inProcess = await semicap(args);
      expect(inProcess).toEqual(child);
    });
  }
});
