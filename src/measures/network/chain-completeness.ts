/**
 * Value-chain completeness of a place (the 产业链 inside a cluster; seed: the Yurun model holds
 * every stage within a 200 km logistics radius).
 *
 *   presentₛ   = (firms inside serving stage s) ≥ minFirms
 *   completeness = |{vertical s : presentₛ}| / |{vertical s}|
 *   localShareₛ→ₛ₊₁ = Σ w(links stage s → stage s+1, both ends inside) /
 *                     Σ w(links stage s → stage s+1, at least one end inside)
 *
 * A firm serves stage s when its industry code equals, or starts with, one of s's industry codes
 * (hierarchical codes: '135' covers '1351'; a leading section letter, 'C1351', is ignored).
 * Stages are vertical (ordered by `order`) or support (order 0); "consecutive" pairs every
 * vertical stage with the stage(s) of the next larger order. Links counted are supply and
 * subcontract links (override with `linkTypes`), weighted by value (or count). "Inside" is the
 * network's `inside` flag: the loader sets it for a region, a park, or a radius (default 200 km)
 * around a point. Missing stages are the vertical stages not present: the gap to fill (补链).
 * Degenerate: no flow between a pair → its localShare is NaN. Time O(firms · codes + links).
 * Reference: Hirschman (1958) forward/backward linkages; Porter (1998); the seed's Yurun model.
 * Cross-checked: hand-derived cases (test/network.test.ts); no peer tool computes it.
 */
import { InputError } from '../../core/errors.js';
import type { ChainTemplate } from '../../model/chain-template.js';
import type { MeasureResult } from '../result.js';
import { FIRM, LINK_TYPES, linkWeights, type FirmNetwork, type MissingValue, type WeightMode } from './types.js';

export interface ChainCompletenessOptions {
  /** Firms inside needed for a stage to count as present. Default 1. */
  minFirms?: number;
  linkTypes?: string[];
  weight?: WeightMode;
  missing?: MissingValue;
}

export interface ChainStageResult {
  id: string; name: string | null; order: number; role: 'vertical' | 'support';
  firmsInside: number; firmsOutside: number; sizeInside: number; present: boolean;
}
export interface ChainFlowResult { from: string; to: string; localValue: number; totalValue: number; localShare: number; links: number }
export interface ChainCompletenessValue {
  template: string;
  stages: ChainStageResult[];
  flows: ChainFlowResult[];
  missing: string[];
  completeness: number;
}

const strip = (code: string): string => code.trim().replace(/^[A-Za-z](?=\d)/, '');

export function chainCompleteness(
  net: FirmNetwork, industry: readonly (string | null)[], size: Float64Array, template: ChainTemplate, options: ChainCompletenessOptions = {},
): MeasureResult<ChainCompletenessValue> {
  const minFirms = options.minFirms ?? 1;
  const linkTypes = options.linkTypes ?? ['supply', 'subcontract'];
  const weight = options.weight ?? 'value';
  const missing = options.missing ?? 'error';
  const N = net.ids.length;
  if (industry.length !== N || size.length !== N) throw new InputError('E_OPTION', `chainCompleteness: industry and size must have one entry per node (${N})`, { field: industry.length !== N ? 'industry' : 'size' });
  if (!(Number.isInteger(minFirms) && minFirms >= 1)) throw new InputError('E_OPTION', `chainCompleteness: minFirms must be a positive integer, got ${minFirms}`, { field: 'minFirms', value: minFirms });
  const allowed = new Uint8Array(LINK_TYPES.length);
  for (const t of linkTypes) {
    const i = LINK_TYPES.indexOf(t as never);
    if (i < 0) throw new InputError('E_OPTION', `chainCompleteness: unknown link type ${t}`, { field: 'linkTypes', value: t });
    allowed[i] = 1;
  }
  const S = template.stages.length;
  const codes = template.stages.map((s) => s.industries.map(strip));
  // stage membership per firm as a bit set over stages (S ≤ 31 in practice; fall back to arrays)
  const member: number[][] = Array.from({ length: N }, () => []);
  const warnings: string[] = [];
  for (let i = 0; i < N; i++) {
    if (net.kind[i] !== FIRM) continue;
    const c = industry[i];
    if (!c) continue;
    const f = strip(c);
    for (let s = 0; s < S; s++) if (codes[s].some((p) => f.startsWith(p))) member[i].push(s);
  }
  const stages: ChainStageResult[] = template.stages.map((st) => ({ id: st.id, name: st.name ?? null, order: st.order, role: st.role ?? 'vertical', firmsInside: 0, firmsOutside: 0, sizeInside: 0, present: false }));
  let badSize = 0;
  for (let i = 0; i < N; i++) {
    for (const s of member[i]) {
      if (net.inside[i]) {
        stages[s].firmsInside++;
        if (Number.isFinite(size[i])) stages[s].sizeInside += size[i]; else badSize++;
      } else stages[s].firmsOutside++;
    }
  }
  if (badSize) warnings.push(`chainCompleteness: ${badSize} inside firm(s) without a size (not in sizeInside)`);
  for (const st of stages) st.present = st.firmsInside >= minFirms;
  const vertical = stages.map((st, s) => ({ st, s })).filter((x) => x.st.role === 'vertical' && x.st.order > 0);
  const orders = [...new Set(vertical.map((x) => x.st.order))].sort((a, b) => a - b);
  const pairs: [number, number][] = [];
  for (let o = 0; o + 1 < orders.length; o++) {
    for (const a of vertical.filter((x) => x.st.order === orders[o])) for (const b of vertical.filter((x) => x.st.order === orders[o + 1])) pairs.push([a.s, b.s]);
  }
  const pairIndex = new Map<number, number>(pairs.map(([a, b], p) => [a * S + b, p]));
  const localValue = new Float64Array(pairs.length);
  const totalValue = new Float64Array(pairs.length);
  const linkCount = new Int32Array(pairs.length);
  const { w, missingCount } = linkWeights('chainCompleteness', net, weight, missing);
  for (let k = 0; k < net.source.length; k++) {
    if (!allowed[net.type[k]]) continue;
    const u = net.source[k];
    const v = net.target[k];
    if (!net.inside[u] && !net.inside[v]) continue;
    for (const a of member[u]) for (const b of member[v]) {
      const p = pairIndex.get(a * S + b);
      if (p === undefined) continue;
      totalValue[p] += w[k];
      linkCount[p]++;
      if (net.inside[u] && net.inside[v]) localValue[p] += w[k];
    }
  }
  if (missingCount) warnings.push(`chainCompleteness: ${missingCount} link(s) without a value counted as ${missing === 'one' ? 1 : 0}`);
  const flows = pairs.map(([a, b], p) => ({ from: stages[a].id, to: stages[b].id, localValue: localValue[p], totalValue: totalValue[p], localShare: totalValue[p] > 0 ? localValue[p] / totalValue[p] : Number.NaN, links: linkCount[p] }));
  const missingStages = vertical.filter((x) => !x.st.present).map((x) => x.st.id);
  return {
    value: { template: template.id, stages, flows, missing: missingStages, completeness: vertical.length ? (vertical.length - missingStages.length) / vertical.length : Number.NaN },
    n: vertical.length, warnings,
    provenance: { measure: 'chainCompleteness', options: { minFirms, linkTypes, weight, missing }, references: ['Hirschman, A. O. (1958) The Strategy of Economic Development, Yale UP', 'Porter, M. E. (1998) Harvard Business Review 76(6):77–90'] },
  };
}
