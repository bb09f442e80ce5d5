/** The input–output table as a typed structure, shared by the IO readers (src/load/) and the linkages measures. Pure. */

/**
 * An input–output table in typed columns.
 *
 * - `z[i*n+j]`: intermediate sales of sector i to sector j (row sector sells, column sector buys);
 * - `totalOutput[j]`: total output xⱼ, the denominator of the technical coefficients aᵢⱼ = zᵢⱼ / xⱼ
 *   and of the allocation coefficients bᵢⱼ = zᵢⱼ / xᵢ;
 * - `finalDemand[i]` (optional): fᵢ; when absent the implied fᵢ = xᵢ − Σⱼ zᵢⱼ is used.
 */
export interface IoData {
  sectors: string[];
  names?: (string | null)[];
  z: Float64Array;
  totalOutput: Float64Array;
  finalDemand?: Float64Array;
}
