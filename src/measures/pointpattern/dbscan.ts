/**
 * DBSCAN density-based clustering of points (Ester, Kriegel, Sander & Xu 1996), with the labels
 * scikit-learn's `DBSCAN` gives.
 *
 *   N(p) = {q : d(p, q) ≤ eps} (p included);  p is a core point when |N(p)| ≥ minPoints;
 *   clusters are the connected components of core points under "q ∈ N(p)", plus the non-core
 *   points within eps of a core point (border points); the rest is noise (label −1).
 *
 * Labels follow sklearn's order: points are scanned by index; an unlabelled core point starts
 * cluster 0, 1, …, grown depth-first; a border point reachable from several clusters takes the
 * first cluster that reaches it. Distances: Euclidean, or great-circle km for 'haversine'
 * (sklearn's haversine metric works in radians: eps_km / 6371.0088).
 * Degenerate: eps ≤ 0 or minPoints < 1 → E_OPTION. Complexity O(n + P), P pairs within eps.
 * Reference: Ester, M. et al. (1996) KDD-96, pp. 226–231 (https://dl.acm.org/doi/10.5555/3001460.3001507);
 * Schubert, E. et al. (2017) "DBSCAN revisited, revisited", ACM TODS 42(3):19, doi:10.1145/3068335.
 * Cross-checked: scikit-learn 1.2.1 DBSCAN labels (test/reference/pointpattern-sklearn-dbscan.py →
 * test/fixtures/pointpattern/sklearn-dbscan.json), identical labels.
 */
import { InputError } from '../../core/errors.js';
import { forEachClosePair } from './pairs.js';

export interface DbscanOptions {
  eps: number;
  /** sklearn's min_samples (default 5), the point itself included. */
  minPoints?: number;
  metric?: 'euclidean' | 'haversine';
}

export interface DbscanResult {
  /** Cluster of each point, −1 for noise. */
  labels: Int32Array;
  core: Uint8Array;
  clusters: number;
}

export function dbscan(x: Float64Array, y: Float64Array, options: DbscanOptions): DbscanResult {
  const eps = options.eps;
  const minPoints = options.minPoints ?? 5;
  if (!(eps > 0 && Number.isFinite(eps))) throw new InputError('E_OPTION', `dbscan: eps must be a positive number, got ${eps}`, { field: 'eps', value: eps });
  if (!(Number.isInteger(minPoints) && minPoints >= 1)) throw new InputError('E_OPTION', `dbscan: minPoints must be an integer ≥ 1, got ${minPoints}`, { field: 'minPoints', value: minPoints });
  const n = x.length;
  const deg = new Int32Array(n + 1);
  const pa: number[] = [];
  const pb: number[] = [];
  forEachClosePair(x, y, null, eps, options.metric ?? 'euclidean', (i, j) => { pa.push(i); pb.push(j); deg[i + 1]++; deg[j + 1]++; });
  for (let i = 0; i < n; i++) deg[i + 1] += deg[i];
  const adj = new Int32Array(deg[n]);
  const fill = deg.slice(0, n);
  for (let p = 0; p < pa.length; p++) { adj[fill[pa[p]]++] = pb[p]; adj[fill[pb[p]]++] = pa[p]; }
  const core = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (deg[i + 1] - deg[i] + 1 >= minPoints) core[i] = 1;
  const labels = new Int32Array(n).fill(-1);
  let label = 0;
  const stack: number[] = [];
  for (let s = 0; s < n; s++) {
    if (labels[s] !== -1 || !core[s]) continue;
    let i = s;
    for (;;) {
      if (labels[i] === -1) {
        labels[i] = label;
        if (core[i]) for (let q = deg[i]; q < deg[i + 1]; q++) if (labels[adj[q]] === -1) stack.push(adj[q]);
      }
      if (stack.length === 0) break;
      i = stack.pop()!;
    }
    label++;
  }
  return { labels, core, clusters: label };
}
