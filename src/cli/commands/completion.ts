// `semicap completion bash|zsh|fish`: prints a completion script generated from the declared commands.
import type { Command } from 'commander';
import { usageError } from '../../errors.js';
import { makeReport } from '../../report/model.js';
import { completionScript, SHELLS, type Shell } from '../completion.js';
import type { CommandResult } from '../context.js';

export function completion(program: Command, args: string[]): CommandResult {
  const shell = args[0];
  if (shell === undefined || !(SHELLS as readonly string[]).includes(shell)) throw usageError(`completion needs a shell: ${SHELLS.join(', ')} (e.g. source <(semicap completion bash))`);
  return { report: { ...makeReport('completion', []), raw: completionScript(program, shell as Shell) } };
}
