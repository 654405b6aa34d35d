// Self-contained SVG line charts: axes with ticks and labels, a legend, history solid, projections dashed,
// interval bands shaded, anchors and targets marked, and the source line at the bottom. No scripts, no
// external fonts or styles, and numbers written with fixed decimals, so the same chart gives the same bytes.
import { extent } from './numbers.js';
import { chartValues, chartYears, isDrawable, type Chart } from './series.js';

export interface SvgOptions {
  width?: number;
  height?: number;
  /** Words of the legend and footer, for translation. */
  words?: Partial<Record<'source' | 'projection' | 'anchor' | 'target' | 'noData' | 'open' | 'close' | 'colon', string>>;
}

const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b', '#e377c2', '#17becf'];
const BAND_FILLS = ['#1f77b4', '#7f7f7f'];

/** Escapes text for XML character data and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const n = (v: number) => {
  const t = v.toFixed(1);
  return t === '-0.0' ? '0.0' : t;
};

/** "Nice" tick values covering [min, max] (steps of 1, 2, 2.5 or 5 × 10^k), about `count` of them. */
export function niceTicks(min: number, max: number, count = 6): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toFixed(10)));
  if (ticks[ticks.length - 1] < max) ticks.push(Number((ticks[ticks.length - 1] + step).toFixed(10)));
  return ticks;
}

/** The fewest decimals that write `step` (and so every multiple of it) exactly: 2.5 → 1, 0.25 → 2, 2000 → 0. */
export function stepDecimals(step: number): number {
  for (let d = 0; d < 10; d++) {
    const scaled = step * 10 ** d;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, Math.abs(scaled))) return d;
  }
  return 10;
}

