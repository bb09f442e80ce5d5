/**
 * Crosswalk NAICS 2017 → ISIC Rev.4 division (many-to-many), so that definitions written on NAICS
 * codes (the U.S. Cluster Mapping categories, County Business Patterns industries) can be carried to
 * ISIC divisions and, chained with the shipped ISIC ↔ GB/T table, to GB/T 4754-2017 divisions.
 *
 * How it was made: compiled by hand from the two classifications' own definitions (the NAICS 2017
 * manual's titles and descriptions, OMB / Census Bureau, https://www.census.gov/naics/; the ISIC
 * Rev.4 explanatory notes, UNSD 2008, ST/ESA/STAT/SER.M/4/Rev.4), not from another concordance.
 * Each row is the most aggregated NAICS code (3 or 4 digits) whose whole content falls in one ISIC
 * division; a 5- or 6-digit row overrides it where a NAICS group splits across divisions (malt
 * 311213 is ISIC 1103 within grain milling 3112 → 10; ice 312113 is ISIC 3530). A NAICS code that
 * genuinely spans divisions has one row per division, each with a `note` naming the part and its
 * ISIC class. Resolution is by longest prefix (`resolveNaicsIsic`).
 *
 * It is APPROXIMATE at division level: a part smaller than roughly a tenth of a NAICS industry is
 * left with the main division unless it is an activity ISIC names explicitly elsewhere (ship
 * repair within 336611, ISIC 3315), and there are no weights — the NAICS definitions say which
 * activities a code covers, not how much of its employment each is. A code with n divisions is
 * split 1/n by `crosswalkShares`, marked `weightsKnown: false`. For weighted allocations load your
 * own table with `loadCrosswalkFile`.
 *
 * Guarantees (test/crosswalk-naics-isic.test.ts): every row's NAICS code is in the official 2017
 * list and every ISIC division exists; every 6-digit NAICS 2017 code resolves to at least one
 * division and every row is reached by some 6-digit code; a coarser code resolves to the union of
 * its 6-digit codes' divisions; every ISIC division except 98 (own-use production of households)
 * and 99 (extraterritorial bodies), which NAICS does not cover, appears; and the table agrees with
 * NCSES's NAICS → ISIC concordance of the high and medium-high R&D industries, with two listed
 * exceptions.
 *
 * Time: building the index O(rows); a look-up O(digits + rows beneath the code).
 */
import { NAICS_SECTORS } from './naics-2017.js';
import { builtinClassification } from './builtin.js';
import type { CrosswalkRow, NaicsIsicRow } from './types.js';

