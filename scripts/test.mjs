// `npm test` after lint and build: the type check and the tests side by side. tsc uses one core and the tests
// wait on child processes and timers now and then, so together they finish sooner than one after the other.
// Arguments go to vitest (`npm test -- --reporter=json`). tsc's report is printed after the tests'; the exit
// status is non-zero when either fails.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** The file of a package's command (its package.json `bin`). */
const bin = (pkg, name) => {
  const manifest = require.resolve(`${pkg}/package.json`);
  const entry = JSON.parse(readFileSync(manifest, 'utf8')).bin;
  return join(dirname(manifest), typeof entry === 'string' ? entry : entry[name]);
};

const typecheck = new Promise((done) => {
  const child = spawn(process.execPath, [bin('typescript', 'tsc'), '--noEmit', '--pretty'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (b) => (output += b));
  child.stderr.on('data', (b) => (output += b));
  child.on('close', (code) => done({ code: code ?? 1, output }));
});

const tests = new Promise((done) => {
  const child = spawn(process.execPath, [bin('vitest', 'vitest'), 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('close', (code) => done(code ?? 1));
});

const testCode = await tests;
const { code: typeCode, output } = await typecheck;
if (typeCode !== 0) process.stderr.write(`\ntsc --noEmit failed:\n${output}`);
else process.stdout.write('tsc --noEmit: no type errors\n');
process.exit(testCode !== 0 ? testCode : typeCode);
