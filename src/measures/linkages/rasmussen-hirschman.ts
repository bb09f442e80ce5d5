/**
 * Rasmussen–Hirschman linkage indices and key-sector classification.
 *
 *   backward (power of dispersion, 影响力系数):
 *     BLⱼ = (1/n Σᵢ lᵢⱼ) / (1/n² Σᵢⱼ lᵢⱼ)
 *   forward (sensitivity of dispersion, 感应度系数), two conventions:
 *     'ghosh' (default):   FLᵢ = (1/n Σⱼ gᵢⱼ) / (1/n² Σᵢⱼ gᵢⱼ)   — supply-side, Ghosh inverse
 *     'leontief':          FLᵢ = (1/n Σⱼ lᵢⱼ) / (1/n² Σᵢⱼ lᵢⱼ)   — Rasmussen's original, used by
 *                          many Chinese studies and the 国家统计局 textbooks
 *   coefficients of variation (Rasmussen 1956; Hazari 1970):
 *     Vⱼ(backward) = sqrt(1/(n−1) Σᵢ (lᵢⱼ − l̄·ⱼ)²) / l̄·ⱼ,   l̄·ⱼ = 1/n Σᵢ lᵢⱼ
 *     Vᵢ(forward)  = the same over row i of G (or L)
 *
 * lᵢⱼ: Leontief inverse (I − A)⁻¹; gᵢⱼ: Ghosh inverse (I − B)⁻¹; n: number of sectors.
 * Reading: BL > 1 — a unit of final demand for j pulls more output from the economy than the
 * average sector does; FL > 1 — i's output feeds the economy more than average.
 * Key sectors (Hirschman 1958): 'key' (BL > 1 and FL > 1), 'backward' (BL > 1, FL ≤ 1),
 * 'forward' (BL ≤ 1, FL > 1), 'weak' (both ≤ 1). A low V means the pull is spread evenly.
 * ioanalysis (R) uses the 'leontief' forward convention; iotables reports the un-normalised
 * Ghosh row sums (our `forwardTotals` with forward = 'ghosh').
 * Degenerate: n = 1 gives V = NaN (a warning). Time O(n³) for the inverses, O(n²) after.
 * References: Rasmussen, P. N. (1956) Studies in Inter-Sectoral Relations, Copenhagen;
 * Hirschman, A. O. (1958) The Strategy of Economic Development, Yale UP;
 * Miller & Blair (2009) §12.2, doi:10.1017/CBO9780511626982.
 * Cross-checked: test/reference/linkages-numpy.py (numpy) on Beutel (2008) table 15.4 and the BEA
 * 2015 summary table → test/fixtures/linkages/.
 */
import { InputError } from '../../core/errors.js';
import { sum } from '../../core/sum.js';
import type { MeasureResult } from '../result.js';
import { ghoshInverse } from './ghosh-inverse.js';
import { leontiefInverse } from './leontief-inverse.js';
import { ghoshFromLeontief, REF_MILLER_BLAIR, type IoData } from './types.js';

export type ForwardConvention = 'ghosh' | 'leontief';
export type KeySectorClass = 'key' | 'backward' | 'forward' | 'weak';

export interface RasmussenHirschmanOptions {
  /** Which inverse the forward linkage uses. Default 'ghosh'. */
  forward?: ForwardConvention;
  /** Precomputed Leontief inverse (row-major n×n); computed from the table when absent. */
  leontief?: Float64Array;
  /** Precomputed Ghosh inverse; computed from the table when absent. */
  ghosh?: Float64Array;
}

export interface RasmussenHirschmanValue {
  sectors: string[];
  /** Column sums of L (output multipliers). */
  backwardTotals: Float64Array;
  /** Row sums of G (or of L with forward = 'leontief'). */
  forwardTotals: Float64Array;
  /** Normalised backward linkage BLⱼ (power of dispersion, 影响力系数); mean 1. */
  backward: Float64Array;
  /** Normalised forward linkage FLᵢ (sensitivity of dispersion, 感应度系数); mean 1. */
  forward: Float64Array;
  backwardCv: Float64Array;
  forwardCv: Float64Array;
  keySector: KeySectorClass[];
}

