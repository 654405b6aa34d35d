// Absolute folder paths in a report's text replaced by relative ones, so that a report written from two copies of
// the same project holds the same bytes (the `report` command's folder names no machine's folders).
import { type Message, messageOf, remember } from '../messages.js';

/** An absolute folder and what to write instead of it (relative; '.' for the folder itself). */
export interface PathPrefix {
  from: string;
  to: string;
}

/** `text` with every `from` folder (alone or followed by a separator and more path) written as its `to`; longer folders first, in one pass. */
export function relativeText(text: string, prefixes: readonly PathPrefix[]): string {
  const present = prefixes.filter((p) => p.from !== '' && text.includes(p.from)).sort((a, b) => b.from.length - a.from.length);
  if (present.length === 0) return text;
  const to = new Map(present.map((p) => [p.from, p.to]));
  // A folder followed by a separator loses it when the folder becomes '.'; a folder name that merely starts alike is left.
  const pattern = new RegExp(`(${present.map((p) => escapeRegExp(p.from)).join('|')})(?:([\\\\/])|(?![^\\s,;:)\\]"'<>|]))`, 'g');
  return text.replace(pattern, (_m, from: string, sep: string | undefined) => {
    const rel = to.get(from) as string;
    return sep === undefined ? rel : rel === '.' ? '' : `${rel}/`;
  });
}

/** Every string inside plain objects and arrays of `value` passed through relativeText (other objects kept as they are). */
export function relativePaths<T>(value: T, prefixes: readonly PathPrefix[]): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return relativeSaid(v, prefixes);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object') {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) return v;
      const copy: Record<string, unknown> = proto === null ? Object.create(null) : {};
      for (const [k, x] of Object.entries(v)) copy[k] = walk(x);
      return copy;
    }
    return v;
  };
  return walk(value) as T;
}

/**
 * relativeText of a text; one said through the message catalogue is said again with its parameters made relative,
 * so that the output layer still knows it and renders it in the reader's language.
 */
function relativeSaid(text: string, prefixes: readonly PathPrefix[]): string {
  const out = relativeText(text, prefixes);
  const message = out === text ? undefined : messageOf(text);
  if (message !== undefined) {
    const params = Object.entries(message.params as Record<string, unknown>).map(([k, v]) => [k, typeof v === 'string' ? relativeSaid(v, prefixes) : v]);
    remember({ key: message.key, params: Object.fromEntries(params) } as Message);
  }
  return out;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
