/**
 * China's county-level-and-above divisions (GB/T 2260, MCA, as of 2024-12-31) and the 1981–2024
 * code changes, shipped with the package (CC0 1.0; scripts/build-cn-divisions.ts regenerates the
 * data). Level and parent follow from the code: PP0000 province, PPCC00 prefecture, any other
 * code a county whose parent is PPCC00 when that exists, else the province (直辖).
 *
 * `currentDivisions(code)` maps a code of any year (for example positions 3–8 of an older unified
 * social credit code) to today's divisions through the change list: a renamed or merged code
 * follows its successors (recursively); an abolished prefecture without successors follows its
 * former counties. Pure; no I/O.
 */
import { CN_DIVISION_HISTORY, CN_DIVISIONS_2024 } from './cn-divisions-data.js';

export type DivisionLevel = 'province' | 'prefecture' | 'county';

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  /** Parent code ('' for a province). */
  parent: string;
}

/** A record of the change list that is no longer in use. */
export interface HistoricalDivision {
  code: string;
  name: string;
  level: DivisionLevel;
  start: number;
  end: number;
  /** 'abolished' (弃用) or 'changed' (变更: renamed or recoded). */
  status: 'abolished' | 'changed';
  /** Successor codes when the record ended (partial transfers during its life are left out). */
  successors: string[];
}

export interface DivisionTable {
  /** Vintage of the current table. */
  vintage: string;
  byCode: ReadonlyMap<string, Division>;
  all: readonly Division[];
  history: readonly HistoricalDivision[];
  historyByCode: ReadonlyMap<string, readonly HistoricalDivision[]>;
}

const LEVELS: Record<string, DivisionLevel> = { 1: 'province', 2: 'prefecture', 3: 'county' };

let table: DivisionTable | undefined;

/** The shipped table, parsed on first use. */
export function cnDivisions(): DivisionTable {
  if (table) return table;
  const byCode = new Map<string, Division>();
  const lines = CN_DIVISIONS_2024.split('\n');
  const codes = new Set(lines.map((l) => l.slice(0, 6)));
  for (const l of lines) {
    const code = l.slice(0, 6);
    const name = l.slice(7);
    const level: DivisionLevel = code.endsWith('0000') ? 'province' : code.endsWith('00') ? 'prefecture' : 'county';
    const pref = `${code.slice(0, 4)}00`;
    const parent = level === 'province' ? '' : level === 'prefecture' || !codes.has(pref) ? `${code.slice(0, 2)}0000` : pref;
    byCode.set(code, { code, name, level, parent });
  }
  const history: HistoricalDivision[] = CN_DIVISION_HISTORY.split('\n').map((l) => {
    const [code, name, level, start, end, status, succ] = l.split(',');
    return {
      code, name, level: LEVELS[level], start: Number(start), end: Number(end),
      status: status === 'd' ? 'abolished' : 'changed',
      // "130108[2001]" is a part transferred in 2001 while the code lived on: not a successor
      successors: succ ? succ.split(';').filter((s) => !s.includes('[')) : [],
    };
  });
  const historyByCode = new Map<string, HistoricalDivision[]>();
  for (const h of history) {
    const list = historyByCode.get(h.code) ?? [];
    list.push(h);
    historyByCode.set(h.code, list);
  }
  for (const list of historyByCode.values()) list.sort((a, b) => b.end - a.end);
  table = { vintage: '2024-12-31', byCode, all: [...byCode.values()], history, historyByCode };
  return table;
}

export interface CurrentDivisions {
  /** 'current': the code is in use; 'changed': it maps to one current division; 'split': to several; 'unknown'. */
  status: 'current' | 'changed' | 'split' | 'unknown';
  /** Today's divisions the code's area went to. */
  codes: string[];
  /** One code for all of them: the division itself, or the nearest common ancestor of a split ('' if none). */
  code: string;
  /** The historical record followed, for messages. */
  via?: HistoricalDivision;
}

/** The ancestors of a current code, itself first. */
export function lineage(code: string, t: DivisionTable = cnDivisions()): string[] {
  const out: string[] = [];
  for (let c: string | undefined = code; c; c = t.byCode.get(c)?.parent) out.push(c);
  return out;
}

/** Nearest common ancestor of current codes ('' when they lie in different provinces). */
export function commonAncestor(codes: readonly string[], t: DivisionTable = cnDivisions()): string {
  if (codes.length === 0) return '';
  let common = lineage(codes[0], t);
  for (const c of codes.slice(1)) {
    const l = new Set(lineage(c, t));
    common = common.filter((x) => l.has(x));
  }
  return common[0] ?? '';
}

/** Map a division code of any year 1981–2024 to today's divisions. */
export function currentDivisions(code: string, t: DivisionTable = cnDivisions()): CurrentDivisions {
  if (t.byCode.has(code)) return { status: 'current', codes: [code], code };
  const via = t.historyByCode.get(code)?.[0];
  const codes = [...resolve(code, t, new Set())].sort();
  if (codes.length === 0) return { status: 'unknown', codes: [], code: '', ...(via ? { via } : {}) };
  if (codes.length === 1) return { status: 'changed', codes, code: codes[0], ...(via ? { via } : {}) };
  return { status: 'split', codes, code: commonAncestor(codes, t), ...(via ? { via } : {}) };
}

function resolve(code: string, t: DivisionTable, seen: Set<string>): Set<string> {
  const out = new Set<string>();
  if (seen.has(code)) return out;
  seen.add(code);
  if (t.byCode.has(code)) { out.add(code); return out; }
  const rec = t.historyByCode.get(code)?.[0];
  if (!rec) return out;
  let next = rec.successors;
  if (next.length === 0 && rec.level !== 'county') {
    // an abolished prefecture (or province) without successors: follow its counties that ended with it
    const prefix = rec.level === 'province' ? code.slice(0, 2) : code.slice(0, 4);
    next = t.history.filter((h) => h.level === 'county' && h.code.startsWith(prefix) && h.end === rec.end).map((h) => h.code);
  }
  for (const s of next) for (const c of resolve(s, t, seen)) out.add(c);
  return out;
}
