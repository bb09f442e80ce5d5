/**
 * GB/T 4754-2017 《国民经济行业分类》 (Industrial classification for national economic
 * activities, China): the 20 sections (门类 A–T) and 97 divisions (大类 01–97).
 *
 * Source: the national standard GB/T 4754-2017 (drafted by the National Bureau of Statistics,
 * issued 2017-06-30, in force 2017-10-01). Codes and Chinese titles are keyed in from the
 * standard; the English titles are our translations, close to the usage of
 * the China Statistical Yearbook. Groups (中类, 3 digits) and classes (小类, 4 digits) are not
 * shipped: load a full list with `loadClassificationFile` (see docs/classifications.md).
 *
 * Checked: test/classifications.test.ts compares code and Chinese title of every section and
 * division with a full copy of the standard's list when /work/shared/data is present.
 *
 * Rows: [code, Chinese title, English title]; sections also carry their first and last division.
 */

/** [letter, 中文名称, English title, first division, last division] */
export const GBT_SECTIONS: ReadonlyArray<readonly [string, string, string, number, number]> = [
  ['A', '农、林、牧、渔业', 'Agriculture, Forestry, Animal Husbandry and Fishery', 1, 5],
  ['B', '采矿业', 'Mining', 6, 12],
  ['C', '制造业', 'Manufacturing', 13, 43],
  ['D', '电力、热力、燃气及水生产和供应业', 'Production and Supply of Electricity, Heat, Gas and Water', 44, 46],
  ['E', '建筑业', 'Construction', 47, 50],
  ['F', '批发和零售业', 'Wholesale and Retail Trade', 51, 52],
  ['G', '交通运输、仓储和邮政业', 'Transport, Storage and Postal Services', 53, 60],
  ['H', '住宿和餐饮业', 'Accommodation and Catering', 61, 62],
  ['I', '信息传输、软件和信息技术服务业', 'Information Transmission, Software and Information Technology Services', 63, 65],
  ['J', '金融业', 'Finance', 66, 69],
  ['K', '房地产业', 'Real Estate', 70, 70],
  ['L', '租赁和商务服务业', 'Leasing and Business Services', 71, 72],
  ['M', '科学研究和技术服务业', 'Scientific Research and Technical Services', 73, 75],
  ['N', '水利、环境和公共设施管理业', 'Management of Water Conservancy, Environment and Public Facilities', 76, 79],
  ['O', '居民服务、修理和其他服务业', 'Resident Services, Repair and Other Services', 80, 82],
  ['P', '教育', 'Education', 83, 83],
  ['Q', '卫生和社会工作', 'Health and Social Work', 84, 85],
  ['R', '文化、体育和娱乐业', 'Culture, Sports and Entertainment', 86, 90],
  ['S', '公共管理、社会保障和社会组织', 'Public Administration, Social Security and Social Organizations', 91, 96],
  ['T', '国际组织', 'International Organizations', 97, 97],
];

