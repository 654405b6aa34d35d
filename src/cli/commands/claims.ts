// `semicap claims [FILE]`: each claim of an article (the bundled datasets/claims.csv, or FILE with the same
// columns) against the sourced figures: a verdict and its reason in one line. --fail-on makes it a CI gate.
import { CLAIM_DATASETS } from '../../data/claims.js';
import { checkClaims } from '../../app/claims.js';
import { VERDICTS, type Verdict } from '../../domain/claims.js';
import { claimsSummary, claimsTable } from '../../report/claims.js';
import { claimWord, type Lang } from '../../report/i18n.js';
import { makeReport } from '../../report/model.js';
import { parseListArg } from '../args.js';
import type { ClaimsOptions } from '../command-options.js';
import type { CommandResult, Globals } from '../context.js';
import { EXIT } from '../exit.js';

export function claims(args: string[], o: ClaimsOptions, g: Globals): CommandResult {
  const lang: Lang = g.lang ?? 'en';
  // Checked against the verdicts here, not at start-up: the list lives with the claims code.
  const failOn: Verdict[] = o.failOn === undefined ? [] : parseListArg(o.failOn, '--fail-on', VERDICTS);
  const run = checkClaims({ file: args[0], dataDir: g.data, headlinesOnly: o.headlines });
  const table = claimsTable(run.judgements, lang, { name: 'claims', title: claimWord('title', lang, { file: args[0] ?? (g.data === undefined ? 'datasets/claims.csv' : run.claimsFile) }), definitionOf: (d) => CLAIM_DATASETS[d]?.relax });
  const report = makeReport('claims', [table], [claimsSummary(run.judgements, lang), claimWord('rule', lang)]);
  const failed = run.judgements.filter((j) => failOn.includes(j.verdict));
  // Which claims failed the gate, as FILE:LINE so an editor or CI annotation points at the claim.
  const messages = failed.map((j) => `${run.claimsFile}:${j.claim.line}: ${j.claim.id}: ${j.verdict}`);
  return { report, inputs: run.inputs, messages, exitCode: failed.length > 0 ? EXIT.checkFailed : EXIT.ok };
}
