/**
 * Shared preparation of the zone-based agglomeration measures (not a measure): the aggregate
 * region shares x[r] (Σx = 1) and their power sums, from the matrix's region totals or from a
 * user-given benchmark (EG use total manufacturing employment of the region).
 */
import { InputError } from '../../core/errors.js';
import { sum } from '../../core/sum.js';

export interface AggregateShares {
  x: Float64Array;
  sumSquares: number;
  sumCubes: number;
}

export function aggregateShares(regionTotal: Float64Array, aggregate: ArrayLike<number> | undefined, fn: string): AggregateShares {
  let a: Float64Array = regionTotal;
  if (aggregate !== undefined) {
    if (aggregate.length !== regionTotal.length) throw new InputError('E_OPTION', `${fn}: aggregate has ${aggregate.length} values for ${regionTotal.length} regions`, { field: 'aggregate', value: aggregate.length });
    a = Float64Array.from(aggregate);
    a.forEach((v, r) => {
      if (!Number.isFinite(v)) throw new InputError('E_NOT_FINITE', `${fn}: aggregate[${r}] must be finite, got ${v}`, { field: 'aggregate', row: r, value: v });
      if (v < 0) throw new InputError('E_NEGATIVE', `${fn}: aggregate[${r}] must be ≥ 0, got ${v}`, { field: 'aggregate', row: r, value: v });
    });
  }
  const total = sum(a);
  if (!(total > 0)) throw new InputError('E_DEGENERATE', `${fn}: the aggregate total is 0`, { field: 'aggregate', value: total });
  const x = a.map((v) => v / total);
  let s2 = 0;
  let s3 = 0;
  for (const v of x) { s2 += v * v; s3 += v * v * v; }
  if (s2 >= 1 - 1e-12) throw new InputError('E_DEGENERATE', `${fn}: all activity is in one region (Σx² = 1); agglomeration across regions is undefined`, { field: 'aggregate', value: s2 });
  return { x, sumSquares: s2, sumCubes: s3 };
}
