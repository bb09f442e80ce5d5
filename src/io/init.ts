/**
 * `cluster-atlas init DIR`: guess a project file from the data files in a directory. Each file's
 * header is sniffed (CSV/TSV in UTF-8 or GBK, XLSX, GeoJSON, Parquet, JSON), its kind guessed
 * from its name and its columns, and each column matched to a model field by Chinese and English
 * header names. What could not be mapped is reported, never guessed silently.
 */
import { readdirSync, readFileSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { splitCsvLine } from '../core/csv.js';
import { InputError } from '../core/errors.js';
import type { CodeSystem, InputKind, InputSpec, ProjectInput } from '../model/project.js';
import { openMemory } from '../store/workspace.js';
import { lit } from '../store/workspace.js';
import { detectEncoding, decode } from './encoding.js';
import { KINDS, normaliseHeader, type FieldSpec, type TabularKind } from './fields.js';
import { parseMoneyUnit, parsePeopleUnit } from './units.js';
import { xlsxCellText, xlsxSheets } from './sources/xlsx.js';

export interface SniffedFile {
  file: string;
  format: InputSpec['format'];
  headers: string[];
  encoding?: string;
  geometryType?: string;
  /** A few values of the first data row, by header (for code-system guessing). */
  sample: Record<string, string>;
}

export interface FileGuess {
  file: string;
  kind?: InputKind;
  mapped: Record<string, string>;
  units: Record<string, string>;
  unmappedColumns: string[];
  missingRequired: string[];
}

export interface InitResult {
  project: ProjectInput;
  files: FileGuess[];
  skipped: string[];
  /** A category file (and its relatedness file) found among the files: the project's `categories`. */
  categories?: { file: string; related?: string };
}

/**
 * A CSV whose headers are those of a category file (industry, category, type; src/load/cluster-categories.ts)
 * and whose first row's type is traded or local; and a CSV with category_a and category_b beside
 * it. The first such file in name order; a relatedness file alone is not a category declaration.
 */
function guessCategoryFiles(sniffed: SniffedFile[]): { file: string; related?: string } | undefined {
  const has = (s: SniffedFile, ...names: string[]): boolean => names.every((n) => s.headers.some((h) => normaliseHeader(h) === n));
  const file = sniffed.find((s) => s.format === 'csv' && has(s, 'industry', 'category', 'type') && /^(traded|local)$/i.test(Object.entries(s.sample).find(([h]) => normaliseHeader(h) === 'type')?.[1]?.trim() ?? ''));
  if (!file) return undefined;
  const related = sniffed.find((s) => s.format === 'csv' && s !== file && has(s, 'category_a', 'category_b'));
  return { file: file.file, ...(related ? { related: related.file } : {}) };
}

const NAME_HINTS: [InputKind, RegExp][] = [
  ['links', /link|edge|relation|tie|联系|关系|交易|供应链/i],
  ['institutions', /institution|org|机构|商会|协会/i],
  ['regionalStats', /stat|统计|年鉴/i],
  ['ioTable', /(^|[^a-z])io([^a-z]|$)|input.?output|投入产出/i],
  ['chainTemplates', /chain|template|产业链|价值链/i],
  ['parks', /park|园区|开发区/i],
  ['regions', /region|boundar|county|district|区划|行政区|边界/i],
  ['firms', /firm|establish|compan|enterprise|plant|企业|工厂|单位/i],
];

const FORMATS: Record<string, InputSpec['format']> = {
  '.csv': 'csv', '.txt': 'csv', '.tsv': 'tsv', '.xlsx': 'xlsx', '.parquet': 'parquet', '.geojson': 'geojson', '.json': 'json',
};

function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = Math.min(bytes, statSync(path).size);
    const buf = Buffer.alloc(size);
    readSync(fd, buf, 0, size, 0);
    return buf;
  } finally {
    closeSync(fd);
  }
}

