// Bundles the CLI into dist/ so that start-up reads a few files instead of hundreds of modules: the
// dependencies are bundled too, and each command is split into a chunk loaded only when it runs.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';

// Build beside dist/ and swap it in at the end, so a run of the CLI during a build never finds dist/ half-empty.
const tmp = new URL(`../dist.tmp-${process.pid}`, import.meta.url);
rmSync(tmp, { recursive: true, force: true });
await build({
  // The forecast worker is its own entry: worker threads load it by file name (dist/forecast-worker.js).
  entryPoints: { cli: 'src/cli/main.ts', 'forecast-worker': 'src/cli/commands/forecast-worker.ts' },
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
});
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
renameSync(tmp, new URL('../dist', import.meta.url));
