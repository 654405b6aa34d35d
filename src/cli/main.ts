// Entry point of the CLI: builds the program, runs one command, renders its report, and maps any error to
// an exit code in one place. Command implementations are loaded only when their command runs.
import { Command, CommanderError, Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { isSemicapError } from '../errors.js';
import { colorLevel, type ColorLevel } from './color.js';
import type { CommandResult, GlobalOptions } from './context.js';
import { EXIT, exitCodeFor } from './exit.js';
import { escapeControls, escapeControlsKeepLines } from '../report/sanitize.js';
import { defineCommands, type ExtraGlobals } from './program.js';

export const VERSION: string = pkg.version;

export interface Io {
  stdout(text: string): Promise<void>;
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
}

const processIo = (): Io => ({
  stdout: (text) => new Promise<void>((done) => (text === '' ? done() : process.stdout.write(text, () => done()))),
  stderr: (text) => void process.stderr.write(text),
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  env: process.env,
});

/** Builds the program; `execute` runs a command's implementation and renders its result. */
export function buildProgram(io: Io, onResult: (result: CommandResult, opts: GlobalOptions) => Promise<void>): Command {
  const program = new Command('semicap')
    .description('Semiconductor capacity forecaster: growth projections, forecasts and sourced data on mature-node capacity, chip funds and self-sufficiency.')
    .version(VERSION, '-V, --version', 'print the version')
    .option('--no-color', 'no colour codes (also NO_COLOR=1)')
    .option('--debug', 'print stack traces of internal errors', false)
    .option('-q, --quiet', 'no messages on stderr except errors', false)
    .option('--verbose', 'extra diagnostics on stderr: settings and where they came from, timings', false)
    .addOption(new Option('--lang <lang>', 'language of headings, titles and messages (default: SEMICAP_LANG, config, LANG)').choices(['en', 'zh']))
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(escapeControlsKeepLines(s.replace(/^error: /, 'semicap: '))),
    });
  program.addHelpText(
    'after',
    `
Examples:
  $ semicap                                   overview of the headline projections on the bundled data
  $ semicap project --from 2023=29% --to 2027=39% --through 2030
  $ semicap capacity --region china --segment mature
  $ semicap funds --fx-year 2025 --format csv --out funds.csv
  $ semicap self-sufficiency
  $ semicap validate my-data/
  $ semicap claims                            the article's claims checked against the sourced figures

Exit codes: 0 ok, 1 a check failed, 2 usage, 65 bad data, 66 missing input, 73/74 cannot write, 130 interrupted.`,
  );
  defineCommands(program, onResult);
  return program;
}



// Milliseconds for --verbose timings. Not performance.now(): its first use loads perf_hooks, a millisecond or
// more of every run's start-up.
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

let interrupted = false;

function installProcessHandlers(): void {
  // `semicap ... | head -1`: the reader went away; that is not an error.
  const onPipeError = (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  };
  process.stdout.on('error', onPipeError);
  process.stderr.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') return;
    throw err;
  });
  const onSignal = (code: number) => async () => {
    if (interrupted) return;
    interrupted = true;
    const { removePendingWrites } = await import('../report/write.js');
    removePendingWrites();
    process.exit(code);
  };
  process.on('SIGINT', onSignal(EXIT.interrupted));
  process.on('SIGTERM', onSignal(143));
}

/** Runs the CLI with the given arguments (without `node` and the script). Sets process.exitCode. */
export async function run(argv: string[], given?: Io): Promise<number> {
  const io = given ?? processIo();
  if (given === undefined) installProcessHandlers();
  let debug = argv.includes('--debug');
  let stdoutColor: ColorLevel = 0;
  let resultCode: number = EXIT.ok;
  const started = nowMs();
  const onResult = async (result: CommandResult, opts: GlobalOptions) => {
    debug = opts.debug;
    stdoutColor = colorLevel({ isTTY: io.stdoutIsTTY, getColorDepth: () => process.stdout.getColorDepth?.() ?? 8 }, io.env, !opts.color);
    const { emit } = await import('./output.js');
    const extra = opts as GlobalOptions & Partial<ExtraGlobals>;
    if (extra.verbose && extra.settings) {
      const { format, data, lang, color, ascii, origins, configFiles } = extra.settings;
      io.stderr(`semicap: config files: ${configFiles.length > 0 ? escapeControls(configFiles.join(', ')) : 'none'}\n`);
      io.stderr(`semicap: format=${format} (${origins.format}), data=${escapeControls(data ?? 'bundled')} (${escapeControls(origins.data)}), lang=${lang} (${origins.lang}), color=${color} (${origins.color}), ascii=${ascii} (${origins.ascii})\n`);
      io.stderr(`semicap: computed in ${Math.round(nowMs() - started)} ms\n`);
    }
    await emit(result, opts, VERSION, { stdout: io.stdout, stderr: io.stderr, stdoutColor });
    if (!opts.quiet) for (const m of result.messages ?? []) io.stderr(`semicap: ${escapeControls(m)}\n`);
    if (opts.out !== undefined && !opts.quiet) {
      const { msg } = await import('../report/i18n.js');
      io.stderr(`semicap: ${escapeControls(msg('wrote', extra.lang ?? 'en', { file: opts.out }))}\n`);
    }
    if (extra.verbose) io.stderr(`semicap: done in ${Math.round(nowMs() - started)} ms\n`);
    if (result.exitCode !== undefined) resultCode = result.exitCode;
  };
  const args = argv.length === 0 ? ['overview'] : argv;
  let code: number;
  try {
    const program = buildProgram(io, onResult);
    await program.parseAsync(args, { from: 'user' });
    code = resultCode;
  } catch (e) {
    code = handleError(e, debug, io);
  }
  process.exitCode = code;
  return code;
}

function handleError(e: unknown, debug: boolean, io: Io): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    // commander has already printed its one-line message.
    return EXIT.usage;
  }
  if (isSemicapError(e)) {
    io.stderr(`semicap: ${oneLine(e.message)}\n`);
    if (debug && e.stack) io.stderr(e.stack + '\n');
    return exitCodeFor(e.kind);
  }
  const err = e as Error;
  io.stderr(`semicap: internal error: ${oneLine(err?.message ?? String(e))} (a bug: please report it with the command you ran${debug ? '' : '; --debug shows the stack'})\n`);
  if (debug && err?.stack) io.stderr(err.stack + '\n');
  return EXIT.internal;
}

// One line, its control characters escaped: a message quoting a hostile cell can neither drive the terminal nor
// forge a second `semicap:` line.
const oneLine = (s: string) => escapeControls(s.trim());
