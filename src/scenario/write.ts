/**
 * writeScenario: the scenario as the files a user would bring (CSV, GeoJSON, JSON) plus the
 * project file that maps their columns, the ground truth and a README.
 *
 * Byte-identical output for identical scenarios: rows in table order, fixed decimals
 * (coordinates 6, money 1, IO cells 2), object keys written in a fixed order, no timestamps.
 * Large tables are streamed in ~1 MB chunks, never built as one string.
 */
import { demoCategoriesCsv, demoRelatednessCsv } from './categories.js';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { Project } from '../model/project.js';
import { getGeography } from './geography.js';
import { INDUSTRIES } from './industries.js';
import { endId, firmId, LINK_TYPES, OWNERSHIPS, ROLES } from './tables.js';
import type { Scenario } from './types.js';

/** Chinese values of the firm file, mapped back to model values by the project file. */
const OWNERSHIP_ZH: Record<string, string> = { local: '本地', external_domestic: '外地', foreign: '外资', state: '国有' };
const FUNCTION_ZH: ReadonlyArray<readonly [number, string, string]> = [[1, '生产', 'production'], [2, '研发', 'rnd'], [4, '营销', 'marketing']];
/** The 业务环节 cell for each function bit mask. */
const FUNCTION_TEXT: readonly string[] = Array.from({ length: 8 }, (_, m) => FUNCTION_ZH.filter(([b]) => (m & b) !== 0).map(([, zh]) => zh).join(';'));

/** firms.csv headers, model field → column (Chinese, as a planner's spreadsheet would have them). */
export const FIRM_COLUMNS: ReadonlyArray<readonly [string, string]> = [
  ['id', '企业代码'], ['name', '企业名称'], ['industry', '行业代码'], ['lon', '经度'], ['lat', '纬度'], ['region', '区划代码'],
  ['employees', '从业人员'], ['revenue', '营业收入(万元)'], ['output', '总产值(万元)'], ['founded', '成立年份'], ['ownership', '所有制'],
  ['parent', '母公司代码'], ['patents', '专利数'], ['rdSpend', '研发投入(万元)'], ['exports', '出口额(万元)'], ['park', '所在园区'],
  ['functions', '业务环节'], ['brand', '品牌'],
];

const CHUNK = 1 << 16;

