// Features of a yearly series that the M3 selection benchmarks gate their rules on (bench/m3-select.ts,
// bench/m3-blend.ts): how much of it a straight line explains, and the size, persistence and scale of its changes.
export interface Features {
  trendR2: number;
  changeSnr: number;
  changeAcf1: number;
  changeCv: number;
}
export const FEATURE_NAMES: (keyof Features)[] = ['trendR2', 'changeSnr', 'changeAcf1', 'changeCv'];

const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

export function features(y: readonly number[]): Features {
  const n = y.length;
  const dy = y.slice(1).map((v, i) => v - y[i]);
  const md = mean(dy);
  let ssd = 0;
  let a0 = 0;
  let a1 = 0;
  for (let i = 0; i < dy.length; i++) {
    ssd += (dy[i] - md) ** 2;
    a0 += (dy[i] - md) ** 2;
    if (i > 0) a1 += (dy[i] - md) * (dy[i - 1] - md);
  }
  const sd = Math.sqrt(ssd / Math.max(1, dy.length - 1));
  const tm = (n - 1) / 2;
  const ym = mean(y);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  y.forEach((v, t) => {
    sxy += (t - tm) * (v - ym);
    sxx += (t - tm) ** 2;
    syy += (v - ym) ** 2;
  });
  return {
    trendR2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 0,
    changeSnr: sd > 0 ? Math.abs(md) / sd : 0,
    changeAcf1: a0 > 0 ? a1 / a0 : 0,
    changeCv: ym !== 0 ? sd / Math.abs(ym) : 0,
  };
}
