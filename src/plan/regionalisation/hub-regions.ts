/**
 * Hub regionalisation of points (firms of a value chain): k regional groups, each served by a hub,
 * chosen as a p-median of the points on great-circle distance — the groups of a regional cluster
 * network such as the seed's seven (Yurun), each meant to close its chain within a logistics
 * radius of its hub.
 *
 *   min Σᵢ wᵢ · min_{h∈H} d(i, h)   over hub sets H ⊂ candidates, |H| = k;  group(i) = argmin_h d(i, h)
 *
 * i points (weight wᵢ, e.g. 1 per firm or employees), d great-circle km (haversine), candidates
 * the points themselves (a seeded sample of `maxCandidates` when there are more). Solved by
 * greedy + interchange (`pMedianHeuristic`; Teitz & Bart 1968, doi:10.1287/opre.16.5.955).
 *
 * With `groups` unset, k is the largest in 1…`maxGroups` for which every group holds at least
 * `minShare` of the total weight within `radiusKm` of its hub: a regional group must be a real
 * concentration of the chain inside one logistics radius, so an extra hub placed among scattered
 * firms (holding little weight within the radius) ends the search. This is a documented rule,
 * not a statistical test; pass `groups` to impose k.
 * More than `maxPoints` points are first aggregated into cells of 0.05° (doubled until there are
 * at most `maxPoints` cells; weights summed, position the cell's mean) and every point takes its
 * cell's group; this is reported in the warnings.
 *
 * How to read: `withinRadius[g]` is the weight share of group g within `radiusKm` of its hub; a
 * low share says the group is wider than the logistics radius. Points scattered far from every
 * group are still assigned to the nearest hub (their distance is in `distanceKm`).
 * Degenerate: fewer than 2 points, or k outside [1, points], throws E_OPTION/E_DEGENERATE.
 * Complexity: memory O(n·m) for the distance matrix (n ≤ maxPoints units, m ≤ maxCandidates);
 * time per k O(n·m) for the warm-started greedy step and O(n·m) per interchange pass.
 * Deterministic given `seed` (only the candidate sample uses it).
 * Checked: test/plan-network.test.ts — the demo's seven planted pork groups are recovered with
 * adjusted Rand index ≥ 0.9; planted blobs on hand-built instances.
 */
import { InputError } from '../../core/errors.js';
import { haversineKm } from '../../core/geo/haversine-km.js';
import { createRng } from '../../core/rng.js';
import { greatCircleMatrix } from '../location/distances.js';
import { pMedianHeuristic } from '../location/p-median-heuristic.js';

export interface HubRegionsOptions {
  /** Number of groups; unset = chosen by the within-radius share rule among 1…maxGroups. */
  groups?: number;
  /** Largest k tried when `groups` is unset. Default 12. */
  maxGroups?: number;
  /** Smallest weight share (of the total) each group must hold within radiusKm of its hub. Default 0.05. */
  minShare?: number;
  /** Logistics radius (km) for the within-radius shares. Default 200. */
  radiusKm?: number;
  /** Candidate hubs: every point up to this many, else a seeded sample. Default 1000. */
  maxCandidates?: number;
  /** Above this many points, aggregate into cells first (0.05°, coarser if needed). Default 20000. */
  maxPoints?: number;
  seed?: number;
}

export interface HubRegionsResult {
  /** Group of each point, 0-based, numbered by hub longitude west to east (ties by latitude). */
  groups: Int32Array;
  /** Point index of each group's hub. */
  hubs: Int32Array;
  k: number;
  /** Σᵢ wᵢ d(i, hub(i)) in weight·km. */
  objective: number;
  /** Distance (km) of each point to its hub. */
  distanceKm: Float64Array;
  /** Weight share of each group within radiusKm of its hub. */
  withinRadius: Float64Array;
  /** Per k tried: objective and the smallest group's weight share within the radius. */
  selection: { k: number; objective: number; smallestShare: number; accepted: boolean }[];
  warnings: string[];
  provenance: { method: 'hub-regions'; options: Record<string, unknown>; references: string[] };
}

function sampleIndices(n: number, size: number, seed: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (n <= size) return all;
  const rng = createRng(seed);
  for (let i = 0; i < size; i++) { const j = i + rng.int(n - i); [all[i], all[j]] = [all[j], all[i]]; }
  return all.slice(0, size).sort((a, b) => a - b);
}

