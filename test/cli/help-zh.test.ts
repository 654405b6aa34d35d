// Help in Chinese: every command, option, argument and help-text line of the whole command tree has a Chinese
// entry, and `--help --lang zh` of every command is at most 10 % English words.
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { argumentZh, COMMANDS_ZH, commandPath, helpLineZh, optionZh } from '../../src/cli/help-zh.js';
import { buildProgram, earlyLang } from '../../src/cli/main.js';
import { englishShare } from '../helpers/english-share.js';
import { semicap } from './run.js';

const io = { stdout: async () => undefined, stderr: () => undefined, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, SEMICAP_LANG: undefined, COLUMNS: '100' };

function commands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(commands)];
}

/** The text a command's help prints after the options (examples, exit codes), in English. */
function helpTexts(cmd: Command): string[] {
  const emitter = cmd as unknown as NodeJS.EventEmitter;
  return ['beforeAllHelp', 'beforeHelp', 'afterHelp', 'afterAllHelp'].flatMap((event) =>
    emitter.listeners(event).map((listener) => {
      let text = '';
      (listener as (c: object) => void)({ error: false, command: cmd, write: (s: string) => (text += s) });
      return text;
    }),
  );
}

describe('help in Chinese', () => {
  const program = buildProgram(io, async () => undefined);
  const tree = commands(program);

  it('has every command, option, argument and help line of the command tree', () => {
    const missing: string[] = [];
    for (const cmd of tree) {
      const path = commandPath(cmd);
      if (COMMANDS_ZH[path] === undefined) missing.push(`command '${path}'`);
      for (const o of cmd.options) if (optionZh(cmd, o) === undefined) missing.push(`${path} ${o.long ?? o.short}`);
      for (const a of cmd.registeredArguments) if (argumentZh(cmd, a) === undefined) missing.push(`${path} <${a.name()}>`);
      for (const text of helpTexts(cmd)) for (const line of text.split('\n')) if (helpLineZh(line) === undefined) missing.push(`${path}: "${line}"`);
    }
    expect(tree.length).toBeGreaterThan(15);
    expect(missing).toEqual([]);
  });

  it('an unknown help line is reported missing, a command line kept, a comment translated', () => {
    expect(helpLineZh('Something new:')).toBeUndefined();
    expect(helpLineZh('  $ semicap funds --fx-year 2025')).toBe('  $ semicap funds --fx-year 2025');
    expect(helpLineZh('  $ semicap claims    the article\'s claims checked against the sourced figures')).toBe('  $ semicap claims    用有来源的数据核对文章中的说法');
    expect(helpLineZh('  $ semicap claims    a comment nobody translated')).toBeUndefined();
  });

  it('takes its language from --lang, then SEMICAP_LANG, then the locale', () => {
    expect(earlyLang(['goal', '--help', '--lang', 'zh'], {})).toBe('zh');
    expect(earlyLang(['--lang=zh', 'goal'], { SEMICAP_LANG: 'en' })).toBe('zh');
    expect(earlyLang(['goal'], { SEMICAP_LANG: 'zh', LANG: 'en_US.UTF-8' })).toBe('zh');
    expect(earlyLang(['goal'], { LANG: 'zh_CN.UTF-8' })).toBe('zh');
    expect(earlyLang(['goal', '--lang', 'en'], { LANG: 'zh_CN.UTF-8' })).toBe('en');
  });

  for (const path of ['', ...tree.slice(1).map((c) => commandPath(c))]) {
    it(`semicap ${path} --help --lang zh is at most 10 % English`, async () => {
      const r = await semicap([...(path === '' ? [] : path.split(' ')), '--help', '--lang', 'zh'], { env: ENV });
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^用法：/);
      const count = englishShare(r.stdout);
      expect(count.share, `${(count.share * 100).toFixed(1)} %: ${count.words.join(' ')}`).toBeLessThanOrEqual(0.1);
    });
  }

  it('stays English without --lang zh', async () => {
    const r = await semicap(['goal', '--help'], { env: ENV });
    expect(r.stdout).toMatch(/^Usage: semicap goal/);
    expect(r.stdout).toContain('--current <year=value>    where the series stands');
  });
});
