/**
 * The diagnosis on a workspace: discover candidates (discover.ts) or take the user's, measure
 * each one's indicators (measure.ts), apply the rules (concepts, stage, radiation, typology) and
 * judge its role in regional development (role.ts). Deterministic: the same workspace and
 * thresholds give the same candidates in the same order with the same verdicts.
 */
import { haversineKm } from '../core/geo/haversine-km.js';
import { InputError } from '../core/errors.js';
import { builtinClassification } from '../model/classifications/builtin.js';
import type { Classification } from '../model/classifications/types.js';
import type { CodeSystem, ExplicitCandidate } from '../model/project.js';
import type { Workspace } from '../store/workspace.js';
import type { CandidatePlace, DiagnosedCandidate } from './candidate.js';
import { resolveThresholds, type Thresholds } from './config.js';
import { loadDiagnosisData, type DiagnosisData } from './data.js';
import { discoverCandidates, type Discovery, type RawCandidate } from './discover.js';
import { hullOf, sortedIndustries } from './discover/firm-sets.js';
import type { ChainKnowledge } from './discover/tie-structure.js';
import { workspaceChainKnowledge } from './chain-knowledge.js';
import { diagnoseIndicators } from './index.js';
import { measureCandidate, measureContext } from './measure.js';
import { roleOf } from './role.js';

export interface DiagnoseWorkspaceOptions {
  /** Seed of the K-density simulations (the rules themselves draw no random numbers). */
  seed?: number;
  /** K-density simulations per candidate industry group (default 0: not measured, EG γ decides). */
  kdSimulations?: number;
  /** Industry groups with more establishments are not K-density tested (default 3000). */
  kdMaxFirms?: number;
  thresholds?: Record<string, unknown>;
  /**
   * An IO table and its industry → sector map, and chain templates: significant industry pairs
   * must then be IO-linked or run downstream in a template (discover/tie-structure.ts). Default:
   * the workspace's own chain templates (none: no such gate); `{}` turns the gate off.
   */
  chainKnowledge?: ChainKnowledge;
  /** Industry code (or prefix) → sector of the workspace's IO table, for the gate (default: sector codes as code prefixes). */
  sectorMap?: ReadonlyMap<string, string>;
  /** The workspace's IO table to gate by when it holds several. */
  ioTable?: string;
  /** Candidates named by the user (the project's `diagnosis.candidates`). */
  candidates?: ExplicitCandidate[];
  /** Discover candidates automatically (default true). */
  discover?: boolean;
  onProgress?: (stage: string, done: number, total: number) => void;
}

export interface DiagnoseWorkspaceResult {
  candidates: DiagnosedCandidate[];
  thresholds: Thresholds;
  discovery: Discovery['stats'] | null;
  currentYear: number;
  warnings: string[];
  /** The gate the tie test used (the development paths reuse it). */
  chainKnowledge?: ChainKnowledge;
}

function explicitCandidate(d: DiagnosisData, spec: ExplicitCandidate, index: number): RawCandidate {
  const where = `diagnosis.candidates[${index}]`;
  let park = -1;
  if (spec.park !== undefined) {
    park = d.parks.id.indexOf(spec.park);
    if (park < 0) throw new InputError('E_OPTION', `${where}.park: no park ${JSON.stringify(spec.park)} in the workspace (parks: ${d.parks.id.slice(0, 10).join(', ') || 'none'})`, { field: 'park', value: spec.park });
  }
  const industryOk = d.industries.map((code) => spec.industries.some((p) => code.startsWith(p)));
  const regionOk = spec.regions ? d.regions.code.map((code) => spec.regions!.some((p) => code.startsWith(p))) : null;
  if (!industryOk.some(Boolean)) throw new InputError('E_OPTION', `${where}.industries: no firm has an industry code starting with ${spec.industries.join(', ')}`, { field: 'industries', value: spec.industries });
  if (regionOk && !regionOk.some(Boolean)) throw new InputError('E_OPTION', `${where}.regions: no region code starts with ${spec.regions!.join(', ')}`, { field: 'regions', value: spec.regions });
  const firms: number[] = [];
  for (let k = 0; k < d.firmCount; k++) {
    if (d.industry[k] < 0 || !industryOk[d.industry[k]] || !d.inArea[k]) continue;
    if (park >= 0 && d.park[k] !== park) continue;
    if (regionOk && (d.region[k] < 0 || !regionOk[d.region[k]])) continue;
    firms.push(k);
  }
  if (firms.length === 0) throw new InputError('E_OPTION', `${where}: no firm of ${spec.industries.join(', ')} in the place given`, { field: 'industries', value: spec.industries });
  return { kind: 'explicit', firms: Int32Array.from(firms), industries: sortedIndustries(d, firms), park, hull: hullOf(d, firms), label: spec.name };
}

