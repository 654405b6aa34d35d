// Building blocks of the ARIMA method checked against R (fixtures made by fixtures/arima/make.R) and
// against hand computations.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { difference, kpssStatistic, ndiffs, ndiffsLag } from '../../src/forecast/arima/kpss.js';
import { isConstant } from '../../src/forecast/common.js';
import { armaLogLik, stationaryCovariance, KalmanWorkspace } from '../../src/forecast/arima/kalman.js';
import { invpartrans, maInvert, partrans, polyRoots, rootsOutside } from '../../src/forecast/arima/polynomial.js';
import { bfgs, invert } from '../../src/forecast/arima/optim.js';
import { cssMeanSquare } from '../../src/forecast/arima/css.js';

const fixture = <T>(name: string): T =>
  JSON.parse(readFileSync(new URL(`./fixtures/arima/${name}`, import.meta.url), 'utf8')) as T;

interface KpssCase {
  id: string;
  y: number[];
  lag: number;
  stat: number;
  statShort: number;
  lagShort: number;
  ndiffs: number;
}
interface LikCase {
  name: string;
  y: number[];
  order: [number, number, number];
  fixed: number[];
  loglik: number;
  sigma2: number;
}

describe('KPSS statistic against urca::ur.kpss(type = "mu")', () => {
  const cases = fixture<KpssCase[]>('kpss.json');
  for (const c of cases) {
    it(`${c.id}: statistic with ndiffs' lag and with urca's "short" lag, and ndiffs`, () => {
      expect(ndiffsLag(c.y.length)).toBe(c.lag);
      // Same sums in the same order: agreement to rounding.
      expect(kpssStatistic(c.y, c.lag)).toBeCloseTo(c.stat, 12);
      expect(kpssStatistic(c.y, c.lagShort)).toBeCloseTo(c.statShort, 12);
      expect(ndiffs(c.y)).toBe(c.ndiffs);
    });
  }

  it('matches a hand computation on 1..4 with lag 1', () => {
    // demeaned e = (-1.5, -0.5, 0.5, 1.5); partial sums S = (-1.5, -2, -1.5, 0); sum S² = 8.5;
    // s2 = 5/4; lag-1 autocovariance sum = 0.75 - 0.25 + 0.75 = 1.25, Bartlett weight 1/2;
    // long-run variance = 1.25 + 2/4 * 0.5 * 1.25 = 1.5625; statistic = (8.5 / 16) / 1.5625 = 0.34.
    expect(kpssStatistic([1, 2, 3, 4], 1)).toBeCloseTo(0.34, 14);
  });

  it('differences a trend twice at most and stops at a constant difference', () => {
    const line = Array.from({ length: 30 }, (_, i) => 3 + 2 * i);
    expect(ndiffs(line)).toBe(1); // diff is constant: stop at d = 1
    const parabola = Array.from({ length: 30 }, (_, i) => i * i);
    expect(ndiffs(parabola)).toBe(2);
    expect(ndiffs([5, 5, 5, 5])).toBe(0);
  });

  it('is.constant uses all.equal\'s relative tolerance 1.5e-8', () => {
    expect(isConstant([1000, 1000 + 1e-6, 1000])).toBe(true);
    expect(isConstant([1000, 1000.001, 1000])).toBe(false);
    expect(isConstant([0, 0, 0])).toBe(true);
  });

  it('difference applies first differences d times', () => {
    expect(Array.from(difference([1, 4, 9, 16], 1))).toEqual([3, 5, 7]);
    expect(Array.from(difference([1, 4, 9, 16], 2))).toEqual([2, 2]);
  });
});

describe('Kalman likelihood against R arima(method = "ML") at fixed coefficients', () => {
  const cases = fixture<LikCase[]>('likelihood.json');
  for (const c of cases) {
    it(`${c.name}: ARIMA(${c.order.join(',')})`, () => {
      const [p, d, q] = c.order;
      const phi = c.fixed.slice(0, p);
      const theta = c.fixed.slice(p, p + q);
      const mu = d === 0 ? c.fixed[p + q] : 0;
      const w = difference(c.y, d);
      const { loglik, sigma2 } = armaLogLik(w, mu, phi, theta);
      if (d === 0) {
        // Same recursions as R's ARIMA_Like; the stationary covariance is solved directly instead of by
        // Gardner's getQ0, so agreement is to rounding.
        expect(loglik).toBeCloseTo(c.loglik, 8);
        expect(sigma2 / c.sigma2).toBeCloseTo(1, 10);
      } else {
        // R filters the undifferenced series with a diffuse prior of variance kappa = 1e6 on the
        // differencing state: an O(1/kappa) approximation of the differenced-series likelihood used here.
        expect(Math.abs(loglik - c.loglik)).toBeLessThan(1e-4);
        expect(Math.abs(sigma2 / c.sigma2 - 1)).toBeLessThan(1e-4);
      }
    });
  }

  it('AR(1) stationary variance is 1 / (1 - phi²) and MA(1) state covariance is [[1+θ², θ], [θ, θ²]]', () => {
    const ws1 = new KalmanWorkspace(1);
    stationaryCovariance([0.6], 0, 1, [], 0, 0, ws1);
    expect(ws1.Pnew[0]).toBeCloseTo(1 / (1 - 0.36), 14);
    const ws2 = new KalmanWorkspace(2);
    stationaryCovariance([], 0, 0, [0.5], 0, 1, ws2);
    expect(Array.from(ws2.Pnew)).toEqual([1.25, 0.5, 0.5, 0.25]);
  });

  it('ARMA(1,1) state covariance solves P = T P T\' + R R\'', () => {
    const phi = 0.7;
    const th = 0.4;
    const ws = new KalmanWorkspace(2);
    stationaryCovariance([phi], 0, 1, [th], 0, 1, ws);
    const P = ws.Pnew; // column-major 2×2, T = [[phi, 1], [0, 0]], R = (1, th)
    const p00 = P[0];
    const p01 = P[2];
    const p11 = P[3];
    expect(p00).toBeCloseTo(phi * phi * p00 + 2 * phi * p01 + p11 + 1, 12);
    expect(p01).toBeCloseTo(th, 12); // (T P T')_{01} = 0, (R R')_{01} = th
    expect(p11).toBeCloseTo(th * th, 12);
    // gamma(0) of ARMA(1,1) = (1 + 2 phi th + th²) / (1 - phi²)
    expect(p00).toBeCloseTo((1 + 2 * phi * th + th * th) / (1 - phi * phi), 12);
  });
});

