// Fits of several series side by side (fitEtsModels, and the fitMany of theta and auto built on it) against the
// same fits one series at a time, and against R's parameters.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/gen-long-csv.js';
import { type EtsSpec, fitEtsModel, fitEtsModels } from '../../src/forecast/ets/core.js';
import { fitAuto, fitAutoMany } from '../../src/forecast/auto.js';
import { fitTheta, fitThetaMany } from '../../src/forecast/theta.js';
import { parseMethodList, withIntervals } from '../../src/forecast/registry.js';
import type { FitOutcome, Fitted } from '../../src/forecast/types.js';
import { SemicapError } from '../../src/errors.js';
import { referencesFor } from './fixtures/ets/reference.js';

/** A seeded random walk with drift of n years (the shape of bench/gen-long-csv.ts, from its generator). */
function walk(n: number, seed: number): number[] {
  const random = mulberry32(seed);
  let level = 100 + 900 * random();
  const drift = 0.01 + 0.05 * random();
  return Array.from({ length: n }, () => (level = Math.max(0.01, level * (1 + drift + 0.04 * (random() - 0.5)))));
}

// Different lengths (pairs of unequal length, series too short for the state space fit), a constant series.
const SERIES = [walk(47, 1), walk(30, 2), walk(47, 3), walk(12, 4), walk(3, 5), walk(60, 6), walk(47, 7), [5, 5, 5, 5, 5, 5, 5, 5, 5, 5], walk(25, 8)];

const SPECS: [EtsSpec, 'mse' | 'lik'][] = [
  [{ error: 'A', trend: 'N', damped: false }, 'mse'],
  [{ error: 'A', trend: 'A', damped: false }, 'mse'],
  [{ error: 'A', trend: 'A', damped: true }, 'mse'],
  [{ error: 'A', trend: 'N', damped: false }, 'lik'],
  [{ error: 'M', trend: 'A', damped: true }, 'lik'],
];

const forecastOf = (f: Fitted) => f.forecast(6, { levels: [80, 95] });
const fittedOf = (o: FitOutcome): Fitted => {
  if ('thrown' in o) throw o.thrown;
  return o.fitted;
};

describe('fitEtsModels (searches side by side)', () => {
  for (const [spec, crit] of SPECS) {
    for (const reltol of [Math.sqrt(Number.EPSILON), 1e-3]) {
      it(`gives each series exactly its own fit: ETS(${spec.error},${spec.trend}${spec.damped ? 'd' : ''},N) by ${crit}, reltol ${reltol}`, () => {
        const together = fitEtsModels(SERIES, spec, crit, reltol);
        SERIES.forEach((y, i) => {
          const alone = fitEtsModel(y, spec, crit, reltol);
          const t = together[i];
          if (alone === undefined) return expect(t).toBeUndefined();
          expect(t).toBeDefined();
          for (const key of ['alpha', 'beta', 'phi', 'l0', 'b0', 'lastLevel', 'lastTrend', 'sigma2', 'lik', 'aicc'] as const) expect(t![key]).toBe(alone[key]);
          expect(t!.fitted).toEqual(alone.fitted);
          expect(t!.errors).toEqual(alone.errors);
          expect(t!.label).toBe(alone.label);
        });
      });
    }
  }

  it("fits R's series together to R's smoothing parameters (ses: ETS(A,N,N) by MSE)", () => {
    // Longer than R's short-series fallback, and not constant (a perfect fit leaves alpha undetermined).
    const refs = referencesFor('ses').filter((r) => r.y.length > 6 && r.par?.alpha !== undefined && !(r.sigma2 !== undefined && r.sigma2 < 1e-12));
    expect(refs.length).toBeGreaterThan(5);
    const models = fitEtsModels(
      refs.map((r) => r.y),
      { error: 'A', trend: 'N', damped: false },
      'mse',
    );
    refs.forEach((r, i) => {
      expect(Math.abs(models[i]!.alpha - r.par!.alpha)).toBeLessThanOrEqual(1e-6);
      expect(Math.abs(models[i]!.l0 - r.par!.l) / Math.max(1, Math.abs(r.par!.l))).toBeLessThanOrEqual(1e-6);
    });
  });
});

describe('fitMany of theta and auto', () => {
  const withBad = [...SERIES, [1, Number.NaN, 3], walk(1, 9), walk(50, 10)];

  it('theta: the forecasts, params and errors of fitTheta, series by series', () => {
    const many = fitThetaMany(withBad);
    withBad.forEach((y, i) => {
      let alone: Fitted | undefined;
      try {
        alone = fitTheta(y);
      } catch (e) {
        expect('thrown' in many[i] && many[i].thrown).toBeInstanceOf(SemicapError);
        expect(String((many[i] as { thrown: unknown }).thrown)).toBe(String(e));
        return;
      }
      const f = fittedOf(many[i]);
      expect(forecastOf(f)).toEqual(forecastOf(alone));
      expect(f.params).toEqual(alone.params);
      expect(f.fitted).toEqual(alone.fitted);
    });
  });

  it('auto (calibrated as the command line uses it): the forecasts and params of fitAuto, series by series', () => {
    const [calibratedAuto] = withIntervals(parseMethodList('auto'), 'calibrated');
    expect(calibratedAuto.fitMany).toBeDefined();
    const many = calibratedAuto.fitMany!(withBad);
    const plain = fitAutoMany(withBad);
    withBad.forEach((y, i) => {
      let alone: Fitted | undefined;
      try {
        alone = fitAuto(y);
      } catch {
        expect('thrown' in many[i]).toBe(true);
        expect('thrown' in plain[i]).toBe(true);
        return;
      }
      expect(forecastOf(fittedOf(plain[i]))).toEqual(forecastOf(alone));
      expect(fittedOf(plain[i]).params).toEqual(alone.params);
      expect(forecastOf(fittedOf(many[i]))).toEqual(forecastOf(calibratedAuto.fit(y)));
    });
  });
});
