// What the terminal renderers paint with: a ChalkInstance, or PLAIN when there is no colour. PLAIN gives the
// same text a Chalk of level 0 gives, so a run without colour need not load chalk at all (src/cli/color.ts).
import type { ChalkInstance } from 'chalk';

/** The styles semicap paints with; a ChalkInstance is one. */
export type Painter = Pick<ChalkInstance, 'bold' | 'dim' | 'yellow' | 'gray' | 'cyan' | 'magenta' | 'green' | 'red' | 'blue' | 'white'>;

// What a level-0 Chalk does with its arguments: joins them with spaces and adds nothing.
const unchanged = ((...text: unknown[]) => text.join(' ')) as Painter['bold'];

/** A painter that paints nothing. */
export const PLAIN: Painter = { bold: unchanged, dim: unchanged, yellow: unchanged, gray: unchanged, cyan: unchanged, magenta: unchanged, green: unchanged, red: unchanged, blue: unchanged, white: unchanged };
