/**
 * Finishing a pair-distance histogram (src/data/pair-histogram.ts, filled on either engine by
 * src/load/pair-histogram.ts) into Ripley-type cumulative pair counts and the Duranton–Overman
 * K-density, without the points.
 *
 * ripleyCountsFromHistogram — the pairs within each radius:
 *
 *   C(r) = #{ i < j : d(i, j) < r }   (at r = cutoff also d = cutoff)
 *   K(r) = |W| · 2C(r) / (n(n−1)),  L(r) = √(K(r)/π)   (with `area` = |W|; no edge correction)
 *
 * n: points; |W|: the study area in km². C is exact at the bin edges (the sum of the bins below);
 * between edges it is interpolated linearly (the pairs of a bin taken as spread evenly), off by
 * at most that bin's count, and `exact[k]` says which. Radii beyond the cutoff are refused (the
 * histogram does not know those pairs).
 *
 * kDensityFromHistogram — the K-density of k-density.ts from the bins:
 *
 *   K(r) = 1 / (h · N) · Σ_b c_b · [φ((r − m_b) / h) + φ((r + m_b) / h)]
 *
 * c_b: pairs of bin b, m_b its centre; N = n(n−1)/2, all pairs near or far (DO2005 eq. 1, dbmss
 * Kdhat); h: R's bw.nrd0 (Silverman) as kDensity's binned mode computes it: 0.9 · min(sd,
 * IQR/1.34) · m^(−1/5) · adjust over the m pairs within the cutoff, sd exact from Σd and Σd²,
 * the quartiles read from the bin counts (a bin's pairs spread evenly; error ≤ one bin width w).
 * Give the histogram a cutoff of 2·rmax, as kDensity lists the pairs within 2·rmax: a curve
 * evaluated beyond cutoff/2 misses the kernels of the pairs beyond the cutoff (a warning says so).
 *
 * The error the binning adds: each distance is moved to its bin's centre, at most w/2 away
 * (w = cutoff/bins), so |ΔK(r)| ≤ (w/2) · 2·φ(1)/h² · m/N (φ(1) = 0.242, the steepest slope of
 * the kernel) — first order in w/h in the worst case and O(w²/h²) when the distances spread
 * smoothly over the bins (the midpoint rule). kDensity's binned mode instead spreads each
 * distance linearly over the two nearest of 2,048 grid points on [0, 2·rmax] (error O(Δ²/h²),
 * Δ = 2·rmax/2047). Measured against it on the demo's moulds (3525, 315 firms, cutoff 100 km,
 * h = 0.59 km; test/engine-pair-histogram.test.ts): the largest difference is 13% of the curve's
 * peak with 64 bins (w = 1.56 km), 0.48% with 256, 0.10% with 1,024 and 0.05% with 2,048
 * (w = 0.049 km) — first order in w/h, as the bound says. A practical rule: w ≤ h/10, i.e.
 * bins ≥ 10 · cutoff / h.
 *
 * Degenerate: fewer than 2 pairs within the cutoff (1 with a fixed bandwidth) → E_DEGENERATE;
 * fewer than 2 points → E_DEGENERATE.
 * Complexity: O(bins) for the counts; O(bins · 16h/Δr) to smooth.
 * References: Duranton, G. & Overman, H. G. (2005) Review of Economic Studies 72(4):1077–1106,
 * doi:10.1111/0034-6527.00362; Ripley, B. D. (1977) J. R. Stat. Soc. B 39(2):172–212,
 * doi:10.1111/j.2517-6161.1977.tb01615.x; Hall, P. & Wand, M. P. (1996) "On the accuracy of
 * binned kernel density estimators", J. Multivariate Analysis 56:165–184,
 * doi:10.1006/jmva.1996.0009.
 * Cross-checked (test/engine-pair-histogram.test.ts) against brute-force pair counts and
 * against kDensity's binned mode on the same points.
 *
 * @example
 *   const h = (await loadPairHistogram(ws, { industry: '3525', cutoffKm: 100, bins: 2048 })).value;
 *   ripleyCountsFromHistogram(h, { radii: [5, 10, 25] }).value.pairs; // pairs within 5, 10, 25 km
 *   kDensityFromHistogram(h, {}).value.value;                        // K-density on [0, 50] km
 */
