// The message catalogue: every title, note, warning and error people read is a key with parameters, rendered here
// in English; src/report/zh.ts renders the same keys in Chinese (its type requires every key, and a test checks
// that no Chinese entry is missing or mostly English). Any layer may say a message (no files, no printing).
//
// Messages travel as their English text, so the report model and every renderer stay plain strings: `say()` records
// which key and parameters produced each text, and the output layer renders that key again in the reader's
// language (report/i18n.ts localize). Text that was never said through the catalogue (data cells, file names)
// stays as it is.

type Params = Record<string, string | number>;

/** `1 year` / `3 years`. */
const years = (n: number) => `${n} year${n === 1 ? '' : 's'}`;

/** The English catalogue: one function per message, its parameters typed. */
export const EN = {
  // --- tables and titles
  'capacity.shareTitle': (p: { region: string; segment: string }) => `${p.region} share of ${p.segment} capacity, % (through each source's own figures)`,
  'capacity.inputsTitle': () => 'Figures used (anchors) and other figures shown for comparison',
  'capacity.roleAnchor': () => 'anchor',
  'capacity.roleComparison': () => 'comparison (single figure)',
  'capacity.wpmTitle': (p: { entity: string; segment: string; unit: string; from: number; to: number }) => `${p.entity} capacity (${p.segment}), ${p.unit}, through ${p.from} and ${p.to}`,
  'capacity.roleHistory': () => 'history',
  'capacity.wpmImplied': (p: { from: number; to: number; cagr: string; step: number; unit: string }) =>
    `${p.from}→${p.to}: ${p.cagr === '' ? 'no compound rate' : `${p.cagr} %/yr compound`}, ${p.step.toLocaleString('en-US')} ${p.unit}/yr linear`,
  'capacity.converted': (p: { unit: string }) => `converted from ${p.unit}: 1 wpm_12in = 2.25 wpm_8in_eq (a 300 mm wafer has 2.25 × the area of a 200 mm wafer)`,
  'capacity.kindsUsed': (p: { kinds: string }) => `kinds used: ${p.kinds}`,
  'capacity.conflict': (p: { year: number; figures: string; used: string }) => `${p.year}: ${p.figures}; used the latest release, ${p.used}`,
  'capacity.periodNote': (p: { period: string; notes: string }) => `${p.period === '' ? 'year-end' : p.period}${p.notes === '' ? '' : `; ${p.notes}`}`,
  'capacity.bandsTitle': (p: { last: string }) => `Empirical bands past each path's last anchor: how far the same extrapolation landed on M3 yearly series${p.last === '' ? '' : ` (${p.last})`}`,
  'capacity.implied': (p: { source: string; from: number; fromValue: number; to: number; toValue: number; cagr: string; step: string }) =>
    `${p.source}: ${p.from}=${p.fromValue}% → ${p.to}=${p.toValue}% implies ${p.cagr === '' ? 'no compound rate' : `${p.cagr} %/yr compound`}, ${p.step} pp/yr linear`,
  'capacity.separately': (p: { count: number }) => `${p.count} sources project separately; they are not averaged. Pick one with --source.`,
  'capacity.sourceWarning': (p: { source: string; text: string }) => `${p.source}: ${p.text}`,
  'project.title': (p: { anchors: string }) => `Projection through ${p.anchors}`,
  'project.impliedTitle': () => 'Implied rates',
  'project.impliedNote': (p: { from: number; to: number; cagr: string; step: string; share: string }) =>
    `${p.from}→${p.to}: ${p.cagr === '' ? 'no compound rate (a value is not positive)' : `compound ${p.cagr} %/yr`}; linear ${p.step} ${p.share === 'yes' ? 'pp' : 'units'}/yr`,
  'project.targetTitle': (p: { target: string }) => `Target ${p.target}`,
  'funds.titleAtYear': (p: { year: number }) => `Funds and packages (converted at ${p.year} rates)`,
  'funds.titleOwnYear': () => "Funds and packages (converted at each figure's own year's average rate)",
  'funds.fundPhase': (p: { fund: string; phase: string }) => `${p.fund} ${p.phase}`,
  'funds.totalThroughPhase': (p: { phase: string }) => `Big Fund through phase ${p.phase} (registered capital, cumulative)`,
  'funds.totalWithPackage': () => 'Big Fund I–III + reported 2025 package (range)',
  'funds.registeredAndReported': () => 'registered + reported',
  'funds.totalChipsAct': () => 'US CHIPS Act appropriation (for comparison)',
  'funds.totalsTitle': () => 'Totals (registered capital only; other measures are not added)',
  'funds.rateAtYear': (p: { rate: number; year: number; kind: string; source: string; years: string }) => `CNY per USD ${p.rate} (${p.year}, ${p.kind}, ${p.source}); choose another year with --fx-year (${p.years})`,
  'funds.rateOwnYear': (p: { from: number; to: number }) => `CNY per USD: each figure at its own year's average rate (fx.csv: ${p.from}–${p.to}); --fx-year YEAR converts every figure at one year's rate`,
  'funds.rateEstimated': (p: { year: number; rate: number; kind: string; source: string }) => `the ${p.year} rate (${p.rate}) is an ${p.kind} (${p.source}); see fx.csv notes`,
  'funds.sourceConversion': () => "A source's own conversion (its USD figure, and its rate where stated) stands beside the computed one: a spot rate of its day, not an annual average.",
  'funds.rangesStay': () => 'Ranges stay ranges: a reported RMB 200–500 bn package is low 200, high 500 in every currency.',
  'overview.shareTitle': () => "China's share of global mature-node capacity, % — projected through each TrendForce release (semicap capacity)",
  'overview.fundsTitle': () => "Chip funds: totals, each figure at its own year's CNY/USD average (semicap funds for every figure)",
  'overview.selfSufficiencyTitle': (p: { title: string }) => `Self-sufficiency targets — ${p.title} (semicap self-sufficiency)`,
  'ss.targetsTitle': (p: { scope: string; value: number; year: number }) => `Targets against ${p.scope} (current ${p.value}% in ${p.year})`,
  'ss.historyTitle': (p: { scope: string }) => `${p.scope}: history and third-party forecasts`,
  'ss.chartTitle': (p: { scope: string }) => `${p.scope}: history, current path and targets`,
  'ss.bandsTitle': () => 'The current path in each target year, with empirical bands: how far the same extrapolation landed on M3 yearly series',
  'ss.current': (p: { value: number; year: number; scope: string; given: string }) => `current: ${p.value}% in ${p.year}${p.given === 'yes' ? ' (from --current)' : ` (latest actual of ${p.scope})`}`,
  'ss.currentPath': (p: { from: number; to: number; cagr: string; step: string; through: number }) =>
    `current path ${p.from}→${p.to}: ${p.cagr === '' ? 'no compound rate' : `${p.cagr} %/yr compound`}, ${p.step} pp/yr linear; "reaches" is empty when the path does not get there by ${p.through}`,
  'ss.noPathOneDefinition': () => 'no current path: the latest definition has only one figure',
  'ss.noPathOneFigure': () => 'only one actual figure: no current path',
  'ss.definition': (p: { definition: string }) => `definition: ${p.definition}. Targets use their own, often unclear, definitions.`,
  'ss.definitionUnknown': () => 'see datasets/README.md',
  'ss.notBy': (p: { year: number }) => `not by ${p.year}`,
  'ss.noPath': () => 'no path',
  'ss.noPathDefinitions': () => 'no path (definitions differ)',
  'ss.overdue': () => 'overdue',
  'datasets.sourcesTitle': (p: { count: number }) => `Sources (${p.count})`,
  'datasets.filesTitle': (p: { dir: string }) => `Datasets in ${p.dir}`,
  'datasets.holds': (p: { dataset: string; text: string }) => p.text,
  'datasets.freshnessTitle': (p: { today: string }) => `Series: latest year and age of the newest source (at ${p.today})`,
  'datasets.undated': () => 'undated',
  'datasets.ageNote': () => 'age: years from the newest dated source of a series to today (a month counts from its first day, a year from 1 January); semicap validate --max-age YEARS warns about stale series',
  'datasets.kindsNote': () => 'Every figure has a kind (actual, estimate, forecast, target, reported) and a source_id; list the sources with --sources.',
  'datasets.noScenarios': (p: { dir: string }) => `${p.dir} has no scenarios.csv: the scenario command uses the bundled scenarios`,
  'validate.filesTitle': () => 'Datasets checked',
  'validate.problemsTitle': () => 'Problems',
  'validate.allValid': (p: { count: number }) => `all ${p.count} file(s) valid`,
  'validate.problems': (p: { count: number; files: number }) => `${p.count} problem(s) in ${p.files} file(s)`,
  'check.title': () => 'Rules checked',
  'check.summary': (p: { passed: number; total: number; ops: string }) => `${p.passed} of ${p.total} rule(s) passed; op: ${p.ops}; eq and ne allow a relative difference of 1e-9`,
  'check.pathPoint': (p: { source: string; method: string; status: string }) => `${p.source}, ${p.method === '' ? 'its own figure' : `${p.method} ${p.status}`}`,
  'check.noProblems': () => 'no problems',
  'check.problems': (p: { count: number }) => `${p.count} problem(s); run semicap validate`,
  'revisions.ssLabel': (p: { scope: string }) => `self-sufficiency ${p.scope}, %`,
  'revisions.shareLabel': (p: { region: string; segment: string }) => `${p.region} share of ${p.segment} capacity, %`,
  'revisions.releases': (p: { count: number; publisher: string; list: string }) => `${p.count} release(s) of ${p.publisher} in release order (sources.csv published): ${p.list}`,
  'revisions.nothingRevised': () => 'no two releases give a figure for the same year: nothing was revised',
  'revisions.moveMiss': () =>
    "move: how a release changed the figure of the release before it for the same year (pp, and % of the earlier figure); miss: forecast − the actual or estimate published later (interpolated: on the compound path between that release's own figures)",
  'revisions.notStated': () => 'not stated',
  'revisions.definitionsDiffer': (p: { definitions: string }) => `the releases define the measure differently (${p.definitions}): a move between them is partly a change of definition`,
  'revisions.undated': (p: { sources: string }) => `left out, no release date in sources.csv: ${p.sources}`,
  'revisions.sideBySideTitle': (p: { measure: string }) => `${p.measure}: each release's figures, in release order`,
  'revisions.movesTitle': () => 'Revisions: how each release moved the figure for the same year',
  'revisions.missesTitle': () => 'Forecasts against the actual that arrived later',
  'revisions.releasesTitle': () => 'Releases',
  'revisions.chartTitle': (p: { measure: string; publisher: string }) => `${p.measure}, by ${p.publisher} release`,
  'scenario.pathsTitle': (p: { through: number }) => `Point paths through ${p.through}`,
  'scenario.targetsTitle': () => 'Targets: does the point path meet each in its year?',
  'scenario.assumptionsTitle': () => 'Assumptions',
  'scenario.bandsTitle': (p: { paths: number }) => `Percentile bands per year (${p.paths} simulated paths)`,
  'scenario.oddsTitle': () => 'Targets: probability of being met in their year',
  'option.deprecated': (p: { old: string; option: string }) => `${p.old} is deprecated; use ${p.option} (same meaning)`,
  'option.bothNames': (p: { old: string; option: string }) => `give ${p.option} or ${p.old}, not both (${p.old} is its older name)`,
  'option.excelIgnored': (p: { format: string }) => `--excel applies to --format csv only; ignored with --format ${p.format}`,
  'scenario.chartTitle': (p: { name: string; simulated: string }) => `${p.name} by scenario${p.simulated === 'yes' ? ' (point paths and simulated bands)' : ''}`,
  'odds.bundled': (p: { dir: string }) => `${p.dir} has no scenarios.csv; the bundled scenarios are used`,
  'odds.seed': (p: { seed: number; paths: number }) => `seed ${p.seed}, ${p.paths} paths per series: \`semicap scenario --simulate ${p.paths} --seed ${p.seed}\` gives the same odds`,
  'odds.pmet': () => 'P(met): share of simulated paths at or above the target in its year; ± s.e. is its binomial standard error; series are simulated independently',
  'odds.title': (p: { paths: number; seed: string }) => `Targets: probability of being met in their year (${p.paths} simulated paths, seed ${p.seed})`,
  'odds.pathsTitle': (p: { through: number }) => `Scenarios side by side: point paths through ${p.through}`,
  'scenario.pointNote': () => "point paths: every assumption at its point value (a normal's mean, a triangular's mode); add --simulate N for percentile bands and the odds of each target",
  'scenario.held': () => 'held at bound',
  'scenario.notInRange': () => 'not in range',
  'report.filesTitle': () => 'Files written',
  'report.wrote': (p: { count: number; dir: string }) => `wrote ${p.count} files to ${p.dir}`,
  'shares.title': (p: { segment: string; source: string; method: string }) => `Shares of ${p.segment} capacity, % (${p.source}, ${p.method}), adding up to 100 every year`,
  'shares.chartTitle': (p: { segment: string; source: string; method: string }) => `Shares of ${p.segment} capacity adding up to 100 % (${p.source}, ${p.method})`,
  'shares.wideTitle': () => 'One column per region',
  'shares.inputsTitle': () => 'Figures used',
  'shares.roleSingle': () => 'single figure (in the remainder)',
  'shares.method': (p: { model: string }) => `method: ${p.model}`,
  'shares.modelLinear': (p: { other: string }) =>
    `each region's share moves by a constant step per segment against ${p.other === '' ? 'the other regions' : `the rest of the world (${p.other})`}; a part that would fall below 0 is held at 0 and the rest rescaled`,
  'shares.modelCagr': (p: { other: string }) =>
    `each region's share is treated as capacity growing at a compound rate per segment, divided by the total every year (log-ratios against ${p.other === '' ? 'the other regions' : `the rest of the world (${p.other})`} move linearly: a multinomial logistic)`,
  'shares.source': (p: { source: string; chosen: string; regions: string }) =>
    `source ${p.source}${p.chosen === 'yes' ? ' (the source with the most regions having two or more years; pick another with --source)' : ''}; regions projected: ${p.regions}`,
  'shares.alone': (p: { total: string; year: number }) => `projected one by one, the same regions would add up to ${p.total} % in ${p.year} (without the remainder); here every year's shares add up to 100 %`,
  'shares.singles': (p: { segment: string; source: string; regions: string }) => `regions with a single ${p.segment} figure in ${p.source} are part of the remainder: ${p.regions}`,
  'shares.others': (p: { segment: string; sources: string }) => `other sources for ${p.segment}, not mixed in: ${p.sources}`,
  'goal.title': (p: { from: string; to: string }) => `From ${p.from} to ${p.to}`,
  'goal.arithmetic': (p: { years: number; target: number; current: number; cagr: string; step: string; share: string }) =>
    `${p.years} years: compound (${p.target}/${p.current})^(1/${p.years}) − 1 = ${p.cagr} %/yr; linear (${p.target} − ${p.current})/${p.years} = ${p.step} ${p.share === 'yes' ? 'pp' : 'units'}/yr`,
  // --- forecast and backtest
  'forecast.title': (p: { horizon: number; methods: string }) => `Forecast ${p.horizon} year(s) ahead, ${p.methods}`,
  'forecast.shard': (p: { index: number; count: number }) => ` (shard ${p.index}/${p.count}: the series whose id hashes to ${p.index})`,
  'forecast.read': (p: { total: number; file: string; shard: string; forecast: number; levels: string; seed: number }) =>
    `${p.total} series read from ${p.file}${p.shard}; ${p.forecast} forecast; intervals at ${p.levels} %; seed ${p.seed}`,
  'forecast.clamped': (p: { count: number; floor: string | number; cap: string | number }) => `${p.count} forecast value(s) or interval bound(s) left [${p.floor}, ${p.cap}] and are at the bound (held there)`,
  'intervals.note': (p: { calibrated: string; model: string }) => `intervals: ${[p.calibrated, p.model].filter((x) => x !== '').join('; ')}`,
  'intervals.calibrated': (p: { methods: string; source: string }) => `${p.methods}: calibrated on measured errors (${p.source})`,
  'intervals.model': (p: { methods: string }) => `${p.methods}: model-based`,
  'intervals.longer': (p: { source: string; years: number }) => `${p.source}; model-based on series longer than ${p.years} years`,
  'backtest.title': (p: { series: number; holdout: number; origins: number }) => `Backtest: ${p.series} series, holdout ${p.holdout}, ${p.origins} origin(s) — best first`,
  'backtest.byHorizon': () => 'By horizon',
  'backtest.origins': (p: { holdout: number }) => `origin j fits on the first n − ${p.holdout} − (j − 1) values and forecasts the next ${p.holdout}; errors pooled over all series and origins`,
  'backtest.measures': () => 'sMAPE as in the M3 competition (200·|y − f| / (|y| + |f|)); MASE scaled by the in-sample mean absolute first difference',
  'backtest.cover': () => "cover L%: share of actuals inside the L % interval; MSIS L: its interval score (width + (2/α)·miss, α = 1 − L/100) over the same scale, mean over points (the M4 competition's MSIS is MSIS 95)",
  // --- evidence of anchored projections (M3 errors)
  'evidence.line': (p: { method: string; points: string; horizon: number; through: number; measured: string; l80: number; series: number; benchmark: string; range80: string; l95: number; range95: string }) =>
    `${p.method}: ${EN_METHOD_WORDS[p.method] ?? p.method} from ${p.points}, ${years(p.horizon)} past the last (${p.through})${p.measured}: at least ${p.l80} % of ${p.series} ${p.benchmark === 'm3_yearly' ? 'M3 yearly series' : p.benchmark} landed within ${p.range80} of the path, ${p.l95} % within ${p.range95}`,
  'evidence.twoPoints': (p: { span: number }) => `2 points ${years(p.span)} apart`,
  'evidence.morePoints': (p: { count: number; span: number }) => `${p.count} points (last ${years(p.span)} apart)`,
  'evidence.nearestRow': (p: { span: number; horizon: number }) => ` (measured at ${years(p.span)} apart, ${p.horizon} past: the table's nearest row)`,
  'bands.header': (p: { label: string; level: number }) => `${p.label}\n${p.level} % band`,
  'bands.interval': (p: { level: number }) => `${p.level} % interval`,
  'bands.m3Errors': () => 'M3 errors',
  // --- layering of a --data folder
  'layering.none': (p: { dir: string }) => `${p.dir} holds no dataset files: the bundled datasets are used`,
  'layering.yours': (p: { dir: string; yours: string; replaced: number; added: number; bundled: string }) =>
    `${p.dir}: your ${p.yours} layered over the bundled datasets; your rows win on the same key (${p.replaced} replaced, ${p.added} added)${p.bundled === '' ? '' : `; bundled: ${p.bundled}`}`,
  'layering.conflict': (p: { where: string; key: string; changes: string }) => `${p.where}: yours replaces a bundled row (${p.key}): ${p.changes}`,
  'layering.more': (p: { count: number; dir: string }) => `${p.count} more conflicts with the bundled datasets; run 'semicap validate ${p.dir}' to see all`,
  // --- errors (the kinds and exit codes are in src/errors.ts and src/cli/exit.ts)
  'error.internal': (p: { message: string; debug: string }) => `internal error: ${p.message} (a bug: please report it with the command you ran${p.debug === 'yes' ? '' : '; --debug shows the stack'})`,
  'error.stdoutFailed': (p: { reason: string }) => `cannot write to standard output (${p.reason})`,
  'error.givenTwice': (p: { option: string; first: string; second: string }) => `${p.option} given twice ('${p.first}', then '${p.second}'); give it once`,
  'error.noTable': (p: { command: string }) => `'${p.command}' produced no table to write as CSV`,
  'error.unknownTable': (p: { name: string; names: string }) => `no table '${p.name}' in this report; expected one of: ${p.names}`,
  'error.xlsxNeedsOut': () => '--format xlsx needs --out FILE.xlsx (a spreadsheet is a binary file, not text for a terminal)',
  'error.outIsInput': (p: { file: string }) => `--out ${p.file} is also an input of this run; choose another output file`,
  'error.chartOutSvg': (p: { file: string }) => `--chart-out ${p.file}: expected a file name ending in .svg`,
  'error.chartOutIsOut': (p: { file: string }) => `--chart-out ${p.file} is also the --out file; choose another name`,
  'error.chartOutIsInput': (p: { file: string }) => `--chart-out ${p.file} is also an input of this run; choose another file`,
  'error.chartOutNoSeries': (p: { command: string }) => `--chart-out: '${p.command}' has no year-by-year series to draw`,
  'error.tooManyRows': (p: { limit: string; format: string }) => `more than ${p.limit} rows are too many for --format ${p.format} (held in memory whole); use --format csv or json, which are written as the rows come`,
  'error.noCnyRate': () => 'fx.csv has no CNY rate; funds cannot be converted',
  'error.noFund': (p: { fund: string; funds: string }) => `no fund '${p.fund}'; expected one of ${p.funds}`,
  'error.nothingToProject': (p: { region: string; segment: string; source: string; figures: string }) =>
    `no source gives two or more years for ${p.region}/${p.segment}${p.source === '' ? '' : ` in ${p.source}`}, so there is nothing to project through; figures: ${p.figures}`,
  'error.noSuchFile': (p: { path: string }) => `${p.path}: no such file`,
  'error.permissionDenied': (p: { path: string }) => `${p.path}: permission denied; expected a readable file`,
  'error.isFolder': (p: { path: string; what: string }) => `${p.path}: is a folder; expected ${p.what}`,
  'error.noSuchFolder': (p: { dir: string }) => `${p.dir}: no such folder; expected a folder of semicap datasets`,
  'error.notAFolder': (p: { dir: string }) => `${p.dir}: is not a folder; expected a folder of semicap datasets`,
  'error.unknownSource': (p: { column: string; id: string }) => `${p.column} '${p.id}' is not in sources.csv; expected one of its source_id values`,
  'error.missingColumn': (p: { column: string; columns: string }) => `missing column '${p.column}'; expected the columns ${p.columns}`,
  'error.noRows': () => 'has a header but no data rows; expected at least one row',
  'error.emptyCell': (p: { column: string; expected: string }) => `${p.column} is empty; expected ${p.expected}`,
  'error.badCell': (p: { column: string; reason: string }) => `${p.column} ${p.reason}`,
  'error.noSuchPath': (p: { path: string }) => `${p.path}: no such file or folder`,
  'error.noShareFigures': (p: { region: string; segment: string; source: string; available: string }) =>
    `no share figures for region '${p.region}', segment '${p.segment}'${p.source === '' ? '' : `, source '${p.source}'`}; available: ${p.available}`,
  'error.noCapacityFigures': (p: { entity: string; segment: string; available: string }) => `no capacity figures for '${p.entity}'${p.segment === '' ? '' : ` in segment '${p.segment}'`}; entities: ${p.available}`,
  'error.noScope': (p: { scope: string; scopes: string }) => `no self-sufficiency series '${p.scope}'; expected one of ${p.scopes}`,
  'error.noActual': (p: { scope: string }) => `series '${p.scope}' has no actual figures; give --current YEAR=VALUE`,
  'error.notUtf8': (p: { at: number }) => `invalid UTF-8 at byte ${p.at}; expected UTF-8 text: a GBK/GB18030 file (what Excel on Chinese Windows saves) reads with --encoding gb18030, or re-save it as UTF-8`,
  'error.notGb18030': () => 'is not valid GB18030 (GBK) text here; expected the encoding given with --encoding',
  'error.notUtf8Gbk': (p: { at: number }) => `invalid UTF-8 at byte ${p.at}: this looks like GBK/GB18030 text (what Excel on Chinese Windows saves); re-save it as "CSV UTF-8 (comma delimited)"`,
  'error.fullWidth': (p: { value: string; ascii: string }) => `'${p.value}' has full-width characters; write it as '${p.ascii}' (half-width digits, % and commas)`,
  'error.fullWidthDelimiter': () => 'the header is separated by full-width commas (，), not commas; save the file with half-width commas (,)',
  'error.unknownEncoding': (p: { encoding: string; encodings: string }) => `--encoding ${p.encoding} is not supported; expected ${p.encodings}`,
  // --- messages on stderr
  'cli.wrote': (p: { file: string }) => `wrote ${p.file}`,
  'cli.warning': (p: { text: string }) => `warning: ${p.text}`,
  'cli.chartNone': () => 'no chart for this report (no year-by-year series)',
  'cli.alsoTables': (p: { table: string; tables: string }) => `wrote table '${p.table}'; also available with --table: ${p.tables}`,
  // --- errors and warnings of option values, commands and use cases
  'error.anchorNotYearValue': (p: { option: string; text: string }) => `${p.option} '${p.text}' is not YEAR=VALUE; expected e.g. ${p.option} 2023=29%`,
  'error.anchorBadPart': (p: { option: string; text: string; reason: string }) => `${p.option} '${p.text}': ${p.reason}`,
  'error.anchorBadValue': (p: { option: string; text: string; reason: string }) => `${p.option} '${p.text}': ${p.reason}; expected a number such as 29% or 714000`,
  'error.optionYear': (p: { option: string; reason: string }) => `${p.option} ${p.reason}`,
  'error.optionNumber': (p: { option: string; reason: string }) => `${p.option} ${p.reason}; expected a number`,
  'error.optionNotWhole': (p: { option: string; text: string }) => `${p.option} ${p.text} is not a whole number`,
  'error.optionBelow': (p: { option: string; text: string; min: number }) => `${p.option} ${p.text} is below ${p.min}`,
  'error.optionAbove': (p: { option: string; text: string; max: number }) => `${p.option} ${p.text} is above ${p.max}`,
  'error.badLevels': (p: { text: string }) => `--level ${p.text}; expected levels between 0 and 100 exclusive, e.g. 80,95`,
  'error.emptyList': (p: { option: string; allowed: string }) => `${p.option} is empty; expected one or more of ${p.allowed}`,
  'error.unknownListItem': (p: { option: string; item: string; allowed: string; hint: string }) =>
    `${p.option}: unknown '${p.item}'; expected one of ${p.allowed}${p.hint ? ` (did you mean '${p.hint}'?)` : ''}`,
  'error.valueEmpty': () => 'is empty',
  'error.valueNotNumber': (p: { raw: string }) => `'${p.raw}' is not a number`,
  'error.valuePercentSign': (p: { raw: string; plain: string }) => `'${p.raw}' has a % sign, not allowed in this column (write ${p.plain})`,
  'error.valueDotDecimal': (p: { raw: string }) => `'${p.raw}' uses '.' but the decimal separator was set to ','`,
  'error.valueOutOfRange': (p: { raw: string }) => `'${p.raw}' is out of range`,
  'error.valueUnderflow': (p: { raw: string }) => `'${p.raw}' is out of range (too close to 0: it would become 0)`,
  'error.valueNotYear': (p: { raw: string }) => `'${p.raw}' is not a year (expected four digits such as 2023)`,
  'error.valueYearRange': (p: { raw: string }) => `'${p.raw}' is outside the years 1900–2200`,
  'error.valueSeriesYear': (p: { raw: string; min: number; max: number }) => `'${p.raw}' is not a whole year from ${p.min} to ${p.max} (such as 1811 or 2023)`,
  'error.unknownLocale': (p: { code: string; known: string }) => `--locale '${p.code}' is not a locale semicap knows; expected one of ${p.known}, or give --excel --delimiter ";" --decimal , yourself`,
  'error.outDelimiter': (p: { text: string; hint: string }) => `--delimiter '${p.text}' for the CSV written; expected , ; or tab${p.hint}`,
  'error.outDelimiterExcelHint': () => ' (--excel writes in the dialect of FILE; --locale en, de, … chooses another)',
  'error.badDecimal': (p: { text: string }) => `--decimal '${p.text}'; expected . or ,`,
  'error.localeCsvOnly': () => '--locale applies to --format csv only (xlsx and JSON hold numbers as numbers, and Excel shows xlsx numbers in its own locale)',
  'error.localeOrOwn': (p: { own: string }) => `give --locale or ${p.own}, not both`,
  'error.ownNeedsCsv': (p: { own: string; count: number }) => `${p.own} ${p.count > 1 ? 'shape' : 'shapes'} CSV output; add --format csv --excel (or --format csv --locale de, fr, …)`,
  'error.ownNeedsExcel': (p: { own: string; count: number }) => `${p.own} ${p.count > 1 ? 'shape' : 'shapes'} the CSV written for Excel; add --excel (or use --locale de, fr, … for both)`,
  'error.decimalCommaDelimiter': () => '--decimal , needs another --delimiter (such as ";"), or the numbers would split into two cells',
  'error.missingSeriesFile': () => 'missing FILE; expected a CSV with one row per series and year',
  'error.inDelimiter': (p: { text: string }) => `--delimiter '${p.text}'; expected one character such as ; or \\t`,
  'error.decimalCommaDelimiterIn': () => '--decimal , needs another --delimiter (such as ;)',
  'error.shardNeedsId': () => '--shard needs --id: shards split the series by id',
  'error.checkNeedsRules': () => 'check needs a rules file, e.g. semicap check rules.csv',
  'error.completionNeedsShell': (p: { shells: string }) => `completion needs a shell: ${p.shells} (e.g. source <(semicap completion bash))`,
  'error.floorBelowCap': (p: { floor: number; cap: number }) => `--floor ${p.floor} must be below --cap ${p.cap}`,
  'error.fundGoalOption': (p: { flag: string }) => `${p.flag} belongs to fund goals; give --fund-total too`,
  'error.goalNeedsTarget': () => 'goal needs --target YEAR=VALUE (e.g. --target 2030=100%), or --fund-total for a fund',
  'error.notWithFundTotal': (p: { flag: string }) => `${p.flag} does not go with --fund-total (a fund goal takes --deployed, --deploy-from, --deploy-to and --growth or --first-year)`,
  'error.fundGoalNeedsDeploy': () => 'a fund goal needs --deploy-from YEAR and --deploy-to YEAR (the first and last deployment years)',
  'error.reportOutHoldsInput': (p: { dir: string; holder: string }) => `--out ${p.dir} holds an input of this run (${p.holder}); the report replaces the folder whole, choose another one`,
  'error.nothingBacktested': (p: { file: string; first: string }) => `${p.file}: no series could be backtested (${p.first})`,
  'error.badToday': (p: { given: string }) => `SEMICAP_TODAY=${p.given}; expected a date such as 2026-12-06`,
  'error.emptyPathOption': (p: { option: string; folder: string }) => `${p.option} is empty; expected a ${p.folder === 'yes' ? 'folder' : 'file'} name`,
  'warning.jobsCapped': (p: { asked: number | string; jobs: number | string }) => `--jobs ${p.asked}: this machine has ${p.jobs} core(s); using ${p.jobs} worker thread(s)`,
  'error.shareRange': () => 'a share (written with %) must lie within 0–100 %',
  'error.lookToBeforeTarget': (p: { lookTo: number; year: number }) => `--look-to ${p.lookTo} is before the target year ${p.year}`,
  'error.rateOrStep': () => 'give --rate (compound) or --step (linear), not both',
  'error.scenarioOrRate': () => 'give --scenario or --rate/--step for the current path, not both',
  'error.simulateNeedsPath': () => '--simulate needs a current path: give --rate (with --rate-sd), --step (with --step-sd) or --scenario NAME.SERIES',
  'error.goalNeedsCurrent': () => 'goal needs --current YEAR=VALUE (e.g. --current 2025=40%) or --scenario NAME.SERIES',
  'error.rateAboveMinus100': (p: { rate: number }) => `--rate ${p.rate} must be above −100 %/yr`,
  'error.rateNeedsPositive': (p: { value: number }) => `--rate: a compound path needs a positive current value; ${p.value} stays ${p.value} (use --step)`,
  'error.rateSdWithStep': () => '--rate-sd goes with --rate; with --step give --step-sd',
  'error.rateSdNeedsCompound': () => '--rate-sd needs a compound path (--rate or a cagr/logistic scenario)',
  'error.stepSdNeedsLinear': () => '--step-sd needs a linear path (--step or a linear scenario)',
  'error.simulateNeedsSpread': () => '--simulate with --rate or --step needs its spread: --rate-sd or --step-sd',
  'error.scenarioNotNameSeries': (p: { key: string }) => `--scenario '${p.key}' is not NAME.SERIES; expected e.g. base.self_sufficiency`,
  'error.goalNoScenario': (p: { name: string; names: string }) => `--scenario: no scenario '${p.name}'; expected one of ${p.names}`,
  'error.goalNoScenarioSeries': (p: { name: string; series: string; names: string }) => `--scenario: scenario '${p.name}' has no series '${p.series}'; expected one of ${p.names}`,
  'error.logisticNeedsCap': () => '--method logistic needs --cap for values that are not shares (write the anchors with % for a share capped at 100)',
  'error.anchorBelowFloor': (p: { year: number; value: number }) => `anchor ${p.year}=${p.value} is below the default floor 0; give --floor none (or a lower --floor) for values that can be negative`,
  'error.setNotKeyValue': (p: { text: string }) => `--set '${p.text}' is not KEY=VALUE; expected e.g. --set base.mature_share.growth_pct=6`,
  'error.throughBeforeStart': (p: { through: number; series: string; start: number }) => `--through ${p.through} is before ${p.series}'s start year ${p.start}`,
  'error.noScenario': (p: { name: string; names: string; hint: string }) => `no scenario '${p.name}'; expected one of ${p.names}${p.hint ? ` (did you mean '${p.hint}'?)` : ''}`,
  'error.noScenarioSeries': (p: { series: string; names: string }) => `--series: no series '${p.series}'; expected one of ${p.names}`,
  'error.noSegmentShares': (p: { segment: string; segments: string }) => `no share figures for segment '${p.segment}'; segments: ${p.segments}`,
  'error.sourceNoSegment': (p: { source: string; segment: string; sources: string }) => `source '${p.source}' has no ${p.segment} figures; sources for ${p.segment}: ${p.sources}`,
  'error.regionFewFigures': (p: { region: string; segment: string; source: string; regions: string }) => `--region: ${p.region} has fewer than two ${p.segment} figures from ${p.source}; regions that do: ${p.regions}`,
  'error.noRegionProjects': (p: { segment: string; source: string; figures: string }) => `no region has two or more ${p.segment} figures from ${p.source}, so nothing can be projected; figures: ${p.figures}`,
  'error.noPublisherRelease': (p: { publisher: string; measure: string; publishers: string }) => `no release of publisher '${p.publisher}' gives ${p.measure}; publishers that do: ${p.publishers}`,
  'error.releasesUndated': (p: { publisher: string; measure: string; sources: string }) => `the releases of '${p.publisher}' for ${p.measure} have no release date in sources.csv (${p.sources}); they cannot be ordered`,
  'error.oneYearEnd': (p: { entity: string; segment: string }) => `only one year-end figure for ${p.entity}/${p.segment}; need two or more years to project`,
  'error.wpmMethods': () => '--metric wpm projects with cagr or linear (capacity has no natural cap for logistic)',
  'error.shareFittedMethod': (p: { methods: string }) => `--method ${p.methods} fits a history, and share figures come two per source; use cagr, linear or logistic here, or --metric wpm`,
  'error.cannotFit': (p: { id: string; reason: string }) => `cannot fit ${p.id}: ${p.reason}`,
  'error.throughNotAfterLast': (p: { through: number; last: number }) => `--through ${p.through} is not after the last figure (${p.last}); nothing to forecast`,
  'error.noMethodFitted': (p: { id: string; count: number; failed: string }) => `no method could be fitted to ${p.id} (${p.count} yearly values): ${p.failed}`,
  'error.ssStatMethods': () => '--method here takes statistical methods (e.g. ets,theta,auto); the compound and linear current path is always shown',
  'error.ssTooFewActuals': (p: { scope: string; definitions: number; count: number }) =>
    `--method needs two or more actual figures of one definition; ${p.scope}${p.definitions > 1 ? ` mixes ${p.definitions} definitions and its latest` : ''} has ${p.count}`,
  'error.unknownDatasetName': (p: { path: string; names: string }) => `${p.path}: cannot tell which dataset this is from its name; expected one of ${p.names}`,
  'error.rulesHeader': (p: { column: number; found: string; header: string }) => `column ${p.column} is '${p.found}'; expected the header ${p.header}`,
  'error.rulesNone': () => 'has a header but no rules; expected at least one rule (a gate with no rules would pass anything)',
  'error.rulesUnknownMetric': (p: { metric: string; hint: string; metrics: string }) => `unknown metric '${p.metric}'${p.hint ? ` (did you mean '${p.hint}'?)` : ''}; expected one of ${p.metrics}`,
  'error.rulesSelectorPart': (p: { part: string }) => `selector part '${p.part}' is not KEY=VALUE`,
  'error.rulesSelectorKey': (p: { metric: string; key: string; hint: string; keys: string }) =>
    `metric '${p.metric}' has no selector key '${p.key}'${p.hint ? ` (did you mean '${p.hint}'?)` : ''}; expected ${p.keys}`,
  'error.rulesSelectorTwice': (p: { key: string; first: string; second: string }) => `selector key '${p.key}' is given twice ('${p.first}' and '${p.second}'); expected it once`,
  'error.rulesSelectorYear': (p: { key: string; value: string; reason: string }) => `${p.key}=${p.value}: ${p.reason}`,
  'error.rulesNeedsKey': (p: { metric: string; key: string }) => `metric '${p.metric}' needs ${p.key}=...`,
  'error.rulesWpmLogistic': () => 'metric wpm projects with method=cagr or method=linear, not logistic',
  'error.rulesOperator': (p: { op: string; ops: string; words: string }) => `operator '${p.op}'; expected one of ${p.ops} (or ${p.words})`,
  'error.rulesVerdictValue': (p: { value: string; verdicts: string; metric: string }) => `value '${p.value}'; expected one of ${p.verdicts} for metric '${p.metric}'`,
  'error.rulesVerdictOp': (p: { metric: string }) => `metric '${p.metric}' is a verdict: use eq or ne (== or !=)`,
  'error.rulesBooleanValue': (p: { value: string; metric: string }) => `value '${p.value}'; expected true or false for metric '${p.metric}'`,
  'error.rulesBooleanOp': (p: { metric: string }) => `metric '${p.metric}' is true or false: use == or !=`,
  'error.rulesNumber': (p: { reason: string }) => `value ${p.reason}; expected a number`,
  'error.rulesUnit': (p: { unit: string; metric: string; units: string }) => `unit '${p.unit}' does not fit metric '${p.metric}'; expected ${p.units}`,
  'error.rulesUnknownValue': (p: { key: string; value: string; hint: string; list: string }) => `unknown ${p.key} '${p.value}'${p.hint ? ` (did you mean '${p.hint}'?)` : ''}; expected one of ${p.list}`,
  'error.rulesUnknownValueIn': (p: { text: string; dir: string }) => `${p.text} (in ${p.dir})`,
} satisfies Record<string, (p: never) => string>;

