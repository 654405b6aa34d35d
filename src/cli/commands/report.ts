// `semicap report --out DIR`: the standard analyses written as a folder for CI (summary.md, one CSV per table,
// report.json, SVG charts, index.html); the same inputs give byte-identical files, each written atomically.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, realpathSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { bundledDataDir } from '../../data/datasets.js';
import pkg from '../../../package.json' with { type: 'json' };
import { cannotCreateError, usageError } from '../../errors.js';
import { renderCsv } from '../../report/csv.js';
import { renderHtml, type HtmlSection } from '../../report/html.js';
import { chartWords, localizeReport, type Lang } from '../../report/i18n.js';
import { JSON_SCHEMA, renderJson } from '../../report/json.js';
import { renderMarkdown } from '../../report/markdown.js';
import { relativePaths, type PathPrefix } from '../../report/relative-paths.js';
import { forAudience, makeReport, type Report, type Section } from '../../report/model.js';
import { chartsOf } from '../../report/series.js';
import { renderSvg } from '../../report/svg.js';
import { describeErrno, temporarySibling, trackPending, writeFileAtomic } from '../../report/write.js';
import type { ReportOptions } from '../command-options.js';
import type { CommandResult, GlobalOptions, Globals } from '../context.js';
import { EXIT } from '../exit.js';
import { csvWriteOptions, withMessages } from '../output.js';
import { createProgress, stderrTarget, type ProgressTarget } from '../progress.js';
import { capacityUseCase, type CapacitySettings } from '../../app/capacity.js';
import { datasetsUseCase } from '../../app/datasets.js';
import { fundsUseCase } from '../../app/funds.js';
import { selfSufficiencyUseCase } from '../../app/self-sufficiency.js';
import { scenarioOddsUseCase } from '../../app/scenario-odds.js';
import { validateUseCase } from '../../app/validate.js';
import { capacitySection } from '../../report/views/capacity.js';
import { datasetsReport } from '../../report/views/datasets.js';
import { fundsTables } from '../../report/views/funds.js';
import { scenarioOddsSection } from '../../report/views/scenario.js';
import { selfSufficiencySection } from '../../report/views/self-sufficiency.js';
import { validateReport } from '../../report/views/validate.js';
import { say } from '../../messages.js';
import { asideScript, runAside } from '../aside.js';

interface Analysis {
  id: string;
  heading: { en: string; zh: string };
  run: (g: GlobalOptions) => CommandResult | Promise<CommandResult>;
}

/** The standard analyses, in the order the report shows them. */
export const ANALYSES: Analysis[] = [
  {
    id: 'validate',
    heading: { en: 'Dataset validation', zh: '数据集校验' },
    run: (g) => {
      const v = validateUseCase([dataDir(g)]);
      return { report: validateReport(v), inputs: v.inputs, messages: v.messages, exitCode: v.invalid ? EXIT.data : EXIT.ok };
    },
  },
  {
    id: 'capacity-share',
    heading: { en: "China's share of mature-node capacity", zh: '中国大陆成熟制程产能份额' },
    run: (g) => capacityAnalysis(g, { metric: 'share', region: 'china', segment: 'mature', methods: 'cagr,linear,logistic' }),
  },
  {
    id: 'capacity-wpm',
    heading: { en: 'China capacity in wafers per month', zh: '中国大陆月产能（片/月）' },
    run: (g) => capacityAnalysis(g, { metric: 'wpm', region: 'china', methods: 'cagr,linear' }),
  },
  {
    id: 'funds',
    heading: { en: 'Chip funds and support packages', zh: '芯片基金与扶持计划' },
    run: (g) => {
      const { result, notes, inputs } = fundsUseCase(dataDir(g), {});
      return { report: makeReport('funds', fundsTables(result), notes), inputs };
    },
  },
  {
    id: 'self-sufficiency',
    heading: { en: 'Self-sufficiency and targets', zh: '自给率与目标' },
    run: async (g) => {
      const { result, inputs } = await selfSufficiencyUseCase(dataDir(g), { scope: 'ic_production_in_china', lookTo: 2040, extraTargets: [] });
      return sectionResult('self-sufficiency', selfSufficiencySection(result), inputs);
    },
  },
  {
    id: 'scenarios',
    heading: { en: 'Scenarios and the odds of each target', zh: '情景对比与各目标的达成概率' },
    // A fixed seed and a path count that keeps the report quick; the section's notes name both.
    run: (g) => {
      const { result, inputs } = scenarioOddsUseCase(dataDir(g), { paths: 10_000, seed: 42, through: 2030 });
      return sectionResult('scenario', scenarioOddsSection(result), inputs);
    },
  },
  // No series ages: they depend on today's date, and the report's files stay the same from day to day.
  {
    id: 'datasets',
    heading: { en: 'Datasets and sources', zh: '数据集与来源' },
    run: (g) => {
      const { result, inputs } = datasetsUseCase(dataDir(g), {});
      return { report: datasetsReport(result, { sources: false }), inputs };
    },
  },
];

