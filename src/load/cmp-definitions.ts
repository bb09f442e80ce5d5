/**
 * The U.S. Cluster Mapping Project's benchmark cluster definitions (Delgado, Porter & Stern 2016)
 * as the user downloads them, converted to a cluster category file (src/model/cluster-categories.ts).
 *
 * Input: a folder (or the definitions CSV itself) holding
 * - the NAICS-2012 definitions: columns naics, cluster_code, cluster_name, subcluster_code,
 *   subcluster_name, type (traded|local) — one row per 6-digit code (`cmp_clusters_naics2012.csv`);
 * - optionally the relatedness between traded clusters, either the 2016 matrix
 *   (`cmp_related_clusters_matrix.csv`: cluster_a, cluster_b, rel_all_90_v3, cr_all_pc — a pair is
 *   related when rel_all_90_v3 = 1, with its combined-relatedness percentile cr_all_pc) or the
 *   2018 API list (`cmp_related_clusters_api2018.csv`: cluster_code, related_cluster_code,
 *   related_percentage). The two vintages differ; one is used, never both.
 *
 * The definitions carry no open licence: Cluster Atlas neither ships nor commits them or anything
 * derived from them; this converter runs on the user's own copy. Every row of the input is either
 * converted or refused with an InputError naming its file, line, field and value.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { csvLine } from '../core/csv.js';
import { findColumn, readCsvFile } from './classifications/csv.js';

export const CMP_FILES = {
  definitions: 'cmp_clusters_naics2012.csv',
  matrix: 'cmp_related_clusters_matrix.csv',
  api: 'cmp_related_clusters_api2018.csv',
} as const;

export type CmpRelated = 'matrix' | 'api' | 'none';

export interface CmpConversion {
  /** The category file's text (header + one line per NAICS code). */
  categories: string;
  /** The relatedness file's text, or null with `related: 'none'`. */
  related: string | null;
  rows: number;
  clusters: { traded: number; local: number };
  pairs: number;
  sources: string[];
}

const WHO = 'categories from-cmp';

function need(header: readonly string[], names: readonly string[], file: string, line: number): number[] {
  const at = names.map((n) => findColumn(header, [n]));
  const missing = names.filter((_, k) => at[k] < 0);
  if (missing.length) throw new InputError('E_MAPPING', `${WHO}: ${file}:${line}: not a CMP definitions file: no column ${missing.join(', ')} (columns: ${header.join(', ')})`, { file, line, field: missing[0] });
  return at;
}

/** Convert the definitions in `input` (a folder or the NAICS-2012 definitions CSV). */
export function convertCmpDefinitions(input: string, related: CmpRelated = 'matrix'): CmpConversion {
  if (!existsSync(input)) throw new InputError('E_FILE', `${WHO}: ${input} does not exist`, { file: input });
  const dir = statSync(input).isDirectory() ? input : join(input, '..');
  const defsFile = statSync(input).isDirectory() ? join(input, CMP_FILES.definitions) : input;
  const t = readCsvFile(defsFile, WHO);
  const [cNaics, cCode, cName, cSub, cSubName, cType] = need(t.header, ['naics', 'cluster_code', 'cluster_name', 'subcluster_code', 'subcluster_name', 'type'], defsFile, t.headerLine);
  const lines = [csvLine(['industry', 'category', 'category_name', 'subcategory', 'subcategory_name', 'type'])];
  const clusters = new Map<string, string>();
  for (const r of t.records) {
    const f = (k: number): string => (r.fields[k] ?? '').trim();
    const naics = f(cNaics);
    if (!/^\d{6}$/.test(naics)) throw new InputError('E_PARSE', `${WHO}: ${defsFile}:${r.line}: naics ${JSON.stringify(naics)} is not a 6-digit NAICS code`, { file: defsFile, line: r.line, field: 'naics', value: naics });
    const code = f(cCode);
    if (!/^\d+$/.test(code)) throw new InputError('E_PARSE', `${WHO}: ${defsFile}:${r.line}: cluster_code ${JSON.stringify(code)} is not a number`, { file: defsFile, line: r.line, field: 'cluster_code', value: code });
    const type = f(cType).toLowerCase();
    if (type !== 'traded' && type !== 'local') throw new InputError('E_PARSE', `${WHO}: ${defsFile}:${r.line}: type ${JSON.stringify(f(cType))} is neither traded nor local`, { file: defsFile, line: r.line, field: 'type', value: f(cType) });
    clusters.set(code, type);
    lines.push(csvLine([naics, code, f(cName), f(cSub), f(cSubName), type]));
  }
  if (t.records.length === 0) throw new InputError('E_PARSE', `${WHO}: ${defsFile}: no data rows`, { file: defsFile, line: t.headerLine + 1 });
  const sources = [defsFile];
  let relText: string | null = null;
  let pairs = 0;
  if (related !== 'none') {
    const file = join(dir, related === 'matrix' ? CMP_FILES.matrix : CMP_FILES.api);
    if (!existsSync(file)) throw new InputError('E_FILE', `${WHO}: ${file} not found (give --related none to convert the definitions without relatedness)`, { file });
    const rt = readCsvFile(file, WHO);
    const cols = related === 'matrix' ? ['cluster_a', 'cluster_b', 'rel_all_90_v3', 'cr_all_pc'] : ['cluster_code', 'related_cluster_code', 'related_percentage'];
    const at = need(rt.header, cols, file, rt.headerLine);
    const out = [csvLine(['category_a', 'category_b', 'relatedness'])];
    for (const r of rt.records) {
      const f = (k: number): string => (r.fields[at[k]] ?? '').trim();
      const a = f(0), b = f(1);
      for (const [field, c] of [[cols[0], a], [cols[1], b]] as const) {
        if (!clusters.has(c)) throw new InputError('E_PARSE', `${WHO}: ${file}:${r.line}: ${field} ${JSON.stringify(c)} is not a cluster of ${defsFile}`, { file, line: r.line, field, value: c });
      }
      if (related === 'matrix') {
        const flag = f(2);
        if (flag !== '0' && flag !== '1') throw new InputError('E_PARSE', `${WHO}: ${file}:${r.line}: rel_all_90_v3 ${JSON.stringify(flag)} is neither 0 nor 1`, { file, line: r.line, field: 'rel_all_90_v3', value: flag });
        if (flag === '0' || a === b) continue; // unrelated pair, or the diagonal
      }
      const w = f(related === 'matrix' ? 3 : 2);
      if (w !== '' && !Number.isFinite(Number(w))) throw new InputError('E_PARSE', `${WHO}: ${file}:${r.line}: ${cols[related === 'matrix' ? 3 : 2]} ${JSON.stringify(w)} is not a number`, { file, line: r.line, field: cols[related === 'matrix' ? 3 : 2], value: w });
      out.push(csvLine([a, b, w]));
      pairs++;
    }
    relText = `${out.join('\n')}\n`;
    sources.push(file);
  }
  const types = [...clusters.values()];
  return {
    categories: `${lines.join('\n')}\n`, related: relText, rows: t.records.length, pairs, sources,
    clusters: { traded: types.filter((x) => x === 'traded').length, local: types.filter((x) => x === 'local').length },
  };
}
