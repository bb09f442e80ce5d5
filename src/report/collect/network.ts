/**
 * The network chart of a candidate: its firms and institutions with Louvain communities (seeded,
 * renumbered by size, singletons −1) and leader firms (the `leaders` largest weighted degrees).
 * Links are counted, not valued, so unknown link values never fail the chart. At most
 * `maxNetworkNodes` nodes (every institution and the most connected firms) and 2,000 links are
 * drawn, noted. Positions come from a deterministic layout (communities on a circle, members on a
 * sunflower spiral by strength).
 */
import type { DiagnosedCandidate } from '../../diagnose/candidate.js';
import { degreeCentrality, LINK_TYPES, louvainCommunities, type FirmNetwork } from '../../measures/network/index.js';
import type { Bilingual, Chart, NetworkData } from '../types.js';
import { namesOf, NO_NETWORK, type Context } from './context.js';
import type { ResolvedOptions } from './options.js';
import { b, notComputed, num, unavailable } from './util.js';

const MAX_LINKS = 2000;

/** Deterministic layout: communities on a circle (largest first), members on a sunflower spiral by strength. */
function layout(nodes: { community: number; strength: number; id: string }[]): { x: number; y: number }[] {
  const groups = new Map<number, number[]>();
  nodes.forEach((n, i) => { const list = groups.get(n.community) ?? []; list.push(i); groups.set(n.community, list); });
  const keys = [...groups.keys()].sort((a, bb) => (a === -1 ? 1 : bb === -1 ? -1 : a - bb));
  const out = nodes.map(() => ({ x: 0, y: 0 }));
  const golden = Math.PI * (3 - Math.sqrt(5));
  const radiusOf = (n: number): number => Math.sqrt(n) * 6;
  const total = keys.reduce((a, k) => a + radiusOf(groups.get(k)!.length), 0);
  const ring = keys.length > 1 ? Math.max(total / Math.PI, 20) : 0;
  let angle = 0;
  for (const k of keys) {
    const members = groups.get(k)!.sort((a, bb) => nodes[bb].strength - nodes[a].strength || (nodes[a].id < nodes[bb].id ? -1 : 1));
    const rad = radiusOf(members.length);
    const share = keys.length > 1 ? (2 * Math.PI * rad) / (2 * total) : 0;
    angle += share;
    const cx = ring * Math.cos(angle), cy = ring * Math.sin(angle);
    angle += share;
    members.forEach((i, j) => {
      const rr = 6 * Math.sqrt(j);
      out[i] = { x: Number((cx + rr * Math.cos(j * golden)).toFixed(2)), y: Number((cy + rr * Math.sin(j * golden)).toFixed(2)) };
    });
  }
  return out;
}

/** Community index by node, renumbered by size (largest = 0), singletons −1; and how many non-singleton communities. */
function rankCommunities(communityOf: Map<number, number>): { rank: Map<number, number>; count: number } {
  const sizes = new Map<number, number>();
  for (const cm of communityOf.values()) sizes.set(cm, (sizes.get(cm) ?? 0) + 1);
  const order = [...sizes.entries()].filter(([, s]) => s > 1).sort((a, bb) => bb[1] - a[1] || a[0] - bb[0]).map(([cm]) => cm);
  return { rank: new Map(order.map((cm, k) => [cm, k])), count: order.length };
}

