/**
 * The files `analyze` writes from the report data: results.json (`buildResults`, schema
 * results-schema.ts), the GeoJSON layers, the CSV tables and report.html (`writeOutputs`).
 *
 * They are written as one set (`commitOutputs`): every file is first written whole into a fresh
 * staging directory `.cluster-atlas-analyze/next-<token>/`, then moved into place by renames
 * alone (milliseconds, no computation between them), then the outputs of the previous run that
 * this run no longer produces are removed, and `.cluster-atlas-analyze/manifest.json`, naming the
 * files of this run, is written last. A failure or kill while computing or rendering leaves the
 * previous outputs untouched; the next run rewrites every file. Removed are only files named in
 * our previous manifest (or, for outputs older than manifests, in the previous cache's results)
 * and shaped like our outputs; a file we never wrote is never deleted.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { csvLine, type CsvValue } from '../core/csv.js';
import type { DiagnosedCandidate } from '../diagnose/candidate.js';
import { LABELS } from '../report/i18n.js';
import { renderReport } from '../report/render.js';
import type { Bilingual, Chart, MapRegion, ReportData, ReportLang } from '../report/types.js';
import { RESULTS_FORMAT, RESULTS_VERSION, type CandidateResult, type Results } from './results-schema.js';

/** Write a file atomically (temp file + rename). */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, 'utf8');
  renameSync(tmp, path);
}

