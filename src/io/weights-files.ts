/**
 * GAL and GWT spatial weights files, as written by GeoDa and read by PySAL (`libpysal.io`) and
 * spdep (`read.gal`, `read.gwt2nb`), so users can exchange weights with them.
 *
 * GAL (neighbour lists, binary): a header — either `n` or GeoDa's `0 n <layer> <id field>` —
 * then for each region a line `id k` followed by a line with its k neighbour ids.
 * GWT (weighted links): a header `0 n <layer> <id field>` (the first token is a flag, 0 or 1), then
 * one line `i j w` per link. A GWT file does not list islands: pass `ids` (the regions in data
 * order) so they are kept, otherwise a file naming fewer than n regions is E_PARSE.
 * Parsing is token-based (line breaks inside a neighbour list are tolerated); errors carry
 * `file` and `line`. The pure `parse*`/`format*` functions have no file access; `read`/`write`
 * wrap them with node:fs.
 * References: Anselin (2003) GeoDa 0.9 User's Guide, ch. 18 (GAL/GWT formats),
 * https://geodacenter.github.io/docs/; libpysal.io.iohandlers.gal / gwt.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { InputError } from '../core/errors.js';
import { fromNeighbourLists, type SpatialWeights, type WeightsStyle } from '../data/weights/spatial-weights.js';
import { refuseNonRegular } from './input-file.js';

export interface WeightsFileOptions {
  /** Region ids in data order; the file's regions are mapped onto them (all must be present). */
  ids?: readonly string[];
  /** Style to apply after reading; default 'W' for GAL, 'B' (the file's weights as they are) for GWT. */
  style?: WeightsStyle;
  /** File name for error details. */
  file?: string;
}

interface Token { text: string; line: number }

function tokenize(text: string): Token[][] {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l, i) => l.trim().split(/\s+/).filter(Boolean).map((t) => ({ text: t, line: i + 1 })));
}

function parseCount(fn: string, t: Token | undefined, what: string, file?: string): number {
  const v = t ? Number(t.text) : NaN;
  if (!t || !Number.isInteger(v) || v < 0) throw new InputError('E_PARSE', `${fn}: ${what} must be a non-negative integer, got ${t ? JSON.stringify(t.text) : 'end of file'}`, { file, line: t?.line, value: t?.text });
  return v;
}

function resolveIds(fn: string, fileIds: string[], n: number, options: WeightsFileOptions): { ids: string[]; index: Map<string, number> } {
  const ids = options.ids ? options.ids.slice() : fileIds;
  if (ids.length !== n) throw new InputError('E_PARSE', `${fn}: the header says ${n} regions but ${options.ids ? 'ids has' : 'the file lists'} ${ids.length}`, { file: options.file, value: ids.length });
  const index = new Map(ids.map((id, i) => [id, i]));
  if (index.size !== ids.length) throw new InputError('E_OPTION', `${fn}: ids are not unique`, { field: 'ids' });
  return { ids, index };
}

/** Parse GAL text into weights (base weights 1). */
export function parseGal(text: string, options: WeightsFileOptions = {}): SpatialWeights {
  const FN = 'parseGal';
  const lines = tokenize(text);
  const header = lines.find((l) => l.length > 0) ?? [];
  const n = parseCount(FN, header.length >= 4 ? header[1] : header[0], 'the number of regions in the header', options.file);
  const tokens = lines.slice(lines.indexOf(header) + 1).flat();
  const entries: { id: string; nb: Token[] }[] = [];
  let p = 0;
  while (p < tokens.length) {
    const id = tokens[p++].text;
    const k = parseCount(FN, tokens[p++], `the neighbour count of ${id}`, options.file);
    if (p + k > tokens.length) throw new InputError('E_PARSE', `${FN}: region ${id} announces ${k} neighbours but the file ends first`, { file: options.file, line: tokens[tokens.length - 1]?.line });
    entries.push({ id, nb: tokens.slice(p, p + k) });
    p += k;
  }
  const { ids, index } = resolveIds(FN, entries.map((e) => e.id), n, options);
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  const done = new Set<number>();
  for (const e of entries) {
    const i = index.get(e.id);
    if (i === undefined) throw new InputError('E_PARSE', `${FN}: region ${e.id} is not among the ids`, { file: options.file, value: e.id });
    if (done.has(i)) throw new InputError('E_PARSE', `${FN}: region ${e.id} appears twice`, { file: options.file, value: e.id });
    done.add(i);
    for (const t of e.nb) {
      const j = index.get(t.text);
      if (j === undefined) throw new InputError('E_PARSE', `${FN}: neighbour ${t.text} of ${e.id} is not a region of the file`, { file: options.file, line: t.line, value: t.text });
      neighbours[i].push(j);
    }
  }
  return fromNeighbourLists({ ids, neighbours }, { style: options.style ?? 'W', kind: 'gal', parameters: { file: options.file } });
}

