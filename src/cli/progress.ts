// Progress on long work: one line on stderr, rewritten in place, only when stderr is a terminal (never in
// CI logs or pipes) and not with --quiet. Commands call step() as they go and done() at the end.

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

const silent: Progress = { step: () => undefined, done: () => undefined };

/** A progress line on `target` for `total` steps; a no-op when the target is not a terminal or quiet is set. */
export function createProgress(total: number, target: ProgressTarget = { isTTY: Boolean(process.stderr.isTTY), write: (t) => void process.stderr.write(t), columns: process.stderr.columns }, quiet = false): Progress {
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
