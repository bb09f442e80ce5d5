/**
 * The fields of a Chinese enterprise-register export (企业名录) and how each distinct text of
 * them is judged at ingest: the unified social credit code (validated, its registering
 * authority's division mapped to today's), the address (placed in a division offline), the
 * registered capital with its unit in the cell (500万元人民币, 100万美元) and the operating
 * status (存续/在业 … 注销/吊销). `validate.ts` calls `buildRegisterLookup` for these field
 * types the way it judges industry codes: one verdict per distinct text, in a lookup table.
 *
 * Reasons: invalid_credit_code (rejected, or kept and flagged with register.invalidCreditCode =
 * "flag"), ambiguous_address (flagged: the firm is placed at the candidates' common ancestor),
 * other_currency (flagged: capital left empty), bad_capital (flagged), closed_firm (rejected
 * unless register.closedFirms = "keep"), not_placed (no coordinates, no region, and neither the
 * address nor the credit code gives a division).
 */
import { validateUscc } from '../core/uscc.js';
import { addressMatcher, type AddressMatcher } from '../load/divisions/match-address.js';
import { cnDivisions, currentDivisions } from '../model/divisions/cn-divisions.js';
import type { InputSpec, RegisterSettings } from '../model/project.js';
import { ident, type Workspace } from '../store/workspace.js';
import type { FieldSpec } from './fields.js';
import { parseMoneyUnit, unitFactor, type ParsedUnit } from './units.js';

export const REGISTER_TYPES: ReadonlySet<string> = new Set(['uscc', 'address', 'capital', 'status']);

/**
 * One verdict: the value loaded (or null), a finding (reason, detail) that rejects the row unless
 * `flag`, and for addresses and credit codes the division they place the firm in, its level and
 * the confidence (docs/ingest.md).
 */
export interface RegisterVerdict {
  value: string | null;
  reason: string | null;
  detail: string | null;
  flag: boolean;
  region: string | null;
  level: string | null;
  confidence: string | null;
}

const none = (value: string | null): RegisterVerdict => ({ value, reason: null, detail: null, flag: false, region: null, level: null, confidence: null });

let matcher: AddressMatcher | undefined;

/** `unit`: the column's declared unit (units.registeredCapital), for bare numbers. */
export function judgeRegister(f: FieldSpec, text: string, settings: RegisterSettings, currency: string, unit: ParsedUnit = { factor: 1 }): RegisterVerdict {
  switch (f.type) {
    case 'uscc': return judgeCreditCode(text, settings);
    case 'address': {
      matcher ??= addressMatcher();
      const m = matcher.match(text);
      const place = m.code ? { region: m.code, level: m.level, confidence: m.confidence } : { region: null, level: null, confidence: null };
      // ambiguous: reported (flagged) and placed at the candidates' common ancestor; not placed at
      // all: a finding only if nothing else locates the firm (the not_placed check of validate.ts)
      if (m.ambiguous) return { value: text, reason: 'ambiguous_address', detail: m.note, flag: true, ...place };
      return { value: text, reason: null, detail: m.note, flag: false, ...place };
    }
    case 'capital': return judgeCapital(text, currency, unit);
    case 'status': {
      const v = /注销|吊销|撤销/.test(text) ? 'closed' : /存续|在业|在营|开业|正常|在册|登记成立|active/i.test(text) ? 'active' : 'other';
      if (v === 'closed' && settings.closedFirms === 'exclude') {
        return { ...none(v), reason: 'closed_firm', detail: `经营状态 ${text}: excluded (register.closedFirms: "keep" keeps closed firms)` };
      }
      return none(v);
    }
    default: return none(text);
  }
}

function judgeCreditCode(text: string, settings: RegisterSettings): RegisterVerdict {
  const r = validateUscc(text);
  if (!r.ok) {
    const flag = settings.invalidCreditCode === 'flag';
    return { ...none(null), reason: 'invalid_credit_code', detail: `${r.problem}: ${r.detail}${flag ? ' (kept: register.invalidCreditCode is "flag")' : ''}`, flag };
  }
  const now = currentDivisions(r.division);
  const d = now.code ? cnDivisions().byCode.get(now.code) : undefined;
  const detail = now.status === 'current' ? `authority ${r.division}`
    : now.status === 'unknown' ? `authority ${r.division}: not a division code of 1981–2024`
      : `authority ${r.division}${now.via ? ` ${now.via.name}` : ''} → ${now.codes.join(';')}${now.status === 'split' ? ` (split; placed at ${now.code || 'no common division'})` : ''}`;
  return { ...none(r.code), detail, region: d ? d.code : null, level: d ? d.level : null, confidence: d ? (now.status === 'split' ? 'low' : 'medium') : null };
}

