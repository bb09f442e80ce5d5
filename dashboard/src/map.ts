/**
 * MapLibre GL maps with a GeoJSON-only style: a plain background and the project's own layers
 * (regions, parks, candidate footprints, plan results) — no tiles, no glyphs, no network but the
 * API. Labels are not drawn on the map (they would need glyph files); names show on hover and in
 * the candidate list beside it. MapLibre is imported as a namespace with its worker URL set, as
 * Vite needs.
 */
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';

maplibregl.setWorkerUrl(workerUrl);

export type Feature = { type: 'Feature'; geometry: { type: string; coordinates: unknown } | null; properties: Record<string, unknown> };
export type FC = { type: 'FeatureCollection'; features: Feature[] };

export function webglAvailable(): boolean {
  try {
    const c = document.createElement('canvas');
    return Boolean(c.getContext('webgl2') ?? c.getContext('webgl'));
  } catch {
    return false;
  }
}

/** Bounds of every coordinate of the collections. */
export function bounds(...fcs: (FC | null)[]): [number, number, number, number] | null {
  let b: [number, number, number, number] | null = null;
  const visit = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') {
      const [x, y] = c as number[];
      b = b ? [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)] : [x, y, x, y];
    } else if (Array.isArray(c)) for (const d of c) visit(d);
  };
  for (const fc of fcs) for (const f of fc?.features ?? []) visit(f.geometry?.coordinates);
  return b;
}

export interface AtlasMap {
  map: maplibregl.Map;
  ready: Promise<void>;
  set(id: string, data: FC, layers: maplibregl.AddLayerObject[]): void;
  fit(b: [number, number, number, number] | null): void;
  /** Resolves once the map has drawn everything set so far (MapLibre's 'idle': sources loaded, frame painted). */
  drawn(): Promise<void>;
  hover(layer: string, text: (p: Record<string, unknown>) => string): void;
  click(layer: string, on: (p: Record<string, unknown>) => void): void;
}

export function createMap(el: HTMLElement): AtlasMap {
  const map = new maplibregl.Map({
    container: el,
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#f4f6f8' } }] },
    center: [120, 30], zoom: 5, attributionControl: false, canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  const ready = new Promise<void>((resolve) => map.once('load', () => resolve()));
  const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: false });
  return {
    map, ready,
    set(id, data, layers) {
      for (const l of layers) if (map.getLayer(l.id)) map.removeLayer(l.id);
      const src = map.getSource(id) as maplibregl.GeoJSONSource | undefined;
      if (src) src.setData(data as never); else map.addSource(id, { type: 'geojson', data: data as never });
      for (const l of layers) map.addLayer(l);
    },
    fit(b) {
      if (b) map.fitBounds([[b[0], b[1]], [b[2], b[3]]], { padding: 30, duration: 0 });
    },
    drawn() {
      return new Promise<void>((resolve) => {
        map.once('idle', () => resolve());
        map.triggerRepaint();
      });
    },
    hover(layer, text) {
      map.on('mousemove', layer, (e) => {
        const f = e.features?.[0];
        if (!f) return;
        map.getCanvas().style.cursor = 'pointer';
        const div = document.createElement('div');
        div.textContent = text(f.properties as Record<string, unknown>);
        popup.setLngLat(e.lngLat).setDOMContent(div).addTo(map);
      });
      map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; popup.remove(); });
    },
    click(layer, on) {
      map.on('click', layer, (e) => { const f = e.features?.[0]; if (f) on(f.properties as Record<string, unknown>); });
    },
  };
}

/** LQ classes and LISA colours of the region layers (the report's overview palette). */
export const LQ_FILL: maplibregl.ExpressionSpecification = ['step', ['coalesce', ['get', 'lq'], 0], '#eef2f5', 0.5, '#d6e4f0', 1, '#9ecae1', 1.25, '#4292c6', 2, '#08519c'];
export const LISA_FILL: maplibregl.ExpressionSpecification = ['match', ['coalesce', ['get', 'lisa'], 'ns'], 'HH', '#d7301f', 'LL', '#2b8cbe', 'HL', '#fc8d59', 'LH', '#a6bddb', '#eef2f5'];
