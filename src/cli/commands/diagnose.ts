/**
 * `cluster-atlas diagnose`: candidates discovered in (or named for) a workspace, each with its
 * headline label, stage, radiation level, typology and role, the evidence and a sentence.
 * Output: a table with the sentences (default), the full result as JSON (--format json, schema
 * docs/schema/diagnosis.json), a GeoJSON of the candidates (--geojson) and the evidence rows as
 * CSV (--evidence). Files are written to a temporary name and renamed, so a failed run leaves no
 * half-written file.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { csvLine } from '../../core/csv.js';
import { InputError } from '../../core/errors.js';
import type { DiagnosedCandidate } from '../../diagnose/candidate.js';
import type { DiagnoseWorkspaceResult } from '../../diagnose/workspace.js';
import type { DiagnosisOutput } from '../../diagnose/schema.js';
import { SURVIVOR_BIAS } from '../../diagnose/path/trajectory.js';
import type { PathBlock } from '../../diagnose/path/workspace.js';
import type { ExplicitCandidate } from '../../model/project.js';
import { createBar, renderTable, terminalContext, type CliContext } from '../output.js';
import type { Lang } from '../i18n.js';

export interface DiagnoseCliOptions {
  project: string;
  workspace?: string;
  /** clickhouse://… : the tables are on a cluster (copied to a temporary workspace for the diagnosis). */
  engine?: string;
  discover: boolean;
  industries?: string;
  /** Cluster categories to diagnose, each as one industry group (--category), from --categories or the project's categories. */
  category?: string;
  categories?: string;
  regions?: string;
  park?: string;
  name?: string;
  threshold?: string[];
  geojson?: string;
  evidence?: string;
  out?: string;
  kdensity?: string;
  seed?: string;
  /** Industry → IO sector map of the chain gate (else the project's diagnosis.ioSectorMap). */
  sectorMap?: string;
  /** IO table of the chain gate (else the project's diagnosis.ioTable). */
  ioTable?: string;
  /** Reconstruct each candidate's development path (--trajectory), at these years (--years, implies it). */
  trajectory?: boolean;
  years?: string;
}

const LABELS: Record<string, { zh: string; en: string }> = {
  cluster: { zh: '产业集群', en: 'cluster' },
  park_hosting_cluster: { zh: '园区内形成集群', en: 'park hosting a cluster' },
  park_without_cluster: { zh: '园区（未成集群）', en: 'park without a cluster' },
  agglomeration_without_cluster: { zh: '集聚（未成集群）', en: 'agglomeration, not a cluster' },
  chain_without_agglomeration: { zh: '产业链（无集聚）', en: 'chain without agglomeration' },
  concentration_only: { zh: '仅产业集中', en: 'concentration only' },
  none: { zh: '无', en: 'none' },
};
const STAGES: Record<string, { zh: string; en: string }> = {
  concentration: { zh: '集中', en: 'concentration' }, agglomeration: { zh: '集聚', en: 'agglomeration' }, cluster: { zh: '集群', en: 'cluster' },
};
const RADIATION: Record<string, { zh: string; en: string }> = {
  receiving: { zh: '辐射接受中心', en: 'receiving' }, inward: { zh: '向内辐射中心', en: 'inward' }, outward: { zh: '向外辐射中心', en: 'outward' },
};

const TYPOLOGY_ZH: Record<string, string> = {
  'market-led': '市场主导', 'government-led': '政府主导', labour: '劳动密集', resource: '资源密集', technology: '技术密集',
  traditional: '传统产业', 'high-tech': '高新技术', spontaneous: '自发型', 'bottom-up': '自下而上培育', 'top-down': '自上而下推动',
  'large-firm': '大企业主导', SME: '中小企业主导', 'single-leader': '单个龙头带动', imitative: '模仿型', innovative: '创新型',
};

export function labelText(label: string, lang: Lang): string { return LABELS[label]?.[lang] ?? label; }

/** Parse `--threshold name=value` pairs. */
export function parseThresholdFlags(list: string[] | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of list ?? []) {
    const m = /^([A-Za-z0-9]+)=(.+)$/.exec(item);
    if (!m || !Number.isFinite(Number(m[2]))) throw new InputError('E_OPTION', `--threshold must be name=number, got ${JSON.stringify(item)}`, { field: 'threshold', value: item });
    out[m[1]] = Number(m[2]);
  }
  return out;
}

