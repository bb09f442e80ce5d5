/**
 * Writing a test-bed economy as a Cluster Atlas project: firms.csv, institutions.csv,
 * links.csv, regions.geojson, parks.geojson and cluster-atlas.json (what `cluster-atlas ingest`
 * reads), plus planted.json — the test bed's truth, read by its scorer only.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvLine } from '../../src/core/csv.js';
import type { Economy } from './economy.js';
import { PROVINCE } from './world.js';

const csv = (header: string[], rows: (string | number)[][]): string => `${[header, ...rows].map((r) => csvLine(r)).join('\n')}\n`;
const identity = (fields: string[]): Record<string, string> => Object.fromEntries(fields.map((f) => [f, f]));

const FIRM_FIELDS = ['id', 'name', 'industry', 'lon', 'lat', 'region', 'employees', 'output', 'revenue', 'founded', 'ownership', 'park', 'patents', 'functions'];
const INSTITUTION_FIELDS = ['id', 'name', 'type', 'lon', 'lat', 'region'];
const LINK_FIELDS = ['source', 'target', 'type', 'value', 'year'];

export function writeEconomy(e: Economy, dir: string): string {
  mkdirSync(dir, { recursive: true });
  const w = e.world;
  writeFileSync(join(dir, 'firms.csv'), csv(FIRM_FIELDS, w.firms.map((f) => [
    f.id, f.name, f.industry, f.lon, f.lat, f.region, f.employees, f.output, f.output, f.founded, f.ownership, f.park, f.patents, f.functions.join(';'),
  ])));
  writeFileSync(join(dir, 'institutions.csv'), csv(INSTITUTION_FIELDS, w.institutions.map((i) => [i.id, i.name, i.type, i.lon, i.lat, i.region])));
  writeFileSync(join(dir, 'links.csv'), csv(LINK_FIELDS, w.ties.map((t) => [t.source, t.target, t.type, t.value, 2024])));
  const square = (x0: number, y0: number): number[][][] => [[[x0, y0], [x0 + PROVINCE.dLon, y0], [x0 + PROVINCE.dLon, y0 + PROVINCE.dLat], [x0, y0 + PROVINCE.dLat], [x0, y0]]];
  writeFileSync(join(dir, 'regions.geojson'), JSON.stringify({
    type: 'FeatureCollection',
    features: w.counties.map((c) => ({
      type: 'Feature',
      properties: { code: c.code, name: c.name, parent: c.code.slice(0, 4), level: 'county', population: Math.round(c.weight * 300000) },
      geometry: { type: 'Polygon', coordinates: square(Math.round(c.x0 * 1e6) / 1e6, Math.round(c.y0 * 1e6) / 1e6) },
    })),
  }));
  const inputs: Record<string, unknown> = {
    regions: { file: 'regions.geojson', columns: identity(['code', 'name', 'parent', 'level', 'population']) },
    firms: { file: 'firms.csv', columns: identity(FIRM_FIELDS), units: { output: '万元', revenue: '万元' } },
    institutions: { file: 'institutions.csv', columns: identity(INSTITUTION_FIELDS) },
    links: { file: 'links.csv', columns: identity(LINK_FIELDS), units: { value: '万元' } },
  };
  if (w.parks.length) {
    writeFileSync(join(dir, 'parks.geojson'), JSON.stringify({
      type: 'FeatureCollection',
      features: w.parks.map((p) => ({ type: 'Feature', properties: { id: p.id, name: p.name, level: p.level, designated: p.designated, region: p.region }, geometry: { type: 'Polygon', coordinates: [p.ring] } })),
    }));
    inputs.parks = { file: 'parks.geojson', columns: identity(['id', 'name', 'level', 'designated', 'region']) };
  }
  const project = {
    version: 1, name: `test bed seed ${e.params.seed} (${e.params.strength})`, industryCodeSystem: 'GB/T 4754-2017', crs: 'WGS84', currency: 'CNY',
    workspace: '.cluster-atlas/workspace.duckdb', inputs,
  };
  writeFileSync(join(dir, 'cluster-atlas.json'), JSON.stringify(project, null, 2));
  writeFileSync(join(dir, 'planted.json'), JSON.stringify({ params: e.params, planted: e.planted }, null, 1));
  return join(dir, 'cluster-atlas.json');
}
