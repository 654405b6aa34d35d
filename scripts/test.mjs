// `npm test`: lint, build, type check and tests. The lint and the type check start at once, beside the build and
// then the tests: tsc uses one core, and the tests wait on child processes now and then, so together they finish
// sooner than one after the other. The tests start when the build is done (the end-to-end tests run dist/); a
// failed build stops here, before any test. Arguments go to vitest (`npm test -- --reporter=json`). The lint's and
// tsc's reports are printed after the tests'; the exit status is non-zero when any of them fails.
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

// No NODE_EXTRA_CA_CERTS for the tools and tests: nothing here opens a network connection, and Node parses the
// whole certificate file at every start (see vitest.config.ts).
const env = { ...process.env };
delete env.NODE_EXTRA_CA_CERTS;

const running = new Set();
/** Runs a command with its output held back; resolves with its exit code and output. */
const quietly = (command, args) =>
  new Promise((done) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
    running.add(child);
    child.on('exit', () => running.delete(child));
    let output = '';
    child.stdout.on('data', (b) => (output += b));
    child.stderr.on('data', (b) => (output += b));
    child.on('error', (e) => done({ code: 1, output: `${e.message}\n` }));
    child.on('close', (code) => done({ code: code ?? 1, output }));
  });

const lint = quietly(process.execPath, [bin('@biomejs/biome', 'biome'), 'lint']);
// Incremental: a later run re-checks only what changed since. The state lives in node_modules/.cache, which a
// clean install (`npm ci`, .ci/run) starts without.
const typecheck = quietly(process.execPath, [bin('typescript', 'tsc'), '--noEmit', '--pretty', '--incremental', '--tsBuildInfoFile', 'node_modules/.cache/semicap/tsc.tsbuildinfo']);

const build = await quietly(process.execPath, ['scripts/build.mjs']);
if (build.code !== 0) {
  process.stderr.write(`build failed:\n${build.output}`);
  for (const child of running) child.kill();
  process.exit(build.code);
}

const tests = new Promise((done) => {
  const child = spawn(process.execPath, [bin('vitest', 'vitest'), 'run', ...process.argv.slice(2)], { stdio: 'inherit', env });
  child.on('close', (code) => done(code ?? 1));
});

const testCode = await tests;
const reports = [
  ['biome lint', await lint, 'no lint errors'],
  ['tsc --noEmit', await typecheck, 'no type errors'],
];
for (const [name, { code, output }, fine] of reports) {
  if (code !== 0) process.stderr.write(`\n${name} failed:\n${output}`);
  else process.stdout.write(`${name}: ${fine}\n`);
}
process.exit(testCode !== 0 ? testCode : (reports.find(([, r]) => r.code !== 0)?.[1].code ?? 0));
