/**
 * Test fixture of the report and analyze tests: the demo scenario (seed 42, scale 1) written and
 * ingested into a temp dir, and hand-made DiagnosedCandidates built from its answer key
 * (truth.json, truth_firms.csv) — the planted structures with indicators chosen by hand so the
 * rules give each its planted label — standing in for `diagnoseWorkspace` until it lands.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnoseIndicators } from '../src/diagnose/index.js';
import type { DiagnosedCandidate } from '../src/diagnose/candidate.js';
import type { Indicators } from '../src/diagnose/indicators.js';
import { ingest } from '../src/io/ingest.js';
import { convexHull } from '../src/measures/pointpattern/footprints.js';
import { generateScenario, writeScenario } from '../src/scenario/index.js';

export const NOW = () => new Date('2026-06-01T00:00:00Z');

/** Write and ingest the demo into a fresh temp dir; returns the dir (project file inside). */
export async function demoProject(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-report-'));
  await writeScenario(generateScenario(42, { scale: 1 }), dir);
  await ingest({ project: join(dir, 'cluster-atlas.json'), now: NOW });
  return dir;
}

function csv(path: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(cols.map((c, k) => [c, cells[k] ?? '']));
  });
}

/** Indicators per planted label, chosen so the rules reproduce it. */
const BY_LABEL: Record<string, Partial<Indicators>> = {
  cluster: {
    cr4: 0.12, hhi: 0.01, cr1: 0.04, lq: 6, egGamma: 0.08, egPValue: 0.001, kdLocalised: true, chainLinksPerFirm: 1.2, chainStagesLinked: 3,
    parkShare: 0.05, externalShare: 0.1, outflowShare: 0.2, dominantFieldShare: 0.8, localTiesPerFirm: 2.4, localLinkShare: 0.7,
    institutionTypes: 5, institutionLinkedShare: 0.6, localOwnershipShare: 0.85, smeShare: 0.9, supplierShare: 0.5,
    innovationTiesPerFirm: 0.3, patentsPerFirm: 4, benchmarkPatentsPerFirm: 1.5, rndShare: 0.3, memberShare: 0.6, spinoffShare: 0.1,
    entryRate: 0.05, technologyShare: 0.1, resourceShare: 0, highTechShare: 0, rdIntensity: 0.02, stateShare: 0, affiliateShare: 0.1,
    smeEmploymentShare: 0.7, techInflow: 2, techOutflow: 5, leaders: 5, leaderLocalTies: 40, oemInboundShare: 0.1, brandShare: 0.2,
  },
  park_without_cluster: {
    cr4: 0.4, hhi: 0.08, cr1: 0.15, lq: 3, egGamma: 0.05, kdLocalised: true, parkShare: 0.9, externalShare: 0.85, outflowShare: 0.8,
    dominantFieldShare: 0.9, localTiesPerFirm: 0.1, localLinkShare: 0.05, institutionTypes: 0, institutionLinkedShare: 0, localOwnershipShare: 0.1,
    smeShare: 0.5, supplierShare: 0.05, foundedAfterDesignationShare: 0.9, stateShare: 0, highTechShare: 0.8, technologyShare: 0.8,
  },
  concentration_only: { cr4: 0.8, hhi: 0.3, cr1: 0.4, lq: 0.9, kdLocalised: false, chainLinksPerFirm: 0.1, chainStagesLinked: 1, dominantFieldShare: 0.9 },
  chain_without_agglomeration: { cr4: 0.5, hhi: 0.1, lq: 0.8, kdLocalised: false, chainLinksPerFirm: 2, chainStagesLinked: 3 },
  agglomeration_without_cluster: { cr4: 0.05, hhi: 0.004, lq: 5, egGamma: 0.06, egPValue: 0.001, kdLocalised: true, localTiesPerFirm: 0.1, localLinkShare: 0.1, dominantFieldShare: 0.95, smeShare: 0.95, supplierShare: 0.02 },
};
BY_LABEL.park_hosting_cluster = { ...BY_LABEL.cluster, parkShare: 0.95, foundedAfterDesignationShare: 0.3 };

/** The planted structures of the demo as diagnosed candidates (C01…), in truth.json order. */
export function handMadeCandidates(dir: string): DiagnosedCandidate[] {
  const truth = JSON.parse(readFileSync(join(dir, 'truth.json'), 'utf8')) as {
    structures: { id: string; name: { zh: string; en: string }; label: string; industries: string[]; place: { regions: string[]; park: string | null; center: [number, number]; radiusKm: number }; institutions: string[]; growth?: number }[];
  };
  const members = new Map<string, string[]>();
  for (const r of csv(join(dir, 'truth_firms.csv'))) {
    const list = members.get(r.structure) ?? [];
    list.push(r.firm);
    members.set(r.structure, list);
  }
  const firms = new Map(csv(join(dir, 'firms.csv')).map((f) => [f['企业代码'], { lon: Number(f['经度']), lat: Number(f['纬度']), employees: Number(f['从业人员']) }]));
  return truth.structures.map((s, k) => {
    const ids = [...(members.get(s.id) ?? [])].sort();
    const pts = ids.map((id) => firms.get(id)).filter((f) => f && Number.isFinite(f.lon)) as { lon: number; lat: number; employees: number }[];
    const hull = convexHull(pts.map((p) => [p.lon, p.lat]));
    const employment = pts.reduce((a, p) => a + (Number.isFinite(p.employees) ? p.employees : 0), 0);
    const id = `C${String(k + 1).padStart(2, '0')}`;
    const indicators: Indicators = { firms: ids.length, employment, ...(BY_LABEL[s.label] ?? {}) };
    const diagnosis = diagnoseIndicators(s.name.en, indicators);
    const sentence = { zh: `${s.name.zh}：就业增长 ${((s.growth ?? 0) * 100).toFixed(1)}%。`, en: `${s.name.en}: employment growth ${((s.growth ?? 0) * 100).toFixed(1)}%.` };
    return {
      id, name: s.name, industries: s.industries,
      place: { kind: s.place.park ? 'park' : 'region', regions: s.place.regions, park: s.place.park, hull: hull.length >= 3 ? [...hull, hull[0]] : null, center: s.place.center, radiusKm: s.place.radiusKm },
      firms: ids.length, employment, firmIds: ids, institutionIds: s.institutions ?? [], indicators, diagnosis,
      role: {
        pillar: s.label === 'cluster', employmentShare: 0.2, outputShare: null, growth: s.growth ?? null, competitiveEffect: null, relativeProductivity: null,
        entryRate: null, snowball: false, spinoffShare: null, innovationRatio: null, institutionsPer100Firms: null, rows: [], sentence,
      },
    } satisfies DiagnosedCandidate;
  });
}
