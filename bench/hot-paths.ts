// `npm run bench:hot`: CPU time of in-process paths that every command or many tests go through (loading the
// datasets, a self-sufficiency path's bands, regenerating the error table, Chinese amounts, judging the claims),
// each with a digest of its results so that two checkouts can be compared for speed and for identical output.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { judgeClaims } from '../src/app/claims.js';
import { currentPathEvidence, measureErrorTable } from '../src/app/projection-evidence.js';
import { folderClaimsPath, loadClaims } from '../src/data/claims.js';
import { loadDatasets } from '../src/data/datasets.js';
import { loadErrorTable } from '../src/data/projection-errors.js';
import { amountZh } from '../src/report/labels.js';

const M3 = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'shared', 'benchmarks', 'm3-yearly', 'm3_yearly.csv');

/** Runs `part` once to warm up, then `times` times; prints its CPU milliseconds and a digest of the last result. */
function measure(name: string, times: number, part: () => unknown): void {
  part();
  const start = process.cpuUsage();
  let result: unknown;
  for (let i = 0; i < times; i++) result = part();
  const used = process.cpuUsage(start);
  const digest = createHash('sha256').update(JSON.stringify(result)).digest('hex').slice(0, 12);
  console.log(`${name.padEnd(44)} ${String(Math.round((used.user + used.system) / 1000)).padStart(6)} ms CPU  digest ${digest}`);
}

// The folder's path is left out of the digest: it differs between checkouts.
measure('loadDatasets() x 500', 500, () => ({ ...loadDatasets(), dir: 'datasets' }));

loadErrorTable();
measure('currentPathEvidence x 2,000 (bands to 2040)', 1, () => {
  const lines: unknown[] = [];
  for (let i = 0; i < 2000; i++) {
    const from = { year: 2015, value: 10 + (i % 7) };
    const to = { year: 2020 + (i % 4), value: 20 + (i % 11) };
    lines.push(currentPathEvidence({ from, to }, { year: 2024, value: 30 }, 2040).evidence);
  }
  return lines;
});

if (existsSync(M3)) measure('measureErrorTable (M3 yearly)', 1, () => measureErrorTable(M3));
else console.log(`measureErrorTable: skipped (${M3} not found)`);

const units = ['CNY_bn', 'USD_bn', 'wpm_8in_eq', 'percent'];
measure('amountZh x 20,000', 1, () => Array.from({ length: 20_000 }, (_, i) => amountZh(i * 1.37 - 500, units[i % 4])));

const data = loadDatasets();
const claims = loadClaims(folderClaimsPath(data.dir));
measure(`judgeClaims (${claims.length} claims) x 200`, 200, () => judgeClaims(claims, data));