function sums(m: Float64Array, n: number, byColumn: boolean): Float64Array {
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s[byColumn ? j : i] += m[i * n + j];
  return s;
}

function cv(m: Float64Array, n: number, byColumn: boolean): Float64Array {
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let mean = 0;
    for (let t = 0; t < n; t++) mean += byColumn ? m[t * n + k] : m[k * n + t];
    mean /= n;
    let ss = 0;
    for (let t = 0; t < n; t++) { const d = (byColumn ? m[t * n + k] : m[k * n + t]) - mean; ss += d * d; }
    out[k] = Math.sqrt(ss / (n - 1)) / mean;
  }
  return out;
}

export function rasmussenHirschman(io: IoData | { sectors: string[] }, options: RasmussenHirschmanOptions = {}): MeasureResult<RasmussenHirschmanValue> {
  const forwardConvention = options.forward ?? 'ghosh';
  if (forwardConvention !== 'ghosh' && forwardConvention !== 'leontief') {
    throw new InputError('E_OPTION', `rasmussenHirschman: forward must be 'ghosh' or 'leontief', got ${String(forwardConvention)}`, { field: 'forward', value: forwardConvention });
  }
  const n = io.sectors.length;
  const warnings: string[] = [];
  const hasTable = 'z' in io;
  if (!hasTable && (!options.leontief || (forwardConvention === 'ghosh' && !options.ghosh))) {
    throw new InputError('E_OPTION', `rasmussenHirschman: without a table, pass options.leontief${forwardConvention === 'ghosh' ? ' and options.ghosh (or forward: "leontief")' : ''}`, { field: 'leontief' });
  }
  let l = options.leontief;
  if (!l) { const r = leontiefInverse(io as IoData); l = r.value; warnings.push(...r.warnings); }
  for (const [name, m] of [['leontief', l], ['ghosh', options.ghosh]] as const) {
    if (m && m.length !== n * n) throw new InputError('E_OPTION', `rasmussenHirschman: ${name} must have ${n * n} cells, got ${m.length}`, { field: name, value: m.length });
  }
  let f = l;
  // G = x̂⁻¹ L x̂ when L came from the table; ghoshInverse (a second inversion) only for a given L
  if (forwardConvention === 'ghosh') f = options.ghosh ?? (options.leontief ? ghoshInverse(io as IoData).value : ghoshFromLeontief(l, (io as IoData).totalOutput, n));
  const backwardTotals = sums(l, n, true);
  const forwardTotals = sums(f, n, false);
  const meanL = sum(backwardTotals) / (n * n);
  const meanF = sum(forwardTotals) / (n * n);
  const backward = backwardTotals.map((s) => s / n / meanL);
  const forward = forwardTotals.map((s) => s / n / meanF);
  if (n === 1) warnings.push('rasmussenHirschman: one sector; the coefficients of variation are undefined (NaN)');
  const keySector = Array.from(backward, (b, j): KeySectorClass => {
    const fw = forward[j];
    return b > 1 ? (fw > 1 ? 'key' : 'backward') : fw > 1 ? 'forward' : 'weak';
  });
  return {
    value: { sectors: io.sectors, backwardTotals, forwardTotals, backward, forward, backwardCv: cv(l, n, true), forwardCv: cv(f, n, false), keySector },
    n,
    warnings,
    provenance: {
      measure: 'rasmussenHirschman',
      options: { forward: forwardConvention, leontief: options.leontief ? 'given' : 'computed', ghosh: forwardConvention === 'ghosh' ? (options.ghosh ? 'given' : 'computed') : 'unused' },
      references: ['Rasmussen, P. N. (1956) Studies in Inter-Sectoral Relations, Copenhagen: Einar Harck', 'Hirschman, A. O. (1958) The Strategy of Economic Development, New Haven: Yale University Press', REF_MILLER_BLAIR],
    },
  };
}
