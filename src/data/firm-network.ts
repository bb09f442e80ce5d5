/**
 * The firm network as a typed structure: a directed multigraph of firms and institutions.
 *
 * Node i has an id, a kind (firm or institution), an institution type, and whether it is inside
 * the place under study; link k goes from `source[k]` to `target[k]` with a type (index into
 * LINK_TYPES) and a value (NaN when unknown). Produced by src/load/firm-network.ts (from a
 * workspace) or `firmNetwork` (from records); consumed by measures/network and the diagnosis.
 * Pure: no node:* imports.
 */
import { InputError } from '../core/errors.js';
import { LinkType } from '../model/link.js';

export const LINK_TYPES: readonly LinkType[] = LinkType.options;
export const FIRM = 0;
export const INSTITUTION = 1;

export interface FirmNetwork {
  ids: string[];
  /** 0 = firm, 1 = institution. */
  kind: Uint8Array;
  /** Institution type per node (null for firms). */
  institutionType: (string | null)[];
  /** 1 = the node is inside the place. */
  inside: Uint8Array;
  source: Int32Array;
  target: Int32Array;
  /** Index into LINK_TYPES. */
  type: Uint8Array;
  /** Link value; NaN when unknown. */
  value: Float64Array;
}

export interface NodeRecord {
  id: string;
  /** Default 'firm'. */
  kind?: 'firm' | 'institution';
  institutionType?: string | null;
  /** Inside the place under study. Default true. */
  inside?: boolean;
}
export interface LinkRecord { source: string; target: string; type: LinkType | string; value?: number | null }

/**
 * Builds a FirmNetwork from records. An unknown endpoint or link type throws E_OPTION naming the
 * link's 0-based row; a duplicate node id throws E_OPTION. O(n + m).
 */
export function firmNetwork(nodes: readonly NodeRecord[], links: readonly LinkRecord[]): FirmNetwork {
  const index = new Map<string, number>();
  nodes.forEach((v, i) => {
    if (index.has(v.id)) throw new InputError('E_OPTION', `firmNetwork: node id ${v.id} appears twice`, { field: 'id', row: i, value: v.id });
    index.set(v.id, i);
  });
  const m = links.length;
  const net: FirmNetwork = {
    ids: nodes.map((v) => v.id),
    kind: Uint8Array.from(nodes, (v) => (v.kind === 'institution' ? INSTITUTION : FIRM)),
    institutionType: nodes.map((v) => (v.kind === 'institution' ? v.institutionType ?? null : null)),
    inside: Uint8Array.from(nodes, (v) => (v.inside ?? true ? 1 : 0)),
    source: new Int32Array(m), target: new Int32Array(m), type: new Uint8Array(m), value: new Float64Array(m),
  };
  links.forEach((l, k) => {
    const s = index.get(l.source);
    const t = index.get(l.target);
    if (s === undefined || t === undefined) {
      const missing = s === undefined ? l.source : l.target;
      throw new InputError('E_OPTION', `firmNetwork: link ${k} names unknown node ${missing}`, { field: s === undefined ? 'source' : 'target', row: k, value: missing });
    }
    const ty = LINK_TYPES.indexOf(l.type as LinkType);
    if (ty < 0) throw new InputError('E_OPTION', `firmNetwork: link ${k} has unknown type ${l.type} (types: ${LINK_TYPES.join(', ')})`, { field: 'type', row: k, value: l.type });
    net.source[k] = s; net.target[k] = t; net.type[k] = ty;
    net.value[k] = l.value === null || l.value === undefined ? Number.NaN : l.value;
  });
  return net;
}
