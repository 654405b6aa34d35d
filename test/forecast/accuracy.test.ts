import { describe, expect, it } from 'vitest';
import { accuracy, mae, mape, mase, maseScale, me, rmse, smape, symmetricApe } from '../../src/forecast/accuracy.js';

describe('accuracy measures', () => {
  // Training 3.1, 4.0, 4.8, 6.3, 6.9, 8.4, 8.8; naive forecast 8.8 for the test 10.5, 11.2, 11.9.
  // R (fixtures/trend/make.R): accuracy(naive(train, h = 3), test) test-set row:
  //   ME 2.4, RMSE 2.4671170759951102, MAE 2.4, MAPE 21.223155929038274, MASE 2.5263157894736832
  const train = [3.1, 4.0, 4.8, 6.3, 6.9, 8.4, 8.8];
  const test = [10.5, 11.2, 11.9];
  const naive = [8.8, 8.8, 8.8];

  it('match R forecast::accuracy() on a fixture', () => {
    const acc = accuracy(test, naive, train);
    expect(acc.me).toBeCloseTo(2.4, 12);
    expect(acc.mae).toBeCloseTo(2.4, 12);
    expect(acc.rmse).toBeCloseTo(2.4671170759951102, 12);
    expect(acc.mape).toBeCloseTo(21.223155929038274, 11);
    expect(acc.mase).toBeCloseTo(2.5263157894736832, 12);
  });

  it('worked by hand: errors 1.7, 2.4, 3.1, MASE scale (8.8 − 3.1)/6 = 0.95', () => {
    expect(mae(test, naive)).toBeCloseTo((1.7 + 2.4 + 3.1) / 3, 12);
    expect(rmse(test, naive)).toBeCloseTo(Math.sqrt((1.7 ** 2 + 2.4 ** 2 + 3.1 ** 2) / 3), 12);
    expect(maseScale(train)).toBeCloseTo(0.95, 12);
    expect(mase(test, naive, train)).toBeCloseTo(2.4 / 0.95, 12);
    // sMAPE: 200·1.7/19.3, 200·2.4/20, 200·3.1/20.7 → 17.6166, 24, 29.9517, mean 23.8561
    expect(smape(test, naive)).toBeCloseTo((200 * 1.7 / 19.3 + 24 + 200 * 3.1 / 20.7) / 3, 12);
    expect(smape(test, naive)).toBeCloseTo(23.8561, 4);
  });

  it('sMAPE is 0 for a pair of zeros, 200 when one side is zero, symmetric in actual and forecast', () => {
    expect(symmetricApe(0, 0)).toBe(0);
    expect(symmetricApe(0, 5)).toBe(200);
    expect(symmetricApe(5, 0)).toBe(200);
    expect(symmetricApe(100, 80)).toBe(symmetricApe(80, 100));
    expect(smape([0, 10], [0, 10])).toBe(0);
  });

  it('MAPE and MASE are undefined (never NaN/Infinity) when their scale is 0', () => {
    expect(mape([0, 1], [1, 1])).toBeUndefined();
    expect(maseScale([5, 5, 5])).toBeUndefined();
    expect(maseScale([5])).toBeUndefined();
    expect(mase([6], [5], [5, 5])).toBeUndefined();
    expect(accuracy([1], [2]).mase).toBeUndefined();
  });

  it('signs: ME is actual minus forecast', () => {
    expect(me([10, 10], [12, 14])).toBe(-3);
  });

  it('rejects mismatched, empty and non-finite input', () => {
    expect(() => mae([1, 2], [1])).toThrow(/as many forecasts as actuals/);
    expect(() => mae([], [])).toThrow(/at least one/);
    expect(() => rmse([1], [Number.NaN])).toThrow(expect.objectContaining({ kind: 'data' }));
  });
});
