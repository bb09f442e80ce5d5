/** The place of a candidate: "local" in every indicator means inside it. */
import type { RawCandidate } from '../discover.js';
import type { MeasureContext } from './context.js';

/** The place of a candidate: a predicate on firms and on institutions, and its regions. */
export interface Place {
  /** Region indices, most of the candidate's firms first. */
  regions: number[];
  inRegion: Uint8Array;
  firmInside(k: number): boolean;
  institutionInside(j: number): boolean;
}

/** A park candidate's place is the park and its host regions; any other candidate's, the regions that hold its firms. */
export function placeOf(ctx: MeasureContext, c: RawCandidate): Place {
  const { d } = ctx;
  const count = new Map<number, number>();
  for (const k of c.firms) if (d.region[k] >= 0) count.set(d.region[k], (count.get(d.region[k]) ?? 0) + 1);
  const regions = [...count.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([r]) => r);
  const inRegion = new Uint8Array(d.regions.code.length);
  for (const r of regions) inRegion[r] = 1;
  if (c.kind === 'park') {
    // a park's locality is the park and its host regions: ties to the firms around it are local
    // (a park can host part of a wider cluster); ties to other regions are not
    const p = c.park;
    const host = d.parks.region[p] === null ? -1 : d.regions.code.indexOf(d.parks.region[p]!);
    if (host >= 0 && !inRegion[host]) { inRegion[host] = 1; regions.push(host); }
    return {
      regions, inRegion,
      firmInside: (k) => d.park[k] === p || (d.region[k] >= 0 && inRegion[d.region[k]] === 1),
      institutionInside: (j) => d.institutions.park[j] === p || (d.institutions.region[j] >= 0 && inRegion[d.institutions.region[j]] === 1),
    };
  }
  return {
    regions, inRegion,
    firmInside: (k) => d.region[k] >= 0 && inRegion[d.region[k]] === 1,
    institutionInside: (j) => d.institutions.region[j] >= 0 && inRegion[d.institutions.region[j]] === 1,
  };
}
