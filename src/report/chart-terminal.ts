// Line charts in the terminal: asciichart draws each line, laid over one another on one grid so each keeps its
// style and colour; plain ASCII for terminals that are not UTF-8.
import asciichart from 'asciichart';
import { extent } from './numbers.js';
import { escapeControls } from './sanitize.js';
import type { Painter } from './paint.js';
import { chartValues, chartYears, isDrawable, valueAt, type Chart } from './series.js';
import { wrapText } from './fit.js';
import { knownWidth, type Measure } from './width.js';

export interface TerminalChartOptions {
  /** Terminal width in columns (process.stdout.columns; 80 when unknown). */
  width: number;
  /** Plot rows (default 12). */
  height?: number;
  /** Plain ASCII instead of box-drawing characters. */
  ascii: boolean;
  chalk: Painter;
  /** Words of the legend, for translation; `open`, `close` and `colon` its punctuation (Chinese: full-width). */
  words?: Partial<Record<'source' | 'history' | 'projection' | 'anchor' | 'target' | 'open' | 'close' | 'colon', string>>;
  /** Display width of the title, legend and source line, fitted to `width` (default: known characters, else one column each). */
  measure?: Measure;
}

// asciichart's symbol order: cross, axis, (unused ×2), horizontal, ╰, ╭, ╮, ╯, vertical.
const SYMBOLS = {
  unicode: {
    history: ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
    projection: ['┼', '┤', '╶', '╴', '╌', '╰', '╭', '╮', '╯', '╎'],
    shade: '░',
    anchor: '●',
    target: '◆',
    axis: '┤',
    axisPlain: '│',
    corner: '└',
    rule: '─',
  },
  ascii: {
    history: ['+', '|', '-', '-', '-', '+', '+', '+', '+', '|'],
    projection: ['+', '|', '.', '.', '.', '+', '+', '+', '+', ':'],
    shade: ':',
    anchor: 'o',
    target: '*',
    axis: '+',
    axisPlain: '|',
    corner: '+',
    rule: '-',
  },
} as const;

type Paint = (s: string) => string;

/** Renders a chart as lines of text that fit `width` columns. An undrawable chart gives ''. */
export function renderTerminalChart(chart: Chart, options: TerminalChartOptions): string {
  if (!isDrawable(chart)) return '';
  const sym = options.ascii ? SYMBOLS.ascii : SYMBOLS.unicode;
  const { chalk } = options;
  const words = { source: 'source', history: 'history', projection: 'projection', anchor: 'anchor', target: 'target', open: ' (', close: ')', colon: ': ', ...options.words };
  const values = chartValues(chart);
  let { min, max } = extent(values);
  if (max === min) {
    min -= 1;
    max += 1;
  }
  const height = Math.max(4, options.height ?? 12);
  const range = max - min;
  const ratio = height / range;
  const min2 = Math.round(min * ratio);
  const rows = Math.round(max * ratio) - min2;
  const rowOf = (v: number) => rows - (Math.round(v * ratio) - min2);
  const labelEvery = rows > 16 ? 2 : 1;
  const labels = axisLabels(Array.from({ length: rows + 1 }, (_, r) => max - (r * range) / rows), range, labelEvery);
  const labelWidth = Math.max(...labels.map((l) => l.length));
  const { from, to } = chartYears(chart);
  const plotWidth = Math.max(12, Math.min(160, Math.floor(options.width) - labelWidth - 3));
  const yearAt = (c: number) => from + (c * (to - from)) / (plotWidth - 1);
  const colOf = (year: number) => Math.round(((year - from) / (to - from)) * (plotWidth - 1));

  // The grid: rows × (plotWidth) cells, each with a character and a paint.
  const grid: { ch: string; paint: Paint }[][] = Array.from({ length: rows + 1 }, () => Array.from({ length: plotWidth }, () => ({ ch: ' ', paint: (s: string) => s })));
  const set = (r: number, c: number, ch: string, paint: Paint) => {
    if (r >= 0 && r <= rows && c >= 0 && c < plotWidth) grid[r][c] = { ch, paint };
  };

  const legend: string[] = [];
  const bandPaints: Paint[] = [chalk.gray, chalk.dim];
  chart.bands.forEach((band, i) => {
    const paint = bandPaints[i % bandPaints.length];
    const lower = band.points.map((p) => ({ year: p.year, value: p.lower }));
    const upper = band.points.map((p) => ({ year: p.year, value: p.upper }));
    for (let c = 0; c < plotWidth; c++) {
      const lo = valueAt(lower, yearAt(c));
      const hi = valueAt(upper, yearAt(c));
      if (lo === undefined || hi === undefined) continue;
      for (let r = rowOf(hi); r <= rowOf(lo); r++) set(r, c, sym.shade, paint);
    }
    legend.push(paint(sym.shade.repeat(2)) + ' ' + escapeControls(band.label));
  });

  const palette: Paint[] = [chalk.cyan, chalk.yellow, chalk.magenta, chalk.green, chalk.red, chalk.blue, chalk.white];
  // Projections under history: measured figures stay visible where they meet.
  const ordered = chart.lines.map((line, i) => ({ line, paint: palette[i % palette.length] })).sort((a, b) => (a.line.role === b.line.role ? 0 : a.line.role === 'projection' ? -1 : 1));
  for (const { line, paint } of ordered) {
    const pts = line.points.filter((p) => Number.isFinite(p.value));
    if (pts.length === 0) continue;
    const symbols = line.role === 'history' ? sym.history : sym.projection;
    if (pts.length === 1) {
      set(rowOf(pts[0].value), colOf(pts[0].year), sym.anchor, paint);
    } else {
      const a = colOf(pts[0].year);
      const b = colOf(pts[pts.length - 1].year);
      const series = Array.from({ length: plotWidth }, (_, c) => valueAt(pts, Math.min(Math.max(yearAt(c), pts[0].year), pts[pts.length - 1].year)) ?? pts[0].value);
      // One line per asciichart call at the shared scale; offset 1 leaves one axis cell before the plot.
      const drawn = asciichart.plot(series, { min, max, height, offset: 1, format: () => ' ', symbols: [...symbols] }).split('\n');
      drawn.forEach((text, r) => {
        const cells = [...text];
        for (let c = a; c < Math.max(b, a + 1); c++) {
          const ch = cells[1 + c];
          if (ch !== undefined && ch !== ' ') set(r, c, ch, paint);
        }
      });
    }
    const sample = (line.role === 'history' ? symbols[4] : symbols[4]).repeat(2);
    legend.push(`${paint(sample)} ${escapeControls(line.label)}${line.role === 'projection' ? `${words.open}${words.projection}${words.close}` : ''}`);
  }
  for (const m of chart.markers) {
    const ch = m.role === 'target' ? sym.target : sym.anchor;
    set(rowOf(m.value), colOf(m.year), ch, chalk.bold);
  }
  if (chart.markers.some((m) => m.role === 'anchor')) legend.push(`${chalk.bold(sym.anchor)} ${words.anchor}`);
  if (chart.markers.some((m) => m.role === 'target')) legend.push(`${chalk.bold(sym.target)} ${words.target}`);

  const measure: Measure = options.measure ?? ((text) => knownWidth(text) ?? [...text].length);
  const wrap = (text: string) => wrapText(escapeControls(text), Math.max(20, Math.floor(options.width)), measure);
  const out: string[] = wrap(`${chart.title}${chart.unit && !chart.title.includes(chart.unit) ? `${words.open}${chart.unit}${words.close}` : ''}`).map((l) => chalk.bold(l));
  for (let r = 0; r <= rows; r++) {
    const labelled = r % labelEvery === 0 || r === rows;
    const label = labelled ? labels[r].padStart(labelWidth) : ' '.repeat(labelWidth);
    const body = grid[r].map((cell) => (cell.ch === ' ' ? ' ' : cell.paint(cell.ch))).join('');
    out.push(`${label} ${labelled ? sym.axis : sym.axisPlain}${body}`.replace(/\s+$/, ''));
  }
  out.push(`${' '.repeat(labelWidth)} ${sym.corner}${sym.rule.repeat(plotWidth)}`);
  out.push(`${' '.repeat(labelWidth + 2)}${yearAxis(from, to, plotWidth, colOf)}`.replace(/\s+$/, ''));
  out.push(...wrapLegend(legend, options.width, measure));
  if (chart.source) out.push(...wrap(`${words.source}${words.colon}${chart.source}`).map((l) => chalk.dim(l)));
  return out.join('\n') + '\n';
}

