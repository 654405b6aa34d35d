// Bundles the CLI into dist/ so that start-up reads a few files instead of hundreds of modules: the
// dependencies are bundled too, and each command is split into a chunk loaded only when it runs.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative } from 'node:path';

// commander requires node:child_process at start-up for executable subcommands, which semicap never defines;
// loading that module (and the network and stream modules it pulls in) costs every run several milliseconds.
// commander only calls childProcess.spawn, so it gets a stand-in that loads the real module on that call.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onResolve({ filter: /^(node:)?child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'lazy-child-process', namespace: 'semicap-lazy' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'semicap-lazy' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

// Node's built-in modules are required, not imported: an ESM import of node:fs builds a namespace of all its
// exports, and reading them all loads fs.promises, streams, readline and the file watchers, milliseconds of
// every start-up. A required built-in gives the same functions (the banner below defines require).
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/0-9]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (args.kind !== 'import-statement' || !builtinModules.includes(name)) return undefined;
      // One stand-in per importing file, so that each lands in its importer's chunk instead of a chunk of its own.
      return { path: `${name}:${relative(process.cwd(), args.importer)}`, namespace: 'semicap-builtin', pluginData: name };
    });
    b.onLoad({ filter: /.*/, namespace: 'semicap-builtin' }, (args) => ({ contents: `module.exports = require('node:${args.pluginData}');`, loader: 'js' }));
  },
};

// Build beside dist/ and swap it in at the end, so a run of the CLI during a build never finds dist/ half-empty.
const tmp = new URL(`../dist.tmp-${process.pid}`, import.meta.url);
rmSync(tmp, { recursive: true, force: true });
await build({
  // The worker scripts are entries of their own: worker threads load them by file name (dist/*-worker.js).
  entryPoints: { cli: 'src/cli/main.ts', 'forecast-worker': 'src/app/forecast/forecast-worker.ts', 'backtest-worker': 'src/app/forecast/backtest-worker.ts', 'report-worker': 'src/cli/report-worker.ts', 'scenario-worker': 'src/cli/scenario-worker.ts', 'goal-worker': 'src/cli/goal-worker.ts' },
  outdir: `dist.tmp-${process.pid}`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  // Bundled CommonJS packages (cli-table3, exceljs) call require(); give ESM chunks a real one.
  banner: { js: "import { createRequire as __semicapCreateRequire } from 'node:module'; const require = __semicapCreateRequire(import.meta.url);" },
  sourcemap: false,
  logLevel: 'warning',
  plugins: [lazyChildProcess, builtinsByRequire],
});
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
renameSync(tmp, new URL('../dist', import.meta.url));
