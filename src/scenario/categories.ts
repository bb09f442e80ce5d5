/**
 * The demo's cluster categories: GB/T 4754-2017 divisions (大类) grouped into 24 categories in the
 * manner of the U.S. Cluster Mapping Project's traded / local split (Delgado, Porter & Stern 2016:
 * traded industries sell beyond their region and concentrate in few places, local ones serve
 * their own region and spread with population), and a relatedness file between them.
 *
 * This is our own illustrative grouping for the demo, not a published definition: the categories
 * follow the sections and the chains of the standard (agriculture → food, metals → machinery →
 * vehicles, electronics ↔ software), and the relatedness values (0–1) are our judgement of the
 * input–output and skill links between them. A user declares their own file (docs/classifications.md,
 * "Cluster categories"); `categories from-cmp` converts the CMP definitions for NAICS data.
 * Every division 01–97 is in exactly one category (tested), so nothing of the statistics is left
 * out of the portfolio.
 */

/** [category code, 中文名, English name, type, divisions]. */
export const DEMO_CATEGORIES: ReadonlyArray<readonly [string, string, string, 'traded' | 'local', readonly string[]]> = [
  ['AGR', '农林牧渔', 'Agriculture and food raw materials', 'traded', ['01', '02', '03', '04', '05']],
  ['MIN', '采矿', 'Mining', 'traded', ['06', '07', '08', '09', '10', '11', '12']],
  ['FOOD', '食品饮料加工', 'Food and beverage processing', 'traded', ['13', '14', '15', '16']],
  ['TEXT', '纺织服装鞋帽', 'Textiles, apparel and footwear', 'traded', ['17', '18', '19']],
  ['WOOD', '木材家具', 'Wood products and furniture', 'traded', ['20', '21']],
  ['PAPER', '造纸印刷', 'Paper and printing', 'traded', ['22', '23']],
  ['CONS', '文教体育用品', 'Recreational and small consumer goods', 'traded', ['24']],
  ['CHEM', '石化化工与塑料', 'Petrochemicals, chemicals and plastics', 'traded', ['25', '26', '28', '29']],
  ['PHARMA', '医药', 'Pharmaceuticals', 'traded', ['27']],
  ['MATL', '建材', 'Construction materials', 'traded', ['30']],
  ['METAL', '冶金与金属制品', 'Metals and metal products', 'traded', ['31', '32', '33']],
  ['MACH', '装备制造', 'Machinery and equipment', 'traded', ['34', '35']],
  ['AUTO', '汽车与交通装备', 'Vehicles and transport equipment', 'traded', ['36', '37']],
  ['ELEC', '电气与电子信息', 'Electrical equipment and electronics', 'traded', ['38', '39', '40']],
  ['OTHM', '其他制造与再生资源', 'Other manufacturing and recycling', 'traded', ['41', '42', '43']],
  ['DIST', '批发与物流', 'Distribution and logistics', 'traded', ['51', '53', '54', '55', '56', '57', '58', '59', '60']],
  ['ICT', '信息技术服务', 'Information technology services', 'traded', ['63', '64', '65']],
  ['FIN', '金融', 'Financial services', 'traded', ['66', '67', '68', '69']],
  ['BIZ', '商务与科技服务', 'Business and technical services', 'traded', ['71', '72', '73', '74', '75']],
  ['UTIL', '公用事业与建筑', 'Utilities and construction', 'local', ['44', '45', '46', '47', '48', '49', '50']],
  ['RETAIL', '零售与餐饮住宿', 'Retail, catering and lodging', 'local', ['52', '61', '62']],
  ['PROP', '房地产', 'Real estate', 'local', ['70']],
  ['SERV', '居民与社会服务', 'Personal, health and education services', 'local', ['80', '81', '82', '83', '84', '85', '86', '87', '88', '89', '90']],
  ['PUB', '公共管理与公共设施', 'Public administration and facilities', 'local', ['76', '77', '78', '79', '91', '92', '93', '94', '95', '96', '97']],
];

/** [category a, category b, relatedness 0–1]. */
export const DEMO_RELATEDNESS: ReadonlyArray<readonly [string, string, number]> = [
  ['AGR', 'FOOD', 0.8], ['FOOD', 'PAPER', 0.3], ['FOOD', 'DIST', 0.5], ['AGR', 'CHEM', 0.3],
  ['TEXT', 'CHEM', 0.4], ['TEXT', 'CONS', 0.4], ['WOOD', 'PAPER', 0.5], ['WOOD', 'CONS', 0.3],
  ['CHEM', 'PHARMA', 0.6], ['CHEM', 'MATL', 0.3], ['MIN', 'CHEM', 0.4], ['MIN', 'METAL', 0.6], ['MIN', 'MATL', 0.5],
  ['METAL', 'MACH', 0.7], ['METAL', 'AUTO', 0.5], ['MACH', 'AUTO', 0.7], ['MACH', 'ELEC', 0.6], ['ELEC', 'AUTO', 0.5],
  ['ELEC', 'ICT', 0.6], ['ICT', 'BIZ', 0.5], ['FIN', 'BIZ', 0.5], ['METAL', 'OTHM', 0.4], ['PHARMA', 'BIZ', 0.3],
];

/** The category file (industry,category,category_name,type), one row per division. */
export function demoCategoriesCsv(): string {
  const lines = ['industry,category,category_name,type'];
  for (const [code, zh, , type, divisions] of DEMO_CATEGORIES) for (const d of divisions) lines.push(`${d},${code},${zh},${type}`);
  return `${lines.join('\n')}\n`;
}

/** The relatedness file (category_a,category_b,relatedness). */
export function demoRelatednessCsv(): string {
  return `${['category_a,category_b,relatedness', ...DEMO_RELATEDNESS.map(([a, b, r]) => `${a},${b},${r}`)].join('\n')}\n`;
}
