// The Monte Carlo options of `scenario` and `goal` (--simulate, --seed, --percentiles) and their progress bar.
import { randomInt } from 'node:crypto';
import { DEFAULT_PERCENTILES, LONG_RUN_STEPS, checkPercentiles, type Progress } from '../domain/montecarlo.js';
import { MAX_SEED } from '../forecast/random.js';
import type { SimulationOptions } from './command-options.js';
import type { GlobalOptions } from './context.js';
import { inCi, liveLine } from './progress.js';
import { say } from '../messages.js';

export interface SimulationSettings {
  paths: number;
  seed: number;
  seedChosen: boolean;
  percentiles: number[];
  progress?: { update: Progress; done: () => void };
}

/** The simulation of --simulate N (given), --seed and --percentiles; a seed is chosen (and later printed) when none is given. */
export function simulationOptions(o: SimulationOptions & { simulate: number }, g: GlobalOptions): SimulationSettings {
  const seedChosen = o.seed === undefined;
  const seed = o.seed ?? randomInt(0, MAX_SEED + 1);
  const percentiles = o.percentiles === undefined ? [...DEFAULT_PERCENTILES] : checkPercentiles(o.percentiles);
  return { paths: o.simulate, seed, seedChosen, percentiles, progress: progressBar(g) };
}

/** A use case's simulation request from the settings: paths, seed and percentiles, progress reported to the bar. */
export const simulationRequest = (sim: SimulationSettings) => ({ paths: sim.paths, seed: sim.seed, percentiles: sim.percentiles, onProgress: sim.progress?.update });

/** The note that says how to get the same numbers again. */
export const seedNote = (sim: SimulationSettings) => say('sim.seed', { seed: sim.seed, chosen: sim.seedChosen ? 'yes' : 'no', paths: sim.paths });

/**
 * A progress bar on stderr, only when stderr is a terminal, --quiet is off, and the run is long (it appears once
 * the run has LONG_RUN_STEPS path-years in total). Never reaches files or pipes.
 */
export function progressBar(g: GlobalOptions, stream: NodeJS.WriteStream = process.stderr): { update: Progress; done: () => void } | undefined {
  if (!stream.isTTY || g.quiet || (stream === process.stderr && inCi())) return undefined;
  let shown = -1;
  // The bar is as wide every time, so it is drawn over itself without erasing; at the end the line is cleared.
  const line = liveLine((t) => void stream.write(t), { erase: '', clear: '\u001b[K' });
  return {
    update(done, total) {
      if (total < LONG_RUN_STEPS) return;
      const pct = Math.floor((done / total) * 100);
      if (pct === shown) return;
      shown = pct;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      line.draw(`simulating [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${String(pct).padStart(3)} %`);
    },
    done: () => line.clear(),
  };
}