export async function sniffFile(path: string): Promise<SniffedFile | undefined> {
  const format = FORMATS[extname(path).toLowerCase()];
  if (!format) return undefined;
  if (format === 'csv' || format === 'tsv') {
    let head = readHead(path, 256 * 1024);
    const lastNl = head.lastIndexOf(0x0a);
    if (lastNl > 0 && head.length === 256 * 1024) head = head.subarray(0, lastNl + 1);
    const encoding = detectEncoding(head);
    const lines = decode(head, encoding).split(/\r?\n/).filter((l) => l.trim() !== '');
    const first = lines[0] ?? '';
    const delimiter = format === 'tsv' ? '\t' : [',', '\t', ';', '|'].sort((a, b) => first.split(b).length - first.split(a).length)[0];
    const headers = splitCsvLine(first, delimiter);
    const row = splitCsvLine(lines[1] ?? '', delimiter);
    return { file: path, format, headers, encoding, sample: Object.fromEntries(headers.map((h, i) => [h, row[i] ?? ''])) };
  }
  if (format === 'xlsx') {
    let headers: string[] | undefined;
    let sample: Record<string, string> = {};
    try {
      // the capped reader: a truncated workbook or a zip bomb is refused like in ingest
      for await (const sheet of xlsxSheets(path, path)) {
        for await (const row of sheet.rows) {
          const cells = (row.values ?? []).slice(1).map((v) => xlsxCellText(v) ?? '');
          if (!headers) { if (cells.some((c) => c !== '')) headers = cells.map((c) => c.trim()); continue; }
          sample = Object.fromEntries(headers.map((h, i) => [h, cells[i] ?? '']));
          break;
        }
        break;
      }
    } catch (e) {
      if (e instanceof InputError) throw e;
      // the XLSX reader's own errors mean a damaged or non-XLSX file
      throw new InputError('E_PARSE', `${path}: not a readable XLSX workbook: ${(e as Error).message}`, { file: path });
    }
    return { file: path, format, headers: headers ?? [], sample };
  }
  if (format === 'parquet') {
    const ws = await openMemory();
    try {
      const cols = await ws.all<{ column_name: string }>(`DESCRIBE SELECT * FROM read_parquet(${lit(path)})`);
      return { file: path, format, headers: cols.map((c) => c.column_name), sample: {} };
    } catch (e) {
      // DuckDB's read_parquet errors mean a damaged or non-Parquet file
      throw new InputError('E_PARSE', `${path}: not a readable Parquet file: ${(e as Error).message}`, { file: path });
    } finally {
      ws.close();
    }
  }
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(path, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return { file: path, format, headers: [], sample: {} };
  }
  const d = doc as { type?: string; features?: { properties?: Record<string, unknown>; geometry?: { type?: string } }[] };
  if (d?.type === 'FeatureCollection' && Array.isArray(d.features)) {
    const f = d.features[0];
    const headers = Object.keys(f?.properties ?? {});
    return { file: path, format: 'geojson', headers, geometryType: f?.geometry?.type, sample: Object.fromEntries(headers.map((h) => [h, String(f?.properties?.[h] ?? '')])) };
  }
  const list = Array.isArray(doc) ? doc : (doc as { templates?: unknown[] })?.templates;
  const firstRec = Array.isArray(list) ? (list[0] as Record<string, unknown> | undefined) : undefined;
  return { file: path, format: 'json', headers: firstRec ? Object.keys(firstRec) : [], sample: {} };
}

function matchFields(kind: TabularKind, headers: string[]): { mapped: Record<string, string>; units: Record<string, string> } {
  const mapped: Record<string, string> = {};
  const units: Record<string, string> = {};
  const used = new Set<string>();
  for (const f of KINDS[kind].fields) {
    const aliases = new Set(f.aliases.map(normaliseHeader));
    const free = (h: string): boolean => f.shareColumn === true || !used.has(h);
    const header = f.aliasOrder
      ? f.aliases.map(normaliseHeader).map((a) => headers.find((h) => free(h) && normaliseHeader(h) === a)).find((h) => h !== undefined)
      : headers.find((h) => free(h) && aliases.has(normaliseHeader(h)));
    if (!header) continue;
    used.add(header);
    mapped[f.name] = header;
    const unit = /[（(]\s*([^）)]+?)\s*[）)]/.exec(header)?.[1];
    if (unit && unitFits(f, unit)) units[f.name] = unit;
  }
  return { mapped, units };
}

function unitFits(f: FieldSpec, unit: string): boolean {
  return ((f.money === true || f.type === 'capital') && parseMoneyUnit(unit) !== undefined) || (f.people === true && parsePeopleUnit(unit) !== undefined);
}

function guessKind(s: SniffedFile): InputKind | undefined {
  const base = s.file.split(/[\\/]/).pop() ?? '';
  const lower = s.headers.map((h) => normaliseHeader(h));
  if (s.format === 'json' && s.headers.includes('stages')) return 'chainTemplates';
  if (lower.some((h) => /final_?demand|最终使用|最终需求/.test(h)) && lower.some((h) => /total_?output|总产出/.test(h))) return 'ioTable';
  const scores = new Map<InputKind, number>();
  for (const kind of Object.keys(KINDS) as TabularKind[]) {
    const { mapped } = matchFields(kind, s.headers);
    const required = KINDS[kind].fields.filter((f) => f.required);
    const haveRequired = required.every((f) => mapped[f.name]);
    scores.set(kind, Object.keys(mapped).length + (haveRequired ? 2 : -5));
  }
  if (s.geometryType === 'Polygon' || s.geometryType === 'MultiPolygon') {
    scores.set('regions', (scores.get('regions') ?? 0) + 6);
    scores.set('parks', (scores.get('parks') ?? 0) + 5);
  }
  for (const [kind, re] of NAME_HINTS) {
    // an IO table has a sector column, two or more sector columns and a total: a two-column
    // industry → sector map (io_sector_map.csv, an option of plan gaps) is not one
    if (kind === 'ioTable' && s.headers.length < 4) continue;
    if (re.test(base)) scores.set(kind, (scores.get(kind) ?? 0) + 4);
  }
  const best = [...scores.entries()].sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 2 ? best[0] : undefined;
}

