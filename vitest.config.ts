import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Child processes, not threads: the in-process CLI runs (test/cli/run.ts) change the working folder, which
    // worker threads may not. Test files share a worker's module cache (no test mocks a module): src/ is loaded
    // once per worker instead of once per file, about a third of the suite's time.
    pool: 'forks',
    isolate: false,
    // One worker per core (vitest's default leaves one core free: a single worker on two cores). Many tests wait
    // on a child process of the CLI, and the type check beside them (scripts/test.mjs) is one more process.
    maxWorkers: availableParallelism(),
    // Transformed modules are kept on disk (node_modules/.experimental-vitest-cache, keyed by content) between
    // runs: a second run transforms only the files that changed.
    experimental: { fsModuleCache: true },
    // `npm run coverage`: line coverage of src/ by the tests (v8's own counters, no instrumenting build).
    coverage: {
      provider: 'v8',
      include: ['src/**/*.ts'],
      reporter: ['text-summary', 'text'],
      // The figures are wanted even when a test fails.
      reportOnFailure: true,
    },
  },
});
