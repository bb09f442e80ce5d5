/**
 * Industry traits for the cluster typology (seed essay 2: by factor intensity — labour /
 * resource / technology — and by industry type — traditional / high-tech), for GB/T 4754-2017.
 *
 * Sources, written from the published lists (the copies in ../shared/data are used only by tests):
 * - NBS 《高技术产业（制造业）分类（2017）》(国统字〔2017〕200号): six categories of high-tech
 *   manufacturing, given here as GB/T 4754-2017 code prefixes (a division, group or class);
 *   classes added to GB/T 4754 after the list (3587 康复辅具, 3964 服务消费机器人) are not in it.
 * - OECD taxonomy of economic activities by R&D intensity, ISIC Rev.4 (Galindo-Rueda & Verger
 *   2016, doi:10.1787/5jlv73sqqp8r-en): High and Medium-high R&D-intensity activities make a
 *   GB/T division technology-intensive through their ISIC counterparts (chemicals 26/28, pharma
 *   27, machinery 34/35, vehicles 36/37, electrical 38, electronics 39, instruments 40,
 *   telecommunications and software 63–65, R&D 73).
 * - Resource-intensive: primary activities (agriculture, mining: sections A, B), the processing
 *   of farm, forest and mineral resources (13–16, 20, 22, 25, 30–32, 42) and utilities (D).
 * - Labour-intensive: the remaining manufacturing with low R&D intensity (textiles, apparel,
 *   leather and footwear, furniture, printing, toys, plastics, metal products …) and
 *   construction and most services.
 * These are industry defaults; the typology refines them with firm data (R&D intensity,
 * employees per output).
 */

export type FactorIntensity = 'labour' | 'resource' | 'technology';
export type IndustryType = 'traditional' | 'high-tech';

/** NBS 2017 high-tech manufacturing categories as GB/T 4754-2017 code prefixes. */
export const NBS_HIGH_TECH_2017: ReadonlyArray<{ id: string; zh: string; en: string; prefixes: readonly string[] }> = [
  { id: 'HT1', zh: '医药制造业', en: 'Pharmaceutical manufacturing', prefixes: ['27'] },
  { id: 'HT2', zh: '航空、航天器及设备制造业', en: 'Aircraft, spacecraft and equipment', prefixes: ['374', '4343'] },
  {
    id: 'HT3', zh: '电子及通信设备制造业', en: 'Electronic and communication equipment',
    prefixes: ['3562', '3563', '3569', '3832', '3833', '3841', '392', '393', '3940', '395', '3961', '3962', '3963', '3969', '397', '398', '3990'],
  },
  { id: 'HT4', zh: '计算机及办公设备制造业', en: 'Computers and office equipment', prefixes: ['391', '3474', '3475'] },
  { id: 'HT5', zh: '医疗仪器设备及仪器仪表制造业', en: 'Medical equipment and instruments', prefixes: ['3581', '3582', '3583', '3584', '3585', '3586', '3589', '401', '402', '4040', '4090'] },
  { id: 'HT6', zh: '信息化学品制造业', en: 'Information chemicals', prefixes: ['2664', '2665'] },
];

const TECHNOLOGY_DIVISIONS = new Set(['26', '27', '28', '34', '35', '36', '37', '38', '39', '40', '63', '64', '65', '73']);
const RESOURCE_DIVISIONS = new Set([
  '01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12',
  '13', '14', '15', '16', '20', '22', '25', '30', '31', '32', '42', '44', '45', '46',
]);

/** The NBS high-tech category of a GB/T code (class or finer), or undefined. */
export function nbsHighTechCategory(code: string): string | undefined {
  const c = code.replace(/^[A-Z]/, '');
  for (const cat of NBS_HIGH_TECH_2017) if (cat.prefixes.some((p) => c.startsWith(p))) return cat.id;
  return undefined;
}

/** Factor intensity of a GB/T code (its division decides; NBS high-tech classes are technology). */
export function factorIntensity(code: string): FactorIntensity {
  const c = code.replace(/^[A-Z]/, '');
  if (nbsHighTechCategory(c)) return 'technology';
  const division = c.slice(0, 2);
  if (TECHNOLOGY_DIVISIONS.has(division)) return 'technology';
  if (RESOURCE_DIVISIONS.has(division)) return 'resource';
  return 'labour';
}

/** High-tech when the code is in the NBS 2017 high-tech manufacturing list or is R&D (73) or software (65). */
export function industryType(code: string): IndustryType {
  const c = code.replace(/^[A-Z]/, '');
  return nbsHighTechCategory(c) || c.startsWith('73') || c.startsWith('65') ? 'high-tech' : 'traditional';
}
