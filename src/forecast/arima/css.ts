// Conditional sum of squares of an ARMA on a (differenced) series, as R's ARIMA_CSS: residuals from
// t = p on, pre-sample MA residuals taken as zero. arima(method = "CSS-ML") minimises 0.5 * log(ssq / nu)
// to get starting values for maximum likelihood.

/**
 * Mean squared conditional residual ssq / nu of (w - mu) under AR phi and MA theta (read at the given
 * offsets of the parameter vectors); resid is scratch of length w.length.
 */
export function cssMeanSquare(
  w: ArrayLike<number>,
  mu: number,
  phi: ArrayLike<number>,
  phiOff: number,
  p: number,
  theta: ArrayLike<number>,
  thetaOff: number,
  q: number,
  resid: Float64Array,
): number {
  const n = w.length;
  let ssq = 0;
  let nu = 0;
  for (let l = 0; l < p && l < n; l++) resid[l] = 0;
  for (let l = p; l < n; l++) {
    let tmp = w[l] - mu;
    for (let j = 0; j < p; j++) tmp -= phi[phiOff + j] * (w[l - j - 1] - mu);
    const qq = l - p < q ? l - p : q;
    for (let j = 0; j < qq; j++) tmp -= theta[thetaOff + j] * resid[l - j - 1];
    resid[l] = tmp;
    if (!Number.isNaN(tmp)) {
      nu++;
      ssq += tmp * tmp;
    }
  }
  return ssq / nu;
}
