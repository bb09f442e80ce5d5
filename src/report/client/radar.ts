/** The development-stage radar of a candidate: the six characteristic scores (null plotted at 0, marked "not measured"). */
import type { CandidateReport } from '../types.js';
import { base, type Built, type BuildContext } from './context.js';

const KEYS = ['geographic', 'embeddedness', 'flexible', 'cooperative', 'innovation', 'selfOrganisation'] as const;

export function radar(ctx: BuildContext, c: CandidateReport): Built {
  const L = ctx.labels;
  const T = L.ui;
  const s = c.radar.scores;
  const stageName = c.verdict.stage ? L.stages[c.verdict.stage] : T.notApplicable;
  const option = {
    ...base(ctx, `${T.radarTitle} · ${c.id}`, `${T.stage}: ${stageName}`),
    radar: { center: ['50%', '56%'], radius: '58%', indicator: KEYS.map((k) => ({ name: L.characteristics[k] + (s[k] === null ? ` (${T.notMeasured})` : ''), max: 1, min: 0 })), axisName: { fontSize: 11, color: '#333' } },
    legend: { bottom: 4 },
    series: [{ type: 'radar', name: stageName, data: [{ name: stageName, value: KEYS.map((k) => s[k] ?? 0) }], areaStyle: { opacity: 0.25 }, itemStyle: { color: '#1b9e77' } }],
    tooltip: { confine: true },
  };
  return { option, maps: [] };
}
