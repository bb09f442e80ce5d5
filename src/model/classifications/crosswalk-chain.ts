/**
 * Chaining crosswalks between code systems (e.g. NAICS 2017 → ISIC Rev.4 → GB/T 4754-2017) and
 * allocating sizes (employment) through them, with the loss reported.
 *
 * A crosswalk is many-to-many: rows `{ from, to, weight? }` (CrosswalkRow; `loadCrosswalkFile`
 * reads them from CSV, `isicGbtCrosswalk` gives the shipped ISIC ↔ GB/T division table).
 *
 * - Shares: a `from` code's links get the shares weight / Σ weights of that code. When a code's
 *   links carry no weights (or they sum to 0) its n links get 1/n each and are marked
 *   `weightsKnown: false` — an equal split is an assumption, not a fact from the source.
 * - Chaining A → B → C: share(a → c) = Σ_b share(a → b) · share(b → c). A b code with no link in
 *   the second table loses its share; that loss is kept per `from` code (`lost`).
 * - Allocation of sizes: every source code's size is split by its shares. Reported: the share of
 *   the total that maps to one target only (unambiguous), to several (ambiguous; of it, the part
 *   whose split is an equal-share assumption), and not at all (unmapped: the code is not in the
 *   table, or its chain is lost).
 * Time O(rows of both tables + sizes).
 */
import type { CrosswalkRow, IsicGbtRow } from './types.js';

export interface ShareLink {
  from: string;
  to: string;
  /** Share of `from` allocated to `to`, in (0, 1]. */
  share: number;
  /** False when the share rests on an equal split of links without weights. */
  weightsKnown: boolean;
}

export interface Chained {
  links: ShareLink[];
  /** Per `from` code whose chain partly ends in the first table's `to` codes absent from the second: the share lost. */
  lost: { from: string; share: number; through: string[] }[];
}

/** The shares of one crosswalk, grouped by `from` code (file order kept). */
export function crosswalkShares(rows: readonly CrosswalkRow[]): ShareLink[] {
  const by = new Map<string, CrosswalkRow[]>();
  for (const r of rows) (by.get(r.from) ?? by.set(r.from, []).get(r.from)!).push(r);
  const out: ShareLink[] = [];
  for (const [from, list] of by) {
    const sum = list.reduce((a, r) => a + (r.weight ?? 0), 0);
    const known = list.every((r) => r.weight !== undefined) && sum > 0;
    for (const r of list) {
      const share = known ? (r.weight as number) / sum : 1 / list.length;
      if (share > 0) out.push({ from, to: r.to, share, weightsKnown: known || list.length === 1 });
    }
  }
  return out;
}

/** A → C through B: the composition of two crosswalks. */
export function chainCrosswalks(ab: readonly CrosswalkRow[], bc: readonly CrosswalkRow[]): Chained {
  const second = new Map<string, ShareLink[]>();
  for (const l of crosswalkShares(bc)) (second.get(l.from) ?? second.set(l.from, []).get(l.from)!).push(l);
  const acc = new Map<string, Map<string, { share: number; known: boolean }>>();
  const lost = new Map<string, { share: number; through: string[] }>();
  for (const l of crosswalkShares(ab)) {
    const next = second.get(l.to);
    const targets = acc.get(l.from) ?? acc.set(l.from, new Map()).get(l.from)!;
    if (!next) {
      const x = lost.get(l.from) ?? lost.set(l.from, { share: 0, through: [] }).get(l.from)!;
      x.share += l.share;
      x.through.push(l.to);
      continue;
    }
    for (const n of next) {
      const t = targets.get(n.to) ?? { share: 0, known: true };
      t.share += l.share * n.share;
      t.known &&= l.weightsKnown && n.weightsKnown;
      targets.set(n.to, t);
    }
  }
  const links: ShareLink[] = [];
  for (const [from, targets] of acc) for (const [to, t] of targets) links.push({ from, to, share: t.share, weightsKnown: t.known });
  return { links, lost: [...lost.entries()].map(([from, x]) => ({ from, ...x })) };
}

export interface Allocation {
  /** Size per target code. */
  allocated: Map<string, number>;
  total: number;
  /** Shares of the total size (they sum to 1 with `unmapped`). */
  unambiguous: number;
  ambiguous: number;
  /** Part of `ambiguous` whose split is an equal-share assumption. */
  ambiguousUnweighted: number;
  unmapped: number;
  /** Source codes not allocated (or only partly), with the size lost. */
  unmappedCodes: { code: string; size: number }[];
}

/**
 * Shares of a code that add up to within this of 1 count as fully mapped: three links of 1/3
 * each sum to 1 − 1.1e-16, which must not leave a sliver of the code "unmapped".
 */
