/** Map pieces shared by the overview and the candidate maps: the geo component and polygon overlays. */
import type { Option } from './context.js';

/** The parameters ECharts passes to a custom series' renderItem (the part used here). */
export interface RenderItemParams { dataIndex: number; coordSys: { x: number; y: number; width: number; height: number } }
export interface RenderItemApi { coord(point: number[]): number[] }

/** A geo component on a registered map (regions by their code). */
export function geoBase(map: string): { map: string; itemStyle: { areaColor: string; borderColor: string; borderWidth: number } } & Option {
  return {
    map, nameProperty: 'code', roam: true,
    itemStyle: { areaColor: '#ffffff', borderColor: '#9a9a9a', borderWidth: 0.4 },
    emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffe9a8' } },
    select: { disabled: true },
    label: { show: false },
  };
}

/** Closed rings drawn as polygons on geo `geoIndex`, clipped to the geo's box; `fill` 'none' draws outlines. */
export function polygonSeries(name: string, rings: [number, number][][], geoIndex: number, fill: string, stroke: string, dashed: boolean): Option {
  return {
    type: 'custom', name, coordinateSystem: 'geo', geoIndex, silent: true,
    itemStyle: { color: fill === 'none' ? stroke : fill },
    data: rings.map((r) => r[0]),
    renderItem: (params: RenderItemParams, api: RenderItemApi) => {
      const ring = rings[params.dataIndex];
      const box = params.coordSys;
      const p1 = api.coord([box.x, box.y]), p2 = api.coord([box.x + box.width, box.y + box.height]);
      const clip = { x: Math.min(p1[0], p2[0]), y: Math.min(p1[1], p2[1]), width: Math.abs(p2[0] - p1[0]), height: Math.abs(p2[1] - p1[1]) };
      return {
        type: 'polygon',
        shape: { points: ring.map((p) => api.coord(p)) },
        style: { fill, stroke, lineWidth: 1.5, lineDash: dashed ? [4, 3] : null },
        clipPath: { type: 'rect', shape: clip },
      };
    },
  };
}

/** A circle of `radiusKm` around [lon, lat] as a closed ring of 49 points (equirectangular approximation). */
export function circleRing(center: [number, number], radiusKm: number): [number, number][] {
  const ring: [number, number][] = [];
  const dLat = radiusKm / 111.2, dLon = radiusKm / (111.2 * Math.max(Math.cos((center[1] * Math.PI) / 180), 0.05));
  for (let k = 0; k <= 48; k++) ring.push([center[0] + dLon * Math.cos((2 * Math.PI * k) / 48), center[1] + dLat * Math.sin((2 * Math.PI * k) / 48)]);
  return ring;
}
