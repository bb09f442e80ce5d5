/**
 * Porter's related field: the candidate's industries joined when they share a division (the
 * code's first two digits) or when business ties between their firms reach mergeTiesPerFirm per
 * firm of the smaller; dominantFieldShare is the largest field's share of the candidate's known
 * employment (firms of unknown employment weigh nothing; undefined when none is known).
 */
import type { MeasureContext } from './context.js';
import { knownEmployees } from './context.js';

const division = (code: string): string => code.replace(/^[A-Z]/, '').slice(0, 2);

export function dominantFieldShare(ctx: MeasureContext, firms: Int32Array, industrySet: Set<number>, fieldTies: Map<string, number>, employment: number): number | undefined {
  const { d, t } = ctx;
  const inds = [...industrySet].map((i) => d.industries[i]);
  const indEmp = new Map<string, number>();
  const indFirms = new Map<string, number>();
  for (const k of firms) {
    if (d.industry[k] < 0) continue;
    const code = d.industries[d.industry[k]];
    indEmp.set(code, (indEmp.get(code) ?? 0) + knownEmployees(d, k));
    indFirms.set(code, (indFirms.get(code) ?? 0) + 1);
  }
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
  const fieldEmp = new Map<string, number>();
  for (const [code, e] of indEmp) fieldEmp.set(find(code), (fieldEmp.get(find(code)) ?? 0) + e);
  return employment > 0 ? Math.max(0, ...fieldEmp.values()) / employment : undefined;
}
