/**
 * Crosswalk ISIC Rev.4 division ↔ GB/T 4754-2017 division (many-to-many), for comparing Chinese
 * data with international data at the coarsest level that still separates industries.
 *
 * How it was made: from the two standards' own definitions (ISIC Rev.4 explanatory notes,
 * UNSD 2008; GB/T 4754-2017 说明 of each 大类/中类). A row (isic, gbt) means "a substantial part of
 * GB/T division `gbt` is classified in ISIC division `isic`"; `note` names the GB/T groups or
 * classes (and the ISIC classes) behind a secondary link. It is APPROXIMATE at division level:
 * small overlaps (a single class, or activities GB/T classifies by product and ISIC by process)
 * are left out unless they are the only link of a division, and there are no weights. For
 * weighted allocations load your own table with `loadCrosswalkFile`.
 *
 * NACE Rev.2 divisions are identical to ISIC Rev.4 divisions, so the table applies to NACE too.
 *
 * Guarantees (tested): every ISIC division and every GB/T manufacturing division (13–43)
 * appears at least once; every GB/T division appears at least once; all codes exist.
 */
import type { IsicGbtRow } from './types.js';

/** [gbt, isic, note?] — kept in GB/T order, which is how it was compiled. */
const ROWS: ReadonlyArray<readonly [string, string, string?]> = [
  // A 农、林、牧、渔业
  ['01', '01'],
  ['02', '02'],
  ['03', '01', 'animal production (ISIC 014)'],
  ['04', '03'],
  ['05', '01', 'support activities to agriculture and animal husbandry (ISIC 016)'],
  ['05', '02', 'support services to forestry (ISIC 0240)'],
  ['05', '03', 'fishery services (GB/T 054); ISIC keeps them within fishing and aquaculture'],
  // B 采矿业
  ['06', '05'],
  ['07', '06'],
  ['08', '07', 'iron ores (ISIC 0710)'],
  ['09', '07', 'non-ferrous metal ores (ISIC 072)'],
  ['10', '08'],
  ['11', '09'],
  ['12', '08', 'mining and quarrying n.e.c. (ISIC 0899)'],
  // C 制造业
  ['13', '10'],
  ['14', '10'],
  ['15', '11'],
  ['15', '10', 'refined tea (GB/T 153) is ISIC 1079'],
  ['16', '12'],
  ['17', '13'],
  ['18', '14'],
  ['19', '15'],
  ['19', '14', 'fur articles and fur apparel (GB/T 193) are ISIC 1420'],
  ['20', '16'],
  ['21', '31'],
  ['22', '17'],
  ['23', '18'],
  ['24', '32', 'jewellery, musical instruments, sports goods, games and toys (ISIC 321–324, 329)'],
  ['25', '19'],
  ['25', '20', 'nuclear fuel processing (GB/T 2530) and biomass liquid fuels (GB/T 254) are ISIC 2011/2029'],
  ['26', '20'],
  ['27', '21'],
  ['28', '20', 'man-made fibres (ISIC 2030)'],
  ['29', '22'],
  ['30', '23'],
  ['31', '24', 'basic iron and steel (ISIC 2410)'],
  ['32', '24', 'basic precious and other non-ferrous metals (ISIC 2420)'],
  ['33', '25'],
  ['33', '24', 'casting of metals (GB/T 339 铸造) is ISIC 243'],
  ['34', '28'],
  ['34', '25', 'steam boilers (GB/T 3411) are ISIC 2513'],
  ['34', '26', 'cameras and photographic equipment (GB/T 3473) are ISIC 2670'],
  ['35', '28'],
  ['35', '32', 'medical, surgical and dental instruments and spectacles (GB/T 358, 3587) are ISIC 3250'],
  ['35', '26', 'irradiation and electromedical equipment (part of GB/T 358) are ISIC 2660'],
  ['36', '29'],
  ['37', '30'],
  ['38', '27'],
  ['38', '26', 'photovoltaic cells and other electronic components in GB/T 38 are ISIC 2610'],
  ['39', '26'],
  ['40', '26', 'measuring, testing, navigating and control equipment, watches and clocks, optical instruments (ISIC 2651, 2652, 2670)'],
  ['40', '28', 'weighing machines (GB/T 4050 衡器) are ISIC 2819'],
  ['41', '32', 'brushes, brooms and other manufacturing n.e.c. (ISIC 3290)'],
  ['42', '38', 'materials recovery (ISIC 383)'],
  ['43', '33'],
  // D 电力、热力、燃气及水生产和供应业
  ['44', '35', 'electric power and steam/hot water (ISIC 3510, 3530)'],
  ['45', '35', 'manufacture and distribution of gas (ISIC 3520)'],
  ['46', '36'],
  ['46', '37', 'sewage treatment (GB/T 4620 污水处理及其再生利用) is ISIC 3700'],
  // E 建筑业
  ['47', '41'],
  ['48', '42'],
  ['49', '43', 'electrical, plumbing and other installation (ISIC 432)'],
  ['50', '43', 'building completion, demolition and site preparation (ISIC 431, 433, 439)'],
  // F 批发和零售业
  ['51', '46'],
  ['51', '45', 'wholesale of motor vehicles and parts (GB/T 5172) is ISIC 4510/4530'],
  ['52', '47'],
  ['52', '45', 'sale of motor vehicles, motorcycles and parts (GB/T 526) is ISIC 451–454; fuel retail stays in ISIC 47'],
  // G 交通运输、仓储和邮政业
  ['53', '49', 'rail transport (ISIC 491)'],
  ['53', '52', 'support activities for rail transport (GB/T 533) are ISIC 5221'],
  ['54', '49', 'road transport (ISIC 492)'],
  ['54', '52', 'support activities for road transport (GB/T 544) are ISIC 5221'],
  ['55', '50'],
  ['55', '52', 'support activities for water transport (GB/T 553) are ISIC 5222'],
  ['56', '51'],
  ['56', '52', 'support activities for air transport (GB/T 563) are ISIC 5223'],
  ['57', '49', 'transport via pipeline (ISIC 4930)'],
  ['58', '52', 'freight forwarding and multimodal transport (ISIC 5229)'],
  ['58', '79', 'passenger ticket agencies (GB/T 5822) are ISIC 7911/7990'],
  ['59', '52', 'warehousing and cargo handling (ISIC 5210, 5224)'],
  ['60', '53'],
  // H 住宿和餐饮业
  ['61', '55'],
  ['62', '56'],
  // I 信息传输、软件和信息技术服务业
  ['63', '61', 'cable, radio-relay and satellite transmission of broadcasts is telecommunications in ISIC too'],
  ['64', '63', 'web portals, internet platforms, data services (ISIC 631)'],
  ['64', '61', 'internet access (GB/T 641) is ISIC 6190'],
  ['64', '62', 'internet security services (GB/T 644)'],
  ['65', '62'],
  ['65', '58', 'packaged software (part of GB/T 651) is software publishing, ISIC 5820'],
  ['65', '63', 'information processing and storage support services (GB/T 655) are ISIC 6311'],
  // J 金融业
  ['66', '64'],
  ['67', '66', 'securities brokerage, markets and fund management (ISIC 661, 6630)'],
  ['67', '64', 'investment funds (GB/T 672, 673) are ISIC 6430'],
  ['68', '65'],
  ['68', '66', 'insurance intermediaries and insurance asset management (GB/T 685, 686) are ISIC 6622, 6630'],
  ['69', '64', 'trusts, holding companies, asset management companies (ISIC 6420, 6430, 6499)'],
  ['69', '66', 'non-bank payment and financial information services (GB/T 693, 694) are ISIC 6619'],
  // K 房地产业
  ['70', '68'],
  ['70', '41', 'real estate development (GB/T 701) partly is development of building projects, ISIC 4100'],
  ['70', '81', 'property management (GB/T 702) partly is combined facilities support, ISIC 8110'],
  // L 租赁和商务服务业
  ['71', '77'],
  ['72', '70', 'head offices and management consultancy (GB/T 721, 7243)'],
  ['72', '69', 'legal, accounting and tax services (GB/T 723, 7241)'],
  ['72', '73', 'advertising and market research (GB/T 725, 7242)'],
  ['72', '74', 'translation and other professional services (GB/T 7294)'],
  ['72', '78', 'human resources services (GB/T 726)'],
  ['72', '79', 'travel agencies (GB/T 7291)'],
  ['72', '80', 'security services (GB/T 727)'],
  ['72', '82', 'conventions and trade shows, packaging, office support, credit bureaus (GB/T 728, 7292, 7293, 7295)'],
  // M 科学研究和技术服务业
  ['73', '72'],
  ['74', '71', 'surveying, testing, geological exploration, engineering design (GB/T 744–748)'],
  ['74', '74', 'industrial and specialised design, meteorological services (GB/T 741, 749)'],
  ['74', '75', 'veterinary services (GB/T 7493)'],
  ['75', '74', 'technology promotion and intermediation (ISIC 7490)'],
  ['75', '69', 'patent and trademark agencies (part of GB/T 752) are ISIC 6910'],
  // N 水利、环境和公共设施管理业
  ['76', '36', 'natural water collection and distribution (GB/T 763)'],
  ['76', '84', 'flood control and water resources administration (GB/T 761, 762)'],
  ['77', '39', 'pollution treatment and soil remediation (GB/T 772)'],
  ['77', '38', 'solid and hazardous waste treatment (GB/T 7723–7725) are ISIC 382'],
  ['77', '91', 'nature reserves, zoos and botanical gardens (GB/T 771) are ISIC 9103'],
  ['78', '81', 'municipal facilities, greening and landscape care (GB/T 781, 784)'],
  ['78', '38', 'sanitation and refuse collection (GB/T 782) are ISIC 3811'],
  ['78', '91', 'city parks and scenic areas (GB/T 785, 786) are ISIC 9102, 9103'],
  ['78', '84', 'city appearance administration (GB/T 783)'],
  ['79', '84', 'land administration'],
  ['79', '68', 'land registration agents and appraisal (part of GB/T 79) are real estate activities on a fee basis, ISIC 6820'],
  // O 居民服务、修理和其他服务业
  ['80', '96'],
  ['80', '88', 'child day-care (GB/T 802 托儿所服务) is ISIC 8890'],
  ['80', '74', 'photography (GB/T 806) is ISIC 7420'],
  ['80', '97', 'domestic services (GB/T 801 家庭服务); ISIC 97 covers households employing domestic staff directly'],
  [
    '80',
    '98',
    'no GB/T counterpart: own-use production of households is outside GB/T 4754; nominal link to resident services so that every ISIC division is covered',
  ],
  ['81', '45', 'repair of motor vehicles and motorcycles (GB/T 811) is ISIC 4520, 4540'],
  ['81', '95', 'repair of computers, appliances and household goods (GB/T 812, 813, 819)'],
  ['82', '96'],
  ['82', '81', 'cleaning services (GB/T 821) are ISIC 812'],
  ['82', '75', 'pet hospitals (part of GB/T 822) are ISIC 7500'],
  // P 教育
  ['83', '85'],
  // Q 卫生和社会工作
  ['84', '86'],
  ['85', '87', 'social work with accommodation (GB/T 851)'],
  ['85', '88', 'social work without accommodation (GB/T 852)'],
  // R 文化、体育和娱乐业
  ['86', '58', 'publishing (GB/T 862)'],
  ['86', '63', 'news agencies (GB/T 861) are ISIC 6391'],
  ['86', '59', 'publishing of sound recordings (GB/T 8624) is ISIC 5920'],
  ['87', '60', 'radio and television broadcasting (GB/T 871, 872, 874)'],
  ['87', '59', 'film and TV production, distribution, projection and sound recording (GB/T 873, 875–877)'],
  ['88', '90', 'creative and performing arts (GB/T 881, 882)'],
  ['88', '91', 'libraries, archives, museums, heritage (GB/T 883–886)'],
  ['89', '93'],
  ['90', '93'],
  ['90', '92', 'lotteries (GB/T 904) are ISIC 9200'],
  ['90', '74', 'cultural, sports and entertainment agents (part of GB/T 905) are ISIC 7490'],
  // S 公共管理、社会保障和社会组织
  ['91', '84', 'organs of the Communist Party of China: general public administration in ISIC terms'],
  ['92', '84'],
  ['93', '84'],
  ['93', '94', 'democratic parties are political organisations, ISIC 9492'],
  ['94', '84', 'compulsory social security (ISIC 8430)'],
  ['94', '65', 'supplementary insurance such as enterprise annuities (GB/T 942) is pension funding, ISIC 6530'],
  ['95', '94'],
  ['96', '94', 'grassroots self-governing organisations (residents\u2019 and villagers\u2019 committees) as membership organisations'],
  ['96', '84', 'villagers\u2019 and residents\u2019 committees also carry out local administration'],
  // T 国际组织
  ['97', '99'],
];

const CROSSWALK: ReadonlyArray<IsicGbtRow> = Object.freeze(
  ROWS.map(([gbt, isic, note]) => Object.freeze(note === undefined ? { isic, gbt } : { isic, gbt, note })),
);

/**
 * The shipped ISIC Rev.4 ↔ GB/T 4754-2017 division crosswalk, one row per (isic, gbt) link.
 * Approximate at division level (see the file header and docs/classifications.md).
 *
 * @example
 *   crosswalkIsicGbt().filter((r) => r.gbt === '39').map((r) => r.isic) // ['26']
 */
export function crosswalkIsicGbt(): ReadonlyArray<IsicGbtRow> {
  return CROSSWALK;
}
