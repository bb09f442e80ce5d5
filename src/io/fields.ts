/**
 * What each tabular input kind holds: its model fields, their types and checks, the workspace
 * table they land in, and the value vocabularies (with Chinese synonyms) of enumerated fields.
 */
import { FirmFunction, InstitutionType, LinkType, Ownership, ParkLevel } from '../model/index.js';

export type FieldType = 'string' | 'number' | 'integer' | 'year' | 'enum' | 'list' | 'code' | 'geometry'
  // enterprise-register fields, judged by io/register-fields.ts
  | 'uscc' | 'address' | 'capital' | 'status';

export interface FieldSpec {
  /** Model field name, as used in the project file's `columns`. */
  name: string;
  /** Column in the workspace table. */
  column: string;
  type: FieldType;
  required?: boolean;
  nonnegative?: boolean;
  /** Monetary: converted by the declared unit to the project currency. */
  money?: boolean;
  /** A count of people: units 人 / 万人. */
  people?: boolean;
  values?: readonly string[];
  /** Other names users give these values (lower-cased ASCII, or Chinese). */
  synonyms?: Record<string, readonly string[]>;
  /** Header names `init` recognises for this field (lower-cased; Chinese and English). */
  aliases: readonly string[];
  /** `init` picks the header of the earliest alias (not the leftmost header) when several match. */
  aliasOrder?: boolean;
  /** `init` may map this field to a column another field already took (the credit code is also the id). */
  shareColumn?: boolean;
}

export type TabularKind = 'firms' | 'institutions' | 'links' | 'regions' | 'parks' | 'regionalStats';

export interface KindSpec {
  kind: TabularKind;
  table: string;
  fields: FieldSpec[];
  /** Field holding the unique id (duplicates are rejected). */
  idField?: string;
  /** Fields that together must be unique. */
  uniqueKey?: string[];
  /** Needs coordinates or a region code. */
  located?: boolean;
  /** Columns ingest fills itself (not mappable): how the firm was placed, the industry text of a name (docs/ingest.md). */
  derived?: readonly { column: string; sql: 'VARCHAR' }[];
}

/** The fields of an enterprise-register export (企业名录), docs/ingest.md "Enterprise registers". */
const REGISTER_FIELDS: FieldSpec[] = [
  { name: 'creditCode', column: 'credit_code', type: 'uscc', shareColumn: true, aliases: ['credit_code', 'uscc', 'unified_social_credit_code', '统一社会信用代码', '社会信用代码', '信用代码'] },
  { name: 'address', column: 'address', type: 'address', aliasOrder: true, aliases: ['address', '经营地址', '实际经营地址', '生产经营地址', '经营场所', '注册地址', '住所', '企业地址', '地址', '通信地址', '通讯地址'] },
  { name: 'authority', column: 'authority', type: 'string', aliases: ['authority', 'registration_authority', '登记机关', '登记机构'] },
  { name: 'registeredCapital', column: 'registered_capital', type: 'capital', aliases: ['registered_capital', 'capital', '注册资本', '注册资金'] },
  { name: 'status', column: 'status', type: 'status', aliases: ['status', 'operating_status', '经营状态', '登记状态', '企业状态'] },
];

const OWNERSHIP_SYNONYMS: Record<string, readonly string[]> = {
  local: ['本地', '本地企业', '民营', '私营', '本地民营', 'private', 'domestic'],
  external_domestic: ['external', '外地', '外地企业', '外省', '省外', '市外', '外来'],
  foreign: ['外资', '外商投资', '外商独资', '中外合资', '合资', '港澳台', '港澳台资', 'fdi', 'foreign-invested'],
  state: ['国有', '国企', '央企', '国有控股', 'state-owned', 'soe'],
};

const INSTITUTION_SYNONYMS: Record<string, readonly string[]> = {
  chamber: ['商会', 'chamber of commerce'],
  association: ['协会', '行业协会', 'industry association'],
  bank: ['银行', '金融机构', '信用社'],
  intermediary: ['中介', '中介机构', '咨询', '服务机构'],
  university: ['大学', '高校', '学院', '高等院校'],
  research: ['研究院', '研究所', '科研院所', '科研机构', 'research institute'],
  training: ['培训', '培训机构', '职业学校', '技校'],
  public_service: ['公共服务平台', '检测中心', '质检中心', '公共技术服务平台', '服务中心', 'test centre', 'test center'],
  other: ['其他'],
};

const LINK_SYNONYMS: Record<string, readonly string[]> = {
  supply: ['供应', '供货', '采购', '配套'],
  subcontract: ['外包', '代工', '分包', '协作', 'oem'],
  technology: ['技术转让', '技术转移', '技术', 'technology transfer'],
  joint_rnd: ['联合研发', '合作研发', '产学研', 'joint r&d', 'joint research'],
  finance: ['融资', '贷款', '金融', 'loan'],
  membership: ['会员', '成员'],
  service: ['服务'],
  spinoff: ['衍生', '分拆', '创业衍生', 'spin-off'],
};

