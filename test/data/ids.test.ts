// Look-alike series ids: kept apart, warned about.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idSkeleton, LookalikeIds, visibleId } from '../../src/data/ids.js';

describe('idSkeleton', () => {
  it('maps what looks the same to the same text', () => {
    for (const s of ['china', ' china', 'china ', 'chi\u200bna', '\ufeffchina', 'сhina', 'chinа', 'ｃｈｉｎａ']) expect(idSkeleton(s), visibleId(s)).toBe('china');
    expect(idSkeleton('cafe\u0301')).toBe(idSkeleton('caf\u00e9'));
    expect(idSkeleton('hua\u00a0hong')).toBe('hua hong');
    expect(idSkeleton('中芯国际')).toBe('中芯国际');
    expect(idSkeleton('smic')).not.toBe(idSkeleton('smlc'));
  });

  it('property (seeded): ASCII ids without stray spaces are their own skeleton', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z0-9_.-]{1,12}( [a-z0-9_.-]{1,12})?$/), (id) => idSkeleton(id) === id),
      { seed: 21, numRuns: 1000 },
    );
  });
});

describe('LookalikeIds', () => {
  it('warns once per look-alike pair with what differs, never about ids that differ visibly', () => {
    const ids = new LookalikeIds();
    for (const id of ['china', 'taiwan', 'china ', 'сhina', 'cafe\u0301', 'caf\u00e9', 'chi\u200bna', 'korea']) ids.add(id);
    expect(ids.warnings()).toEqual([
      "series ids 'china' and 'china ' look alike but differ (surrounding spaces); kept as two series: check the spelling",
      "series ids 'china' and '\\u0441hina' look alike but differ (look-alike letters from another script); kept as two series: check the spelling",
      "series ids 'cafe\\u0301' and 'café' look alike but differ (Unicode normalisation (NFC/NFD)); kept as two series: check the spelling",
      "series ids 'china' and 'chi\\u200bna' look alike but differ (invisible characters); kept as two series: check the spelling",
    ]);
  });

  it('says how many more pairs there were past the first 20', () => {
    const ids = new LookalikeIds();
    for (let i = 0; i < 25; i++) {
      ids.add(`s${i}`);
      ids.add(`s${i} `);
    }
    const w = ids.warnings();
    expect(w).toHaveLength(21);
    expect(w[20]).toBe('5 more pair(s) of look-alike series ids');
  });
});
