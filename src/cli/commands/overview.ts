// `semicap` / `semicap overview` / `npm start`: the headline answers on the bundled data in one report —
// China's mature-node share by each TrendForce release, the funds and their totals, and the self-sufficiency gaps.
import { convertFunds } from '../../app/funds.js';
import { bundledDataDir, datasetPaths, loadDatasets, type DatasetName } from '../../data/datasets.js';
import { makeReport } from '../../report/model.js';
import { checkClaims } from '../../app/claims.js';
import { CLAIM_DATASETS } from '../../data/claims.js';
import { claimsTable } from '../../report/claims.js';
import { claimWord, type Lang } from '../../report/i18n.js';
import type { CommandResult, Globals } from '../context.js';
import { shareProjection } from '../../app/capacity.js';
import { totalsTable } from '../../report/views/funds.js';
import { selfSufficiency } from '../../app/self-sufficiency.js';
import { shareSection } from '../../report/views/capacity.js';
import { selfSufficiencySection } from '../../report/views/self-sufficiency.js';
import { say } from '../../messages.js';

export function overview(_args: string[], _settings: object, g: Globals): CommandResult {
  const dir = g.data ?? bundledDataDir();
  const needed: DatasetName[] = ['capacity_share', 'funds', 'fx', 'self_sufficiency'];
  const data = loadDatasets(dir, needed);
  const share = shareSection(shareProjection(data, { region: 'china', segment: 'mature', methods: ['cagr', 'linear', 'logistic'], through: 2030, bandsLastYearOnly: true }));
  const totals = totalsTable(convertFunds(data));
  totals.title = say('overview.fundsTitle');
  const ss = selfSufficiencySection(selfSufficiency(data, { scope: 'ic_production_in_china', through: 2040, extraTargets: [] }));
  const [shareTable, shareBands] = share.tables;
  shareTable.title = say('overview.shareTitle');
  ss.tables[0].title = say('overview.selfSufficiencyTitle', { title: ss.tables[0].title ?? '' });
  share.charts[0].title = shareTable.title;
  // The article's headline claims with their verdicts (semicap claims for all of them and the evidence).
  const lang: Lang = g.lang ?? 'en';
  const claims = checkClaims({ dataDir: dir, headlinesOnly: true });
  const claimTable = claimsTable(claims.judgements, lang, { name: 'claims', title: claimWord('overviewTitle', lang), brief: true, definitionOf: (d) => CLAIM_DATASETS[d]?.relax });
  return {
    report: { ...makeReport('overview', [shareTable, { ...shareBands, name: 'share_bands' }, totals, ss.tables[0], ...ss.tables.filter((t) => t.name === 'bands').map((t) => ({ ...t, name: 'self_sufficiency_bands' })), claimTable], [...share.notes, ...ss.notes], [...share.warnings, ...ss.warnings]), charts: [...share.charts, ...ss.charts] },
    inputs: [...new Set([...datasetPaths(dir, needed), ...claims.inputs])],
  };
}
