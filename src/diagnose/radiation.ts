/**
 * Radiation level (seed essay 5): 辐射接受中心 receiving centre → 向内辐射中心 inward-radiating
 * centre → 向外辐射中心 outward-radiating centre. Defined for candidates past the concentration
 * stage (a mere concentration radiates nothing; null) and for candidates that are not agglomerated.
 *
 * - outward: the place exports brand and technology and outside firms work for it: brandShare
 *   ≥ brandShare, oemInboundShare ≥ oemInboundShare, and technology ties flow out at least as
 *   much as in (techOutflow ≥ techInflow, techOutflow > 0).
 * - inward: leader firms (R&D and marketing functions) lift local SMEs: at least one leader and
 *   leaderLocalTies / leaders ≥ leaderTiesPerLeader.
 * - receiving: production only; technology flows in.
 */
import type { Thresholds } from './config.js';
import { compare, type EvidenceRow } from './evidence.js';
import type { Indicators } from './indicators.js';
import type { Stage } from './stage.js';

export type RadiationLevel = 'receiving' | 'inward' | 'outward';

export interface RadiationVerdict {
  level: RadiationLevel | null;
  rows: EvidenceRow[];
}

export function radiationLevel(x: Indicators, stage: Stage | null, t: Thresholds): RadiationVerdict {
  const techBalance = x.techOutflow !== undefined && x.techInflow !== undefined ? (x.techOutflow > 0 ? x.techOutflow - x.techInflow : -1) : undefined;
  const outwardRows: EvidenceRow[] = [
    compare('radiation.outward', 'brandShare', x.brandShare, '>=', 'brandShare', t),
    compare('radiation.outward', 'oemInboundShare', x.oemInboundShare, '>=', 'oemInboundShare', t),
    { rule: 'radiation.outward', indicator: 'techOutflow − techInflow', value: techBalance ?? null, comparison: '>=', threshold: 0, pass: techBalance === undefined ? null : techBalance >= 0 },
  ];
  const perLeader = x.leaders !== undefined && x.leaderLocalTies !== undefined && x.leaders > 0 ? x.leaderLocalTies / x.leaders : x.leaders === 0 ? 0 : undefined;
  const inwardRows: EvidenceRow[] = [compare('radiation.inward', 'leaderLocalTies / leaders', perLeader, '>=', 'leaderTiesPerLeader', t)];
  const rows = [...outwardRows, ...inwardRows];
  if (stage === null || stage === 'concentration') return { level: null, rows };
  const level: RadiationLevel = outwardRows.every((r) => r.pass === true) ? 'outward' : inwardRows[0].pass === true ? 'inward' : 'receiving';
  return { level, rows };
}
