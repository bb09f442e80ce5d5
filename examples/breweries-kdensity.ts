/**
 * Example: are U.S. micro-breweries agglomerated relative to all breweries, and where?
 *
 *   npx tsx examples/breweries-kdensity.ts [DATA_DIR] [OUT_DIR]
 *
 * DATA_DIR defaults to ../shared/data/firms-breweries-openbrewerydb (Open Brewery DB, MIT; read
 * in place, never copied). Writes OUT_DIR/breweries-kdensity.json (the K-density of
 * micro-breweries against all breweries under random location, 99 simulations, DO2005 global
 * band, Γ and Ψ) and OUT_DIR/breweries-footprints.geojson (DBSCAN footprints of micro-breweries,
 * eps 10 km, at least 8 micro-breweries: at the national scale their K-density has no interior
 * peak, so the default eps would be rmax). OUT_DIR defaults to $TMPDIR/cluster-atlas-breweries.
 * Distances are great-circle km on lon/lat.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pointPattern } from '../src/data/point-pattern.js';
import { footprints } from '../src/measures/pointpattern/footprints.js';
import { kDensity } from '../src/measures/pointpattern/k-density.js';
import { openMemory, lit } from '../src/store/workspace.js';

const dataDir = resolve(process.argv[2] ?? '../shared/data/firms-breweries-openbrewerydb');
const outDir = resolve(process.argv[3] ?? join(tmpdir(), 'cluster-atlas-breweries'));
const file = join(dataDir, 'breweries.csv');
if (!existsSync(file)) {
  console.log(`breweries example skipped: ${file} not found (pass the Open Brewery DB directory as the first argument).`);
  process.exit(0);
}

const ws = await openMemory();
const rows = await ws.all<{ id: string; type: string; lon: number; lat: number }>(
  `SELECT id, brewery_type AS type, TRY_CAST(longitude AS DOUBLE) AS lon, TRY_CAST(latitude AS DOUBLE) AS lat
   FROM read_csv(${lit(file)}, header = true, all_varchar = true)
   WHERE country = 'United States' AND TRY_CAST(longitude AS DOUBLE) BETWEEN -125 AND -66 AND TRY_CAST(latitude AS DOUBLE) BETWEEN 24 AND 50`);
ws.close();
const labels = rows.map((r) => (r.type === 'micro' ? 'micro' : 'other'));
console.log(`${rows.length} geocoded breweries in the contiguous U.S., ${labels.filter((l) => l === 'micro').length} micro-breweries`);
const p = pointPattern({ x: rows.map((r) => r.lon), y: rows.map((r) => r.lat), labels, metric: 'haversine' });

const t0 = performance.now();
// in-thread: under tsx the worker threads cannot load TypeScript (the CLI and the bench, compiled, use them)
const kd = kDensity(p, { reference: 'micro', rmax: 300, simulations: 99, seed: 2026 });
const v = kd.value;
console.log(`K-density to 300 km: ${v.pairs.toLocaleString()} pairs, bandwidth ${v.bandwidth.toFixed(2)} km, Γ = ${v.localisationIndex!.toFixed(4)}, Ψ = ${v.dispersionIndex!.toFixed(4)} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
for (const d of v.departures!) console.log(`  ${d.kind} from ${d.from.toFixed(1)} to ${d.to.toFixed(1)} km`);

const fp = footprints(p, { reference: 'micro', eps: 10, minPoints: 8, ids: rows.map((r) => r.id) });
for (const w of fp.warnings) console.log(w);
console.log(`footprints: ${fp.value.features.length} with eps ${fp.value.eps.toFixed(1)} km (${fp.value.epsSource}), ${fp.value.noise} micro-breweries outside any`);
const top = [...fp.value.features].sort((a, b) => b.properties.count - a.properties.count).slice(0, 5);
for (const f of top) console.log(`  footprint ${f.properties.cluster}: ${f.properties.count} micro-breweries around (${f.properties.centroid.map((c) => c.toFixed(2)).join(', ')})`);

mkdirSync(outDir, { recursive: true });
const arr = (a?: Float64Array) => (a ? Array.from(a) : undefined);
writeFileSync(join(outDir, 'breweries-kdensity.json'), JSON.stringify({
  r: arr(v.r), value: arr(v.value), theoretical: arr(v.theoretical), lower: arr(v.envelope!.lower), upper: arr(v.envelope!.upper),
  globalLower: arr(v.envelope!.globalLower), globalUpper: arr(v.envelope!.globalUpper), localisationIndex: v.localisationIndex, dispersionIndex: v.dispersionIndex, bandwidth: v.bandwidth,
  departures: v.departures, distanceUnit: 'km', provenance: kd.provenance,
}));
writeFileSync(join(outDir, 'breweries-footprints.geojson'), JSON.stringify(fp.value));
console.log(`wrote ${join(outDir, 'breweries-kdensity.json')} and ${join(outDir, 'breweries-footprints.geojson')}`);