const SHARE_EPSILON = 1e-9;

/** Split every source code's size by its shares (links from `crosswalkShares` or `chainCrosswalks`). */
export function allocateThrough(sizes: ReadonlyMap<string, number>, links: readonly ShareLink[]): Allocation {
  const by = new Map<string, ShareLink[]>();
  for (const l of links) (by.get(l.from) ?? by.set(l.from, []).get(l.from)!).push(l);
  const allocated = new Map<string, number>();
  let total = 0, unambiguous = 0, ambiguous = 0, unweighted = 0, unmapped = 0;
  const unmappedCodes: { code: string; size: number }[] = [];
  for (const [code, size] of sizes) {
    total += size;
    const list = by.get(code) ?? [];
    const mapped = list.reduce((a, l) => a + l.share, 0);
    const rest = 1 - mapped > SHARE_EPSILON ? size * (1 - mapped) : 0;
    if (rest > 0) { unmapped += rest; unmappedCodes.push({ code, size: rest }); }
    for (const l of list) allocated.set(l.to, (allocated.get(l.to) ?? 0) + size * l.share);
    const inTable = size - rest;
    if (list.length === 1) unambiguous += inTable;
    else if (list.length > 1) {
      ambiguous += inTable;
      if (list.some((l) => !l.weightsKnown)) unweighted += inTable;
    }
  }
  const f = (x: number): number => (total > 0 ? x / total : 0);
  unmappedCodes.sort((a, b) => b.size - a.size || a.code.localeCompare(b.code));
  return { allocated, total, unambiguous: f(unambiguous), ambiguous: f(ambiguous), ambiguousUnweighted: f(unweighted), unmapped: f(unmapped), unmappedCodes };
}

/** The shipped ISIC Rev.4 ↔ GB/T 4754-2017 division rows as a crosswalk in either direction (no weights). */
export function isicGbtCrosswalk(rows: readonly IsicGbtRow[], direction: 'isic-to-gbt' | 'gbt-to-isic'): CrosswalkRow[] {
  return rows.map((r) => (direction === 'isic-to-gbt' ? { from: r.isic, to: r.gbt } : { from: r.gbt, to: r.isic }));
}

export interface TranslatedCode {
  code: string;
  /** The category receiving the largest mass of this target code. */
  category: string;
  /** Mass of the chosen category / mass of all categories reaching the code, in (0, 1]. */
  purity: number;
  /** Every category reaching the code with its mass, largest first. */
  from: { category: string; mass: number }[];
}

/**
 * Category definitions moved to another code system: each target code goes to the category that
 * sends it the largest mass Σ_{a in category} size(a) · share(a → target) (size 1 per source code
 * without `sizes`); ties go to the category listed first. `purity` < 1 marks a target code shared
 * between categories; `lostCodes` are source codes that reach no target.
 */
export function translateCategories(
  rows: readonly { industry: string; category: string }[], links: readonly ShareLink[], sizes?: ReadonlyMap<string, number>,
): { codes: TranslatedCode[]; lostCodes: string[]; sharedMass: number; totalMass: number } {
  const by = new Map<string, ShareLink[]>();
  for (const l of links) (by.get(l.from) ?? by.set(l.from, []).get(l.from)!).push(l);
  const order = new Map<string, number>();
  const mass = new Map<string, Map<string, number>>();
  const lostCodes: string[] = [];
  for (const r of rows) {
    if (!order.has(r.category)) order.set(r.category, order.size);
    const list = by.get(r.industry);
    if (!list?.length) { lostCodes.push(r.industry); continue; }
    const size = sizes ? sizes.get(r.industry) ?? 0 : 1;
    for (const l of list) {
      const m = mass.get(l.to) ?? mass.set(l.to, new Map()).get(l.to)!;
      m.set(r.category, (m.get(r.category) ?? 0) + size * l.share);
    }
  }
  const codes: TranslatedCode[] = [];
  let sharedMass = 0, totalMass = 0;
  for (const [code, m] of mass) {
    const from = [...m.entries()].map(([category, x]) => ({ category, mass: x })).sort((a, b) => b.mass - a.mass || order.get(a.category)! - order.get(b.category)!);
    const total = from.reduce((a, x) => a + x.mass, 0);
    if (!(total > 0)) continue;
    totalMass += total;
    sharedMass += total - from[0].mass;
    codes.push({ code, category: from[0].category, purity: from[0].mass / total, from });
  }
  codes.sort((a, b) => a.code.localeCompare(b.code));
  return { codes, lostCodes, sharedMass, totalMass };
}