function count(text: string | undefined, name: string, fallback: number): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isInteger(v) || v < 0) throw new InputError('E_OPTION', `--${name} must be an integer ≥ 0, got ${text}`, { field: name, value: text });
  return v;
}

/** JSON has no NaN or Infinity: non-finite numbers become null. */
function finite(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(finite);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, finite(v)]));
  return value;
}

export function diagnosisOutput(result: DiagnoseWorkspaceResult, workspace: string, generator: string, paths?: Map<string, PathBlock>): DiagnosisOutput {
  const candidates = paths === undefined ? result.candidates : result.candidates.map((c) => ({ ...c, path: paths.get(c.id) }));
  return finite({
    version: 1, generator, workspace, currentYear: result.currentYear, thresholds: result.thresholds,
    discovery: result.discovery, candidates, warnings: result.warnings,
  }) as DiagnosisOutput;
}

export function candidatesGeoJson(candidates: DiagnosedCandidate[]): Record<string, unknown> {
  return {
    type: 'FeatureCollection',
    features: candidates.map((c) => ({
      type: 'Feature',
      id: c.id,
      geometry: c.place.hull ? { type: 'Polygon', coordinates: [c.place.hull] } : c.place.center ? { type: 'Point', coordinates: c.place.center } : null,
      properties: finite({
        id: c.id, name_zh: c.name.zh, name_en: c.name.en, kind: c.place.kind, park: c.place.park, regions: c.place.regions.join(';'),
        industries: c.industries.join(';'), firms: c.firms, employment: c.employment,
        label: c.diagnosis.concepts.label, stage: c.diagnosis.stage.stage, radiation: c.diagnosis.radiation.level,
        ...Object.fromEntries(Object.entries(c.diagnosis.typology.typology).map(([k, v]) => [`typology_${k}`, v])),
        pillar: c.role.pillar, lq: c.indicators.lq ?? null, eg_gamma: c.indicators.egGamma ?? null,
        sentence_zh: c.diagnosis.sentence.zh, sentence_en: c.diagnosis.sentence.en,
      }),
    })),
  };
}

