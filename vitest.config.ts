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
    // At least two workers: vitest's default (cores − 1) is one on a 2-core machine, and many CLI tests wait on
    // child processes, so a second worker fills the waits.
    maxWorkers: Math.max(2, availableParallelism() - 1),
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