const dataDir = (g: GlobalOptions) => g.data ?? bundledDataDir();

const sectionResult = (command: string, section: Section, inputs: string[]): CommandResult => ({
  report: { ...makeReport(command, section.tables, section.notes, section.warnings), charts: section.charts },
  inputs,
});

/** A capacity analysis through 2030 with the command's defaults for the rest. */
async function capacityAnalysis(g: GlobalOptions, s: Pick<CapacitySettings, 'metric' | 'region' | 'segment' | 'methods'>): Promise<CommandResult> {
  const { result, inputs } = await capacityUseCase(dataDir(g), { ...s, through: 2030, levels: [80, 95], seed: 42, intervals: 'calibrated' });
  return sectionResult('capacity', capacitySection(result), inputs);
}

const TITLE = { en: 'semicap report', zh: 'semicap 报告' };

interface Written {
  file: string;
  bytes: number;
  sha256: string;
}

export async function report(_args: string[], opts: ReportOptions, given: Globals): Promise<CommandResult> {
  const g = given;
  const dir = opts.out;
  // --out names a folder here: the summary of written files goes to stdout, not into --out.
  given.out = undefined;
  const target = prepareTarget(followLink(dir), [given.data ?? bundledDataDir(), ...(g.settings?.configFiles ?? [])]);
  try {
    const result = await writeReportAside(target.temp, dir, opts, given);
    target.commit();
    return result;
  } catch (e) {
    target.abort();
    throw e;
  }
}

/**
 * The report folder is written whole into a temporary sibling and swapped in at the end, so a failure or a
 * signal leaves the previous report as it was and a new report never mixes with files of an earlier run. A
 * folder that holds anything but a semicap report is refused rather than replaced, as is one that holds an
 * input of the run (the datasets read, a config file).
 */
function prepareTarget(dir: string, inputs: string[]): { temp: string; commit(): void; abort(): void } {
  let st;
  try {
    st = statSync(dir, { throwIfNoEntry: false });
  } catch (e) {
    throw cannotCreateError(say('error.cannotCreateFolder', { dir, reason: describeErrno(e) }));
  }
  if (st && !st.isDirectory()) throw cannotCreateError(say('error.reportNotFolder', { dir }));
  if (st) {
    let entries: string[];
    try {
      entries = readdirSync(dir);
    } catch (e) {
      throw cannotCreateError(say('error.reportCannotRead', { dir, reason: describeErrno(e) }));
    }
    if (entries.length > 0 && !entries.includes('report.json')) throw cannotCreateError(say('error.reportForeignFolder', { dir }));
    const holder = inputs.find((input) => isWithin(input, dir));
    if (holder !== undefined) throw usageError(say('error.reportOutHoldsInput', { dir, holder }));
  }
  try {
    mkdirSync(dirname(resolve(dir)), { recursive: true });
  } catch (e) {
    throw cannotCreateError(say('error.cannotCreateFolder', { dir, reason: (e as NodeJS.ErrnoException).code ?? (e as Error).message }));
  }
  const temp = temporarySibling(resolve(dir), 'new');
  try {
    mkdirSync(temp);
  } catch (e) {
    throw cannotCreateError(say('error.cannotCreateFolder', { dir, reason: describeErrno(e) }));
  }
  const forget = trackPending(temp);
  const abort = () => {
    rmSync(temp, { recursive: true, force: true });
    forget();
  };
  return {
    temp,
    abort,
    commit() {
      const old = st ? temporarySibling(resolve(dir), 'old') : undefined;
      try {
        if (old) renameSync(dir, old);
        renameSync(temp, dir);
      } catch (e) {
        if (old && !existsSync(dir)) renameSync(old, dir);
        abort();
        throw cannotCreateError(say('error.reportCannotReplace', { dir, reason: describeErrno(e) }));
      }
      forget();
      if (old) rmSync(old, { recursive: true, force: true });
    },
  };
}

