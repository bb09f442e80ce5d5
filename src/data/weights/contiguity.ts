/**
 * Queen and rook contiguity weights from region polygons (GeoJSON Polygon / MultiPolygon).
 *
 * Two regions are queen neighbours when some vertex of one lies within `snap` of some vertex of
 * the other (they share a corner or an edge); rook neighbours when at least two distinct vertices
 * of one lie within `snap` of vertices of the other (they share an edge's end points). Distances
 * are Euclidean in the coordinates' units (degrees for lon/lat: the snap is a noise tolerance,
 * not a distance). The default snap is √(float64 ε) ≈ 1.49e-8, spdep `poly2nb`'s default, so that
 * boundaries digitised twice with floating-point noise still meet; raise it for data with small
 * gaps or overlaps between neighbours (e.g. 1e-6 degrees ≈ 0.1 m).
 *
 * Method: all vertices are hashed into a grid of cell size max(snap, tiny); only vertices in the 3×3
 * cells around each vertex are compared, so the cost is O(V) expected for V vertices instead of
 * spdep's bounding-box pairs × vertex pairs. Repeated positions within a region (closing vertices,
 * shared ring points) count once.
 *
 * Difference from spdep: `poly2nb` counts vertex *pairs* within snap and keeps the ring-closing
 * duplicate of every ring but the first, so two regions meeting at one corner that is a ring start
 * can become rook neighbours there; we count distinct positions. This happens once on the Georgia
 * counties (13079–13193: spdep rook neighbours, libpysal and we not). PySAL's `Rook` asks for a shared
 * edge (two consecutive vertices equal in both), which agrees with both whenever shared edges are
 * digitised with the same vertices. Neighbour sets were checked equal to spdep 1.2.7 and libpysal
 * 4.7.0 on columbus, North Carolina and Georgia, except that one pair (test/weights.test.ts, fixtures from
 * test/reference/autocorrelation-{spdep.R,pysal.py}).
 * Limitation shared with both peers: only vertices are compared, so a T-junction (one region's
 * edge ending in the middle of another's edge, with no vertex there) is not a shared edge.
 * Invalid polygons are rejected with the reason from `validatePolygon` (E_PARSE, with the row),
 * unless `validate: false`.
 * Reference: Bivand, Pebesma & Gómez-Rubio (2013) Applied Spatial Data Analysis with R, §9.2,
 * doi:10.1007/978-1-4614-7618-4.
 */
import { InputError } from '../../core/errors.js';
import { validatePolygon } from '../../core/geo/validate-polygon.js';
import type { AreaGeometry } from '../../core/geo/types.js';
import { fromNeighbourLists, type SpatialWeights, type WeightsStyle } from './spatial-weights.js';

export interface RegionPolygon {
  id: string;
  geometry: AreaGeometry;
}

export interface ContiguityOptions {
  /** 'queen' (a shared point) or 'rook' (a shared edge); default 'queen'. */
  rule?: 'queen' | 'rook';
  /** Vertex matching tolerance in coordinate units; default √ε ≈ 1.49e-8 (spdep's). */
  snap?: number;
  /** Default 'W'. */
  style?: WeightsStyle;
  /** Validate every polygon first (default true); lon/lat ranges checked when `geographic`. */
  validate?: boolean;
  /** Coordinates are lon/lat (default true, as RFC 7946); only used by validation. */
  geographic?: boolean;
}

export const DEFAULT_SNAP = Math.sqrt(2 ** -52);

export function contiguityWeights(regions: readonly RegionPolygon[], options: ContiguityOptions = {}): SpatialWeights {
  const rule = options.rule ?? 'queen';
  const snap = options.snap ?? DEFAULT_SNAP;
  const style = options.style ?? 'W';
  const validate = options.validate ?? true;
  const geographic = options.geographic ?? true;
  if (rule !== 'queen' && rule !== 'rook') throw new InputError('E_OPTION', `contiguityWeights: rule must be 'queen' or 'rook', got ${JSON.stringify(rule)}`, { field: 'rule', value: rule });
  if (!(snap >= 0) || !Number.isFinite(snap)) throw new InputError('E_OPTION', `contiguityWeights: snap must be finite and ≥ 0, got ${snap}`, { field: 'snap', value: snap });
  const n = regions.length;
  // distinct vertices per region
  const xs: number[] = [];
  const ys: number[] = [];
  const owner: number[] = [];
  for (let r = 0; r < n; r++) {
    const g = regions[r].geometry;
    if (validate) {
      const v = validatePolygon(g, { geographic });
      if (!v.ok) throw new InputError('E_PARSE', `contiguityWeights: region ${regions[r].id} has an invalid polygon (${v.reason}: ${v.detail})`, { row: r, field: 'geometry', value: regions[r].id, reason: v.reason });
    }
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    const local = new Set<string>();
    for (const poly of polys) {
      for (const ring of poly) {
        for (const pos of ring) {
          const key = `${pos[0]},${pos[1]}`;
          if (local.has(key)) continue;
          local.add(key);
          xs.push(pos[0]);
          ys.push(pos[1]);
          owner.push(r);
        }
      }
    }
  }
  const V = xs.length;
  const cell = Math.max(snap, 1e-12);
  const grid = new Map<string, number[]>();
  const cx = new Float64Array(V);
  const cy = new Float64Array(V);
  for (let v = 0; v < V; v++) {
    cx[v] = Math.floor(xs[v] / cell);
    cy[v] = Math.floor(ys[v] / cell);
    const key = `${cx[v]},${cy[v]}`;
    const list = grid.get(key);
    if (list) list.push(v); else grid.set(key, [v]);
  }
  // for each unordered region pair: the distinct vertices of each side that matched the other side
  // (rook needs two on both sides, so two vertices of one region snapping to one vertex is not an edge)
  const matchedLow = new Map<number, Set<number>>();
  const matchedHigh = new Map<number, Set<number>>();
  const snap2 = snap * snap;
  for (let v = 0; v < V; v++) {
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        const list = grid.get(`${cx[v] + dx},${cy[v] + dy}`);
        if (!list) continue;
        for (const u of list) {
          if (u <= v || owner[u] === owner[v]) continue;
          const ddx = xs[u] - xs[v];
          const ddy = ys[u] - ys[v];
          if (ddx * ddx + ddy * ddy > snap2) continue;
          const a = Math.min(owner[u], owner[v]);
          const b = Math.max(owner[u], owner[v]);
          const key = a * n + b;
          const va = owner[u] === a ? u : v;
          const vb = owner[u] === a ? v : u;
          let s = matchedLow.get(key);
          if (!s) { s = new Set(); matchedLow.set(key, s); matchedHigh.set(key, new Set()); }
          s.add(va);
          matchedHigh.get(key)!.add(vb);
        }
      }
    }
  }
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  const need = rule === 'queen' ? 1 : 2;
  for (const [key, s] of matchedLow) {
    if (Math.min(s.size, matchedHigh.get(key)!.size) < need) continue;
    const a = Math.floor(key / n);
    const b = key - a * n;
    neighbours[a].push(b);
    neighbours[b].push(a);
  }
  return fromNeighbourLists({ ids: regions.map((r) => r.id), neighbours }, { style, kind: rule, parameters: { rule, snap } });
}