class Sink {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly fh: FileHandle) {}
  /** Queue text; true when a flush is due. */
  add(s: string): boolean {
    this.parts.push(s);
    this.size += s.length;
    return this.size >= CHUNK;
  }
  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    await this.fh.write(this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

async function writeFileStreaming(path: string, body: (sink: Sink) => Promise<void>): Promise<void> {
  const fh = await open(path, 'w');
  try {
    const sink = new Sink(fh);
    await body(sink);
    await sink.flush();
  } finally {
    await fh.close();
  }
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const fx = (v: number, d: number): string => (Number.isNaN(v) ? '' : v.toFixed(d));

/** Same digits as v.toFixed(1) for finite v ≥ 0 below 1e14, without the general-purpose conversion. */
function fixed1(v: number): string {
  const t = Math.round(v * 10);
  return `${Math.floor(t / 10)}.${t % 10}`;
}

const PAD6 = ['', '00000', '0000', '000', '00', '0', ''];
/** Same digits as v.toFixed(6) for finite v ≥ 0 below 1e9 (the scenario's coordinates). */
function fixed6(v: number): string {
  const t = Math.round(v * 1e6);
  const frac = String(t % 1000000);
  return `${Math.floor(t / 1000000)}.${PAD6[frac.length]}${frac}`;
}

async function writeFirms(s: Scenario, path: string): Promise<void> {
  const t = s.firms;
  const c = t.columns;
  const ownership = OWNERSHIPS.map((o) => OWNERSHIP_ZH[o]);
  const brands = t.brands.map(csvCell);
  await writeFileStreaming(path, async (sink) => {
    sink.add(`${FIRM_COLUMNS.map(([, h]) => h).join(',')}\n`);
    for (let i = 0; i < t.length; i++) {
      const fb = c.functions[i];
      const fns = FUNCTION_TEXT[fb & 7];
      const row = `${firmId(i)},${csvCell(t.name(i))},${t.industryCodes[c.industry[i]]},${fixed6(c.lon[i])},${fixed6(c.lat[i])},${t.regionCodes[c.region[i]]},`
        + `${c.employees[i]},${fixed1(c.revenue[i])},${fixed1(c.output[i])},${c.founded[i]},${ownership[c.ownership[i]]},`
        + `${c.parent[i] >= 0 ? firmId(c.parent[i]) : ''},${c.patents[i]},${fixed1(c.rdSpend[i])},${fixed1(c.exports[i])},`
        + `${c.park[i] >= 0 ? t.parkIds[c.park[i]] : ''},${fns},${c.brand[i] >= 0 ? brands[c.brand[i]] : ''}\n`;
      if (sink.add(row)) await sink.flush();
    }
  });
}

async function writeLinks(s: Scenario, path: string): Promise<void> {
  const c = s.links.columns;
  await writeFileStreaming(path, async (sink) => {
    sink.add('source,target,type,value,year\n');
    for (let i = 0; i < s.links.length; i++) {
      const row = `${endId(c.source[i])},${endId(c.target[i])},${LINK_TYPES[c.type[i]]},${Number.isNaN(c.value[i]) ? '' : fixed1(c.value[i])},${c.year[i]}\n`;
      if (sink.add(row)) await sink.flush();
    }
  });
}

async function writeStats(s: Scenario, path: string): Promise<void> {
  const t = s.regionalStats;
  const c = t.columns;
  await writeFileStreaming(path, async (sink) => {
    sink.add('region,industry,year,employment,output,establishments\n');
    for (let i = 0; i < t.length; i++) {
      const row = `${t.regionCodes[c.region[i]]},${t.industryCodes[c.industry[i]]},${c.year[i]},${c.employment[i]},${fixed1(c.output[i])},${c.establishments[i]}\n`;
      if (sink.add(row)) await sink.flush();
    }
  });
}

async function writeTruthFirms(s: Scenario, path: string): Promise<void> {
  const c = s.firms.columns;
  const ids = s.truth.structures.map((x) => x.id);
  await writeFileStreaming(path, async (sink) => {
    sink.add('firm,structure,role\n');
    for (let i = 0; i < s.firms.length; i++) {
      if (c.structure[i] < 0) continue;
      if (sink.add(`${firmId(i)},${ids[c.structure[i]]},${ROLES[c.role[i]]}\n`)) await sink.flush();
    }
  });
}

async function writeText(path: string, text: string): Promise<void> {
  await writeFileStreaming(path, async (sink) => {
    sink.add(text);
  });
}

function institutionsCsv(s: Scenario): string {
  const lines = ['id,name,type,industry,lon,lat,region,park'];
  for (const x of s.institutions) {
    lines.push([x.id, csvCell(x.name ?? ''), x.type, x.industry ?? '', x.lon!.toFixed(6), x.lat!.toFixed(6), x.region ?? '', x.park ?? ''].join(','));
  }
  return `${lines.join('\n')}\n`;
}

function ioCsv(s: Scenario): string {
  const t = s.ioTable;
  const codes = t.sectors.map((x) => x.code);
  const lines = [['sector', ...codes, 'final_demand', 'total_output'].join(',')];
  codes.forEach((code, i) => {
    lines.push([code, ...t.intermediate[i].map((v) => v.toFixed(2)), t.finalDemand[i].toFixed(2), t.totalOutput[i].toFixed(2)].join(','));
  });
  return `${lines.join('\n')}\n`;
}

/** industry,sector: the scenario's GB/T classes → IO sectors (for `plan gaps --sector-map`). */
function ioSectorMapCsv(s: Scenario): string {
  const lines = ['industry,sector'];
  for (const sector of s.ioTable.sectors) for (const code of sector.industries ?? []) lines.push(`${code},${sector.code}`);
  return `${lines.join('\n')}\n`;
}

function regionsGeoJson(s: Scenario): string {
  const synthetic = new Set(getGeography().regions.filter((r) => r.synthetic).map((r) => r.code));
  const features = s.regions.map((r) => {
    const code = r.code;
    const prefecture = r.parent!;
    const province = `${code.slice(0, 2)}0000`;
    const pref = s.adminAreas.find((a) => a.code === prefecture);
    const prov = s.adminAreas.find((a) => a.code === province);
    return JSON.stringify({
      type: 'Feature',
      properties: {
        code, name: r.name, parent: prefecture, level: r.level, prefecture, prefecture_name: pref?.name ?? '', province,
        province_name: prov?.name ?? '', population: r.population, gdp: r.gdp, synthetic: synthetic.has(code),
      },
      geometry: r.geometry,
    });
  });
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}

function parksGeoJson(s: Scenario): string {
  const features = s.parks.map((p) => JSON.stringify({
    type: 'Feature',
    properties: { id: p.id, name: p.name, level: p.level, designated: p.designated, region: p.region },
    geometry: p.geometry,
  }));
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}

/** The project file: what each input is and how its columns map to model fields. */
export function scenarioProject(s: Scenario): Project {
  const project = {
    version: 1,
    name: `Cluster Atlas demo scenario (seed ${s.seed}, scale ${s.scale})`,
    industryCodeSystem: 'GB/T 4754-2017',
    crs: 'WGS84',
    currency: 'CNY',
    workspace: '.cluster-atlas/workspace.duckdb',
    inputs: {
      firms: {
        file: 'firms.csv', format: 'csv', encoding: 'utf-8',
        columns: Object.fromEntries(FIRM_COLUMNS),
        units: { employees: '人', revenue: '万元', output: '万元', rdSpend: '万元', exports: '万元' },
        values: {
          ownership: Object.fromEntries(Object.entries(OWNERSHIP_ZH).map(([k, v]) => [v, k])),
          functions: Object.fromEntries(FUNCTION_ZH.map(([, zh, en]) => [zh, en])),
        },
      },
      institutions: {
        file: 'institutions.csv', format: 'csv', encoding: 'utf-8',
        columns: { id: 'id', name: 'name', type: 'type', industry: 'industry', lon: 'lon', lat: 'lat', region: 'region', park: 'park' },
      },
      links: {
        file: 'links.csv', format: 'csv', encoding: 'utf-8',
        columns: { source: 'source', target: 'target', type: 'type', value: 'value', year: 'year' },
        units: { value: '万元' },
      },
      regions: {
        file: 'regions.geojson', format: 'geojson', encoding: 'utf-8',
        columns: { code: 'code', name: 'name', parent: 'parent', level: 'level', population: 'population', gdp: 'gdp' },
        units: { population: '人', gdp: '万元' },
      },
      parks: {
        file: 'parks.geojson', format: 'geojson', encoding: 'utf-8',
        columns: { id: 'id', name: 'name', level: 'level', designated: 'designated', region: 'region' },
      },
      regionalStats: {
        file: 'regional_stats.csv', format: 'csv', encoding: 'utf-8',
        columns: { region: 'region', industry: 'industry', year: 'year', employment: 'employment', output: 'output', establishments: 'establishments' },
        units: { employment: '人', output: '万元' },
      },
      ioTable: {
        file: 'io_table.csv', format: 'csv', encoding: 'utf-8',
        columns: { sector: 'sector', finalDemand: 'final_demand', totalOutput: 'total_output' },
      },
      chainTemplates: { file: 'chain_templates.json', format: 'json', encoding: 'utf-8', columns: {} },
    },
    // the IO table's sectors are S01…: the chain gate matches the firms' classes to them by the map
    diagnosis: { ioSectorMap: 'io_sector_map.csv' },
    // an illustrative grouping of the GB/T divisions (src/scenario/categories.ts): the report's category portfolio
    categories: { file: 'categories.csv', related: 'categories_related.csv' },
  };
  return Project.parse(project);
}

function readme(s: Scenario): string {
  const c = s.counts;
  const rows = s.truth.structures.map((x) => `| ${x.id} | ${x.name.zh} | ${x.label} | ${x.stage ?? '—'} | ${x.radiation ?? '—'} | ${x.firmCount} |`);
  const sectors = s.ioTable.sectors.map((x) => `${x.code} ${x.name}`).join('; ');
  const codes = [...new Set([...INDUSTRIES.map((d) => d.code), ...s.chainTemplates.flatMap((t) => t.stages.flatMap((st) => st.industries))])].sort();
  return `# Cluster Atlas demo scenario

Synthetic but realistic study area generated by \`generateScenario(${s.seed}, { scale: ${s.scale}, currentYear: ${s.currentYear} })\`
(${s.truth.generator}). Every number here is invented. The county seats are real (GB/T 2260 codes, names,
approximate coordinates); filler counties (\`synthetic: true\` in regions.geojson) have made-up codes and names; the
firms, institutions, parks, populations and flows are all synthetic. Regenerate with \`cluster-atlas demo --seed ${s.seed} --scale ${s.scale}\`.

Counts: ${c.firms} firms, ${c.institutions} institutions, ${c.links} links, ${c.regions} regions, ${c.parks} parks,
${c.regionalStats} rows of regional statistics (${s.truth.years[0]}–${s.truth.years[1]}).

Load it with \`cluster-atlas ingest\` in this folder: \`cluster-atlas.json\` maps every column.

## Files

| file | what it holds |
| --- | --- |
| firms.csv | One row per establishment. Chinese headers (企业代码 id, 企业名称 name, 行业代码 GB/T 4754-2017 class, 经度/纬度 WGS84, 区划代码 county code, 从业人员 persons, 营业收入/总产值/研发投入/出口额 in 万元, 成立年份, 所有制 本地/外地/外资/国有, 母公司代码 parent (spin-off or branch), 专利数, 所在园区 park id, 业务环节 生产;研发;营销, 品牌). |
| institutions.csv | Chambers, associations, banks, intermediaries, universities, research institutes, training and public-service centres: id, name, type, industry served, lon, lat, region, park. |
| links.csv | Ties: source, target (firm F… or institution I… ids), type (supply, subcontract, technology, joint_rnd, finance, membership, service, spinoff), value (万元; empty for spin-offs), year. |
| regional_stats.csv | region × industry × year: employment (persons), output (万元), establishments; derived from the firms and the planted growth rates. |
| regions.geojson | County-level polygons (Voronoi cells of real county seats plus synthetic filler counties, clipped to the study box ${s.bbox.join(', ')}): code, name, parent (prefecture), level, prefecture, province, population (persons), gdp (万元), synthetic. |
| parks.geojson | Industrial parks: id, name, level, designated year, region, polygon. |
| chain_templates.json | Value-chain templates (stages in order; support stages have order 0) with GB/T classes. |
| io_table.csv | Input–output table (万元, ${s.truth.years[1]}): one row per sector, one column per sector (Z, sales of the row to the column), final_demand, total_output; rows balance exactly. Sectors: ${sectors}. |
| io_sector_map.csv | industry,sector: which IO sector each GB/T class of the scenario belongs to (for \`cluster-atlas plan gaps --sector-map io_sector_map.csv\`, and the diagnosis's chain gate through the project's \`diagnosis.ioSectorMap\`). |
| categories.csv | industry,category,category_name,type: the GB/T divisions grouped into 24 illustrative cluster categories, traded or local (the project's \`categories\`: the report's category portfolio, \`cluster-atlas measure clusters\`). |
| categories_related.csv | category_a,category_b,relatedness: which categories are related (0–1, our judgement of their input–output and skill links). |
| truth.json | What each planted structure is: label, stage, radiation level, typology, place, why. |
| truth_firms.csv | Which firm was planted for which structure, and its role (member, leader, external, branch, headquarters). Not an input: it is the answer key. |
| cluster-atlas.json | The project file: code system, CRS, each input with its column mapping, units and value mappings. |

## Planted structures

| id | name | label | stage | radiation | firms |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

## Industry classes used

${codes.join(', ')}
`;
}

/**
 * Write a scenario into `dir` (created if missing). Returns the paths written, in order.
 * The output depends only on the scenario: the same seed and options give the same bytes.
 */
export async function writeScenario(scenario: Scenario, dir: string): Promise<{ files: string[] }> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  const path = (name: string): string => {
    const p = join(dir, name);
    files.push(p);
    return p;
  };
  await writeFirms(scenario, path('firms.csv'));
  await writeText(path('institutions.csv'), institutionsCsv(scenario));
  await writeLinks(scenario, path('links.csv'));
  await writeStats(scenario, path('regional_stats.csv'));
  await writeText(path('regions.geojson'), regionsGeoJson(scenario));
  await writeText(path('parks.geojson'), parksGeoJson(scenario));
  await writeText(path('chain_templates.json'), `${JSON.stringify(scenario.chainTemplates, null, 2)}\n`);
  await writeText(path('io_table.csv'), ioCsv(scenario));
  await writeText(path('io_sector_map.csv'), ioSectorMapCsv(scenario));
  await writeText(path('categories.csv'), demoCategoriesCsv());
  await writeText(path('categories_related.csv'), demoRelatednessCsv());
  await writeText(path('truth.json'), `${JSON.stringify(scenario.truth, null, 2)}\n`);
  await writeTruthFirms(scenario, path('truth_firms.csv'));
  await writeText(path('README.md'), readme(scenario));
  await writeText(path('cluster-atlas.json'), `${JSON.stringify(scenarioProject(scenario), null, 2)}\n`);
  return { files };
}
