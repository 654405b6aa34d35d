// Shell completion scripts for bash, zsh and fish, generated from the declared commands and options, so
// they never drift from the program: subcommands, each command's options, the choices of options that have
// them (--format, --lang, --metric ...), and file names for options that take a file or folder.
import type { Command } from 'commander';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export interface OptionSpec {
  long?: string;
  short?: string;
  description: string;
  takesValue: boolean;
  choices?: readonly string[];
  /** The value is a path: complete file names. */
  path: boolean;
}

export interface CommandSpec {
  name: string;
  description: string;
  options: OptionSpec[];
}

const PATH_WORDS = /file|dir|folder|path/i;

function optionSpec(o: Command['options'][number]): OptionSpec {
  const takesValue = o.required || o.optional;
  return {
    long: o.long,
    short: o.short,
    description: o.description,
    takesValue,
    choices: o.argChoices,
    path: takesValue && (o.argChoices === undefined && PATH_WORDS.test(o.flags)),
  };
}

/** Commands and options as plain data (the program's global options under the name ''). */
export function describeProgram(program: Command): CommandSpec[] {
  const globals: CommandSpec = { name: '', description: program.description(), options: [...program.options.map(optionSpec), { long: '--help', short: '-h', description: 'show help', takesValue: false, path: false }] };
  const commands = program.commands
    .filter((c) => !(c as unknown as { _hidden?: boolean })._hidden)
    .map((c) => ({ name: c.name(), description: c.description(), options: [...c.options.filter((o) => !o.hidden).map(optionSpec), { long: '--help', short: '-h', description: 'show help', takesValue: false, path: false }] }));
  return [globals, ...commands];
}

const words = (list: (string | undefined)[]) => [...new Set(list.filter((w): w is string => w !== undefined))].join(' ');
const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** A bash completion function for `semicap` (also works in zsh via bashcompinit). */
export function bashCompletion(specs: CommandSpec[], bin = 'semicap'): string {
  const [globals, ...commands] = specs;
  const fn = `_${bin.replace(/[^A-Za-z0-9_]/g, '_')}_complete`;
  const lines: string[] = [];
  lines.push(`# bash completion for ${bin}; load with: source <(${bin} completion bash)`);
  lines.push(`${fn}() {`);
  lines.push('  local cur prev cmd i');
  lines.push('  COMPREPLY=()');
  lines.push('  cur="${COMP_WORDS[COMP_CWORD]}"');
  lines.push('  prev="${COMP_WORDS[COMP_CWORD-1]}"');
  lines.push('  cmd=""');
  lines.push('  for ((i = 1; i < COMP_CWORD; i++)); do');
  lines.push('    case "${COMP_WORDS[i]}" in');
  lines.push(`      ${commands.map((c) => c.name).join('|')}) cmd="\${COMP_WORDS[i]}"; break ;;`);
  lines.push('    esac');
  lines.push('  done');
  // Values of options: choices (merged over the commands that share a flag) or file names.
  lines.push('  case "$prev" in');
  const arms = new Map<string, { choices: Set<string>; path: boolean }>();
  for (const spec of specs) {
    for (const o of spec.options) {
      if (!o.takesValue) continue;
      const flags = [o.long, o.short].filter(Boolean).join('|');
      const arm = arms.get(flags) ?? { choices: new Set<string>(), path: false };
      for (const c of o.choices ?? []) arm.choices.add(c);
      arm.path ||= o.path;
      arms.set(flags, arm);
    }
  }
  for (const [flags, arm] of arms) {
    const action = arm.choices.size > 0 ? `COMPREPLY=( $(compgen -W ${shellQuote([...arm.choices].join(' '))} -- "$cur") ); return 0` : arm.path ? 'COMPREPLY=( $(compgen -f -- "$cur") ); return 0' : 'return 0';
    lines.push(`    ${flags}) ${action} ;;`);
  }
  lines.push('  esac');
  lines.push('  if [[ -z "$cmd" ]]; then');
  lines.push(`    COMPREPLY=( $(compgen -W ${shellQuote(words([...commands.map((c) => c.name), ...globals.options.flatMap((o) => [o.long, o.short])]))} -- "$cur") )`);
  lines.push('    return 0');
  lines.push('  fi');
  lines.push('  case "$cmd" in');
  for (const c of commands) {
    lines.push(`    ${c.name}) COMPREPLY=( $(compgen -W ${shellQuote(words([...c.options.flatMap((o) => [o.long, o.short]), ...globals.options.map((o) => o.long)]))} -- "$cur") ) ;;`);
  }
  lines.push('  esac');
  lines.push('  if [[ ${#COMPREPLY[@]} -eq 0 && "$cur" != -* ]]; then COMPREPLY=( $(compgen -f -- "$cur") ); fi');
  lines.push('  return 0');
  lines.push('}');
  lines.push(`complete -o filenames -F ${fn} ${bin}`);
  return lines.join('\n') + '\n';
}

const zshEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/'/g, `'\\''`).replace(/:/g, '\\:').replace(/\[/g, '\\[').replace(/\]/g, '\\]');

/** A zsh completion function (`#compdef semicap`). */
export function zshCompletion(specs: CommandSpec[], bin = 'semicap'): string {
  const [globals, ...commands] = specs;
  const optionArgs = (o: OptionSpec) => {
    const action = o.choices ? `:value:(${o.choices.join(' ')})` : o.path ? ':file:_files' : o.takesValue ? ':value:' : '';
    const names = [o.short, o.long].filter(Boolean) as string[];
    const desc = zshEscape(o.description);
    if (names.length === 2) return `'(${names.join(' ')})'{${names.join(',')}}'[${desc}]${action}'`;
    return `'${names[0]}[${desc}]${action}'`;
  };
  const lines: string[] = [`#compdef ${bin}`, `# zsh completion for ${bin}; load with: source <(${bin} completion zsh)`, `_${bin}() {`, '  local line state', '  _arguments -C \\'];
  for (const o of globals.options) lines.push(`    ${optionArgs(o)} \\`);
  lines.push("    '1: :->cmds' \\", "    '*::arg:->args'", '  case $state in', '    cmds)', '      local -a commands', '      commands=(');
  for (const c of commands) lines.push(`        '${zshEscape(c.name)}:${zshEscape(c.description)}'`);
  lines.push('      )', "      _describe 'command' commands", '      ;;', '    args)', '      case $line[1] in');
  for (const c of commands) {
    lines.push(`        ${c.name})`, '          _arguments \\');
    for (const o of c.options) lines.push(`            ${optionArgs(o)} \\`);
    lines.push("            '*:file:_files'", '          ;;');
  }
  lines.push('      esac', '      ;;', '  esac', '}', `if [[ "\${zsh_eval_context[-1]}" == loadautofunc ]]; then _${bin} "$@"; else compdef _${bin} ${bin}; fi`);
  return lines.join('\n') + '\n';
}

const fishEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");

/** Fish completions (`complete -c semicap ...`). */
export function fishCompletion(specs: CommandSpec[], bin = 'semicap'): string {
  const [globals, ...commands] = specs;
  const names = commands.map((c) => c.name).join(' ');
  const lines: string[] = [`# fish completion for ${bin}; load with: ${bin} completion fish | source`, `complete -c ${bin} -f`];
  for (const c of commands) lines.push(`complete -c ${bin} -n 'not __fish_seen_subcommand_from ${names}' -a ${c.name} -d '${fishEscape(c.description)}'`);
  const optionLine = (o: OptionSpec, condition: string) => {
    const parts = [`complete -c ${bin}`, condition];
    if (o.long) parts.push(`-l ${o.long.replace(/^--/, '')}`);
    if (o.short) parts.push(`-s ${o.short.replace(/^-/, '')}`);
    if (o.choices) parts.push(`-x -a '${o.choices.join(' ')}'`);
    else if (o.path) parts.push('-r -F');
    else if (o.takesValue) parts.push('-x');
    parts.push(`-d '${fishEscape(o.description)}'`);
    return parts.join(' ');
  };
  for (const o of globals.options) lines.push(optionLine(o, ''));
  for (const c of commands) for (const o of c.options) lines.push(optionLine(o, `-n '__fish_seen_subcommand_from ${c.name}'`));
  return lines.map((l) => l.replace(/ {2,}/g, ' ')).join('\n') + '\n';
}

/** The completion script for a shell. */
export function completionScript(program: Command, shell: Shell): string {
  const specs = describeProgram(program);
  switch (shell) {
    case 'bash':
      return bashCompletion(specs);
    case 'zsh':
      return zshCompletion(specs);
    case 'fish':
      return fishCompletion(specs);
  }
}
