/**
 * The development-path test bed: seeded economies (DiagnosisData in memory) that plant three
 * evolving structures with known histories, written for this test bed alone (it shares no code
 * with src/scenario or test/testbed). Every fact of a structure's history is dated by design, and
 * the truth says which stage and radiation level the design gives each year:
 *
 * - "growth" (park P0 in region R0): firms arrive from formedBy (集中, no ties); supply ties among
 *   them appear in the two years before t1 (集聚, receiving centre: a division of labour, no
 *   leaders); in the two years before t2 an association and a research institute tie to the
 *   firms, local spin-offs are founded, innovation and further supply ties appear and two leader
 *   firms (R&D + marketing, 300 employees) move in, each supplied by six local SMEs (集群,
 *   inward-radiating centre).
 * - "stall" (park P1 in region R1): firms arrive throughout and never tie up locally (they sell
 *   to firms in other regions): 集中 in every year.
 * - "outsourcing" (region R2, no park): SMEs supplying three branded leader firms from
 *   formedBy, technology flowing in from outside (集聚, inward-radiating centre); in the two
 *   years before tO, OEM makers outside (regions R4, R5) start subcontracting for the leaders
 *   and the leaders license technology out to them (向外辐射, outward-radiating centre).
 *
 * A transition year t means the structure is complete by t: its events fall in [t − 2, t]. The
 * truth's stage of year y is the last phase whose year is ≤ y.
 */
import { LT, OWN, type DiagnosisData } from '../../src/diagnose/data.js';

export type PlantedStage = 'concentration' | 'agglomeration' | 'cluster';
export type PlantedRadiation = 'receiving' | 'inward' | 'outward' | null;

export interface PlantedStructure {
  name: 'growth' | 'stall' | 'outsourcing';
  kind: 'park' | 'region';
  park: number;
  /** Firm indices of the structure inside the study area. */
  firms: number[];
  /** Phases: from `year` on, the design gives this stage and radiation. */
  phases: { year: number; stage: PlantedStage; radiation: PlantedRadiation }[];
}

export interface PathBed { data: DiagnosisData; structures: PlantedStructure[]; currentYear: number }

