// The restricted ARIMA order search (every p <= maxP, q <= maxQ, constant on/off) against R's
// auto.arima(y, max.p = P, max.q = Q, stepwise = FALSE), R 4.2.2, forecast 8.20, on four M3 yearly train series.
// The R numbers come from this script (y pasted from ../shared/benchmarks/m3-yearly/m3_yearly.csv):
//   Rscript -e 'library(forecast); d <- read.csv("m3_yearly.csv");
//     for (id in c("N0003", "N0033", "N0090", "N0156")) { y <- d$value[d$series_id == id & d$split == "train"];
//       for (o in list(c(1, 0), c(1, 1))) { f <- auto.arima(y, max.p = o[1], max.q = o[2], stepwise = FALSE);
//         fc <- forecast(f, h = 6, level = 95); print(f); print(signif(fc$mean, 10)); print(signif(fc$lower, 10)) } }'
import { describe, expect, it } from 'vitest';
import { fitArima } from '../../src/forecast/arima.js';

const SERIES: Record<string, number[]> = {
  N0003: [1461.57, 1692.5, 2193.82, 2459.68, 3246.8, 4748.86, 5559.46, 5292.42, 5029.4, 4753.6, 4344.6, 2897.4, 3256.4, 3525.2],
  N0033: [2009.28, 2207.48, 2091.58, 2349.82, 3448.44, 3634.06, 3063.02, 2701.38, 3024.48, 2650.26, 2333.84, 2113.08, 2710.44, 3976.18],
  N0090: [2695.92, 2769.21, 3048.48, 3539.23, 4103.69, 5008, 5918, 6220, 6150, 6259, 6453, 6695, 7163, 8050],
  N0156: [
    158.4, 157.8, 176.6, 204.8, 264, 312.4, 364.8, 412.2, 487, 552.6, 625.2, 630, 727.4, 777.2, 796.6, 875.2, 1007.2, 1169.8, 1373.6, 1597.8,
    1975, 2279.2, 2508.4, 2634.2, 2713.2, 3048.2, 3239.2, 3258.4, 3256.2, 3579.8, 3895, 4535.6, 5240.4, 5083.6, 4977.8, 5192.8, 5636.6,
    6102.4, 6718, 7331, 8089.4,
  ],
};

interface RCase {
  id: string;
  maxP: number;
  maxQ: number;
  label: string;
  coef: Record<string, number>;
  mean: number[];
  lower95: number[];
}

const R_CASES: RCase[] = [
  {
    id: 'N0003',
    maxP: 1,
    maxQ: 0,
    label: 'ARIMA(1,1,0)',
    coef: { ar1: 0.4410023343 },
    mean: [3643.741427, 3696.018474, 3719.072773, 3729.239773, 3733.723444, 3735.700753],
    lower95: [2361.016226, 1446.128809, 642.8580552, -57.30150588, -674.1432836, -1225.921835],
  },
  {
    id: 'N0033',
    maxP: 1,
    maxQ: 0,
    label: 'ARIMA(1,0,0) with non-zero mean',
    coef: { ar1: 0.5636132643, mean: 2776.423639 },
    mean: [3452.622238, 3157.538139, 2991.224826, 2897.488437, 2844.657365, 2814.881072],
    lower95: [2349.651154, 1891.444596, 1677.546105, 1569.050493, 1511.565205, 1480.313851],
  },
  {
    id: 'N0033',
    maxP: 1,
    maxQ: 1,
    label: 'ARIMA(1,0,1) with non-zero mean',
    coef: { ar1: 0.2791317336, ma1: 0.7972631653, mean: 2786.798971 },
    mean: [3747.798699, 3055.044491, 2861.674808, 2807.699193, 2792.632886, 2788.427401],
    lower95: [2805.109129, 1670.351827, 1448.336478, 1392.153292, 1376.915128, 1372.696254],
  },
  {
    id: 'N0090',
    maxP: 1,
    maxQ: 1,
    label: 'ARIMA(1,1,1)',
    coef: { ar1: 0.7995989963, ma1: 0.8536027148 },
    mean: [9081.713163, 9906.669973, 10566.30461, 11093.7478, 11515.49085, 11852.71617],
    lower95: [8643.239205, 8665.028333, 8428.838508, 8024.810571, 7511.386494, 6927.763657],
  },
  {
    id: 'N0156',
    maxP: 1,
    maxQ: 0,
    label: 'ARIMA(0,2,0)',
    coef: {},
    mean: [8847.8, 9606.2, 10364.6, 11123, 11881.4, 12639.8],
    lower95: [8482.842435, 8790.130076, 8999.053832, 9124.045092, 9174.80226, 9158.32672],
  },
  {
    id: 'N0156',
    maxP: 1,
    maxQ: 1,
    label: 'ARIMA(1,2,1)',
    coef: { ar1: 0.52646532, ma1: -0.8536550112 },
    mean: [8718.473267, 9279.460493, 9804.602781, 10310.87395, 10807.21013, 11298.31589],
    lower95: [8367.325279, 8595.100594, 8779.526023, 8942.074919, 9091.604317, 9231.488425],
  },
];

/** |a - b| <= tol * max(1, |b|). */
const close = (a: number, b: number, tol: number): boolean => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

describe('arima with a restricted order search against R auto.arima(stepwise = FALSE)', () => {
  for (const r of R_CASES) {
    it(`${r.id}, p <= ${r.maxP}, q <= ${r.maxQ}: ${r.label}`, () => {
      const fit = fitArima(SERIES[r.id], { maxP: r.maxP, maxQ: r.maxQ });
      expect(fit.params.model).toBe(r.label);
      // d > 0: R's diffuse prior moves optima by up to ~1e-4 of a coefficient's scale (as in arima.test.ts).
      const tol = fit.params.d === 0 ? 1e-6 : 2e-4;
      for (const [name, value] of Object.entries(r.coef)) expect(close(fit.params[name] as number, value, tol), `${name}: ${String(fit.params[name])} vs ${value}`).toBe(true);
      const fc = fit.forecast(6, { levels: [95] });
      fc.mean.forEach((v, k) => expect(close(v, r.mean[k], 1e-5), `mean ${k + 1}: ${v} vs ${r.mean[k]}`).toBe(true));
      // Bounds near zero are compared on the scale of the forecast they sit around.
      fc.intervals[0].lower.forEach((v, k) => expect(Math.abs(v - r.lower95[k]), `lower ${k + 1}: ${v} vs ${r.lower95[k]}`).toBeLessThanOrEqual(1e-5 * Math.abs(r.mean[k])));
    });
  }

  it('searches orders the stepwise search passes by (N0090: stepwise ARIMA(2,1,0) with drift, restricted ARIMA(1,1,1))', () => {
    expect(fitArima(SERIES.N0090).params.model).toBe('ARIMA(2,1,0) with drift');
    expect(fitArima(SERIES.N0090, { maxP: 1, maxQ: 1 }).params.model).toBe('ARIMA(1,1,1)');
  });

  it('never exceeds the orders it is given', () => {
    for (const y of Object.values(SERIES)) {
      const { p, q } = fitArima(y, { maxP: 1, maxQ: 0 }).params;
      expect(p).toBeLessThanOrEqual(1);
      expect(q).toBe(0);
    }
  });
});
