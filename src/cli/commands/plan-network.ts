/**
 * `cluster-atlas plan network`: regional groups of a value chain's firms in a workspace and the
 * chain-covering check per group (which stages each group's hub lacks within the radius).
 */
import { writeFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import type { CliContext } from '../output.js';

export interface PlanNetworkCliOptions {
  project?: string;
  workspace?: string;
  chain?: string;
  industries?: string;
  radius: string;
  groups?: string;
  maxGroups: string;
  minShare: string;
  weight: 'count' | 'employees' | 'output' | 'revenue';
  seed: string;
  geojson?: string;
}

export function positive(name: string, text: string, integer = false): number {
  const v = Number(text);
  if (!(Number.isFinite(v) && v > 0) || (integer && !Number.isInteger(v))) {
    throw new InputError('E_OPTION', `--${name} must be a positive ${integer ? 'integer' : 'number'}, got ${text}`, { field: name, value: text });
  }
  return v;
}

/** Stages from --chain (a template in the workspace) or --industries (one stage per code). */
export async function chainStages(ws: import('../../store/workspace.js').Workspace, o: { chain?: string; industries?: string }): Promise<{ id: string; name?: string; industries: string[]; order?: number; role?: 'vertical' | 'support' }[]> {
  if ((o.chain === undefined) === (o.industries === undefined)) throw new InputError('E_OPTION', 'give exactly one of --chain <template id> or --industries <codes>', { field: 'chain' });
  if (o.industries !== undefined) {
    const codes = o.industries.split(',').map((s) => s.trim()).filter(Boolean);
    if (!codes.length) throw new InputError('E_OPTION', `--industries must list industry codes, got ${JSON.stringify(o.industries)}`, { field: 'industries', value: o.industries });
    return codes.map((c) => ({ id: c, industries: [c], order: 1, role: 'vertical' as const }));
  }
  const { loadChainTemplates } = await import('../../load/firm-network.js');
  const templates = await loadChainTemplates(ws);
  const t = templates.find((x) => x.id === o.chain);
  if (!t) throw new InputError('E_OPTION', `--chain ${o.chain}: no such template in the workspace (templates: ${templates.map((x) => x.id).join(', ') || 'none'})`, { field: 'chain', value: o.chain });
  return t.stages;
}

export async function runPlanNetwork(ctx: CliContext, o: PlanNetworkCliOptions): Promise<Record<string, unknown>> {
  const radiusKm = positive('radius', o.radius);
  const groups = o.groups === undefined ? undefined : positive('groups', o.groups, true);
  const maxGroups = positive('max-groups', o.maxGroups, true);
  const minShare = Number(o.minShare);
  if (!(minShare >= 0 && minShare < 1)) throw new InputError('E_OPTION', `--min-share must be in [0, 1), got ${o.minShare}`, { field: 'min-share', value: o.minShare });
  const seed = Number(o.seed);
  if (!Number.isInteger(seed)) throw new InputError('E_OPTION', `--seed must be an integer, got ${o.seed}`, { field: 'seed', value: o.seed });
  const { resolveWorkspacePath } = await import('./info.js');
  const { openWorkspace } = await import('../../store/workspace.js');
  const { loadChainFirms } = await import('../../load/chain-firms.js');
  const { planClusterNetwork } = await import('../../plan/cluster-network/index.js');
  const ws = await openWorkspace(resolveWorkspacePath(o), { readOnly: true });
  let stages;
  let firms;
  try {
    stages = await chainStages(ws, o);
    firms = await loadChainFirms(ws, stages.flatMap((s) => s.industries), o.weight);
  } finally {
    ws.close();
  }
  const res = planClusterNetwork(firms, stages, { radiusKm, groups, maxGroups, minShare, seed });
  const result = { chain: o.chain ?? null, weight: o.weight, ...res, warnings: [...firms.warnings, ...res.warnings] };
  if (o.geojson) {
    const features = [
      ...res.groups.map((g) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [g.hub.lon, g.hub.lat] }, properties: { kind: 'hub', group: g.id, firm: g.hub.id, firms: g.firms, lacking: g.lacking } })),
      ...firms.ids.map((id, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [firms.lon[i], firms.lat[i]] }, properties: { kind: 'firm', id, industry: firms.industry[i], group: res.assignment[id] } })),
    ];
    writeFileSync(o.geojson, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  }
  if (ctx.format === 'json') ctx.out(JSON.stringify(result, null, 2));
  else {
    const { renderTable } = await import('../output.js');
    ctx.out(`${res.groups.length} regional group(s) of ${firms.ids.length} chain firms; stages checked within ${radiusKm} km of each hub; total firm-to-hub distance ${res.totalDistanceKm.toFixed(0)} km (× weight)`);
    ctx.out(renderTable(['group', 'hub', 'lon', 'lat', 'firms', `within ${radiusKm} km %`, 'lacking within radius'],
      res.groups.map((g) => [g.id, g.hub.id, g.hub.lon.toFixed(3), g.hub.lat.toFixed(3), g.firms, 100 * g.withinRadius, g.lacking.join(', ') || '—']), [false, false, true, true, true, true, false]));
    for (const w of result.warnings) if (!ctx.quiet) ctx.err(`warning: ${w}`);
  }
  return result as unknown as Record<string, unknown>;
}
