// `semicap completion bash|zsh|fish`: prints a completion script generated from the declared commands.
import type { Command } from 'commander';
import { usageError } from '../../errors.js';
import { say } from '../../messages.js';
import { makeReport } from '../../report/model.js';
import { completionScript, SHELLS } from '../completion.js';
import type { CommandResult } from '../context.js';

export function completion(program: Command, args: string[]): CommandResult {
  const shell = SHELLS.find((s) => s === args[0]);
  if (shell === undefined) throw usageError(say('error.completionNeedsShell', { shells: SHELLS.join(', ') }));
  return { report: { ...makeReport('completion', []), raw: completionScript(program, shell) } };
}
