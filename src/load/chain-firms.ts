/**
 * The firms of a value chain from a workspace: every firm whose industry code equals or starts
 * with one of the given codes (a leading section letter, 'C1351', is ignored on both sides),
 * with its coordinates and a weight for siting (1 per firm, or employees / output / revenue).
 *
 * The filter runs in SQL, so only the chain's firms come back to JavaScript. Firms without
 * coordinates cannot be placed in a regional group: they are left out and counted in
 * `warnings` (never silently). A firm without the chosen size column is an E_NOT_FINITE error
 * naming it (use weight 'count', or fill the column).
 */
import { InputError } from '../core/errors.js';
import type { Workspace } from '../store/workspace.js';
import type { ChainFirms } from '../data/chain-firms.js';

export type ChainFirmWeight = 'count' | 'employees' | 'output' | 'revenue';

const strip = (code: string): string => code.trim().replace(/^[A-Za-z](?=\d)/, '');

export async function loadChainFirms(ws: Workspace, codes: readonly string[], weight: ChainFirmWeight = 'count'): Promise<ChainFirms & { warnings: string[] }> {
  const prefixes = [...new Set(codes.map(strip).filter(Boolean))];
  if (!prefixes.length) throw new InputError('E_OPTION', 'loadChainFirms: no industry codes given', { field: 'industries' });
  if (!['count', 'employees', 'output', 'revenue'].includes(weight)) throw new InputError('E_OPTION', `loadChainFirms: weight must be count, employees, output or revenue, got ${weight}`, { field: 'weight', value: weight });
  const code = "CASE WHEN regexp_matches(industry, '^[A-Za-z][0-9]') THEN substr(industry, 2) ELSE industry END";
  const where = prefixes.map(() => `starts_with(${code}, ?)`).join(' OR ');
  const sizeCol = weight === 'count' ? 'CAST(1 AS DOUBLE)' : `CAST(${weight} AS DOUBLE)`;
  const rows = await ws.all<{ id: string; industry: string; lon: number | null; lat: number | null; size: number | null }>(
    `SELECT id, industry, lon, lat, ${sizeCol} AS size FROM firms WHERE industry IS NOT NULL AND (${where}) ORDER BY id`, prefixes);
  const kept = rows.filter((r) => r.lon !== null && r.lat !== null && Number.isFinite(r.lon) && Number.isFinite(r.lat));
  const warnings: string[] = [];
  if (kept.length < rows.length) warnings.push(`${rows.length - kept.length} firm(s) of the chain have no coordinates and are left out of the regional groups`);
  const bad = kept.find((r) => r.size === null || !Number.isFinite(r.size) || r.size < 0);
  if (bad) throw new InputError('E_NOT_FINITE', `firm ${bad.id} has no usable ${weight} (${bad.size}); use --weight count or fill the column`, { field: weight, row: bad.id, value: bad.size });
  return {
    ids: kept.map((r) => r.id), industry: kept.map((r) => r.industry),
    lon: Float64Array.from(kept, (r) => r.lon!), lat: Float64Array.from(kept, (r) => r.lat!), weight: Float64Array.from(kept, (r) => r.size!),
    warnings,
  };
}
