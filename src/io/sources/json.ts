/**
 * GeoJSON FeatureCollections and JSON record arrays into a VARCHAR staging table. Properties
 * become columns; a feature's geometry is kept as JSON text in `__geometry`, and Point features
 * also give `__lon`/`__lat`. `line` is the 1-based feature (record) number: JSON files carry
 * no useful line structure.
 */
import { readFileSync } from 'node:fs';
import { InputError } from '../../core/errors.js';
import { appendRows, cellText, createVarcharTable, dropTable } from './rows.js';
import type { RawReadOptions, RawTable } from './types.js';

export const GEOMETRY_COLUMN = '__geometry';
export const POINT_LON = '__lon';
export const POINT_LAT = '__lat';

function parseJsonFile(file: string, label: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError('E_FILE', `${label}: cannot read file: ${(e as Error).message}`, { file: label });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError('E_PARSE', `${label}: not valid JSON: ${(e as Error).message}`, { file: label });
  }
}

export async function readGeoJson(options: RawReadOptions): Promise<RawTable> {
  const { ws, table, file, label } = options;
  const doc = parseJsonFile(file, label) as { type?: string; features?: unknown[] };
  let features: unknown[];
  if (doc && doc.type === 'FeatureCollection' && Array.isArray(doc.features)) features = doc.features;
  else if (doc && doc.type === 'Feature') features = [doc];
  else throw new InputError('E_PARSE', `${label}: expected a GeoJSON FeatureCollection`, { file: label, field: 'type', value: doc?.type });
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const f of features) {
    const props = (f as { properties?: Record<string, unknown> })?.properties;
    if (props && typeof props === 'object') {
      for (const k of Object.keys(props)) if (!seen.has(k)) { seen.add(k); keys.push(k); }
    }
  }
  const columns = [...keys, GEOMETRY_COLUMN, POINT_LON, POINT_LAT];
  const rows = features.map((f) => {
    const feature = (f ?? {}) as { properties?: Record<string, unknown> | null; geometry?: { type?: string; coordinates?: unknown } | null };
    const props = feature.properties ?? {};
    const g = feature.geometry;
    const point = g && g.type === 'Point' && Array.isArray(g.coordinates) ? (g.coordinates as unknown[]) : undefined;
    return [
      ...keys.map((k) => cellText(props[k])),
      g ? JSON.stringify(g) : null,
      point ? cellText(point[0]) : null,
      point ? cellText(point[1]) : null,
    ];
  });
  await createVarcharTable(ws, table, columns);
  await appendRows(ws, table, columns.length, rows);
  return { table, file: label, columns, rowCount: rows.length, structural: [], linesOf: async (ids) => ids.map((i) => i + 1), lineUnit: 'feature', drop: () => dropTable(ws, table) };
}

/** A JSON array of flat records (or {"records": [...]}) as a table. */
export async function readJsonRecords(options: RawReadOptions): Promise<RawTable> {
  const { ws, table, file, label } = options;
  const doc = parseJsonFile(file, label) as unknown;
  const records = Array.isArray(doc) ? doc : (doc as { records?: unknown[] })?.records;
  if (!Array.isArray(records)) throw new InputError('E_PARSE', `${label}: expected a JSON array of records`, { file: label });
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records) if (r && typeof r === 'object') for (const k of Object.keys(r)) if (!seen.has(k)) { seen.add(k); keys.push(k); }
  const rows = records.map((r) => keys.map((k) => cellText((r as Record<string, unknown>)?.[k])));
  await createVarcharTable(ws, table, keys);
  await appendRows(ws, table, keys.length, rows);
  return { table, file: label, columns: keys, rowCount: rows.length, structural: [], linesOf: async (ids) => ids.map((i) => i + 1), lineUnit: 'feature', drop: () => dropTable(ws, table) };
}
