/**
 * Links across the boundary of a place, by link type: inbound (outside → inside), outbound
 * (inside → outside) and internal (inside → inside), with counts and values.
 *
 *   for each type t:  inbound = Σ w over links s∉P → d∈P,  outbound = Σ w over s∈P → d∉P,
 *                     internal = Σ w over s∈P → d∈P,   outboundShare = outbound links / (inbound + outbound links)
 *
 * P: the nodes inside the place. Direction follows the link table's convention (supply: source
 * supplies target; subcontract: source makes for target; technology: source transfers to target;
 * spin-off: target spun off from source). These are the inputs of the radiation diagnosis
 * (receiving vs inward vs outward radiating centre): e.g. technology flowing in vs out, outside
 * firms becoming OEM suppliers (subcontract inbound). Missing values count in `links` only, and
 * are reported in `missingValues`. Time O(links).
 * Reference: the seed's radiation levels (辐射接受中心 / 向内辐射中心 / 向外辐射中心); no peer tool.
 * Cross-checked: hand-derived counts (test/network.test.ts).
 */
import type { MeasureResult } from '../result.js';
import { LINK_TYPES, type FirmNetwork } from './types.js';

export interface FlowTotals { links: number; value: number; missingValues: number }
export interface BoundaryFlowsRow { type: string; inbound: FlowTotals; outbound: FlowTotals; internal: FlowTotals; outboundShare: number }

export function boundaryFlows(net: FirmNetwork): MeasureResult<BoundaryFlowsRow[]> {
  const zero = (): FlowTotals => ({ links: 0, value: 0, missingValues: 0 });
  const rows = LINK_TYPES.map((type) => ({ type, inbound: zero(), outbound: zero(), internal: zero(), outboundShare: Number.NaN }));
  let n = 0;
  for (let k = 0; k < net.source.length; k++) {
    const si = net.inside[net.source[k]];
    const ti = net.inside[net.target[k]];
    if (!si && !ti) continue;
    n++;
    const r = rows[net.type[k]];
    const bucket = si && ti ? r.internal : si ? r.outbound : r.inbound;
    bucket.links++;
    const v = net.value[k];
    if (Number.isFinite(v)) bucket.value += v; else bucket.missingValues++;
  }
  for (const r of rows) { const d = r.inbound.links + r.outbound.links; r.outboundShare = d ? r.outbound.links / d : Number.NaN; }
  return { value: rows, n, warnings: [], provenance: { measure: 'boundaryFlows', options: {}, references: ['seed essay 5: radiation levels of cluster centres'] } };
}
