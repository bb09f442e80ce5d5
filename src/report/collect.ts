/**
 * collectReportData: the chart data of the report for a list of diagnosed candidates, computed
 * on the workspace with the measure functions (nothing here re-implements a measure). This file
 * orchestrates; the work is in src/report/collect/:
 *
 * - context.ts — every read of the workspace (firms, polygons, network, templates, statistics);
 * - group-lq.ts — the LQ map of an industry group (`groupRegionMatrix` → `locationQuotient`) and
 *   its LISA classes (`moranLocal`), Moran's I (`moran`);
 * - map.ts, lorenz.ts, k-density.ts, network.ts, chain.ts, shift-share.ts, portfolio.ts,
 *   categories.ts — one module per chart.
 *
 * The numbers the diagnosis has (LQ, CR4, HHI, EG γ: its indicators and evidence rows) are shown
 * as the diagnosis computed them, never recomputed here.
 *
 * Missing inputs (no regional statistics, no chain templates, no coordinates, too few firms…) and
 * measures refusing the data (`InputError`) make that chart `{ available: false, reason }` with
 * the condition named; any other exception propagates (a bug: the CLI's internal error, exit 2).
 * Deterministic for a given workspace, candidates and seed.
 */
import { VERSION } from '../core/version.js';
import { workerPool } from '../runtime/simulation-worker.js';
import type { DiagnosedCandidate } from '../diagnose/candidate.js';
import type { Workspace } from '../store/workspace.js';
import { candidateCategories, loadCategoryContext, type CategoryContext } from './collect/categories.js';
import { chainChart } from './collect/chain.js';
import { candidateFirms, industryName, loadContext, tableExists, type Context } from './collect/context.js';
import { groupLq } from './collect/group-lq.js';
import { kDensityChart } from './collect/k-density.js';
import { lorenzChart } from './collect/lorenz.js';
import { mapChart, mapRegion, regionCorners } from './collect/map.js';
import { networkChart } from './collect/network.js';
import { resolveOptions, type CollectOptions, type ResolvedOptions } from './collect/options.js';
import { addToPortfolio, newPortfolio, portfolioChart } from './collect/portfolio.js';
import { pathChart } from './collect/path.js';
import { shiftShareChart } from './collect/shift-share.js';
import { bboxOf, cleanRow, num } from './collect/util.js';
import { REPORT_DATA_VERSION, type AreaCollection, type CandidateReport, type ReportData } from './types.js';

export type { CollectOptions } from './collect/options.js';
export { KD_MAX_REFERENCE } from './collect/k-density.js';

async function candidateReport(ctx: Context, c: DiagnosedCandidate, o: ResolvedOptions, options: CollectOptions, cats: CategoryContext | null): Promise<CandidateReport> {
  const firms = candidateFirms(ctx, c);
  const lq = groupLq(ctx, c.industries, o);
  const net = await networkChart(ctx, c, o);
  const d = c.diagnosis;
  const report: CandidateReport = {
    id: c.id, name: c.name,
    industries: c.industries.map((code) => ({ code, name: industryName(ctx, code) })),
    place: { kind: c.place.kind, regions: c.place.regions, park: c.place.park, center: c.place.center, radiusKm: num(c.place.radiusKm) },
    firms: c.firms, employment: c.employment,
    verdict: {
      label: d.concepts.label, stage: d.stage.stage, radiation: d.radiation.level, sentence: d.sentence,
      concepts: { concentration: d.concepts.concentration.holds, agglomeration: d.concepts.agglomeration.holds, chain: d.concepts.chain.holds, park: d.concepts.park.holds, cluster: d.concepts.cluster.holds },
    },
    evidence: d.evidence.map(cleanRow),
    role: { pillar: c.role.pillar, growth: num(c.role.growth), employmentShare: num(c.role.employmentShare), sentence: c.role.sentence, rows: c.role.rows.map(cleanRow) },
    radar: { scores: Object.fromEntries(Object.entries(d.stage.scores).map(([key, v]) => [key, num(v)])) as CandidateReport['radar']['scores'] },
    typology: { typology: d.typology.typology, rows: d.typology.rows.map(cleanRow) },
    map: mapChart(ctx, c, firms, lq, net.leaders, o),
    lorenz: lorenzChart(firms),
    kDensity: await kDensityChart(ctx, c, o),
    network: net.chart,
    chain: chainChart(ctx, c, firms, o),
    shiftShare: shiftShareChart(ctx, c),
    path: pathChart(c, options.paths),
    categories: candidateCategories(ctx, cats, c),
  };
  if (options.onRegions) {
    const own = new Set(c.place.regions);
    options.onRegions(c.id, [...ctx.regions, ...ctx.outline].map((r) => mapRegion(r, lq, own)));
  }
  return report;
}