describe('lag polynomials', () => {
  it('partrans and invpartrans are inverse; partrans gives stationary AR', () => {
    const raw = [0.3, -1.2, 2.0];
    const phi = new Float64Array(3);
    partrans(raw, 0, 3, phi, 0);
    expect(rootsOutside(phi, 1)).toBe(true);
    const back = invpartrans(phi, 3);
    for (let i = 0; i < 3; i++) expect(back[i]).toBeCloseTo(raw[i], 12);
  });

  it('rootsOutside decides root moduli against a radius', () => {
    // 1 - 0.5 z has root 2; 1 - 1.2 z + 0.35 z² = (1 - 0.5 z)(1 - 0.7 z) has roots 2 and 1/0.7
    expect(rootsOutside([0.5], 1.99)).toBe(true);
    expect(rootsOutside([0.5], 2.01)).toBe(false);
    expect(rootsOutside([1.2, -0.35], 1.42)).toBe(true);
    expect(rootsOutside([1.2, -0.35], 1.43)).toBe(false);
    expect(rootsOutside([1.0], 1)).toBe(false); // unit root
  });

  it('polyRoots finds complex roots of 1 + c1 z + c2 z²', () => {
    // 1 + z + z²/2 has roots -1 ± i
    const { re, im } = polyRoots([1, 0.5]);
    const roots = Array.from(re, (r, k) => [r, im[k]]).sort((a, b) => a[1] - b[1]);
    expect(roots[0][0]).toBeCloseTo(-1, 12);
    expect(roots[0][1]).toBeCloseTo(-1, 12);
    expect(roots[1][1]).toBeCloseTo(1, 12);
  });

  it('maInvert reflects MA roots inside the unit circle', () => {
    expect(Array.from(maInvert([2]))).toEqual([0.5]);
    // 1 + 2.5 z + z² = (1 + 2 z)(1 + 0.5 z): root -0.5 is reflected to -2, giving (1 + 0.5 z)² = 1 + z + 0.25 z²
    const inv = maInvert([2.5, 1]);
    expect(inv[0]).toBeCloseTo(1, 12);
    expect(inv[1]).toBeCloseTo(0.25, 12);
    expect(Array.from(maInvert([0.3, 0.1]))).toEqual([0.3, 0.1]);
  });
});

describe('optimiser and CSS', () => {
  it('BFGS minimises a scaled quadratic', () => {
    const f = (x: Float64Array): number => (x[0] - 3) ** 2 + 10 * (x[1] + 1) ** 2 + x[0] * x[1];
    const res = bfgs(f, new Float64Array([0, 0]), new Float64Array([1, 1]));
    // gradient zero: 2(x0-3) + x1 = 0, 20(x1+1) + x0 = 0  =>  x1 = 6 - 2 x0, 140 - 39 x0 = 0
    // => x0 = 140/39, x1 = -46/39. Finite-difference gradients are exact for a quadratic; the stopping
    // rule (relative change 1.5e-8 in f) leaves about 1e-4 in x.
    expect(res.convergence).toBe(0);
    expect(res.par[0]).toBeCloseTo(140 / 39, 3);
    expect(res.par[1]).toBeCloseTo(-46 / 39, 3);
  });

  it('invert returns undefined for a singular matrix', () => {
    expect(invert(new Float64Array([1, 2, 2, 4]), 2)).toBeUndefined();
    const inv = invert(new Float64Array([2, 1, 1, 1]), 2)!;
    expect(Array.from(inv).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([1, -1, -1, 2]);
  });

  it('CSS residuals of an AR(1) start at t = p with zero pre-sample MA residuals', () => {
    const w = [1, 2, 4, 3];
    const resid = new Float64Array(4);
    // AR(1) phi 0.5, mean 1: residuals (2-1) - 0.5 (1-1) = 1, (4-1) - 0.5 (2-1) = 2.5, (3-1) - 0.5 (4-1) = 0.5
    expect(cssMeanSquare(w, 1, [0.5], 0, 1, [], 0, 0, resid)).toBeCloseTo((1 + 6.25 + 0.25) / 3, 14);
    // MA(1) theta 0.5, mean 0: e0 = 1, e1 = 2 - 0.5 = 1.5, e2 = 4 - 0.75 = 3.25, e3 = 3 - 1.625 = 1.375
    expect(cssMeanSquare(w, 0, [], 0, 0, [0.5], 0, 1, resid)).toBeCloseTo((1 + 2.25 + 10.5625 + 1.890625) / 4, 14);
  });
});
