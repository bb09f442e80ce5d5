/**
 * Local embeddedness (根植性) of the firms inside a place: how much of each firm's link value is
 * with partners inside the same place.
 *
 *   eᵢ = Σ_{links ℓ of i, partner inside} wℓ / Σ_{links ℓ of i} wℓ          (firm i inside the place)
 *   mean = 1/N Σᵢ eᵢ    (firms with at least one weighted link; N of them)
 *   overall = Σᵢ Σ_{ℓ, partner inside} wℓ / Σᵢ Σ_ℓ wℓ                       (value-weighted)
 *
 * wℓ: the link's value (or 1 with weight 'count'); links in both directions and of the chosen
 * types (default all) count; a link to an institution inside counts as local. Reading: near 1 —
 * the firm's trade, finance and know-how stay local (embedded, a cluster trait); near 0 — an
 * enclave firm tied to the outside (typical of externally driven parks). Self-loops are ignored.
 * Firms with no links are not in the mean (counted in `isolated`).
 * Degenerate: no linked firm inside → mean NaN with a warning. Time O(n + links).
 * Reference: Granovetter, M. (1985) Am. J. Sociol. 91:481–510, doi:10.1086/228311 (embeddedness);
 * 王缉慈 (2001) 创新的空间：企业集群与区域发展, 北京大学出版社 (根植性 of clusters).
 * Cross-checked: hand-derived cases and a naive per-firm loop (test/network.test.ts); no peer
 * package computes it.
 */
import { InputError } from '../../core/errors.js';
import type { MeasureResult } from '../result.js';
import { FIRM, LINK_TYPES, linkWeights, type FirmNetwork, type MissingValue, type WeightMode } from './types.js';

export interface EmbeddednessOptions { weight?: WeightMode; missing?: MissingValue; /** Link types counted (default all). */ types?: string[] }

export interface EmbeddednessValue {
  /** Network indices of the inside firms with at least one weighted link. */
  firms: Int32Array;
  share: Float64Array;
  mean: number;
  overall: number;
  isolated: number;
}

export function localEmbeddedness(net: FirmNetwork, options: EmbeddednessOptions = {}): MeasureResult<EmbeddednessValue> {
  const weight = options.weight ?? 'value';
  const missing = options.missing ?? 'error';
  const types = options.types ?? [...LINK_TYPES];
  const allowed = new Uint8Array(LINK_TYPES.length);
  for (const t of types) {
    const i = LINK_TYPES.indexOf(t as never);
    if (i < 0) throw new InputError('E_OPTION', `localEmbeddedness: unknown link type ${t}`, { field: 'types', value: t });
    allowed[i] = 1;
  }
  const { w, missingCount } = linkWeights('localEmbeddedness', net, weight, missing);
  const N = net.ids.length;
  const local = new Float64Array(N);
  const total = new Float64Array(N);
  for (let k = 0; k < net.source.length; k++) {
    if (!allowed[net.type[k]]) continue;
    const s = net.source[k];
    const t = net.target[k];
    if (s === t) continue;
    total[s] += w[k]; total[t] += w[k];
    if (net.inside[t]) local[s] += w[k];
    if (net.inside[s]) local[t] += w[k];
  }
  const firms: number[] = [];
  const share: number[] = [];
  let isolated = 0;
  let sumLocal = 0;
  let sumTotal = 0;
  for (let i = 0; i < N; i++) {
    if (!net.inside[i] || net.kind[i] !== FIRM) continue;
    if (total[i] > 0) { firms.push(i); share.push(local[i] / total[i]); sumLocal += local[i]; sumTotal += total[i]; } else isolated++;
  }
  let mean = 0;
  for (const e of share) mean += e;
  mean = share.length ? mean / share.length : Number.NaN;
  const warnings: string[] = [];
  if (!share.length) warnings.push('localEmbeddedness: no firm inside the place has a weighted link; embeddedness is undefined');
  if (missingCount) warnings.push(`localEmbeddedness: ${missingCount} link(s) without a value counted as ${missing === 'one' ? 1 : 0}`);
  return {
    value: { firms: Int32Array.from(firms), share: Float64Array.from(share), mean, overall: sumTotal > 0 ? sumLocal / sumTotal : Number.NaN, isolated },
    n: share.length, warnings,
    provenance: { measure: 'localEmbeddedness', options: { weight, missing, types }, references: ['Granovetter, M. (1985) Am. J. Sociol. 91:481–510, doi:10.1086/228311', '王缉慈 (2001) 创新的空间：企业集群与区域发展, 北京大学出版社'] },
  };
}