import { InputError } from '../../core/errors.js';
import type { PairHistogram } from '../../data/pair-histogram.js';
import type { MeasureResult } from '../result.js';
import type { KDensityCurve } from './k-density.js';
import { checkPairs, smoothDistances } from './k-density-kernel.js';

/** A radius within this share of the cutoff of an edge is that edge. */
const EDGE_TOLERANCE = 1e-12;

export interface RipleyCounts {
  r: Float64Array;
  /** C(r): pairs with d < r (d ≤ r at the cutoff). */
  pairs: Float64Array;
  /** Whether C(r) is exact (r at a bin edge) or interpolated within a bin. */
  exact: boolean[];
  /** K(r) = area · 2C(r) / (n(n−1)), without edge correction (with `area`). */
  k?: Float64Array;
  /** L(r) = √(K(r)/π) (with `area`). */
  l?: Float64Array;
  distanceUnit: 'km';
}

function checkHistogram(h: PairHistogram, f: string): void {
  const bins = h.counts.length;
  if (!(bins >= 1 && h.edges.length === bins + 1)) throw new InputError('E_OPTION', `${f}: a histogram needs bins + 1 edges, got ${h.edges.length} edges for ${bins} bins`, { field: 'edges', value: h.edges.length });
  for (let b = 0; b < bins; b++) {
    if (!(Number.isFinite(h.counts[b]) && h.counts[b] >= 0)) throw new InputError('E_NOT_FINITE', `${f}: counts[${b}] must be a count ≥ 0, got ${h.counts[b]}`, { field: 'counts', row: b, value: h.counts[b] });
  }
}

/** Ripley-type cumulative pair counts C(r) at `radii` (km, ≤ cutoff), with K and L when `area` (km²) is given. */
export function ripleyCountsFromHistogram(h: PairHistogram, options: { radii: ArrayLike<number>; area?: number }): MeasureResult<RipleyCounts> {
  const f = 'ripleyCountsFromHistogram';
  checkHistogram(h, f);
  const { radii, area } = options;
  if (area !== undefined && !(Number.isFinite(area) && area > 0)) throw new InputError('E_OPTION', `${f}: area must be > 0 km², got ${area}`, { field: 'area', value: area });
  const bins = h.counts.length, cutoff = h.edges[bins];
  const cum = new Float64Array(bins + 1);
  for (let b = 0; b < bins; b++) cum[b + 1] = cum[b] + h.counts[b];
  const r = Float64Array.from(radii);
  const pairs = new Float64Array(r.length);
  const exact: boolean[] = [];
  const width = cutoff / bins;
  for (let k = 0; k < r.length; k++) {
    const x = r[k];
    if (!(Number.isFinite(x) && x >= 0 && x <= cutoff * (1 + EDGE_TOLERANCE))) throw new InputError('E_OPTION', `${f}: radii[${k}] must be in [0, cutoff = ${cutoff}], got ${x}`, { field: 'radii', row: k, value: x });
    const e = Math.min(bins, Math.round(x / width));
    if (Math.abs(x - h.edges[e]) <= EDGE_TOLERANCE * cutoff) { pairs[k] = cum[e]; exact.push(true); continue; }
    const b = Math.min(bins - 1, Math.floor(x / width));
    pairs[k] = cum[b] + (h.counts[b] * (x - h.edges[b])) / (h.edges[b + 1] - h.edges[b]);
    exact.push(false);
  }
  const value: RipleyCounts = { r, pairs, exact, distanceUnit: 'km' };
  if (area !== undefined) {
    const n = h.points;
    if (n < 2) throw new InputError('E_DEGENERATE', `${f}: ${n} point(s); K needs at least 2`, { field: 'points', value: n });
    value.k = Float64Array.from(pairs, (c) => (area * 2 * c) / (n * (n - 1)));
    value.l = Float64Array.from(value.k, (v) => Math.sqrt(v / Math.PI));
  }
  const warnings = exact.every(Boolean) ? [] : [`${f}: ${exact.filter((x) => !x).length} radius/radii fall inside a bin: C(r) interpolated there (give radii at bin edges, multiples of ${width} km, for exact counts)`];
  return { value, n: h.points, warnings, provenance: { measure: f, options: { radii: Array.from(r), area }, references: ['Ripley (1977) doi:10.1111/j.2517-6161.1977.tb01615.x'] } };
}

