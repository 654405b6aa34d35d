// Claims and their verdicts as a table: the claim in the chosen language, what it claims, the verdict, the
// reason in one line, the sources it rests on and the analyst's caveat. Used by `claims` and the overview.
import type { Claim, Judgement, Reading, Reason } from '../domain/claims.js';
import { claimWord, labelIn, type Lang } from './i18n.js';
import { amountZh, ZH_SCALES } from './labels.js';
import type { Table } from './model.js';

const round = (v: number) => Number(v.toFixed(v >= 100 ? 1 : 2));
const thousands = (v: number) => (Math.abs(v) >= 10000 ? round(v).toLocaleString('en-US') : String(round(v)));
const span = (low: number, high: number) => (low === high ? thousands(low) : `${thousands(low)}–${thousands(high)}`);

/** A value with its unit, for people: `29 %`, `USD 150 bn`, `30,000 wpm_12in`, `×1.48`. */
export function withUnit(low: number, high: number, unit: string, lang: Lang): string {
  // Chinese readers: 亿元, 亿美元, 万片/月 (1500亿美元, 71.4万片/月（折合8英寸）).
  if (lang === 'zh' && ZH_SCALES[unit] !== undefined) return low === high ? amountZh(low, unit) : `${amountZh(low, unit).replace(ZH_SCALES[unit].unit, '')}–${amountZh(high, unit)}`;
  const v = span(low, high);
  switch (unit) {
    case 'percent':
      return `${v} %`;
    case 'pct_per_year':
      return `${v} %/${lang === 'zh' ? '年' : 'yr'}`;
    case 'USD_bn':
      return `USD ${v} bn`;
    case 'CNY_bn':
      return `CNY ${v} bn`;
    case 'times':
      return `×${v}`;
    case 'years':
      return lang === 'zh' ? `${v} 年` : `${v} years`;
    default:
      return `${v} ${unit}`;
  }
}

/** `Oct 2023` / `2023年10月` from a sources.csv date (YYYY-MM-DD, YYYY-MM, YYYY); n.d. stays. */
export function releaseDate(published: string | null, lang: Lang): string {
  const m = /^(\d{4})(?:-(\d{2}))?/.exec(published ?? '');
  if (!m) return published ?? 'n.d.';
  if (m[2] === undefined) return m[1];
  if (lang === 'zh') return `${m[1]}年${Number(m[2])}月`;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][Number(m[2]) - 1];
  return `${month} ${m[1]}`;
}

function when(r: Reading): string {
  const f = r.figure;
  const years = f.yearFrom !== null && f.yearFrom !== f.year ? `${f.yearFrom}–${f.year}` : String(f.year);
  return f.period !== null && f.period !== 'year' ? `${years} ${f.period}` : years;
}

/** `trendforce_2023_12: 39 % (2027, forecast)`; with `definition`, the series it belongs to first. */
function figure(r: Reading, unit: string, lang: Lang, definition?: string): string {
  const def = definition !== undefined && r.figure.keys[definition] !== undefined ? `${labelIn(r.figure.keys[definition], lang)} ` : '';
  const note = r.fx !== undefined ? `; ${claimWord('fxNote', lang, { amount: withUnit(r.fx.low, r.fx.high, r.fx.unit, lang), year: r.fx.year, rate: r.fx.perUsd })}` : '';
  return `${def}${withUnit(r.low, r.high, unit, lang)} (${when(r)}, ${labelIn(r.figure.kind, lang)}, ${r.figure.sourceId}${note})`;
}

/** What the claim says, e.g. `29 % (2023) → 39 % (2027)`, `at least USD 47 bn (2024)`. */
export function claimedText(c: Claim, lang: Lang): string {
  const v = withUnit(c.value, c.valueHigh ?? c.value, c.unit, lang);
  const years = c.fromYear !== null && c.figure === 'value' ? `${c.fromYear}–${c.year}` : String(c.year);
  switch (c.figure) {
    case 'path':
      return `${withUnit(c.fromValue!, c.fromValue!, c.unit, lang)} (${c.fromYear}) → ${v} (${c.year})`;
    case 'multiple':
      return claimWord('claimedMultiple', lang, { value: c.value, fromYear: c.fromYear!, year: c.year });
    case 'at_least':
      return `${claimWord('claimedAtLeast', lang, { value: v })} (${years})`;
    default:
      return `${v} (${years})`;
  }
}

const list = (readings: Reading[], unit: string, lang: Lang, definition?: string) => readings.map((r) => figure(r, unit, lang, definition)).join(', ');

function selectorText(selector: Record<string, string[]>): string {
  return Object.entries(selector).map(([k, v]) => `${k}=${v.join('|')}`).join(' ');
}

