/**
 * Reading a cluster category file and its optional relatedness file (formats in
 * src/model/cluster-categories.ts). UTF-8, UTF-16 or GB18030 text, comma, tab or semicolon
 * delimited. Every data row is either loaded or the whole file is refused with an InputError that
 * names the file, the line, the field and the value — no row is dropped: the result counts the
 * rows read, and `rows.length` equals that count.
 */
import { InputError } from '../core/errors.js';
import {
  CategoryRowSchema, RelatednessRowSchema,
  type CategoryInfo, type CategoryRow, type ClusterCategories, type RelatednessRow,
} from '../model/cluster-categories.js';
import { findColumn, readCsvFile } from './classifications/csv.js';

const WHO = 'categories';

const COLUMNS = {
  industry: ['industry', 'code', 'industry_code', 'naics'],
  category: ['category', 'cluster', 'category_code', 'cluster_code'],
  categoryName: ['category_name', 'cluster_name'],
  subcategory: ['subcategory', 'subcluster', 'subcategory_code', 'subcluster_code'],
  subcategoryName: ['subcategory_name', 'subcluster_name'],
  type: ['type', 'category_type', 'cluster_type'],
} as const;

function columns<K extends string>(header: readonly string[], spec: Record<K, readonly string[]>, required: readonly NoInfer<K>[], file: string, line: number, who: string): Record<K, number> {
  const at = {} as Record<K, number>;
  for (const k of Object.keys(spec) as K[]) at[k] = findColumn(header, spec[k]);
  const missing = required.filter((k) => at[k] < 0);
  if (missing.length) {
    throw new InputError('E_MAPPING', `${who}: ${file}:${line}: no column ${missing.map((k) => spec[k][0]).join(', ')} (columns: ${header.join(', ')})`, { file, line, field: missing[0] });
  }
  return at;
}

function zodFailure(file: string, line: number, who: string, issues: { path: PropertyKey[]; message: string }[], raw: Record<string, unknown>): never {
  const issue = issues[0];
  const field = String(issue.path[0] ?? '');
  const value = raw[field];
  throw new InputError('E_PARSE', `${who}: ${file}:${line}: ${field} ${JSON.stringify(value ?? '')}: ${issue.message}`, { file, line, field, value });
}

/** Read a category file: one row per industry code. */
export function readCategoryFile(path: string, options: { relatedFile?: string } = {}): ClusterCategories & { rowsRead: number } {
  const table = readCsvFile(path, WHO);
  const at = columns(table.header, COLUMNS, ['industry', 'category', 'type'], path, table.headerLine, WHO);
  const rows: CategoryRow[] = [];
  const byIndustry = new Map<string, number>();
  const byCategory = new Map<string, CategoryInfo & { line: number }>();
  for (const rec of table.records) {
    const cell = (k: keyof typeof COLUMNS): string | undefined => {
      const v = at[k] >= 0 ? rec.fields[at[k]]?.trim() : undefined;
      return v === '' ? undefined : v;
    };
    const raw = {
      industry: cell('industry') ?? '', category: cell('category') ?? '', categoryName: cell('categoryName'),
      subcategory: cell('subcategory'), subcategoryName: cell('subcategoryName'), type: (cell('type') ?? '').toLowerCase(),
    };
    for (const k of Object.keys(raw) as (keyof typeof raw)[]) if (raw[k] === undefined) delete raw[k];
    const parsed = CategoryRowSchema.safeParse(raw);
    if (!parsed.success) zodFailure(path, rec.line, WHO, parsed.error.issues, raw);
    const row = parsed.data;
    const seen = byIndustry.get(row.industry);
    if (seen !== undefined) {
      throw new InputError('E_PARSE', `${WHO}: ${path}:${rec.line}: industry ${row.industry} is already in category ${rows[seen].category} (line ${table.records[seen].line}); an industry belongs to one category`, { file: path, line: rec.line, field: 'industry', value: row.industry });
    }
    let cat = byCategory.get(row.category);
    if (!cat) {
      cat = { code: row.category, name: row.categoryName ?? row.category, type: row.type, industries: [], subcategories: {}, line: rec.line };
      byCategory.set(row.category, cat);
    } else if (cat.type !== row.type) {
      throw new InputError('E_PARSE', `${WHO}: ${path}:${rec.line}: category ${row.category} is ${row.type} here but ${cat.type} on line ${cat.line}`, { file: path, line: rec.line, field: 'type', value: row.type });
    } else if (row.categoryName !== undefined && row.categoryName !== cat.name && cat.name !== cat.code) {
      throw new InputError('E_PARSE', `${WHO}: ${path}:${rec.line}: category ${row.category} is named ${JSON.stringify(row.categoryName)} here but ${JSON.stringify(cat.name)} on line ${cat.line}`, { file: path, line: rec.line, field: 'category_name', value: row.categoryName });
    }
    if (row.categoryName !== undefined && cat.name === cat.code) cat.name = row.categoryName;
    cat.industries.push(row.industry);
    if (row.subcategory !== undefined) cat.subcategories[row.subcategory] ??= row.subcategoryName ?? row.subcategory;
    byIndustry.set(row.industry, rows.length);
    rows.push(row);
  }
  if (rows.length === 0) throw new InputError('E_PARSE', `${WHO}: ${path}: no data rows`, { file: path, line: table.headerLine + 1 });
  const categories = [...byCategory.values()].map(({ line: _line, ...c }) => c);
  const related = options.relatedFile ? readRelatedFile(options.relatedFile, new Set(byCategory.keys())) : [];
  return { source: path, rows, categories, related, rowsRead: table.records.length };
}

