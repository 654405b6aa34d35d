import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { gb18030ToUtf8, halfWidth, looksLikeGb18030, parseEncoding } from '../../src/data/encoding.js';
import { parseNumber, parseSeriesYear } from '../../src/data/values.js';

// 中国 in GBK: D6 D0 B9 FA; 年份 in GBK: C4 EA B7 DD.
const GBK = Uint8Array.from([0xc4, 0xea, 0xb7, 0xdd, 0x2c, 0x31, 0x0a, 0xd6, 0xd0, 0xb9, 0xfa, 0x2c, 0x32, 0x0a]);

async function collect(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const chunk of stream) parts.push(chunk as Buffer);
  return Buffer.concat(parts).toString('utf8');
}

describe('text encodings', () => {
  it('--encoding names: utf-8, gb18030 and its subsets gbk and gb2312; anything else is a usage error', () => {
    expect(parseEncoding('UTF8')).toBe('utf-8');
    expect(parseEncoding('gbk')).toBe('gb18030');
    expect(parseEncoding('GB2312')).toBe('gb18030');
    expect(() => parseEncoding('latin1')).toThrow(/--encoding latin1 is not supported; expected utf-8 or gb18030/);
  });
  it('decodes GB18030 to UTF-8, also when a character is split between chunks', async () => {
    const chunks = [GBK.subarray(0, 1), GBK.subarray(1, 9), GBK.subarray(9)].map((c) => Buffer.from(c));
    expect(await collect(Readable.from(chunks).pipe(gb18030ToUtf8('f.csv')))).toBe('年份,1\n中国,2\n');
  });
  it('a byte sequence that is not GB18030 is an error with its line', async () => {
    const bad = Buffer.from([0x61, 0x0a, 0x62, 0x0a, 0x81, 0x20]);
    await expect(collect(Readable.from([bad]).pipe(gb18030ToUtf8('f.csv')))).rejects.toThrow(/^f\.csv:3: is not valid GB18030/);
  });
  it('knows GBK Chinese text when it sees it, and not Latin-1 or random bytes', () => {
    expect(looksLikeGb18030(GBK)).toBe(true);
    expect(looksLikeGb18030(Buffer.from('café,1\n', 'latin1'))).toBe(false);
    expect(looksLikeGb18030(Uint8Array.from([0xff, 0xff, 0x00]))).toBe(false);
  });
  it('full-width digits, ％, ， and ． have a half-width spelling; refused with it as the hint', () => {
    expect(halfWidth('２０２３')).toBe('2023');
    expect(halfWidth('２９％')).toBe('29%');
    expect(halfWidth('1，234．5')).toBe('1,234.5');
    expect(halfWidth('29%')).toBeUndefined();
    expect(parseNumber('２９％', { percentSign: true })).toEqual({ ok: false, reason: "'２９％' has full-width characters; write it as '29%' (half-width digits, % and commas)" });
    expect(parseSeriesYear('２０２３')).toEqual({ ok: false, reason: "'２０２３' has full-width characters; write it as '2023' (half-width digits, % and commas)" });
  });
});
