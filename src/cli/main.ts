// Entry point of the CLI: builds the program, runs one command, renders its report, and maps any error to
// an exit code in one place. Command implementations are loaded only when their command runs.
import { fstatSync, ftruncateSync, writeSync } from 'node:fs';
import { Command, CommanderError, type Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { readingOnce } from '../data/read-once.js';
import { isSemicapError, usageError } from '../errors.js';
import { colorLevel, type ColorLevel } from './color.js';
import type { CommandResult, Globals } from './context.js';
import { EXIT, exitCodeFor } from './exit.js';
import { escapeControls, escapeControlsKeepLines } from '../report/sanitize.js';
import { withOptions } from './options.js';
import { programOptions } from './output-options.js';
import { defineCommands } from './program.js';
import { translateHelp } from './help-zh.js';
import { detectLang, LANGS, localizeError, type Lang } from '../report/i18n.js';
import { say } from '../messages.js';
import { commanderMessage } from './commander-zh.js';
import { describeErrno, removePendingWrites } from '../report/write.js';

export const VERSION: string = pkg.version;

export interface Io {
  stdout(text: string): Promise<void>;
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** stdout's width when it is a terminal. */
  stdoutColumns?: number;
  env: NodeJS.ProcessEnv;
}

const processIo = (): Io => ({
  // A failed write never resolves: outputFailed() ends the run (quietly for EPIPE, exit 74 otherwise).
  stdout: (text) => (stdoutIsFile() ? writeStdoutDirect(text) : new Promise<void>((done) => (text === '' ? done() : process.stdout.write(text, (err) => (err ? outputFailed(err) : done()))))),
  stderr: writeStderr,
  stdoutIsTTY: Boolean(process.stdout.isTTY),
  stderrIsTTY: Boolean(process.stderr.isTTY),
  stdoutColumns: process.stdout.columns,
  env: process.env,
});

/** The width tables and charts fit into: the terminal's on stdout, else COLUMNS, else 80. */
export function outputColumns(io: Io): number {
  if (io.stdoutIsTTY && io.stdoutColumns !== undefined && io.stdoutColumns > 0) return io.stdoutColumns;
  const env = Number(io.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : 80;
}

/** Builds the program; `execute` runs a command's implementation and renders its result. */
export function buildProgram(io: Io, onResult: (result: CommandResult, opts: Globals) => Promise<void>, lang: Lang = 'en'): Command {
  const program = withOptions(
    new Command('semicap')
      .description('Semiconductor capacity forecaster: growth projections, forecasts and sourced data on mature-node capacity, chip funds and self-sufficiency.')
      .version(VERSION, '-V, --version', 'print the version'),
    programOptions(),
  )
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => void io.stdout(s),
      writeErr: (s) => io.stderr(s),
      outputError: (s, write) => write(escapeControlsKeepLines(commanderMessage(s.replace(/^error: /, 'semicap: '), lang))),
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
  $ semicap validate examples/my-data/
  $ semicap claims                            the article's claims checked against the sourced figures

Exit codes: 0 ok, 1 a check failed, 2 usage, 65 bad data, 66 missing input, 70 internal error, 73/74 cannot write, 130 interrupted (143/129/131: SIGTERM/SIGHUP/SIGQUIT).`,
  );
  defineCommands(program, onResult);
  refuseRepeatedOptions(program);
  if (lang === 'zh') translateHelp(program);
  return program;
}

/**
 * An option that takes one value, given twice (`--format csv --format json`), is a usage error rather than the
 * last one silently winning. Options meant to repeat (--via, --target, --set) collect into a list and are left be.
 */
function refuseRepeatedOptions(cmd: Command): void {
  for (const opt of cmd.options) {
    if (!(opt.required || opt.optional) || opt.variadic || Array.isArray(opt.defaultValue)) continue;
    let seen: string | undefined;
    cmd.on(`option:${opt.name()}`, (value: string) => {
      if (seen !== undefined) throw usageError(say('error.givenTwice', { option: opt.long ?? opt.short ?? opt.flags, first: seen, second: value }));
      seen = value;
    });
  }
  for (const sub of cmd.commands) refuseRepeatedOptions(sub);
}



/** The language errors are written in: --lang, SEMICAP_LANG or the locale at first, the resolved settings' once known. */
let errorLang: Lang = 'en';

// Milliseconds for --verbose timings. Not performance.now(): its first use loads perf_hooks, a millisecond or
// more of every run's start-up.
const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

let interrupted = false;

/** Diagnostics never change the outcome: a full or broken stderr (`2>/dev/full`) is ignored. */
function writeStderr(text: string): void {
  try {
    process.stderr.write(text);
  } catch {
    /* nowhere left to tell */
  }
}

/** Size of stdout when it is a regular file (`> file`, `>> file`), so a failed run can take its partial output back. */
let stdoutFileStart: number | undefined;
let stdoutKind: 'file' | 'other' | undefined;
let outputFailing = false;

/** Stdout is a regular file or a device that is not a terminal (`> out.json`, `> /dev/full`). */
function stdoutIsFile(): boolean {
  if (stdoutKind === undefined) {
    try {
      const st = fstatSync(1);
      stdoutKind = st.isFile() || (st.isCharacterDevice() && !process.stdout.isTTY) ? 'file' : 'other';
      if (st.isFile()) stdoutFileStart = st.size;
    } catch {
      stdoutKind = 'other';
    }
  }
  return stdoutKind === 'file';
}

/**
 * Writes to a file or device on stdout ourselves: Node's stream for them drops the rest of a short write (a disk
 * that fills up midway leaves part of the text and no error); this loop writes it all or meets the error.
 */
async function writeStdoutDirect(text: string): Promise<void> {
  const bytes = Buffer.from(text, 'utf8');
  try {
    for (let offset = 0; offset < bytes.length; ) offset += writeSync(1, bytes, offset, bytes.length - offset);
  } catch (e) {
    outputFailed(e as NodeJS.ErrnoException);
  }
}

/**
 * The one rule for a failed write to stdout: a reader that went away (EPIPE) is a quiet end with the run's
 * exit code; anything else (ENOSPC, EIO, EFBIG, EROFS, ...) is one line on stderr and exit 74, with the
 * partial output removed where we can (a redirect to a regular file is cut back to its size at the start;
 * --out temporary files are removed).
 */
function outputFailed(err: NodeJS.ErrnoException): void {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? EXIT.ok);
  if (outputFailing) return;
  outputFailing = true;
  if (stdoutFileStart !== undefined) {
    try {
      ftruncateSync(1, stdoutFileStart);
    } catch {
      /* not ours to cut back */
    }
  }
  removePendingWrites();
  writeStderr(`semicap: ${localizeError(say('error.stdoutFailed', { reason: describeErrno(err) }), errorLang)}\n`);
  process.exit(EXIT.io);
}

/** Catchable signals end the run with 128 + the signal's number, after removing temporary files and folders. */
const SIGNAL_EXIT = { SIGINT: EXIT.interrupted, SIGTERM: 143, SIGHUP: 129, SIGQUIT: 131 } as const;

function installProcessHandlers(): void {
  stdoutIsFile();
  process.stdout.on('error', outputFailed);
  process.stderr.on('error', () => undefined);
  const onSignal = (code: number) => () => {
    if (interrupted) return;
    interrupted = true;
    removePendingWrites();
    process.exit(code);
  };
  for (const [signal, code] of Object.entries(SIGNAL_EXIT)) process.on(signal, onSignal(code));
  // A bug that escapes the command's promise still ends as an internal error (70), never as 0 or 1.
  const crashed = (e: unknown) => {
    removePendingWrites();
    process.exitCode = handleError(e, process.argv.includes('--debug'), { stderr: writeStderr });
    process.exit();
  };
  process.on('uncaughtException', crashed);
  process.on('unhandledRejection', crashed);
}

/** Runs the CLI with the given arguments (without `node` and the script). Sets process.exitCode. */
export async function run(argv: string[], given?: Io): Promise<number> {
  const io = given ?? processIo();
  if (given === undefined) installProcessHandlers();
  let debug = argv.includes('--debug');
  errorLang = earlyLang(argv, io.env);
  let stdoutColor: ColorLevel = 0;
  let resultCode: number = EXIT.ok;
  const started = nowMs();
  const onResult = async (result: CommandResult, opts: Globals) => {
    debug = opts.debug;
    errorLang = opts.lang ?? errorLang;
    stdoutColor = colorLevel({ isTTY: io.stdoutIsTTY, getColorDepth: () => process.stdout.getColorDepth?.() ?? 8 }, io.env, !opts.color);
    const { emit } = await import('./output.js');
    // An older option spelling: one note each, before the output (--quiet drops them like every message).
    if (!opts.quiet) for (const d of result.deprecations ?? []) io.stderr(`semicap: ${escapeControls(localizeError(d, errorLang))}\n`);
    if (!opts.quiet) for (const w of result.optionWarnings ?? []) io.stderr(`semicap: ${escapeControls(localizeError(say('cli.warning', { text: w }), errorLang))}\n`);
    if (opts.verbose) {
      const { format, data, lang, color, ascii, origins, configFiles } = opts.settings;
      const said = (text: string) => io.stderr(`semicap: ${localizeError(text, errorLang)}\n`);
      said(say('verbose.configFiles', { files: escapeControls(configFiles.join(', ')) }));
      said(
        say('verbose.settings', {
          ...{ format, data: escapeControls(data ?? ''), lang, color: String(color), ascii: String(ascii) },
          ...{ formatFrom: origins.format, dataFrom: escapeControls(origins.data), langFrom: origins.lang, colorFrom: origins.color, asciiFrom: origins.ascii },
        }),
      );
      // A streamed table (forecast) is computed while it is written: its time is the 'done in' below.
      const streamed = result.report.tables.some((t) => t.stream !== undefined);
      said(streamed ? say('verbose.streamed') : say('verbose.computed', { ms: Math.round(nowMs() - started) }));
    }
    // The config files read are inputs too: --out never overwrites them.
    // (The result itself, not a copy: a streamed command completes its messages while the output is written.)
    result.inputs = [...(result.inputs ?? []), ...opts.settings.configFiles];
    await emit(result, { ...opts, columns: outputColumns(io) }, VERSION, { stdout: io.stdout, stderr: io.stderr, stdoutColor });
    if (!opts.quiet) for (const m of result.messages ?? []) io.stderr(`semicap: ${escapeControls(localizeError(m, errorLang))}\n`);
    if (opts.out !== undefined && !opts.quiet) {
      const { msg } = await import('../report/i18n.js');
      io.stderr(`semicap: ${escapeControls(msg('wrote', opts.lang, { file: opts.out }))}\n`);
    }
    if (opts.verbose) io.stderr(`semicap: ${localizeError(say('verbose.done', { ms: Math.round(nowMs() - started) }), errorLang)}\n`);
    if (result.exitCode !== undefined) resultCode = result.exitCode;
  };
  const args = withDefaultCommand(argv);
  let code: number;
  try {
    const program = buildProgram(io, onResult, errorLang);
    // Each dataset file is read and checked once in a run, however many analyses load it.
    await readingOnce(() => program.parseAsync(args, { from: 'user' }));
    code = resultCode;
  } catch (e) {
    code = handleError(e, debug, io);
  }
  process.exitCode = code;
  return code;
}

function handleError(e: unknown, debug: boolean, io: Pick<Io, 'stderr'>): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    // commander has already printed its one-line message.
    return EXIT.usage;
  }
  if (isSemicapError(e)) {
    io.stderr(`semicap: ${oneLine(localizeError(e.message, errorLang))}\n`);
    if (debug && e.stack) io.stderr(e.stack + '\n');
    return exitCodeFor(e.kind);
  }
  const err = e as Error;
  io.stderr(`semicap: ${oneLine(localizeError(say('error.internal', { message: err?.message ?? String(e), debug: debug ? 'yes' : 'no' }), errorLang))}\n`);
  if (debug && err?.stack) io.stderr(err.stack + '\n');
  return EXIT.internal;
}

/**
 * The language of help and of errors met before the settings are resolved: --lang, else SEMICAP_LANG, else the
 * locale (config files are read only once a command runs).
 */
export function earlyLang(argv: readonly string[], env: NodeJS.ProcessEnv): Lang {
  const isLang = (v: string | undefined): v is Lang => LANGS.includes(v as Lang);
  for (let i = argv.length - 1; i >= 0; i--) {
    if (argv[i] === '--') continue;
    const v = argv[i].startsWith('--lang=') ? argv[i].slice(7) : argv[i] === '--lang' ? argv[i + 1] : undefined;
    if (isLang(v)) return v;
  }
  if (isLang(env.SEMICAP_LANG)) return env.SEMICAP_LANG;
  return detectLang(env);
}

/** The default command, overview, also runs when only global options are given (`semicap -q`, `semicap --lang zh`). */
export function withDefaultCommand(argv: string[]): string[] {
  const globals = Object.values(programOptions()).map((d) => d.option);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const named = (o: Option) => a === o.short || a === o.long;
    const option = globals.find((o) => named(o) || (o.required && a.startsWith(`${o.long}=`)));
    if (option === undefined) return argv;
    // An option that takes a value (--lang zh) takes the next word; without one, commander says it is missing.
    if (option.required && named(option)) {
      if (i + 1 >= argv.length) return argv;
      i++;
    }
  }
  return [...argv, 'overview'];
}

// One line, its control characters escaped: a message quoting a hostile cell can neither drive the terminal nor
// forge a second `semicap:` line.
const oneLine = (s: string) => escapeControls(s.trim());
