/**
 * The GB/T 4754-2017 classes (小类, 4 digits) that the demo scenario uses, with the facts the
 * generator needs about each: its title in the standard, a short English gloss, its sector in the
 * scenario's input–output table, what kind of activity it is, a typical revenue per employee
 * (万元 per person, order of magnitude only) and the word firms of that class put in their names.
 *
 * Every code here is checked against a full list of the standard's classes by
 * test/scenario.test.ts when the shared data folder is present.
 */

export type ActivityKind = 'agriculture' | 'manufacturing' | 'trade' | 'service';

export interface IndustryInfo {
  code: string;
  /** Title in GB/T 4754-2017. */
  zh: string;
  en: string;
  /** Sector code in the scenario's IO table. */
  sector: string;
  kind: ActivityKind;
  /** Typical revenue per employee, 万元. */
  productivity: number;
  /** Word used in firm names (e.g. 鞋业, 电气). */
  word: string;
  /** Name patterns: {p} place, {z} trade name, {w} word. Defaults by kind when absent. */
  names?: readonly string[];
}

const M = 'manufacturing' as const;
const A = 'agriculture' as const;
const T = 'trade' as const;
const S = 'service' as const;

export const INDUSTRIES: readonly IndustryInfo[] = [
  // agriculture and the pork chain
  { code: '0113', zh: '玉米种植', en: 'Maize growing', sector: 'S01', kind: A, productivity: 12, word: '种植', names: ['{p}{z}玉米种植专业合作社', '{z}家庭农场', '{p}{z}农业开发有限公司'] },
  { code: '0313', zh: '猪的饲养', en: 'Pig farming', sector: 'S01', kind: A, productivity: 55, word: '养殖', names: ['{p}{z}生猪养殖专业合作社', '{p}{z}养殖场', '{z}家庭农场', '{p}{z}牧业有限公司'] },
  { code: '0531', zh: '畜牧良种繁殖活动', en: 'Livestock breeding', sector: 'S01', kind: A, productivity: 45, word: '种猪', names: ['{p}{z}种猪场', '{p}{z}种猪繁育有限公司'] },
  { code: '1329', zh: '其他饲料加工', en: 'Animal feed', sector: 'S02', kind: M, productivity: 280, word: '饲料' },
  { code: '1351', zh: '牲畜屠宰', en: 'Livestock slaughtering', sector: 'S02', kind: M, productivity: 260, word: '肉联' },
  { code: '1353', zh: '肉制品及副产品加工', en: 'Meat products', sector: 'S02', kind: M, productivity: 150, word: '食品' },
  { code: '1411', zh: '糕点、面包制造', en: 'Bakery products', sector: 'S02', kind: M, productivity: 40, word: '食品' },
  { code: '1431', zh: '米、面制品制造', en: 'Rice and flour products', sector: 'S02', kind: M, productivity: 60, word: '粮油食品' },
  { code: '1512', zh: '白酒制造', en: 'Baijiu distilling', sector: 'S02', kind: M, productivity: 90, word: '酒业' },
  // textiles, apparel, leather, footwear
  { code: '1751', zh: '化纤织造加工', en: 'Man-made fibre weaving', sector: 'S03', kind: M, productivity: 60, word: '纺织' },
  { code: '1752', zh: '化纤织物染整精加工', en: 'Dyeing and finishing of man-made fabrics', sector: 'S03', kind: M, productivity: 70, word: '印染' },
  { code: '1761', zh: '针织或钩针编织物织造', en: 'Knitted fabric', sector: 'S03', kind: M, productivity: 65, word: '针织' },
  { code: '1819', zh: '其他机织服装制造', en: 'Woven apparel', sector: 'S04', kind: M, productivity: 40, word: '服饰' },
  { code: '1821', zh: '运动休闲针织服装制造', en: 'Knitted sportswear and leisurewear', sector: 'S04', kind: M, productivity: 40, word: '针织服饰' },
  { code: '1910', zh: '皮革鞣制加工', en: 'Leather tanning', sector: 'S04', kind: M, productivity: 80, word: '制革' },
  { code: '1921', zh: '皮革服装制造', en: 'Leather garments', sector: 'S04', kind: M, productivity: 50, word: '皮革服饰' },
  { code: '1922', zh: '皮箱、包（袋）制造', en: 'Leather luggage and bags', sector: 'S04', kind: M, productivity: 45, word: '箱包' },
  { code: '1923', zh: '皮手套及皮装饰制品制造', en: 'Leather gloves and trimmings', sector: 'S04', kind: M, productivity: 40, word: '皮件' },
  { code: '1952', zh: '皮鞋制造', en: 'Leather footwear', sector: 'S04', kind: M, productivity: 45, word: '鞋业' },
  // wood, paper, printing
  { code: '2110', zh: '木质家具制造', en: 'Wooden furniture', sector: 'S05', kind: M, productivity: 45, word: '家具' },
  { code: '2221', zh: '机制纸及纸板制造', en: 'Paper and paperboard', sector: 'S06', kind: M, productivity: 150, word: '纸业' },
  { code: '2231', zh: '纸和纸板容器制造', en: 'Paperboard containers', sector: 'S06', kind: M, productivity: 60, word: '包装' },
  { code: '2319', zh: '包装装潢及其他印刷', en: 'Packaging printing', sector: 'S06', kind: M, productivity: 50, word: '包装印刷' },
  // chemicals, fibres, pharmaceuticals
  { code: '2641', zh: '涂料制造', en: 'Paints and coatings', sector: 'S07', kind: M, productivity: 150, word: '涂料' },
  { code: '2645', zh: '染料制造', en: 'Dyestuffs', sector: 'S07', kind: M, productivity: 160, word: '染化' },
  { code: '2720', zh: '化学药品制剂制造', en: 'Pharmaceutical preparations', sector: 'S07', kind: M, productivity: 120, word: '药业' },
  { code: '2750', zh: '兽用药品制造', en: 'Veterinary medicines', sector: 'S07', kind: M, productivity: 90, word: '动物药业' },
  { code: '2822', zh: '涤纶纤维制造', en: 'Polyester fibre', sector: 'S07', kind: M, productivity: 400, word: '化纤' },
  // rubber and plastics
  { code: '2925', zh: '塑料人造革、合成革制造', en: 'Synthetic leather', sector: 'S08', kind: M, productivity: 90, word: '合成革' },
  { code: '2927', zh: '日用塑料制品制造', en: 'Household plastic products', sector: 'S08', kind: M, productivity: 50, word: '塑料制品' },
  { code: '2929', zh: '塑料零件及其他塑料制品制造', en: 'Plastic parts', sector: 'S08', kind: M, productivity: 55, word: '塑胶' },
  // building materials, metal products, machinery
  { code: '3021', zh: '水泥制品制造', en: 'Cement products', sector: 'S09', kind: M, productivity: 70, word: '建材' },
  { code: '3311', zh: '金属结构制造', en: 'Structural metal products', sector: 'S09', kind: M, productivity: 80, word: '钢结构' },
  { code: '3360', zh: '金属表面处理及热处理加工', en: 'Metal surface and heat treatment', sector: 'S09', kind: M, productivity: 40, word: '表面处理' },
  { code: '3484', zh: '机械零部件加工', en: 'Machined parts', sector: 'S09', kind: M, productivity: 45, word: '机械' },
  { code: '3523', zh: '塑料加工专用设备制造', en: 'Plastics machinery', sector: 'S09', kind: M, productivity: 70, word: '塑机' },
  { code: '3525', zh: '模具制造', en: 'Moulds and dies', sector: 'S09', kind: M, productivity: 50, word: '模具' },
  { code: '3532', zh: '农副食品加工专用设备制造', en: 'Food-processing machinery', sector: 'S09', kind: M, productivity: 60, word: '食品机械' },
  { code: '3551', zh: '纺织专用设备制造', en: 'Textile machinery', sector: 'S09', kind: M, productivity: 70, word: '纺机' },
  { code: '3552', zh: '皮革、毛皮及其制品加工专用设备制造', en: 'Leather and footwear machinery', sector: 'S09', kind: M, productivity: 60, word: '鞋机' },
  { code: '3670', zh: '汽车零部件及配件制造', en: 'Motor-vehicle parts', sector: 'S09', kind: M, productivity: 100, word: '汽配' },
  // electrical equipment and household appliances
  { code: '3812', zh: '电动机制造', en: 'Electric motors', sector: 'S10', kind: M, productivity: 70, word: '电机' },
  { code: '3823', zh: '配电开关控制设备制造', en: 'Switchgear and control equipment', sector: 'S10', kind: M, productivity: 80, word: '电气' },
  { code: '3824', zh: '电力电子元器件制造', en: 'Power electronic components', sector: 'S10', kind: M, productivity: 70, word: '电力电子' },
  { code: '3829', zh: '其他输配电及控制设备制造', en: 'Other transmission and control equipment', sector: 'S10', kind: M, productivity: 80, word: '电器' },
  { code: '3831', zh: '电线、电缆制造', en: 'Wires and cables', sector: 'S10', kind: M, productivity: 150, word: '电缆' },
  { code: '3834', zh: '绝缘制品制造', en: 'Insulating products', sector: 'S10', kind: M, productivity: 70, word: '绝缘材料' },
  { code: '3851', zh: '家用制冷电器具制造', en: 'Household refrigerators and freezers', sector: 'S10', kind: M, productivity: 150, word: '电器' },
  { code: '3852', zh: '家用空气调节器制造', en: 'Household air conditioners', sector: 'S10', kind: M, productivity: 160, word: '空调' },
  { code: '3854', zh: '家用厨房电器具制造', en: 'Household kitchen appliances', sector: 'S10', kind: M, productivity: 90, word: '厨房电器' },
  { code: '3855', zh: '家用清洁卫生电器具制造', en: 'Household washing and cleaning appliances', sector: 'S10', kind: M, productivity: 130, word: '洗衣机' },
  { code: '3857', zh: '家用电力器具专用配件制造', en: 'Parts for household appliances', sector: 'S10', kind: M, productivity: 60, word: '电器配件' },
  // computers and electronics
  { code: '3911', zh: '计算机整机制造', en: 'Computers', sector: 'S11', kind: M, productivity: 300, word: '电脑' },
  { code: '3912', zh: '计算机零部件制造', en: 'Computer parts', sector: 'S11', kind: M, productivity: 120, word: '精密电子' },
  { code: '3913', zh: '计算机外围设备制造', en: 'Computer peripherals', sector: 'S11', kind: M, productivity: 120, word: '电子科技' },
  { code: '3981', zh: '电阻电容电感元件制造', en: 'Resistors, capacitors and inductors', sector: 'S11', kind: M, productivity: 80, word: '电子元件' },
  { code: '3982', zh: '电子电路制造', en: 'Printed circuits', sector: 'S11', kind: M, productivity: 100, word: '电路科技' },
  { code: '3989', zh: '其他电子元件制造', en: 'Other electronic components', sector: 'S11', kind: M, productivity: 80, word: '电子' },
  // construction
  { code: '4710', zh: '住宅房屋建筑', en: 'Residential building construction', sector: 'S12', kind: S, productivity: 60, word: '建设', names: ['{p}{z}建设有限公司', '{p}{z}建筑工程有限公司'] },
  // trade
  { code: '5131', zh: '纺织品、针织品及原料批发', en: 'Wholesale of textiles', sector: 'S13', kind: T, productivity: 200, word: '纺织品', names: ['{p}{z}纺织品有限公司', '{p}{z}布业商行'] },
  { code: '5132', zh: '服装批发', en: 'Wholesale of clothing', sector: 'S13', kind: T, productivity: 150, word: '服饰贸易' },
  { code: '5133', zh: '鞋帽批发', en: 'Wholesale of footwear and hats', sector: 'S13', kind: T, productivity: 150, word: '鞋业贸易' },
  { code: '5211', zh: '百货零售', en: 'Department stores', sector: 'S13', kind: T, productivity: 90, word: '百货', names: ['{p}{z}百货有限公司', '{p}{z}商厦'] },
  { code: '5212', zh: '超级市场零售', en: 'Supermarkets', sector: 'S13', kind: T, productivity: 70, word: '超市', names: ['{p}{z}超市有限公司', '{z}生活超市'] },
  { code: '5224', zh: '肉、禽、蛋、奶及水产品零售', en: 'Retail of meat, eggs, milk and fish', sector: 'S13', kind: T, productivity: 60, word: '鲜肉', names: ['{p}{z}冷鲜肉店', '{z}鲜肉专卖店', '{p}{z}肉食品经营部'] },
  { code: '5232', zh: '服装零售', en: 'Retail of clothing', sector: 'S13', kind: T, productivity: 50, word: '服装', names: ['{p}{z}服装店', '{z}服饰专卖店'] },
  { code: '5272', zh: '日用家电零售', en: 'Retail of household appliances', sector: 'S13', kind: T, productivity: 90, word: '家电', names: ['{p}{z}家电有限公司', '{z}电器商行'] },
  // transport and storage
  { code: '5431', zh: '普通货物道路运输', en: 'General freight by road', sector: 'S14', kind: S, productivity: 40, word: '物流' },
  { code: '5432', zh: '冷藏车道路运输', en: 'Refrigerated road transport', sector: 'S14', kind: S, productivity: 50, word: '冷链运输' },
  { code: '5930', zh: '低温仓储', en: 'Cold storage', sector: 'S14', kind: S, productivity: 70, word: '冷链物流' },
  { code: '6020', zh: '快递服务', en: 'Courier services', sector: 'S14', kind: S, productivity: 30, word: '快递' },
  // other services
  { code: '6121', zh: '经济型连锁酒店', en: 'Budget hotel chains', sector: 'S15', kind: S, productivity: 25, word: '酒店', names: ['{p}{z}酒店有限公司', '{z}快捷酒店'] },
  { code: '6210', zh: '正餐服务', en: 'Restaurants', sector: 'S15', kind: S, productivity: 20, word: '餐饮', names: ['{p}{z}酒家', '{z}饭店', '{p}{z}餐饮有限公司'] },
  { code: '6220', zh: '快餐服务', en: 'Fast food', sector: 'S15', kind: S, productivity: 15, word: '快餐', names: ['{z}快餐店', '{p}{z}餐饮管理有限公司'] },
  { code: '6513', zh: '应用软件开发', en: 'Application software', sector: 'S15', kind: S, productivity: 60, word: '软件', names: ['{p}{z}软件有限公司', '{p}{z}信息技术有限公司'] },
  { code: '7010', zh: '房地产开发经营', en: 'Real-estate development', sector: 'S15', kind: S, productivity: 300, word: '置业', names: ['{p}{z}置业有限公司', '{p}{z}房地产开发有限公司'] },
  { code: '7241', zh: '会计、审计及税务服务', en: 'Accounting, auditing and tax', sector: 'S15', kind: S, productivity: 20, word: '会计', names: ['{p}{z}会计师事务所', '{p}{z}财务咨询有限公司'] },
];