const FUNCTION_SYNONYMS: Record<string, readonly string[]> = {
  production: ['生产', '制造', '加工', 'manufacturing'],
  rnd: ['研发', 'r&d', '研究开发', 'research'],
  marketing: ['营销', '销售', '市场', 'sales'],
};

const PARK_LEVEL_SYNONYMS: Record<string, readonly string[]> = {
  national: ['国家级'],
  provincial: ['省级'],
  municipal: ['市级', '县级'],
  other: ['其他'],
};

const id = (aliases: string[]): FieldSpec => ({ name: 'id', column: 'id', type: 'string', required: true, aliases });
const name: FieldSpec = { name: 'name', column: 'name', type: 'string', aliases: ['name', '名称', '企业名称', '单位名称', '机构名称', 'firm name', 'company'] };
const lon: FieldSpec = { name: 'lon', column: 'lon', type: 'number', aliases: ['lon', 'lng', 'long', 'longitude', 'x', '经度', 'gps经度'] };
const lat: FieldSpec = { name: 'lat', column: 'lat', type: 'number', aliases: ['lat', 'latitude', 'y', '纬度', 'gps纬度'] };
const region: FieldSpec = { name: 'region', column: 'region', type: 'string', aliases: ['region', 'region_code', 'adcode', 'county', '区划代码', '行政区划代码', '地区代码', '所在地区', '区县代码'] };
const park: FieldSpec = { name: 'park', column: 'park', type: 'string', aliases: ['park', 'park_id', '园区', '园区代码', '所在园区', '园区编号'] };
const industry = (required: boolean): FieldSpec => ({
  name: 'industry', column: 'industry', type: 'code', required,
  // a code column before a name column (行业代码 over 行业名称); names resolve at ingest (lookup-values.ts)
  aliasOrder: true,
  aliases: ['industry', 'industry_code', 'naics', 'isic', 'gbt', 'sector', '行业代码', '国民经济行业代码', '行业分类代码', '所属行业代码',
    '行业', '所属行业', '国民经济行业', '国民经济行业分类', '行业分类', '行业类别', '行业名称', '所属行业名称', 'industry_name'],
});