/** [naics, isic, note?] — in NAICS order, which is how it was compiled. */
const ROWS: ReadonlyArray<readonly [string, string, string?]> = [
  // 11 Agriculture, Forestry, Fishing and Hunting
  ['111', '01'],
  ['112', '01'],
  ['1125', '03', 'aquaculture (ISIC 032)'],
  ['113', '02'],
  ['1141', '03'],
  ['1142', '01', 'hunting and trapping (ISIC 0170)'],
  ['1151', '01', 'support activities for crop production, cotton ginning included (ISIC 0161, 0163)'],
  ['1152', '01', 'support activities for animal production (ISIC 0162)'],
  ['1153', '02', 'support services to forestry (ISIC 0240)'],
  // 21 Mining, Quarrying, and Oil and Gas Extraction
  ['211', '06'],
  ['2121', '05'],
  ['2122', '07'],
  ['2123', '08'],
  ['213', '09', 'drilling on contract and other support activities (ISIC 0910, 0990)'],
  // 22 Utilities
  ['221', '35'],
  ['22131', '36', 'water supply and irrigation systems (ISIC 3600)'],
  ['22132', '37', 'sewage treatment (ISIC 3700)'],
  // 23 Construction
  ['236', '41', 'for-sale builders included: ISIC 4100 covers the development of building projects'],
  ['237', '42'],
  ['2372', '42', 'land subdivision with land improvement, roads and utility lines (ISIC 4290)'],
  ['2372', '68', 'subdividing real property into lots without improvement (ISIC 6810)'],
  ['238', '43'],
  ['23829', '43', 'elevators, escalators and other building equipment (ISIC 4329)'],
  ['23829', '33', 'installation of industrial machinery, millwrights (ISIC 3320)'],
  // 31-33 Manufacturing
  ['311', '10'],
  ['311213', '11', 'malt (ISIC 1103)'],
  ['3121', '11'],
  ['312113', '35', 'production of ice (ISIC 3530)'],
  ['3122', '12', 'tobacco stemming and redrying included (ISIC 1200)'],
  ['313', '13'],
  ['314', '13'],
  ['315', '14'],
  ['316', '15'],
  ['321', '16', 'prefabricated wood buildings and manufactured homes included (ISIC 1622)'],
  ['322', '17'],
  ['323', '18'],
  ['324', '19'],
  ['32412', '23', 'asphalt paving mixtures, shingles and coating materials: articles of asphalt (ISIC 2399)'],
  ['325', '20'],
  ['3254', '21'],
  ['326', '22'],
  ['327', '23'],
  ['331', '24', 'foundries included: casting of metals (ISIC 243)'],
  ['332', '25'],
  ['332911', '28', 'industrial valves (ISIC 2813)'],
  ['332912', '28', 'fluid power valves and hose fittings (ISIC 2812)'],
  ['332913', '28', 'plumbing taps and valves (ISIC 2813)'],
  ['332919', '28', 'other metal valves (ISIC 2813)'],
  ['332919', '25', 'metal pipe fittings, flanges and unions (ISIC 2599)'],
  ['332991', '28', 'ball and roller bearings (ISIC 2814)'],
  ['333', '28'],
  ['333314', '26', 'optical instruments and lenses (ISIC 2670)'],
  ['333316', '28', 'photocopying machines (ISIC 2817)'],
  ['333316', '26', 'photographic cameras and projectors (ISIC 2670)'],
  ['333414', '28', 'industrial furnace burners and solar heating equipment (ISIC 2815, 2819)'],
  ['333414', '25', 'central heating boilers and radiators (ISIC 2512)'],
  ['333511', '25', 'industrial moulds (ISIC 2593: moulds and moulding boxes)'],
  ['333514', '28', 'jigs and fixtures, work holders for machine tools (ISIC 2822)'],
  ['333514', '25', 'special dies and tools, interchangeable tools for machine tools (ISIC 2593)'],
  ['333515', '28', 'machine tool accessories (ISIC 2822)'],
  ['333515', '25', 'cutting tools: interchangeable tools for machine tools (ISIC 2593)'],
  ['333992', '28', 'gas welding and soldering equipment (ISIC 2819)'],
  ['333992', '27', 'electric welding and soldering equipment (ISIC 2790)'],
  ['334', '26'],
  ['334614', '18', 'reproduction of software, recorded media and film (ISIC 1820)'],
  ['335', '27'],
  ['335991', '27', 'electrical carbon and graphite products, electrodes (ISIC 2790)'],
  ['335991', '23', 'non-electrical carbon and graphite articles (ISIC 2399)'],
  ['3361', '29'],
  ['3362', '29', 'bodies, trailers, motor homes and campers (ISIC 2910, 2920)'],
  ['3363', '29', 'parts and accessories, engines and electrical equipment for motor vehicles (ISIC 2910, 2930)'],
  ['3364', '30', 'aircraft, spacecraft and missiles (ISIC 3030)'],
  ['3365', '30'],
  ['3366', '30'],
  ['336611', '30', 'building of ships (ISIC 3011)'],
  ['336611', '33', 'repairing of ships (ISIC 3315)'],
  ['3369', '30'],
  ['336999', '30', 'hand-propelled and other transport equipment n.e.c. (ISIC 3099)'],
  ['336999', '29', 'all-terrain vehicles, golf carts and snowmobiles (ISIC 2910)'],
  ['337', '31'],
  ['337212', '31', 'shop and office fixtures (ISIC 3100)'],
  ['337212', '16', 'custom architectural woodwork and millwork: builders\u2019 carpentry (ISIC 1622)'],
  ['33792', '13', 'textile window shades (ISIC 1392)'],
  ['33792', '22', 'plastic blinds (ISIC 2220)'],
  ['33792', '25', 'metal venetian blinds and drapery hardware (ISIC 2599)'],
  ['339', '32'],
  ['33995', '32', 'non-electric signs (ISIC 3290)'],
  ['33995', '27', 'illuminated signs (ISIC 2740)'],
  ['339991', '28', 'gaskets of combined materials, mechanical seals (ISIC 2819)'],
  ['339991', '22', 'rubber and plastics gaskets and packing (ISIC 2219, 2220)'],
  ['339993', '32', 'buttons and slide fasteners (ISIC 3290)'],
  ['339993', '25', 'needles, pins and other metal fasteners (ISIC 2599)'],
  // 42 Wholesale Trade
  ['423', '46'],
  ['4231', '45', 'wholesale of motor vehicles, parts and tyres (ISIC 4510, 4530)'],
  ['424', '46'],
  ['425', '46', 'wholesale on a fee or contract basis (ISIC 4610)'],
  // 44-45 Retail Trade
  ['441', '45'],
  ['441222', '47', 'boat dealers (ISIC 4763)'],
  ['442', '47'],
  ['443', '47'],
  ['444', '47'],
  ['445', '47'],
  ['446', '47'],
  ['447', '47', 'retail sale of automotive fuel (ISIC 4730)'],
  ['448', '47'],
  ['451', '47'],
  ['452', '47'],
  ['453', '47'],
  ['454', '47', 'retail not in stores (ISIC 479)'],
  // 48-49 Transportation and Warehousing
  ['481', '51'],
  ['482', '49'],
  ['483', '50'],
  ['484', '49'],
  ['485', '49'],
  ['486', '49'],
  ['4871', '49', 'sightseeing buses and trains (ISIC 4922, 4911)'],
  ['4872', '50', 'sightseeing boats (ISIC 5011, 5021)'],
  ['4879', '51', 'sightseeing flights (ISIC 5110)'],
  ['488', '52'],
  ['48819', '52', 'other support activities for air transport (ISIC 5223)'],
  ['48819', '33', 'aircraft maintenance and repair (ISIC 3315)'],
  ['491', '53'],
  ['492', '53'],
  ['493', '52', 'warehousing and storage (ISIC 5210)'],
  // 51 Information
  ['511', '58'],
  ['512', '59'],
  ['515', '60'],
  ['517', '61'],
  ['518', '63', 'data processing and hosting (ISIC 6311)'],
  ['519', '63'],
  ['51912', '91', 'libraries and archives (ISIC 9101)'],
  ['51913', '63', 'web search portals (ISIC 6312)'],
  ['51913', '58', 'internet publishing: ISIC classifies online publishing with publishing (ISIC 581)'],
  ['51913', '60', 'internet broadcasting (ISIC 6010, 6020)'],
  // 52 Finance and Insurance
  ['521', '64'],
  ['522', '64'],
  ['5223', '66', 'loan brokers, transaction processing and clearing, other activities auxiliary to credit (ISIC 6619)'],
  ['523', '66'],
  ['52311', '64', 'dealing in securities on own account (ISIC 6499)'],
  ['52311', '66', 'underwriting and market making for others (ISIC 6612)'],
  ['52313', '64', 'commodity contracts dealing on own account (ISIC 6499)'],
  ['52391', '64', 'miscellaneous intermediation on own account (ISIC 6499)'],
  ['5241', '65'],
  ['5242', '66', 'insurance agents, brokers, claims adjusting, third-party administration (ISIC 662)'],
  ['5251', '65', 'pension and insurance funds (ISIC 6530, 6512)'],
  ['5259', '64', 'trusts, funds and similar financial entities (ISIC 6430)'],
  // 53 Real Estate and Rental and Leasing
  ['531', '68'],
  ['532', '77'],
  ['533', '77', 'leasing of intellectual property (ISIC 7740)'],
  // 54 Professional, Scientific, and Technical Services
  ['5411', '69'],
  ['5412', '69'],
  ['5413', '71'],
  ['5414', '74', 'specialised design (ISIC 7410)'],
  ['5415', '62'],
  ['5416', '70', 'management consultancy (ISIC 7020)'],
  ['54162', '74', 'environmental consulting (ISIC 7490)'],
  ['54169', '74', 'other scientific and technical consulting (ISIC 7490)'],
  ['5417', '72'],
  ['5418', '73'],
  ['54182', '70', 'public relations (ISIC 7020)'],
  ['5419', '74'],
  ['54191', '73', 'market research and public opinion polling (ISIC 7320)'],
  ['54194', '75'],
  // 55 Management of Companies and Enterprises
  ['551', '70', 'head offices (ISIC 7010)'],
  ['551111', '64', 'bank holding companies (ISIC 6420)'],
  ['551112', '64', 'other holding companies (ISIC 6420)'],
  // 56 Administrative and Support and Waste Management and Remediation Services
  ['5611', '82'],
  ['5612', '81', 'combined facilities support (ISIC 8110)'],
  ['5613', '78'],
  ['5614', '82'],
  ['5615', '79'],
  ['5616', '80'],
  ['561622', '80', 'lock installation as a security service (ISIC 8020)'],
  ['561622', '95', 'key duplicating and lock repair (ISIC 9529)'],
  ['5617', '81', 'pest control, cleaning, landscaping (ISIC 812, 8130)'],
  ['5619', '82'],
  ['5621', '38'],
  ['5622', '38'],
  ['56291', '39'],
  ['56292', '38', 'materials recovery (ISIC 3830)'],
  ['562991', '37', 'emptying of cesspools and septic tanks (ISIC 3700)'],
  ['562998', '37', 'servicing of chemical toilets, sewer cleaning (ISIC 3700)'],
  // 61 Educational Services
  ['611', '85'],
  // 62 Health Care and Social Assistance
  ['621', '86'],
  ['622', '86'],
  ['623', '87'],
  ['624', '88'],
  ['624221', '87', 'temporary homeless shelters (ISIC 8790)'],
  // 71 Arts, Entertainment, and Recreation
  ['7111', '90'],
  ['7112', '93', 'sports clubs and racetracks (ISIC 9311, 9312)'],
  ['7113', '90', 'producers and promoters of arts events, arts facilities (ISIC 9000)'],
  ['7113', '93', 'promoters of sports events, sports facilities (ISIC 9311, 9319)'],
  ['7114', '74', 'agents for artists, athletes and entertainers (ISIC 7490)'],
  ['7115', '90'],
  ['712', '91'],
  ['713', '93'],
  ['7132', '92'],
  // 72 Accommodation and Food Services
  ['721', '55'],
  ['72112', '55', 'casino hotels: accommodation (ISIC 5510)'],
  ['72112', '92', 'casino hotels: casinos (ISIC 9200)'],
  ['722', '56'],
  // 81 Other Services (except Public Administration)
  ['8111', '45', 'maintenance and repair of motor vehicles, car washes included (ISIC 4520)'],
  ['8112', '95'],
  ['811212', '95', 'repair of computers (ISIC 9511)'],
  ['811212', '33', 'repair of office machinery (ISIC 3312)'],
  ['811219', '33', 'repair of medical, industrial electronic and precision equipment (ISIC 3313)'],
  ['8113', '33', 'repair of machinery (ISIC 3312)'],
  ['8114', '95'],
  ['812', '96'],
  ['81292', '74', 'photofinishing (ISIC 7420)'],
  ['81293', '52', 'parking lots and garages (ISIC 5221)'],
  ['813', '94'],
  ['8132', '88', 'grantmaking and fund raising for social work (ISIC 8890)'],
  ['8132', '94', 'voluntary health organisations and other giving services as membership organisations (ISIC 9499)'],
  ['814', '97'],
  // 92 Public Administration
  ['921', '84'],
  ['922', '84'],
  ['923', '84'],
  ['924', '84'],
  ['925', '84'],
  ['926', '84'],
  ['927', '84', 'administration of space programmes (ISIC 8413)'],
  ['927', '72', 'space research (ISIC 7210)'],
  ['928', '84'],
];

