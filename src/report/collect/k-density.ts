/**
 * The K-density chart of a candidate: `kDensity` of the candidate's firms as the reference type
 * among all located firms (haversine km), random location, seeded simulations, the DO2005 global
 * band, distances up to `kdRmaxKm`. Above KD_MAX_REFERENCE firms a seeded random sample of that
 * many stands for the candidate (a uniform sample estimates a pair-distance density without bias;
 * the cost grows with the square of the reference points). The verdict's `kdLocalised` is the
 * diagnosis's own K-density; when this curve disagrees with it, a note says so.
 */
import { createRng } from '../../core/rng.js';
import type { DiagnosedCandidate } from '../../diagnose/candidate.js';
import { kdLocalisedVerdict } from '../../diagnose/kd-verdict.js';
import { pointPattern, type PointPattern } from '../../data/point-pattern.js';
import { kDensity, kDensityAsync } from '../../measures/pointpattern/k-density.js';
import type { Chart, KDensityData } from '../types.js';
import type { Context } from './context.js';
import type { ResolvedOptions } from './options.js';
import { b, notComputed, numOr0, unavailable } from './util.js';

/** Largest number of a candidate's firms used as K-density reference points (a seeded sample above it). */
export const KD_MAX_REFERENCE = 2000;

/** The reference firms' positions: all members, or a seeded random sample of KD_MAX_REFERENCE of them. */
function referenceSample(memberIdx: Int32Array, seed: number): Int32Array {
  if (memberIdx.length <= KD_MAX_REFERENCE) return memberIdx;
  const rng = createRng(seed);
  const pool = memberIdx.slice();
  for (let k = 0; k < KD_MAX_REFERENCE; k++) {
    const j = k + Math.floor(rng.next() * (pool.length - k));
    [pool[k], pool[j]] = [pool[j], pool[k]];
  }
  return pool.slice(0, KD_MAX_REFERENCE);
}

/**
 * The located firms as one point pattern, built once per report: coordinates in shared memory,
 * so the worker threads of every candidate's simulations read them without a copy.
 */
function basePattern(ctx: Context): { pattern: PointPattern; position: Int32Array } {
  if (ctx.kdBase) return ctx.kdBase;
  const checked = pointPattern({ x: Float64Array.from(ctx.locatedFirms, (k) => ctx.firmLon[k]), y: Float64Array.from(ctx.locatedFirms, (k) => ctx.firmLat[k]), metric: 'haversine' });
  const shared = (a: Float64Array): Float64Array => {
    const out = new Float64Array(new SharedArrayBuffer(a.length * Float64Array.BYTES_PER_ELEMENT));
    out.set(a);
    return out;
  };
  const position = new Int32Array(ctx.firmIds.length).fill(-1);
  ctx.locatedFirms.forEach((k, p) => { position[k] = p; });
  ctx.kdBase = { pattern: { ...checked, x: shared(checked.x), y: shared(checked.y) }, position };
  return ctx.kdBase;
}

export async function kDensityChart(ctx: Context, c: DiagnosedCandidate, o: ResolvedOptions): Promise<Chart<KDensityData>> {
  const base = basePattern(ctx);
  const total = base.pattern.x.length;
  // the candidate's positions in the pattern, distinct and ascending (the order the sample draws from)
  const seen = new Set<number>();
  for (const id of c.firmIds) {
    const k = ctx.firmIndex.get(id);
    if (k !== undefined && base.position[k] >= 0) seen.add(base.position[k]);
  }
  const memberIdx = Int32Array.from(seen).sort();
  const ref = memberIdx.length;
  if (ref < 2) return unavailable(b(`fewer than 2 located firms in the candidate (${ref})`, `候选内有坐标的企业少于 2 家（${ref} 家）`));
  if (total - ref < 1) return unavailable(b('no other located firms to draw random locations from', '没有其他有坐标的企业可供随机布点'));
  const sampled = referenceSample(memberIdx, o.seed);
  const used = Math.min(ref, KD_MAX_REFERENCE);
  let r: Awaited<ReturnType<typeof kDensityAsync>>;
  try {
    // types by sorted label: 'candidate' (0) before 'other' (1)
    const types = new Int32Array(total).fill(1);
    for (const q of sampled) types[q] = 0;
    const p: PointPattern = { ...base.pattern, types, typeLevels: ['candidate', 'other'] };
    const kdOptions = { reference: 'candidate', rmax: o.kdRmaxKm, simulations: o.simulations, seed: o.seed, alpha: o.alpha, nullModel: 'random-location' as const, points: 256 };
    r = ctx.runner && o.simulations > 1 ? await kDensityAsync(p, kdOptions, ctx.runner) : kDensity(p, kdOptions);
  } catch (e) {
    return unavailable(notComputed(e, 'K-density not computed', '无法计算 K 密度'));
  }
  const v = r.value;
  const e = v.envelope;
  const arr = (a: Float64Array | undefined): number[] | null => (a ? Array.from(a, (x) => numOr0(x)) : null);
  const departures = (v.departures ?? []).map((d) => ({ from: numOr0(d.from), to: numOr0(d.to), kind: d.kind }));
  const localised = kdLocalisedVerdict(departures);
  const notes = r.warnings.map((w) => b(w, w));
  // the verdict reads the diagnosis's own K-density (its sample, simulations and seed); say so when this curve disagrees
  const verdict = c.indicators.kdLocalised;
  if (verdict !== undefined && verdict !== localised) {
    notes.push(verdict
      ? b('the diagnosis (its own simulations) found the firms localised; this curve, drawn with the report\'s simulations, does not leave the band', '诊断（其自身的模拟）认定企业存在地方化集聚；本图按报告的模拟绘制，未超出置信带')
      : b('the diagnosis (its own simulations) did not find the firms localised; this curve, drawn with the report\'s simulations, leaves the band', '诊断（其自身的模拟）未认定企业存在地方化集聚；本图按报告的模拟绘制，超出了置信带'));
  }
  return {
    available: true,
    data: {
      r: Array.from(v.r, (x) => numOr0(x)), value: Array.from(v.value, (x) => numOr0(x)),
      globalLower: arr(e?.globalLower), globalUpper: arr(e?.globalUpper), lower: arr(e?.lower), upper: arr(e?.upper),
      bandwidth: numOr0(v.bandwidth), departures, localised,
    },
    params: { reference: used < ref ? `${used} of ${ref} firms (seeded random sample)` : `${ref} firms`, background: `${total} firms`, nullModel: 'random-location', simulations: o.simulations, alpha: o.alpha, seed: o.seed, rmaxKm: o.kdRmaxKm, bandwidthKm: numOr0(v.bandwidth) },
    source: b('firm locations (great-circle distances)', '企业坐标（大圆距离）'),
    notes,
  };
}
