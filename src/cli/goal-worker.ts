// The worker thread that simulates `semicap goal --simulate` (aside.ts): progress goes to the main thread's bar.
import { seriesGoal, type SeriesGoalInput, type SeriesGoalResult } from '../app/goal.js';
import { serveAside } from './aside.js';

await serveAside<SeriesGoalInput, SeriesGoalResult, [number, number]>((input, progress) =>
  seriesGoal({ ...input, simulation: input.simulation && { ...input.simulation, onProgress: (done, total) => progress([done, total]) } }),
);