/** Parse GWT text into weights whose base weights are the file's. */
export function parseGwt(text: string, options: WeightsFileOptions = {}): SpatialWeights {
  const FN = 'parseGwt';
  const lines = tokenize(text);
  const h = lines.findIndex((l) => l.length > 0);
  const header = lines[h] ?? [];
  const n = parseCount(FN, header.length >= 2 ? header[1] : header[0], 'the number of regions in the header', options.file);
  const links: { a: Token; b: Token; w: number }[] = [];
  const order: string[] = [];
  const seen = new Set<string>();
  for (const l of lines.slice(h + 1)) {
    if (l.length === 0) continue;
    if (l.length !== 3) throw new InputError('E_PARSE', `${FN}: a link line needs 3 fields "i j w", got ${l.length}`, { file: options.file, line: l[0].line });
    const w = Number(l[2].text);
    if (!Number.isFinite(w)) throw new InputError('E_PARSE', `${FN}: weight ${JSON.stringify(l[2].text)} is not a number`, { file: options.file, line: l[0].line, value: l[2].text });
    links.push({ a: l[0], b: l[1], w });
    for (const t of [l[0], l[1]]) if (!seen.has(t.text)) { seen.add(t.text); order.push(t.text); }
  }
  const { ids, index } = resolveIds(FN, order, n, options);
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  const base: number[][] = Array.from({ length: n }, () => []);
  for (const { a, b, w } of links) {
    const i = index.get(a.text);
    const j = index.get(b.text);
    if (i === undefined || j === undefined) throw new InputError('E_PARSE', `${FN}: region ${i === undefined ? a.text : b.text} is not among the ids`, { file: options.file, line: a.line, value: i === undefined ? a.text : b.text });
    neighbours[i].push(j);
    base[i].push(w);
  }
  return fromNeighbourLists({ ids, neighbours, base }, { style: options.style ?? 'B', kind: 'gwt', parameters: { file: options.file } });
}

/** GAL text in GeoDa's form (header `0 n layer idField`). */
export function formatGal(w: SpatialWeights, options: { layer?: string; idField?: string } = {}): string {
  const out = [`0 ${w.n} ${options.layer ?? 'regions'} ${options.idField ?? 'id'}`];
  for (let i = 0; i < w.n; i++) {
    const nb: string[] = [];
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) nb.push(w.ids[w.neighbors[p]]);
    out.push(`${w.ids[i]} ${nb.length}`, nb.join(' '));
  }
  return `${out.join('\n')}\n`;
}

/** GWT text; by default the base (unstyled) weights, `styled: true` for the styled ones. Shortest round-trip number format. */
export function formatGwt(w: SpatialWeights, options: { layer?: string; idField?: string; styled?: boolean } = {}): string {
  const values = options.styled ?? false ? w.weights : w.base;
  const out = [`0 ${w.n} ${options.layer ?? 'regions'} ${options.idField ?? 'id'}`];
  for (let i = 0; i < w.n; i++) {
    for (let p = w.offsets[i]; p < w.offsets[i + 1]; p++) out.push(`${w.ids[i]} ${w.ids[w.neighbors[p]]} ${values[p]}`);
  }
  return `${out.join('\n')}\n`;
}

function formatOf(path: string): 'gal' | 'gwt' {
  const ext = extname(path).toLowerCase();
  if (ext === '.gal') return 'gal';
  if (ext === '.gwt') return 'gwt';
  throw new InputError('E_FILE', `weights file ${path} must end in .gal or .gwt`, { file: path, value: ext });
}

export function readWeightsFile(path: string, options: Omit<WeightsFileOptions, 'file'> = {}): SpatialWeights {
  const kind = formatOf(path);
  let text: string;
  refuseNonRegular(path, path);
  try { text = readFileSync(path, 'utf8'); } catch (e) {
    throw new InputError('E_FILE', `cannot read weights file ${path}: ${(e as Error).message}`, { file: path });
  }
  return kind === 'gal' ? parseGal(text, { ...options, file: path }) : parseGwt(text, { ...options, file: path });
}

export function writeWeightsFile(path: string, w: SpatialWeights, options: { layer?: string; idField?: string; styled?: boolean } = {}): void {
  writeFileSync(path, formatOf(path) === 'gal' ? formatGal(w, options) : formatGwt(w, options));
}
