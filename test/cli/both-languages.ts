// One command in English and in Chinese, in a fixed environment (locale, width, date, no progress), for the tests
// that check a text in Chinese beside the same English it always printed.
import { expect } from 'vitest';
import { semicap } from './run.js';

export const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, SEMICAP_LANG: undefined, COLUMNS: '120', CI: '1', SEMICAP_TODAY: '2026-01-01' };

/** Runs `args` without and with `--lang zh`; both must exit 0. Gives each run's stdout and stderr together. */
export async function both(args: string[]): Promise<{ en: string; zh: string }> {
  const [en, zh] = await Promise.all([semicap(args, { env: ENV }), semicap([...args, '--lang', 'zh'], { env: ENV })]);
  expect(en.code, en.stderr).toBe(0);
  expect(zh.code, zh.stderr).toBe(0);
  return { en: en.stdout + en.stderr, zh: zh.stdout + zh.stderr };
}
