// The worker thread that simulates `semicap scenario --simulate` (aside.ts): progress goes to the main thread's bar.
import { scenarioUseCase, type ScenarioInput, type ScenarioResult } from '../app/scenario.js';
import { serveAside } from './aside.js';

await serveAside<ScenarioInput, ScenarioResult, [number, number]>(
  (input, progress) => scenarioUseCase({ ...input, simulation: input.simulation && { ...input.simulation, onProgress: (done, total) => progress([done, total]) } }));
