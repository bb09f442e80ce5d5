/**
 * The spatial agglomeration indicators of a candidate, each from the peer-checked measure the
 * `measure` verbs run, on matrices built by data/firm-sizes.ts (employment; a firm of unknown
 * employment is left out of every cell and counted):
 *
 * - lq: `locationQuotient` of the {place, rest} × {group, other} matrix over all firms (the
 *   `placeMatrix` table, summed by `collapseToPlace` from the run's region × industry or
 *   park × industry cross table), cell (place, group). The place is the park's firms for a park candidate, else the
 *   firms in the candidate's regions; the group is the candidate's industries (`localisationIndustries`:
 *   its own classes, not its periphery firms' — the same set for egGamma and kdLocalised). Not defined for
 *   industry candidates, whose place is the whole economy.
 * - egGamma, egPValue: `ellisonGlaeser` of the region × {group, other} matrix with its plant
 *   moments (the `groupRegionMatrix` table, by `collapseToGroup`), γ and the z-test p-value of `group`.
 * - kdLocalised: Duranton–Overman K-density (`kDensity`), see kdLocalisedOf.
 *
 * A value the measure cannot give is undefined (the rules then fail, with a warning) and a note
 * says why: the measure's own warning when it returns NaN, or the expected InputError (code
 * E_DEGENERATE: no employment at all, or all of it in one region) when it refuses. Any other
 * error is a bug and propagates.
 */
import { InputError } from '../../core/errors.js';
import { collapseToGroup, collapseToPlace } from '../../data/firm-sizes.js';
import { pointPattern } from '../../data/point-pattern.js';
import { kDensity } from '../../measures/pointpattern/k-density.js';
import { locationQuotient } from '../../measures/specialisation/location-quotient.js';
import { ellisonGlaeser } from '../../measures/zone-agglomeration/ellison-glaeser.js';
import type { RawCandidate } from '../discover.js';
import { kdLocalisedVerdict } from '../kd-verdict.js';
import type { EgResult, MeasureContext } from './context.js';
import type { Place } from './place.js';

/** The expected refusal of a measure (InputError E_DEGENERATE), as a note; anything else is rethrown. */
export function degenerateNote(e: unknown, what: string): string {
  if (e instanceof InputError && e.code === 'E_DEGENERATE') return `${what} not measured (E_DEGENERATE): ${e.message}`;
  throw e;
}

const finiteOr = (v: number): number | undefined => (Number.isFinite(v) ? v : undefined);

const keyOf = (industrySet: Set<number>): string => [...industrySet].sort((a, b) => a - b).join(',');

/**
 * The industries whose localisation the candidate's LQ, EG γ and K-density measure: the
 * candidate's own industries (`c.industries`, the classes that define it: a hotspot's spot
 * classes, a park's related field), not the industries of the periphery firms discovery attached
 * to it for their ties (discover/periphery.ts). LQ and EG γ are properties of an industry
 * (Ellison & Glaeser 1997 define γ for one industry's plants); a handful of tied suppliers of
 * large, evenly spread classes would otherwise merge those classes into the "industry" and
 * measure their spread instead. An industry candidate (its code a group or division prefix) and
 * any candidate whose codes name no class of the data keep the industries of its firms.
 */
export function localisationIndustries(ctx: MeasureContext, c: RawCandidate, firmIndustries: Set<number>): Set<number> {
  if (c.kind === 'industry') return firmIndustries;
  const own = new Set<number>();
  for (const code of c.industries) {
    const i = ctx.industryIndex.get(code);
    if (i !== undefined && firmIndustries.has(i)) own.add(i);
  }
  return own.size > 0 ? own : firmIndustries;
}

/** Location quotient of the candidate's industries in its place against all firms (employment). */
export function candidateLq(ctx: MeasureContext, c: RawCandidate, place: Place, industrySet: Set<number>): { lq: number | undefined; note: string | null } {
  const group = Int32Array.from(industrySet);
  // the {place, rest} × {group, other} table of placeMatrix, summed from the run's cross table
  const matrix = c.kind === 'park'
    ? collapseToPlace(ctx.parkCross, [c.park], group, 'employment')
    : collapseToPlace(ctx.regionCross, place.regions, group, 'employment');
  try {
    const res = locationQuotient(matrix);
    const lq = finiteOr(res.value.values[0]);
    return { lq, note: lq === undefined ? `lq not measured: ${res.warnings.join('; ')}` : null };
  } catch (e) {
    return { lq: undefined, note: degenerateNote(e, 'lq') };
  }
}

/** EG γ of the industry set taken as one group across all regions (cached per set). */
export function candidateEg(ctx: MeasureContext, industrySet: Set<number>): EgResult {
  const key = keyOf(industrySet);
  const cached = ctx.eg.get(key);
  if (cached !== undefined) return cached;
  // the region × {group, other} table and plant moments of groupRegionMatrix, from the run's cross table
  const { matrix, plants } = collapseToGroup(ctx.regionCross, Int32Array.from(industrySet), 'employment');
  let result: EgResult;
  try {
    const eg = ellisonGlaeser(matrix, plants);
    const gamma = finiteOr(eg.value.gamma[0]);
    result = { gamma, pValue: finiteOr(eg.value.pValue[0]), note: gamma === undefined ? `egGamma not measured: ${eg.warnings.join('; ')}` : null };
  } catch (e) {
    result = { gamma: undefined, pValue: undefined, note: degenerateNote(e, 'egGamma') };
  }
  ctx.eg.set(key, result);
  return result;
}

/**
 * Is the industry group localised by Duranton–Overman's test? K-density of its establishments
 * (great-circle km, up to a third of the study area's diameter as dbmss) against random location
 * among all establishments, with the DO2005 global band at alpha: localised when the curve
 * rises above the band at a short distance (kd-verdict.ts `kdLocalisedVerdict`, ≤ 50 km). Cached per industry set; undefined (not measured)
 * when simulations are 0, the group is larger than kd.maxFirms, or the test is degenerate
 * (E_DEGENERATE: too few points or pairs) — the last two with a run note saying so.
 */
export function kdLocalisedOf(ctx: MeasureContext, industrySet: Set<number>): boolean | undefined {
  const { d, kd } = ctx;
  if (kd.simulations <= 0 || industrySet.size === 0) return undefined;
  const key = keyOf(industrySet);
  if (kd.cache.has(key)) return kd.cache.get(key);
  const name = [...industrySet].map((i) => d.industries[i]).join('+');
  let n = 0;
  for (const k of kd.located) if (industrySet.has(d.industry[k])) n++;
  let result: boolean | undefined;
  if (n > kd.maxFirms) kd.notes.push(`K-density not computed for ${name}: ${n} establishments > ${kd.maxFirms} (EG γ decides)`);
  else if (n >= 2) {
    try {
      const pattern = pointPattern({
        x: Float64Array.from(kd.located, (k) => d.lon[k]), y: Float64Array.from(kd.located, (k) => d.lat[k]),
        labels: Array.from(kd.located, (k) => (industrySet.has(d.industry[k]) ? 'group' : 'other')), metric: 'haversine',
      });
      const res = kDensity(pattern, { reference: 'group', rmax: 'third-window', simulations: kd.simulations, seed: kd.seed, alpha: ctx.t.alpha, nullModel: 'random-location' });
      result = kdLocalisedVerdict(res.value.departures);
    } catch (e) {
      kd.notes.push(degenerateNote(e, `K-density for ${name}`));
    }
  }
  kd.cache.set(key, result);
  return result;
}
