import { describe, expect, it } from 'vitest';
import { etsCandidates, ets } from '../../src/forecast/ets.js';
import { edgeCaseTests, referencesFor } from './fixtures/ets/reference.js';
import { rReferenceTests } from './fixtures/ets/smoothing.js';

describe('ets (R ets(): non-seasonal ETS chosen by AICc)', () => {
  rReferenceTests(ets, 'ets');

  for (const ref of referencesFor('ets').filter((r) => r.y.length > 6 && new Set(r.y).size > 1)) {
    it(`chooses R's model ${ref.model} with R's AICc on ${ref.series}`, () => {
      const f = ets.fit(ref.y);
      expect(f.params.model).toBe(ref.model);
      expect(f.aicc).toBeDefined();
      // Same likelihood at the same optimum: rounding only.
      expect(Math.abs((f.aicc as number) - (ref.aicc as number))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(ref.aicc as number)));
    });
  }

  it('searches R\'s six non-seasonal models, multiplicative errors only for positive data', () => {
    expect(etsCandidates(true).map((s) => `${s.error}${s.trend}${s.damped ? 'd' : ''}`)).toEqual(['AN', 'AAd', 'AA', 'MN', 'MAd', 'MA']);
    expect(etsCandidates(false).map((s) => s.error)).toEqual(['A', 'A', 'A']);
  });

  it('multiplicative-error intervals widen with the level (class 2 variance)', () => {
    // N0001 of M3: R chooses ETS(M,A,N) (checked against R above); the h-step variance is not sigma²·(1+Σc²) here.
    const ref = referencesFor('ets').find((r) => r.series === 'N0001');
    expect(ref?.model).toBe('ETS(M,A,N)');
    const fc = ets.fit(ref!.y).forecast(6, { levels: [95] });
    const widths = fc.intervals[0].upper.map((u, k) => u - fc.intervals[0].lower[k]);
    for (let k = 1; k < 6; k++) expect(widths[k]).toBeGreaterThan(widths[k - 1]);
  });

  it('a constant series gets R\'s SES with alpha 0.99999 and says so', () => {
    const f = ets.fit(new Array(10).fill(3));
    expect(f.params.alpha).toBe(0.99999);
    expect(String(f.params.fallback)).toMatch(/constant/);
  });

  edgeCaseTests(ets);
});
