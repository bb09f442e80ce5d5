/**
 * The one K-density localisation verdict, used by the diagnosis (`kdLocalised`), the report's
 * K-density chart and results.json: a set of firms is localised by Duranton–Overman's test when
 * its K-density (`kDensity`, random location among all establishments) rises above the DO2005
 * global confidence band at some distance in [0, KD_LOCAL_RANGE_KM] — read from the measure's
 * own departure intervals, not recomputed here.
 *
 * Why a short range: localisation in Duranton & Overman (2005, §4) is "above the band at small
 * distances" — they find most of it below 50 km, the scale at which firms share workers,
 * suppliers and face-to-face contact (Marshall's three sources). Far above that distance, an
 * excess of pairs says only that the firms are in one part of the study area rather than
 * another (a chain spread along a corridor, a random network whose firms avoid the mountains):
 * a curve that is dispersed at 0–20 km and above the band at 170–200 km is not a cluster's
 * signature. 50 km is also about the radius of a prefecture-level city, the unit that Chinese
 * cluster policy plans for. The range is fixed (not a user threshold) so that the diagnosis,
 * the report and results.json cannot disagree on what "localised" means; when the curve stops
 * before 50 km (rmax below it), the whole curve is the short range.
 */

/** Largest distance (km) at which an excess over the global band counts as localisation. */
export const KD_LOCAL_RANGE_KM = 50;

/** The departure intervals of a K-density curve (`KDensityCurve.departures`). */
export type KdDepartures = readonly { from: number; to: number; kind: 'localisation' | 'dispersion' }[] | undefined;

/** Localised: an interval above the global band starts at a distance ≤ KD_LOCAL_RANGE_KM. */
export function kdLocalisedVerdict(departures: KdDepartures): boolean {
  return (departures ?? []).some((x) => x.kind === 'localisation' && x.from <= KD_LOCAL_RANGE_KM);
}