export function evidenceCsv(candidates: DiagnosedCandidate[]): string {
  const lines = ['candidate,name,rule,indicator,value,comparison,threshold,threshold_name,pass'];
  for (const c of candidates) {
    for (const r of [...c.diagnosis.evidence, ...c.role.rows]) {
      lines.push(csvLine([c.id, c.name.en, r.rule, r.indicator, r.value, r.comparison, r.threshold, r.thresholdName ?? '', r.pass === null ? '' : r.pass]));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Parse `--years 2005,2010,…`: integer years, at least one. */
export function parseYears(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const years = text.split(',').map((x) => x.trim()).filter(Boolean).map(Number);
  if (years.length === 0 || years.some((y) => !Number.isInteger(y))) throw new InputError('E_OPTION', `--years must be comma-separated years (e.g. 2005,2010,2015), got ${JSON.stringify(text)}`, { field: 'years', value: text });
  return years;
}

function writeAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

export async function runDiagnose(raw: CliContext, opts: DiagnoseCliOptions): Promise<void> {
  const { withEngineWorkspace } = await import('../engine-option.js');
  // with --engine clickhouse://…: the diagnosis runs on a local copy of the cluster's tables
  await withEngineWorkspace(opts, (wsPath) => diagnoseAt(raw, opts, wsPath));
}

/**
 * `--category A,B`: one explicit candidate per cluster category, its industries those the
 * category file lists (a code with its descendants), named "code name"; an unknown code, an empty
 * list, a missing file or a `--name` (a category names itself) is E_OPTION / the loader's error.
 */
async function categoryCandidates(opts: DiagnoseCliOptions, loaded: { project: { categories?: { file: string; related?: string } }; dir: string } | undefined, codes: string[], place: { regions?: string[]; park?: string }): Promise<ExplicitCandidate[]> {
  if (codes.length === 0) throw new InputError('E_OPTION', '--category needs at least one category code', { field: 'category', value: opts.category });
  if (opts.name !== undefined) throw new InputError('E_OPTION', '--name names an --industries candidate; a --category candidate is named after its category', { field: 'name', value: opts.name });
  const { resolve } = await import('node:path');
  const file = opts.categories ?? (loaded?.project.categories ? resolve(loaded.dir, loaded.project.categories.file) : undefined);
  if (file === undefined) throw new InputError('E_OPTION', `--category: give --categories FILE or a "categories" block in the project file${opts.workspace ? ' (with --workspace no project file is read)' : ` (${opts.project})`}`, { field: 'categories', value: null });
  const { readCategoryFile } = await import('../../load/cluster-categories.js');
  const cats = readCategoryFile(file);
  const byCode = new Map(cats.categories.map((c) => [c.code, c]));
  return codes.map((code) => {
    const c = byCode.get(code);
    if (!c) {
      const known = cats.categories.map((x) => x.code);
      throw new InputError('E_OPTION', `--category ${JSON.stringify(code)}: no such category in ${file} (${known.length} categories: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''})`, { file, field: 'category', value: code });
    }
    return { name: `${c.code} ${c.name}`, industries: [...c.industries], regions: place.regions, park: place.park };
  });
}

async function diagnoseAt(raw: CliContext, opts: DiagnoseCliOptions, wsPath: string): Promise<void> {
  const ctx = terminalContext(raw);
  const { loadProject } = await import('../../io/project-file.js');
  const { existsSync } = await import('node:fs');
  const { openWorkspace } = await import('../../store/workspace.js');
  const { diagnoseWorkspace } = await import('../../diagnose/workspace.js');
  const { VERSION } = await import('../../core/version.js');
  if (!existsSync(wsPath)) throw new InputError('E_FILE', `no workspace at ${wsPath}: run \`cluster-atlas ingest\` first`, { file: wsPath });
  const loaded = opts.workspace === undefined && existsSync(opts.project) ? loadProject(opts.project) : undefined;
  const settings = loaded?.project.diagnosis;
  const { readSectorMap } = await import('../../load/sector-map.js');
  const { resolve } = await import('node:path');
  const sectorMap = opts.sectorMap !== undefined ? readSectorMap(opts.sectorMap)
    : settings?.ioSectorMap !== undefined && loaded !== undefined ? readSectorMap(resolve(loaded.dir, settings.ioSectorMap), 'diagnosis.ioSectorMap') : undefined;
  const ioTable = opts.ioTable ?? settings?.ioTable;
  const explicit: ExplicitCandidate[] = [...(settings?.candidates ?? [])];
  const split = (s: string | undefined): string[] | undefined => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter(Boolean));
  if (opts.regions !== undefined && opts.park !== undefined) throw new InputError('E_OPTION', 'give --regions or --park, not both', { field: 'park', value: opts.park });
  if (opts.industries !== undefined && opts.category !== undefined) throw new InputError('E_OPTION', 'give --industries or --category, not both', { field: 'category', value: opts.category });
  if (opts.categories !== undefined && opts.category === undefined) throw new InputError('E_OPTION', '--categories names the category file of --category', { field: 'categories', value: opts.categories });
  if (opts.industries !== undefined) {
    explicit.push({ name: opts.name, industries: split(opts.industries)!, regions: split(opts.regions), park: opts.park });
  } else if (opts.category !== undefined) {
    explicit.push(...await categoryCandidates(opts, loaded, split(opts.category) ?? [], { regions: split(opts.regions), park: opts.park }));
  } else if (opts.regions !== undefined || opts.park !== undefined) {
    throw new InputError('E_OPTION', '--regions and --park name the place of a candidate given by --industries or --category', { field: 'industries', value: undefined });
  }
  const thresholds = { ...(settings?.thresholds ?? {}), ...parseThresholdFlags(opts.threshold) };
  const discover = opts.discover && (settings?.discover ?? true);
  const ws = await openWorkspace(wsPath, { readOnly: true });
  let result: DiagnoseWorkspaceResult;
  let paths: Map<string, PathBlock> | undefined;
  const years = parseYears(opts.years);
  const bar = createBar(ctx, 100, 'diagnose');
  try {
    result = await diagnoseWorkspace(ws, {
      thresholds, candidates: explicit, discover, kdSimulations: count(opts.kdensity, 'kdensity', 0), seed: count(opts.seed, 'seed', 1),
      ...(sectorMap !== undefined ? { sectorMap } : {}), ...(ioTable !== undefined ? { ioTable } : {}),
      onProgress: (stage, done, total) => bar.update(stage === 'diagnose' ? 20 + Math.round((80 * done) / Math.max(1, total)) : stage === 'discover' ? 10 + 10 * done : 5 * done, stage),
    });
    if (opts.trajectory || years !== undefined) {
      const { workspacePaths } = await import('../../diagnose/path/workspace.js');
      paths = await workspacePaths(ws, result, { ...(years ? { years } : {}), kdSimulations: count(opts.kdensity, 'kdensity', 0), seed: count(opts.seed, 'seed', 1) });
    }
  } finally {
    bar.stop();
    ws.close();
  }
  const output = diagnosisOutput(result, wsPath, `cluster-atlas ${VERSION}`, paths);
  if (opts.out) writeAtomic(opts.out, `${JSON.stringify(output, null, 2)}\n`);
  if (opts.geojson) writeAtomic(opts.geojson, `${JSON.stringify(candidatesGeoJson(result.candidates))}\n`);
  if (opts.evidence) writeAtomic(opts.evidence, evidenceCsv(result.candidates));
  if (ctx.format === 'json') {
    ctx.out(JSON.stringify(output, null, 2));
    return;
  }
  const { lang } = ctx;
  const zh = lang === 'zh';
  ctx.out(renderTable(
    zh ? ['编号', '候选', '企业数', '判定', '阶段', '辐射', '类型（机制/要素/产业/形成/企业/创新）'] : ['id', 'candidate', 'firms', 'verdict', 'stage', 'radiation', 'typology (mechanism/factor/industry/formation/structure/innovation)'],
    result.candidates.map((c) => [
      c.id, (zh ? c.name.zh : c.name.en).slice(0, 60), c.firms, labelText(c.diagnosis.concepts.label, lang),
      c.diagnosis.stage.stage ? STAGES[c.diagnosis.stage.stage][lang] : '—',
      c.diagnosis.radiation.level ? RADIATION[c.diagnosis.radiation.level][lang] : '—',
      Object.values(c.diagnosis.typology.typology).map((v) => (v === null ? '—' : zh ? TYPOLOGY_ZH[v] ?? v : v)).join('/'),
    ]),
    [false, false, true, false, false, false, false],
  ));
  ctx.out('');
  for (const c of result.candidates) {
    ctx.out(`${c.id} ${c.diagnosis.sentence[lang]}`);
    ctx.out(`    ${c.role.sentence[lang]}`);
    const path = paths?.get(c.id);
    if (path) {
      const step = (s: PathBlock['snapshots'][number]): string => `${s.year} ${s.stage ? STAGES[s.stage][lang] : '—'}/${s.radiation ? RADIATION[s.radiation][lang] : '—'}`;
      ctx.out(`    ${zh ? '发展路径' : 'path'}: ${path.snapshots.map(step).join(' · ')}`);
      for (const t of path.transitions) ctx.out(`      ${t.sentence[lang]}`);
      ctx.out(`    ${zh ? '下一步' : 'next step'}: ${path.nextStep.stage.sentence[lang]}`);
      if (path.nextStep.radiation.to !== null) ctx.out(`    ${zh ? '辐射' : 'radiation'}: ${path.nextStep.radiation.sentence[lang]}`);
    }
  }
  if (paths && paths.size > 0 && !ctx.quiet) ctx.err(`${SURVIVOR_BIAS[lang].trim()} ${zh ? '（每个候选的说明见 JSON 的 path.caveats）' : '(per candidate: path.caveats in the JSON)'}`);
  if (result.warnings.length && !ctx.quiet) {
    ctx.err(`${zh ? '警告' : 'Warnings'}: ${result.warnings.length}`);
    for (const w of result.warnings.slice(0, 10)) ctx.err(`  ${w}`);
  }
  for (const [flag, file] of [['--out', opts.out], ['--geojson', opts.geojson], ['--evidence', opts.evidence]] as const) {
    if (file && !ctx.quiet) ctx.err(`${flag}: ${relative(process.cwd(), file) || file}`);
  }
}
