// The forecast use case as a forward stream: the series of a table forecast in batches (worker threads when
// there is much to do), yielded in series order as rows to write; the closing summary (notes, warnings, the
// messages of skipped series, whether any series had a problem) is the generator's return value, known at the end.
import type { SeriesTable } from '../../data/series.js';
import type { Shard } from '../../data/shard.js';
import { dataError } from '../../errors.js';
import { intervalsNote, type IntervalMode } from '../../forecast/registry.js';
import type { Method } from '../../forecast/types.js';
import { joinReasons, type BatchSettings } from './batch.js';
import { decodeRows, rowWidth, type RowCell } from './rows.js';
import { forecastBatches, HeadStart } from './run.js';
import { say } from '../../messages.js';

/** What one method's fit said about itself (auto: its rule, choice and evidence), for --explain. */
export interface Explained {
  id: string;
  years: number;
  method: string;
  params: Record<string, number | string>;
}

export interface ForecastChunk {
  /** Forecast rows: id, year, method, mean, lower and upper per level (empty with --explain; with settings.csv, see cells). */
  rows: RowCell[][];
  /** With settings.csv: the rows as CSV lines in UTF-8, written by the thread that computed them; `rows` is then empty. */
  csv?: Uint8Array;
  /** The rows' cells (with settings.csv decoded only when asked for). */
  cells(): RowCell[][];
  /** What each fit said (when the settings ask for it). */
  explained: Explained[];
}

export interface ForecastSummary {
  notes: string[];
  warnings: string[];
  /** Series skipped or partly skipped, with the reason, in series order. */
  messages: string[];
  /** Worker threads used (0: the main thread). */
  threads: number;
  total: number;
}

export interface ForecastRequest {
  settings: BatchSettings;
  methods: Method[];
  jobs: number | 'auto';
  intervals: IntervalMode;
  /** --explain: the output is what each fit said, not the forecast rows. */
  explain: boolean;
  shard?: Shard;
  /** Called after each batch with the number of series done so far (for a progress bar). */
  onProgress?: (done: number) => void;
  /** Worker threads started while the file was read (forecastHeadStart), with the blocks they fitted meanwhile. */
  head?: HeadStart;
}

/**
 * Worker threads to start before the file is read, fitting blocks of series while the rest is read: pass its
 * `watch` to readSeriesTable and the head start to forecastStream. Undefined where threads cannot be used.
 */
export function forecastHeadStart(settings: BatchSettings, methods: Method[], jobs: number | 'auto'): HeadStart | undefined {
  return HeadStart.possible(jobs) ? new HeadStart(settings, methods.length, jobs) : undefined;
}

export async function* forecastStream(data: SeriesTable, req: ForecastRequest): AsyncGenerator<ForecastChunk, ForecastSummary> {
  const { settings, methods } = req;
  const methodNames = methods.map((m) => m.name);
  const skippedMessages: string[] = [];
  const failedMessages: string[] = [];
  let skipped = 0;
  let clamped = 0;
  let produced = 0;
  let threads = 0;
  for await (const { first, last, outcome, out, own, workers } of forecastBatches(data, settings, methods, req.jobs, req.head)) {
    threads = workers;
    clamped += outcome.clamped;
    const rendered = !req.explain && outcome.csv !== undefined;
    const rows = req.explain || rendered ? [] : decodeRows(out, outcome.written, settings.levels, data.ids, methodNames);
    // Cells asked for later are decoded from a copy where a later batch reuses the output slot.
    const numbers = rendered ? (own ? out.subarray(0, outcome.written) : out.slice(0, outcome.written)) : undefined;
    const cells = numbers === undefined ? () => rows : () => decodeRows(numbers, numbers.length, settings.levels, data.ids, methodNames);
    const explained = outcome.explained.map((e) => ({ id: data.ids[e.series], years: e.years, method: methodNames[e.method], params: e.params }));
    // Messages in series order: those skipped while reading or for irregular years, then the fits that failed.
    let irregular = 0;
    for (let s = first; s < last; s++) {
      const problem = data.problems[s] ?? (outcome.irregular[irregular]?.series === s ? outcome.irregular[irregular++].reason : undefined);
      if (problem === undefined) continue;
      skipped++;
      skippedMessages.push(say('warning.skippedSeries', { id: data.ids[s], problem }));
    }
    for (const f of outcome.failures) {
      if (f.ok === 0) skipped++;
      failedMessages.push(say(f.ok === 0 ? 'warning.skippedSeries' : 'warning.partlySkippedSeries', { id: data.ids[f.series], problem: joinReasons(f.reasons) }));
    }
    produced += req.explain ? explained.length : outcome.written / rowWidth(settings.levels);
    req.onProgress?.(last);
    yield { rows, explained, cells, ...(rendered ? { csv: outcome.csv } : {}) };
  }
  const messages = [...skippedMessages, ...failedMessages];
  const total = data.ids.length;
  // A shard may hold no series at all (more shards than series): an empty result, not an error.
  const emptyShard = req.shard !== undefined && total === 0;
  if (produced === 0 && !emptyShard) throw dataError(say('error.nothingForecast', { file: data.file, count: messages.length, first: messages[0] ?? 'none' }));
  const shardNote = req.shard === undefined ? '' : say('forecast.shard', { index: req.shard.index, count: req.shard.count });
  const notes = [say('forecast.read', { total, file: data.file, shard: shardNote, forecast: total - skipped, levels: settings.levels.join(', '), seed: settings.seed }), intervalsNote(methods, req.intervals)];
  const { floor, cap } = settings.bounds;
  const warnings = clamped > 0 ? [say('forecast.clamped', { count: clamped, floor: floor ?? '-∞', cap: cap ?? '∞' })] : [];
  return { notes, warnings, messages, threads, total };
}
