// Settings precedence end to end: flags > SEMICAP_* environment > ./semicap.config.json > user config
// ($XDG_CONFIG_HOME/semicap/config.json, else ~/.config/semicap/config.json) > locale > defaults.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATASETS, removeDir, semicap, tempDir } from './run.js';

const root = tempDir();
afterAll(() => removeDir(root));

function setup(name: string, project?: unknown, user?: unknown, where: 'xdg' | 'home' = 'xdg') {
  const dir = join(root, name);
  const cwd = join(dir, 'work');
  const home = join(dir, 'home');
  const xdg = join(dir, 'xdg');
  mkdirSync(cwd, { recursive: true });
  mkdirSync(home, { recursive: true });
  if (project !== undefined) writeFileSync(join(cwd, 'semicap.config.json'), typeof project === 'string' ? project : JSON.stringify(project));
  if (user !== undefined) {
    const base = where === 'xdg' ? join(xdg, 'semicap') : join(home, '.config', 'semicap');
    mkdirSync(base, { recursive: true });
    writeFileSync(join(base, 'config.json'), typeof user === 'string' ? user : JSON.stringify(user));
  }
  const env: NodeJS.ProcessEnv = { LANG: 'C.UTF-8', LC_ALL: undefined, HOME: home, XDG_CONFIG_HOME: where === 'xdg' ? xdg : undefined, SEMICAP_LANG: undefined, SEMICAP_FORMAT: undefined, SEMICAP_DATA: undefined };
  return { cwd, env, dir };
}

// The FX year is the latest in fx.csv, which grows as rates are added.
const ZH_TITLE = /^基金与扶持计划（每项按其所属年份的年均汇率换算）$/;
const EN_TITLE = /^Funds and packages \(converted at each figure's own year's average rate\)$/;
const firstLine = (s: string) => s.split('\n')[0];
const isCsv = (s: string) => firstLine(s) === 'fund,year,measure,status,kind,cny_bn_low,cny_bn_high,usd_bn_low,usd_bn_high,cny_per_usd,fx_year,source_usd_low,source_usd_high,source_per_usd,published_in,source_id,conversion_source_id';
const isJson = (s: string) => firstLine(s) === '{';
const isTable = (s: string) => firstLine(s).startsWith('Funds and packages');
const isMd = (s: string) => firstLine(s).startsWith('### Funds and packages');

