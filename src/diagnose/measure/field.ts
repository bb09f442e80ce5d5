/**
 * Porter's related field (element 1): the industries of a set of firms joined when they share a
 * division (the code's first two digits) or when business ties between their firms reach
 * mergeTiesPerFirm per firm of the smaller. `relatedFields` gives each industry's field and each
 * field's known employment; dominantFieldShare is the largest field's share of the candidate's
 * known employment (firms of unknown employment weigh nothing; undefined when none is known).
 * The same rule picks a park candidate's members (discover/parks.ts).
 */
import type { Thresholds } from '../config.js';
import type { DiagnosisData } from '../data.js';
import type { MeasureContext } from './context.js';
import { knownEmployees } from './context.js';

const division = (code: string): string => code.replace(/^[A-Z]/, '').slice(0, 2);

export interface Fields {
  /** Industry code → its field (the smallest code of the field). */
  fieldOf: Map<string, string>;
  /** Field → known employment, and → firms. */
  employment: Map<string, number>;
  firms: Map<string, number>;
}

/** Business ties between two of the firms of different industries, by "codeA|codeB" (sorted). */
export function fieldTiesOf(d: DiagnosisData, firms: ArrayLike<number>, links: (visit: (a: number, b: number) => void) => void): Map<string, number> {
  const member = new Set<number>(Array.from(firms));
  const ties = new Map<string, number>();
  links((a, b) => {
    if (!member.has(a) || !member.has(b) || d.industry[a] < 0 || d.industry[b] < 0 || d.industry[a] === d.industry[b]) return;
    const key = [d.industries[d.industry[a]], d.industries[d.industry[b]]].sort().join('|');
    ties.set(key, (ties.get(key) ?? 0) + 1);
  });
  return ties;
}

export function relatedFields(d: DiagnosisData, t: Thresholds, firms: ArrayLike<number>, fieldTies: Map<string, number>): Fields {
  const indEmp = new Map<string, number>();
  const indFirms = new Map<string, number>();
  for (let q = 0; q < firms.length; q++) {
    const k = firms[q];
    if (d.industry[k] < 0) continue;
    const code = d.industries[d.industry[k]];
    indEmp.set(code, (indEmp.get(code) ?? 0) + knownEmployees(d, k));
    indFirms.set(code, (indFirms.get(code) ?? 0) + 1);
  }
  const inds = [...indFirms.keys()].sort();
  const parent = new Map(inds.map((c0) => [c0, c0]));
  const find = (x: string): string => { while (parent.get(x) !== x) x = parent.get(x)!; return x; };
  const join = (x: string, y: string): void => { const rx = find(x); const ry = find(y); if (rx !== ry) parent.set(rx < ry ? ry : rx, rx < ry ? rx : ry); };
  for (let a = 0; a < inds.length; a++) {
    for (let b = a + 1; b < inds.length; b++) {
      const x = inds[a];
      const y = inds[b];
      const ties = fieldTies.get([x, y].sort().join('|')) ?? 0;
      const small = Math.min(indFirms.get(x) ?? 0, indFirms.get(y) ?? 0);
      if (division(x) === division(y) || (small > 0 && ties / small >= t.mergeTiesPerFirm)) join(x, y);
    }
  }
  const out: Fields = { fieldOf: new Map(), employment: new Map(), firms: new Map() };
  for (const code of inds) {
    const f = find(code);
    out.fieldOf.set(code, f);
    out.employment.set(f, (out.employment.get(f) ?? 0) + indEmp.get(code)!);
    out.firms.set(f, (out.firms.get(f) ?? 0) + indFirms.get(code)!);
  }
  return out;
}

/** The field with the most known employment (ties: more firms, then the smaller code); null when there is none. */
export function dominantField(f: Fields): string | null {
  return [...f.employment.keys()].sort((a, b) => f.employment.get(b)! - f.employment.get(a)! || f.firms.get(b)! - f.firms.get(a)! || (a < b ? -1 : 1))[0] ?? null;
}

export function dominantFieldShare(ctx: MeasureContext, firms: Int32Array, _industrySet: Set<number>, fieldTies: Map<string, number>, employment: number): number | undefined {
  const f = relatedFields(ctx.d, ctx.t, firms, fieldTies);
  return employment > 0 ? Math.max(0, ...f.employment.values()) / employment : undefined;
}
