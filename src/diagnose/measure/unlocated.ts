/**
 * The run note for firms without coordinates (a register export placed by address or credit
 * code, or any firm given only a region code): the point-based parts of the diagnosis — hotspot
 * discovery, K-density (kdLocalisedOf), the candidates' centres, hulls and radii — use the located
 * firms only, while the zone-based measures (LQ, EG γ, CR4/HHI, the region and park candidates)
 * use every firm. Says so once per run instead of leaving the reader to guess.
 */
import type { DiagnosisData } from '../data.js';

export function unlocatedNote(d: DiagnosisData): string | null {
  let located = 0;
  for (let k = 0; k < d.firmCount; k++) if (Number.isFinite(d.lon[k]) && Number.isFinite(d.lat[k])) located++;
  const missing = d.firmCount - located;
  if (missing === 0 || d.firmCount === 0) return null;
  if (located === 0) {
    return `no firm has coordinates (firms are placed only at regions): hotspot discovery, K-density and the candidates' centres, hulls and radii could not run; the zone-based measures (LQ, EG γ, CR4/HHI) and the region and park candidates did`;
  }
  return `${missing} of ${d.firmCount} firm(s) have no coordinates (placed only at a region): hotspot discovery, K-density and the candidates' centres, hulls and radii use the ${located} located firm(s); the zone-based measures (LQ, EG γ, CR4/HHI) use all`;
}
