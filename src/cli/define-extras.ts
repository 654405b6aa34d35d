// Commands of reports, CI checks and shell completion (issue 6) are declared here, next to their options.
import type { Command } from 'commander';
import type { Act } from './program.js';

export function defineExtraCommands(_program: Command, _act: Act): void {
  // Declared by the reporting work: `report`, `check`, `completion`.
}
