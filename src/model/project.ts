import { z } from 'zod';

/** Industry code systems we know. NACE Rev.2 shares ISIC Rev.4's sections and divisions. */
export const CodeSystem = z.enum(['GB/T 4754-2017', 'ISIC Rev.4', 'NAICS 2017', 'NACE Rev.2']);
export type CodeSystem = z.infer<typeof CodeSystem>;

/**
 * Coordinate reference system of the input coordinates:
 * - `WGS84`: lon/lat degrees (GPS, OpenStreetMap, most GIS exports);
 * - `GCJ-02`: the obfuscated lon/lat of Chinese web maps (Amap/Gaode, Tencent), converted to WGS84;
 * - `BD-09`: Baidu Maps lon/lat, converted to WGS84;
 * - `EPSG:<code>`: projected metres (x = easting, y = northing), converted to WGS84 for the
 *   supported projections (UTM WGS84 zones 326xx/327xx, CGCS2000 Gauss–Krüger 4491–4554, Web Mercator 3857).
 */
export const Crs = z.string().regex(/^(WGS84|GCJ-02|BD-09|EPSG:\d{4,5})$/, 'WGS84, GCJ-02, BD-09 or EPSG:<code>');

export const InputFormat = z.enum(['csv', 'tsv', 'parquet', 'xlsx', 'geojson', 'json']);
export type InputFormat = z.infer<typeof InputFormat>;

export const Encoding = z.enum(['auto', 'utf-8', 'gbk', 'gb18030']);
export type Encoding = z.infer<typeof Encoding>;

/** One input file and how its columns map to model fields. */
export const InputSpec = z.object({
  file: z.string().min(1).describe('Path, relative to the project file'),
  format: InputFormat.optional().describe('Guessed from the extension when absent'),
  encoding: Encoding.default('auto').describe('Text encoding of CSV/TSV (auto: UTF-8 if valid, else GB18030)'),
  delimiter: z.string().length(1).optional().describe('CSV delimiter (sniffed when absent)'),
  sheet: z.union([z.string(), z.number().int().nonnegative()]).optional().describe('XLSX sheet name or 0-based index'),
  columns: z.record(z.string(), z.string()).default({}).describe('model field → column name in the file; when absent or empty, each column whose header is a model field name (id, industry, lon, …) is that field'),
  units: z.record(z.string(), z.string()).optional().describe('model field → unit of the source values'),
  values: z
    .record(z.string(), z.record(z.string(), z.string()))
    .optional()
    .describe('model field → (source value → model value), e.g. {"ownership": {"外资": "foreign"}}'),
  allowEmpty: z.boolean().optional().describe('Accept a file with no data rows (a warning); without it an empty input is an error'),
});
export type InputSpec = z.infer<typeof InputSpec>;

export const InputKind = z.enum([
  'firms',
  'institutions',
  'links',
  'regions',
  'parks',
  'regionalStats',
  'ioTable',
  'chainTemplates',
]);
export type InputKind = z.infer<typeof InputKind>;

/** A candidate the user names for the diagnosis: industry codes (or prefixes) in regions (or region-code prefixes) or in a park. */
export const ExplicitCandidate = z.object({
  name: z.string().min(1).optional().describe('Name shown in the results (generated when absent)'),
  industries: z.array(z.string().min(1)).min(1).describe('Industry codes or code prefixes of the group, e.g. ["1952", "1819"] or ["385"]'),
  regions: z.array(z.string().min(1)).optional().describe('Region codes or code prefixes of the place (e.g. a prefecture "3303")'),
  park: z.string().min(1).optional().describe('Park id of the place'),
}).refine((c) => !(c.regions && c.park), { message: 'give regions or park, not both' });
export type ExplicitCandidate = z.infer<typeof ExplicitCandidate>;

export const DiagnosisSettings = z.object({
  thresholds: z.record(z.string(), z.number()).optional().describe('Overrides of the diagnosis thresholds (see docs/diagnosis-thresholds.md)'),
  candidates: z.array(ExplicitCandidate).optional().describe('Candidates to diagnose besides (or instead of) those discovered'),
  discover: z.boolean().default(true).describe('Discover candidates automatically (parks, hotspots, regions, networks, concentrated industries)'),
  ioSectorMap: z.string().min(1).optional().describe('Industry → IO sector map (CSV: industry, sector; an industry code or prefix → a sector of the ioTable input), relative to the project file: the chain gate judges industry pairs by the IO table through it (default: the sector codes as industry-code prefixes)'),
  ioTable: z.string().min(1).optional().describe('The IO table the chain gate uses when the workspace holds several (its table id)'),
});
export type DiagnosisSettings = z.infer<typeof DiagnosisSettings>;

