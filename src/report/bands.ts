// Empirical bands of anchored projections in tables and charts (plain data in: the report layer needs no domain
// code). Files get four numbers per path (`cagr_lo80`, `cagr_hi80`, `cagr_lo95`, `cagr_hi95`); people get one
// compact column per level ("42.05-55.31": both ends are at or above 0, so the hyphen is never a minus sign).
import type { Column, Table } from './model.js';
import { formatForPeople } from './numbers.js';
import type { ChartBand } from './series.js';
import { say } from '../messages.js';

export interface BandValues {
  lower: number;
  upper: number;
}

/** One path's bands by year (null: no band that year — an anchor, a year between anchors, a value at 0). */
export interface PathBands {
  /** Prefix of the column keys, e.g. `cagr` or `trendforce_2023_12.cagr`. */
  key: string;
  /** Header prefix for people, e.g. `cagr`. */
  label: string;
  /** Decimals shown to people. */
  digits: number;
  points: { year: number; value?: number; bands: { 80: BandValues; 95: BandValues } | null }[];
}

export const BAND_FIELD_LEVELS = [80, 95] as const;

/** A band for people: "35.3-66.0", one decimal fewer than the path's own column (a band is not known to the last digit), thousands grouped. */
export function bandText(b: BandValues, pathDigits: number): string {
  const column: Column = { key: '', header: '', type: 'number', digits: Math.max(0, pathDigits - 1) };
  return `${formatForPeople(b.lower, column)}-${formatForPeople(b.upper, column)}`;
}

/**
 * Appends band columns after the table's own ones: per path and level, lo/hi numbers for files and a range for
 * people (bandText). `people:
 * false`: the numbers only (for a wide table whose bands people read in peopleBandsTable); `values`: the path's own
 * value too (`cagr_path`), for a table whose rows are not the path's years.
 */
export function addBandColumns(table: Table, paths: readonly PathBands[], options: { people?: boolean; values?: boolean } = {}): void {
  const files: Column[] = [];
  const people: Column[] = [];
  for (const p of paths) {
    if (options.values) files.push({ key: `${p.key}_path`, header: `${p.label} path`, type: 'number', digits: p.digits, audience: 'files' });
    for (const level of BAND_FIELD_LEVELS) {
      files.push({ key: `${p.key}_lo${level}`, header: `${p.label} lo ${level}`, type: 'number', digits: p.digits, audience: 'files' });
      files.push({ key: `${p.key}_hi${level}`, header: `${p.label} hi ${level}`, type: 'number', digits: p.digits, audience: 'files' });
      people.push({ key: `${p.key}_band${level}`, header: say('bands.header', { label: p.label, level }), audience: 'people' });
    }
  }
  table.columns.push(...files, ...(options.people === false ? [] : people));
  for (const row of table.rows) {
    for (const p of paths) {
      const point = p.points.find((pt) => pt.year === row.year);
      const bands = point?.bands ?? null;
      if (options.values) row[`${p.key}_path`] = point?.value ?? null;
      for (const level of BAND_FIELD_LEVELS) {
        const b = bands?.[level];
        row[`${p.key}_lo${level}`] = b?.lower ?? null;
        row[`${p.key}_hi${level}`] = b?.upper ?? null;
        row[`${p.key}_band${level}`] = b ? bandText(b, p.digits) : null;
      }
    }
  }
}

/**
 * Chart bands of paths: one method → its 95 % and 80 % bands; several → each one's 80 % band (more would hide the
 * lines). Each band starts at zero width at the last anchor, so it fans out from the point it is measured from.
 */
export function pathChartBands(paths: readonly (PathBands & { start?: { year: number; value: number } })[], source: string): ChartBand[] {
  const levels = paths.length === 1 ? ([95, 80] as const) : ([80] as const);
  const bands: ChartBand[] = [];
  for (const p of paths) {
    for (const level of levels) {
      const points = p.points.filter((pt) => pt.bands !== null).map((pt) => ({ year: pt.year, lower: pt.bands![level].lower, upper: pt.bands![level].upper }));
      if (points.length === 0) continue;
      if (p.start !== undefined && p.start.year < points[0].year) points.unshift({ year: p.start.year, lower: p.start.value, upper: p.start.value });
      if (points.length >= 2) bands.push({ label: say('bands.label', { label: p.label, level, source }), points });
    }
  }
  return bands;
}

/** A path's bands with the labels that tell it apart (source, method) and its values by year. */
export interface LabelledBands {
  labels: Record<string, string>;
  digits: number;
  points: { year: number; value: number; bands: { 80: BandValues; 95: BandValues } | null }[];
}

/**
 * For people, the bands of several paths in one long table (a wide table with two band columns per path would not
 * fit a screen): one row per year and path that has a band, in the years `keep` accepts. Files carry the same bands
 * as numbers in the wide table (addBandColumns), so this table is for people only.
 */
export function peopleBandsTable(name: string, title: string, labelColumns: readonly Column[], paths: readonly LabelledBands[], keep: (year: number) => boolean = () => true): Table {
  const years = [...new Set(paths.flatMap((p) => p.points.filter((pt) => pt.bands !== null && keep(pt.year)).map((pt) => pt.year)))].sort((a, b) => a - b);
  const rows = years.flatMap((year) =>
    paths.flatMap((p) => {
      const pt = p.points.find((x) => x.year === year);
      if (!pt || pt.bands === null) return [];
      return [{ year, ...p.labels, value: pt.value, band80: bandText(pt.bands[80], p.digits), band95: bandText(pt.bands[95], p.digits) }];
    }),
  );
  const digits = paths[0]?.digits ?? 2;
  return {
    name,
    title,
    audience: 'people',
    columns: [{ key: 'year', header: 'year', type: 'int' }, ...labelColumns, { key: 'value', header: 'path', type: 'number', digits }, { key: 'band80', header: '80 % band' }, { key: 'band95', header: '95 % band' }],
    rows,
  };
}
