// Reference values for src/core/geo GCJ-02 / BD-09 conversions, from the npm package gcoord.
//
// Writes test/fixtures/geo/gcj02.json: for WGS 84 points across China (and a few outside its
// bounding box, where GCJ-02 is the identity), gcoord's WGS84→GCJ02 and GCJ02→BD09 forward
// results and its GCJ02→WGS84, BD09→GCJ02 and BD09→WGS84 inverses. gcoord's version is recorded.
//
// How test/geo.test.ts uses it: gcoord's forward maps are closed-form, so our forward results are
// compared at 1e-9° (far tighter than the 1e-6° asked). gcoord's GCJ02→WGS84 iterates only until
// the residual is below 1e-6°, and its BD09→GCJ02 is the one-step closed-form approximation
// (error up to ~3e-7°), so our inverses (iterated to 1e-11°) are checked by round trip at 1e-9°
// and only loosely, at 2.5e-6°, against gcoord's inverse values.
//
// Run on purpose only (the fixture is committed):  node test/reference/geo-gcoord.mjs
// gcoord is a devDependency, used by this script only.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const gcoord = require('gcoord');
const here = dirname(fileURLToPath(import.meta.url));
const gcoordPackage = JSON.parse(readFileSync(require.resolve('gcoord/package.json'), 'utf8'));

// Named places (WGS 84, rounded) and a regular grid over the country; plus points outside the
// bounding box (72.004–137.8347°E, 0.8293–55.8271°N).
const named = [
  ['Beijing Tiananmen', 116.391275, 39.907569],
  ['Shanghai People\'s Square', 121.4737, 31.2304],
  ['Shenzhen Futian', 114.0579, 22.5431],
  ['Urumqi', 87.6168, 43.8256],
  ['Lhasa', 91.1409, 29.6456],
  ['Harbin', 126.535, 45.8038],
  ['Sanya', 109.5119, 18.2528],
  ['Kashgar', 75.9898, 39.4677],
  ['Mohe', 122.5388, 52.9726],
];
const outside = [
  ['London', -0.1276, 51.5072],
  ['New York', -74.006, 40.7128],
  ['Sydney', 151.2093, -33.8688],
  ['Moscow', 37.6173, 55.7558],
  ['Singapore (south of the box)', 103.8198, 0.5],
];
const points = [];
for (const [name, lon, lat] of named) points.push({ name, lon, lat });
for (let lon = 75; lon <= 135; lon += 7.5) {
  for (let lat = 18; lat <= 53; lat += 5) points.push({ name: 'grid', lon, lat });
}
for (const [name, lon, lat] of outside) points.push({ name, lon, lat });

const C = gcoord;
const rows = points.map(({ name, lon, lat }) => {
  const gcj = C.transform([lon, lat], C.WGS84, C.GCJ02);
  const bd = C.transform(gcj.slice(), C.GCJ02, C.BD09);
  return {
    name,
    wgs84: [lon, lat],
    gcj02: gcj,
    bd09: bd,
    gcj02ToWgs84: C.transform(gcj.slice(), C.GCJ02, C.WGS84),
    bd09ToGcj02: C.transform(bd.slice(), C.BD09, C.GCJ02),
    bd09ToWgs84: C.transform(bd.slice(), C.BD09, C.WGS84),
  };
});

const doc = {
  generator: 'test/reference/geo-gcoord.mjs',
  gcoord: gcoordPackage.version,
  node: process.versions.node,
  note:
    'gcj02 and bd09 are gcoord forward results of wgs84; gcj02ToWgs84, bd09ToGcj02, bd09ToWgs84 are ' +
    "gcoord's (approximate) inverses applied to those forward results",
  points: rows,
};
const out = join(here, '..', 'fixtures', 'geo', 'gcj02.json');
mkdirSync(dirname(out), { recursive: true });
const text = JSON.stringify(doc, null, 1).replace(/\[\s+([-0-9.eE+,\s]+?)\s+\]/g, (_, body) =>
  `[${body.split(',').map((v) => v.trim()).join(', ')}]`,
);
writeFileSync(out, text + '\n');
console.log(`wrote ${out}: ${rows.length} points, gcoord ${gcoordPackage.version}`);
