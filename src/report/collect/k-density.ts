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
import { pointPattern } from '../../data/point-pattern.js';
import { kDensity, kDensityAsync } from '../../measures/pointpattern/k-density.js';
import { workerRunner } from '../../runtime/simulation-worker.js';
import type { Chart, KDensityData } from '../types.js';
import { located, type Context } from './context.js';
import type { ResolvedOptions } from './options.js';
import { b, notComputed, numOr0, unavailable } from './util.js';

/** Largest number of a candidate's firms used as K-density reference points (a seeded sample above it). */
export const KD_MAX_REFERENCE = 2000;

/** Marks the reference firms: all members, or a seeded random sample of KD_MAX_REFERENCE of them. */
function referenceSample(n: number, memberIdx: number[], seed: number): Uint8Array {
  const sampled = new Uint8Array(n);
  if (memberIdx.length <= KD_MAX_REFERENCE) {
    for (const k of memberIdx) sampled[k] = 1;
    return sampled;
  }
  const rng = createRng(seed);
  const pool = memberIdx.slice();
  for (let k = 0; k < KD_MAX_REFERENCE; k++) {
    const j = k + Math.floor(rng.next() * (pool.length - k));
    [pool[k], pool[j]] = [pool[j], pool[k]];
    sampled[pool[k]] = 1;
  }
  return sampled;
}

export async function kDensityChart(ctx: Context, c: DiagnosedCandidate, o: ResolvedOptions): Promise<Chart<KDensityData>> {
  const members = new Set(c.firmIds);
  const all = ctx.firms.filter(located);
  const memberIdx: number[] = [];
  all.forEach((f, k) => { if (members.has(f.id)) memberIdx.push(k); });
  const ref = memberIdx.length;
  if (ref < 2) return unavailable(b(`fewer than 2 located firms in the candidate (${ref})`, `候选内有坐标的企业少于 2 家（${ref} 家）`));
  if (all.length - ref < 1) return unavailable(b('no other located firms to draw random locations from', '没有其他有坐标的企业可供随机布点'));
  const sampled = referenceSample(all.length, memberIdx, o.seed);
  const used = Math.min(ref, KD_MAX_REFERENCE);
  let r: Awaited<ReturnType<typeof kDensityAsync>>;
  try {
    const p = pointPattern({ x: all.map((f) => f.lon), y: all.map((f) => f.lat), labels: all.map((_, k) => (sampled[k] ? 'candidate' : 'other')), metric: 'haversine' });
    const kdOptions = { reference: 'candidate', rmax: o.kdRmaxKm, simulations: o.simulations, seed: o.seed, alpha: o.alpha, nullModel: 'random-location' as const, points: 256 };
    r = o.threads > 1 && o.simulations > 1 ? await kDensityAsync(p, kdOptions, workerRunner({ threads: o.threads })) : kDensity(p, kdOptions);
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
    params: { reference: used < ref ? `${used} of ${ref} firms (seeded random sample)` : `${ref} firms`, background: `${all.length} firms`, nullModel: 'random-location', simulations: o.simulations, alpha: o.alpha, seed: o.seed, rmaxKm: o.kdRmaxKm, bandwidthKm: numOr0(v.bandwidth) },
    source: b('firm locations (great-circle distances)', '企业坐标（大圆距离）'),
    notes,
  };
}
