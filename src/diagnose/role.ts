/**
 * Role in regional development (seed essays 1 and 2): how much of its regions' economy the
 * candidate is, whether it grows faster than its industries nationally, how productive it is,
 * whether it snowballs (new firms), spins off firms, innovates and is served by institutions.
 *
 * - employmentShare / outputShare: the candidate's employment (output) over its regions'
 *   (park candidates: over the park's); pillar when either ≥ pillarShare (支柱产业: value added
 *   above 5% of GDP, with output standing in for value added).
 * - growth: employment growth of the candidate's industries in its regions between the first
 *   and last years of the regional statistics; competitiveEffect: that growth minus the same
 *   industries' national growth (the shift-share competitive/regional effect as a rate).
 * - relativeProductivity: output per employee of the candidate over that of the same
 *   industries' firms outside it.
 * - entryRate (snowball when ≥ entryRate), spinoffShare, innovationRatio (patents per firm over
 *   the regions' other industries), institutionsPer100Firms.
 */
import type { Workspace } from '../store/workspace.js';
import type { RoleVerdict } from './candidate.js';
import type { Thresholds } from './config.js';
import type { DiagnosisData } from './data.js';
import type { RawCandidate } from './discover.js';
import { compare, type EvidenceRow } from './evidence.js';
import type { Indicators } from './indicators.js';
import type { MeasureContext, Place } from './measure.js';

const pct = (v: number | null): string => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);

interface StatsCells { region: string[]; industry: string[]; first: Float64Array; last: Float64Array }
const statsCache = new WeakMap<DiagnosisData, Promise<StatsCells | null>>();

/** Employment by region × industry in the first and last years of the regional statistics (read once per run). */
function statsCells(ws: Workspace, d: DiagnosisData): Promise<StatsCells | null> {
  let p = statsCache.get(d);
  if (p === undefined) {
    p = (async () => {
      if (!d.hasRegionalStats) return null;
      const reader = await ws.connection.runAndReadAll(
        `WITH y AS (SELECT min(year) AS y0, max(year) AS y1 FROM regional_stats WHERE employment IS NOT NULL)
         SELECT region, industry, sum(employment) FILTER (WHERE year = y0), sum(employment) FILTER (WHERE year = y1)
           FROM regional_stats, y WHERE employment IS NOT NULL AND (year = y0 OR year = y1) AND y0 < y1 GROUP BY region, industry`);
      const [region, industry, first, last] = reader.getColumns() as unknown[][];
      if (region.length === 0) return null;
      return {
        region: region as string[], industry: industry as string[],
        first: Float64Array.from(first, (v) => (v === null ? 0 : Number(v))), last: Float64Array.from(last, (v) => (v === null ? 0 : Number(v))),
      };
    })();
    statsCache.set(d, p);
  }
  return p;
}

async function growthOf(ws: Workspace, d: DiagnosisData, c: RawCandidate, place: Place): Promise<{ growth: number | null; national: number | null }> {
  const cells = await statsCells(ws, d);
  if (cells === null || place.regions.length === 0) return { growth: null, national: null };
  const codes = new Set(c.industries);
  const prefix = c.kind === 'industry' ? c.industries[0] : null;
  const regions = new Set(place.regions.map((r) => d.regions.code[r]));
  let l0 = 0, l1 = 0, n0 = 0, n1 = 0;
  for (let q = 0; q < cells.region.length; q++) {
    const ind = cells.industry[q];
    if (prefix !== null ? !ind.startsWith(prefix) : !codes.has(ind)) continue;
    n0 += cells.first[q]; n1 += cells.last[q];
    if (c.kind === 'industry' || regions.has(cells.region[q])) { l0 += cells.first[q]; l1 += cells.last[q]; }
  }
  return { growth: l0 > 0 ? l1 / l0 - 1 : null, national: n0 > 0 ? n1 / n0 - 1 : null };
}

