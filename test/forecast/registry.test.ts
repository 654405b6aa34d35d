import { describe, expect, it } from 'vitest';
import type { SemicapError } from '../../src/errors.js';
import {
  getMethod,
  methodNames,
  parseMethodList,
  parseMethodSpec,
  specName,
  suggestName,
} from '../../src/forecast/registry.js';
import { linear, loglinear } from '../../src/forecast/trend.js';
import { levenshtein } from '../../src/text.js';

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
      expect.arrayContaining(['naive', 'drift', 'ses', 'holt', 'damped', 'ets', 'theta', 'arima', 'linear', 'loglinear', 'logistic', 'auto']),
    );
    expect(parseMethodList('theta,auto').map((m) => m.name)).toEqual(['theta', 'auto']);
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

describe('combinations from --method', () => {
  it('take the median of members’ forecasts', () => {
    // y = 1, 2, 4, 8: linear 9.5, loglinear 16, arima (whatever it is): the median of three is the middle one.
    const y = [1, 2, 4, 8];
    const [m] = parseMethodList('median(linear,loglinear,arima)');
    const parts = [linear, loglinear, getMethod('arima')].map((p) => p.fit(y).forecast(2).mean);
    const fc = m.fit(y).forecast(2);
    for (let k = 0; k < 2; k++) {
      const sorted = parts.map((p) => p[k]).sort((a, b) => a - b);
      expect(fc.mean[k]).toBeCloseTo(sorted[1], 12);
    }
  });

  it('nest', () => {
    const [m] = parseMethodList('mean(linear,median(linear,loglinear,logistic))');
    expect(m.name).toBe('mean(linear,median(linear,loglinear,logistic))');
    expect(m.fit([1, 2, 4, 8, 12]).forecast(1).mean.every(Number.isFinite)).toBe(true);
  });

  it('fail as a whole when a member cannot fit (loglinear on zeros)', () => {
    const [m] = parseMethodList('mean(linear,loglinear)');
    expect(() => m.fit([0, 1, 2, 3])).toThrow(/strictly positive/);
  });
});

describe('parseMethodSpec bounds: hostile expressions are usage errors, never a stack overflow', () => {
  const usage = (text: string) => {
    try {
      parseMethodSpec(text);
    } catch (e) {
      return (e as SemicapError).kind === 'usage' ? (e as Error).message : `not usage: ${String(e)}`;
    }
    return 'accepted';
  };
  it('caps nesting, length and the number of names', () => {
    expect(usage('mean(naive,mean(naive,mean(naive,mean(naive,drift))))')).toBe('accepted');
    expect(usage('mean(naive,mean(naive,mean(naive,mean(naive,mean(naive,drift)))))')).toMatch(/combinations nested more than 4 deep; expected at most 4$/);
    expect(usage('mean('.repeat(100_000) + 'naive')).toMatch(/: 500005 characters; expected at most 500$/);
    expect(usage(Array.from({ length: 33 }, () => 'naive').join(','))).toMatch(/more than 32 method names; expected fewer$/);
    expect(usage('')).toMatch(/no method given/);
  });
});
