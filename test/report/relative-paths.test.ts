// Absolute folders in report text rewritten relative: whole folder names only, longer folders first.
import { describe, expect, it } from 'vitest';
import { relativePaths, relativeText } from '../../src/report/relative-paths.js';

const PREFIXES = [
  { from: '/home/u/proj', to: '.' },
  { from: '/home/u/proj/datasets', to: 'datasets' },
  { from: '/opt/pkg/datasets', to: 'datasets' },
];

describe('relativeText', () => {
  it('rewrites a folder followed by a separator, alone, or before punctuation', () => {
    expect(relativeText('/home/u/proj/datasets/fx.csv:2:3: bad', PREFIXES)).toBe('datasets/fx.csv:2:3: bad');
    expect(relativeText('/home/u/proj/my-data/fx.csv', PREFIXES)).toBe('my-data/fx.csv');
    expect(relativeText('Datasets in /opt/pkg/datasets', PREFIXES)).toBe('Datasets in datasets');
    expect(relativeText('(/home/u/proj)', PREFIXES)).toBe('(.)');
  });

  it('rewrites each place once, even when the relative path holds the absolute one', () => {
    const twice = [{ from: '/tmp/d', to: '../../tmp/d' }, { from: '/tmp/d', to: '../../tmp/d' }];
    expect(relativeText('/tmp/d/fx.csv:1: missing', twice)).toBe('../../tmp/d/fx.csv:1: missing');
  });

  it('leaves a folder whose name merely starts alike, and text without the folders', () => {
    expect(relativeText('/home/u/project/x.csv and /home/u/proj2', PREFIXES)).toBe('/home/u/project/x.csv and /home/u/proj2');
    expect(relativeText('capacity.csv', PREFIXES)).toBe('capacity.csv');
  });
});

describe('relativePaths', () => {
  it('walks plain objects and arrays, keeps numbers and other objects', () => {
    const set = new Set(['/opt/pkg/datasets/a.csv']);
    const out = relativePaths({ rows: [{ file: '/opt/pkg/datasets/a.csv', n: 3 }], notes: ['/home/u/proj/b'], set }, PREFIXES);
    expect(out).toEqual({ rows: [{ file: 'datasets/a.csv', n: 3 }], notes: ['b'], set });
    expect(out.set).toBe(set);
  });
});
