// A fast fit of the additive-error models ETS(A,N,N), ETS(A,A,N), ETS(A,Ad,N) at their exact least-squares
// (= maximum likelihood) optimum, used by `auto`. For fixed smoothing parameters (alpha, beta, phi) the one-step
// errors are linear in the initial states (l0, b0), so the best initial states solve a 1×1 or 2×2 least squares
// problem and only the smoothing parameters need a numerical search (Nelder-Mead over 1 to 3 dimensions instead of
// 2 to 5, a few dozen evaluations instead of several hundred). Same model, same bounds as R's ets (usual and
// admissible); the optimum found is the true one up to the tolerance, where R's Nelder-Mead over all parameters
// sometimes stops a little short of it, so the parameters can differ slightly from R's ses/holt.
// Pure functions.

import { nelderMead } from '../optim.js';
import { type EtsModel, type EtsSpec, etsCalc, specLabel } from './core.js';

interface Profile {
  sse: number;
  l0: number;
  b0: number;
}

/** Reused result of profileSse, so the optimiser's thousands of calls allocate nothing. */
const scratch: Profile = { sse: 0, l0: 0, b0: 0 };

/**
 * Minimum SSE over (l0, b0) for fixed smoothing parameters, with the minimising initial states.
 * Runs the recursion once for the data (states started at 0) and once per initial state for its sensitivities.
 */
function profileSse(y: Float64Array, trend: boolean, alpha: number, beta: number, phi: number): Profile {
  const out = scratch;
  const n = y.length;
  // r: errors with l0 = b0 = 0; u, v: how the forecast moves per unit of l0 and b0 (error = r − u·l0 − v·b0).
  let l = 0;
  let b = 0;
  let ul = 1; // d l_t / d l0
  let ub = 0; // d b_t / d l0
  let vl = 0; // d l_t / d b0
  let vb = 1; // d b_t / d b0
  let suu = 0;
  let suv = 0;
  let svv = 0;
  let sur = 0;
  let svr = 0;
  let srr = 0;
  const oneMinusAlpha = 1 - alpha;
  for (let t = 0; t < n; t++) {
    const f = trend ? l + phi * b : l;
    const r = y[t] - f;
    l = f + alpha * r;
    if (trend) b = phi * b + beta * r;
    const u = trend ? ul + phi * ub : ul;
    suu += u * u;
    sur += u * r;
    srr += r * r;
    ul = oneMinusAlpha * u;
    if (trend) {
      ub = phi * ub - beta * u;
      const v = vl + phi * vb;
      suv += u * v;
      svv += v * v;
      svr += v * r;
      vl = oneMinusAlpha * v;
      vb = phi * vb - beta * v;
    }
  }
  const det = suu * svv - suv * suv;
  if (!trend || !(Math.abs(det) > 1e-12 * suu * svv)) {
    // No trend, or a slope that cannot be told apart from the level: solve for the level alone.
    out.l0 = sur / suu;
    out.b0 = 0;
    out.sse = Math.max(0, srr - out.l0 * sur);
    return out;
  }
  out.l0 = (svv * sur - suv * svr) / det;
  out.b0 = (suu * svr - suv * sur) / det;
  out.sse = Math.max(0, srr - out.l0 * sur - out.b0 * svr);
  return out;
}

/** R's usual and admissible bounds for (alpha, beta, phi), as in core.ts. */
function inBounds(alpha: number, beta: number | undefined, phi: number | undefined): boolean {
  if (!(alpha >= 1e-4 && alpha <= 0.9999)) return false;
  if (beta !== undefined && !(beta >= 1e-4 && beta <= alpha && beta <= 0.9999)) return false;
  if (phi !== undefined && !(phi >= 0.8 && phi <= 0.98)) return false;
  return true; // the admissible region contains the usual one for non-seasonal models
}

/**
 * Fit ETS(A,N,N), ETS(A,A,N) or ETS(A,Ad,N) by least squares with the initial states profiled out (see the file
 * comment). Returns undefined when the model has as many parameters as the data allows (R's np >= n − 1).
 */
export function fitAdditiveProfiled(y: readonly number[], trend: boolean, damped: boolean): EtsModel | undefined {
  const n = y.length;
  const spec: EtsSpec = { error: 'A', trend: trend ? 'A' : 'N', damped };
  const np = 2 + (trend ? 2 : 0) + (damped ? 1 : 0);
  if (np >= n - 1) return undefined;
  const yy = Float64Array.from(y);
  // Scale the criterion so the relative tolerance means the same for every series.
  let scale = 0;
  for (const v of y) scale += v * v;
  scale = scale > 0 ? scale : 1;
  const unpack = (par: number[]) => ({
    alpha: par[0],
    beta: trend ? par[1] : undefined,
    phi: damped ? par[trend ? 2 : 1] : undefined,
  });
  const iPhi = trend ? 2 : 1;
  const objective = (par: number[]): number => {
    const alpha = par[0];
    const beta = trend ? par[1] : undefined;
    const phi = damped ? par[iPhi] : undefined;
    if (!inBounds(alpha, beta, phi)) return Infinity;
    return profileSse(yy, trend, alpha, beta ?? 0, phi ?? 1).sse / scale;
  };
  const start = [0.5];
  if (trend) start.push(0.1);
  if (damped) start.push(0.9);
  const opt = nelderMead(objective, start, { maxit: 500, reltol: 1e-5 });
  if (!Number.isFinite(opt.value)) return undefined;
  const p = unpack(opt.par);
  const beta = p.beta ?? 0;
  const phi = p.phi ?? 1;
  const prof = { ...profileSse(yy, trend, p.alpha, beta, phi) };
  const fitted = new Array<number>(n);
  const errors = new Array<number>(n);
  const r = etsCalc(y, spec, p.alpha, beta, phi, prof.l0, prof.b0, fitted, errors);
  let sse = 0;
  for (const e of errors) sse += e * e;
  const k = np + 1;
  const aic = r.lik + 2 * k;
  return {
    label: specLabel(spec),
    spec,
    kind: 'ets',
    alpha: p.alpha,
    beta,
    phi,
    l0: prof.l0,
    b0: prof.b0,
    lastLevel: r.lastLevel,
    lastTrend: r.lastTrend,
    fitted,
    errors,
    sigma2: sse / (n - np),
    lik: r.lik,
    aic,
    aicc: aic + (2 * k * (k + 1)) / (n - k - 1),
    bic: r.lik + Math.log(n) * k,
  };
}
