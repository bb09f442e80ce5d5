/**
 * Regenerates src/model/basemap/cn-provinces.geojson and cn-prefectures.geojson, the built-in base
 * map of China that ships with the package, from ../shared/data/cn-boundaries-echarts4 (simplified
 * ~2016 polygons from the Apache-2.0 npm package echarts@4.9.0; see that directory's SOURCE.txt and
 * src/model/basemap/LICENSE-DATA.md):
 *
 *   npx tsx scripts/build-cn-basemap.ts [DIR]   (default: $CLUSTER_ATLAS_SHARED_DATA or ../shared/data, then cn-boundaries-echarts4/)
 *
 * Keeps the geometry as it is (3 decimals) and only the properties the loader reads: `code`
 * (adcode_2024), `name` (name_2024), `level` (province | prefecture | county |
 * sar_or_tw_subdivision) and `province`. Also copies the package's LICENSE and NOTICE.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? process.env.CLUSTER_ATLAS_SHARED_DATA ?? join('..', 'shared', 'data'), process.argv[2] ? '' : 'cn-boundaries-echarts4');
const out = join('src', 'model', 'basemap');
interface F { type: 'Feature'; properties: Record<string, string>; geometry: unknown }
const read = (f: string): F[] => (JSON.parse(readFileSync(join(dir, f), 'utf8')) as { features: F[] }).features;
const write = (f: string, features: F[], keep: (p: Record<string, string>) => Record<string, string>): void => {
  const lines = features.map((x) => JSON.stringify({ type: 'Feature', properties: keep(x.properties), geometry: x.geometry }));
  writeFileSync(join(out, f), `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`);
};
write('cn-provinces.geojson', read('cn_provinces_echarts4.geojson'), (p) => ({ code: p.adcode, name: p.name_2024, level: 'province', province: p.adcode }));
write('cn-prefectures.geojson', read('cn_prefecture_level_echarts4.geojson'), (p) => ({ code: p.adcode_2024, name: p.level === 'sar_or_tw_subdivision' ? p.name : p.name_2024, level: p.level, province: p.province }));
copyFileSync(join(dir, 'LICENSE_echarts_Apache-2.0.txt'), join(out, 'LICENSE-echarts-Apache-2.0.txt'));
copyFileSync(join(dir, 'NOTICE_echarts.txt'), join(out, 'NOTICE-echarts.txt'));
