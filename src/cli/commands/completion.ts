// `semicap completion bash|zsh|fish`: prints a completion script generated from the declared commands.
import type { Command } from 'commander';
import { usageError } from '../../errors.js';
import { makeReport } from '../../report/model.js';
import { completionScript, SHELLS } from '../completion.js';
import type { CommandResult } from '../context.js';

export function completion(program: Command, args: string[]): CommandResult {
  const shell = SHELLS.find((s) => s === args[0]);
  if (shell === undefined) throw usageError(`completion needs a shell: ${SHELLS.join(', ')} (e.g. source <(semicap completion bash))`);
  return { report: { ...makeReport('completion', []), raw: completionScript(program, shell) } };
}