/** The shipped code list of the workspace's code system; null (names show codes only) when the system is not one we ship (E_CODE_SYSTEM). */
function classificationOf(system: string | undefined): Classification | null {
  try {
    return builtinClassification((system ?? 'GB/T 4754-2017') as CodeSystem);
  } catch (e) {
    if (e instanceof InputError && e.code === 'E_CODE_SYSTEM') return null;
    throw e;
  }
}

/** "1751, 1752, 5131 (纺织业; 批发业)": the first codes, then the distinct titles the code list knows (divisions for GB/T). */
function industryNames(cls: Classification | null, codes: string[]): { zh: string; en: string } {
  const names = (lang: 'zh' | 'en'): string => {
    const titles: string[] = [];
    for (const code of codes.slice(0, 4)) {
      let entry;
      for (let len = code.length; len >= 1 && entry === undefined; len--) entry = cls?.get(code.slice(0, len));
      const title = entry ? (lang === 'en' ? entry.nameEn ?? entry.name : entry.name) : undefined;
      if (title && !titles.includes(title)) titles.push(title);
    }
    const zh = lang === 'zh';
    const more = codes.length > 4 ? (zh ? `等${codes.length}个行业` : ` and ${codes.length - 4} more`) : '';
    const list = codes.slice(0, 4).join(zh ? '、' : ', ') + more;
    if (titles.length === 0) return list;
    const shown = titles.slice(0, 2).join(zh ? '、' : '; ');
    return zh ? `${list}（${shown}）` : `${list} (${shown})`;
  };
  return { zh: names('zh'), en: names('en') };
}

function placeDescription(d: DiagnosisData, c: RawCandidate, regions: number[]): { zh: string; en: string } {
  if (c.kind === 'park' || (c.kind === 'explicit' && c.park >= 0)) {
    const name = d.parks.name[c.park];
    return { zh: name, en: `park ${d.parks.id[c.park]} (${name})` };
  }
  if (c.kind === 'industry') return { zh: '全国', en: 'nationwide' };
  if (regions.length === 0) return { zh: '未定位', en: 'unlocated' };
  const first = d.regions.name[regions[0]];
  if (regions.length === 1) return { zh: first, en: first };
  return { zh: `${first}等${regions.length}个地区`, en: `${first} and ${regions.length - 1} more regions` };
}

const LEVEL_ZH: Record<string, string> = { class: '小类', group: '中类', division: '大类' };
const KIND_ZH: Record<string, string> = { park: '园区', hotspot: '集聚区', region: '地区', network: '联系网络', industry: '行业', explicit: '指定' };

