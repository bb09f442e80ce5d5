/**
 * The study area of the demo scenario: county-level regions as Voronoi cells of real
 * county/city seats plus deterministic filler seeds, clipped to the study box.
 *
 * Construction (independent of the scenario seed, so every scenario shares one map):
 * 1. real seats (seats.ts) and filler seeds on a jittered 0.75° grid over land, kept at least
 *    0.42° (scaled degrees) from any real seat;
 * 2. "sea" seeds on a 0.5° grid outside the land outline: their cells are dropped, so the kept
 *    cells end roughly at the coast and at the borders;
 * 3. the Voronoi diagram (planar in lon/lat degrees, d3-delaunay) clipped to STUDY_BBOX;
 * 4. each filler takes the prefecture and province of its nearest real seat, a synthetic code
 *    (prefecture + 60…99, skipping real codes) and a synthetic two-syllable name.
 *
 * Point location: a point belongs to the cell of its nearest seed (that is what a Voronoi cell
 * is). `locate` refuses points closer than LOCATE_MARGIN degrees to a cell edge or to the box,
 * so that the 6-decimal rounding of written coordinates and polygons can never move a point
 * across an edge: every firm written is strictly inside the polygon of its region.
 */
import { Delaunay } from 'd3-delaunay';
import { createRng } from '../core/rng.js';
import { FILLER_SYLLABLES, LAND_OUTLINE, PREFECTURES, PROVINCES, STUDY_BBOX, type SeatKind } from './places.js';
import { SEATS } from './seats.js';

/** Points this close (degrees) to a cell edge or the box are refused by `locate`. */
export const LOCATE_MARGIN = 1e-5;

const KM_PER_DEG_LAT = 110.574;
const KM_PER_DEG_LON_EQ = 111.32;
const RAD = Math.PI / 180;

export interface RegionShape {
  code: string;
  name: string;
  kind: SeatKind;
  /** True for filler regions (synthetic code and name). */
  synthetic: boolean;
  prefecture: string;
  prefectureName: string;
  province: string;
  provinceName: string;
  /** Seat (generating point) of the cell. */
  lon: number;
  lat: number;
  /** Closed counter-clockwise ring, coordinates rounded to 6 decimals. */
  ring: [number, number][];
  areaKm2: number;
  /** Share of the cell inside the land outline (sampled on a 7×7 grid). */
  landFraction: number;
}

export interface Geography {
  bbox: readonly [number, number, number, number];
  /** Sorted by code. */
  regions: RegionShape[];
  regionIndex: ReadonlyMap<string, number>;
  /** Index of the region containing the point, or −1 (sea, outside, or too close to an edge). */
  locate(lon: number, lat: number, hintRegion?: number): number;
  /** Inside the land outline. */
  isLand(lon: number, lat: number): boolean;
}

let cached: Geography | undefined;

/** The scenario's map (built once per process; it does not depend on the seed). */
export function getGeography(): Geography {
  cached ??= buildGeography();
  return cached;
}

const round6 = (v: number): number => Math.round(v * 1e6) / 1e6;

const OUT_X = Float64Array.from(LAND_OUTLINE, (p) => p[0]);
const OUT_Y = Float64Array.from(LAND_OUTLINE, (p) => p[1]);

/** Ray casting against the land outline. */
function inOutline(px: number, py: number): boolean {
  let inside = false;
  const n = OUT_X.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const yi = OUT_Y[i];
    const yj = OUT_Y[j];
    if (yi > py !== yj > py && px < ((OUT_X[j] - OUT_X[i]) * (py - yi)) / (yj - yi) + OUT_X[i]) inside = !inside;
  }
  return inside;
}

