// How current each series is: its latest year and the age of its newest dated source, measured from a clock
// the caller passes in (tests fix it; the CLI reads SEMICAP_TODAY or the system date).
import type { Datasets } from '../data/datasets.js';
import { say } from '../messages.js';

export interface SeriesFreshness {
  dataset: string;
  /** The series within the dataset, e.g. china/mature, smic/company, big_fund, CNY. */
  series: string;
  rows: number;
  latestYear: number;
  /** The newest dated source of the series' rows, its release date, and its age in years at `today`. */
  newestSource: string | null;
  published: string | null;
  ageYears: number | null;
}

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** A release date of sources.csv as a UTC date: a month counts from its first day, a year from 1 January. */
export function releaseDate(published: string | null | undefined): Date | undefined {
  const m = DATE.exec(published ?? '');
  if (!m) return undefined;
  return new Date(Date.UTC(Number(m[1]), m[2] ? Number(m[2]) - 1 : 0, m[3] ? Number(m[3]) : 1));
}

const MS_PER_YEAR = 365.2425 * 24 * 3600 * 1000;

/** Years (fractional) from a release date to today. */
export function ageInYears(published: Date, today: Date): number {
  return (today.getTime() - published.getTime()) / MS_PER_YEAR;
}

/** Parses a YYYY-MM-DD date for the clock (SEMICAP_TODAY); undefined when it is not one. */
export function parseToday(text: string | undefined): Date | undefined {
  if (text === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const d = releaseDate(text);
  // Date.UTC rolls 2026-13-40 over into 2027: a real date reads back as written.
  return d && d.toISOString().slice(0, 10) === text ? d : undefined;
}

interface Tagged {
  dataset: string;
  series: string;
  year: number;
  source_id: string;
}

const tag = <T extends { year: number; source_id: string }>(dataset: string, rows: readonly T[], series: (r: T) => string): Tagged[] =>
  rows.map((r) => ({ dataset, series: series(r), year: r.year, source_id: r.source_id }));

/** Every series of every dataset with its latest year and the age of its newest dated source. */
export function seriesFreshness(data: Pick<Datasets, 'sources' | 'capacityShare' | 'capacity' | 'funds' | 'selfSufficiency' | 'fx'>, today: Date): SeriesFreshness[] {
  const published = new Map(data.sources.map((s) => [s.source_id, s.published]));
  const all = [
    ...tag('capacity_share', data.capacityShare, (r) => `${r.region}/${r.segment}`),
    ...tag('capacity', data.capacity, (r) => `${r.entity}/${r.segment}`),
    ...tag('funds', data.funds, (r) => r.fund),
    ...tag('self_sufficiency', data.selfSufficiency, (r) => r.scope),
    ...tag('fx', data.fx, (r) => r.currency),
  ];
  const bySeries = new Map<string, Tagged[]>();
  for (const r of all) {
    const k = `${r.dataset}\u0000${r.series}`;
    bySeries.set(k, [...(bySeries.get(k) ?? []), r]);
  }
  const out: SeriesFreshness[] = [];
  for (const rows of bySeries.values()) {
    let newest: { id: string; published: string; date: Date } | undefined;
    for (const id of new Set(rows.map((r) => r.source_id))) {
      const p = published.get(id) ?? null;
      const date = releaseDate(p);
      if (date && (newest === undefined || date > newest.date)) newest = { id, published: p!, date };
    }
    out.push({
      dataset: rows[0].dataset,
      series: rows[0].series,
      rows: rows.length,
      latestYear: Math.max(...rows.map((r) => r.year)),
      newestSource: newest?.id ?? null,
      published: newest?.published ?? null,
      ageYears: newest ? ageInYears(newest.date, today) : null,
    });
  }
  // Datasets in their usual order (as inserted), series alphabetically within each.
  const order = new Map(['capacity_share', 'capacity', 'funds', 'self_sufficiency', 'fx'].map((d, i) => [d, i]));
  return out.sort((a, b) => order.get(a.dataset)! - order.get(b.dataset)! || (a.series < b.series ? -1 : a.series > b.series ? 1 : 0));
}

/** Warnings for series whose newest source is older than `maxAge` years, and one for series with no dated source. */
export function staleSeries(freshness: readonly SeriesFreshness[], maxAge: number): string[] {
  const stale = freshness.filter((f) => f.ageYears !== null && f.ageYears > maxAge);
  const undated = freshness.filter((f) => f.ageYears === null);
  return [
    ...stale.map((f) =>
      say('validate.stale', { dataset: f.dataset, series: f.series, source: f.newestSource ?? '', published: f.published ?? '', age: f.ageYears!.toFixed(1), maxAge, latest: f.latestYear }),
    ),
    ...(undated.length > 0 ? [say('validate.undated', { series: undated.map((f) => `${f.dataset} ${f.series}`).join(', ') })] : []),
  ];
}
