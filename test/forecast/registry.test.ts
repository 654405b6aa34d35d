import { describe, expect, it } from 'vitest';
import {
  combineMethods,
  getMethod,
  levenshtein,
  methodNames,
  parseMethodList,
  parseMethodSpec,
  specName,
  suggestName,
} from '../../src/forecast/registry.js';
import { linear, loglinear } from '../../src/forecast/trend.js';
import type { Method } from '../../src/forecast/types.js';

const constant = (name: string, value: number, width: number): Method => ({
  name,
  minLength: 1,
  fit: (y) => ({
    method: name,
    fitted: y.map(() => value),
    residuals: y.map((v) => v - value),
    params: {},
    forecast: (h, options) => ({
      method: name,
      mean: new Array(h).fill(value),
      intervals: (options?.levels ?? [80, 95]).map((level) => ({
        level,
        lower: new Array(h).fill(value - width),
        upper: new Array(h).fill(value + width),
      })),
    }),
  }),
});

describe('levenshtein and suggestions', () => {
  it('computes edit distances', () => {
    expect(levenshtein('', 'abc')).toBe(3);
    expect(levenshtein('kitten', 'sitting')).toBe(3);
    expect(levenshtein('theat', 'theta')).toBe(2);
    expect(levenshtein('linear', 'linear')).toBe(0);
  });

  it('suggests the closest name within distance 2 only', () => {
    expect(suggestName('lienar', ['linear', 'loglinear'])).toBe('linear');
    expect(suggestName('arma', ['arima', 'linear'])).toBe('arima');
    expect(suggestName('prophet', ['arima', 'linear'])).toBeUndefined();
  });
});

describe('parseMethodSpec', () => {
  it('reads names and combinations, case-insensitively and ignoring spaces', () => {
    expect(parseMethodSpec('theta, Auto')).toEqual([
      { kind: 'method', name: 'theta' },
      { kind: 'method', name: 'auto' },
    ]);
    const [combo] = parseMethodSpec('MEAN( ses , median(ets,arima,theta) )');
    expect(specName(combo)).toBe('mean(ses,median(ets,arima,theta))');
  });

  it('rejects malformed text with usage errors', () => {
    for (const [text, message] of [
      ['', /no method given/],
      ['ses,,theta', /method name is missing/],
      ['mean(ses,theta', /never closed/],
      ['ses)', /without a matching/],
      ['mean(ses)', /at least 2 methods/],
      ['ses(theta,arima)', /only mean and median take a list/],
      ['mean(ses,theta) arima', /expected ','/],
    ] as const) {
      expect(() => parseMethodSpec(text)).toThrow(message);
      expect(() => parseMethodSpec(text)).toThrow(expect.objectContaining({ kind: 'usage' }));
    }
  });
});

describe('parseMethodList', () => {
  it('returns registered methods by name', () => {
    expect(parseMethodList('linear,loglinear')).toEqual([linear, loglinear]);
    expect(getMethod('LINEAR')).toBe(linear);
    expect(methodNames()).toEqual(
      expect.arrayContaining(['naive', 'drift', 'ses', 'holt', 'damped', 'ets', 'theta', 'arima', 'linear', 'loglinear', 'logistic']),
    );
  });

  it('names unknown methods with the known ones and a suggestion', () => {
    expect(() => parseMethodList('lienar')).toThrow(/unknown method 'lienar'; expected one of: .*linear.*; did you mean 'linear'\?/);
    expect(() => parseMethodList('prophet')).toThrow(/unknown method 'prophet'; expected one of: /);
    expect(() => parseMethodList('prophet')).not.toThrow(/did you mean/);
    expect(() => parseMethodList('mean(linear,lgistic)')).toThrow(/did you mean 'logistic'/);
  });

  it('rejects a method listed twice', () => {
    expect(() => parseMethodList('linear,LINEAR')).toThrow(/listed twice/);
  });

  it('builds combinations named by their canonical text', () => {
    const [m] = parseMethodList('mean(linear, loglinear)');
    expect(m.name).toBe('mean(linear,loglinear)');
    // y = 1, 2, 4, 8: t̄ = 2.5, ȳ = 3.75, Sty = 11.5, Stt = 5: linear slope 2.3, intercept −2, forecast −2 + 2.3·5
    // = 9.5; loglinear is exact, 16; mean 12.75.
    const y = [1, 2, 4, 8];
    const fc = m.fit(y).forecast(1, { levels: [95] });
    const expected = (linear.fit(y).forecast(1).mean[0] + loglinear.fit(y).forecast(1).mean[0]) / 2;
    expect(fc.mean[0]).toBeCloseTo(expected, 12);
    expect(fc.mean[0]).toBeCloseTo(12.75, 10);
    expect(fc.method).toBe('mean(linear,loglinear)');
  });
});

describe('combineMethods', () => {
  it('takes the mean or median of members’ forecasts and interval bounds', () => {
    const members = [constant('a', 10, 1), constant('b', 20, 2), constant('c', 60, 6)];
    const mean = combineMethods('mean', members).fit([1, 2]).forecast(2, { levels: [80] });
    expect(mean.mean).toEqual([30, 30]);
    expect(mean.intervals[0].lower).toEqual([27, 27]);
    expect(mean.intervals[0].upper).toEqual([33, 33]);
    const median = combineMethods('median', members).fit([1, 2]).forecast(1, { levels: [80] });
    expect(median.mean).toEqual([20]);
    expect(median.intervals[0].upper).toEqual([22]);
    const evenMedian = combineMethods('median', members.slice(0, 2)).fit([1]).forecast(1);
    expect(evenMedian.mean).toEqual([15]);
  });

  it('leaves out members that cannot fit and says so; fails only when none can', () => {
    const combo = combineMethods('mean', [linear, loglinear]);
    const fit = combo.fit([0, 1, 2, 3]);
    expect(fit.params.excluded).toMatch(/loglinear \(loglinear needs strictly positive values/);
    expect(fit.forecast(1).mean[0]).toBeCloseTo(4, 12);
    const broken: Method = { name: 'broken', minLength: 1, fit: () => { throw new Error('no'); } };
    expect(() => combineMethods('mean', [broken, { ...broken, name: 'b2' }]).fit([1, 2])).toThrow(/no member of mean\(broken,b2\)/);
  });
});