export const INDUSTRY_INDEX: ReadonlyMap<string, number> = new Map(INDUSTRIES.map((d, i) => [d.code, i]));

/** Index of a code in INDUSTRIES; throws on a code the scenario does not know (a bug). */
export function industryIndex(code: string): number {
  const i = INDUSTRY_INDEX.get(code);
  if (i === undefined) throw new Error(`scenario: industry ${code} is not in INDUSTRIES`);
  return i;
}

/** Sectors of the scenario's input–output table. */
export const IO_SECTORS: ReadonlyArray<readonly [string, string, string]> = [
  ['S01', '农业', 'Agriculture'],
  ['S02', '食品加工', 'Food processing'],
  ['S03', '纺织', 'Textiles'],
  ['S04', '服装鞋帽皮革', 'Apparel, footwear and leather'],
  ['S05', '木材家具', 'Wood and furniture'],
  ['S06', '造纸印刷包装', 'Paper, printing and packaging'],
  ['S07', '化工化纤医药', 'Chemicals, fibres and pharmaceuticals'],
  ['S08', '橡胶塑料', 'Rubber and plastics'],
  ['S09', '金属制品建材机械', 'Metal products, building materials and machinery'],
  ['S10', '电气机械', 'Electrical equipment and appliances'],
  ['S11', '计算机电子', 'Computers and electronics'],
  ['S12', '建筑', 'Construction'],
  ['S13', '批发零售', 'Wholesale and retail'],
  ['S14', '运输仓储', 'Transport and storage'],
  ['S15', '其他服务', 'Other services'],
];
