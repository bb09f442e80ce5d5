/** The diagnosis's run note for firms placed only at a region (diagnose/measure/unlocated.ts). */
import { describe, expect, it } from 'vitest';
import type { DiagnosisData } from '../src/diagnose/data.js';
import { unlocatedNote } from '../src/diagnose/measure/unlocated.js';

const data = (lon: number[], lat: number[]) => ({ firmCount: lon.length, lon: Float64Array.from(lon), lat: Float64Array.from(lat) }) as unknown as DiagnosisData;

describe('unlocatedNote', () => {
  it('is silent when every firm has coordinates', () => {
    expect(unlocatedNote(data([120, 121], [30, 31]))).toBeNull();
  });
  it('counts the firms without coordinates and names the point-based measures', () => {
    expect(unlocatedNote(data([120, NaN, NaN], [30, NaN, NaN]))).toBe(
      "2 of 3 firm(s) have no coordinates (placed only at a region): hotspot discovery, K-density and the candidates' centres, hulls and radii use the 1 located firm(s); the zone-based measures (LQ, EG γ, CR4/HHI) use all");
  });
  it('says which measures could not run when no firm has coordinates', () => {
    expect(unlocatedNote(data([NaN, NaN], [NaN, NaN]))).toMatch(/^no firm has coordinates .*could not run; the zone-based measures \(LQ, EG γ, CR4\/HHI\) and the region and park candidates did$/);
  });
});
