// The revisions use case: one publisher's releases of one measure (a region's share of a capacity segment, or a
// self-sufficiency scope), ordered by release date (sources.csv `published`), with each revision's move and each
// forecast's miss against the actual that arrived later (domain/revisions.ts).
import type { Datasets, Source } from '../data/datasets.js';
import { revisionHistory, type Release, type RevisionHistory } from '../domain/revisions.js';
import { usageError } from '../errors.js';
import { say } from '../messages.js';

export interface RevisionsRequest {
  /** Case-insensitive part of sources.csv `publisher` (trendforce matches "TrendForce (via CNA)" and "Reuters …, citing TrendForce"). */
  publisher: string;
  measure: 'share' | 'self_sufficiency';
  region: string;
  segment: string;
  scope: string;
}

export interface RevisionsResult {
  /** e.g. "china share of mature capacity, %". */
  measureLabel: string;
  history: RevisionHistory;
  /** Each release's publisher as sources.csv names it. */
  publishers: Map<string, string>;
  notes: string[];
  warnings: string[];
}

interface Figure {
  year: number;
  value: number;
  kind: string;
  source_id: string;
  definition: string | null;
}

const DATED = /^\d{4}(-\d{2}(-\d{2})?)?$/;

/** The figures of the measure asked for, and a label for it. */
function measureFigures(data: Pick<Datasets, 'capacityShare' | 'selfSufficiency'>, req: RevisionsRequest): { figures: Figure[]; label: string; isShare: boolean } {
  if (req.measure === 'self_sufficiency') {
    const figures = data.selfSufficiency.filter((r) => r.scope === req.scope).map((r) => ({ year: r.year, value: r.rate_pct, kind: r.kind, source_id: r.source_id, definition: r.definition }));
    if (figures.length === 0) throw usageError(say('error.noScope', { scope: req.scope, scopes: [...new Set(data.selfSufficiency.map((r) => r.scope))].join(', ') }));
    return { figures, label: say('revisions.ssLabel', { scope: req.scope }), isShare: true };
  }
  const figures = data.capacityShare.filter((r) => r.region === req.region && r.segment === req.segment).map((r) => ({ year: r.year, value: r.share_pct, kind: r.kind, source_id: r.source_id, definition: r.definition }));
  if (figures.length === 0) {
    throw usageError(say('error.noShareFigures', { region: req.region, segment: req.segment, source: '', available: [...new Set(data.capacityShare.map((r) => `${r.region}/${r.segment}`))].sort().join(', ') }));
  }
  return { figures, label: say('revisions.shareLabel', { region: req.region, segment: req.segment }), isShare: true };
}

export function revisions(data: Pick<Datasets, 'sources' | 'capacityShare' | 'selfSufficiency'>, req: RevisionsRequest): RevisionsResult {
  const { figures, label, isShare } = measureFigures(data, req);
  const sources = new Map<string, Source>(data.sources.map((s) => [s.source_id, s]));
  const wanted = req.publisher.toLowerCase();
  const matching = figures.filter((f) => (sources.get(f.source_id)?.publisher ?? '').toLowerCase().includes(wanted));
  if (matching.length === 0) {
    const publishers = [...new Set(figures.map((f) => sources.get(f.source_id)?.publisher ?? f.source_id))].sort();
    throw usageError(say('error.noPublisherRelease', { publisher: req.publisher, measure: label.replace(/, %$/, ''), publishers: publishers.join('; ') }));
  }
  const bySource = new Map<string, Figure[]>();
  for (const f of matching) bySource.set(f.source_id, [...(bySource.get(f.source_id) ?? []), f]);
  const releases: Release[] = [];
  const undated: string[] = [];
  for (const [id, group] of bySource) {
    const published = sources.get(id)?.published ?? '';
    if (!DATED.test(published)) {
      undated.push(id);
      continue;
    }
    const definitions = [...new Set(group.map((f) => f.definition).filter((d): d is string => d !== null && d !== ''))];
    releases.push({ sourceId: id, published, definition: definitions.join(' / ') || null, figures: group.map(({ year, value, kind }) => ({ year, value, kind })).sort((a, b) => a.year - b.year) });
  }
  if (releases.length === 0) throw usageError(say('error.releasesUndated', { publisher: req.publisher, measure: label.replace(/, %$/, ''), sources: undated.join(', ') }));
  const history = revisionHistory(releases, { isShare });
  const notes = [say('revisions.releases', { count: history.releases.length, publisher: req.publisher, list: history.releases.map((r) => `${r.published} ${r.sourceId}`).join(', ') })];
  if (history.moves.length === 0) notes.push(say('revisions.nothingRevised'));
  notes.push(say('revisions.moveMiss'));
  const warnings: string[] = [];
  const definitions = [...new Set(history.releases.map((r) => r.definition ?? say('revisions.notStated')))];
  if (definitions.length > 1) warnings.push(say('revisions.definitionsDiffer', { definitions: definitions.join('; ') }));
  if (undated.length > 0) warnings.push(say('revisions.undated', { sources: undated.join(', ') }));
  return { measureLabel: label, history, publishers: new Map(history.releases.map((r) => [r.sourceId, sources.get(r.sourceId)?.publisher ?? ''])), notes, warnings };
}
