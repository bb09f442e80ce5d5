import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPlan } from './helpers.js';
import { adjustedRandIndex } from '../src/core/adjusted-rand-index.js';
import { haversineKm } from '../src/core/geo/haversine-km.js';
import { ingest } from '../src/io/ingest.js';
import { generateScenario, writeScenario } from '../src/scenario/index.js';
import { loadChainFirms } from '../src/load/chain-firms.js';
import { loadChainTemplates } from '../src/load/firm-network.js';
import { openWorkspace } from '../src/store/workspace.js';
import { planClusterNetwork, type ClusterNetworkResult } from '../src/plan/cluster-network/index.js';
import { hubRegions } from '../src/plan/regionalisation/hub-regions.js';

// The demo scenario exactly as `cluster-atlas demo` writes it (seed 42, scale 1). The code under
// test reads only the workspace; this test alone reads truth.json / truth_firms.csv.
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'atlas-plan-network-'));
  await writeScenario(generateScenario(42, { scale: 1 }), dir);
  await ingest({ project: join(dir, 'cluster-atlas.json') });
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const plan = runPlan;

/** Planted group of each pork firm: firms are generated group by group with consecutive ids,
 * starting at each group's first leader plant; the headquarters (before them) belongs to East. */
function plantedGroups(): Map<string, string> {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8'));
  const pork = truth.structures.find((s: { id: string }) => s.id === 'pork-regional-clusters');
  const starts = (pork.groups as { id: string; leaderPlants: string[] }[]).map((g) => ({ id: g.id, first: g.leaderPlants[0] })).sort((a, b) => a.first.localeCompare(b.first));
  const rows = readFileSync(join(dir, 'truth_firms.csv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
  const out = new Map<string, string>();
  for (const [firm, structure, role] of rows) {
    if (structure !== 'pork-regional-clusters') continue;
    if (role === 'headquarters') { out.set(firm, 'east'); continue; }
    const g = starts.filter((s) => s.first <= firm).pop();
    out.set(firm, g!.id);
  }
  return out;
}

describe('plan network on the demo: the seven planted pork groups (Yurun model)', () => {
  let result: ClusterNetworkResult;
  it('recovers the planted groups (adjusted Rand index ≥ 0.9) with k chosen automatically', async () => {
    const { out } = await plan(['network', '--project', join(dir, 'cluster-atlas.json'), '--chain', 'pork-yurun']);
    result = JSON.parse(out);
    const planted = plantedGroups();
    expect(planted.size).toBe(1212); // truth.json: firmCount of pork-regional-clusters
    const ours: string[] = []; const theirs: string[] = [];
    for (const [firm, g] of planted) { ours.push(result.assignment[firm]); theirs.push(g); }
    expect(ours.every((g) => g !== undefined)).toBe(true); // every planted firm was regionalised
    expect(result.groups).toHaveLength(7);
    expect(adjustedRandIndex(ours, theirs)).toBeGreaterThanOrEqual(0.9);
    // each group's hub lies within 100 km of a distinct planted hub, and every group closes the chain
    expect(result.groups.every((g) => g.lacking.length === 0)).toBe(true);
    expect([...result.stages].sort()).toEqual(['breeding', 'cold-chain', 'farming', 'feed', 'machinery', 'packaging', 'planting', 'processing', 'retail', 'slaughter', 'vet-pharma']);
    const hubs = (JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')).structures.find((s: { id: string }) => s.id === 'pork-regional-clusters').groups as { id: string; hub: [number, number] }[]);
    const nearest = result.groups.map((g) => hubs.map((h) => ({ id: h.id, km: haversineKm(g.hub.lon, g.hub.lat, h.hub[0], h.hub[1]) })).sort((a, b) => a.km - b.km)[0]);
    expect(new Set(nearest.map((x) => x.id)).size).toBe(7);
    expect(Math.max(...nearest.map((x) => x.km))).toBeLessThan(100); // hubs are medians of all chain firms, background ones included
  });

  it('removing one stage\'s firms from one group reports exactly that group lacking that stage within 200 km', async () => {
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
    const template = (await loadChainTemplates(ws)).find((t) => t.id === 'pork-yurun')!;
    const firms = await loadChainFirms(ws, template.stages.flatMap((s) => s.industries));
    ws.close();
    const planted = plantedGroups();
    const base = planClusterNetwork(firms, template.stages);
    expect(base.groups.every((g) => g.lacking.length === 0)).toBe(true);
    for (const [plantedGroup, stage, code] of [['south', 'breeding', '0531'], ['northeast', 'vet-pharma', '2750'], ['southwest', 'slaughter', '1351']] as const) {
      // the group holding most of the planted group's firms
      const votes = new Map<string, number>();
      for (const [f, g] of planted) if (g === plantedGroup) votes.set(base.assignment[f], (votes.get(base.assignment[f]) ?? 0) + 1);
      const target = [...votes.entries()].sort((a, b) => b[1] - a[1])[0][0];
      const keep = firms.ids.map((id, i) => !(base.assignment[id] === target && firms.industry[i].startsWith(code)));
      expect(keep.filter((k) => !k).length).toBeGreaterThan(0);
      const cut = {
        ids: firms.ids.filter((_, i) => keep[i]), industry: firms.industry.filter((_, i) => keep[i]),
        lon: firms.lon.filter((_, i) => keep[i]), lat: firms.lat.filter((_, i) => keep[i]), weight: firms.weight.filter((_, i) => keep[i]),
      };
      const res = planClusterNetwork(cut, template.stages);
      const lacking = res.groups.filter((g) => g.lacking.length > 0);
      expect(lacking).toHaveLength(1);
      expect(lacking[0].lacking).toEqual([stage]);
      // it is the same group: it holds the planted group's firms
      const member = [...planted.entries()].find(([f, g]) => g === plantedGroup && keep[firms.ids.indexOf(f)])![0];
      expect(res.assignment[member]).toBe(lacking[0].id);
      expect(lacking[0].reach.find((r) => r.stage === stage)!.distanceKm!).toBeGreaterThan(200);
    }
  });

  it('table output lists the groups; --groups imposes k; bad options are clear errors', async () => {
    const { out } = await plan(['network', '--workspace', join(dir, '.cluster-atlas', 'workspace.duckdb'), '--chain', 'pork-yurun', '--groups', '3'], 'table');
    expect(out).toMatch(/^3 regional group\(s\) of \d+ chain firms/);
    expect(out.split('\n').filter((l) => /^G\d/.test(l))).toHaveLength(3);
    const proj = join(dir, 'cluster-atlas.json');
    await expect(plan(['network', '--project', proj, '--chain', 'nope'])).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'chain', value: 'nope' } });
    await expect(plan(['network', '--project', proj, '--chain', 'pork-yurun', '--industries', '0313'])).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'chain' } });
    await expect(plan(['network', '--project', proj, '--industries', '0313', '--radius', '-5'])).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'radius', value: '-5' } });
    await expect(plan(['network', '--project', proj, '--industries', '0313', '--groups', '2.5'])).rejects.toMatchObject({ code: 'E_OPTION', details: { field: 'groups' } });
    await expect(plan(['network', '--project', proj, '--industries', '9999'])).rejects.toMatchObject({ code: 'E_DEGENERATE' });
  });
});

