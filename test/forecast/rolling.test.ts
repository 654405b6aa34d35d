// Rolling-origin forecasts without refitting (rolling.ts): from the last origin they are the methods' own
// forecasts; from earlier origins they follow the same recursions on the data up to there (checked by hand).
import { describe, expect, it } from 'vitest';
import { fitArima } from '../../src/forecast/arima.js';
import { damped } from '../../src/forecast/damped.js';
import { fitTheta } from '../../src/forecast/theta.js';
import { arimaOrigins, driftOrigins, etsOrigins, naiveOrigins, originError, thetaOrigins } from '../../src/forecast/rolling.js';

const y = [12, 14, 13, 17, 19, 18, 22, 21, 25, 24, 23, 27, 30, 29, 33, 35, 34, 38];
const num = (v: number | string | undefined) => v as number;

describe('rolling origins', () => {
  it('naive and drift from origin o use only y[0..o]', () => {
    expect(Array.from(naiveOrigins(y, 2)[3])).toEqual([17, 17]);
    // drift from origin 4: (19 - 12) / 4 = 1.75 a year.
    expect(Array.from(driftOrigins(y, 3)[4])).toEqual([20.75, 22.5, 24.25]);
    expect(driftOrigins(y, 1)[0][0]).toBeNaN();
  });

  it('damped ETS: the last origin gives the fit forecast; an earlier one the hand-run recursion', () => {
    const fit = damped.fit(y);
    const p = { alpha: num(fit.params.alpha), beta: num(fit.params.beta), phi: num(fit.params.phi), l0: num(fit.params.l0), b0: num(fit.params.b0) };
    const rows = etsOrigins(y, 3, p);
    const own = fit.forecast(3).mean;
    for (let k = 0; k < 3; k++) expect(rows[y.length - 1][k]).toBeCloseTo(own[k], 9);
    // By hand, two steps of l_t = l + phi b + alpha e, b_t = phi b + beta e, e = y - (l + phi b).
    let [l, b] = [p.l0, p.b0];
    for (const v of [12, 14]) {
      const e = v - (l + p.phi * b);
      [l, b] = [l + p.phi * b + p.alpha * e, p.phi * b + p.beta * e];
    }
    expect(rows[1][1]).toBeCloseTo(l + (p.phi + p.phi * p.phi) * b, 12);
    // One-step forecasts from origin o are the fitted values at o + 1.
    for (let o = 0; o < y.length - 1; o++) expect(rows[o][0]).toBeCloseTo(fit.fitted[o + 1], 9);
  });

  it('theta: the last origin gives fitTheta forecast from the same SES parameters', () => {
    const fit = fitTheta(y);
    const rows = thetaOrigins(y, 4, { alpha: num(fit.params.alpha), l0: num(fit.params.l0) });
    const own = fit.forecast(4).mean;
    for (let k = 0; k < 4; k++) expect(rows[y.length - 1][k]).toBeCloseTo(own[k], 8);
  });

  it('arima: an AR(1) with mean forecasts mu + phi^h (y_o - mu) from every origin', () => {
    const rows = arimaOrigins(y, 3, { d: 0, phi: [0.5], theta: [], mu: 20 });
    expect(rows[5][0]).toBeCloseTo(20 + 0.5 * (18 - 20), 12);
    expect(rows[5][2]).toBeCloseTo(20 + 0.125 * (18 - 20), 12);
    // ARIMA(0,1,1) with drift 1 and theta 0.4: residuals e_t = dy_t - 1 - 0.4 e_{t-1} from e_1; then
    // the one-step forecast adds 1 + 0.4 e_o, later steps add 1 a year.
    const ma = arimaOrigins(y, 2, { d: 1, phi: [], theta: [0.4], mu: 1 });
    let e = 0;
    for (let t = 1; t <= 4; t++) e = y[t] - y[t - 1] - 1 - 0.4 * e;
    expect(ma[4][0]).toBeCloseTo(y[4] + 1 + 0.4 * e, 12);
    expect(ma[4][1]).toBeCloseTo(y[4] + 2 + 0.4 * e, 12);
    expect(ma[0][0]).toBeNaN();
  });

  it('arima: the last origin of the chosen model is close to its exact (Kalman) forecast', () => {
    const fit = fitArima(y);
    const p = fit.params;
    const phi = [1, 2, 3].map((i) => p[`ar${i}`]).filter((v) => v !== undefined) as number[];
    const theta = [1, 2, 3].map((i) => p[`ma${i}`]).filter((v) => v !== undefined) as number[];
    const rows = arimaOrigins(y, 3, { d: num(p.d), phi, theta, mu: num(p.mean ?? p.drift ?? 0) });
    const own = fit.forecast(3).mean;
    for (let k = 0; k < 3; k++) expect(Math.abs(rows[y.length - 1][k] - own[k]) / Math.abs(own[k])).toBeLessThan(0.01);
  });

  it('originError: mean over origins of the mean absolute error of the steps inside the series', () => {
    const z = [1, 2, 4, 7];
    // naive from origin 1 (value 2): errors |4-2|, |7-2| -> 3.5; from origin 2 (value 4): |7-4| -> 3.
    expect(originError(z, naiveOrigins(z, 2), 1, 2)).toBe(3.25);
    expect(originError(z, naiveOrigins(z, 2), 3, 2)).toBeNaN();
  });
});
