/**
 * Small point files for planning (candidate sites, markets, facilities): CSV with id, lon, lat
 * (and optional weight, capacity, stage columns), or GeoJSON Point features with those
 * properties. Every row is checked; a bad row is an error naming the file, line and field
 * (these files are inputs to an optimisation, where a silently dropped market would change
 * the answer).
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseCsvRecords } from '../core/csv.js';
import { InputError } from '../core/errors.js';
import { decode, detectEncoding } from './encoding.js';
import { refuseNonRegular } from './input-file.js';

export interface PointRow {
  id: string;
  lon: number;
  lat: number;
  weight?: number;
  capacity?: number;
  stage?: string;
}

const ALIASES: Record<keyof PointRow, string[]> = {
  id: ['id', 'code', 'name', '编号', '代码', '名称'],
  lon: ['lon', 'lng', 'longitude', 'x', '经度'],
  lat: ['lat', 'latitude', 'y', '纬度'],
  weight: ['weight', 'demand', 'population', 'w', '权重', '需求'],
  capacity: ['capacity', 'cap', '容量'],
  stage: ['stage', 'chain_stage', '环节'],
};

export function readPoints(file: string, options: { requireStage?: boolean } = {}): PointRow[] {
  let bytes: Buffer;
  refuseNonRegular(file, file);
  try { bytes = readFileSync(file); } catch { throw new InputError('E_FILE', `${file}: file not found`, { file }); }
  const text = decode(bytes, detectEncoding(bytes));
  const rows: { line: number; get: (k: keyof PointRow) => string | undefined }[] = [];
  if (['.geojson', '.json'].includes(extname(file).toLowerCase())) {
    let doc: { features?: { properties?: Record<string, unknown>; geometry?: { type?: string; coordinates?: number[] } }[] };
    try { doc = JSON.parse(text); } catch (e) { throw new InputError('E_PARSE', `${file}: not valid JSON: ${(e as Error).message}`, { file }); }
    if (!Array.isArray(doc.features)) throw new InputError('E_PARSE', `${file}: expected a GeoJSON FeatureCollection of points`, { file });
    doc.features.forEach((f, k) => {
      const props = Object.fromEntries(Object.entries(f.properties ?? {}).map(([a, b]) => [a.toLowerCase(), b]));
      const pt = f.geometry?.type === 'Point' ? f.geometry.coordinates : undefined;
      rows.push({
        line: k + 1,
        get: (key) => {
          if (key === 'lon' && pt) return String(pt[0]);
          if (key === 'lat' && pt) return String(pt[1]);
          const name = ALIASES[key].find((a) => props[a] !== undefined && props[a] !== null);
          return name === undefined ? undefined : String(props[name]);
        },
      });
    });
  } else {
    const records = parseCsvRecords(text);
    const header = (records[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
    const col = (key: keyof PointRow): number => header.findIndex((h) => ALIASES[key].includes(h));
    for (const key of ['id', 'lon', 'lat'] as const) {
      if (col(key) < 0) throw new InputError('E_MAPPING', `${file}: no ${key} column (one of ${ALIASES[key].join(', ')}); header: ${header.join(', ')}`, { file, line: 1, field: key });
    }
    for (const { cells: raw, line } of records.slice(1)) {
      const cells = raw.map((c) => c.trim());
      rows.push({ line, get: (key) => { const c = col(key); return c < 0 ? undefined : cells[c] === '' ? undefined : cells[c]; } });
    }
  }
  const out: PointRow[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const id = r.get('id');
    if (!id) throw new InputError('E_PARSE', `${file}:${r.line}: id is empty`, { file, line: r.line, field: 'id', value: '' });
    if (seen.has(id)) throw new InputError('E_PARSE', `${file}:${r.line}: id ${JSON.stringify(id)} repeats line ${seen.get(id)}`, { file, line: r.line, field: 'id', value: id });
    seen.set(id, r.line);
    const num = (key: 'lon' | 'lat' | 'weight' | 'capacity', required: boolean): number | undefined => {
      const v = r.get(key);
      if (v === undefined) {
        if (required) throw new InputError('E_PARSE', `${file}:${r.line}: ${key} is empty`, { file, line: r.line, field: key, value: '' });
        return undefined;
      }
      const x = Number(v);
      if (!Number.isFinite(x)) throw new InputError('E_NOT_FINITE', `${file}:${r.line}: ${key} must be a number, got ${JSON.stringify(v)}`, { file, line: r.line, field: key, value: v });
      if ((key === 'weight' || key === 'capacity') && x < 0) throw new InputError('E_NEGATIVE', `${file}:${r.line}: ${key} must be ≥ 0, got ${v}`, { file, line: r.line, field: key, value: v });
      return x;
    };
    const lon = num('lon', true)!;
    const lat = num('lat', true)!;
    if (Math.abs(lon) > 180 || Math.abs(lat) > 90) throw new InputError('E_OPTION', `${file}:${r.line}: lon/lat (${lon}, ${lat}) out of range`, { file, line: r.line, field: 'lon', value: lon });
    const stage = r.get('stage');
    if (options.requireStage && !stage) throw new InputError('E_PARSE', `${file}:${r.line}: stage is empty`, { file, line: r.line, field: 'stage', value: '' });
    const row: PointRow = { id, lon, lat };
    const w = num('weight', false); if (w !== undefined) row.weight = w;
    const c = num('capacity', false); if (c !== undefined) row.capacity = c;
    if (stage) row.stage = stage;
    out.push(row);
  }
  if (out.length === 0) throw new InputError('E_PARSE', `${file}: no points`, { file });
  return out;
}
