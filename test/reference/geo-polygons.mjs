// Hand-built polygon-validity fixtures for validatePolygon, one (or more) per reason.
//
// Writes test/fixtures/geo/polygons.json as a GeoJSON FeatureCollection that opens on any map:
// each feature's properties give the case name, the expected result (expected_ok, and
// expected_reason when invalid), options, and why. The expected results are derived by hand from
// the rules in src/core/geo/validate-polygon.ts (OGC Simple Features §6.1.11), not by running our
// code. Shapes are drawn on an integer grid (cell = 0.25°) placed near Beijing (116°E, 39°N), so
// every coordinate is an exact binary fraction and collinear/touching cases are exactly that.
// Cases that JSON cannot hold (NaN coordinates) and the 20 000-vertex circle are built in
// test/geo.test.ts instead.
//
// Run on purpose only (the fixture is committed):  node test/reference/geo-polygons.mjs

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CELL = 0.25;
const X0 = 116;
const Y0 = 39;
/** Grid ring [[i, j], ...] → positions; closes the ring unless open is true. */
const ring = (pts, { open = false } = {}) => {
  const out = pts.map(([i, j]) => [X0 + i * CELL, Y0 + j * CELL]);
  if (!open) out.push(out[0].slice());
  return out;
};
const square = (i0, j0, size) => [[i0, j0], [i0 + size, j0], [i0 + size, j0 + size], [i0, j0 + size]];
const cw = (pts) => pts.slice().reverse();

