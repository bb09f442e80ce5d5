/** Small hand-built economies (DiagnosisData in memory) for the diagnosis tests. */
import { LT, OWN, type DiagnosisData } from '../src/diagnose/data.js';

export interface FirmSpec {
  industry: string; lon: number; lat: number; employees?: number; output?: number; park?: number; parent?: number;
  region?: number; outside?: boolean; ownership?: number; functions?: number; patents?: number; rdSpend?: number; brand?: boolean; founded?: number;
}

export function economy(firms: FirmSpec[], links: Array<[number, number, keyof typeof LT]> = [], parks = 0, regions = 1, institutions: Array<{ type: string; region: number; park?: number }> = []): DiagnosisData {
  const industries = [...new Set(firms.map((f) => f.industry))].sort();
  const n = firms.length;
  const f = <T extends Float64Array | Int32Array | Uint8Array>(make: (n: number) => T, get: (s: FirmSpec, k: number) => number): T => {
    const a = make(n);
    firms.forEach((s, k) => { a[k] = get(s, k); });
    return a;
  };
  return {
    firmCount: n, id: firms.map((_, k) => `F${String(k).padStart(5, '0')}`), industries,
    industry: f((m) => new Int32Array(m), (s) => industries.indexOf(s.industry)),
    lon: f((m) => new Float64Array(m), (s) => s.lon), lat: f((m) => new Float64Array(m), (s) => s.lat),
    region: f((m) => new Int32Array(m), (s) => s.region ?? 0), park: f((m) => new Int32Array(m), (s) => s.park ?? -1),
    inArea: f((m) => new Uint8Array(m), (s) => (s.outside ? 0 : 1)),
    employees: f((m) => new Float64Array(m), (s) => s.employees ?? 20), revenue: f((m) => new Float64Array(m), (s) => s.output ?? 100),
    output: f((m) => new Float64Array(m), (s) => s.output ?? 100), founded: f((m) => new Float64Array(m), (s) => s.founded ?? 2000),
    ownership: f((m) => new Uint8Array(m), (s) => s.ownership ?? OWN.local), parent: f((m) => new Int32Array(m), (s) => s.parent ?? -1),
    patents: f((m) => new Float64Array(m), (s) => s.patents ?? 0), rdSpend: f((m) => new Float64Array(m), (s) => s.rdSpend ?? 0),
    functions: f((m) => new Uint8Array(m), (s) => s.functions ?? 1), brand: f((m) => new Uint8Array(m), (s) => (s.brand ? 1 : 0)),
    regions: { code: Array.from({ length: regions }, (_, i) => `R${i}`), name: Array.from({ length: regions }, (_, i) => `R${i}`), population: new Float64Array(regions).fill(1) },
    parks: { id: Array.from({ length: parks }, (_, i) => `P${i}`), name: Array.from({ length: parks }, (_, i) => `Park ${i}`), designated: new Float64Array(parks).fill(2000), region: new Array(parks).fill('R0') },
    institutions: {
      id: institutions.map((_, j) => `I${j}`), name: institutions.map((_, j) => `I${j}`), type: institutions.map((x) => x.type),
      lon: new Float64Array(institutions.length), lat: new Float64Array(institutions.length),
      region: Int32Array.from(institutions, (x) => x.region), park: Int32Array.from(institutions, (x) => x.park ?? -1),
    },
    links: {
      source: Int32Array.from(links, (l) => l[0]), target: Int32Array.from(links, (l) => l[1]), type: Uint8Array.from(links, (l) => LT[l[2]]),
      value: new Float64Array(links.length).fill(1), year: new Float64Array(links.length).fill(2020),
    },
    unresolvedLinks: 0, currentYear: 2024, hasRegionalStats: false,
  };
}

