// Input CSV in GB18030 (a superset of GBK and GB2312: what Excel on Chinese Windows saves), decoded to UTF-8 on the
// way in so every later reader sees UTF-8; full-width digits, ％ and commas are refused with the half-width spelling.
import { Transform } from 'node:stream';
import { usageError } from '../errors.js';
import { say } from '../messages.js';
import { problemError } from './problem.js';

const ENCODINGS = ['utf-8', 'gb18030'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** --encoding: utf-8 (also utf8), gb18030 (also gbk, gb2312: GB18030 reads both). */
export function parseEncoding(value: string): Encoding {
  const v = value.trim().toLowerCase();
  if (v === 'utf-8' || v === 'utf8') return 'utf-8';
  if (v === 'gb18030' || v === 'gbk' || v === 'gb2312') return 'gb18030';
  throw usageError(say('error.unknownEncoding', { encoding: value, encodings: 'utf-8 or gb18030 (gbk)' }));
}

/** A stream that decodes GB18030 bytes into UTF-8 bytes; a byte sequence that is not GB18030 is a located error. */
export function gb18030ToUtf8(file: string): Transform {
  const decoder = new TextDecoder('gb18030', { fatal: true });
  let line = 1;
  const decode = (chunk: Buffer | undefined, done: (e: Error | null, out?: Buffer) => void) => {
    try {
      const text = chunk === undefined ? decoder.decode() : decoder.decode(chunk, { stream: true });
      const out = Buffer.from(text, 'utf8');
      for (const c of out) if (c === 10) line++;
      done(null, out);
    } catch {
      // The line of the bad sequence: the lines of this chunk before it, read leniently.
      const before = chunk === undefined ? '' : new TextDecoder('gb18030').decode(chunk).split('\uFFFD')[0];
      done(problemError({ file, line: line + before.split('\n').length - 1, message: say('error.notGb18030') }));
    }
  };
  return new Transform({
    transform: (chunk: Buffer, _enc, done) => decode(chunk, done),
    flush: (done) => decode(undefined, (e, out) => (e ? done(e) : done(null, out))),
  });
}

/** True when bytes that are not UTF-8 read as GB18030 text with Chinese in it: the hint can say so. */
export function looksLikeGb18030(bytes: Uint8Array): boolean {
  try {
    return /[\u4e00-\u9fff]/.test(new TextDecoder('gb18030', { fatal: true }).decode(bytes.subarray(0, 64 * 1024)));
  } catch {
    return false;
  }
}

const FULL_WIDTH = /[\uff10-\uff19\uff05\uff0c\uff0e\uff0d\uff0b\u3000]/;

/** The half-width spelling of text with full-width digits, ％, ，, ． or －; undefined when there are none. */
export function halfWidth(text: string): string | undefined {
  if (!FULL_WIDTH.test(text)) return undefined;
  return text.replace(/[\uff10-\uff19\uff05\uff0c\uff0e\uff0d\uff0b]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
