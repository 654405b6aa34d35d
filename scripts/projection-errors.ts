// `npm run evidence`: regenerates datasets/projection_errors.csv from the M3 yearly benchmark
// (../shared/benchmarks/m3-yearly/m3_yearly.csv, train and test rows together), byte for byte.
//
//   npm run evidence                          write datasets/projection_errors.csv
//   npm run evidence -- --check               compare with the committed file; exit 1 if it differs
//   npm run evidence -- path/to/m3_yearly.csv another copy of the benchmark file (or M3_CSV=path)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureErrorTable } from '../src/app/projection-evidence.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const check = argv.includes('--check');
const positional = argv.filter((a) => !a.startsWith('--'));
const source = resolve(positional[0] ?? process.env.M3_CSV ?? join(ROOT, '..', 'shared', 'benchmarks', 'm3-yearly', 'm3_yearly.csv'));
const target = join(ROOT, 'datasets', 'projection_errors.csv');

try {
  const text = measureErrorTable(source);
  if (check) {
    const same = readFileSync(target, 'utf8') === text;
    process.stderr.write(same ? `evidence: ${target} matches ${source}\n` : `evidence: ${target} differs from what ${source} gives; run npm run evidence\n`);
    process.exitCode = same ? 0 : 1;
  } else {
    writeFileSync(target, text);
    process.stderr.write(`evidence: wrote ${target} (${text.split('\n').length - 2} rows) from ${source}\n`);
  }
} catch (e) {
  process.stderr.write(`evidence: ${(e as Error).message}\n`);
  process.exitCode = 66;
}
