/**
 * Load a user's code list (typically the full GB/T 4754-2017 or NAICS list, down to class /
 * national industry) from CSV and merge it over the shipped list of the system.
 *
 * File: CSV, UTF-8 (BOM optional) or GB18030/GBK (detected: bytes that are not valid UTF-8 are
 * read as GB18030). Header columns, matched case-insensitively, extra columns ignored:
 *   code      (also: 代码, 行业代码, 类别代码)          required
 *   name      (also: title, 名称, 行业名称, 类别名称)    required, non-empty
 *   name_en   (also: english_name, 英文名称)            optional
 *   level     (also: 层级, 级别)  1-based number or level name ('division', '大类')   optional
 *   parent    (also: 上级代码, 父代码)                  optional
 * Codes are normalised as `Classification.normalize` does ('C1811' → '1811'; NAICS '31' → '31-33').
 * When given, level and parent must agree with the code's shape and the section map.
 *
 * Merge: a file row replaces the shipped entry with the same code (its English title is kept
 * when the file has none, for GB/T); ancestors that a listed code implies but the file omits
 * (GB/T groups with a single class often appear only through their class) are added with
 * `implied: true`. The result is `complete` when the merged tree reaches the deepest level of the
 * system in every branch (every listed code above the deepest level has a listed child), unless
 * `options.complete` says otherwise.
 *
 * Errors (InputError, details carry file/line/field/value): E_FILE unreadable file; E_PARSE
 * missing code/name column, empty code or name, duplicate code (details.firstLine), level or
 * parent that contradicts the code, malformed CSV; E_CODE_SYSTEM a code impossible in the system
 * or an unknown system. Time O(rows · levels).
 *
 * @example
 *   const gbt = loadClassificationFile('gbt4754_2017_codes.csv', 'GB/T 4754-2017');
 *   gbt.complete            // true for a full list (every branch down to 小类)
 *   gbt.validate('1819')    // { ok: false, reason: 'unknown_code', … } — group 181 has no class 1819
 */
import { InputError } from '../../core/errors.js';
import type { CodeSystem } from '../../model/project.js';
import { builtinList, unknownSystem } from '../../model/classifications/builtin.js';
import { makeClassification } from '../../model/classifications/classification.js';
import { findColumn, readCsvFile } from './csv.js';
import { schemeOf } from '../../model/classifications/schemes.js';
import type { Classification, IndustryCode } from '../../model/classifications/types.js';

export interface LoadClassificationOptions {
  /** Override the detected completeness (e.g. `false` for a list you know has gaps). */
  complete?: boolean;
}

const WHO = 'loadClassificationFile';

export const CLASSIFICATION_COLUMNS = {
  code: ['code', '代码', '行业代码', '类别代码'],
  name: ['name', 'title', '名称', '行业名称', '类别名称'],
  name_en: ['name_en', 'english_name', 'name_english', '英文名称'],
  level: ['level', '层级', '级别'],
  parent: ['parent', 'parent_code', '上级代码', '父代码'],
} as const;

