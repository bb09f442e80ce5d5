import { writeFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { readPoints } from '../../io/points-file.js';
import { chainCoverage, locateChainHubs, locateHubs, type LocationModel } from '../../plan/location/index.js';
import { renderTable, type CliContext } from '../output.js';

export interface PlanHubsOptions {
  sites: string;
  demands: string;
  facilities?: string;
  stages?: string;
  model: LocationModel;
  radius: string;
  p?: string;
  capacitated?: boolean;
  timeLimit?: string;
  geojson?: string;
}

export async function runPlanHubs(ctx: CliContext, o: PlanHubsOptions): Promise<void> {
  const radiusKm = Number(o.radius);
  if (!(radiusKm > 0)) throw new InputError('E_OPTION', `--radius must be a positive number of km, got ${o.radius}`, { field: 'radius', value: o.radius });
  const p = o.p === undefined ? undefined : Number(o.p);
  const timeLimit = o.timeLimit === undefined ? undefined : Number(o.timeLimit);
  const sites = readPoints(o.sites);
  const demands = readPoints(o.demands);
  const options = { model: o.model, radiusKm, p, capacitated: o.capacitated, timeLimit };
  let result;
  if (o.facilities) {
    const facilities = readPoints(o.facilities, { requireStage: true }).map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, stage: f.stage! }));
    const stages = o.stages ? o.stages.split(',').map((s) => s.trim()).filter(Boolean) : [...new Set(facilities.map((f) => f.stage))];
    result = await locateChainHubs(sites, demands, facilities, stages, options);
  } else {
    result = { ...(await locateHubs(sites, demands, options)), coverage: undefined, excluded: [] as string[] };
  }
  if (o.geojson) {
    const hubSet = new Set(result.hubs);
    const features = [
      ...sites.map((s) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [s.lon, s.lat] }, properties: { kind: 'site', id: s.id, hub: hubSet.has(s.id), excluded: result.excluded.includes(s.id) } })),
      ...demands.map((d) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [d.lon, d.lat] }, properties: { kind: 'demand', id: d.id, weight: d.weight ?? 1, hub: result.assignment[d.id] } })),
      ...demands.filter((d) => result.assignment[d.id]).map((d) => {
        const s = sites.find((x) => x.id === result.assignment[d.id])!;
        return { type: 'Feature', geometry: { type: 'LineString', coordinates: [[d.lon, d.lat], [s.lon, s.lat]] }, properties: { kind: 'assignment', demand: d.id, hub: s.id } };
      }),
    ];
    writeFileSync(o.geojson, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
  }
  if (ctx.format === 'json') {
    ctx.out(JSON.stringify(result, null, 2));
    return;
  }
  ctx.out(`${o.model}: ${result.hubs.length} hub(s) — ${result.hubs.join(', ')}`);
  ctx.out(`objective ${result.objective.toFixed(3)} · covered ${result.coveredWeight}/${result.totalWeight} within ${radiusKm} km · weighted distance ${result.totalDistanceKm.toFixed(1)} km · max ${result.maxDistanceKm.toFixed(1)} km · ${result.status}`);
  if (result.coverage) {
    ctx.out('');
    ctx.out(renderTable(['site', 'chain-complete', `stages missing within ${radiusKm} km`], result.coverage.map((c) => [c.site, c.complete ? 'yes' : 'no', c.missing.join(', ')])));
  }
}

export async function runPlanChain(ctx: CliContext, o: { sites: string; facilities: string; stages?: string; radius: string }): Promise<void> {
  const radiusKm = Number(o.radius);
  if (!(radiusKm > 0)) throw new InputError('E_OPTION', `--radius must be a positive number of km, got ${o.radius}`, { field: 'radius', value: o.radius });
  const sites = readPoints(o.sites);
  const facilities = readPoints(o.facilities, { requireStage: true }).map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, stage: f.stage! }));
  const stages = o.stages ? o.stages.split(',').map((s) => s.trim()).filter(Boolean) : [...new Set(facilities.map((f) => f.stage))];
  const coverage = chainCoverage(sites, facilities, stages, radiusKm);
  if (ctx.format === 'json') {
    ctx.out(JSON.stringify(coverage, null, 2));
    return;
  }
  ctx.out(renderTable(['site', 'complete', 'missing', ...stages.map((s) => `${s} km`)], coverage.map((c) => [
    c.site, c.complete ? 'yes' : 'no', c.missing.join(', '), ...c.stages.map((s) => (s.distanceKm === null ? '—' : s.distanceKm.toFixed(0))),
  ])));
}
