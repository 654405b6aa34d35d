// The Monte Carlo generator moved to src/forecast/random.ts, the project's one PRNG module (createOpenRng,
// namedStreamSeed, MAX_SEED); src/ and test/ import it from there. These names stay only for bench/montecarlo.ts,
// which another branch owns: delete this file once bench imports from src/forecast/random.ts.
export { MAX_SEED, createOpenRng as createRng, namedStreamSeed as streamSeed, type OpenUnitRng as Rng } from '../forecast/random.js';