/** A tick label that reads as the tick's value: thousands grouped, millions shortened, the decimals the step needs. */
export function tickLabel(v: number, step: number): string {
  if (Math.abs(v) >= 1e6) return `${(v / 1e6).toFixed(stepDecimals(step / 1e6))}M`;
  const text = v.toFixed(stepDecimals(step));
  const [whole, frac] = (/^-0(\.0*)?$/.test(text) ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

/** Renders a chart as a standalone SVG document (UTF-8 text). An undrawable chart gives a small placeholder. */
export function renderSvg(chart: Chart, options: SvgOptions = {}): string {
  const W = options.width ?? 800;
  const H = options.height ?? 460;
  const words = { source: 'Source', projection: 'projection', anchor: 'anchor', target: 'target', noData: 'no data to draw', open: ' (', close: ')', colon: ': ', ...options.words };
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif" font-size="12">`);
  out.push(`<title>${escapeXml(chart.title)}</title>`);
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text class="title" x="${W / 2}" y="22" text-anchor="middle" font-size="15" font-weight="bold">${escapeXml(chart.title)}</text>`);
  if (!isDrawable(chart)) {
    out.push(`<text x="${W / 2}" y="${H / 2}" text-anchor="middle">${escapeXml(words.noData)}</text>`, '</svg>', '');
    return out.join('\n');
  }
  // Legend entries: bands, lines, then markers; laid out in rows under the plot.
  const entries: { kind: 'band' | 'history' | 'projection' | 'anchor' | 'target'; label: string; color: string }[] = [
    ...chart.bands.map((b, i) => ({ kind: 'band' as const, label: b.label, color: BAND_FILLS[i % BAND_FILLS.length] })),
    ...chart.lines.map((l, i) => ({ kind: l.role, label: l.role === 'projection' ? `${l.label}${words.open}${words.projection}${words.close}` : l.label, color: PALETTE[i % PALETTE.length] })),
    ...(chart.markers.some((m) => m.role === 'anchor') ? [{ kind: 'anchor' as const, label: words.anchor, color: '#000000' }] : []),
    ...(chart.markers.some((m) => m.role === 'target') ? [{ kind: 'target' as const, label: words.target, color: '#000000' }] : []),
  ];
  const legendRows = layoutLegend(entries.map((e) => e.label), W - 80);
  const left = 70;
  const right = W - 20;
  const top = 40;
  const bottom = H - 50 - legendRows.length * 18 - (chart.source ? 16 : 0);
  const values = chartValues(chart);
  const range = extent(values);
  const ticks = niceTicks(range.min, range.max);
  const yMin = ticks[0];
  const yMax = ticks[ticks.length - 1] > yMin ? ticks[ticks.length - 1] : yMin + 1;
  const { from, to } = chartYears(chart);
  const x = (year: number) => left + ((year - from) / (to - from)) * (right - left);
  const y = (v: number) => bottom - ((v - yMin) / (yMax - yMin)) * (bottom - top);
  const step = ticks.length > 1 ? ticks[1] - ticks[0] : 1;

  // Grid and y axis.
  out.push('<g class="grid" stroke="#e5e5e5" stroke-width="1">');
  for (const t of ticks) out.push(`<line x1="${n(left)}" y1="${n(y(t))}" x2="${n(right)}" y2="${n(y(t))}"/>`);
  out.push('</g>');
  out.push('<g class="y-axis" fill="#333333" text-anchor="end">');
  for (const t of ticks) out.push(`<text class="tick" x="${n(left - 6)}" y="${n(y(t) + 4)}">${escapeXml(tickLabel(t, step))}</text>`);
  out.push(`<text class="unit" x="${n(left - 6)}" y="${n(top - 12)}">${escapeXml(chart.unit)}</text>`);
  out.push('</g>');
  // x axis with year ticks.
  const span = to - from;
  const yearStep = [1, 2, 5, 10, 20, 50].find((s) => ((right - left) / span) * s >= 40) ?? 100;
  out.push('<g class="x-axis" fill="#333333" text-anchor="middle">');
  for (let yr = Math.ceil(from / yearStep) * yearStep; yr <= to; yr += yearStep) {
    out.push(`<line x1="${n(x(yr))}" y1="${n(bottom)}" x2="${n(x(yr))}" y2="${n(bottom + 5)}" stroke="#333333"/>`);
    out.push(`<text class="tick" x="${n(x(yr))}" y="${n(bottom + 18)}">${yr}</text>`);
  }
  out.push('</g>');
  out.push(`<path class="axes" d="M${n(left)} ${n(top)}V${n(bottom)}H${n(right)}" fill="none" stroke="#333333" stroke-width="1"/>`);

  // Bands: a closed area from the upper edge forward and the lower edge back.
  chart.bands.forEach((band, i) => {
    const pts = band.points.filter((p) => Number.isFinite(p.lower) && Number.isFinite(p.upper));
    if (pts.length < 2) return;
    const d = [...pts.map((p, j) => `${j === 0 ? 'M' : 'L'}${n(x(p.year))} ${n(y(p.upper))}`), ...[...pts].reverse().map((p) => `L${n(x(p.year))} ${n(y(p.lower))}`), 'Z'].join('');
    out.push(`<path class="band" d="${d}" fill="${BAND_FILLS[i % BAND_FILLS.length]}" fill-opacity="0.18" stroke="none"><title>${escapeXml(band.label)}</title></path>`);
  });
  // Lines: projections dashed, history solid on top.
  const lines = chart.lines.map((l, i) => ({ l, color: PALETTE[i % PALETTE.length] }));
  for (const { l, color } of [...lines.filter((e) => e.l.role === 'projection'), ...lines.filter((e) => e.l.role === 'history')]) {
    const pts = l.points.filter((p) => Number.isFinite(p.value));
    if (pts.length === 0) continue;
    if (pts.length === 1) {
      out.push(`<circle class="point" cx="${n(x(pts[0].year))}" cy="${n(y(pts[0].value))}" r="3.5" fill="${color}"><title>${escapeXml(`${l.label}: ${pts[0].year} ${pts[0].value}`)}</title></circle>`);
      continue;
    }
    const d = pts.map((p, j) => `${j === 0 ? 'M' : 'L'}${n(x(p.year))} ${n(y(p.value))}`).join('');
    const dash = l.role === 'projection' ? ' stroke-dasharray="6 4"' : '';
    out.push(`<path class="line ${l.role}" d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash}><title>${escapeXml(l.label)}</title></path>`);
  }
  for (const m of chart.markers) {
    const cx = n(x(m.year));
    const cy = n(y(m.value));
    const title = `<title>${escapeXml(`${m.label}: ${m.year} ${m.value}${chart.unit === '%' ? ' %' : ''}`)}</title>`;
    if (m.role === 'target') out.push(`<path class="marker target" d="M${cx} ${n(y(m.value) - 6)}l6 6l-6 6l-6 -6Z" fill="#ffffff" stroke="#000000" stroke-width="1.5">${title}</path>`);
    else out.push(`<circle class="marker anchor" cx="${cx}" cy="${cy}" r="4" fill="#000000">${title}</circle>`);
  }

  // Legend.
  let index = 0;
  legendRows.forEach((row, r) => {
    let lx = left;
    const ly = bottom + 40 + r * 18;
    for (const label of row) {
      const e = entries[index++];
      out.push(`<g class="legend-item">${legendSwatch(e.kind, e.color, lx, ly)}<text x="${n(lx + 28)}" y="${n(ly + 4)}">${escapeXml(label)}</text></g>`);
      lx += 34 + textWidth(label) + 18;
    }
  });
  if (chart.source) out.push(`<text class="source" x="${n(left)}" y="${n(H - 10)}" fill="#555555" font-size="11">${escapeXml(`${words.source}${words.colon}${chart.source}`)}</text>`);
  out.push('</svg>', '');
  return out.join('\n');
}

function legendSwatch(kind: 'band' | 'history' | 'projection' | 'anchor' | 'target', color: string, lx: number, ly: number): string {
  switch (kind) {
    case 'band':
      return `<rect x="${n(lx)}" y="${n(ly - 5)}" width="22" height="10" fill="${color}" fill-opacity="0.18"/>`;
    case 'history':
      return `<line x1="${n(lx)}" y1="${n(ly)}" x2="${n(lx + 22)}" y2="${n(ly)}" stroke="${color}" stroke-width="2"/>`;
    case 'projection':
      return `<line x1="${n(lx)}" y1="${n(ly)}" x2="${n(lx + 22)}" y2="${n(ly)}" stroke="${color}" stroke-width="2" stroke-dasharray="6 4"/>`;
    case 'anchor':
      return `<circle cx="${n(lx + 11)}" cy="${n(ly)}" r="4" fill="#000000"/>`;
    case 'target':
      return `<path d="M${n(lx + 11)} ${n(ly - 6)}l6 6l-6 6l-6 -6Z" fill="#ffffff" stroke="#000000" stroke-width="1.5"/>`;
  }
}

/** Rough text width in pixels at 12 px: wide (CJK) characters count double. */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 12 : 6.5;
  return Math.ceil(w);
}

function layoutLegend(labels: string[], width: number): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let used = 0;
  for (const label of labels) {
    const w = 34 + textWidth(label) + 18;
    if (row.length > 0 && used + w > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(label);
    used += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

