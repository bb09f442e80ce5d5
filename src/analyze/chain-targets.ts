/**
 * The chain-gap targets of a development path's unmet "supporting industries" condition (seed
 * essay 5: 产业配套): for a candidate whose next stage lacks it, `chainGaps` (src/plan/gaps, the
 * computation of `cluster-atlas plan gaps`) on the value-chain template that best covers the
 * candidate's industries, with the place = the firms within `radiusKm` of the candidate's centre.
 * Its ranked targets are named by the seed's three moves: 补链 (fill) a missing vertical stage
 * between the stages the place has, 延链 (extend) a missing one beyond them, 强链 (strengthen) a
 * weak one.
 *
 * The workspace's firms and links are read once (`loadGapInputs` with place `all`); each
 * candidate's place is marked on them by great-circle distance. A candidate without a centre, or
 * whose industries no template covers, keeps the condition without targets; a place chainGaps
 * refuses (E_DEGENERATE: no firm inside) likewise, with a warning.
 */
import { InputError } from '../core/errors.js';
import { MEAN_EARTH_RADIUS_KM } from '../core/geo/ellipsoid.js';
import { haversineKm } from '../core/geo/haversine-km.js';
import type { DiagnosedCandidate } from '../diagnose/candidate.js';
import type { Condition } from '../diagnose/path/next-step.js';
import type { PathBlock } from '../diagnose/path/workspace.js';
import { loadChainTemplates } from '../load/firm-network.js';
import { loadGapInputs } from '../load/gap-inputs.js';
import { chainGaps } from '../plan/gaps/index.js';
import { bestTemplate } from '../report/collect/chain.js';
import type { Workspace } from '../store/workspace.js';

/** Targets listed per condition. */
const MAX_TARGETS = 5;

/** The unmet "supporting industries" condition of a path's next stage, if any. */
function supportingCondition(p: PathBlock): Condition | undefined {
  return p.nextStep.stage.conditions.find((c) => c.proxy === 'chainStagesLinked' && c.status === 'unmet');
}

export async function addChainTargets(ws: Workspace, candidates: readonly DiagnosedCandidate[], paths: Map<string, PathBlock>, radiusKm: number, warnings: string[]): Promise<void> {
  const wanted = candidates.filter((c) => { const p = paths.get(c.id); return p !== undefined && supportingCondition(p) !== undefined && c.place.center !== null; });
  if (!wanted.length) return;
  if ((await ws.all("SELECT 1 FROM duckdb_tables() WHERE table_name = 'chain_templates'")).length === 0) return;
  const templates = await loadChainTemplates(ws);
  if (!templates.length) return;
  const inputs = await loadGapInputs(ws, { kind: 'all' });
  const { firms } = inputs;
  const maxDLat = (radiusKm / MEAN_EARTH_RADIUS_KM) * (180 / Math.PI) * (1 + 1e-9);
  for (const c of wanted) {
    const condition = supportingCondition(paths.get(c.id)!)!;
    const template = bestTemplate(templates, c.industries);
    if (!template) continue;
    const [lon, lat] = c.place.center!;
    const inside = new Uint8Array(firms.ids.length);
    for (let k = 0; k < inside.length; k++) {
      const y = firms.lat[k];
      inside[k] = Number.isFinite(firms.lon[k]) && Math.abs(y - lat) <= maxDLat && haversineKm(lon, lat, firms.lon[k], y) <= radiusKm ? 1 : 0;
    }
    let res: ReturnType<typeof chainGaps>;
    try {
      res = chainGaps({ ...firms, inside }, inputs.links, template.stages.map((s) => ({ ...s, order: s.order ?? 1 })), inputs.io, { center: [lon, lat] });
    } catch (e) {
      if (!(e instanceof InputError && e.code === 'E_DEGENERATE')) throw e;
      warnings.push(`development path of ${c.id}: chain-gap targets not computed (${e.code}): ${e.message}`);
      continue;
    }
    const stages = new Map(res.value.stages.map((s) => [s.id, s]));
    const present = res.value.stages.filter((s) => s.role === 'vertical' && s.status !== 'missing').map((s) => s.order);
    const [lo, hi] = present.length ? [Math.min(...present), Math.max(...present)] : [Infinity, -Infinity];
    condition.targets = res.value.targets.slice(0, MAX_TARGETS).map((t) => {
      const s = stages.get(t.stage);
      const beyond = s !== undefined && s.role === 'vertical' && (s.order < lo || s.order > hi);
      return { stage: t.stage, name: s?.name ?? null, action: t.status === 'weak' ? 'strengthen' as const : beyond ? 'extend' as const : 'fill' as const, rank: t.rank, score: Number.isFinite(t.score) ? t.score : null };
    });
  }
}
