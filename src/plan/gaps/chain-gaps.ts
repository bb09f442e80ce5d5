/**
 * Value-chain gap analysis of a place (补链 / 强链 / 延链): which stages of a chain template the
 * place lacks or holds only weakly, and which to attract first, with every score decomposed.
 *
 * Stage status (firms serve a stage when their industry code equals or starts with one of its
 * codes; a leading section letter is ignored). With e the firm size (employees by default), P the
 * firms inside the place and N all firms of the workspace (the reference economy):
 *
 *   LQₛ = (e(P ∩ s) / e(P)) / (e(N ∩ s) / e(N))                       location quotient
 *   leakageₛ = Σ v(links s-firm → P-firm, s-firm ∉ P) / Σ v(links s-firm → P-firm)
 *              (supply and subcontract links, seller → buyer; NaN when P buys nothing from s)
 *   missing ⇔ no firm of s inside P
 *   weak    ⇔ present and (firms < minFirms (3)  or  LQₛ < weakLq (1)  or  leakageₛ > maxLeakage (0.5))
 *   strong  ⇔ otherwise
 *
 * Attraction score of a missing or weak stage s — the mean of the available parts, each in [0, 1]:
 *   io        = ½ (Σₜ πₜ aₛₜ + Σₜ πₜ bₜₛ) / max over targets, with t the strong stages, πₜ their
 *               size shares, aₛₜ = zₛₜ / xₜ the input coefficient (what t buys from s per unit of
 *               its output: backward linkage of the present stages to s) and bₜₛ = zₜₛ / xₜ the
 *               allocation coefficient (the share of t's output that s buys: forward linkage),
 *               on the IO sectors the stages' industries map to (mean over sector pairs);
 *               omitted without an IO table or when s maps to no sector;
 *   relatedness = the place's relatedness density of s (`relatednessDensity`, Hidalgo et al. 2007,
 *               doi:10.1126/science.1144581; mean over s's industry codes), from the region ×
 *               industry size matrix of the firms (binary RCA: LQ ≥ 1) and the place's own RCA;
 *   leakage   = leakageₛ (a missing stage the place buys from has leakage 1); omitted when NaN.
 * Targets are ranked by score (ties: chain order). For each, `candidates` lists outside firms of
 * the stage: those already selling to the place first (by link value), then the largest, then the
 * nearest to the place centre.
 * Degenerate: a place with no firm, or a reference economy of size 0, is E_DEGENERATE.
 * Complexity O(F·S + L + R·I + I²) for F firms, S stages, L links, R regions, I industries.
 * Checked: test/plan-gaps.test.ts on a hand-built workspace with hand-derived values.
 */
import { InputError } from '../../core/errors.js';
import { haversineKm } from '../../core/geo/haversine-km.js';
import { Accumulator } from '../../core/sum.js';
import type { GapFirms, GapIo, GapLinks } from '../../data/gap-inputs.js';
import { placeMatrix } from '../../data/firm-sizes.js';
import { locationQuotient } from '../../measures/specialisation/location-quotient.js';
import { industryProximity } from '../../measures/relatedness/industry-proximity.js';
import { relatednessDensity } from '../../measures/relatedness/relatedness-density.js';

export interface GapStage { id: string; name?: string; order: number; role?: 'vertical' | 'support'; industries: readonly string[] }

export type { GapFirms, GapLinks, GapIo } from '../../data/gap-inputs.js';

export interface ChainGapsOptions {
  weakLq?: number;
  minFirms?: number;
  maxLeakage?: number;
  /** Candidate outside firms listed per target. Default 5. */
  candidates?: number;
  /** Place centre [lon, lat] for candidate distances; default the mean position of the firms inside. */
  center?: [number, number];
}

export type StageStatus = 'missing' | 'weak' | 'strong';

export interface GapStageResult {
  id: string; name: string | null; order: number; role: 'vertical' | 'support';
  firmsInside: number; firmsTotal: number; sizeInside: number; sizeTotal: number;
  /** Place share of the stage's national size. */
  shareOfNation: number;
  lq: number;
  /** Purchases of the place's firms from this stage: value inside, outside, and the leakage share. */
  purchases: { inside: number; outside: number; links: number };
  leakage: number;
  status: StageStatus;
  reasons: string[];
}

export interface GapCandidate { id: string; industry: string; size: number; distanceKm: number | null; linkValue: number; links: number }

export interface GapTarget {
  stage: string; status: StageStatus; score: number; rank: number;
  parts: {
    io: { backward: number; forward: number; raw: number; value: number } | null;
    relatedness: number | null;
    leakage: number | null;
  };
  candidates: GapCandidate[];
}

export interface ChainGapsValue {
  stages: GapStageResult[];
  targets: GapTarget[];
  strong: string[];
  center: [number, number] | null;
  thresholds: { weakLq: number; minFirms: number; maxLeakage: number };
}