const EN_METHOD_WORDS: Record<string, string> = { cagr: 'compound growth', linear: 'a linear trend', logistic: 'a logistic curve' };

export type MessageKey = keyof typeof EN;
export type MessageParams<K extends MessageKey> = Parameters<(typeof EN)[K]> extends [] ? Record<string, never> : Parameters<(typeof EN)[K]>[0];

/** A message: its key and the parameters it was said with. */
export interface Message<K extends MessageKey = MessageKey> {
  key: K;
  params: MessageParams<K>;
}

// English text → the message that produced it (bounded: a long run's per-series messages do not pile up forever).
const said = new Map<string, Message>();
const MAX_REMEMBERED = 50_000;

/** The message in English, remembered so that the output layer can render it again in the reader's language. */
export function say<K extends MessageKey>(key: K, ...params: Parameters<(typeof EN)[K]> extends [] ? [] : [MessageParams<K>]): string {
  const p = (params[0] ?? {}) as MessageParams<K>;
  const text = (EN[key] as (p: Params) => string)(p as Params);
  if (said.size >= MAX_REMEMBERED) said.delete(said.keys().next().value!);
  said.set(text, { key, params: p } as Message);
  return text;
}

/** The message a text was said as, if it was said through the catalogue. */
export const messageOf = (text: string): Message | undefined => said.get(text);
