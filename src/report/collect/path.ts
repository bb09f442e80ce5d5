/**
 * The development-path chart of a candidate: its trajectory (stage, radiation, the six scores
 * per snapshot year) and the conditions of its next step, as `workspacePaths`
 * (src/diagnose/path/workspace.ts) computed them with the diagnosis's own rules — shown, never
 * recomputed here. Not available when the caller computed no path (a diagnosis without
 * thresholds, e.g. hand-made candidates) or when none of the candidate's firms is dated.
 */
import type { DiagnosedCandidate } from '../../diagnose/candidate.js';
import type { PathBlock } from '../../diagnose/path/workspace.js';
import type { Chart, PathData } from '../types.js';
import { b, unavailable } from './util.js';

export function pathChart(c: DiagnosedCandidate, paths: ReadonlyMap<string, PathBlock> | undefined): Chart<PathData> {
  const p = paths?.get(c.id);
  if (!p) return unavailable(b('the development path was not computed for this candidate', '未计算该候选的发展路径'));
  if (!p.snapshots.some((s) => s.firms > 0)) return unavailable(b('none of the candidate\'s firms has a founding year: no past snapshot can be reconstructed', '候选企业均无成立年份，无法重建历史快照'));
  // JSON-safe: the path's numbers are finite or null
  const data = JSON.parse(JSON.stringify(p)) as PathData;
  return {
    available: true, data,
    params: { years: p.years.join(', ') },
    source: b('firms by founding year and ties by year, the diagnosis rules applied to each snapshot', '按成立年份的企业与按年份的联系，每个快照套用相同的诊断规则'),
    notes: [p.caveats],
  };
}
