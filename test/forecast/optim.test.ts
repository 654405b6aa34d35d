import { describe, expect, it } from 'vitest';
import { NelderMeadRun, nelderMead } from '../../src/forecast/optim.js';

describe('nelderMead (port of R nmmin)', () => {
  it('reproduces R optim(c(-1.2, 1), fr) on Rosenbrock exactly', () => {
    // R 4.2.2: optim(c(-1.2,1), function(x) 100*(x[2]-x[1]^2)^2 + (1-x[1])^2)
    //   $par 1.0002601387256695 1.0005059993037650, $value 8.8252410967227472e-08, $counts 195.
    // Same algorithm, same arithmetic order: identical to the last bits (we allow 1e-12 for libm differences).
    const fr = ([a, b]: number[]) => 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    const r = nelderMead(fr, [-1.2, 1], { maxit: 500 });
    expect(r.par[0]).toBeCloseTo(1.0002601387256695, 12);
    expect(r.par[1]).toBeCloseTo(1.000505999303765, 12);
    expect(r.value).toBeCloseTo(8.8252410967227472e-8, 18);
    expect(r.evaluations).toBe(195);
    expect(r.fail).toBe(0);
  });

  it('treats non-finite values as very large and stays inside a feasible region', () => {
    const f = ([x]: number[]) => (x < 0 ? Number.NaN : (x - 2) ** 2);
    const r = nelderMead(f, [5]);
    expect(r.par[0]).toBeCloseTo(2, 3);
  });

  it('reports an infinite start instead of searching', () => {
    const r = nelderMead(() => Infinity, [1, 2]);
    expect(r.value).toBe(Infinity);
    expect(r.par).toEqual([1, 2]);
  });

  it('stops at the evaluation limit with fail 1', () => {
    const fr = ([a, b]: number[]) => 100 * (b - a * a) ** 2 + (1 - a) ** 2;
    const r = nelderMead(fr, [-1.2, 1], { maxit: 20 });
    expect(r.fail).toBe(1);
    expect(r.evaluations).toBeGreaterThan(20);
  });
});

describe('NelderMeadRun (nelderMead one evaluation at a time)', () => {
  const fr = ([a, b]: number[]) => 100 * (b - a * a) ** 2 + (1 - a) ** 2;

  it('driven by hand, walks to R optim(c(-1.2, 1), fr) on Rosenbrock in 195 evaluations', () => {
    const run = new NelderMeadRun([-1.2, 1], { maxit: 500 });
    let evaluations = 0;
    while (!run.done) {
      run.tell(fr(run.point));
      evaluations++;
    }
    const r = run.result();
    expect(r.par[0]).toBeCloseTo(1.0002601387256695, 12);
    expect(r.par[1]).toBeCloseTo(1.000505999303765, 12);
    expect(r.value).toBeCloseTo(8.8252410967227472e-8, 18);
    expect(r.evaluations).toBe(195);
    expect(evaluations).toBe(195);
  });

  it('two runs advanced in turn end where each ends alone', () => {
    const g = ([x, y]: number[]) => (x - 3) ** 2 + 10 * (y + 1) ** 2 + x * y;
    const a = new NelderMeadRun([-1.2, 1]);
    const b = new NelderMeadRun([0, 0], { reltol: 1e-3 });
    while (!a.done || !b.done) {
      if (!a.done) a.tell(fr(a.point));
      if (!b.done) b.tell(g(b.point));
    }
    expect(a.result()).toEqual(nelderMead(fr, [-1.2, 1]));
    expect(b.result()).toEqual(nelderMead(g, [0, 0], { reltol: 1e-3 }));
  });

  it('ends at once on an infinite start and refuses values after its end', () => {
    const run = new NelderMeadRun([1, 2]);
    run.tell(Infinity);
    expect(run.done).toBe(true);
    expect(run.result()).toEqual({ par: [1, 2], value: Infinity, evaluations: 1, fail: 1 });
    expect(() => run.tell(0)).toThrow();
  });
});
