/**
 * The LQ map of an industry group: the location quotient of the group in every region with
 * firms, and the LISA classes of those LQs.
 *
 * The region × {group, other} matrix of firm employees is built by `groupRegionMatrix`
 * (src/data/firm-sizes.ts, the one builder the diagnosis uses too): a firm with unknown employees
 * adds nothing and is counted (`missingSizesWarning`), a firm without a region is left out.
 * Regions whose firms have no employees at all have no LQ. `locationQuotient` gives the LQs;
 * `moranLocal` (conditional permutations, seeded, islands kept) their LISA classes over the regions
 * with a polygon (queen/rook contiguity or k nearest centroids), a region being HH/LL/HL/LH when
 * its pseudo p ≤ α, else 'ns'; `moran` the global I for the caption.
 *
 * An `InputError` of the LISA (e.g. a constant LQ) leaves the classes empty with a warning that
 * quotes it; the LQs stay. So does an `InputError` of the weights.
 */
import type { AreaGeometry } from '../../core/geo/types.js';
import { InputError } from '../../core/errors.js';
import { regionIndustryMatrix } from '../../data/concentration-matrix.js';
import { groupRegionMatrix, missingSizesWarning } from '../../data/firm-sizes.js';
import { contiguityWeights, knnWeights, regionPoints, type SpatialWeights } from '../../data/weights/index.js';
import { moran, moranLocal } from '../../measures/autocorrelation/index.js';
import { locationQuotient } from '../../measures/specialisation/location-quotient.js';
import type { LisaClass } from '../types.js';
import type { Context, LqResult } from './context.js';
import type { ResolvedOptions } from './options.js';
import { b, inGroup, notComputed } from './util.js';

function buildWeights(codes: string[], geoms: AreaGeometry[], spec: string): SpatialWeights {
  const regions = codes.map((id, k) => ({ id, geometry: geoms[k] }));
  if (spec === 'queen' || spec === 'rook') return contiguityWeights(regions, { rule: spec, style: 'W', validate: false });
  const m = /^knn:(\d+)$/.exec(spec);
  if (!m) throw new InputError('E_OPTION', `collectReportData: weights must be queen, rook or knn:K, got ${spec}`, { field: 'weights', value: spec });
  return knnWeights(regionPoints(regions), { k: Math.min(Number(m[1]), codes.length - 1), metric: 'great-circle', style: 'W' });
}

/** LQ of an industry group in every region (employment in firms) and its LISA classes; cached per group. */
export function groupLq(ctx: Context, group: string[], o: ResolvedOptions): LqResult {
  const key = [...group].sort().join(',');
  const cached = ctx.lqCache.get(key);
  if (cached) return cached;
  // membership decided once per industry code, then looked up per firm
  const codeIn = Uint8Array.from(ctx.industryCodes, (code) => (inGroup(code, group) ? 1 : 0));
  const { matrix, tally } = groupRegionMatrix({
    regions: ctx.firmRegions, region: ctx.firmRegion, size: ctx.firmEmployees,
    inGroup: (k) => ctx.firmIndustry[k] >= 0 && codeIn[ctx.firmIndustry[k]] === 1, variable: 'employees',
  });
  const missing = missingSizesWarning(tally, 'employees', 'report: LQ maps');
  if (missing) ctx.warnings.push(missing);
  // regions whose located firms have employees (the others have no LQ)
  const rows: number[] = [];
  let groupTotal = 0;
  for (let r = 0; r < matrix.regions.length; r++) {
    if (matrix.values[2 * r] + matrix.values[2 * r + 1] > 0) { rows.push(r); groupTotal += matrix.values[2 * r]; }
  }
  const result: LqResult = { ok: false, byRegion: new Map(), moranI: null };
  ctx.lqCache.set(key, result);
  if (groupTotal <= 0 || rows.length < 2) {
    result.reason = b('no employment in the group\'s industries among the located firms', '该产业组在有区划的企业中没有就业人数');
    return result;
  }
  const codes = rows.map((r) => matrix.regions[r]);
  const cells = Float64Array.from(rows.flatMap((r) => [matrix.values[2 * r], matrix.values[2 * r + 1]]));
  const lq = locationQuotient(regionIndustryMatrix(codes, matrix.industries, cells, 'employees'));
  const lqOf = new Map(codes.map((c, k) => [c, lq.value.values[k * 2]]));
  for (const c of codes) result.byRegion.set(c, { lq: lqOf.get(c)!, lisa: null, p: null });
  result.ok = true;
  // LISA over regions with an LQ and a polygon
  const withGeom = codes.filter((c) => ctx.regionGeometry.get(c));
  if (withGeom.length < 3) {
    result.reason = b('fewer than 3 regions with polygons and firms: no LISA', '有边界且有企业的地区少于 3 个，无法计算 LISA');
    return result;
  }
  const x = Float64Array.from(withGeom, (c) => lqOf.get(c)!);
  try {
    const wKey = `${o.weights}|${withGeom.join(',')}`;
    let w = ctx.weightsCache.get(wKey);
    if (!w) {
      w = buildWeights(withGeom, withGeom.map((c) => ctx.regionGeometry.get(c)!), o.weights);
      ctx.weightsCache.set(wKey, w);
    }
    const lisa = moranLocal(x, w, { permutations: o.permutations, seed: o.seed, islands: 'keep' });
    w.ids.forEach((id, i) => {
      const q = lisa.value.quadrant[i];
      const p = (lisa.value.permutation ?? lisa.value.randomisation).pValue[i];
      const cls: LisaClass = q === 'island' ? 'island' : Number.isFinite(p) && p <= o.alpha ? q : 'ns';
      const entry = result.byRegion.get(id);
      if (entry) { entry.lisa = cls; entry.p = Number.isFinite(p) ? p : null; }
    });
    result.moranI = moran(x, w, { permutations: 0, islands: 'keep' }).value;
  } catch (e) {
    ctx.warnings.push(`report: ${notComputed(e, `LISA of the LQ of ${key} not computed`, '').en}`);
  }
  return result;
}
