// Lag-polynomial helpers for ARMA fitting: R's partrans/invpartrans (the PACF reparametrisation that
// keeps the AR part stationary during maximum likelihood), root-radius checks without root finding, and
// maInvert (reflecting MA roots inside the unit circle), which needs the roots themselves.

/** AR coefficients from unconstrained values: tanh to PACF, then Durbin–Levinson (R's partrans). */
export function partrans(raw: ArrayLike<number>, offset: number, p: number, out: Float64Array, outOffset: number): void {
  const work = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const v = Math.tanh(raw[offset + j]);
    work[j] = v;
    out[outOffset + j] = v;
  }
  for (let j = 1; j < p; j++) {
    const a = out[outOffset + j];
    for (let k = 0; k < j; k++) work[k] -= a * out[outOffset + j - k - 1];
    for (let k = 0; k < j; k++) out[outOffset + k] = work[k];
  }
}

/** Inverse of partrans for a stationary AR polynomial (R's invpartrans). */
export function invpartrans(phi: ArrayLike<number>, p: number): Float64Array {
  const next = new Float64Array(p);
  const work = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    work[j] = phi[j];
    next[j] = phi[j];
  }
  for (let j = p - 1; j > 0; j--) {
    const a = next[j];
    for (let k = 0; k < j; k++) work[k] = (next[k] + a * next[j - k - 1]) / (1 - a * a);
    for (let k = 0; k < j; k++) next[k] = work[k];
  }
  for (let j = 0; j < p; j++) next[j] = Math.atanh(next[j]);
  return next;
}

/**
 * True when every root of 1 - c[0] z - c[1] z^2 - ... lies strictly outside the circle |z| = radius.
 * Substituting z = radius·u and stepping the Durbin–Levinson recursion down (Schur–Cohn) decides it
 * without finding roots: all reflection coefficients must be inside (-1, 1).
 */
export function rootsOutside(c: ArrayLike<number>, radius: number): boolean {
  const p = c.length;
  if (p === 0) return true;
  const a = new Float64Array(p);
  let scale = 1;
  for (let k = 0; k < p; k++) {
    scale *= radius;
    a[k] = c[k] * scale;
  }
  const work = new Float64Array(p);
  for (let k = p - 1; k >= 0; k--) {
    const r = a[k];
    if (!(Math.abs(r) < 1)) return false;
    const den = 1 - r * r;
    for (let j = 0; j < k; j++) work[j] = (a[j] + r * a[k - j - 1]) / den;
    for (let j = 0; j < k; j++) a[j] = work[j];
  }
  return true;
}

/** Coefficients up to the last one with |c| > tol (R's last.nonzero trimming in auto.arima). */
export function trimTrailing(c: ArrayLike<number>, tol: number): number[] {
  let last = -1;
  for (let i = 0; i < c.length; i++) if (Math.abs(c[i]) > tol) last = i;
  return Array.from({ length: last + 1 }, (_, i) => c[i]);
}

/**
 * Smallest root modulus check as forecast's myarima: the fit is kept only when all AR roots of
 * 1 - phi(z) and MA roots of 1 + theta(z) have modulus at least 1.01 (coefficients below 1e-8 at the end
 * are dropped first).
 */
export function rootsClearOfUnitCircle(phi: ArrayLike<number>, theta: ArrayLike<number>): boolean {
  const ar = trimTrailing(phi, 1e-8);
  const ma = trimTrailing(theta, 1e-8).map((v) => -v);
  // R rejects when min |root| < 1.01; a root exactly at 1.01 is kept, which the strict test treats as a
  // rejection — a measure-zero difference.
  return rootsOutside(ar, 1.01) && rootsOutside(ma, 1.01);
}