const TABLE: ReadonlyArray<NaicsIsicRow> = Object.freeze(
  ROWS.map(([naics, isic, note]) => Object.freeze(note === undefined ? { naics, isic } : { naics, isic, note })),
);

/** NAICS code of a row → its rows (a code with several divisions has several). */
let index: Map<string, NaicsIsicRow[]> | undefined;
function rowsByCode(): Map<string, NaicsIsicRow[]> {
  if (!index) {
    index = new Map();
    for (const r of TABLE) (index.get(r.naics) ?? index.set(r.naics, []).get(r.naics)!).push(r);
  }
  return index;
}

/**
 * The shipped NAICS 2017 → ISIC Rev.4 division crosswalk, one row per (naics, isic) link; `naics`
 * is a 3- to 6-digit code and a longer code overrides a shorter one (see `resolveNaicsIsic`).
 * Approximate at division level (see the file header and docs/classifications.md).
 *
 * @example
 *   crosswalkNaicsIsic().filter((r) => r.naics === '336611').map((r) => r.isic) // ['30', '33']
 */
export function crosswalkNaicsIsic(): ReadonlyArray<NaicsIsicRow> {
  return TABLE;
}

export interface NaicsIsicResolution {
  /** The NAICS code in canonical form (`31` → `31-33`). */
  code: string;
  /** The ISIC Rev.4 divisions, ascending. */
  isic: string[];
  /** The rows behind them: the longest-prefix row(s) of the code, then the rows of finer codes beneath it. */
  rows: NaicsIsicRow[];
}

