// Defaults from config files and the order settings win in (clig.dev): flags > environment > project config >
// user config > locale > built-in defaults. A broken config file is a data error naming the file.
import { existsSync } from 'node:fs';
import { readInput } from '../data/input.js';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
// A bad SEMICAP_* variable is a usage error (like a bad flag); a bad file is a data error.
import { dataError, usageError as usage } from '../errors.js';
import { say } from '../messages.js';
import { detectLang, LANGS, localeIsUtf8, type Lang } from '../report/i18n.js';
import type { Format } from '../report/model.js';
import { closest } from './args.js';
import { WHOLE_ENV_NAMES, wholeFromEnv } from './env-numbers.js';

export interface ConfigSettings {
  format?: string;
  data?: string;
  lang?: Lang;
  color?: boolean;
  ascii?: boolean;
}

export interface ConfigFile {
  path: string;
  scope: 'project' | 'user';
  settings: ConfigSettings;
}

export const CONFIG_KEYS = ['format', 'data', 'lang', 'color', 'ascii'] as const;
export const PROJECT_CONFIG = 'semicap.config.json';

/** Where the config files are looked for, project first; only the ones that exist. */
export function configPaths(cwd: string, env: NodeJS.ProcessEnv): { path: string; scope: 'project' | 'user' }[] {
  const userBase = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return [
    { path: join(cwd, PROJECT_CONFIG), scope: 'project' as const },
    { path: join(userBase, 'semicap', 'config.json'), scope: 'user' as const },
  ].filter((c) => existsSync(c.path));
}

/** Reads and checks one config file; every problem is one line naming the file. */
export function readConfigFile(path: string, scope: 'project' | 'user'): ConfigFile {
  const text = readInput(path, { what: say('error.whatConfigFile') }).toString('utf8').replace(/^\uFEFF/, '');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw dataError(say('error.configJson', { path, reason: (e as Error).message }));
  }
  if (!isRecord(doc)) throw dataError(say('error.configObject', { path }));
  const settings: ConfigSettings = {};
  for (const [name, value] of Object.entries(doc)) {
    const key = CONFIG_KEYS.find((k) => k === name);
    if (key === undefined) {
      const hint = closest(name, CONFIG_KEYS);
      throw dataError(say('error.configUnknown', { path, name, hint: hint ?? '', keys: CONFIG_KEYS.join(', ') }));
    }
    if (key === 'color' || key === 'ascii') {
      if (typeof value !== 'boolean') throw dataError(say('error.configBoolean', { path, key }));
      settings[key] = value;
    } else {
      if (typeof value !== 'string' || value === '') throw dataError(say('error.configString', { path, key }));
      if (key === 'lang') {
        const lang = LANGS.find((l) => l === value);
        if (lang === undefined) throw dataError(say('error.configLang', { path, value, langs: LANGS.join(' or ') }));
        settings.lang = lang;
      } else if (key === 'data') settings.data = resolve(dirname(path), value);
      else settings.format = value;
    }
  }
  return { path, scope, settings };
}

/** A JSON object (not null, not an array). */
const isRecord = (doc: unknown): doc is Record<string, unknown> => doc !== null && typeof doc === 'object' && !Array.isArray(doc);

/** The config files that apply, highest precedence first (project, then user). */
export function loadConfig(cwd: string, env: NodeJS.ProcessEnv): ConfigFile[] {
  return configPaths(cwd, env).map((c) => readConfigFile(c.path, c.scope));
}

export interface ResolvedSettings {
  format: Format;
  data?: string;
  lang: Lang;
  color: boolean;
  ascii: boolean;
  /** Where each setting came from: flag, env SEMICAP_X, a config file's path, locale, default (for --verbose). */
  origins: Record<'format' | 'data' | 'lang' | 'color' | 'ascii', string>;
  configFiles: string[];
}

/** What the command line says about the settings resolved here (parsed by the tables of output-options.ts). */
export interface SettingFlags {
  /** --format, or its default (table). */
  format: Format;
  /** The user gave --format. */
  formatGiven: boolean;
  /** The formats the command takes; undefined: it has no --format. */
  formats?: readonly Format[];
  /** --data; `readsData`: the command takes --data. */
  data?: string;
  readsData: boolean;
  /** --lang, when given. */
  lang?: Lang;
  /** false: --no-color. */
  color: boolean;
  /** --ascii. */
  ascii: boolean;
}