const cases = [
  {
    name: 'valid_square',
    ok: true,
    why: 'a counter-clockwise square',
    geometry: { type: 'Polygon', coordinates: [ring(square(0, 0, 4))] },
  },
  {
    name: 'valid_square_with_hole',
    ok: true,
    why: 'shell 8×8, clockwise hole 2×2 strictly inside',
    geometry: { type: 'Polygon', coordinates: [ring(square(0, 0, 8)), ring(cw(square(3, 3, 2)))] },
  },
  {
    name: 'valid_hole_touching_shell_once',
    ok: true,
    why: 'a triangular hole whose apex touches the shell edge at one point: allowed by OGC',
    geometry: { type: 'Polygon', coordinates: [ring(square(0, 0, 8)), ring([[2, 2], [4, 0], [6, 2]])] },
  },
  {
    name: 'valid_repeated_vertex',
    ok: true,
    why: 'a repeated consecutive position is ignored',
    geometry: { type: 'Polygon', coordinates: [ring([[0, 0], [4, 0], [4, 0], [4, 4], [0, 4]])] },
  },
  {
    name: 'valid_concave_collinear_vertices',
    ok: true,
    why: 'an L shape with extra vertices along straight edges',
    geometry: { type: 'Polygon', coordinates: [ring([[0, 0], [2, 0], [4, 0], [4, 2], [2, 2], [2, 4], [0, 4], [0, 2]])] },
  },
  {
    name: 'valid_multipolygon',
    ok: true,
    why: 'two disjoint squares, the second with a hole',
    geometry: {
      type: 'MultiPolygon',
      coordinates: [[ring(square(0, 0, 2))], [ring(square(4, 0, 4)), ring(cw(square(5, 1, 2)))]],
    },
  },
  {
    name: 'not_polygon_linestring',
    ok: false,
    reason: 'not_polygon',
    why: 'type LineString',
    geometry: { type: 'LineString', coordinates: ring(square(0, 0, 2)) },
  },
  {
    name: 'not_polygon_bad_position',
    ok: false,
    reason: 'not_polygon',
    why: 'a position with one number',
    geometry: { type: 'Polygon', coordinates: [[[116, 39], [116.5], [116.5, 39.5], [116, 39]]] },
  },
  {
    name: 'not_polygon_no_rings',
    ok: false,
    reason: 'not_polygon',
    why: 'a Polygon with no rings',
    geometry: { type: 'Polygon', coordinates: [] },
  },
  {
    name: 'out_of_range_longitude',
    ok: false,
    reason: 'out_of_range',
    why: 'longitude 181 in geographic mode',
    geometry: { type: 'Polygon', coordinates: [[[179, 0], [181, 0], [181, 1], [179, 1], [179, 0]]] },
  },
  {
    name: 'projected_coordinates_not_geographic',
    ok: true,
    options: { geographic: false },
    why: 'CGCS2000 3° GK eastings/northings are fine once geographic is false',
    geometry: {
      type: 'Polygon',
      coordinates: [[[39500000, 4400000], [39510000, 4400000], [39510000, 4410000], [39500000, 4410000], [39500000, 4400000]]],
    },
  },
  {
    name: 'ring_not_closed',
    ok: false,
    reason: 'ring_not_closed',
    why: 'four positions, last differs from first',
    geometry: { type: 'Polygon', coordinates: [ring(square(0, 0, 4), { open: true })] },
  },
  {
    name: 'too_few_points',
    ok: false,
    reason: 'too_few_points',
    why: 'a three-position ring (a closed "triangle" with only two distinct vertices)',
    geometry: { type: 'Polygon', coordinates: [ring([[0, 0], [4, 0]])] },
  },
  {
    name: 'zero_area_collinear',
    ok: false,
    reason: 'zero_area',
    why: 'all four vertices on one line',
    geometry: { type: 'Polygon', coordinates: [ring([[0, 0], [1, 1], [3, 3], [2, 2]])] },
  },
  {
    name: 'self_intersection_bow_tie',
    ok: false,
    reason: 'self_intersection',
    why: 'the classic bow-tie: edges 0 and 2 cross at the centre (its signed area is 0)',
    geometry: { type: 'Polygon', coordinates: [ring([[0, 0], [4, 4], [4, 0], [0, 4]])] },
  },
  {
    name: 'self_intersection_ring_touches_itself',
    ok: false,
    reason: 'self_intersection',
    why: 'vertex (2, 2) visited twice: two triangles joined at a point (an "inverted" ring)',
    geometry: { type: 'Polygon', coordinates: [ring([[0, 0], [2, 2], [4, 0], [4, 4], [2, 2], [0, 4]])] },
  },
  {
    name: 'self_intersection_vertex_on_edge',
    ok: false,
    reason: 'self_intersection',
    why: 'vertex (2, 0) of a notch lies on the bottom edge from (0, 0) to (4, 0)',
    geometry: { type: 'Polygon', coordinates: [ring([[0, 0], [4, 0], [4, 4], [3, 4], [2, 0], [1, 4], [0, 4]])] },
  },
  {
    name: 'self_intersection_spike',
    ok: false,
    reason: 'self_intersection',
    why: 'the ring goes out to (6, 2) and straight back along the same line (a zero-width spike)',
    geometry: { type: 'Polygon', coordinates: [ring([[0, 0], [4, 0], [4, 2], [6, 2], [4, 2], [4, 4], [0, 4]])] },
  },
  {
    name: 'self_intersection_hole_crosses_shell',
    ok: false,
    reason: 'self_intersection',
    why: 'the hole pokes out through the shell edge x = 4',
    geometry: { type: 'Polygon', coordinates: [ring(square(0, 0, 4)), ring(cw(square(3, 1, 2)))] },
  },
  {
    name: 'self_intersection_rings_share_segment',
    ok: false,
    reason: 'self_intersection',
    why: 'touching rings: the hole shares part of the shell edge y = 0',
    geometry: { type: 'Polygon', coordinates: [ring(square(0, 0, 8)), ring(cw([[2, 0], [4, 0], [4, 2], [2, 2]]))] },
  },
  {
    name: 'self_intersection_hole_touches_shell_twice',
    ok: false,
    reason: 'self_intersection',
    why: 'touching rings: a diamond hole touches the shell at (4, 0) and (4, 8), cutting the interior in two',
    geometry: { type: 'Polygon', coordinates: [ring(square(0, 0, 8)), ring([[4, 0], [6, 4], [4, 8], [2, 4]])] },
  },
  {
    name: 'self_intersection_touching_holes_cycle',
    ok: false,
    reason: 'self_intersection',
    why: 'touching rings: hole A touches the shell and hole B, and B touches the shell: the pocket between them is cut off',
    geometry: {
      type: 'Polygon',
      coordinates: [ring(square(0, 0, 8)), ring([[2, 0], [4, 2], [2, 4], [1, 2]]), ring([[6, 0], [7, 2], [6, 4], [4, 2]])],
    },
  },
  {
    name: 'valid_holes_touching_each_other_once',
    ok: true,
    why: 'two holes touching each other at one point and nothing else: the interior stays connected',
    geometry: {
      type: 'Polygon',
      coordinates: [ring(square(0, 0, 8)), ring([[2, 2], [4, 3], [2, 4]]), ring([[4, 3], [6, 2], [6, 4]])],
    },
  },
  {
    name: 'hole_outside',
    ok: false,
    reason: 'hole_outside',
    why: 'the hole lies entirely outside the shell',
    geometry: { type: 'Polygon', coordinates: [ring(square(0, 0, 4)), ring(cw(square(6, 6, 1)))] },
  },
  {
    name: 'hole_inside_hole',
    ok: false,
    reason: 'hole_outside',
    why: 'hole 2 lies inside hole 1, so it is outside the polygon area',
    geometry: { type: 'Polygon', coordinates: [ring(square(0, 0, 8)), ring(cw(square(1, 1, 6))), ring(cw(square(3, 3, 1)))] },
  },
  {
    name: 'multipolygon_second_invalid',
    ok: false,
    reason: 'self_intersection',
    why: 'polygon 1 of the MultiPolygon is a bow-tie',
    geometry: { type: 'MultiPolygon', coordinates: [[ring(square(0, 0, 2))], [ring([[4, 0], [8, 4], [8, 0], [4, 4]])]] },
  },
];

const features = cases.map((c) => ({
  type: 'Feature',
  properties: {
    name: c.name,
    expected_ok: c.ok,
    ...(c.reason ? { expected_reason: c.reason } : {}),
    ...(c.options ? { options: c.options } : {}),
    why: c.why,
  },
  geometry: c.geometry,
}));
const doc = {
  type: 'FeatureCollection',
  generator: 'test/reference/geo-polygons.mjs',
  note: 'expected results derived by hand; grid cell 0.25 degrees from (116E, 39N)',
  features,
};
const out = join(here, '..', 'fixtures', 'geo', 'polygons.json');
mkdirSync(dirname(out), { recursive: true });
const text = JSON.stringify(doc, null, 1).replace(/\[\s+([-0-9.eE+,\s]+?)\s+\]/g, (_, body) =>
  `[${body.split(',').map((v) => v.trim()).join(', ')}]`,
);
writeFileSync(out, text + '\n');
console.log(`wrote ${out}: ${features.length} cases`);