describe('config precedence', () => {
  it('the project config sets a default format', async () => {
    const { cwd, env } = setup('project', { format: 'csv' });
    expect(isCsv((await semicap(['funds'], { cwd, env })).stdout)).toBe(true);
  });

  it('the user config applies when there is no project config, under XDG_CONFIG_HOME or ~/.config', async () => {
    const xdg = setup('xdg', undefined, { format: 'json' }, 'xdg');
    expect(isJson((await semicap(['funds'], { cwd: xdg.cwd, env: xdg.env })).stdout)).toBe(true);
    const home = setup('home', undefined, { format: 'md' }, 'home');
    expect(isMd((await semicap(['funds'], { cwd: home.cwd, env: home.env })).stdout)).toBe(true);
  });

  it('project beats user; environment beats both; the flag beats everything', async () => {
    const { cwd, env } = setup('chain', { format: 'csv' }, { format: 'json' });
    expect(isCsv((await semicap(['funds'], { cwd, env })).stdout)).toBe(true);
    expect(isMd((await semicap(['funds'], { cwd, env: { ...env, SEMICAP_FORMAT: 'md' } })).stdout)).toBe(true);
    expect(isTable((await semicap(['funds', '--format', 'table'], { cwd, env: { ...env, SEMICAP_FORMAT: 'md' } })).stdout)).toBe(true);
  });

  it('language: flag > SEMICAP_LANG > config > LANG', async () => {
    const { cwd, env } = setup('lang', { lang: 'zh' });
    const title = async (args: string[], e = env) => firstLine((await semicap(['funds', ...args], { cwd, env: e })).stdout);
    expect(await title([])).toMatch(ZH_TITLE);
    expect(await title(['--lang', 'en'])).toMatch(EN_TITLE);
    expect(await title([], { ...env, SEMICAP_LANG: 'en' })).toMatch(EN_TITLE);
    const plain = setup('lang-locale');
    expect((await title([], { ...plain.env, LANG: 'zh_CN.UTF-8' })).startsWith('基金')).toBe(true);
    expect(firstLine((await semicap(['funds'], { cwd: plain.cwd, env: { ...plain.env, LANG: 'zh_CN.UTF-8' } })).stdout)).toMatch(ZH_TITLE);
    // A config file's choice beats the ambient locale.
    expect(firstLine((await semicap(['funds'], { cwd: setup('lang-en', { lang: 'en' }).cwd, env: { ...env, LANG: 'zh_CN.UTF-8' } })).stdout)).toMatch(EN_TITLE);
  });

  it('data folder: relative to the config file; SEMICAP_DATA and --data beat it', async () => {
    const { cwd, env, dir } = setup('data', { data: '../mydata' });
    const mine = join(dir, 'mydata');
    cpSync(DATASETS, mine, { recursive: true });
    const datasetsTitle = async (args: string[], e = env) => firstLine((await semicap(['datasets', ...args], { cwd, env: e })).stdout);
    expect(await datasetsTitle([])).toBe(`Datasets in ${mine}`);
    expect(await datasetsTitle([], { ...env, SEMICAP_DATA: DATASETS })).toBe(`Datasets in ${DATASETS}`);
    expect(await datasetsTitle(['--data', DATASETS])).toBe(`Datasets in ${DATASETS}`);
    const v = await semicap(['funds', '--verbose'], { cwd, env });
    expect(v.stderr).toContain(`data=${mine} (${join(cwd, 'semicap.config.json')})`);
  });

  it('color: false in a config file turns colour off like --no-color', async () => {
    const { cwd, env } = setup('color', { color: false });
    const r = await semicap(['funds', '--verbose'], { cwd, env: { ...env, FORCE_COLOR: '1' } });
    expect(r.stdout).not.toMatch(/\u001b\[/);
    const forced = setup('color-default');
    expect((await semicap(['funds'], { cwd: forced.cwd, env: { ...forced.env, FORCE_COLOR: '1' } })).stdout).toMatch(/\u001b\[/);
  });
});

describe('a bad config file: one line naming the file, exit 65', () => {
  const cases: [string, unknown, string][] = [
    ['not JSON', '{"format": ', 'not valid JSON'],
    ['an array', '[1]', 'expected a JSON object such as {"format": "csv"}'],
    ['a typo', { formt: 'csv' }, "unknown setting 'formt' (did you mean 'format'?); expected format, data, lang, color, ascii"],
    ['a bad format', { format: 'xml' }, "format 'xml' is not one of table, csv, json, md, xlsx"],
    ['a bad language', { lang: 'fr' }, "lang 'fr' is not supported; expected en or zh"],
    ['a non-boolean', { color: 'no' }, "'color' must be true or false"],
  ];
  for (const [name, content, message] of cases) {
    it(name, async () => {
      const { cwd, env } = setup(`bad-${name}`, content);
      const r = await semicap(['funds'], { cwd, env });
      expect(r.code).toBe(65);
      expect(r.stdout).toBe('');
      expect(r.stderr.split('\n')).toHaveLength(2);
      expect(r.stderr.startsWith(`semicap: ${join(cwd, 'semicap.config.json')}: `)).toBe(true);
      expect(r.stderr).toContain(message);
    });
  }
  it('a bad SEMICAP_FORMAT is a usage error (exit 2)', async () => {
    const { cwd, env } = setup('bad-env');
    const r = await semicap(['funds'], { cwd, env: { ...env, SEMICAP_FORMAT: 'xml' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("semicap: SEMICAP_FORMAT: format 'xml' is not one of table, csv, json, md, xlsx\n");
  });
});
