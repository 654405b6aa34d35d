// Rolling-origin evidence without refitting: each method's forecasts from every origin, parameters of the whole-
// series fit and states recomputed up to the origin; it ranks methods, it does not estimate their error.

/** forecasts[o][k]: the (k+1)-step forecast made at origin o (after y[0..o]), for o in 0..n-1. */
export type OriginForecasts = Float64Array[];

const NAN_ROW = (h: number): Float64Array => new Float64Array(h).fill(Number.NaN);

/** No change: y[o] at every step. */
export function naiveOrigins(y: readonly number[], h: number): OriginForecasts {
  return y.map((v) => new Float64Array(h).fill(v));
}

/** The average historical change up to each origin (rwf with drift refitted at each origin, closed form). */
export function driftOrigins(y: readonly number[], h: number): OriginForecasts {
  return y.map((v, o) => {
    if (o === 0) return NAN_ROW(h);
    const slope = (v - y[0]) / o;
    return Float64Array.from({ length: h }, (_, k) => v + (k + 1) * slope);
  });
}

/** Additive ETS (level; trend; damped trend when phi < 1): the state after each origin, then its forecasts. */
export function etsOrigins(y: readonly number[], h: number, p: { alpha: number; beta?: number; phi?: number; l0: number; b0?: number }): OriginForecasts {
  const trend = p.beta !== undefined && p.b0 !== undefined;
  const phi = trend ? (p.phi ?? 1) : 0;
  const beta = p.beta ?? 0;
  let l = p.l0;
  let b = trend ? (p.b0 as number) : 0;
  const out: OriginForecasts = [];
  for (let t = 0; t < y.length; t++) {
    const e = y[t] - (l + phi * b);
    l = l + phi * b + p.alpha * e;
    b = phi * b + beta * e;
    const row = new Float64Array(h);
    let damp = 0;
    let power = 1;
    for (let k = 0; k < h; k++) {
      power *= phi;
      damp += power;
      row[k] = l + damp * b;
    }
    out.push(row);
  }
  return out;
}

/**
 * Theta (Hyndman & Billah) from an SES fit: the SES level after each origin plus half the slope of the least
 * squares line through the data up to that origin, as theta.ts forecasts from the whole series.
 */
export function thetaOrigins(y: readonly number[], h: number, p: { alpha: number; l0: number }): OriginForecasts {
  const ses = etsOrigins(y, h, { alpha: p.alpha, l0: p.l0 });
  const alpha = Math.max(p.alpha, 1e-10);
  // Running sums for the slope of y on t = 0..o.
  let st = 0;
  let sy = 0;
  let stt = 0;
  let sty = 0;
  return ses.map((row, o) => {
    st += o;
    sy += y[o];
    stt += o * o;
    sty += o * y[o];
    const m = o + 1;
    const denom = stt - (st * st) / m;
    const slope = m < 2 || !(denom > 0) ? 0 : (sty - (st * sy) / m) / denom;
    const start = (1 - (1 - alpha) ** m) / alpha;
    return row.map((v, k) => v + (slope / 2) * (k + start));
  });
}

/**
 * ARMA(p, q) with a mean (d = 0) or drift (d = 1) on the d-times differenced series, residuals by the
 * conditional recursion (pre-sample residuals zero), forecasts integrated back from y at each origin.
 */
export function arimaOrigins(y: readonly number[], h: number, m: { d: number; phi: ArrayLike<number>; theta: ArrayLike<number>; mu: number }): OriginForecasts {
  const n = y.length;
  const { d, phi, theta, mu } = m;
  const p = phi.length;
  const q = theta.length;
  // w = diff(y, d) aligned to y: w[t] defined for t >= d.
  const levels: number[][] = [Array.from(y)];
  for (let j = 1; j <= d; j++) {
    const prev = levels[j - 1];
    levels.push(prev.map((v, t) => (t >= j ? v - prev[t - 1] : Number.NaN)));
  }
  const w = levels[d];
  const e = new Float64Array(n);
  const out: OriginForecasts = [];
  for (let t = 0; t < n; t++) {
    if (t < d) {
      out.push(NAN_ROW(h));
      continue;
    }
    let pred = mu;
    for (let i = 0; i < p; i++) pred += t - 1 - i >= d ? phi[i] * (w[t - 1 - i] - mu) : 0;
    for (let j = 0; j < q; j++) pred += t - 1 - j >= d ? theta[j] * e[t - 1 - j] : 0;
    e[t] = w[t] - pred;
    // Forecast w from origin t, then integrate d times from the last values of each differencing level.
    const wf = new Float64Array(h);
    for (let k = 0; k < h; k++) {
      let v = mu;
      for (let i = 0; i < p; i++) {
        const lag = k - i - 1;
        const past = lag >= 0 ? wf[lag] : t + 1 + lag >= d ? w[t + 1 + lag] : mu;
        v += phi[i] * (past - mu);
      }
      for (let j = 0; j < q; j++) {
        const lag = t + k - j; // residual index e[t + k + 1 - 1 - j]
        if (lag <= t && lag >= d) v += theta[j] * e[lag];
      }
      wf[k] = v;
    }
    let f = wf;
    for (let j = d - 1; j >= 0; j--) {
      let last = levels[j][t];
      const next = new Float64Array(h);
      for (let k = 0; k < h; k++) next[k] = last += f[k];
      f = next;
    }
    out.push(f);
  }
  return out;
}

/**
 * Mean absolute error of the forecasts made at origins from..n-2, every step that lands inside the series
 * (up to h steps), each origin weighted alike. NaN when no error could be scored.
 */
export function originError(y: readonly number[], forecasts: OriginForecasts, from: number, h: number): number {
  let sum = 0;
  let count = 0;
  for (let o = from; o < y.length - 1; o++) {
    const steps = Math.min(h, y.length - 1 - o);
    let s = 0;
    let c = 0;
    for (let k = 0; k < steps; k++) {
      const v = forecasts[o][k];
      if (!Number.isFinite(v)) continue;
      s += Math.abs(y[o + 1 + k] - v);
      c++;
    }
    if (c > 0) {
      sum += s / c;
      count++;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}