function guessCodeSystem(files: SniffedFile[]): CodeSystem {
  const headers = files.flatMap((f) => f.headers.map((h) => h.toLowerCase()));
  if (headers.some((h) => h.includes('naics'))) return 'NAICS 2017';
  if (headers.some((h) => h.includes('nace'))) return 'NACE Rev.2';
  if (headers.some((h) => h.includes('isic'))) return 'ISIC Rev.4';
  if (headers.some((h) => /[\u4e00-\u9fff]/.test(h))) return 'GB/T 4754-2017';
  const samples = files.flatMap((f) => Object.entries(f.sample).filter(([h]) => /industry|sector|code/i.test(h)).map(([, v]) => v));
  if (samples.some((v) => /^\d{6}$/.test(v))) return 'NAICS 2017';
  return 'GB/T 4754-2017';
}

export async function guessProject(dir: string, options: { codeSystem?: CodeSystem } = {}): Promise<InitResult> {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    throw new InputError('E_FILE', `${dir}: not a readable directory`, { file: dir });
  }
  const sniffed: SniffedFile[] = [];
  const skipped: string[] = [];
  for (const name of names) {
    if (name === 'cluster-atlas.json' || name.startsWith('.') || name === 'truth.json' || name === 'rejects.csv') continue;
    // a file that cannot be read as its extension says is listed as skipped; anything else is a bug
    const s = await sniffFile(join(dir, name)).catch((e: unknown) => { if (e instanceof InputError) return undefined; throw e; });
    if (s) sniffed.push({ ...s, file: name });
    else if (FORMATS[extname(name).toLowerCase()]) skipped.push(name);
  }
  const inputs: Partial<Record<InputKind, InputSpec>> = {};
  const files: FileGuess[] = [];
  // cluster categories (industry, category, type) and their relatedness (category_a, category_b): the project's `categories`, not inputs
  const categoryFiles = guessCategoryFiles(sniffed);
  for (const s of sniffed) {
    if (s.file === categoryFiles?.file || s.file === categoryFiles?.related) continue;
    const kind = guessKind(s);
    if (!kind || inputs[kind]) {
      skipped.push(s.file);
      continue;
    }
    if (kind === 'ioTable' || kind === 'chainTemplates') {
      inputs[kind] = { file: s.file, format: s.format, encoding: 'auto', columns: {} };
      files.push({ file: s.file, kind, mapped: {}, units: {}, unmappedColumns: [], missingRequired: [] });
      continue;
    }
    const { mapped, units } = matchFields(kind, s.headers);
    const spec: InputSpec = { file: s.file, format: s.format, encoding: s.encoding === 'gb18030' ? 'gbk' : 'auto', columns: mapped };
    if (Object.keys(units).length) spec.units = units;
    inputs[kind] = spec;
    const usedCols = new Set(Object.values(mapped));
    files.push({
      file: s.file, kind, mapped, units,
      unmappedColumns: s.headers.filter((h) => !usedCols.has(h)),
      missingRequired: KINDS[kind as TabularKind].fields.filter((f) => f.required && !mapped[f.name]).map((f) => f.name),
    });
  }
  if (!inputs.firms && !inputs.regionalStats) {
    throw new InputError('E_FILE', `${dir}: found no file that looks like a firm/establishment table (needs an id and an industry code column) or regional statistics; files seen: ${names.join(', ') || '(none)'}`, { file: dir });
  }
  const project: ProjectInput = {
    version: 1,
    name: dir.split(/[\\/]/).filter(Boolean).pop(),
    industryCodeSystem: options.codeSystem ?? guessCodeSystem(sniffed),
    crs: 'WGS84',
    currency: 'CNY',
    workspace: '.cluster-atlas/workspace.duckdb',
    inputs: inputs as ProjectInput['inputs'],
    ...(categoryFiles ? { categories: categoryFiles } : {}),
  };
  return { project, files, skipped, ...(categoryFiles ? { categories: categoryFiles } : {}) };
}