function judgeCapital(text: string, currency: string, declared: ParsedUnit): RegisterVerdict {
  const m = /^([+]?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(.*)$/.exec(text.replace(/\s+/g, ''));
  if (!m) return { ...none(null), reason: 'bad_capital', detail: 'expected a number with an optional unit, e.g. 500万元人民币 (left empty)', flag: true };
  const n = Number(m[1].replace(/,/g, ''));
  const unitText = m[2].replace(/^万元人民币$/, '万元').replace(/^(.*)元?人民币$/, '$1元').replace(/^万$/, '万元');
  const unit = unitText === '' ? declared : parseMoneyUnit(unitText);
  if (!unit) return { ...none(null), reason: 'bad_capital', detail: `unit ${JSON.stringify(m[2])} not understood (left empty)`, flag: true };
  if (unit.currency && unit.currency !== currency) {
    return { ...none(null), reason: 'other_currency', detail: `${unit.currency}, not the project currency ${currency}: Cluster Atlas never converts currencies (left empty)`, flag: true };
  }
  return none(String(n * unit.factor));
}

/**
 * Judge every distinct text of a register field into a TEMP lookup table (raw, value, reason,
 * detail, flag 0/1, region, level, confidence). A bare capital number is in the column's
 * declared unit (units.registeredCapital, e.g. 注册资本(万元)).
 */
export async function buildRegisterLookup(
  ws: Workspace, table: string, f: FieldSpec, distinct: readonly string[], settings: RegisterSettings | undefined, input: InputSpec, currency: string, where: string,
): Promise<void> {
  settings ??= { invalidCreditCode: 'reject', closedFirms: 'exclude', industryNameLevel: 'division' };
  const declared = f.type === 'capital' ? input.units?.[f.name] : undefined;
  // a declared unit in another currency (注册资本(万美元) in a CNY project) flags each value, like one in the cell
  const unit = declared ? parseMoneyUnit(declared) ?? { factor: unitFactor({ ...f, money: true }, declared, currency, where) } : { factor: 1 };
  await ws.run(`CREATE TEMP TABLE ${ident(table)} (raw VARCHAR, value VARCHAR, reason VARCHAR, detail VARCHAR, flag INTEGER, region VARCHAR, level VARCHAR, confidence VARCHAR)`);
  await ws.append(table, ['varchar', 'varchar', 'varchar', 'varchar', 'integer', 'varchar', 'varchar', 'varchar'], distinct.map((v) => {
    const j = judgeRegister(f, v, settings, currency, unit);
    return [v, j.value, j.reason, j.detail, j.flag ? 1 : 0, j.region, j.level, j.confidence];
  }), { temp: true });
}

/**
 * The ingest summary line of a register export's placement: the share of firms placed at each
 * level and how, and those not placed (rejected as not_placed). Undefined when no firm was placed
 * by address or credit code.
 */
export async function placementSummary(ws: Workspace, notPlaced: number): Promise<string | undefined> {
  const rows = await ws.all<{ source: string | null; level: string | null; n: number }>(
    'SELECT place_source AS source, place_level AS level, count(*)::BIGINT AS n FROM firms GROUP BY ALL',
  );
  const byRegister = rows.filter((r) => r.source === 'address' || r.source === 'credit_code');
  if (byRegister.length === 0) return undefined;
  const total = rows.reduce((a, r) => a + Number(r.n), 0) + notPlaced;
  const pct = (n: number): string => `${((100 * n) / total).toFixed(n === 0 || n === total ? 0 : 1)}%`;
  const sum = (f: (r: { source: string | null; level: string | null }) => boolean): number => rows.filter(f).reduce((a, r) => a + Number(r.n), 0);
  const parts = (['county', 'prefecture', 'province'] as const)
    .map((l) => [l, sum((r) => r.level === l)] as const).filter(([, n]) => n > 0).map(([l, n]) => `${pct(n)} at ${l} level`);
  const located = sum((r) => r.source === 'region' || r.source === 'point');
  if (located) parts.push(`${pct(located)} by their own region code or coordinates`);
  const how = `by address ${pct(sum((r) => r.source === 'address'))}, by credit code ${pct(sum((r) => r.source === 'credit_code'))}`;
  return `firms: ${total} firms: ${parts.join(', ')} (${how}); ${notPlaced} (${pct(notPlaced)}) not placed${notPlaced ? ': see rejects (not_placed)' : ''}. Firms placed only at a region have no coordinates: the point-based measures leave them out and say so`;
}