/** Complex roots of 1 + c[0] z + ... + c[q-1] z^q (Aberth–Ehrlich iteration; q is at most a handful). */
export function polyRoots(c: ArrayLike<number>): { re: Float64Array; im: Float64Array } {
  const q = c.length;
  // Monic form: z^q + (c[q-2]/c[q-1]) z^(q-1) + ... + 1/c[q-1]; coefficients a[k] of z^k.
  const lead = c[q - 1];
  const a = new Float64Array(q + 1);
  a[q] = 1;
  a[0] = 1 / lead;
  for (let k = 1; k < q; k++) a[k] = c[k - 1] / lead;
  let bound = 0;
  for (let k = 0; k < q; k++) bound = Math.max(bound, Math.abs(a[k]));
  const radius = 1 + bound;
  const re = new Float64Array(q);
  const im = new Float64Array(q);
  for (let k = 0; k < q; k++) {
    const ang = (2 * Math.PI * k) / q + 0.4;
    re[k] = 0.5 * radius * Math.cos(ang);
    im[k] = 0.5 * radius * Math.sin(ang);
  }
  for (let iter = 0; iter < 500; iter++) {
    let moved = 0;
    for (let k = 0; k < q; k++) {
      // p(z) and p'(z) by Horner
      let pr = 1;
      let pi = 0;
      let dr = 0;
      let di = 0;
      const zr = re[k];
      const zi = im[k];
      for (let j = q - 1; j >= 0; j--) {
        const ndr = dr * zr - di * zi + pr;
        const ndi = dr * zi + di * zr + pi;
        dr = ndr;
        di = ndi;
        const npr = pr * zr - pi * zi + a[j];
        const npi = pr * zi + pi * zr;
        pr = npr;
        pi = npi;
      }
      // ratio = p/p'
      const dd = dr * dr + di * di;
      if (dd === 0) continue;
      const rr = (pr * dr + pi * di) / dd;
      const ri = (pi * dr - pr * di) / dd;
      // sum of 1/(z_k - z_j)
      let sr = 0;
      let si = 0;
      for (let j = 0; j < q; j++) {
        if (j === k) continue;
        const ur = zr - re[j];
        const ui = zi - im[j];
        const uu = ur * ur + ui * ui;
        if (uu === 0) continue;
        sr += ur / uu;
        si += -ui / uu;
      }
      // w = ratio / (1 - ratio * s)
      const denr = 1 - (rr * sr - ri * si);
      const deni = -(rr * si + ri * sr);
      const den = denr * denr + deni * deni;
      if (den === 0) continue;
      const wr = (rr * denr + ri * deni) / den;
      const wi = (ri * denr - rr * deni) / den;
      re[k] = zr - wr;
      im[k] = zi - wi;
      moved = Math.max(moved, Math.hypot(wr, wi) / (1 + Math.hypot(zr, zi)));
    }
    if (moved < 1e-15) break;
  }
  return { re, im };
}

/**
 * R's maInvert: MA coefficients (1 + theta(z)) with every root inside the unit circle replaced by its
 * reciprocal, so the returned polynomial is invertible with the same autocorrelations.
 */
export function maInvert(theta: ArrayLike<number>): Float64Array {
  const q = theta.length;
  const out = Float64Array.from(theta as ArrayLike<number>);
  let q0 = 0;
  for (let i = 0; i < q; i++) if (theta[i] !== 0) q0 = i + 1;
  if (q0 === 0) return out;
  const { re, im } = polyRoots(Array.from({ length: q0 }, (_, i) => theta[i]));
  let anyInside = false;
  for (let k = 0; k < q0; k++) if (Math.hypot(re[k], im[k]) < 1) anyInside = true;
  if (!anyInside) return out;
  if (q0 === 1) {
    out.fill(0);
    out[0] = 1 / theta[0];
    return out;
  }
  for (let k = 0; k < q0; k++) {
    const m2 = re[k] * re[k] + im[k] * im[k];
    if (Math.sqrt(m2) < 1) {
      re[k] = re[k] / m2;
      im[k] = -im[k] / m2;
    }
  }
  // x <- 1; for r in roots: x <- c(x, 0) - c(0, x) / r   (complex arithmetic)
  let xr = [1];
  let xi = [0];
  for (let k = 0; k < q0; k++) {
    const m2 = re[k] * re[k] + im[k] * im[k];
    const invr = re[k] / m2;
    const invi = -im[k] / m2;
    const nr = new Array<number>(xr.length + 1).fill(0);
    const ni = new Array<number>(xr.length + 1).fill(0);
    for (let j = 0; j < xr.length; j++) {
      nr[j] += xr[j];
      ni[j] += xi[j];
      nr[j + 1] -= xr[j] * invr - xi[j] * invi;
      ni[j + 1] -= xr[j] * invi + xi[j] * invr;
    }
    xr = nr;
    xi = ni;
  }
  out.fill(0);
  for (let i = 0; i < q0; i++) out[i] = xr[i + 1];
  return out;
}