const strip = (code: string): string => code.trim().replace(/^[A-Za-z](?=\d)/, '');

export function chainGaps(firms: GapFirms, links: GapLinks, stages: readonly GapStage[], io: GapIo | null, options: ChainGapsOptions = {}): { value: ChainGapsValue; warnings: string[] } {
  const weakLq = options.weakLq ?? 1;
  const minFirms = options.minFirms ?? 3;
  const maxLeakage = options.maxLeakage ?? 0.5;
  const nCand = options.candidates ?? 5;
  const F = firms.ids.length;
  const S = stages.length;
  if (!(weakLq >= 0 && Number.isFinite(weakLq))) throw new InputError('E_OPTION', `chainGaps: weakLq must be a finite number ≥ 0, got ${weakLq}`, { field: 'weakLq', value: weakLq });
  if (!(Number.isInteger(minFirms) && minFirms >= 1)) throw new InputError('E_OPTION', `chainGaps: minFirms must be a positive integer, got ${minFirms}`, { field: 'minFirms', value: minFirms });
  if (!(maxLeakage >= 0 && maxLeakage <= 1)) throw new InputError('E_OPTION', `chainGaps: maxLeakage must be in [0, 1], got ${maxLeakage}`, { field: 'maxLeakage', value: maxLeakage });
  if (!(Number.isInteger(nCand) && nCand >= 0)) throw new InputError('E_OPTION', `chainGaps: candidates must be an integer ≥ 0, got ${nCand}`, { field: 'candidates', value: nCand });
  if (!S) throw new InputError('E_OPTION', 'chainGaps: the chain has no stages', { field: 'stages' });
  for (const [name, arr] of [['industry', firms.industry], ['region', firms.region], ['lon', firms.lon], ['lat', firms.lat], ['size', firms.size], ['inside', firms.inside]] as const) {
    if (arr.length !== F) throw new InputError('E_OPTION', `chainGaps: firms.${name} has ${arr.length} entries, expected ${F}`, { field: name, value: arr.length });
  }
  // unknown sizes (NaN): the firm still serves its stages, but adds nothing to any size, LQ or
  // relatedness, and is counted in a warning (the policy of src/data/firm-sizes.ts)
  let unknownSizes = 0;
  for (let i = 0; i < F; i++) {
    if (Number.isNaN(firms.size[i])) { unknownSizes++; continue; }
    if (!(Number.isFinite(firms.size[i]) && firms.size[i] >= 0)) throw new InputError('E_NOT_FINITE', `chainGaps: firm ${firms.ids[i]} has size ${firms.size[i]}`, { field: 'size', row: firms.ids[i], value: firms.size[i] });
  }
  const sizeOf = (i: number): number => (Number.isNaN(firms.size[i]) ? 0 : firms.size[i]);
  const warnings: string[] = [];
  if (unknownSizes) warnings.push(`chainGaps: ${unknownSizes} of ${F} firm(s) have no size and are left out of the stage sizes, LQs and relatedness (they still count as firms of their stages)`);

  // stage membership
  const codes = stages.map((s) => s.industries.map(strip));
  const serves: number[][] = firms.industry.map((c) => { const f = strip(c); const out: number[] = []; for (let s = 0; s < S; s++) if (codes[s].some((p) => f.startsWith(p))) out.push(s); return out; });
  const total = new Accumulator(); const place = new Accumulator();
  const sizeIn = new Float64Array(S); const sizeAll = new Float64Array(S); const nIn = new Int32Array(S); const nAll = new Int32Array(S);
  let firmsInside = 0;
  for (let i = 0; i < F; i++) {
    const x = sizeOf(i);
    total.add(x);
    if (firms.inside[i]) { place.add(x); firmsInside++; }
    for (const s of serves[i]) { sizeAll[s] += x; nAll[s]++; if (firms.inside[i]) { sizeIn[s] += x; nIn[s]++; } }
  }
  const eN = total.value; const eP = place.value;
  if (!firmsInside) throw new InputError('E_DEGENERATE', 'chainGaps: no firm inside the place', { field: 'place', value: 0 });
  if (!(eN > 0) || !(eP > 0)) throw new InputError('E_DEGENERATE', `chainGaps: total size is 0 (${!(eP > 0) ? 'place' : 'all firms'}); choose another --size`, { field: 'size', value: 0 });

  // purchases of the place from each stage, and outside sellers' sales to the place
  const pIn = new Float64Array(S); const pOut = new Float64Array(S); const pLinks = new Int32Array(S);
  const sold = new Float64Array(F); const soldLinks = new Int32Array(F);
  for (let k = 0; k < links.source.length; k++) {
    const u = links.source[k]; const v = links.target[k]; const val = links.value[k];
    if (!(u >= 0 && u < F && v >= 0 && v < F)) throw new InputError('E_OPTION', `chainGaps: link ${k} names firm index ${u} → ${v} outside 0…${F - 1}`, { field: 'links', row: k });
    if (!(Number.isFinite(val) && val >= 0)) throw new InputError('E_NOT_FINITE', `chainGaps: link ${k} (${firms.ids[u]} → ${firms.ids[v]}) has value ${val}`, { field: 'value', row: k, value: val });
    if (!firms.inside[v]) continue;
    for (const s of serves[u]) { pLinks[s]++; if (firms.inside[u]) pIn[s] += val; else pOut[s] += val; }
    if (!firms.inside[u]) { sold[u] += val; soldLinks[u]++; }
  }

  const stageRes: GapStageResult[] = stages.map((st, s) => {
    // the stage's LQ in the place, by the one LQ function: {place, rest} × {stage, other}
    const lq = sizeAll[s] > 0 ? locationQuotient(placeMatrix({ size: firms.size, inPlace: firms.inside, inGroup: (i) => serves[i].includes(s), variable: 'size' }).matrix).value.values[0] : Number.NaN;
    const bought = pIn[s] + pOut[s];
    const leakage = bought > 0 ? pOut[s] / bought : Number.NaN;
    const reasons: string[] = [];
    let status: StageStatus;
    if (nIn[s] === 0) { status = 'missing'; reasons.push('no firm inside the place'); } else {
      if (nIn[s] < minFirms) reasons.push(`${nIn[s]} firm(s) inside, fewer than ${minFirms}`);
      if (lq < weakLq) reasons.push(`LQ ${lq.toFixed(3)} < ${weakLq}`);
      if (leakage > maxLeakage) reasons.push(`${(100 * leakage).toFixed(1)} % of the place's purchases from this stage come from outside (> ${100 * maxLeakage} %)`);
      status = reasons.length ? 'weak' : 'strong';
    }
    return {
      id: st.id, name: st.name ?? null, order: st.order, role: st.role ?? 'vertical',
      firmsInside: nIn[s], firmsTotal: nAll[s], sizeInside: sizeIn[s], sizeTotal: sizeAll[s],
      shareOfNation: sizeAll[s] > 0 ? sizeIn[s] / sizeAll[s] : Number.NaN, lq,
      purchases: { inside: pIn[s], outside: pOut[s], links: pLinks[s] }, leakage, status, reasons,
    };
  });
  const strongIdx = stageRes.map((r, s) => (r.status === 'strong' ? s : -1)).filter((s) => s >= 0);
  const targetIdx = stageRes.map((r, s) => (r.status !== 'strong' ? s : -1)).filter((s) => s >= 0);

  // IO linkage of each target to the strong stages
  const ioRaw = new Map<number, { backward: number; forward: number; raw: number }>();
  if (io) {
    const n = io.sectors.length;
    if (io.z.length !== n * n || io.totalOutput.length !== n) throw new InputError('E_OPTION', `chainGaps: the IO table must be ${n} × ${n} with ${n} outputs`, { field: 'io' });
    const sectorsOf = (s: number): number[] => [...new Set(stages[s].industries.map((c) => io.sectorOf(c)).filter((x) => x >= 0))];
    const unmapped = stages.filter((_, s) => sectorsOf(s).length === 0).map((st) => st.id);
    if (unmapped.length) warnings.push(`chainGaps: no IO sector for stage(s) ${unmapped.join(', ')}; their IO part is left out`);
    const strongSize = strongIdx.reduce((a, t) => a + sizeIn[t], 0);
    if (!strongIdx.length) warnings.push('chainGaps: the place has no strong stage, so the IO part is left out');
    for (const s of targetIdx) {
      const ss = sectorsOf(s);
      if (!ss.length || !strongIdx.length || !(strongSize > 0)) continue;
      let backward = 0; let forward = 0;
      for (const t of strongIdx) {
        const ts = sectorsOf(t);
        if (!ts.length) continue;
        const pi = sizeIn[t] / strongSize;
        let a = 0; let b = 0;
        for (const i of ss) for (const j of ts) {
          a += io.totalOutput[j] > 0 ? io.z[i * n + j] / io.totalOutput[j] : 0;
          b += io.totalOutput[j] > 0 ? io.z[j * n + i] / io.totalOutput[j] : 0;
        }
        backward += (pi * a) / (ss.length * ts.length);
        forward += (pi * b) / (ss.length * ts.length);
      }
      ioRaw.set(s, { backward, forward, raw: (backward + forward) / 2 });
    }
  }
  const ioMax = Math.max(0, ...[...ioRaw.values()].map((x) => x.raw));

  // relatedness density of every industry code for the place
  const industries = [...new Set(firms.industry.map(strip))].sort();
  const col = new Map(industries.map((c, j) => [c, j]));
  const regions = [...new Set(firms.region.filter((r): r is string => r !== null))].sort();
  const row = new Map(regions.map((r, k) => [r, k]));
  const I = industries.length; const R = regions.length;
  const e = new Float64Array(R * I); const eP_i = new Float64Array(I); const eN_i = new Float64Array(I);
  let noRegion = 0;
  for (let i = 0; i < F; i++) {
    const j = col.get(strip(firms.industry[i]))!;
    eN_i[j] += sizeOf(i);
    if (firms.inside[i]) eP_i[j] += sizeOf(i);
    const r = firms.region[i];
    if (r === null) { noRegion++; continue; }
    e[row.get(r)! * I + j] += sizeOf(i);
  }
  if (noRegion) warnings.push(`chainGaps: ${noRegion} firm(s) without a region left out of the region × industry matrix (relatedness)`);
  const rTot = new Float64Array(R); const iTot = new Float64Array(I); let grand = 0;
  for (let r = 0; r < R; r++) for (let j = 0; j < I; j++) { const v = e[r * I + j]; rTot[r] += v; iTot[j] += v; grand += v; }
  const M = new Float64Array(R * I);
  for (let r = 0; r < R; r++) for (let j = 0; j < I; j++) {
    if (rTot[r] > 0 && iTot[j] > 0 && (e[r * I + j] / rTot[r]) / (iTot[j] / grand) >= 1) M[r * I + j] = 1;
  }
  const prox = industryProximity({ regions, industries, values: M });
  const placeM = Float64Array.from(industries, (_, j) => (eN_i[j] > 0 && (eP_i[j] / eP) / (eN_i[j] / eN) >= 1 ? 1 : 0));
  const dens = relatednessDensity(placeM, prox.value.phi, industries);
  const stageDensity = (s: number): number => {
    const js = industries.map((c, j) => (codes[s].some((p) => c.startsWith(p)) ? j : -1)).filter((j) => j >= 0 && Number.isFinite(dens.value[j]));
    return js.length ? js.reduce((a, j) => a + dens.value[j], 0) / js.length : Number.NaN;
  };

  // centre of the place
  let center: [number, number] | null = options.center ?? null;
  if (!center) {
    let sx = 0; let sy = 0; let k = 0;
    for (let i = 0; i < F; i++) if (firms.inside[i] && Number.isFinite(firms.lon[i]) && Number.isFinite(firms.lat[i])) { sx += firms.lon[i]; sy += firms.lat[i]; k++; }
    if (k) center = [sx / k, sy / k];
  }

  const targets: GapTarget[] = targetIdx.map((s) => {
    const r = ioRaw.get(s);
    const ioPart = r ? { ...r, value: ioMax > 0 ? r.raw / ioMax : 0 } : null;
    const rel = stageDensity(s);
    const leak = stageRes[s].leakage;
    const parts = [ioPart?.value, rel, leak].filter((x): x is number => x !== undefined && Number.isFinite(x));
    const score = parts.length ? parts.reduce((a, b) => a + b, 0) / parts.length : Number.NaN;
    const cands: GapCandidate[] = [];
    for (let i = 0; i < F; i++) {
      if (firms.inside[i] || !serves[i].includes(s)) continue;
      const has = Number.isFinite(firms.lon[i]) && Number.isFinite(firms.lat[i]) && center !== null;
      cands.push({ id: firms.ids[i], industry: firms.industry[i], size: firms.size[i], distanceKm: has ? haversineKm(center![0], center![1], firms.lon[i], firms.lat[i]) : null, linkValue: sold[i], links: soldLinks[i] });
    }
    cands.sort((a, b) => b.linkValue - a.linkValue || (Number.isNaN(b.size) ? -1 : b.size) - (Number.isNaN(a.size) ? -1 : a.size) || (a.distanceKm ?? Infinity) - (b.distanceKm ?? Infinity) || a.id.localeCompare(b.id));
    return {
      stage: stages[s].id, status: stageRes[s].status, score, rank: 0,
      parts: { io: ioPart, relatedness: Number.isFinite(rel) ? rel : null, leakage: Number.isFinite(leak) ? leak : null },
      candidates: cands.slice(0, nCand),
    };
  });
  targets.sort((a, b) => (Number.isNaN(b.score) ? -1 : b.score) - (Number.isNaN(a.score) ? -1 : a.score) || stages.findIndex((x) => x.id === a.stage) - stages.findIndex((x) => x.id === b.stage));
  targets.forEach((t, k) => { t.rank = k + 1; });
  warnings.push(...dens.warnings);
  return { value: { stages: stageRes, targets, strong: strongIdx.map((s) => stages[s].id), center, thresholds: { weakLq, minFirms, maxLeakage } }, warnings };
}