export const IngestSettings = z.object({
  strictArea: z.boolean().default(false).describe('Reject firms and institutions outside the regions\' extent (outside_study_area) instead of keeping them flagged as outside the study area'),
  parkPolygons: z.boolean().default(true).describe('Give a firm or institution without a park code the park whose polygon it lies in (false: only the park codes of the input)'),
}).strict();
export type IngestSettings = z.infer<typeof IngestSettings>;
/** Where `ingest` also loads the workspace (and, later, where the aggregations run): the `--engine` option wins over it. */
export const EngineSettings = z.object({
  url: z.string().min(1).describe('duckdb (the embedded workspace only, the default) or clickhouse://host:port[,host:port…]/database[?cluster=name]: one HTTP endpoint per shard; credentials from CLUSTER_ATLAS_CLICKHOUSE_USER / CLUSTER_ATLAS_CLICKHOUSE_PASSWORD, never in the file'),
}).strict();
export type EngineSettings = z.infer<typeof EngineSettings>;
/** How ingest treats the fields of a Chinese enterprise-register export (docs/ingest.md, "Enterprise registers"). */
export const RegisterSettings = z.object({
  invalidCreditCode: z.enum(['reject', 'flag']).default('reject')
    .describe('A credit code failing GB 32100 (charset, mod-31 or organisation-code check): reject the row, or keep it (code left empty) and list it in rejects.csv as flagged'),
  closedFirms: z.enum(['exclude', 'keep']).default('exclude')
    .describe('Firms whose 经营状态 says 注销/吊销/撤销: exclude them (listed as closed_firm in rejects.csv and counted), or keep them'),
  industryNameLevel: z.enum(['section', 'division', 'group', 'class']).default('division')
    .describe('An industry given as a name (纺织业, C17 纺织业, 制造业-纺织业) must resolve to this level or a finer one: a bare section name (制造业) is rejected as industry_too_coarse unless this is "section"'),
});
export type RegisterSettings = z.infer<typeof RegisterSettings>;

export const Project = z.object({
  $schema: z.string().optional(),
  version: z.literal(1),
  name: z.string().optional(),
  industryCodeSystem: CodeSystem,
  classificationFile: z
    .string()
    .optional()
    .describe('A fuller code list (CSV with columns code,name[,name_en,level,parent]) to validate against'),
  categories: z.object({
    file: z.string().describe('Category file (CSV: industry, category, category_name, subcategory, subcategory_name, type traded|local), relative to the project file'),
    related: z.string().optional().describe('Relatedness between categories (CSV: category_a, category_b, relatedness), relative to the project file'),
  }).strict().optional().describe('Cluster categories (e.g. written by `categories from-cmp`): the default of `measure clusters --categories`'),
  crs: Crs.default('WGS84'),
  currency: z.string().default('CNY').describe('Currency of monetary fields after unit conversion'),
  workspace: z.string().default('.cluster-atlas/workspace.duckdb').describe('Workspace path, relative to the project file'),
  inputs: z.object({
    // optional: a project of regional statistics only (e.g. County Business Patterns) has no firm table
    firms: InputSpec.optional(),
    institutions: InputSpec.optional(),
    links: InputSpec.optional(),
    regions: InputSpec.optional(),
    parks: InputSpec.optional(),
    regionalStats: InputSpec.optional(),
    ioTable: InputSpec.optional(),
    chainTemplates: InputSpec.optional(),
  }).refine((i) => i.firms !== undefined || i.regionalStats !== undefined, {
    message: 'inputs need at least firms or regionalStats',
  }),
  ingest: IngestSettings.optional().describe('Settings of `cluster-atlas ingest` (study area and park polygons)'),
  engine: EngineSettings.optional().describe('A ClickHouse cluster that `cluster-atlas ingest` loads the workspace into (`--engine` overrides it)'),
  register: RegisterSettings.default({ invalidCreditCode: 'reject', closedFirms: 'exclude', industryNameLevel: 'division' })
    .describe('Enterprise-register fields (credit code, address, status, industry names) at ingest'),
  diagnosis: DiagnosisSettings.optional().describe('Settings of `cluster-atlas diagnose` (and of the diagnosis stage of `analyze`)'),
});
export type Project = z.infer<typeof Project>;
export type ProjectInput = z.input<typeof Project>;