export async function diagnoseWorkspace(ws: Workspace, options: DiagnoseWorkspaceOptions = {}): Promise<DiagnoseWorkspaceResult> {
  const t = resolveThresholds(options.thresholds ?? {});
  const progress = options.onProgress ?? (() => {});
  progress('load', 0, 1);
  const d = await loadDiagnosisData(ws);
  const warnings: string[] = [];
  if (options.chainKnowledge !== undefined) d.chainKnowledge = options.chainKnowledge;
  else {
    const gate = await workspaceChainKnowledge(ws, { sectorMap: options.sectorMap, ioTable: options.ioTable });
    d.chainKnowledge = gate.knowledge;
    warnings.push(...gate.notes);
  }
  progress('load', 1, 1);
  if (d.unresolvedLinks > 0) warnings.push(`${d.unresolvedLinks} link(s) name a firm or institution that is not in the workspace; they are left out of every tie count`);
  if (d.firmCount === 0) throw new InputError('E_OPTION', 'diagnose: the workspace has no firms (the diagnosis needs firm-level data; regional statistics alone support the `measure` commands)', { field: 'firms', value: 0 });

  const raw: RawCandidate[] = [];
  let stats: Discovery['stats'] | null = null;
  if (options.discover !== false) {
    progress('discover', 0, 1);
    const disc = discoverCandidates(d, t);
    raw.push(...disc.candidates);
    stats = disc.stats;
    progress('discover', 1, 1);
  }
  (options.candidates ?? []).forEach((spec, i) => raw.push(explicitCandidate(d, spec, i)));

  const meta = await ws.all<{ value: string }>("SELECT value FROM meta WHERE key = 'industry_code_system'");
  const cls = classificationOf(meta[0]?.value);
  const ctx = measureContext(d, t, { kdSimulations: options.kdSimulations ?? 0, seed: options.seed ?? 1, kdMaxFirms: options.kdMaxFirms });
  warnings.push(...ctx.notes);
  const out: DiagnosedCandidate[] = [];
  for (let j = 0; j < raw.length; j++) {
    progress('diagnose', j, raw.length);
    const c = raw[j];
    const m = measureCandidate(ctx, c);
    const id = `C${String(j + 1).padStart(2, '0')}`;
    const where = placeDescription(d, c, m.place.regions);
    const what = industryNames(cls, c.industries);
    const name = c.label !== undefined
      ? { zh: c.label, en: c.label }
      : { zh: `${where.zh} · ${what.zh}（${KIND_ZH[c.kind]}${c.level ? `·${LEVEL_ZH[c.level]}` : ''}）`, en: `${where.en} · ${what.en} (${c.kind}${c.level ? `, ${c.level}` : ''})` };
    const diagnosis = diagnoseIndicators(name.en, m.indicators, t);
    const zh = diagnoseIndicators(name.zh, m.indicators, t).sentence.zh;
    diagnosis.sentence = { zh, en: diagnosis.sentence.en };
    diagnosis.concepts.chain.stages = m.chainStages;
    diagnosis.warnings.push(...m.notes.map((note) => `${name.en}: ${note}`));
    const role = await roleOf(ws, ctx, c, m.place, m.indicators, m.institutions.length);
    // place geometry: the centre weighs each firm by its employees, at least 1 (a firm of
    // unknown employment counts as one firm, so that it still has a place on the map)
    let cx = 0, cy = 0, w = 0;
    for (const k of c.firms) {
      if (!Number.isFinite(d.lon[k])) continue;
      const e = Math.max(1, Number.isFinite(d.employees[k]) ? d.employees[k] : 0);
      cx += e * d.lon[k]; cy += e * d.lat[k]; w += e;
    }
    const center: [number, number] | null = w > 0 ? [cx / w, cy / w] : null;
    let radiusKm: number | null = null;
    if (center) {
      const r = Array.from(c.firms).filter((k) => Number.isFinite(d.lon[k])).map((k) => haversineKm(center[0], center[1], d.lon[k], d.lat[k])).sort((a, b) => a - b);
      radiusKm = r.length ? r[Math.floor(0.9 * (r.length - 1))] : null;
    }
    const place: CandidatePlace = {
      kind: c.kind,
      regions: m.place.regions.map((r) => d.regions.code[r]),
      park: c.park >= 0 ? d.parks.id[c.park] : null,
      hull: c.hull ? [...c.hull, c.hull[0]] : null,
      center,
      radiusKm,
    };
    out.push({
      id, name, industries: c.industries, place,
      firms: c.firms.length, employment: m.indicators.employment ?? 0,
      firmIds: Array.from(c.firms, (k) => d.id[k]),
      institutionIds: m.institutions.map((i) => d.institutions.id[i]),
      indicators: m.indicators, diagnosis, role,
    });
    warnings.push(...diagnosis.warnings);
  }
  progress('diagnose', raw.length, raw.length);
  warnings.push(...ctx.kd.notes);
  return { candidates: out, thresholds: t, discovery: stats, currentYear: d.currentYear, warnings, ...(d.chainKnowledge !== undefined ? { chainKnowledge: d.chainKnowledge } : {}) };
}
