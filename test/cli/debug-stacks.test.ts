// Errors record where they were raised only when that can be shown: in --debug runs (the stack follows the message)
// and outside runs (worker threads, the tests' own calls); a run without --debug records none.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWithCsvParse } from '../../src/data/csv.js';
import { dataError, recordingStacks, SemicapError, withErrorStacks } from '../../src/errors.js';
import { ROOT, semicap } from './run.js';

const FRAME = /\n\s+at /;

/** The error `make` throws. */
function thrown(make: () => unknown): Error {
  try {
    make();
  } catch (e) {
    return e as Error;
  }
  throw new Error('nothing was thrown');
}

describe('error stacks', () => {
  it('--debug prints the stack of a data error after its one-line message; without it, the line alone', async () => {
    const missing = join(ROOT, 'no-such-file.csv');
    const plain = await semicap(['validate', missing]);
    const debug = await semicap(['validate', missing, '--debug']);
    expect(plain.code).toBe(66);
    expect(debug.code).toBe(66);
    expect(plain.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(debug.stderr.startsWith(plain.stderr), debug.stderr).toBe(true);
    expect(debug.stderr.slice(plain.stderr.length)).toMatch(/^SemicapError: .*no-such-file\.csv[^\n]*\n\s+at /);
  });

  it('records stacks outside runs and in --debug runs, none in other runs, and counts overlapping runs', async () => {
    expect(recordingStacks()).toBe(true);
    expect(dataError('outside').stack).toMatch(FRAME);
    let release: () => void = () => undefined;
    const held = new Promise<void>((done) => (release = done));
    // A run without --debug still going while a --debug run starts and ends.
    const quiet = withErrorStacks(false, async () => {
      expect(dataError('quiet').stack).not.toMatch(FRAME);
      await held;
      expect(dataError('quiet, later').stack).not.toMatch(FRAME);
    });
    await withErrorStacks(true, async () => {
      expect(dataError('debug beside a quiet run').stack).toMatch(FRAME);
    });
    release();
    await quiet;
    expect(recordingStacks()).toBe(true);
  });

  it('switches to recording when --debug is learnt during the run (a config file)', async () => {
    await withErrorStacks(false, async (show) => {
      expect(new SemicapError('io', 'before').stack).not.toMatch(FRAME);
      show();
      show();
      expect(new SemicapError('io', 'after').stack).toMatch(FRAME);
    });
    expect(recordingStacks()).toBe(true);
  });

  it("leaves csv-parse's errors without a stack in a quiet run, with their message and the located problem unchanged", async () => {
    const text = 'id,year,value\na,2020,"1\n';
    const outside = thrown(() => readWithCsvParse(text, 'x.csv', ','));
    const inside = await withErrorStacks(false, async () => thrown(() => readWithCsvParse(text, 'x.csv', ',')));
    expect(inside.message).toBe(outside.message);
    expect(inside.message).toMatch(/x\.csv/);
    expect(outside.stack).toMatch(FRAME);
    expect(inside.stack).not.toMatch(FRAME);
    // The limit is put back after the parse.
    expect(new Error('after').stack).toMatch(FRAME);
  });
});
