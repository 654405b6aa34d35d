// Progress on long work: one line on stderr, rewritten in place, only when stderr is a terminal (never in
// CI logs or pipes, not when CI is set) and not with --quiet. Commands call step() as they go and done() at the end.

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

/** A progress line on `target` for `total` steps; a no-op when the target is not a terminal or quiet is set. */
export function createProgress(total: number, target: ProgressTarget = stderrTarget(), quiet = false): Progress {
  if (!target.isTTY || quiet) return silent;
  let index = 0;
  let shown = false;
  const width = Math.max(20, (target.columns ?? 80) - 1);
  return {
    step(label: string) {
      index = Math.min(index + 1, total);
      const text = `[${index}/${total}] ${label}`.slice(0, width);
      target.write(`\r\u001b[2K${text}`);
      shown = true;
    },
    done() {
      if (shown) target.write('\r\u001b[2K');
      shown = false;
    },
  };
}
