/**
 * The caption under a map whose regions layer holds polygons of the built-in base map of China
 * (analyze marks them `boundarySource`, src/load/basemap.ts): vintage, source, not for
 * publication. Empty and hidden otherwise; set as text, never as markup. No MapLibre or DOM
 * import, so test/basemap.test.ts runs it in Node on a stand-in element.
 */
export interface CaptionElement { textContent: string | null; hidden: boolean }
export interface Layer { features: { properties: Record<string, unknown> | null }[] }

export function setBaseMapCaption(el: CaptionElement, fc: Layer, text: string): void {
  const builtin = fc.features.some((f) => typeof f.properties?.boundarySource === 'string');
  el.textContent = builtin ? text : '';
  el.hidden = !builtin;
}