/** A symbolic link to a folder: the folder it points to is replaced, the link kept. */
function followLink(dir: string): string {
  try {
    return lstatSync(dir).isSymbolicLink() ? realpathSync(dir) : dir;
  } catch {
    return dir;
  }
}

/** `path` is `dir` or inside it (by path with links resolved, or by device and inode of a parent folder). */
function isWithin(path: string, dir: string): boolean {
  const d = statSync(dir);
  let at = resolve(path);
  try {
    at = realpathSync(at);
  } catch {
    /* a path that does not exist yet is compared as written */
  }
  for (;;) {
    let st;
    try {
      st = statSync(at, { throwIfNoEntry: false });
    } catch {
      st = undefined;
    }
    if (st && st.dev === d.dev && st.ino === d.ino) return true;
    const up = dirname(at);
    if (up === at) return false;
    at = up;
  }
}

/** What the report's worker thread is started with. */
export interface ReportJob {
  temp: string;
  dir: string;
  opts: ReportOptions;
  given: Globals;
  progress: { isTTY: boolean; columns?: number };
}

/** Data folders smaller than this (the bundled datasets are a fifth of it) are reported in under a second, in the main thread. */
const ASIDE_FROM_BYTES = 1_000_000;

/** Bytes of the files directly in a folder (0 when it cannot be read: the analyses then say why). */
function folderBytes(dir: string): number {
  try {
    return readdirSync(dir, { withFileTypes: true }).reduce((sum, e) => sum + (e.isFile() ? statSync(join(dir, e.name)).size : 0), 0);
  } catch {
    return 0;
  }
}

/**
 * Writes the report in a worker thread when its data is large and the bundle has one (aside.ts): on large data the analyses compute
 * for seconds without a turn of the event loop, and Ctrl-C must not wait for them. From the TypeScript sources
 * (in-process tests) it is written here.
 */
async function writeReportAside(temp: string, dir: string, opts: ReportOptions, given: Globals): Promise<CommandResult> {
  const script = folderBytes(dataDir(given)) >= ASIDE_FROM_BYTES ? asideScript('report-worker') : undefined;
  if (script === undefined) return writeReport(temp, dir, opts, given);
  const target = stderrTarget();
  const job: ReportJob = { temp, dir, opts, given, progress: { isTTY: target.isTTY, columns: target.columns } };
  return runAside<CommandResult, string>(script, job, (text) => target.write(text));
}