/** Distance in "scaled degrees" (longitude shrunk by cos φ) from a point to the outline. */
function distanceToOutline(px: number, py: number): number {
  const k = Math.cos(py * RAD);
  let best = Infinity;
  const n = LAND_OUTLINE.length;
  for (let i = 0; i < n; i++) {
    const [ax, ay] = LAND_OUTLINE[i];
    const [bx, by] = LAND_OUTLINE[(i + 1) % n];
    const ux = (bx - ax) * k;
    const uy = by - ay;
    const wx = (px - ax) * k;
    const wy = py - ay;
    const len2 = ux * ux + uy * uy;
    const t = len2 > 0 ? Math.max(0, Math.min(1, (wx * ux + wy * uy) / len2)) : 0;
    const dx = wx - t * ux;
    const dy = wy - t * uy;
    best = Math.min(best, Math.sqrt(dx * dx + dy * dy));
  }
  return best;
}

function scaledDistance(ax: number, ay: number, bx: number, by: number): number {
  const k = Math.cos(((ay + by) / 2) * RAD);
  const dx = (ax - bx) * k;
  const dy = ay - by;
  return Math.sqrt(dx * dx + dy * dy);
}

function ringAreaKm2(ring: ReadonlyArray<readonly [number, number]>, lat0: number): number {
  const kx = KM_PER_DEG_LON_EQ * Math.cos(lat0 * RAD);
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    s += ring[i][0] * kx * ring[i + 1][1] * KM_PER_DEG_LAT - ring[i + 1][0] * kx * ring[i][1] * KM_PER_DEG_LAT;
  }
  return Math.abs(s) / 2;
}