/** [code, 中文名称, English title] */
export const GBT_DIVISIONS: ReadonlyArray<readonly [string, string, string]> = [
  // A 农、林、牧、渔业
  ['01', '农业', 'Agriculture'],
  ['02', '林业', 'Forestry'],
  ['03', '畜牧业', 'Animal Husbandry'],
  ['04', '渔业', 'Fishery'],
  ['05', '农、林、牧、渔专业及辅助性活动', 'Professional and Support Activities for Agriculture, Forestry, Animal Husbandry and Fishery'],
  // B 采矿业
  ['06', '煤炭开采和洗选业', 'Mining and Washing of Coal'],
  ['07', '石油和天然气开采业', 'Extraction of Petroleum and Natural Gas'],
  ['08', '黑色金属矿采选业', 'Mining and Processing of Ferrous Metal Ores'],
  ['09', '有色金属矿采选业', 'Mining and Processing of Non-ferrous Metal Ores'],
  ['10', '非金属矿采选业', 'Mining and Processing of Non-metallic Minerals'],
  ['11', '开采专业及辅助性活动', 'Professional and Support Activities for Mining'],
  ['12', '其他采矿业', 'Other Mining'],
  // C 制造业
  ['13', '农副食品加工业', 'Processing of Food from Agricultural Products'],
  ['14', '食品制造业', 'Manufacture of Foods'],
  ['15', '酒、饮料和精制茶制造业', 'Manufacture of Liquor, Beverages and Refined Tea'],
  ['16', '烟草制品业', 'Manufacture of Tobacco'],
  ['17', '纺织业', 'Manufacture of Textiles'],
  ['18', '纺织服装、服饰业', 'Manufacture of Textile Wearing Apparel and Accessories'],
  ['19', '皮革、毛皮、羽毛及其制品和制鞋业', 'Manufacture of Leather, Fur, Feather and Related Products and Footwear'],
  ['20', '木材加工和木、竹、藤、棕、草制品业', 'Processing of Timber, Manufacture of Wood, Bamboo, Rattan, Palm and Straw Products'],
  ['21', '家具制造业', 'Manufacture of Furniture'],
  ['22', '造纸和纸制品业', 'Manufacture of Paper and Paper Products'],
  ['23', '印刷和记录媒介复制业', 'Printing and Reproduction of Recording Media'],
  ['24', '文教、工美、体育和娱乐用品制造业', 'Manufacture of Articles for Culture, Education, Arts and Crafts, Sport and Entertainment'],
  ['25', '石油、煤炭及其他燃料加工业', 'Processing of Petroleum, Coal and Other Fuels'],
  ['26', '化学原料和化学制品制造业', 'Manufacture of Raw Chemical Materials and Chemical Products'],
  ['27', '医药制造业', 'Manufacture of Medicines'],
  ['28', '化学纤维制造业', 'Manufacture of Chemical Fibres'],
  ['29', '橡胶和塑料制品业', 'Manufacture of Rubber and Plastic Products'],
  ['30', '非金属矿物制品业', 'Manufacture of Non-metallic Mineral Products'],
  ['31', '黑色金属冶炼和压延加工业', 'Smelting and Pressing of Ferrous Metals'],
  ['32', '有色金属冶炼和压延加工业', 'Smelting and Pressing of Non-ferrous Metals'],
  ['33', '金属制品业', 'Manufacture of Metal Products'],
  ['34', '通用设备制造业', 'Manufacture of General-purpose Machinery'],
  ['35', '专用设备制造业', 'Manufacture of Special-purpose Machinery'],
  ['36', '汽车制造业', 'Manufacture of Automobiles'],
  ['37', '铁路、船舶、航空航天和其他运输设备制造业', 'Manufacture of Railway, Ship, Aerospace and Other Transport Equipment'],
  ['38', '电气机械和器材制造业', 'Manufacture of Electrical Machinery and Apparatus'],
  ['39', '计算机、通信和其他电子设备制造业', 'Manufacture of Computers, Communication and Other Electronic Equipment'],
  ['40', '仪器仪表制造业', 'Manufacture of Measuring Instruments and Meters'],
  ['41', '其他制造业', 'Other Manufacturing'],
  ['42', '废弃资源综合利用业', 'Comprehensive Utilization of Waste Resources'],
  ['43', '金属制品、机械和设备修理业', 'Repair of Metal Products, Machinery and Equipment'],
  // D 电力、热力、燃气及水生产和供应业
  ['44', '电力、热力生产和供应业', 'Production and Supply of Electric Power and Heat'],
  ['45', '燃气生产和供应业', 'Production and Supply of Gas'],
  ['46', '水的生产和供应业', 'Production and Supply of Water'],
  // E 建筑业
  ['47', '房屋建筑业', 'Construction of Buildings'],
  ['48', '土木工程建筑业', 'Civil Engineering'],
  ['49', '建筑安装业', 'Construction Installation'],
  ['50', '建筑装饰、装修和其他建筑业', 'Building Decoration, Renovation and Other Construction'],
  // F 批发和零售业
  ['51', '批发业', 'Wholesale Trade'],
  ['52', '零售业', 'Retail Trade'],
  // G 交通运输、仓储和邮政业
  ['53', '铁路运输业', 'Rail Transport'],
  ['54', '道路运输业', 'Road Transport'],
  ['55', '水上运输业', 'Water Transport'],
  ['56', '航空运输业', 'Air Transport'],
  ['57', '管道运输业', 'Pipeline Transport'],
  ['58', '多式联运和运输代理业', 'Multimodal Transport and Transport Agency'],
  ['59', '装卸搬运和仓储业', 'Loading, Unloading, Handling and Warehousing'],
  ['60', '邮政业', 'Postal Services'],
  // H 住宿和餐饮业
  ['61', '住宿业', 'Accommodation'],
  ['62', '餐饮业', 'Catering Services'],
  // I 信息传输、软件和信息技术服务业
  ['63', '电信、广播电视和卫星传输服务', 'Telecommunications, Broadcasting and Satellite Transmission Services'],
  ['64', '互联网和相关服务', 'Internet and Related Services'],
  ['65', '软件和信息技术服务业', 'Software and Information Technology Services'],
  // J 金融业
  ['66', '货币金融服务', 'Monetary Financial Services'],
  ['67', '资本市场服务', 'Capital Market Services'],
  ['68', '保险业', 'Insurance'],
  ['69', '其他金融业', 'Other Financial Services'],
  // K 房地产业
  ['70', '房地产业', 'Real Estate'],
  // L 租赁和商务服务业
  ['71', '租赁业', 'Leasing'],
  ['72', '商务服务业', 'Business Services'],
  // M 科学研究和技术服务业
  ['73', '研究和试验发展', 'Research and Experimental Development'],
  ['74', '专业技术服务业', 'Professional Technical Services'],
  ['75', '科技推广和应用服务业', 'Technology Promotion and Application Services'],
  // N 水利、环境和公共设施管理业
  ['76', '水利管理业', 'Water Conservancy Management'],
  ['77', '生态保护和环境治理业', 'Ecological Protection and Environmental Treatment'],
  ['78', '公共设施管理业', 'Management of Public Facilities'],
  ['79', '土地管理业', 'Land Management'],
  // O 居民服务、修理和其他服务业
  ['80', '居民服务业', 'Resident Services'],
  ['81', '机动车、电子产品和日用产品修理业', 'Repair of Motor Vehicles, Electronic Products and Daily-use Products'],
  ['82', '其他服务业', 'Other Services'],
  // P 教育
  ['83', '教育', 'Education'],
  // Q 卫生和社会工作
  ['84', '卫生', 'Health'],
  ['85', '社会工作', 'Social Work'],
  // R 文化、体育和娱乐业
  ['86', '新闻和出版业', 'News and Publishing'],
  ['87', '广播、电视、电影和录音制作业', 'Radio, Television, Film and Sound Recording Production'],
  ['88', '文化艺术业', 'Culture and Arts'],
  ['89', '体育', 'Sports'],
  ['90', '娱乐业', 'Entertainment'],
  // S 公共管理、社会保障和社会组织
  ['91', '中国共产党机关', 'Organs of the Communist Party of China'],
  ['92', '国家机构', 'State Organs'],
  ['93', '人民政协、民主党派', 'CPPCC and Democratic Parties'],
  ['94', '社会保障', 'Social Security'],
  ['95', '群众团体、社会团体和其他成员组织', 'Mass Organizations, Social Organizations and Other Membership Organizations'],
  ['96', '基层群众自治组织及其他组织', 'Grassroots Self-governing Organizations and Other Organizations'],
  // T 国际组织
  ['97', '国际组织', 'International Organizations'],
];