export async function writeReport(dir: string, shownDir: string, opts: ReportOptions, given: Globals, progressTarget?: ProgressTarget): Promise<CommandResult> {
  const g = given;
  const lang: Lang = g.lang ?? 'en';
  const timestamp = opts.timestamp ? new Date().toISOString() : undefined;
  const progress = createProgress(ANALYSES.length + 1, progressTarget, g.quiet);
  // The analyses see plain options: table format, no charts, no output file of their own.
  const inner: GlobalOptions = { ...given, format: 'table', out: undefined, table: undefined };

  const prefixes = reportPathPrefixes(given.data);
  const shownData = given.data === undefined ? undefined : relative(process.cwd(), resolve(given.data)) || '.';
  const written: Written[] = [];
  const write = (file: string, data: string) => {
    writeFileAtomic(join(dir, file), data);
    written.push({ file, bytes: Buffer.byteLength(data), sha256: createHash('sha256').update(data).digest('hex').slice(0, 16) });
  };
  const sections: HtmlSection[] = [];
  const jsonAnalyses: unknown[] = [];
  const md: string[] = [`# ${TITLE[lang]}`, '', `semicap ${pkg.version} · ${given.data === undefined ? (lang === 'zh' ? '内置数据集' : 'bundled datasets') : `${lang === 'zh' ? '数据：' : 'data: '}${shownData}`}${timestamp ? ` · ${timestamp}` : ''}`, ''];
  let exitCode: number = EXIT.ok;
  const messages: string[] = [];
  for (const analysis of ANALYSES) {
    progress.step(analysis.id);
    // A turn of the event loop between analyses: a signal that came in meanwhile is handled before the swap.
    await new Promise<void>((done) => setImmediate(done));
    const raw = await analysis.run(inner);
    // Paths are written relative inside the folder; on stderr they stay as the user gave them.
    const result = relativePaths(raw, prefixes);
    const people = forAudience(localizeReport(result.report, lang, { cells: true }), 'people');
    const machine = forAudience(localizeReport(result.report, lang, { cells: false }), 'files');
    const csv: Record<string, string> = {};
    for (const t of forAudience(result.report, 'files').tables) {
      const file = `${analysis.id}-${t.name}.csv`;
      write(file, renderCsv(t, csvWriteOptions(given)));
      csv[t.name] = file;
    }
    const charts = chartsOf(people).map((c) => ({ file: `${analysis.id}-${c.name}.svg`, svg: renderSvg(c, { words: chartWords(lang) }), title: c.title }));
    for (const c of charts) write(c.file, c.svg);
    const heading = analysis.heading[lang];
    md.push(`## ${heading}`, '');
    for (const c of charts) md.push(`![${c.title.replace(/[[\]]/g, '')}](${c.file})`, '');
    md.push(renderMarkdown(people).trimEnd(), '');
    // Tables shown to people only (the evidence under a projection) have no CSV file.
    const files = Object.values(csv);
    if (files.length > 0) md.push(`CSV: ${files.map((file) => `[${file}](${file})`).join(' · ')}`, '');
    sections.push({ id: analysis.id, heading, report: people, charts, csv });
    jsonAnalyses.push({ id: analysis.id, heading, ...JSON.parse(renderJson(withMessages(machine, result.messages), pkg.version)), charts: chartsOf(result.report) });
    if (result.exitCode !== undefined && result.exitCode !== EXIT.ok) {
      exitCode = result.exitCode;
      messages.push(...(raw.messages ?? []));
      // Invalid datasets: the other analyses cannot load them; the validation section says what is wrong.
      if (analysis.id === 'validate') break;
    }
  }
  await new Promise<void>((done) => setImmediate(done));
  progress.step('summary.md, report.json, index.html');
  write('summary.md', md.join('\n').replace(/\n{3,}/g, '\n\n'));
  write('report.json', JSON.stringify({ schema: JSON_SCHEMA, semicap: pkg.version, ...(timestamp ? { generated: timestamp } : {}), data: shownData ?? 'bundled', lang, analyses: jsonAnalyses }, null, 2) + '\n');
  write('index.html', renderHtml(TITLE[lang], sections, { lang, footer: `semicap ${pkg.version}${timestamp ? ` · ${timestamp}` : ''} · summary.md · report.json` }));
  progress.done();
  const listing: Report = makeReport(
    'report',
    [
      {
        name: 'files',
        title: say('report.filesTitle'),
        columns: [
          { key: 'file', header: 'file' },
          { key: 'bytes', header: 'bytes', type: 'int' },
          { key: 'sha256', header: 'sha256' },
        ],
        rows: written.map((w) => ({ file: join(shownDir, w.file), bytes: w.bytes, sha256: w.sha256 })),
      },
    ],
    [say('report.wrote', { count: written.length, dir: shownDir })],
  );
  // --quiet: errors only, so no list of the files written either.
  if (given.quiet) listing.raw = '';
  return { report: listing, exitCode, messages };
}

/**
 * The folders whose absolute paths the report writes relative: the bundled datasets as `datasets` (their place in
 * the package), the current folder and a --data folder relative to the current folder; real paths too, so that a
 * folder reached through a link is shortened the same way.
 */
function reportPathPrefixes(data: string | undefined): PathPrefix[] {
  const cwd = process.cwd();
  const bundled = bundledDataDir();
  const folders: PathPrefix[] = [{ from: bundled, to: relative(dirname(bundled), bundled) }, { from: cwd, to: '.' }];
  if (data !== undefined) folders.push({ from: resolve(data), to: relative(cwd, resolve(data)) || '.' });
  const real = (path: string) => {
    try {
      return realpathSync(path);
    } catch {
      return path;
    }
  };
  // The root folder is never shortened: every absolute path starts with it.
  return [...folders, ...folders.map((f) => ({ from: real(f.from), to: f.to }))].filter((f) => dirname(f.from) !== f.from);
}
