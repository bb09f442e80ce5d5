/**
 * Cluster categories: a user's (or the U.S. Cluster Mapping Project's) grouping of industry codes
 * into categories — "clusters" in CMP's vocabulary — each with optional subcategories and a type:
 * `traded` (serves markets beyond the region; LQ over traded employment) or `local` (serves the
 * region itself; LQ over local employment).
 *
 * The file format (one row per industry code; read by src/load/cluster-categories.ts):
 *
 *   industry,category,category_name,subcategory,subcategory_name,type
 *   336411,1,Aerospace Vehicles and Defense,1,Aircraft,traded
 *
 * `industry`, `category` and `type` are required; the names and the subcategory are optional. An
 * industry code appears once (it belongs to one category), and every row of a category has the
 * same type and name. Relatedness between categories is an optional second file:
 *
 *   category_a,category_b,relatedness
 *
 * where `relatedness` is an optional number (empty: the pair is simply "related").
 */
import { z } from 'zod';

export const CategoryTypeSchema = z.enum(['traded', 'local']);
export type CategoryType = z.infer<typeof CategoryTypeSchema>;

const code = z.string().trim().min(1).max(64);
const name = z.string().trim().max(200);

export const CategoryRowSchema = z.object({
  industry: code,
  category: code,
  categoryName: name.optional(),
  subcategory: code.optional(),
  subcategoryName: name.optional(),
  type: CategoryTypeSchema,
}).strict();
export type CategoryRow = z.infer<typeof CategoryRowSchema>;

export const RelatednessRowSchema = z.object({
  a: code,
  b: code,
  /** Any finite number (a percentile, a score); absent: the pair is related, without a strength. */
  relatedness: z.number().finite().optional(),
}).strict();
export type RelatednessRow = z.infer<typeof RelatednessRowSchema>;

export interface CategoryInfo {
  code: string;
  name: string;
  type: CategoryType;
  /** Industry codes of the category, in file order. */
  industries: string[];
  /** Subcategory code → name (name = code when the file gives none). */
  subcategories: Record<string, string>;
}

/** A loaded category file: the rows and the categories they define. */
export interface ClusterCategories {
  source: string;
  rows: CategoryRow[];
  categories: CategoryInfo[];
  related: RelatednessRow[];
}

/** Categories of one type, in file order. */
export function categoriesOfType(c: ClusterCategories, type: CategoryType): string[] {
  return c.categories.filter((x) => x.type === type).map((x) => x.code);
}

/** The `groups` selection of the region × industry builders: category code → its industry codes. */
export function categoryGroups(c: ClusterCategories): Record<string, string[]> {
  return Object.fromEntries(c.categories.map((x) => [x.code, x.industries]));
}
