import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DATA_TEXT_ZH } from '../../src/report/data-text-zh.js';
import { DEFINITIONS_ZH } from '../../src/report/definitions-zh.js';
import { PUBLISHERS_ZH, SOURCE_TITLES_ZH } from '../../src/report/source-titles-zh.js';

describe('Chinese definitions of the bundled figures', () => {
  it('every definition in self_sufficiency.csv and capacity_share.csv has one', () => {
    const missing: string[] = [];
    for (const file of ['datasets/self_sufficiency.csv', 'datasets/capacity_share.csv']) {
      const rows = parse(readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
      for (const r of rows) if (r.definition && DEFINITIONS_ZH[r.definition] === undefined) missing.push(`${file}: ${r.definition}`);
    }
    expect([...new Set(missing)]).toEqual([]);
  });
  it('each is Chinese text', () => {
    for (const [en, zh] of Object.entries({ ...DEFINITIONS_ZH, ...SOURCE_TITLES_ZH, ...DATA_TEXT_ZH })) expect(zh, en).toMatch(/[\u4e00-\u9fff]/);
  });
  it('every note of capacity_share.csv, capacity.csv and scenarios.csv and every caveat of claims.csv has one, and no entry is left over', () => {
    const texts = new Set<string>();
    for (const [file, column] of [
      ['datasets/capacity_share.csv', 'notes'],
      ['datasets/capacity.csv', 'notes'],
      ['datasets/scenarios.csv', 'note'],
      ['datasets/claims.csv', 'caveat'],
    ]) {
      const rows = parse(readFileSync(file), { columns: true, bom: true }) as Record<string, string>[];
      for (const r of rows) if (r[column]) texts.add(r[column]);
    }
    expect([...texts].filter((t) => DATA_TEXT_ZH[t] === undefined)).toEqual([]);
    expect(Object.keys(DATA_TEXT_ZH).filter((t) => !texts.has(t))).toEqual([]);
  });
  it('every publisher with words besides names (citing, via, unknown) has a Chinese rendering, and every rendering a publisher', () => {
    const publishers = (parse(readFileSync('datasets/sources.csv'), { columns: true, bom: true }) as Record<string, string>[]).map((r) => r.publisher);
    const described = publishers.filter((p) => /(^|[^A-Za-z.-])[a-z]{2,}\b(?![.-])/.test(p));
    expect(described.filter((p) => PUBLISHERS_ZH[p] === undefined)).toEqual([]);
    expect(Object.keys(PUBLISHERS_ZH).filter((p) => !publishers.includes(p))).toEqual([]);
    for (const [en, zh] of Object.entries(PUBLISHERS_ZH)) expect(zh, en).toMatch(/[\u4e00-\u9fff]/);
  });
  it('every bundled source has a Chinese title, and every Chinese title a source', () => {
    const ids = (parse(readFileSync('datasets/sources.csv'), { columns: true, bom: true }) as Record<string, string>[]).map((r) => r.source_id);
    expect(ids.filter((id) => SOURCE_TITLES_ZH[id] === undefined)).toEqual([]);
    expect(Object.keys(SOURCE_TITLES_ZH).filter((id) => !ids.includes(id))).toEqual([]);
  });
});