export function hubRegions(lon: Float64Array, lat: Float64Array, weight: Float64Array, options: HubRegionsOptions = {}): HubRegionsResult {
  const radiusKm = options.radiusKm ?? 200;
  const maxGroups = options.maxGroups ?? 12;
  const minShare = options.minShare ?? 0.05;
  const maxCandidates = options.maxCandidates ?? 1000;
  const maxPoints = options.maxPoints ?? 20000;
  const seed = options.seed ?? 42;
  const N = lon.length;
  const warnings: string[] = [];
  if (lat.length !== N || weight.length !== N) throw new InputError('E_OPTION', `hubRegions: lon, lat and weight must have the same length (${N}, ${lat.length}, ${weight.length})`, { field: 'lat' });
  for (let i = 0; i < N; i++) {
    if (!(Number.isFinite(lon[i]) && Math.abs(lon[i]) <= 180 && Number.isFinite(lat[i]) && Math.abs(lat[i]) <= 90)) throw new InputError('E_NOT_FINITE', `hubRegions: point ${i} has no valid lon/lat (${lon[i]}, ${lat[i]})`, { field: 'lon', row: i, value: lon[i] });
    if (!(Number.isFinite(weight[i]) && weight[i] >= 0)) throw new InputError('E_NEGATIVE', `hubRegions: weight[${i}] must be finite and ≥ 0, got ${weight[i]}`, { field: 'weight', row: i, value: weight[i] });
  }
  if (N < 2) throw new InputError('E_DEGENERATE', `hubRegions: need at least 2 points, got ${N}`, { field: 'points', value: N });
  if (!(radiusKm > 0)) throw new InputError('E_OPTION', `hubRegions: radiusKm must be > 0, got ${radiusKm}`, { field: 'radiusKm', value: radiusKm });
  if (options.groups !== undefined && !(Number.isInteger(options.groups) && options.groups >= 1 && options.groups <= N)) {
    throw new InputError('E_OPTION', `hubRegions: groups must be an integer in [1, ${N}], got ${options.groups}`, { field: 'groups', value: options.groups });
  }
  if (!(Number.isInteger(maxGroups) && maxGroups >= 1)) throw new InputError('E_OPTION', `hubRegions: maxGroups must be a positive integer, got ${maxGroups}`, { field: 'maxGroups', value: maxGroups });
  for (const [name, v] of [['maxCandidates', maxCandidates], ['maxPoints', maxPoints]] as const) {
    if (!(Number.isInteger(v) && v >= 2)) throw new InputError('E_OPTION', `hubRegions: ${name} must be an integer ≥ 2, got ${v}`, { field: name, value: v });
  }
  if (!(minShare >= 0 && minShare < 1)) throw new InputError('E_OPTION', `hubRegions: minShare must be in [0, 1), got ${minShare}`, { field: 'minShare', value: minShare });

  // demand units: the points, or 0.05° cells of them
  let unitOf: Int32Array | undefined;
  let ux: Float64Array = lon; let uy: Float64Array = lat; let uw: Float64Array = weight;
  if (N > maxPoints) {
    // 0.05° cells, doubled until there are at most maxPoints of them
    let size = 0.05;
    let cell = new Map<string, number>();
    const key = (i: number): string => `${Math.floor(lon[i] / size)},${Math.floor(lat[i] / size)}`;
    for (;;) {
      cell = new Map();
      for (let i = 0; i < N && cell.size <= maxPoints; i++) { const k = key(i); if (!cell.has(k)) cell.set(k, cell.size); }
      if (cell.size <= maxPoints) break;
      size *= 2;
    }
    unitOf = new Int32Array(N);
    const U = cell.size;
    const sx = new Float64Array(U); const sy = new Float64Array(U); const sw = new Float64Array(U); const sc = new Float64Array(U);
    for (let i = 0; i < N; i++) {
      const u = cell.get(key(i))!;
      unitOf[i] = u; sx[u] += lon[i]; sy[u] += lat[i]; sw[u] += weight[i]; sc[u]++;
    }
    ux = sx.map((v, u) => v / sc[u]); uy = sy.map((v, u) => v / sc[u]); uw = sw;
    warnings.push(`hubRegions: ${N} points aggregated into ${U} cells of ${size}° before siting hubs`);
  }
  const n = ux.length;
  const cand = sampleIndices(n, maxCandidates, seed);
  const m = cand.length;
  if (m < n) warnings.push(`hubRegions: hubs chosen among a seeded sample of ${m} of ${n} points (maxCandidates)`);
  const d = greatCircleMatrix(ux, uy, Float64Array.from(cand, (c) => ux[c]), Float64Array.from(cand, (c) => uy[c]));
  let total = 0;
  for (let i = 0; i < n; i++) total += uw[i];
  const ks = options.groups !== undefined ? [Math.min(options.groups, m)] : Array.from({ length: Math.min(maxGroups, m) }, (_, t) => t + 1);
  if (options.groups !== undefined && options.groups > m) warnings.push(`hubRegions: ${options.groups} groups asked but only ${m} candidate hubs; using ${m}`);
  const selection: HubRegionsResult['selection'] = [];
  let chosen: { k: number; open: Int32Array; assignment: Int32Array; objective: number } | undefined;
  let previous: Int32Array | undefined;
  for (const k of ks) {
    // warm start: the previous k's hubs plus one greedy addition, then interchange
    const sol = pMedianHeuristic(d, uw, m, k, { start: previous && previous.length < k ? previous : undefined });
    previous = sol.open;
    const inside = new Map<number, number>(Array.from(sol.open, (j) => [j, 0]));
    for (let i = 0; i < n; i++) { const j = sol.assignment[i]; if (d[i * m + j] <= radiusKm) inside.set(j, inside.get(j)! + uw[i]); }
    const smallestShare = total > 0 ? Math.min(...inside.values()) / total : 0;
    const accepted = ks.length === 1 || smallestShare >= minShare;
    selection.push({ k, objective: sol.objective, smallestShare, accepted });
    if (accepted) chosen = { k, open: sol.open, assignment: sol.assignment, objective: sol.objective };
  }
  if (!chosen) {
    const sol = pMedianHeuristic(d, uw, m, 1);
    chosen = { k: 1, open: sol.open, assignment: sol.assignment, objective: sol.objective };
    warnings.push(`hubRegions: no k in 1…${ks.length} gives every group ${minShare} of the weight within ${radiusKm} km; returning one group`);
  }
  const { k, open, assignment, objective } = chosen!;
  // number groups by hub position, west to east, so output is stable under input order
  const hubUnits = Array.from(open, (c) => cand[c]);
  const orderIdx = hubUnits.map((_, t) => t).sort((a, b) => ux[hubUnits[a]] - ux[hubUnits[b]] || uy[hubUnits[a]] - uy[hubUnits[b]]);
  const rank = new Int32Array(k);
  orderIdx.forEach((t, r) => { rank[t] = r; });
  const slot = new Map(Array.from(open, (c, t) => [c, t]));
  const unitGroup = new Int32Array(n);
  for (let i = 0; i < n; i++) unitGroup[i] = rank[slot.get(assignment[i])!];
  const hubsUnits = new Int32Array(k);
  orderIdx.forEach((t, r) => { hubsUnits[r] = hubUnits[t]; });
  // back to points
  const groups = unitOf ? Int32Array.from(unitOf, (u) => unitGroup[u]) : unitGroup;
  const hubs = new Int32Array(k);
  for (let g = 0; g < k; g++) {
    const u = hubsUnits[g];
    if (!unitOf) { hubs[g] = u; continue; }
    // the point of the hub cell nearest to the cell's mean position
    let best = -1; let bd = Number.POSITIVE_INFINITY;
    for (let i = 0; i < N; i++) if (unitOf[i] === u) { const v = haversineKm(lon[i], lat[i], ux[u], uy[u]); if (v < bd) { bd = v; best = i; } }
    hubs[g] = best;
  }
  const distanceKm = new Float64Array(N);
  const inW = new Float64Array(k); const allW = new Float64Array(k);
  for (let i = 0; i < N; i++) {
    const h = hubs[groups[i]];
    distanceKm[i] = haversineKm(lon[i], lat[i], lon[h], lat[h]);
    allW[groups[i]] += weight[i];
    if (distanceKm[i] <= radiusKm) inW[groups[i]] += weight[i];
  }
  const withinRadius = Float64Array.from(allW, (v, g) => (v > 0 ? inW[g] / v : Number.NaN));
  return {
    groups, hubs, k, objective, distanceKm, withinRadius, selection, warnings,
    provenance: {
      method: 'hub-regions',
      options: { groups: options.groups ?? null, maxGroups, minShare, radiusKm, maxCandidates, maxPoints, seed },
      references: ['Teitz, M. B. & Bart, P. (1968) Operations Research 16(5):955–961, doi:10.1287/opre.16.5.955', 'Kuehn, A. A. & Hamburger, M. J. (1963) Management Science 9(4):643–666, doi:10.1287/mnsc.9.4.643'],
    },
  };
}