/** CSV with a UTF-8 BOM (Excel opens Chinese text correctly); cells through `csvLine` (formula-safe). */
function csv(header: string[], rows: CsvValue[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => csvLine(r)).join('\n')}\n`;
}

function summaryOf<D, S>(chart: Chart<D>, pick: (d: D) => S): { available: boolean; reason: Bilingual | null; data: S | null } {
  return chart.available ? { available: true, reason: null, data: pick(chart.data) } : { available: false, reason: chart.reason, data: null };
}

/** results.json from the report data and the diagnosed candidates. */
export function buildResults(data: ReportData, candidates: readonly DiagnosedCandidate[], meta: { key: string; project: { name: string | null; file: string }; thresholds: Record<string, number>; files: Results['files']; warnings: string[] }): Results {
  const byId = new Map(candidates.map((c) => [c.id, c]));
  const finite = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);
  const out: CandidateResult[] = data.candidates.map((r) => {
    const c = byId.get(r.id)!;
    const ind: Record<string, number | boolean | null> = {};
    for (const [k, v] of Object.entries(c.indicators)) ind[k] = typeof v === 'number' ? finite(v) : typeof v === 'boolean' ? v : null;
    return {
      id: r.id, name: r.name, industries: r.industries,
      place: { kind: c.place.kind, regions: c.place.regions, park: c.place.park, center: c.place.center, radiusKm: finite(c.place.radiusKm), hull: c.place.hull },
      firms: c.firms, employment: c.employment, firmIds: c.firmIds, institutionIds: c.institutionIds,
      verdict: r.verdict, scores: r.radar.scores, typology: r.typology.typology, role: r.role, indicators: ind, evidence: r.evidence,
      measures: {
        map: summaryOf(r.map, (d) => {
          const counts: Record<string, number> = {};
          for (const x of d.regions) if (x.lisa) counts[x.lisa] = (counts[x.lisa] ?? 0) + 1;
          return { moranI: d.moranI, regionsInView: d.regions.length, lisaCounts: counts };
        }),
        lorenz: summaryOf(r.lorenz, (d) => ({ gini: d.gini, firms: d.firms, population: d.population, share: d.share })),
        kDensity: summaryOf(r.kDensity, (d) => ({
          localised: d.localised, bandwidthKm: d.bandwidth, simulations: data.parameters.simulations, alpha: data.parameters.alpha, seed: data.seed,
          departures: d.departures, r: d.r, value: d.value, globalLower: d.globalLower, globalUpper: d.globalUpper,
        })),
        network: summaryOf(r.network, (d) => ({ nodes: d.totalNodes, links: d.links.length, communities: d.communities, modularity: d.modularity, leaders: d.leaders })),
        chain: summaryOf(r.chain, (d) => ({
          template: d.template, completeness: d.completeness, missing: d.missing, weak: d.weak, radiusKm: d.radiusKm,
          stages: d.stages.map((s) => ({ id: s.id, name: s.name, role: s.role, order: s.order, firmsInside: s.firmsInside, status: s.status })),
        })),
        shiftShare: summaryOf(r.shiftShare, (d) => ({ baseYear: d.baseYear, finalYear: d.finalYear, industries: d.industries, nationalGrowth: d.nationalGrowth, total: d.total, rows: d.rows })),
        categories: summaryOf(r.categories, (d) => d),
      },
    } as CandidateResult;
  });
  const p = data.parameters;
  return {
    format: RESULTS_FORMAT, version: RESULTS_VERSION, generator: data.generator, generatedAt: data.generatedAt,
    project: meta.project, key: meta.key,
    parameters: { seed: data.seed, simulations: p.simulations, permutations: p.permutations, alpha: p.alpha, weights: p.weights, kdRmaxKm: p.kdRmaxKm, chainRadiusKm: p.chainRadiusKm, thresholds: meta.thresholds },
    inputs: data.inputs,
    candidates: out,
    portfolio: data.portfolio.available
      ? { available: true, reason: null, data: { referenceGrowth: data.portfolio.data.referenceGrowth, points: data.portfolio.data.points.map((x) => ({ id: x.id, lq: x.lq, growth: x.growth, employment: x.employment, label: x.label })) } }
      : { available: false, reason: data.portfolio.reason, data: null },
    categories: summaryOf(data.categories, (d) => ({
      source: d.source, year: d.year, baseYear: d.baseYear, regionLevel: d.regionLevel,
      strong: d.regions.flatMap((r) => r.cells.filter((c) => c[4] !== null && c[4] >= 1 && c[1] !== null).map((c) => ({
        region: r.code, category: d.categories[c[0]].code, name: d.categories[c[0]].name, lq: c[1] as number, employment: c[2], growth: c[3], strong10: c[4] === 2,
      }))),
    })),
    files: meta.files,
    warnings: meta.warnings,
  };
}

function feature(geometry: unknown, properties: Record<string, unknown>): Record<string, unknown> {
  return { type: 'Feature', geometry, properties };
}

function collection(features: unknown[]): string {
  return `${JSON.stringify({ type: 'FeatureCollection', features })}\n`;
}

/** The directory of analyze's own state inside DIR: cache, manifest, lock, staging. */
export const STATE_DIR = '.cluster-atlas-analyze';
const MANIFEST = `${STATE_DIR}/manifest.json`;
const MANIFEST_FORMAT = 'cluster-atlas-analyze-manifest/1';
/** The only shapes of path a previous manifest may name for removal. */
const OUTPUT_PATH = /^(report\.html|results\.json|(layers|tables)\/[^/\\]+\.(geojson|csv))$/;

/** One file of the output set: its path relative to DIR and its text. */
export interface OutputFile {
  rel: string;
  text: string;
}

/** The outputs the previous run wrote, from its manifest, or from its cache for older outputs. */
function previousOutputs(out: string): string[] {
  const read = (rel: string): unknown => {
    try { return JSON.parse(readFileSync(join(out, rel), 'utf8')); } catch { return null; }
  };
  const manifest = read(MANIFEST) as { format?: string; files?: unknown } | null;
  if (manifest?.format === MANIFEST_FORMAT && Array.isArray(manifest.files)) return manifest.files.filter((f): f is string => typeof f === 'string');
  const cache = read(`${STATE_DIR}/cache.json`) as { results?: { files?: { report?: unknown; geojson?: unknown; csv?: unknown } } } | null;
  const f = cache?.results?.files;
  if (!f) return [];
  return ['results.json', f.report, ...(Array.isArray(f.geojson) ? f.geojson : []), ...(Array.isArray(f.csv) ? f.csv : [])].filter((x): x is string => typeof x === 'string');
}

/**
 * Write `files` (and the hidden `state` files: the cache) into `out` as one set, as described in
 * the header; `stagingId` names the staging directory (the token of the run's lock).
 */
export function commitOutputs(out: string, files: readonly OutputFile[], state: readonly OutputFile[], stagingId: string): void {
  const staging = join(out, STATE_DIR, `next-${stagingId}`);
  const all = [...files, ...state];
  mkdirSync(join(out, STATE_DIR), { recursive: true });
  mkdirSync(staging);
  try {
    for (const f of all) {
      mkdirSync(dirname(join(staging, f.rel)), { recursive: true });
      writeFileSync(join(staging, f.rel), f.text, { encoding: 'utf8', flag: 'wx' });
    }
    for (const f of all) {
      mkdirSync(dirname(join(out, f.rel)), { recursive: true });
      renameSync(join(staging, f.rel), join(out, f.rel));
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  const now = new Set(files.map((f) => f.rel));
  for (const rel of previousOutputs(out)) {
    if (now.has(rel) || !OUTPUT_PATH.test(rel)) continue;
    const path = join(out, rel);
    if (existsSync(path) && lstatSync(path).isFile()) rmSync(path);
  }
  writeAtomic(join(out, MANIFEST), `${JSON.stringify({ format: MANIFEST_FORMAT, files: files.map((f) => f.rel) }, null, 2)}\n`);
}

/**
 * Render report.html, results.json, the GeoJSON layers and the CSV tables and write them with
 * `state` (the cache) through `commitOutputs`; returns the files (relative to out).
 */
export function writeOutputs(out: string, lang: ReportLang, data: ReportData, results: Results, regions: Record<string, MapRegion[]>, options: { state?: OutputFile[]; stagingId: string }): string[] {
  const planned: OutputFile[] = [];
  const files: string[] = [];
  const put = (rel: string, text: string): void => { planned.push({ rel, text }); files.push(rel); };
  // GeoJSON layers
  const featureOf = new Map((data.regions?.features ?? []).map((f) => [f.properties.code, f]));
  for (const c of data.candidates) {
    const rows = regions[c.id] ?? [];
    // boundarySource: present on polygons drawn from the built-in base map (the dashboard captions them)
    put(`layers/regions-${c.id}.geojson`, collection(rows.filter((r) => featureOf.has(r.code)).map((r) => feature(featureOf.get(r.code)!.geometry, {
      code: r.code, name: r.name, candidate: c.id, lq: r.lq, lisa: r.lisa, lisa_p: r.pValue, in_candidate: r.inCandidate,
      ...(featureOf.get(r.code)!.properties.boundarySource ? { boundarySource: featureOf.get(r.code)!.properties.boundarySource } : {}),
    }))));
  }
  put('layers/candidates.geojson', collection(data.candidates.filter((c) => c.place.center).map((c) => feature({ type: 'Point', coordinates: c.place.center }, {
    id: c.id, name_zh: c.name.zh, name_en: c.name.en, label: c.verdict.label, label_zh: LABELS[c.verdict.label]?.zh ?? c.verdict.label, label_en: LABELS[c.verdict.label]?.en ?? c.verdict.label,
    stage: c.verdict.stage, radiation: c.verdict.radiation, firms: c.firms, employment: c.employment, radius_km: c.place.radiusKm,
  }))));
  put('layers/candidate-hulls.geojson', collection(results.candidates.filter((c) => c.place.hull).map((c) => feature({ type: 'Polygon', coordinates: [c.place.hull] }, {
    id: c.id, name_zh: c.name.zh, name_en: c.name.en, label: c.verdict.label, kind: c.place.kind, firms: c.firms,
  }))));
  put('layers/parks.geojson', collection((data.parks?.features ?? []).map((f) => feature(f.geometry, { id: f.properties.code, name: f.properties.name }))));
  // CSV tables
  put('tables/candidates.csv', csv(
    ['id', 'name_zh', 'name_en', 'label', 'stage', 'radiation', 'industries', 'regions', 'park', 'firms', 'employment', 'lq', 'gini', 'kd_localised', 'communities', 'chain_completeness', 'chain_missing'],
    results.candidates.map((c) => [
      c.id, c.name.zh, c.name.en, c.verdict.label, c.verdict.stage, c.verdict.radiation, c.industries.map((i) => i.code).join(';'), c.place.regions.join(';'), c.place.park,
      c.firms, c.employment, c.indicators.lq ?? null, c.measures.lorenz.data?.gini ?? null, c.measures.kDensity.data?.localised ?? null,
      c.measures.network.data?.communities ?? null, c.measures.chain.data?.completeness ?? null, c.measures.chain.data?.missing.join(';') ?? null,
    ]),
  ));
  for (const c of results.candidates) {
    put(`tables/evidence-${c.id}.csv`, csv(
      ['candidate', 'section', 'rule', 'indicator', 'value', 'comparison', 'threshold', 'threshold_name', 'pass'],
      [...c.evidence.map((r) => ['diagnosis', r] as const), ...c.role.rows.map((r) => ['role', r] as const)].map(([section, r]) => [
        c.id, section, r.rule, r.indicator, r.value, r.comparison, r.threshold, r.thresholdName ?? '', r.pass === null ? '' : r.pass,
      ]),
    ));
  }
  if (data.categories.available) {
    const d = data.categories.data;
    put('tables/categories.csv', csv(
      ['region', 'region_name', 'category', 'category_name', 'type', 'year', 'employment', 'growth', 'lq', 'strong'],
      d.regions.flatMap((r) => r.cells.map((c) => {
        const cat = d.categories[c[0]];
        return [r.code, r.name, cat.code, cat.name, cat.type, d.year, c[2], c[3], c[1], c[4] === null ? '' : c[4] === 2 ? 'strong10' : c[4] === 1 ? 'strong' : ''];
      })),
    ));
  }
  results.files = { report: 'report.html', geojson: files.filter((f) => f.endsWith('.geojson')), csv: files.filter((f) => f.endsWith('.csv')) };
  put('results.json', `${JSON.stringify(results, null, 2)}\n`);
  put('report.html', renderReport(data, lang));
  commitOutputs(out, planned, options.state ?? [], options.stagingId);
  return files;
}