/** mulberry32: a small seeded generator (uniform in [0, 1)). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Firm { industry: string; region: number; park: number; employees: number; founded: number; parent: number; functions: number; brand: number; inArea: number; patents: number }
interface Link { s: number; t: number; type: keyof typeof LT; year: number }

const REGIONS = 6;
const CURRENT = 2025;

export function plantPathBed(seed: number): PathBed {
  const r = rng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const firms: Firm[] = [];
  const links: Link[] = [];
  const add = (f: Partial<Firm> & Pick<Firm, 'industry' | 'region' | 'founded'>): number => {
    firms.push({ park: -1, employees: int(8, 60), parent: -1, functions: 1, brand: 0, inArea: 1, patents: 0, ...f });
    return firms.length - 1;
  };
  const pickOf = (xs: number[]): number => xs[Math.floor(r() * xs.length)];
  const institutions: { type: string; region: number; park: number }[] = [];

  // background: four industries in every region, founded 1980–2025; a mixed park P2 in R3
  for (let reg = 0; reg < REGIONS; reg++) {
    for (let i = 0; i < 70; i++) add({ industry: ['1713', '2231', '3421', '4411'][i % 4], region: reg, founded: int(1980, CURRENT) });
  }
  for (let i = 0; i < 60; i++) add({ industry: ['1713', '2231', '3421', '4411'][i % 4], region: 3, park: 2, founded: int(1980, CURRENT) });
  add({ industry: '1713', region: 0, founded: CURRENT }); // the data's current year

  // — growth: park P0 in R0, industry 1951 —
  const gf = int(1994, 1999);
  const t1 = int(2003, 2012);
  const t2 = int(t1 + 6, 2021);
  const growth: number[] = [];
  const gAdd = (founded: number, extra: Partial<Firm> = {}): number => { const k = add({ industry: '1951', region: 0, park: 0, founded, ...extra }); growth.push(k); return k; };
  const initial = int(14, 20);
  for (let i = 0; i < initial; i++) gAdd(int(gf, gf + 1));
  for (let y = gf + 2; y <= CURRENT; y++) if (r() < 0.8) gAdd(y);
  const existing = (y: number): number[] => growth.filter((k) => firms[k].founded <= y);
  const supply = (k: number, pool: number[], year: number): void => {
    const others = pool.filter((o) => o !== k);
    if (others.length) links.push({ s: k, t: pickOf(others), type: 'supply', year });
  };
  // 集聚 by t1: about 0.4 supply ties per firm; later arrivals tie at the same rate
  for (const k of existing(t1)) if (r() < 0.4) supply(k, existing(t1), int(t1 - 2, t1));
  for (const k of growth) if (firms[k].founded > t1 && r() < 0.4) supply(k, existing(firms[k].founded), firms[k].founded);
  // 集群 by t2: spin-offs, more supply and innovation ties, institutions, two leaders
  const atT2 = existing(t2 - 2);
  for (let i = 0; i < Math.ceil(0.15 * atT2.length); i++) {
    const parent = pickOf(atT2);
    const year = int(t2 - 2, t2);
    const child = gAdd(year, { parent });
    links.push({ s: parent, t: child, type: 'spinoff', year });
  }
  const assoc = institutions.push({ type: 'association', region: 0, park: 0 }) - 1;
  const research = institutions.push({ type: 'research', region: 0, park: 0 }) - 1;
  for (const k of growth) {
    const from = Math.max(firms[k].founded, t2 - 2);
    const year = (): number => int(from, Math.max(from, t2));
    const pool = existing(Math.max(firms[k].founded, t2));
    supply(k, pool, year());
    if (r() < 0.5) supply(k, pool, year());
    if (r() < 0.25) { const o = pickOf(pool.filter((x) => x !== k)); if (o !== undefined) links.push({ s: k, t: o, type: r() < 0.5 ? 'technology' : 'joint_rnd', year: year() }); }
    if (r() < 0.5) links.push({ s: k, t: -1 - assoc, type: 'membership', year: year() });
    if (r() < 0.2) links.push({ s: -1 - research, t: k, type: 'service', year: year() });
  }
  for (let i = 0; i < 2; i++) {
    const year = int(t2 - 2, t2);
    const leader = gAdd(year, { employees: 300, functions: 1 | 2 | 4 });
    const smes = existing(year).filter((k) => firms[k].employees < 100);
    for (let j = 0; j < 6; j++) links.push({ s: pickOf(smes), t: leader, type: 'supply', year });
  }

  // — stall: park P1 in R1, industry 2929: firms arrive, sell to other regions, never tie up locally —
  const sf = int(1994, 1999);
  const stall: number[] = [];
  for (let i = 0; i < int(14, 20); i++) stall.push(add({ industry: '2929', region: 1, park: 1, founded: int(sf, sf + 1) }));
  for (let y = sf + 2; y <= CURRENT; y++) if (r() < 0.8) stall.push(add({ industry: '2929', region: 1, park: 1, founded: y }));
  const elsewhere = firms.map((f, k) => (f.region >= 3 && f.industry === '3421' ? k : -1)).filter((k) => k >= 0);
  for (const k of stall) if (r() < 0.4) links.push({ s: k, t: pickOf(elsewhere), type: 'supply', year: Math.max(firms[k].founded, int(firms[k].founded, CURRENT)) });

  // — outsourcing: region R2, industry 3982: leaders and their local suppliers, later OEM makers outside —
  const of = int(1988, 1995);
  const tO = int(2005, 2018);
  const outsourcing: number[] = [];
  const leaders: number[] = [];
  for (let i = 0; i < 3; i++) { const k = add({ industry: '3982', region: 2, founded: of, employees: 400, functions: 1 | 2 | 4, brand: 1 }); leaders.push(k); outsourcing.push(k); }
  for (let i = 0; i < int(22, 28); i++) {
    const k = add({ industry: '3982', region: 2, founded: int(of, of + 1) });
    outsourcing.push(k);
  }
  for (let y = of + 2; y <= CURRENT; y++) if (r() < 0.6) outsourcing.push(add({ industry: '3982', region: 2, founded: y }));
  // every SME supplies a leader from its founding (each leader gets ≥ 7 local SME suppliers early)
  outsourcing.filter((k) => !leaders.includes(k)).forEach((k, i) => {
    links.push({ s: k, t: leaders[i % 3], type: 'supply', year: Math.max(firms[k].founded, of + 1) });
  });
  // technology inflow from outside before tO
  const outsideTech = add({ industry: '3982', region: 5, founded: 1980 });
  for (const l of leaders) links.push({ s: outsideTech, t: l, type: 'technology', year: of + 1 });
  // by tO: OEM makers in R4/R5 subcontract for the leaders; the leaders license technology to them
  for (let i = 0; i < 4; i++) {
    const year = int(tO - 2, tO);
    const oem = add({ industry: '3982', region: 4 + (i % 2), founded: year });
    links.push({ s: oem, t: leaders[i % 3], type: 'subcontract', year });
    links.push({ s: leaders[i % 3], t: oem, type: 'technology', year });
  }

  const n = firms.length;
  const F = <T extends Float64Array | Int32Array | Uint8Array>(a: T, get: (f: Firm) => number): T => { firms.forEach((f, k) => { a[k] = get(f); }); return a; };
  const industries = [...new Set(firms.map((f) => f.industry))].sort();
  // coordinates: each region a 0.5° square on a row; parks a small square inside their region
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  firms.forEach((f, k) => {
    const spread = f.park >= 0 ? 0.05 : 0.5;
    lon[k] = 110 + f.region + (f.park >= 0 ? 0.2 : 0) + r() * spread;
    lat[k] = 30 + (f.park >= 0 ? 0.2 : 0) + r() * spread;
  });
  const data: DiagnosisData = {
    firmCount: n, id: firms.map((_, k) => `F${String(k).padStart(5, '0')}`), industries,
    industry: F(new Int32Array(n), (f) => industries.indexOf(f.industry)), lon, lat,
    region: F(new Int32Array(n), (f) => f.region), park: F(new Int32Array(n), (f) => f.park), inArea: F(new Uint8Array(n), (f) => f.inArea),
    employees: F(new Float64Array(n), (f) => f.employees), revenue: F(new Float64Array(n), (f) => f.employees * 10), output: F(new Float64Array(n), (f) => f.employees * 10),
    founded: F(new Float64Array(n), (f) => f.founded), ownership: new Uint8Array(n).fill(OWN.local), parent: F(new Int32Array(n), (f) => f.parent),
    patents: F(new Float64Array(n), (f) => f.patents), rdSpend: new Float64Array(n), functions: F(new Uint8Array(n), (f) => f.functions), brand: F(new Uint8Array(n), (f) => f.brand),
    regions: { code: Array.from({ length: REGIONS }, (_, i) => `R${i}`), name: Array.from({ length: REGIONS }, (_, i) => `Region ${i}`), population: new Float64Array(REGIONS).fill(1e5) },
    parks: { id: ['P0', 'P1', 'P2'], name: ['Growth park', 'Stall park', 'Mixed park'], designated: Float64Array.from([1993, 1993, 1985]), region: ['R0', 'R1', 'R3'] },
    institutions: {
      id: institutions.map((_, j) => `I${j}`), name: institutions.map((x, j) => `${x.type} ${j}`), type: institutions.map((x) => x.type),
      lon: Float64Array.from(institutions, () => 110.22), lat: Float64Array.from(institutions, () => 30.22),
      region: Int32Array.from(institutions, (x) => x.region), park: Int32Array.from(institutions, (x) => x.park),
    },
    links: {
      source: Int32Array.from(links, (l) => l.s), target: Int32Array.from(links, (l) => l.t), type: Uint8Array.from(links, (l) => LT[l.type]),
      value: new Float64Array(links.length).fill(1), year: Float64Array.from(links, (l) => l.year),
    },
    unresolvedLinks: 0, currentYear: CURRENT, hasRegionalStats: false,
  };
  const structures: PlantedStructure[] = [
    { name: 'growth', kind: 'park', park: 0, firms: growth, phases: [
      { year: gf + 1, stage: 'concentration', radiation: null }, { year: t1, stage: 'agglomeration', radiation: 'receiving' }, { year: t2, stage: 'cluster', radiation: 'inward' }] },
    { name: 'stall', kind: 'park', park: 1, firms: stall, phases: [{ year: sf + 1, stage: 'concentration', radiation: null }] },
    { name: 'outsourcing', kind: 'region', park: -1, firms: outsourcing, phases: [
      { year: of + 1, stage: 'agglomeration', radiation: 'inward' }, { year: tO, stage: 'agglomeration', radiation: 'outward' }] },
  ];
  return { data, structures, currentYear: CURRENT };
}

/** The planted stage and radiation of a structure in year y (null stage before it formed). */
export function plantedAt(s: PlantedStructure, y: number): { stage: PlantedStage | null; radiation: PlantedRadiation } {
  let out: { stage: PlantedStage | null; radiation: PlantedRadiation } = { stage: null, radiation: null };
  for (const p of s.phases) if (p.year <= y) out = { stage: p.stage, radiation: p.radiation };
  return out;
}