/**
 * The ISIC Rev.4 division(s) of a NAICS 2017 code of any level (2–6 digits, a range sector such as
 * `31-33`), or undefined when its shape is not a NAICS code or no row covers it.
 *
 * A code gets the rows of its longest prefix in the table (itself included) and, when finer
 * codes beneath it have rows of their own, those too: `3112` (grain milling) resolves to 10 and,
 * through malt 311213, to 11 — the union of the divisions of its 6-digit codes. A sector gathers
 * every row under its prefixes. Codes are not checked against the full NAICS list (the package
 * ships it to subsector only): `336199`, which does not exist, resolves through `3361`.
 * Time O(digits + rows beneath the code).
 *
 * @example
 *   resolveNaicsIsic('336111')?.isic // ['29']
 *   resolveNaicsIsic('3112')?.isic   // ['10', '11']
 *   resolveNaicsIsic('92')?.isic     // ['72', '84']
 */
export function resolveNaicsIsic(raw: string): NaicsIsicResolution | undefined {
  const naics = builtinClassification('NAICS 2017');
  const code = naics.normalize(raw);
  if (code === undefined) return undefined;
  const by = rowsByCode();
  const sector = NAICS_SECTORS.find(([c]) => c === code);
  const prefixes = sector ? sector[2] : [code];
  const rows: NaicsIsicRow[] = [];
  if (!sector) {
    for (let n = code.length; n >= 3; n--) {
      const own = by.get(code.slice(0, n));
      if (own) { rows.push(...own); break; }
    }
  }
  const beneath = (r: NaicsIsicRow): boolean => (sector ? prefixes.some((p) => r.naics.startsWith(p)) : r.naics.length > code.length && r.naics.startsWith(code));
  for (const r of TABLE) if (beneath(r) && !rows.includes(r)) rows.push(r);
  if (rows.length === 0) return undefined;
  const isic = [...new Set(rows.map((r) => r.isic))].sort();
  return { code, isic, rows };
}

/**
 * The shipped table as a crosswalk for the given NAICS codes, as written (e.g. a category file's
 * `industry` column): one row `{ from: code, to: division }` per division of `resolveNaicsIsic`,
 * no weights. Codes that do not resolve get no row (a chain through them is unmapped); a code
 * given twice gets its rows once. Feed it to `crosswalkShares` or `chainCrosswalks`.
 *
 * @example
 *   naicsIsicCrosswalk(['336611']) // [{ from: '336611', to: '30' }, { from: '336611', to: '33' }]
 */
export function naicsIsicCrosswalk(codes: Iterable<string>): CrosswalkRow[] {
  const out: CrosswalkRow[] = [];
  const seen = new Set<string>();
  for (const from of codes) {
    if (seen.has(from)) continue;
    seen.add(from);
    for (const to of resolveNaicsIsic(from)?.isic ?? []) out.push({ from, to });
  }
  return out;
}