/** Type-7-like quantile of distances spread evenly within their bins. */
function histogramQuantile(h: PairHistogram, m: number, p: number): number {
  const target = (m - 1) * p + 0.5;
  let cum = 0;
  const bins = h.counts.length;
  for (let b = 0; b < bins; b++) {
    const c = h.counts[b];
    if (c > 0 && cum + c >= target) return h.edges[b] + ((target - cum) / c) * (h.edges[b + 1] - h.edges[b]);
    cum += c;
  }
  return h.edges[bins];
}

export interface KDensityFromHistogramOptions {
  /** Evaluation grid: equally spaced from 0 (default 512 points on [0, cutoff/2]). */
  r?: ArrayLike<number>;
  /** A fixed bandwidth (km) instead of bw.nrd0. */
  bandwidth?: number;
  /** Bandwidth multiplier (default 1; not applied to a fixed bandwidth, as kDensity). */
  adjust?: number;
}

/** The Duranton–Overman K-density smoothed from a pair-distance histogram (see the header). */
export function kDensityFromHistogram(h: PairHistogram, options: KDensityFromHistogramOptions = {}): MeasureResult<KDensityCurve> {
  const f = 'kDensityFromHistogram';
  checkHistogram(h, f);
  const bins = h.counts.length, cutoff = h.edges[bins];
  const adjust = options.adjust ?? 1;
  if (!(adjust > 0)) throw new InputError('E_OPTION', `${f}: adjust must be > 0, got ${adjust}`, { field: 'adjust', value: adjust });
  if (options.bandwidth !== undefined && !(options.bandwidth > 0)) throw new InputError('E_OPTION', `${f}: bandwidth must be > 0, got ${options.bandwidth}`, { field: 'bandwidth', value: options.bandwidth });
  if (h.points < 2) throw new InputError('E_DEGENERATE', `${f}: ${h.points} point(s); need at least 2`, { field: 'points', value: h.points });
  let r: Float64Array;
  if (options.r === undefined) {
    r = new Float64Array(512);
    for (let k = 0; k < r.length; k++) r[k] = (cutoff / 2) * k / (r.length - 1);
  } else r = Float64Array.from(options.r);
  const L = r.length;
  const step = L > 1 ? r[L - 1] / (L - 1) : 0;
  if (!(L >= 2 && r[0] === 0 && step > 0 && r.every((v, k) => Math.abs(v - k * step) <= 1e-9 * r[L - 1]))) {
    throw new InputError('E_OPTION', `${f}: r must be ≥ 2 equally spaced distances from 0`, { field: 'r', value: L });
  }
  const m = h.counts.reduce((a, c) => a + c, 0);
  checkPairs(m, h.allPairs, cutoff, options.bandwidth !== undefined);
  let bw = options.bandwidth ?? Number.NaN;
  if (Number.isNaN(bw)) {
    const mean = h.sumDistance / m;
    const sd = Math.sqrt(Math.max(0, (h.sumSquares - m * mean * mean) / (m - 1)));
    const iqr = histogramQuantile(h, m, 0.75) - histogramQuantile(h, m, 0.25);
    let lo = Math.min(sd, iqr / 1.34);
    if (!(lo > 0)) lo = sd > 0 ? sd : 1;
    bw = 0.9 * lo * m ** -0.2 * adjust;
  }
  const centres = new Float64Array(bins);
  for (let b = 0; b < bins; b++) centres[b] = (h.edges[b] + h.edges[b + 1]) / 2;
  const value = smoothDistances(r, centres, h.counts, bins, bw, h.allPairs);
  const warnings: string[] = [];
  if (r[L - 1] > cutoff / 2 * (1 + 1e-12)) warnings.push(`${f}: r reaches ${r[L - 1]} km, beyond half the cutoff (${cutoff / 2} km): pairs beyond the cutoff are missing from the curve there (give the histogram a cutoff of 2·rmax)`);
  return {
    value: { r, value, theoretical: new Float64Array(L).fill(Number.NaN), bandwidth: bw, pairs: m, allPairs: h.allPairs, distanceUnit: 'km' },
    n: h.points, warnings,
    provenance: {
      measure: f,
      options: { rmax: r[L - 1], points: L, adjust, bandwidth: options.bandwidth ?? 'bw.nrd0', bins, cutoff },
      references: ['Duranton & Overman (2005) doi:10.1111/0034-6527.00362', 'Hall & Wand (1996) doi:10.1006/jmva.1996.0009'],
    },
  };
}