/** Year labels under the axis: every 1, 2, 5, 10… years, as many as fit without touching. */
export function yearAxis(from: number, to: number, width: number, colOf: (year: number) => number): string {
  const span = Math.max(1, to - from);
  const steps = [1, 2, 5, 10, 20, 25, 50, 100];
  const step = steps.find((s) => (width / span) * s >= 6) ?? 100;
  const cells = Array.from({ length: width + 4 }, () => ' ');
  const first = Math.ceil(from / step) * step;
  for (let y = first; y <= to; y += step) {
    const text = String(y);
    const start = Math.min(Math.max(0, colOf(y) - Math.floor(text.length / 2)), width + 4 - text.length);
    for (let i = 0; i < text.length; i++) cells[start + i] = text[i];
  }
  return cells.join('');
}

/** Axis tick labels with as few digits as the range needs (plus `extra`); millions and thousands shortened. */
export function formatTick(v: number, range: number, extra = 0): string {
  const abs = Math.abs(v);
  if (abs >= 1e6) return `${(v / 1e6).toFixed((range >= 1e7 ? 0 : range >= 1e6 ? 1 : 2) + extra)}M`;
  if (abs >= 1e4) return `${(v / 1e3).toFixed((range >= 1e4 ? 0 : 1) + extra)}k`;
  const digits = (range >= 50 ? 0 : range >= 5 ? 1 : 2) + extra;
  const text = v.toFixed(digits);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/**
 * The y axis's row labels (every `every`-th row is labelled): as few digits as the range needs, one more while
 * two labelled rows would read alike, so no value is printed on two rows.
 */
export function axisLabels(values: readonly number[], range: number, every = 1): string[] {
  const shown = (labels: string[]) => labels.filter((_, r) => r % every === 0 || r === labels.length - 1);
  let labels: string[] = [];
  for (let extra = 0; extra <= 4; extra++) {
    labels = values.map((v) => formatTick(v, range, extra));
    const visible = shown(labels);
    if (new Set(visible).size === visible.length) break;
  }
  return labels;
}

/** Legend entries joined with three spaces, wrapped to the width (entries are never split). */
function wrapLegend(entries: string[], width: number, measure: Measure): string[] {
  const lines: string[] = [];
  let current = '';
  // eslint-disable-next-line no-control-regex
  const visible = (s: string) => measure(s.replace(/\u001b\[[0-9;]*m/g, ''));
  for (const e of entries) {
    if (current !== '' && visible(current) + 3 + visible(e) > width) {
      lines.push(current);
      current = '';
    }
    current = current === '' ? e : `${current}   ${e}`;
  }
  if (current !== '') lines.push(current);
  return lines;
}