function reasonPart(reason: Reason, c: Claim, lang: Lang, definition: string | undefined): string {
  const unit = c.unit;
  switch (reason.code) {
    case 'agrees':
      return figure(reason.reading, unit, lang);
    case 'otherYear': {
      const f = reason.reading.figure;
      if (f.yearFrom !== null && reason.claimFrom !== null) return claimWord('otherPeriod', lang, { from: f.yearFrom, to: f.year, claimFrom: reason.claimFrom, claimYear: reason.claimYear });
      return claimWord('otherYear', lang, { year: f.year, claimYear: reason.claimYear });
    }
    case 'otherPublisher':
      return claimWord('otherPublisher', lang, { named: reason.named, publisher: reason.reading.figure.publisher });
    case 'twoSources': {
      const [a, b] = reason.ends;
      const ends = reason.ends.map((e) => `${releaseDate(e.published, lang)} ${e.from ?? '?'} → ${e.to ?? '?'} (${e.sourceId})`).join(', ');
      const publisher = a.publisher === b.publisher ? a.publisher : claimWord('twoSourcesOther', lang);
      return claimWord('twoSources', lang, { a: withUnit(c.fromValue!, c.fromValue!, unit, lang), b: withUnit(c.value, c.value, unit, lang), publisher, ends });
    }
    case 'endMissing':
      return claimWord('endMissing', lang, { year: reason.year });
    case 'differs': {
      // The series' name only where the claim's selector allows several (or any) series.
      const several = definition !== undefined && (c.selector[definition]?.length ?? 0) > 1;
      return claimWord('differs', lang, { figs: list(reason.readings, unit, lang, several ? definition : undefined), claimed: claimedText(c, lang) });
    }
    case 'otherKind':
      return claimWord('otherKind', lang, { figs: list(reason.readings, unit, lang) });
    case 'otherDefinition':
      return claimWord('otherDefinition', lang, { claimed: withUnit(c.value, c.valueHigh ?? c.value, unit, lang), figs: list(reason.readings, unit, lang, definition) });
    case 'noFigure':
      return claimWord('noFigure', lang, { dataset: reason.dataset, selector: selectorText(reason.selector), year: reason.year });
    case 'nearest':
      return claimWord('nearest', lang, { figs: list(reason.readings, unit, lang, definition) });
    case 'multipleOf':
      return claimWord('multipleOf', lang, { key: reason.key, ratio: round(reason.ratio), fromYear: reason.from.figure.year, from: withUnit(reason.from.low, reason.from.low, reason.from.figure.unit, lang), toYear: reason.to.figure.year, to: withUnit(reason.to.low, reason.to.low, reason.to.figure.unit, lang) });
  }
}

/** The reason for a verdict in one line. `definition` is the selector key that names a series (shown beside other series' figures). */
export function reasonText(j: Judgement, lang: Lang, definition?: string): string {
  return j.reasons.map((r) => reasonPart(r, j.claim, lang, definition)).join('; ');
}

/** One row per claim; `brief` leaves out the evidence and caveat columns (the overview). */
export function claimsTable(judgements: readonly Judgement[], lang: Lang, opts: { name: string; title: string; brief?: boolean; definitionOf: (dataset: string) => string | undefined }): Table {
  const columns = [
    { key: 'claim_id', header: 'claim_id' },
    { key: 'claim', header: 'claim' },
    { key: 'claimed', header: 'claimed' },
    { key: 'verdict', header: 'verdict' },
    { key: 'reason', header: 'reason' },
    ...(opts.brief ? [] : [{ key: 'evidence', header: 'evidence' }, { key: 'caveat', header: 'caveat' }]),
  ];
  return {
    name: opts.name,
    title: opts.title,
    columns: opts.brief ? columns.filter((c) => c.key !== 'claim_id') : columns,
    rows: judgements.map((j) => ({
      claim_id: j.claim.id,
      claim: lang === 'zh' ? j.claim.textZh : j.claim.textEn,
      claimed: claimedText(j.claim, lang),
      verdict: j.verdict,
      reason: reasonText(j, lang, opts.definitionOf(j.claim.dataset)),
      ...(opts.brief ? {} : { evidence: j.evidence.join(' ; '), caveat: j.claim.caveat }),
    })),
  };
}

/** `13 claim(s): 3 supported, ...` */
export function claimsSummary(judgements: readonly Judgement[], lang: Lang): string {
  const n = (v: string) => judgements.filter((j) => j.verdict === v).length;
  return claimWord('summary', lang, { total: judgements.length, supported: n('supported'), caveat: n('supported_with_caveat'), conflicts: n('conflicts'), none: n('no_source') });
}