function buildGeography(): Geography {
  const [minLon, minLat, maxLon, maxLat] = STUDY_BBOX;
  const rng = createRng(20170630); // fixed: the map is the same for every scenario seed
  const exactLand = inOutline;
  // A 0.05° raster of the outline: cells wholly on land or at sea answer at once; only the
  // cells the outline crosses fall back to the exact ray-casting test.
  const cell = 0.05;
  const nx = Math.ceil((maxLon - minLon) / cell);
  const ny = Math.ceil((maxLat - minLat) / cell);
  const raster = new Uint8Array(nx * ny); // 0 sea, 1 land, 2 mixed
  for (let k = 0; k < LAND_OUTLINE.length; k++) {
    const [ax, ay] = LAND_OUTLINE[k];
    const [bx, by] = LAND_OUTLINE[(k + 1) % LAND_OUTLINE.length];
    const steps = Math.ceil((Math.abs(bx - ax) + Math.abs(by - ay)) / (cell / 4)) + 1;
    for (let t = 0; t <= steps; t++) {
      const ci = Math.floor((ax + ((bx - ax) * t) / steps - minLon) / cell);
      const cj = Math.floor((ay + ((by - ay) * t) / steps - minLat) / cell);
      for (let dj = -1; dj <= 1; dj++) {
        for (let di = -1; di <= 1; di++) {
          const i = ci + di;
          const j = cj + dj;
          if (i >= 0 && j >= 0 && i < nx && j < ny) raster[j * nx + i] = 2;
        }
      }
    }
  }
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      if (raster[j * nx + i] === 2) continue;
      raster[j * nx + i] = exactLand(minLon + (i + 0.5) * cell, minLat + (j + 0.5) * cell) ? 1 : 0;
    }
  }
  const isLand = (lon: number, lat: number): boolean => {
    const i = Math.floor((lon - minLon) / cell);
    const j = Math.floor((lat - minLat) / cell);
    if (i < 0 || j < 0 || i >= nx || j >= ny) return false;
    const v = raster[j * nx + i];
    return v === 2 ? exactLand(lon, lat) : v === 1;
  };

  interface SeedInfo { lon: number; lat: number; real: boolean; seat?: (typeof SEATS)[number] }
  const seeds: SeedInfo[] = SEATS.map((s) => ({ lon: s[2], lat: s[3], real: true, seat: s }));
  const realCount = seeds.length;

  // Filler seeds on a jittered grid over land, away from real seats and the coast.
  const fillers: SeedInfo[] = [];
  const step = 0.75;
  for (let lat = maxLat - step / 2; lat > minLat; lat -= step) {
    for (let lon = minLon + step / 2; lon < maxLon; lon += step) {
      const fx = round6(lon + (rng.next() - 0.5) * 0.4);
      const fy = round6(lat + (rng.next() - 0.5) * 0.4);
      if (fx <= minLon + 0.05 || fx >= maxLon - 0.05 || fy <= minLat + 0.05 || fy >= maxLat - 0.05) continue;
      if (!isLand(fx, fy) || distanceToOutline(fx, fy) < 0.12) continue;
      let near = false;
      for (let i = 0; i < realCount && !near; i++) if (scaledDistance(fx, fy, seeds[i].lon, seeds[i].lat) < 0.42) near = true;
      if (!near) fillers.push({ lon: fx, lat: fy, real: false });
    }
  }
  seeds.push(...fillers);
  const keptCount = seeds.length;

  // Sea seeds: their cells are dropped.
  const sea = 0.5;
  for (let lat = minLat + sea / 4; lat < maxLat; lat += sea) {
    for (let lon = minLon + sea / 4; lon < maxLon; lon += sea) {
      if (!isLand(lon, lat) && distanceToOutline(lon, lat) >= 0.18) seeds.push({ lon: round6(lon), lat: round6(lat), real: false });
    }
  }

  const n = seeds.length;
  const xy = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    xy[2 * i] = seeds[i].lon;
    xy[2 * i + 1] = seeds[i].lat;
  }
  const delaunay = new Delaunay(xy);
  const voronoi = delaunay.voronoi([minLon, minLat, maxLon, maxLat]);

  // Neighbour lists in CSR form, with 1 / (2·|a − b|) for the edge-margin test.
  const nbrStart = new Int32Array(n + 1);
  const lists: number[][] = [];
  for (let i = 0; i < n; i++) {
    const l = [...delaunay.neighbors(i)];
    lists.push(l);
    nbrStart[i + 1] = nbrStart[i] + l.length;
  }
  const nbr = new Int32Array(nbrStart[n]);
  const nbrHalfInv = new Float64Array(nbrStart[n]);
  for (let i = 0; i < n; i++) {
    lists[i].forEach((j, k) => {
      nbr[nbrStart[i] + k] = j;
      const dx = xy[2 * i] - xy[2 * j];
      const dy = xy[2 * i + 1] - xy[2 * j + 1];
      nbrHalfInv[nbrStart[i] + k] = 1 / (2 * Math.sqrt(dx * dx + dy * dy));
    });
  }

  // Attributes of kept cells.
  const provinceName = new Map(PROVINCES.map((p) => [p[0], p[1]]));
  const usedCodes = new Set(SEATS.map((s) => s[0]));
  const nextSuffix = new Map<string, number>();
  const usedNames = new Set<string>();
  const syll = [...FILLER_SYLLABLES];
  interface Draft { seed: number; code: string; name: string; kind: SeatKind; synthetic: boolean; prefecture: string }
  const drafts: Draft[] = [];
  for (let i = 0; i < realCount; i++) {
    const s = seeds[i].seat!;
    const prefecture = s[0].slice(0, 4);
    drafts.push({ seed: i, code: s[0], name: s[1], kind: s[4], synthetic: false, prefecture });
  }
  for (let i = realCount; i < keptCount; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let j = 0; j < realCount; j++) {
      const dd = scaledDistance(seeds[i].lon, seeds[i].lat, seeds[j].lon, seeds[j].lat);
      if (dd < bestD) { bestD = dd; best = j; }
    }
    const prefecture = seeds[best].seat![0].slice(0, 4);
    let suffix = nextSuffix.get(prefecture) ?? 60;
    while (usedCodes.has(`${prefecture}${suffix}`)) suffix++;
    if (suffix > 99) throw new Error(`scenario geography: prefecture ${prefecture} has more than 40 filler regions`);
    const code = `${prefecture}${suffix}`;
    usedCodes.add(code);
    nextSuffix.set(prefecture, suffix + 1);
    let name = '';
    for (let tries = 0; tries < 1000; tries++) {
      const a = syll[rng.int(syll.length)];
      const b = syll[rng.int(syll.length)];
      if (a === b) continue;
      name = `${a}${b}${prefecture.startsWith('15') ? '旗' : '县'}`;
      if (!usedNames.has(name)) break;
    }
    usedNames.add(name);
    drafts.push({ seed: i, code, name, kind: 'county', synthetic: true, prefecture });
  }
  drafts.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const seedRegion = new Int32Array(n).fill(-1);
  const regionSeed = new Int32Array(drafts.length);
  drafts.forEach((dr, r) => {
    seedRegion[dr.seed] = r;
    regionSeed[r] = dr.seed;
  });

  const locate = (lon: number, lat: number, hintRegion = 0): number => {
    if (!(lon > minLon + LOCATE_MARGIN && lon < maxLon - LOCATE_MARGIN && lat > minLat + LOCATE_MARGIN && lat < maxLat - LOCATE_MARGIN)) return -1;
    const s = delaunay.find(lon, lat, regionSeed[hintRegion] ?? 0);
    const r = seedRegion[s];
    if (r < 0) return -1;
    const dx = lon - xy[2 * s];
    const dy = lat - xy[2 * s + 1];
    const d0 = dx * dx + dy * dy;
    for (let k = nbrStart[s]; k < nbrStart[s + 1]; k++) {
      const j = nbr[k];
      const ex = lon - xy[2 * j];
      const ey = lat - xy[2 * j + 1];
      if ((ex * ex + ey * ey - d0) * nbrHalfInv[k] < LOCATE_MARGIN) return -1;
    }
    return r;
  };

  const regions: RegionShape[] = drafts.map((dr) => {
    const poly = voronoi.cellPolygon(dr.seed) as [number, number][] | null;
    if (!poly) throw new Error(`scenario geography: empty cell for ${dr.code}`);
    const ring: [number, number][] = [];
    for (const [px, py] of poly) {
      const p: [number, number] = [round6(px), round6(py)];
      const last = ring[ring.length - 1];
      if (!last || last[0] !== p[0] || last[1] !== p[1]) ring.push(p);
    }
    if (ring[0][0] !== ring[ring.length - 1][0] || ring[0][1] !== ring[ring.length - 1][1]) ring.push([ring[0][0], ring[0][1]]);
    let signed = 0;
    for (let i = 0; i + 1 < ring.length; i++) signed += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
    if (signed < 0) ring.reverse();
    const seed = seeds[dr.seed];
    // Land share of the cell, sampled on a 7×7 grid over its bounding box.
    let bx0 = Infinity, by0 = Infinity, bx1 = -Infinity, by1 = -Infinity;
    for (const [px, py] of ring) { bx0 = Math.min(bx0, px); by0 = Math.min(by0, py); bx1 = Math.max(bx1, px); by1 = Math.max(by1, py); }
    let inCell = 0;
    let onLand = 0;
    for (let a = 0; a < 7; a++) {
      for (let b = 0; b < 7; b++) {
        const px = bx0 + ((a + 0.5) / 7) * (bx1 - bx0);
        const py = by0 + ((b + 0.5) / 7) * (by1 - by0);
        if (delaunay.find(px, py, dr.seed) !== dr.seed) continue;
        inCell++;
        if (isLand(px, py)) onLand++;
      }
    }
    const province = dr.prefecture.slice(0, 2);
    return {
      code: dr.code,
      name: dr.name,
      kind: dr.kind,
      synthetic: dr.synthetic,
      prefecture: `${dr.prefecture}00`,
      prefectureName: PREFECTURES[dr.prefecture] ?? dr.prefecture,
      province: `${province}0000`,
      provinceName: provinceName.get(province) ?? province,
      lon: seed.lon,
      lat: seed.lat,
      ring,
      areaKm2: ringAreaKm2(ring, seed.lat),
      landFraction: inCell > 0 ? Math.max(0.15, onLand / inCell) : 1,
    };
  });
  const regionIndex = new Map(regions.map((r, i) => [r.code, i]));
  return { bbox: STUDY_BBOX, regions, regionIndex, locate, isLand };
}

/** Kilometres per degree of longitude at a latitude, and of latitude. */
export function kmPerDegree(lat: number): { lon: number; lat: number } {
  return { lon: KM_PER_DEG_LON_EQ * Math.cos(lat * RAD), lat: KM_PER_DEG_LAT };
}