export function loadClassificationFile(
  path: string,
  system: CodeSystem,
  options: LoadClassificationOptions = {},
): Classification {
  const scheme = schemeOf(system);
  if (scheme === undefined) throw unknownSystem(system);
  const table = readCsvFile(path, WHO);
  const col = {
    code: findColumn(table.header, CLASSIFICATION_COLUMNS.code),
    name: findColumn(table.header, CLASSIFICATION_COLUMNS.name),
    nameEn: findColumn(table.header, CLASSIFICATION_COLUMNS.name_en),
    level: findColumn(table.header, CLASSIFICATION_COLUMNS.level),
    parent: findColumn(table.header, CLASSIFICATION_COLUMNS.parent),
  };
  for (const field of ['code', 'name'] as const) {
    if (col[field] < 0) {
      throw new InputError(
        'E_PARSE',
        `${WHO}: ${path}:${table.headerLine}: no "${field}" column (accepted headers: ${CLASSIFICATION_COLUMNS[field].join(', ')}); the header is ${table.header.join(',')}`,
        { file: path, line: table.headerLine, field, value: table.header },
      );
    }
  }

  const { entries: shipped, top } = builtinList(system);
  const merged = new Map<string, IndustryCode>(shipped.map((e) => [e.code, e]));
  const englishStandard = system !== 'GB/T 4754-2017';
  const topOf = (prefix: string) => top.get(prefix);
  const fail = (line: number, field: string, value: unknown, message: string, extra: Record<string, unknown> = {}) =>
    new InputError('E_PARSE', `${WHO}: ${path}:${line}: ${message}`, { file: path, line, field, value, ...extra });

  const firstLine = new Map<string, number>();
  const fileEntries: Array<{ line: number; entry: IndustryCode; parentGiven?: string }> = [];
  for (const { line, fields } of table.records) {
    const rawCode = fields[col.code].trim();
    if (rawCode === '') throw fail(line, 'code', fields[col.code], 'empty code');
    const parsed = scheme.parse(rawCode, topOf);
    if ('error' in parsed) {
      throw new InputError('E_CODE_SYSTEM', `${WHO}: ${path}:${line}: ${parsed.error}`, {
        file: path,
        line,
        field: 'code',
        value: rawCode,
      });
    }
    const { code, level } = parsed;
    const seen = firstLine.get(code);
    if (seen !== undefined) {
      throw fail(line, 'code', rawCode, `duplicate code ${code} (first on line ${seen})`, { firstLine: seen });
    }
    firstLine.set(code, line);
    const name = fields[col.name].trim();
    if (name === '') throw fail(line, 'name', fields[col.name], `empty name for code ${code}`);

    if (col.level >= 0) {
      const rawLevel = fields[col.level].trim();
      if (rawLevel !== '') {
        const n = /^\d+$/.test(rawLevel) ? scheme.levelNumber(Number(rawLevel)) : scheme.levelNumber(rawLevel);
        if (n !== level) {
          throw fail(line, 'level', rawLevel, `level ${rawLevel} contradicts code ${code}, which is a ${scheme.levels[level - 1]} (level ${level})`, {
            expected: level,
          });
        }
      }
    }
    let parentGiven: string | undefined;
    if (col.parent >= 0) {
      const rawParent = fields[col.parent].trim();
      if (rawParent !== '') {
        const p = scheme.parse(rawParent, topOf);
        if ('error' in p || p.level !== level - 1) {
          throw fail(line, 'parent', rawParent, `parent ${rawParent} is not a ${scheme.levels[level - 2] ?? 'code one level up'} code`);
        }
        parentGiven = p.code;
      }
    }
    const nameEnRaw = col.nameEn >= 0 ? fields[col.nameEn].trim() : '';
    const before = merged.get(code);
    const nameEn = nameEnRaw !== '' ? nameEnRaw : englishStandard ? name : before?.nameEn;
    const entry: IndustryCode = { code, level, levelName: scheme.levels[level - 1], name };
    if (nameEn !== undefined) entry.nameEn = nameEn;
    fileEntries.push({ line, entry, parentGiven });
  }

  // A division / subsector the shipped list does not know may bring its section via `parent`.
  for (const { line, entry, parentGiven } of fileEntries) {
    if (entry.level !== 2 || parentGiven === undefined) continue;
    const prefix = entry.code.slice(0, 2);
    const known = top.get(prefix);
    if (known === undefined) top.set(prefix, parentGiven);
    else if (known !== parentGiven) {
      throw fail(line, 'parent', parentGiven, `parent ${parentGiven} contradicts ${system}: ${entry.code} belongs to ${known}`, {
        expected: known,
      });
    }
  }
  for (const { line, entry, parentGiven } of fileEntries) {
    const parent = entry.level > 1 ? scheme.ancestor(entry.code, entry.level, entry.level - 1, topOf) : undefined;
    if (parentGiven !== undefined && parent !== undefined && parentGiven !== parent) {
      throw fail(line, 'parent', parentGiven, `parent ${parentGiven} contradicts code ${entry.code}, whose parent is ${parent}`, {
        expected: parent,
      });
    }
    if (parent !== undefined) entry.parent = parent;
    merged.set(entry.code, entry);
  }

  // Ancestors implied by listed codes.
  const children = new Map<string, IndustryCode[]>();
  for (const e of [...merged.values()].sort((a, b) => b.level - a.level)) {
    for (let child = e; child.parent !== undefined; ) {
      let kids = children.get(child.parent);
      if (kids === undefined) children.set(child.parent, (kids = []));
      if (!kids.includes(child)) kids.push(child);
      const existing = merged.get(child.parent);
      if (existing !== undefined) break;
      const level = child.level - 1;
      const implied: IndustryCode = {
        code: child.parent,
        level,
        levelName: scheme.levels[level - 1],
        name: '',
        implied: true,
      };
      const up = level > 1 ? scheme.ancestor(child.parent, level, level - 1, topOf) : undefined;
      if (up !== undefined) implied.parent = up;
      merged.set(implied.code, implied);
      child = implied;
    }
  }
  for (const e of merged.values()) {
    if (!e.implied) continue;
    const kids = children.get(e.code) ?? [];
    // A single child carries the group's title in GB/T and NAICS (0190 其他农业 under 019 其他农业).
    if (kids.length === 1 && kids[0].name !== '') {
      e.name = kids[0].name;
      if (kids[0].nameEn !== undefined) e.nameEn = kids[0].nameEn;
    } else e.name = `${e.levelName} ${e.code}`;
  }

  const deepest = scheme.levels.length;
  const detectedComplete =
    [...merged.values()].some((e) => e.level === deepest) &&
    [...merged.values()].every((e) => e.level === deepest || children.has(e.code));
  return makeClassification({
    scheme,
    entries: [...merged.values()],
    top,
    complete: options.complete ?? detectedComplete,
  });
}
