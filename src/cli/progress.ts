// Progress on long work: one line on stderr, rewritten in place, only when stderr is a terminal (never in
// CI logs or pipes, not when CI is set) and not with --quiet. Commands call step() as they go and done() at the end.
// Steps (report), counts (forecast, backtest) and the simulation bar (simulation-options.ts) all draw through liveLine.
import { wholeFromEnv } from './env-numbers.js';

export interface Progress {
  /** Reports that step `index` (1-based) of `total` is starting, with a short label. */
  step(label: string): void;
  /** Clears the progress line. */
  done(): void;
}

export interface ProgressTarget {
  isTTY: boolean;
  write(text: string): void;
  columns?: number;
}

/** CI runners set CI (GitHub, GitLab, ...); some give jobs a terminal, and progress lines would clutter the log. */
export const inCi = (env: NodeJS.ProcessEnv = process.env): boolean => env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';

/** Stderr as a progress target: a terminal only when it is one and no CI runner is watching. */
export const stderrTarget = (): ProgressTarget => ({ isTTY: Boolean(process.stderr.isTTY) && !inCi(), write: (t) => void process.stderr.write(t), columns: process.stderr.columns });

const silent: Progress = { step: () => undefined, done: () => undefined };

/** Erases the whole line the cursor is on. */
const ERASE_LINE = '\u001b[2K';

/** A line on a terminal rewritten in place. */
export interface LiveLine {
  /** Back to the line's start, `erase`, then the text (cut to `width` columns when given). */
  draw(text: string): void;
  /** Back to the line's start and `clear` it, when anything was drawn. */
  clear(): void;
}

/** The part every progress display shares: one line drawn over and over, and cleared at the end. */
export function liveLine(write: (text: string) => void, options: { erase: string; clear: string; width?: number }): LiveLine {
  let shown = false;
  return {
    draw(text) {
      write(`\r${options.erase}${options.width === undefined ? text : text.slice(0, options.width)}`);
      shown = true;
    },
    clear() {
      if (shown) write(`\r${options.clear}`);
      shown = false;
    },
  };
}

/** A progress line on `target` for `total` steps; a no-op when the target is not a terminal or quiet is set. */
export function createProgress(total: number, target: ProgressTarget = stderrTarget(), quiet = false): Progress {
  if (!target.isTTY || quiet) return silent;
  let index = 0;
  const line = liveLine((t) => target.write(t), { erase: ERASE_LINE, clear: ERASE_LINE, width: Math.max(20, (target.columns ?? 80) - 1) });
  return {
    step(label: string) {
      index = Math.min(index + 1, total);
      line.draw(`[${index}/${total}] ${label}`);
    },
    done: () => line.clear(),
  };
}

/** Progress counted in units done of a total (series, paths). */
export interface CountProgress {
  update(done: number): void;
  done(): void;
}

export interface CountProgressOptions {
  target?: ProgressTarget;
  quiet?: boolean;
  /** Environment: a set CI variable silences progress (CI logs are often pseudo-terminals). */
  env?: Record<string, string | undefined>;
  /** Shown only once the work has run this long, so quick runs stay quiet (default: SEMICAP_PROGRESS_DELAY_MS, else 1000 ms). */
  delayMs?: number;
  now?: () => number;
}

/** The wait before a count progress line appears: SEMICAP_PROGRESS_DELAY_MS (a whole number of ms), else a second. */
function progressDelay(env: Record<string, string | undefined>): number {
  return wholeFromEnv(env, 'SEMICAP_PROGRESS_DELAY_MS') ?? 1000;
}

/**
 * A progress line `label done/total (p %)` on stderr that appears only after `delayMs` of work, only on a
 * terminal, never with --quiet or under CI; done() clears it.
 */
export function createCountProgress(total: number, label: string, options: CountProgressOptions = {}): CountProgress {
  const target = options.target ?? { isTTY: Boolean(process.stderr.isTTY), write: (t: string) => void process.stderr.write(t), columns: process.stderr.columns };
  const env = options.env ?? process.env;
  if (!target.isTTY || options.quiet === true || inCi(env)) return { update: () => undefined, done: () => undefined };
  const now = options.now ?? Date.now;
  const started = now();
  const delay = options.delayMs ?? progressDelay(env);
  // A terminal that reports 0 columns (a pseudo-terminal with no size set) is taken as 80 wide.
  const line = liveLine((t) => target.write(t), { erase: ERASE_LINE, clear: ERASE_LINE, width: Math.max(20, (target.columns || 80) - 1) });
  return {
    update(done: number) {
      if (now() - started < delay) return;
      const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
      line.draw(`${label} ${done}/${total} (${percent} %)`);
    },
    done: () => line.clear(),
  };
}
