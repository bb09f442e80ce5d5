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
  mipGap?: string;
  geojson?: string;
}

export async function runPlanHubs(ctx: CliContext, o: PlanHubsOptions): Promise<void> {
  const radiusKm = Number(o.radius);
  if (!(radiusKm > 0)) throw new InputError('E_OPTION', `--radius must be a positive number of km, got ${o.radius}`, { field: 'radius', value: o.radius });
  const p = o.p === undefined ? undefined : Number(o.p);
  const timeLimit = o.timeLimit === undefined ? undefined : Number(o.timeLimit);
  if (timeLimit !== undefined && !(timeLimit > 0)) throw new InputError('E_OPTION', `--time-limit must be a positive number of seconds, got ${o.timeLimit}`, { field: 'time-limit', value: o.timeLimit });
  const mipRelGap = o.mipGap === undefined ? undefined : Number(o.mipGap);
  if (mipRelGap !== undefined && !(mipRelGap >= 0 && mipRelGap < 1)) throw new InputError('E_OPTION', `--mip-gap must be a relative gap in [0, 1), got ${o.mipGap}`, { field: 'mip-gap', value: o.mipGap });
  if (mipRelGap !== undefined && o.model === 'p-center') throw new InputError('E_OPTION', '--mip-gap does not apply to p-center (solved exactly by binary search; use --time-limit)', { field: 'mip-gap', value: o.mipGap });
  const sites = readPoints(o.sites);
  const demands = readPoints(o.demands);
  const options = { model: o.model, radiusKm, p, capacitated: o.capacitated, timeLimit, mipRelGap };
  let result;
  try {
    if (o.facilities) {
      const facilities = readPoints(o.facilities, { requireStage: true }).map((f) => ({ id: f.id, lon: f.lon, lat: f.lat, stage: f.stage! }));
      const stages = o.stages ? o.stages.split(',').map((s) => s.trim()).filter(Boolean) : [...new Set(facilities.map((f) => f.stage))];
      result = await locateChainHubs(sites, demands, facilities, stages, options);
    } else {
      result = { ...(await locateHubs(sites, demands, options)), coverage: undefined, excluded: [] as string[] };
    }
  } catch (e) {
    // --format json: the diagnosis as a JSON object on stdout (the one-line message still goes to stderr, exit 1)
    if (ctx.format === 'json' && e instanceof InputError && e.code === 'E_INFEASIBLE') {
      const { field, value, ...rest } = e.details as Record<string, unknown>;
      ctx.out(JSON.stringify({ error: e.code, message: e.message, field, value, ...rest }, null, 2));
    }
    throw e;
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
  ctx.out(`objective ${result.objective} · covered ${result.coveredWeight}/${result.totalWeight} within ${radiusKm} km · weighted distance ${result.totalDistanceKm.toFixed(1)} km · max ${result.maxDistanceKm.toFixed(1)} km · ${result.status}`);
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
