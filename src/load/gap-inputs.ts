/**
 * Inputs of the chain gap analysis from a workspace: every firm with an industry code (its size,
 * region, position and whether it is inside the place), the supply and subcontract links between
 * firms, and the IO table when the workspace holds one, with a map from industry codes to its
 * sectors.
 *
 * Places as in `parsePlace`: region:CODE (codes starting with CODE), park:ID, radius:LON,LAT,KM,
 * or all. Industry → IO sector: a `sectorMap` (industry code or prefix → sector code; the longest
 * matching prefix wins), else the sector whose code equals the industry code or is its longest
 * prefix (a table by GB/T divisions, '13', serves class '1351'). Nothing is dropped silently:
 * firms without an industry code and links with a non-firm end are counted in `warnings`; a
 * missing size comes back as NaN (chainGaps leaves it out of the sizes and counts it, the policy
 * of src/data/firm-sizes.ts); a missing link value is an error naming the link.
 */
import { InputError } from '../core/errors.js';
import { haversineKm } from '../core/geo/haversine-km.js';
import type { GapFirms, GapIo, GapLinks } from '../data/gap-inputs.js';
import type { Workspace } from '../store/workspace.js';
import type { PlaceSpec } from './firm-network.js';
import { loadIoTableFromWorkspace } from './io-table-workspace.js';

export type GapSize = 'employees' | 'output' | 'revenue' | 'count';

const strip = (code: string): string => code.trim().replace(/^[A-Za-z](?=\d)/, '');

/**
 * Longest-prefix lookup of an industry code (its section letter ignored) among keys: industry codes
 * of a sector map (`stripKeys`, letters ignored too) or IO sector codes (taken as they are, so a
 * sector 'S01' never matches class '0113').
 */
export function prefixLookup(keys: ReadonlyMap<string, number>, stripKeys: boolean): (industry: string) => number {
  const list = [...keys.keys()].map((k) => [stripKeys ? strip(k) : k.trim(), keys.get(k)!] as const).sort((a, b) => b[0].length - a[0].length);
  return (industry) => {
    const c = strip(industry);
    for (const [k, v] of list) if (k && c.startsWith(k)) return v;
    return -1;
  };
}

export async function loadGapInputs(ws: Workspace, place: PlaceSpec, options: { size?: GapSize; linkWeight?: 'value' | 'count'; ioTable?: string; sectorMap?: ReadonlyMap<string, string>; useIo?: boolean } = {}): Promise<{ firms: GapFirms; links: GapLinks; io: (GapIo & { id: string }) | null; warnings: string[] }> {
  const size = options.size ?? 'employees';
  const linkWeight = options.linkWeight ?? 'value';
  if (!['employees', 'output', 'revenue', 'count'].includes(size)) throw new InputError('E_OPTION', `size must be employees, output, revenue or count, got ${size}`, { field: 'size', value: size });
  const warnings: string[] = [];
  const sizeCol = size === 'count' ? 'CAST(1 AS DOUBLE)' : `CAST(${size} AS DOUBLE)`;
  const rows = await ws.all<{ id: string; industry: string | null; region: string | null; lon: number | null; lat: number | null; park: string | null; size: number | null }>(
    `SELECT id, industry, region, lon, lat, park, ${sizeCol} AS size FROM firms ORDER BY id`);
  const noCode = rows.filter((r) => !r.industry).length;
  if (noCode) warnings.push(`${noCode} firm(s) without an industry code left out`);
  const kept = rows.filter((r) => r.industry);
  const bad = kept.find((r) => r.size !== null && (!Number.isFinite(r.size) || r.size < 0));
  if (bad) throw new InputError('E_NOT_FINITE', `firm ${bad.id} has no usable ${size} (${bad.size}); fill the column`, { field: size, row: bad.id, value: bad.size });
  const inside = (r: (typeof kept)[number]): boolean => {
    switch (place.kind) {
      case 'all': return true;
      case 'region': return r.region !== null && r.region.startsWith(place.code);
      case 'park': return r.park === place.id;
      case 'radius': return r.lon !== null && r.lat !== null && haversineKm(place.lon, place.lat, r.lon, r.lat) <= place.km;
      case 'ids': return place.ids.includes(r.id);
    }
  };
  const firms: GapFirms = {
    ids: kept.map((r) => r.id), industry: kept.map((r) => r.industry!), region: kept.map((r) => r.region),
    lon: Float64Array.from(kept, (r) => r.lon ?? Number.NaN), lat: Float64Array.from(kept, (r) => r.lat ?? Number.NaN),
    size: Float64Array.from(kept, (r) => r.size ?? Number.NaN), inside: Uint8Array.from(kept, (r) => (inside(r) ? 1 : 0)),
  };
  const index = new Map(firms.ids.map((id, i) => [id, i]));
  const lrows = await ws.all<{ source: string; target: string; value: number | null }>("SELECT source, target, value FROM links WHERE type IN ('supply', 'subcontract')");
  const src: number[] = []; const tgt: number[] = []; const val: number[] = [];
  let other = 0;
  for (const l of lrows) {
    const u = index.get(l.source); const v = index.get(l.target);
    if (u === undefined || v === undefined) { other++; continue; }
    if (linkWeight === 'value' && (l.value === null || !Number.isFinite(l.value))) {
      throw new InputError('E_NOT_FINITE', `supply link ${l.source} → ${l.target} has no value; use --link-weight count or fill the value`, { field: 'value', row: `${l.source}→${l.target}`, value: l.value });
    }
    src.push(u); tgt.push(v); val.push(linkWeight === 'count' ? 1 : l.value!);
  }
  if (other) warnings.push(`${other} supply/subcontract link(s) with an end that is not a firm with an industry code left out`);
  const links: GapLinks = { source: Int32Array.from(src), target: Int32Array.from(tgt), value: Float64Array.from(val) };
  let io: (GapIo & { id: string }) | null = null;
  const hasIo = (await ws.all<{ n: number }>('SELECT COUNT(*)::INTEGER AS n FROM io_sectors'))[0].n > 0;
  if (options.useIo !== false && hasIo) {
    const t = await loadIoTableFromWorkspace(ws, options.ioTable);
    const sectorIndex = new Map(t.table.sectors.map((s, i) => [s, i]));
    let sectorOf: (industry: string) => number;
    if (options.sectorMap) {
      const unknown = [...new Set(options.sectorMap.values())].filter((s) => !sectorIndex.has(s));
      if (unknown.length) throw new InputError('E_MAPPING', `--sector-map names sector(s) not in IO table ${t.id}: ${unknown.slice(0, 5).join(', ')}`, { field: 'sector', value: unknown[0] });
      sectorOf = prefixLookup(new Map([...options.sectorMap].map(([ind, sec]) => [ind, sectorIndex.get(sec)!])), true);
    } else sectorOf = prefixLookup(sectorIndex, false);
    io = { id: t.id, sectors: t.table.sectors, z: t.table.z, totalOutput: t.table.totalOutput, sectorOf };
  } else if (options.useIo !== false) warnings.push('the workspace holds no IO table: attraction scores leave out the IO part');
  return { firms, links, io, warnings };
}