export async function collectReportData(ws: Workspace, candidates: readonly DiagnosedCandidate[], options: CollectOptions = {}): Promise<ReportData> {
  const o = resolveOptions(options);
  const ctx = await loadContext(ws);
  const cats = await loadCategoryContext(ws, ctx, options.categories);
  const reports: CandidateReport[] = [];
  const portfolio = newPortfolio(ctx.stats);
  // one pool of threads for every candidate's simulations (started once, not per candidate)
  const pool = o.threads > 1 && o.simulations > 1 ? workerPool({ threads: o.threads }) : null;
  ctx.runner = pool ? pool.run : null;
  try {
    for (const [k, c] of candidates.entries()) {
      const report = await candidateReport(ctx, c, o, options, cats);
      reports.push(report);
      addToPortfolio(portfolio, c, report.shiftShare);
      options.onProgress?.(k + 1, candidates.length);
    }
  } finally {
    await pool?.close();
  }
  const allPoints = candidates.flatMap((c) => (c.place.center ? [c.place.center] : []));
  const regionBox = regionCorners([...ctx.regions, ...ctx.outline]);
  const inputs = (await tableExists(ws, 'ingest_inputs')) ? await ws.all<{ kind: string; file: string; sha256: string }>('SELECT kind, file, sha256 FROM ingest_inputs ORDER BY kind') : [];
  const project = await ws.all<{ value: string }>("SELECT value FROM meta WHERE key = 'project'");
  const projectName = project.length ? (JSON.parse(project[0].value) as { name?: string }).name ?? null : null;
  return {
    version: REPORT_DATA_VERSION,
    title: options.title ?? (projectName ? { zh: projectName, en: projectName } : { zh: '产业集群诊断报告', en: 'Industrial cluster report' }),
    generatedAt: (options.now ?? (() => new Date()))().toISOString(),
    generator: { name: 'cluster-atlas', version: options.version ?? VERSION },
    seed: o.seed,
    parameters: { simulations: o.simulations, permutations: o.permutations, alpha: o.alpha, weights: o.weights, kdRmaxKm: o.kdRmaxKm, chainRadiusKm: o.chainRadiusKm },
    inputs: inputs.map((i) => ({ kind: i.kind, file: i.file, sha256: i.sha256 })),
    regions: ctx.regionFeatures.length ? { type: 'FeatureCollection', features: ctx.regionFeatures } : null,
    parks: ctx.parks.length ? { type: 'FeatureCollection', features: ctx.parks.map((p) => ({ type: 'Feature', properties: { code: p.id, name: p.name }, geometry: { type: 'Polygon', coordinates: [p.ring] } })) } as AreaCollection : null,
    overview: {
      candidates: candidates.map((c) => ({ id: c.id, name: c.name, label: c.diagnosis.concepts.label, stage: c.diagnosis.stage.stage, center: c.place.center, radiusKm: num(c.place.radiusKm), hull: c.place.hull, firms: c.firms, employment: c.employment })),
      bbox: bboxOf(regionBox.length ? regionBox : allPoints),
    },
    portfolio: portfolioChart(portfolio, candidates.length, ctx.stats),
    categories: cats?.chart ?? { available: false, reason: { en: 'the project declares no cluster categories (a "categories" block: see docs/classifications.md)', zh: '项目未声明集群类别（"categories"，见 docs/classifications.md）' } },
    candidates: reports,
    warnings: [...new Set(ctx.warnings)],
  };
}