export const KINDS: Record<TabularKind, KindSpec> = {
  firms: {
    kind: 'firms', table: 'firms', idField: 'id', located: true,
    fields: [
      id(['id', 'firm_id', 'establishment_id', 'company_id', '企业代码', '企业编号', '统一社会信用代码', '组织机构代码', '单位代码']),
      name, industry(true), lon, lat, region,
      { name: 'employees', column: 'employees', type: 'number', nonnegative: true, people: true, aliases: ['employees', 'employment', 'emp', 'workers', 'staff', '从业人员', '从业人数', '员工人数', '职工人数', '年末从业人员'] },
      { name: 'revenue', column: 'revenue', type: 'number', nonnegative: true, money: true, aliases: ['revenue', 'sales', 'turnover', '营业收入', '主营业务收入', '销售收入', '销售额'] },
      { name: 'output', column: 'output', type: 'number', nonnegative: true, money: true, aliases: ['output', 'gross_output', '总产值', '工业总产值', '产值'] },
      { name: 'founded', column: 'founded', type: 'year', aliases: ['founded', 'founding_year', 'year_founded', 'established', '成立年份', '开业年份', '成立时间', '成立年', '成立日期', '注册日期', '开业日期'] },
      { name: 'ownership', column: 'ownership', type: 'enum', values: Ownership.options, synonyms: OWNERSHIP_SYNONYMS, aliases: ['ownership', 'owner_type', '所有制', '登记注册类型', '企业类型', '资本来源', '控股情况'] },
      { name: 'parent', column: 'parent', type: 'string', aliases: ['parent', 'parent_id', '母公司', '母公司代码', '上级单位代码'] },
      { name: 'patents', column: 'patents', type: 'integer', nonnegative: true, aliases: ['patents', 'patent_count', '专利', '专利数', '专利数量', '有效专利数'] },
      { name: 'rdSpend', column: 'rd_spend', type: 'number', nonnegative: true, money: true, aliases: ['rd_spend', 'rdspend', 'r&d', 'rd', 'r&d_spend', '研发投入', '研发经费', 'r&d经费支出'] },
      { name: 'exports', column: 'exports', type: 'number', nonnegative: true, money: true, aliases: ['exports', 'export', 'export_value', '出口', '出口额', '出口交货值'] },
      park,
      { name: 'functions', column: 'functions', type: 'list', values: FirmFunction.options, synonyms: FUNCTION_SYNONYMS, aliases: ['functions', 'function', '职能', '功能', '业务环节'] },
      { name: 'brand', column: 'brand', type: 'string', aliases: ['brand', '品牌', '商标'] },
      ...REGISTER_FIELDS,
    ],
    // how the firm was placed (register exports); industry_text: the user's text of an industry given as a name
    derived: [{ column: 'place_source', sql: 'VARCHAR' }, { column: 'place_level', sql: 'VARCHAR' }, { column: 'place_confidence', sql: 'VARCHAR' }, { column: 'industry_text', sql: 'VARCHAR' }],
  },
  institutions: {
    kind: 'institutions', table: 'institutions', idField: 'id', located: true,
    fields: [
      id(['id', 'institution_id', '机构代码', '机构编号', '单位代码']),
      name,
      { name: 'type', column: 'type', type: 'enum', required: true, values: InstitutionType.options, synonyms: INSTITUTION_SYNONYMS, aliases: ['type', 'kind', 'category', '类型', '机构类型', '类别'] },
      industry(false), lon, lat, region, park,
    ],
  },
  links: {
    kind: 'links', table: 'links',
    fields: [
      { name: 'source', column: 'source', type: 'string', required: true, aliases: ['source', 'from', 'supplier', 'src', '源', '来源', '供应方', '起点'] },
      { name: 'target', column: 'target', type: 'string', required: true, aliases: ['target', 'to', 'buyer', 'dst', '目标', '采购方', '终点'] },
      { name: 'type', column: 'type', type: 'enum', required: true, values: LinkType.options, synonyms: LINK_SYNONYMS, aliases: ['type', 'link_type', 'relation', '关系', '关系类型', '联系类型', '类型'] },
      { name: 'value', column: 'value', type: 'number', nonnegative: true, money: true, aliases: ['value', 'amount', 'weight', '金额', '交易额', '数值'] },
      { name: 'year', column: 'year', type: 'year', aliases: ['year', '年份', '年度'] },
    ],
  },
  regions: {
    kind: 'regions', table: 'regions', idField: 'code',
    fields: [
      { name: 'code', column: 'code', type: 'string', required: true, aliases: ['code', 'adcode', 'region_code', 'geoid', 'fips', 'id', '区划代码', '行政区划代码', '代码'] },
      { name: 'name', column: 'name', type: 'string', aliases: ['name', 'region_name', '名称', '区划名称', '地区'] },
      { name: 'parent', column: 'parent', type: 'string', aliases: ['parent', 'parent_code', '上级代码', '上级区划代码'] },
      { name: 'level', column: 'level', type: 'string', aliases: ['level', '级别', '层级'] },
      { name: 'population', column: 'population', type: 'number', nonnegative: true, people: true, aliases: ['population', 'pop', '人口', '常住人口', '户籍人口'] },
      { name: 'gdp', column: 'gdp', type: 'number', nonnegative: true, money: true, aliases: ['gdp', '地区生产总值', '生产总值'] },
      { name: 'geometry', column: 'geometry', type: 'geometry', aliases: ['geometry', '__geometry', 'geojson', '边界'] },
    ],
  },
  parks: {
    kind: 'parks', table: 'parks', idField: 'id',
    fields: [
      id(['id', 'park_id', '园区代码', '园区编号', '代码']),
      { name: 'name', column: 'name', type: 'string', aliases: ['name', 'park_name', '名称', '园区名称'] },
      { name: 'level', column: 'level', type: 'enum', values: ParkLevel.options, synonyms: PARK_LEVEL_SYNONYMS, aliases: ['level', '级别', '园区级别'] },
      { name: 'designated', column: 'designated', type: 'year', aliases: ['designated', 'year', 'established', '批准年份', '设立年份', '批准时间'] },
      region,
      { name: 'geometry', column: 'geometry', type: 'geometry', aliases: ['geometry', '__geometry', 'geojson', '边界'] },
    ],
  },
  regionalStats: {
    kind: 'regionalStats', table: 'regional_stats', uniqueKey: ['region', 'industry', 'year'],
    fields: [
      { ...region, required: true },
      industry(true),
      { name: 'year', column: 'year', type: 'year', required: true, aliases: ['year', '年份', '年度'] },
      { name: 'employment', column: 'employment', type: 'number', nonnegative: true, people: true, aliases: ['employment', 'emp', 'employees', '从业人员', '就业人数', '从业人数'] },
      { name: 'output', column: 'output', type: 'number', nonnegative: true, money: true, aliases: ['output', 'gross_output', '总产值', '产值', '增加值'] },
      { name: 'establishments', column: 'establishments', type: 'number', nonnegative: true, aliases: ['establishments', 'estab', 'firms', '企业数', '单位数', '法人单位数'] },
    ],
  },
};

/** Normalise a header for alias matching: lower-case, trimmed, units in brackets removed. */
export function normaliseHeader(h: string): string {
  return h
    .trim()
    .toLowerCase()
    .replace(/[（(【\[].*?[）)】\]]/g, '')
    .replace(/[\s_\-]+/g, '_')
    .replace(/^_|_$/g, '');
}
