/** Tie-drawing patterns shared by the planted structures. */
import type { Rng } from '../core/rng.js';
import type { Context } from './context.js';
import { LT } from './drafts.js';
import { between, type Picker } from './picker.js';

/** Each buyer (with probability p) buys from k ∈ [kMin, kMax] suppliers: supplier → buyer. */
export function buyFrom(ctx: Context, rng: Rng, buyers: readonly number[], suppliers: Picker, kMin: number, kMax: number, p = 1): void {
  if (suppliers.size === 0) return;
  for (const b of buyers) {
    if (rng.next() >= p) continue;
    for (const s of suppliers.pickDistinct(rng, between(rng, kMin, kMax), b)) ctx.addLink(s, b, LT.supply, ctx.tradeValue(rng, s, b), ctx.lastYear);
  }
}

/** Each supplier (with probability p) sells to k buyers: supplier → buyer. */
export function sellTo(ctx: Context, rng: Rng, suppliers: readonly number[], buyers: Picker, kMin: number, kMax: number, p = 1): void {
  if (buyers.size === 0) return;
  for (const s of suppliers) {
    if (rng.next() >= p) continue;
    for (const b of buyers.pickDistinct(rng, between(rng, kMin, kMax), s)) ctx.addLink(s, b, LT.supply, ctx.tradeValue(rng, s, b), ctx.lastYear);
  }
}

/** Each maker (with probability p) makes for k principals (OEM / outsourced processing): maker → principal. */
export function makeFor(ctx: Context, rng: Rng, makers: readonly number[], principals: Picker, kMin: number, kMax: number, p = 1): void {
  if (principals.size === 0) return;
  for (const m of makers) {
    if (rng.next() >= p) continue;
    for (const t of principals.pickDistinct(rng, between(rng, kMin, kMax), m)) ctx.addLink(m, t, LT.subcontract, ctx.tradeValue(rng, m, t), ctx.lastYear);
  }
}

/** Technology transfer from a source (leader firm or institute) to each receiver with probability p. */
export function transferTechnology(ctx: Context, rng: Rng, sources: Picker, receivers: readonly number[], p: number): void {
  if (sources.size === 0) return;
  for (const r of receivers) {
    if (rng.next() >= p) continue;
    const s = sources.pick(rng);
    if (s === r) continue;
    ctx.addLink(s, r, LT.technology, 5 + 95 * rng.next(), ctx.tieYear(rng, s, r));
  }
}

/** Ties from one institution to firms, each with probability p. */
export function institutionTies(ctx: Context, rng: Rng, inst: number, firms: readonly number[], p: number, type: number): void {
  for (const f of firms) {
    if (rng.next() >= p) continue;
    let value: number;
    switch (type) {
      case LT.membership: value = 0.5 + 4.5 * rng.next(); break;
      case LT.finance: value = ctx.revenueOf(f) * (0.05 + 0.25 * rng.next()); break;
      case LT.joint_rnd: value = 20 + 480 * rng.next(); break;
      default: value = 2 + 48 * rng.next();
    }
    if (type === LT.membership) ctx.addLink(f, inst, type, value, ctx.lastYear);
    else ctx.addLink(inst, f, type, value, type === LT.joint_rnd || type === LT.technology ? ctx.tieYear(rng, inst, f) : ctx.lastYear);
  }
}

/**
 * Spin-offs: a share of the firms founded at least `gap` years after the first one get a parent
 * among the older firms of the same list (bigger firms more often) and a spinoff tie.
 */
export function spinoffs(ctx: Context, rng: Rng, firms: readonly number[], parents: Picker, share: number, gap = 3): void {
  for (const child of firms) {
    if (rng.next() >= share) continue;
    const born = ctx.foundedOf(child);
    for (let tries = 0; tries < 12; tries++) {
      const parent = parents.pick(rng);
      if (parent !== child && ctx.foundedOf(parent) <= born - gap) {
        ctx.f.parent.data[child] = parent;
        ctx.addLink(parent, child, LT.spinoff, Number.NaN, born);
        break;
      }
    }
  }
}
