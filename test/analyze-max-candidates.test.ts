import { describe, expect, it } from 'vitest';
import { reportedCandidates } from '../src/analyze/pipeline.js';

// Which candidates the report draws when there are more than --max-candidates: by verdict
// (clusters first), then by employment, returned in their original order.
const c = (id: string, label: string, employment: number) => ({ id, employment, diagnosis: { concepts: { label } } });

describe('reportedCandidates', () => {
  const all = [c('C01', 'none', 9000), c('C02', 'concentration_only', 100), c('C03', 'cluster', 10), c('C04', 'agglomeration_without_cluster', 500), c('C05', 'cluster', 20), c('C06', 'park_without_cluster', 5)];
  it('keeps everything when within the limit', () => {
    expect(reportedCandidates(all, 6)).toBe(all);
  });
  it('keeps clusters, then parks, then agglomerations … and within a verdict the larger', () => {
    expect(reportedCandidates(all, 3).map((x) => x.id)).toEqual(['C03', 'C05', 'C06']);
    expect(reportedCandidates(all, 1).map((x) => x.id)).toEqual(['C05']);
    expect(reportedCandidates(all, 5).map((x) => x.id)).toEqual(['C02', 'C03', 'C04', 'C05', 'C06']);
  });
});