/** Resolves format, data folder, language, colour and ASCII for one command run. */
export function resolveSettings(flags: SettingFlags, env: NodeJS.ProcessEnv, cwd: string): ResolvedSettings {
  // A bad tuning value is a usage error before any work, as a bad SEMICAP_FORMAT or SEMICAP_LANG is.
  for (const name of WHOLE_ENV_NAMES) wholeFromEnv(env, name);
  const files = loadConfig(cwd, env);
  const fromFiles = <K extends keyof ConfigSettings>(key: K): { value: ConfigSettings[K]; origin: string } | undefined => {
    const file = files.find((f) => f.settings[key] !== undefined);
    return file && { value: file.settings[key], origin: file.path };
  };
  const origins = { format: 'default', data: 'default', lang: 'default', color: 'default', ascii: 'default' };

  // Format: only commands with a --format option have one.
  let format = flags.format;
  const choices = flags.formats;
  if (choices !== undefined && flags.formatGiven) origins.format = 'flag';
  else if (choices !== undefined) {
    const env_ = env.SEMICAP_FORMAT !== undefined && env.SEMICAP_FORMAT !== '' ? { value: env.SEMICAP_FORMAT, origin: 'SEMICAP_FORMAT' } : undefined;
    const pick = env_ ?? fromFiles('format');
    if (pick?.value !== undefined) {
      const chosen = choices.find((c) => c === pick.value);
      if (chosen === undefined) {
        const where = pick.origin === 'SEMICAP_FORMAT' ? 'SEMICAP_FORMAT' : pick.origin;
        const message = say('error.configFormat', { where, value: pick.value, formats: choices.join(', ') });
        throw pick.origin === 'SEMICAP_FORMAT' ? usage(message) : dataError(message);
      }
      format = chosen;
      origins.format = pick.origin;
    }
  }

  // Data folder: only commands with --data read datasets.
  let data = flags.data;
  if (data !== undefined) origins.data = 'flag';
  else if (flags.readsData) {
    if (env.SEMICAP_DATA !== undefined && env.SEMICAP_DATA !== '') {
      data = env.SEMICAP_DATA;
      origins.data = 'SEMICAP_DATA';
    } else {
      const pick = fromFiles('data');
      if (pick?.value !== undefined) {
        data = pick.value;
        origins.data = pick.origin;
      }
    }
  }

  let lang: Lang = 'en';
  if (flags.lang !== undefined) {
    lang = flags.lang;
    origins.lang = 'flag';
  } else if (env.SEMICAP_LANG !== undefined && env.SEMICAP_LANG !== '') {
    const envLang = LANGS.find((l) => l === env.SEMICAP_LANG);
    if (envLang === undefined) throw usage(`SEMICAP_LANG: '${env.SEMICAP_LANG}' is not supported; expected ${LANGS.join(' or ')}`);
    lang = envLang;
    origins.lang = 'SEMICAP_LANG';
  } else if (fromFiles('lang')?.value !== undefined) {
    const pick = fromFiles('lang')!;
    lang = pick.value!;
    origins.lang = pick.origin;
  } else if (env.LC_ALL || env.LC_MESSAGES || env.LANG) {
    lang = detectLang(env);
    origins.lang = 'locale';
  }

  let color = flags.color;
  if (!color) origins.color = 'flag';
  else if (fromFiles('color')?.value === false) {
    color = false;
    origins.color = fromFiles('color')!.origin;
  }

  let ascii = flags.ascii;
  if (ascii) origins.ascii = 'flag';
  else if (fromFiles('ascii')?.value !== undefined) {
    ascii = fromFiles('ascii')!.value!;
    origins.ascii = fromFiles('ascii')!.origin;
  } else if (!localeIsUtf8(env)) {
    ascii = true;
    origins.ascii = 'locale (not UTF-8)';
  }
  return { format, data, lang, color, ascii, origins, configFiles: files.map((f) => f.path) };
}
