// Shared by the M3 rule benchmarks (bench/m3-blend.ts, bench/m3-shrink.ts): the M3 yearly series with their
// categories, sMAPE, and the point forecasts of auto's five members, theta and three cheap ARIMA searches for one
// history, with the combinations of them that the rules move auto's median toward.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fitArima, type ArimaSearch } from '../src/forecast/arima.js';
import { AUTO_COMPONENTS } from '../src/forecast/auto.js';
import { lineSlope } from '../src/forecast/theta.js';
import type { Fitted } from '../src/forecast/types.js';

/** Years forecast from each origin. */
export const H = 6;

export interface Series {
  id: string;
  category: string;
  train: number[];
  test: number[];
}

export function readSeries(path: string, label: string): Series[] {
  if (!existsSync(path)) {
    process.stderr.write(`${label}: the M3 yearly file is not at ${path}\n`);
    process.exit(66);
  }
  const meta = readFileSync(join(dirname(path), 'm3_yearly_meta.csv'), 'utf8').trim().split(/\r?\n/).map((l) => l.split(',').map((f) => f.replace(/"/g, '')));
  const [mId, mCat] = [meta[0].indexOf('series_id'), meta[0].indexOf('category')];
  const category = new Map(meta.slice(1).map((f) => [f[mId], f[mCat]]));
  const lines = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const header = lines[0].split(',');
  const [cId, cSplit, cValue] = ['series_id', 'split', 'value'].map((c) => header.indexOf(c));
  const byId = new Map<string, Series>();
  for (let i = 1; i < lines.length; i++) {
    const f = lines[i].split(',');
    let s = byId.get(f[cId]);
    if (s === undefined) byId.set(f[cId], (s = { id: f[cId], category: category.get(f[cId]) ?? '?', train: [], test: [] }));
    (f[cSplit] === 'train' ? s.train : s.test).push(Number(f[cValue]));
  }
  return [...byId.values()];
}

export const smape = (y: readonly number[], f: readonly number[]): number => {
  let e = 0;
  for (let k = 0; k < H; k++) e += (200 * Math.abs(y[k] - f[k])) / (Math.abs(y[k]) + Math.abs(f[k])) / H;
  return e;
};
export const median = (v: readonly number[]): number => {
  const s = v.slice().sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : s[m - 1] / 2 + s[m] / 2;
};
export const mean = (v: readonly number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

/** thetaf's point forecasts from a fitted ses: its forecast plus (b/2)·((k − 1) + (1 − (1 − α)^n)/α) (theta.ts). */
export function thetaFromSes(y: readonly number[], ses: Fitted, sesMean: readonly number[]): number[] {
  const a = ses.params.alpha;
  if (typeof a !== 'number') return [...sesMean];
  const alpha = Math.max(1e-10, a);
  const start = (1 - (1 - alpha) ** y.length) / alpha;
  return sesMean.map((v, k) => v + (lineSlope(y) / 2) * (k + start));
}

/** Point forecasts of every member for one history. */
export function memberForecasts(y: readonly number[]): Record<string, number[]> {
  const [naive, ses, drift, holt, damped] = AUTO_COMPONENTS.map((m) => m.fit(y));
  const sesFc = ses.forecast(H);
  const arima = (search: ArimaSearch): number[] => fitArima(y, search).forecast(H).mean;
  return {
    naive: naive.forecast(H).mean,
    ses: sesFc.mean,
    drift: drift.forecast(H).mean,
    holt: holt.forecast(H).mean,
    damped: damped.forecast(H).mean,
    theta: thetaFromSes(y, ses, sesFc.mean),
    arima00: arima({ maxP: 0, maxQ: 0 }),
    arima10: arima({ maxP: 1, maxQ: 0 }),
    arima11: arima({ maxP: 1, maxQ: 1 }),
  };
}

export const BASE = ['naive', 'ses', 'drift', 'holt', 'damped'];
export const EXTRA = ['theta', 'arima00', 'arima10', 'arima11'];

/** The combinations C: name → forecast from the members' forecasts. */
export function combinations(): Map<string, (m: Record<string, number[]>) => number[]> {
  const med = (names: string[]) => (m: Record<string, number[]>) => Array.from({ length: H }, (_, k) => median(names.map((n) => m[n][k])));
  const out = new Map<string, (m: Record<string, number[]>) => number[]>();
  for (const x of [...EXTRA, 'damped', 'drift']) out.set(x, (m) => m[x]);
  for (const x of EXTRA) {
    out.set(`base+${x}`, med([...BASE, x]));
    for (const y of BASE) out.set(`base-${y}+${x}`, med([...BASE.filter((b) => b !== y), x]));
    out.set(`dsa(${x})`, med(['drift', 'ses', x]));
  }
  out.set('median(all 9)', med([...BASE, ...EXTRA]));
  out.set('mean(base)', (m) => Array.from({ length: H }, (_, k) => mean(BASE.map((n) => m[n][k]))));
  return out;
}