describe('hubRegions on hand-built points', () => {
  // three tight blobs of 10 points 1000 km apart plus 3 stragglers: k = 3 by the within-radius rule
  const pts: [number, number][] = [];
  const centres: [number, number][] = [[110, 30], [120, 30], [115, 38]];
  centres.forEach(([x, y]) => { for (let t = 0; t < 10; t++) pts.push([x + 0.3 * Math.cos(t), y + 0.3 * Math.sin(t)]); });
  pts.push([105, 22], [125, 45], [100, 40]);
  const lon = Float64Array.from(pts, (p) => p[0]); const lat = Float64Array.from(pts, (p) => p[1]);
  const w = new Float64Array(pts.length).fill(1);
  it('recovers the blobs and chooses k = 3 (each straggler would hold 1/33 < 5 % within 200 km)', () => {
    const r = hubRegions(lon, lat, w);
    expect(r.k).toBe(3);
    expect(adjustedRandIndex(Array.from(r.groups.slice(0, 30)), [...Array(10).fill(0), ...Array(10).fill(1), ...Array(10).fill(2)])).toBe(1);
    expect(r.selection.find((s) => s.k === 4)!.accepted).toBe(false);
    // groups are numbered west to east by hub
    expect(Array.from(r.hubs, (h) => lon[h])).toEqual([...Array.from(r.hubs, (h) => lon[h])].sort((a, b) => a - b));
    expect(r.withinRadius[0]).toBeCloseTo(10 / 11, 12); // the (105, 22) straggler joins the western blob, > 200 km away
  });
  it('aggregates into cells above maxPoints, and sampled candidates still find the blobs', () => {
    const r = hubRegions(lon, lat, w, { maxPoints: 10, groups: 3 });
    expect(r.warnings.some((m) => /aggregated into \d+ cells/.test(m))).toBe(true);
    expect(adjustedRandIndex(Array.from(r.groups.slice(0, 30)), [...Array(10).fill(0), ...Array(10).fill(1), ...Array(10).fill(2)])).toBe(1);
    const s = hubRegions(lon, lat, w, { maxCandidates: 12, groups: 3, seed: 5 });
    expect(s.warnings.some((m) => /seeded sample of 12 of 33/.test(m))).toBe(true);
    expect(adjustedRandIndex(Array.from(s.groups.slice(0, 30)), [...Array(10).fill(0), ...Array(10).fill(1), ...Array(10).fill(2)])).toBe(1);
    expect(() => hubRegions(lon, lat, w, { maxPoints: 1 })).toThrow(expect.objectContaining({ code: 'E_OPTION', details: expect.objectContaining({ field: 'maxPoints' }) }));
  });
  it('bad input is named', () => {
    expect(() => hubRegions(Float64Array.of(1, Number.NaN), Float64Array.of(1, 2), Float64Array.of(1, 1))).toThrow(expect.objectContaining({ code: 'E_NOT_FINITE', details: expect.objectContaining({ row: 1 }) }));
    expect(() => hubRegions(lon, lat, w, { groups: 0 })).toThrow(expect.objectContaining({ code: 'E_OPTION', details: expect.objectContaining({ field: 'groups' }) }));
    expect(() => hubRegions(Float64Array.of(1), Float64Array.of(1), Float64Array.of(1))).toThrow(expect.objectContaining({ code: 'E_DEGENERATE' }));
  });
});
