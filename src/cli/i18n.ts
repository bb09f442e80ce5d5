/** Messages and labels of the CLI in Chinese and English. */
export type Lang = 'zh' | 'en';

const MESSAGES = {
  ingestDone: { en: 'Ingested into {workspace} in {seconds} s', zh: '已导入工作区 {workspace}，用时 {seconds} 秒' },
  rejectsWritten: { en: '{rows} row(s) rejected ({findings} finding(s)); details in {file}', zh: '{rows} 行被拒收（{findings} 条问题），明细见 {file}' },
  engineLoaded: { en: 'Loaded into {engine} in {seconds} s (row counts checked on every shard)', zh: '已载入 {engine}，用时 {seconds} 秒（各分片行数已核对）' },
  shard: { en: 'shard {n}', zh: '分片 {n}' },
  noRejects: { en: 'No rows rejected.', zh: '没有被拒收的行。' },
  outsideKept: { en: 'Outside the study area, kept with their ties: {firms} firm(s), {institutions} institution(s) (--strict-area rejects them)', zh: '研究区之外的企业 {firms} 家、机构 {institutions} 家已保留（连同其联系；--strict-area 则拒收）' },
  parkFromPolygon: { en: 'Park codes from park polygons: {firms} firm(s), {institutions} institution(s) had none and lie in a park (--no-park-polygons turns this off)', zh: '按园区边界补填园区代码：企业 {firms} 家、机构 {institutions} 家（--no-park-polygons 可关闭）' },
  byReason: { en: 'Rejects by reason', zh: '拒收原因统计' },
  input: { en: 'input', zh: '输入' },
  file: { en: 'file', zh: '文件' },
  rows: { en: 'rows', zh: '行数' },
  loaded: { en: 'loaded', zh: '已导入' },
  rejected: { en: 'rejected', zh: '拒收' },
  reason: { en: 'reason', zh: '原因' },
  count: { en: 'count', zh: '数量' },
  warnings: { en: 'Warnings', zh: '警告' },
  examples: { en: 'First finding of each reason', zh: '各原因的首条示例' },
  workspace: { en: 'Workspace', zh: '工作区' },
  table: { en: 'table', zh: '数据表' },
  projectWritten: { en: 'Wrote {file}', zh: '已写出 {file}' },
  unmapped: { en: 'Columns not mapped (check them by hand): {list}', zh: '未能识别的列（请手工确认）：{list}' },
  missingRequired: { en: 'Required fields with no column found: {list}', zh: '未找到对应列的必填字段：{list}' },
  skippedFiles: { en: 'Files whose kind could not be guessed: {list}', zh: '无法判断类型的文件：{list}' },
  demoWritten: { en: 'Demo scenario (seed {seed}, {firms} firms) written to {dir}', zh: '示例情景（种子 {seed}，{firms} 家企业）已写入 {dir}' },
  nextSteps: { en: 'Next: cluster-atlas info --workspace {workspace}', zh: '下一步：cluster-atlas info --workspace {workspace}' },
  openReport: { en: 'Open the report: {file}', zh: '打开报告：{file}' },
  error: { en: 'error', zh: '错误' },
  industries: { en: 'Largest industries ({level})', zh: '主要行业（{level}）' },
  code: { en: 'code', zh: '代码' },
  name: { en: 'name', zh: '名称' },
  firms: { en: 'firms', zh: '企业数' },
  employees: { en: 'employees', zh: '从业人员' },
} as const;

export type MessageKey = keyof typeof MESSAGES;

export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return MESSAGES[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** Reject reasons, explained. */
export const REASONS: Record<string, { en: string; zh: string }> = {
  malformed_row: { en: 'row does not parse (wrong number of columns or bad quoting)', zh: '行格式错误（列数不符或引号错误）' },
  missing_required: { en: 'required field is empty', zh: '必填字段为空' },
  missing_location: { en: 'no coordinates and no region code', zh: '既无经纬度也无区划代码' },
  invalid_credit_code: { en: 'unified social credit code fails GB 32100 (kept when register.invalidCreditCode is "flag")', zh: '统一社会信用代码未通过 GB 32100 校验（register.invalidCreditCode 为 "flag" 时保留该行）' },
  ambiguous_address: { en: 'address fits several divisions: placed at their common division (row kept)', zh: '地址对应多个同名区划：定位到共同上级（保留该行）' },
  not_placed: { en: 'no coordinates or region, and neither the address nor the credit code gives a division', zh: '无经纬度和区划，地址与信用代码也无法定位到区划' },
  closed_firm: { en: 'closed firm (注销/吊销) excluded (register.closedFirms: "keep" keeps them)', zh: '已注销/吊销企业，已排除（register.closedFirms 设为 "keep" 可保留）' },
  other_currency: { en: 'registered capital in another currency: left empty (row kept)', zh: '注册资本币种与项目币种不同：留空（保留该行）' },
  bad_capital: { en: 'registered capital not understood: left empty (row kept)', zh: '注册资本无法识别：留空（保留该行）' },
  partial_coordinates: { en: 'only one of lon/lat given', zh: '经纬度只给了一个' },
  not_a_number: { en: 'not a number', zh: '不是数字' },
  not_finite: { en: 'infinite or NaN', zh: '无穷大或非数' },
  not_an_integer: { en: 'not an integer', zh: '不是整数' },
  negative: { en: 'negative where it must be ≥ 0', zh: '不能为负数' },
  future_year: { en: 'year in the future', zh: '年份晚于当前年份' },
  implausible_year: { en: 'year before 1800', zh: '年份早于 1800 年' },
  invalid_value: { en: 'value not in the allowed list', zh: '取值不在允许范围内' },
  lon_out_of_range: { en: 'longitude outside [-180, 180]', zh: '经度超出 [-180, 180]' },
  lat_out_of_range: { en: 'latitude outside [-90, 90]', zh: '纬度超出 [-90, 90]' },
  zero_location: { en: '(0, 0): a missing location', zh: '坐标为 (0, 0)，视为缺失' },
  lonlat_swapped: { en: 'longitude and latitude look swapped', zh: '经纬度疑似颠倒' },
  outside_study_area: { en: 'point outside the regions’ extent (with --strict-area, or contradicting its region code)', zh: '坐标位于研究区范围之外（--strict-area，或与其区域代码矛盾）' },
  bad_industry_code: { en: 'industry code has an impossible format', zh: '行业代码格式错误' },
  unknown_industry_code: { en: 'industry code not in the declared classification', zh: '行业代码不在所声明的分类标准中' },
  duplicate_id: { en: 'id already used', zh: '编号重复' },
  duplicate_key: { en: 'region × industry × year repeated', zh: '地区×行业×年份重复' },
  unknown_region: { en: 'region code not in the regions file', zh: '区划代码不在区划文件中' },
  unknown_park: { en: 'park id not in the parks file', zh: '园区编号不在园区文件中' },
  unknown_link_end: { en: 'link end is not a known firm or institution', zh: '联系的一端不是已知企业或机构' },
  self_link: { en: 'link from an entity to itself', zh: '联系的两端相同' },
  invalid_geometry: { en: 'polygon is invalid', zh: '多边形无效' },
  bad_geometry_json: { en: 'geometry is not GeoJSON', zh: '几何不是 GeoJSON' },
};
