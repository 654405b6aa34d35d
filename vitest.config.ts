import { accessSync, constants, statfsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * A folder in memory for the tests' temporary files, when TMPDIR is not set and /dev/shm is a tmpfs with room (a
 * container's is often 64 MB): the tests write, fsync and remove thousands of small files (copies of the datasets,
 * report folders), and on a disk the worker waits for each; the test files and the CLI runs they start all use it.
 */
function memoryTmpdir(): string | undefined {
  if (process.env.TMPDIR || process.platform !== 'linux') return undefined;
  try {
    const fs = statfsSync('/dev/shm');
    accessSync('/dev/shm', constants.W_OK);
    return fs.type === 0x01021994 && fs.bavail * fs.bsize >= 2 ** 30 ? '/dev/shm' : undefined;
  } catch {
    return undefined;
  }
}
const tmpdir = memoryTmpdir();

// Node reads and parses the whole certificate file NODE_EXTRA_CA_CERTS names as each process starts (about 40 ms of
// CPU for a system bundle): semicap opens no network connection, so the test workers and the hundreds of CLI
// processes, shells and tools they start go without it (it is dropped before vitest starts its workers).
delete process.env.NODE_EXTRA_CA_CERTS;

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
    env: tmpdir ? { TMPDIR: tmpdir } : {},
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
