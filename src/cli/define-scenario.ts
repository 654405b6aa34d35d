// Commands of scenarios, Monte Carlo and goal seeking (issue 4) are declared here, next to their options.
import type { Command } from 'commander';
import type { Act } from './program.js';

export function defineScenarioCommands(_program: Command, _act: Act): void {
  // Declared by the scenario work: `scenario`, `goal`, `shares`.
}
