#!/usr/bin/env node
// Launcher: the CLI itself is bundled into dist/ by `npm run build` (run by `npm ci` through `prepare`).
// A missing build or any crash is exit 70 (internal error) with one line, never 0 or 1 (1 means a check failed).
const fail = (text) => {
  try {
    process.stderr.write(`semicap: ${text}\n`);
  } catch {
    /* stderr is gone too */
  }
  process.exit(70);
};

let cli;
try {
  cli = await import('../dist/cli.js');
} catch (e) {
  if (e?.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('cli.js')) {
    fail('the CLI is not built (dist/cli.js is missing): run `npm run build` in the semicap folder (`npm ci --ignore-scripts` skips the build)');
  }
  fail(`internal error: cannot load the CLI (${String(e?.message ?? e).split('\n')[0]})`);
}
cli.run(process.argv.slice(2)).catch((e) => fail(`internal error: ${String(e?.message ?? e).split('\n')[0]}`));