const RELATED = {
  a: ['category_a', 'cluster_a', 'a', 'category', 'cluster_code'],
  b: ['category_b', 'cluster_b', 'b', 'related', 'related_cluster_code'],
  relatedness: ['relatedness', 'weight', 'score'],
} as const;

/** Read a relatedness file: pairs of categories that must all be in `known`; a pair given twice is an error. */
export function readRelatedFile(path: string, known: ReadonlySet<string>): RelatednessRow[] {
  const who = 'related categories';
  const table = readCsvFile(path, who);
  const at = columns(table.header, RELATED, ['a', 'b'], path, table.headerLine, who);
  const out: RelatednessRow[] = [];
  const pairs = new Map<string, number>();
  for (const rec of table.records) {
    const a = rec.fields[at.a]?.trim() ?? '';
    const b = rec.fields[at.b]?.trim() ?? '';
    const w = at.relatedness >= 0 ? rec.fields[at.relatedness]?.trim() ?? '' : '';
    const raw: Record<string, unknown> = { a, b };
    if (w !== '') raw.relatedness = Number(w);
    const parsed = RelatednessRowSchema.safeParse(raw);
    if (!parsed.success) zodFailure(path, rec.line, who, parsed.error.issues, { a, b, relatedness: w });
    for (const [field, c] of [['category_a', a], ['category_b', b]] as const) {
      if (!known.has(c)) throw new InputError('E_PARSE', `${who}: ${path}:${rec.line}: ${field} ${JSON.stringify(c)} is not a category of the category file`, { file: path, line: rec.line, field, value: c });
    }
    const key = `${a}\u0000${b}`;
    const before = pairs.get(key);
    if (before !== undefined) throw new InputError('E_PARSE', `${who}: ${path}:${rec.line}: the pair ${a}, ${b} is already on line ${before}`, { file: path, line: rec.line, field: 'category_b', value: b });
    pairs.set(key, rec.line);
    out.push(parsed.data);
  }
  return out;
}

/** A CSV of industry,size (e.g. employment by source code, to weight a translation); a bad row names its line. */
export function readSizesFile(path: string): Map<string, number> {
  const who = 'sizes';
  const table = readCsvFile(path, who);
  const at = columns(table.header, { industry: ['industry', 'code', 'from'], size: ['size', 'employment', 'weight'] }, ['industry', 'size'], path, table.headerLine, who);
  const out = new Map<string, number>();
  for (const rec of table.records) {
    const code = rec.fields[at.industry]?.trim() ?? '';
    const raw = rec.fields[at.size]?.trim() ?? '';
    const v = Number(raw);
    if (code === '') throw new InputError('E_PARSE', `${who}: ${path}:${rec.line}: industry is empty`, { file: path, line: rec.line, field: 'industry', value: code });
    if (raw === '' || !Number.isFinite(v) || v < 0) throw new InputError('E_PARSE', `${who}: ${path}:${rec.line}: size must be a non-negative number, got ${JSON.stringify(raw)}`, { file: path, line: rec.line, field: 'size', value: raw });
    if (out.has(code)) throw new InputError('E_PARSE', `${who}: ${path}:${rec.line}: industry ${code} appears twice`, { file: path, line: rec.line, field: 'industry', value: code });
    out.set(code, v);
  }
  return out;
}