export async function roleOf(ws: Workspace, ctx: MeasureContext, c: RawCandidate, place: Place, x: Indicators, institutions: number): Promise<RoleVerdict> {
  const { d, t } = ctx;
  let regionE = 0;
  let regionO = 0;
  let candO = 0;
  const member = new Uint8Array(d.firmCount);
  for (const k of c.firms) { member[k] = 1; const o = Number.isFinite(d.output[k]) ? d.output[k] : d.revenue[k]; if (Number.isFinite(o) && o > 0) candO += o; }
  // parks too are weighed against their host regions (the park's own total is the candidate)
  for (const r of place.regions) { regionE += ctx.regionEmp[r]; regionO += ctx.regionOutput[r]; }
  const E = x.employment ?? 0;
  const employmentShare = c.kind === 'industry' ? E / ctx.totalEmp : regionE > 0 ? E / regionE : null;
  const outputShare = c.kind === 'industry' ? null : regionO > 0 ? candO / regionO : null;
  // productivity against the same industries outside the candidate
  const industrySet = new Set<number>();
  for (const k of c.firms) if (d.industry[k] >= 0) industrySet.add(d.industry[k]);
  let outE = 0, outO = 0, inE = 0, inO = 0;
  for (const i of industrySet) {
    for (const k of ctx.byIndustry[i]) {
      const o = Number.isFinite(d.output[k]) ? d.output[k] : d.revenue[k];
      const e = d.employees[k];
      if (!(Number.isFinite(o) && o > 0 && e > 0)) continue;
      if (member[k]) { inE += e; inO += o; } else { outE += e; outO += o; }
    }
  }
  const relativeProductivity = inE > 0 && outE > 0 && outO > 0 ? (inO / inE) / (outO / outE) : null;
  const { growth, national } = await growthOf(ws, d, c, place);
  const competitiveEffect = growth !== null && national !== null ? growth - national : null;
  const patentRatio = x.patentsPerFirm !== undefined && x.benchmarkPatentsPerFirm !== undefined && x.benchmarkPatentsPerFirm > 0 ? x.patentsPerFirm / x.benchmarkPatentsPerFirm : null;
  const rows: EvidenceRow[] = [
    compare('role.pillar', 'employmentShare', employmentShare ?? undefined, '>=', 'pillarShare', t),
    compare('role.pillar', 'outputShare', outputShare ?? undefined, '>=', 'pillarShare', t),
    compare('role.snowball', 'entryRate', x.entryRate, '>=', 'entryRate', t),
  ];
  const pillar = rows[0].pass === true || rows[1].pass === true;
  const snowball = rows[2].pass === true;
  const name = c.kind === 'industry' ? { zh: '全国', en: 'national' } : { zh: '所在地区', en: 'its regions’' };
  const sentence = {
    zh: `${pillar ? '支柱产业' : '非支柱产业'}：占${name.zh}就业的${pct(employmentShare)}${outputShare !== null ? `、产出的${pct(outputShare)}` : ''}（阈值 ${pct(t.pillarShare)}）`
      + `${growth !== null ? `；就业增长${pct(growth)}，竞争效应${competitiveEffect !== null ? pct(competitiveEffect) : '—'}` : ''}`
      + `${relativeProductivity !== null ? `；劳动生产率为外地同行业的${relativeProductivity.toFixed(2)}倍` : ''}`
      + `；新企业进入率每年${pct(x.entryRate ?? null)}${snowball ? '（滚雪球效应）' : ''}。`,
    en: `${pillar ? 'A pillar industry' : 'Not a pillar industry'}: ${pct(employmentShare)} of ${name.en} employment${outputShare !== null ? ` and ${pct(outputShare)} of output` : ''} (threshold ${pct(t.pillarShare)})`
      + `${growth !== null ? `; employment growth ${pct(growth)}, competitive effect ${competitiveEffect !== null ? pct(competitiveEffect) : '—'}` : ''}`
      + `${relativeProductivity !== null ? `; productivity ${relativeProductivity.toFixed(2)}× the same industries elsewhere` : ''}`
      + `; new firms ${pct(x.entryRate ?? null)} a year${snowball ? ' (snowball effect)' : ''}.`,
  };
  return {
    pillar, employmentShare, outputShare, growth, competitiveEffect, relativeProductivity,
    entryRate: x.entryRate ?? null, snowball, spinoffShare: x.spinoffShare ?? null, innovationRatio: patentRatio,
    institutionsPer100Firms: c.firms.length > 0 ? (100 * institutions) / c.firms.length : null,
    rows, sentence,
  };
}
