// Chinese input: a GBK/GB18030 CSV (what Excel on Chinese Windows saves) read with --encoding gb18030, a hint
// naming that option when such a file is read as UTF-8, and full-width digits, ％ and commas refused with the
// half-width spelling.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, semicap, tempDir } from './run.js';

const GBK_FILE = 'test/fixtures/encoding/gbk.csv';
const ENV = { LANG: 'C.UTF-8', LC_ALL: undefined, SEMICAP_LANG: undefined, CI: '1' };
const dir = tempDir('semicap-encoding-');
afterAll(() => removeDir(dir));

const forecastArgs = (file: string) => ['forecast', file, '--id', '地区', '--time', '年份', '--value', '产能', '--method', 'naive,drift', '--horizon', '3', '--format', 'csv'];

describe('--encoding gb18030', () => {
  it('the fixture is GBK, not UTF-8 (made with iconv -t GB18030)', () => {
    const bytes = readFileSync(GBK_FILE);
    // 地区 in GBK.
    expect([...bytes.subarray(0, 4)]).toEqual([0xb5, 0xd8, 0xc7, 0xf8]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });

  it('reads a GBK file as its UTF-8 twin reads: same series ids (Chinese), same numbers', async () => {
    const utf8 = join(dir, 'utf8.csv');
    writeFileSync(utf8, new TextDecoder('gb18030').decode(readFileSync(GBK_FILE)));
    const gbk = await semicap([...forecastArgs(GBK_FILE), '--encoding', 'gb18030'], { env: ENV });
    const twin = await semicap(forecastArgs(utf8), { env: ENV });
    expect(gbk.code, gbk.stderr).toBe(0);
    expect(gbk.stdout).toBe(twin.stdout);
    expect(gbk.stdout).toMatch(/^id,year,method,mean,/);
    expect(gbk.stdout).toContain('\n中国大陆,2026,naive,21.4,');
    expect(gbk.stdout).toContain('\n华虹,2028,drift,');
    // gbk and gb2312 are names for it too.
    expect((await semicap([...forecastArgs(GBK_FILE), '--encoding', 'gbk'], { env: ENV })).stdout).toBe(gbk.stdout);
  });

  it('a GBK file read as UTF-8 is refused (65) with a hint naming --encoding gb18030, in Chinese too', async () => {
    const r = await semicap(forecastArgs(GBK_FILE), { env: ENV });
    expect(r.code).toBe(65);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`semicap: ${GBK_FILE}:1: invalid UTF-8 at byte 1; expected UTF-8 text: a GBK/GB18030 file (what Excel on Chinese Windows saves) reads with --encoding gb18030, or re-save it as UTF-8\n`);
    const zh = await semicap([...forecastArgs(GBK_FILE), '--lang', 'zh'], { env: ENV });
    expect(zh.code).toBe(65);
    expect(zh.stderr).toBe(`semicap: ${GBK_FILE}:1: 第 1 字节处不是有效的 UTF-8：GBK/GB18030 文件（中文版 Windows 上 Excel 的默认保存编码）请加 --encoding gb18030 读取，或另存为 UTF-8\n`);
  });

  it('a UTF-8 file read as GB18030 where it is not GB18030 is refused with its line', async () => {
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, Buffer.concat([Buffer.from('year,value\n2020,1\n2021,'), Buffer.from([0x81, 0x20]), Buffer.from('\n')]));
    const r = await semicap(['forecast', bad, '--encoding', 'gb18030'], { env: ENV });
    expect(r.code).toBe(65);
    expect(r.stderr).toBe(`semicap: ${bad}:3: is not valid GB18030 (GBK) text here; expected the encoding given with --encoding\n`);
  });

  it('an unknown encoding is a usage error', async () => {
    const r = await semicap(['forecast', 'examples/history.csv', '--value', 'share', '--encoding', 'latin1'], { env: ENV });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('semicap: --encoding latin1 is not supported; expected utf-8 or gb18030 (gbk)\n');
  });
});

describe('full-width input', () => {
  it('a full-width year or value spoils its series with the half-width spelling as the hint', async () => {
    const year = await semicap(['forecast', 'test/fixtures/encoding/fullwidth-year.csv', '--value', 'share', '--method', 'naive'], { env: ENV });
    expect(year.code).toBe(65);
    expect(year.stderr).toContain("fullwidth-year.csv:2:1: year '２０２１' has full-width characters; write it as '2021' (half-width digits, % and commas)");
    const value = await semicap(['forecast', 'test/fixtures/encoding/fullwidth-value.csv', '--value', 'share', '--method', 'naive'], { env: ENV });
    expect(value.code).toBe(65);
    expect(value.stderr).toContain("fullwidth-value.csv:3:2: share '１７.５％' has full-width characters; write it as '17.5%' (half-width digits, % and commas)");
  });
  it('a header separated by full-width commas is refused with how to save it', async () => {
    const r = await semicap(['forecast', 'test/fixtures/encoding/fullwidth-commas.csv', '--value', 'share'], { env: ENV });
    expect(r.code).toBe(65);
    expect(r.stderr).toBe('semicap: test/fixtures/encoding/fullwidth-commas.csv:1: the header is separated by full-width commas (，), not commas; save the file with half-width commas (,)\n');
  });
  it('a GBK dataset file in a --data folder gets a hint that it looks like GBK', async () => {
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, 'sources.csv'), Buffer.concat([Buffer.from('source_id,publisher,title,url,published,accessed,notes\nx,'), readFileSync(GBK_FILE).subarray(0, 4), Buffer.from(',t,https://example.com,2024-01-01,2024-01-02,\n')]));
    const r = await semicap(['validate', data], { env: ENV });
    expect(r.code).toBe(65);
    expect(r.stderr).toMatch(/sources\.csv:2: invalid UTF-8 at byte \d+: this looks like GBK\/GB18030 text \(what Excel on Chinese Windows saves\); re-save it as "CSV UTF-8 \(comma delimited\)"/);
  });
});