export async function networkChart(ctx: Context, c: DiagnosedCandidate, o: ResolvedOptions): Promise<{ chart: Chart<NetworkData>; leaders: Set<string> }> {
  const none = (reason: Bilingual): { chart: Chart<NetworkData>; leaders: Set<string> } => ({ chart: unavailable(reason), leaders: new Set() });
  const loaded = ctx.network;
  if (!loaded) return none(NO_NETWORK);
  const net = loaded.net;
  const inside = new Uint8Array(net.ids.length);
  let count = 0;
  const mark = (node: number | undefined): void => {
    if (node === undefined || node < 0 || inside[node]) return;
    inside[node] = 1;
    count++;
  };
  for (const id of c.firmIds) { const k = ctx.firmIndex.get(id); if (k !== undefined) mark(ctx.firmNode[k]); }
  for (const id of c.institutionIds) mark(ctx.institutionNode.get(id));
  if (count < 2) return none(b('fewer than 2 of the candidate\'s firms and institutions are in the workspace', '候选内企业与机构少于 2 个'));
  let arcs = 0;
  for (let k = 0; k < net.source.length; k++) if (inside[net.source[k]] && inside[net.target[k]]) arcs++;
  if (arcs === 0) return none(b('no links among the candidate\'s firms and institutions', '候选内企业与机构之间没有联系'));
  const sub: FirmNetwork = { ...net, inside };
  let deg: ReturnType<typeof degreeCentrality>;
  let lv: ReturnType<typeof louvainCommunities>;
  try {
    deg = degreeCentrality(sub, { scope: 'inside', weight: 'count' });
    lv = louvainCommunities(sub, { scope: 'inside', weight: 'count', seed: o.seed });
  } catch (e) {
    return none(notComputed(e, 'network measures not computed', '无法计算网络指标'));
  }
  const strength = new Map<number, number>();
  deg.value.nodes.forEach((node, p) => strength.set(node, deg.value.inStrength[p] + deg.value.outStrength[p]));
  const communityOf = new Map<number, number>();
  lv.value.nodes.forEach((node, p) => communityOf.set(node, lv.value.community[p]));
  const { rank, count: communities } = rankCommunities(communityOf);
  const all = [...strength.keys()];
  const firmsByStrength = all.filter((i) => net.kind[i] === 0).sort((a, bb) => strength.get(bb)! - strength.get(a)! || (net.ids[a] < net.ids[bb] ? -1 : 1));
  const leaders = new Set(firmsByStrength.filter((i) => strength.get(i)! > 0).slice(0, o.leaders).map((i) => net.ids[i]));
  const institutions = all.filter((i) => net.kind[i] === 1);
  const keep = [...institutions, ...firmsByStrength].slice(0, Math.max(o.maxNetworkNodes, institutions.length));
  const kept = new Set(keep);
  const names = await namesOf(ctx, keep.map((i) => net.ids[i]));
  const nodeBase = keep.map((i) => ({
    id: net.ids[i], name: names.get(net.ids[i]) ?? null, kind: net.kind[i] === 1 ? 'institution' as const : 'firm' as const,
    institutionType: net.institutionType[i], community: rank.get(communityOf.get(i) ?? -1) ?? -1, leader: leaders.has(net.ids[i]), strength: strength.get(i) ?? 0,
  }));
  const pos = layout(nodeBase);
  const nodes = nodeBase.map((n, k) => ({ ...n, ...pos[k] }));
  const links: NetworkData['links'] = [];
  for (let k = 0; k < net.source.length; k++) {
    const s = net.source[k], t = net.target[k];
    if (kept.has(s) && kept.has(t) && s !== t) links.push({ source: net.ids[s], target: net.ids[t], type: LINK_TYPES[net.type[k]] ?? String(net.type[k]), value: num(net.value[k]) });
  }
  const notes: Bilingual[] = [];
  if (links.length > MAX_LINKS) {
    notes.push(b(`drawing ${MAX_LINKS} of ${links.length} links`, `绘制 ${links.length} 条联系中的 ${MAX_LINKS} 条`));
    links.length = MAX_LINKS;
  }
  if (keep.length < all.length) notes.push(b(`showing the ${keep.length} most connected of ${all.length} nodes`, `显示 ${all.length} 个节点中联系最多的 ${keep.length} 个`));
  return {
    chart: {
      available: true,
      data: { nodes, links, communities, modularity: num(lv.value.modularity), leaders: [...leaders], totalNodes: all.length },
      params: { communities: 'Louvain', resolution: 1, seed: o.seed, weight: 'link count', leaders: o.leaders },
      source: b('links among the candidate\'s firms and institutions', '候选内企业与机构之间的联系'),
      notes,
    },
    leaders,
  };
}
