// Colour decided once at start-up, per stream (chalk ignores NO_COLOR): painters for that level, and chalk
// loaded only when there is colour to paint, so most runs never load it.
import { PLAIN, type Painter } from '../report/paint.js';

export type ColorLevel = 0 | 1 | 2 | 3;

export function colorLevel(stream: { isTTY?: boolean; getColorDepth?: () => number }, env: NodeJS.ProcessEnv, noColorFlag: boolean): ColorLevel {
  if (noColorFlag) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (env.FORCE_COLOR !== undefined) {
    const forced = env.FORCE_COLOR === '' || env.FORCE_COLOR === 'true' ? 1 : Number(env.FORCE_COLOR);
    if (forced === 0 || env.FORCE_COLOR === 'false') return 0;
    return (Number.isInteger(forced) && forced >= 1 && forced <= 3 ? forced : 1) as ColorLevel;
  }
  if (!stream.isTTY || env.TERM === 'dumb') return 0;
  const depth = stream.getColorDepth?.() ?? 4;
  return depth >= 24 ? 3 : depth >= 8 ? 2 : 1;
}

/** A painter for the level: PLAIN at 0, else a Chalk of that level (chalk is loaded here, on first use). */
export async function painter(level: ColorLevel): Promise<Painter> {
  if (level === 0) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}
