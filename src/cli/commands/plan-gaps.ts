/**
 * `cluster-atlas plan gaps`: chain gap analysis of a place (missing / weak / strong stages) and the
 * ranked stages to attract, each score decomposed, with candidate outside firms.
 */
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../../core/csv.js';
import { InputError } from '../../core/errors.js';
import type { CliContext } from '../output.js';
import { chainStages } from './plan-network.js';

export interface PlanGapsCliOptions {
  project?: string; workspace?: string; place: string; chain?: string; industries?: string;
  size: 'employees' | 'output' | 'revenue' | 'count'; linkWeight: 'value' | 'count';
  weakLq: string; minFirms: string; maxLeakage: string; candidates: string;
  ioTable?: string; sectorMap?: string; io: boolean;
}

/** CSV with columns industry, sector: industry code (or prefix) → IO sector code. */
export function readSectorMap(file: string): Map<string, string> {
  let text: string;
  try { text = readFileSync(file, 'utf8').replace(/^\uFEFF/, ''); } catch { throw new InputError('E_FILE', `--sector-map ${file}: file not found`, { file }); }
  const records = parseCsvRecords(text);
  const head = (records[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
  const ci = head.indexOf('industry'); const cs = head.indexOf('sector');
  if (ci < 0 || cs < 0) throw new InputError('E_MAPPING', `--sector-map ${file}: needs columns industry, sector; header: ${head.join(', ')}`, { file, line: 1, field: ci < 0 ? 'industry' : 'sector' });
  const out = new Map<string, string>();
  for (const { cells, line } of records.slice(1)) {
    const ind = (cells[ci] ?? '').trim(); const sec = (cells[cs] ?? '').trim();
    if (!ind && !sec) continue;
    if (!ind || !sec) throw new InputError('E_PARSE', `--sector-map ${file}:${line}: ${!ind ? 'industry' : 'sector'} is empty`, { file, line, field: !ind ? 'industry' : 'sector', value: '' });
    if (out.has(ind) && out.get(ind) !== sec) throw new InputError('E_PARSE', `${file}:${line}: industry ${ind} is mapped twice (${out.get(ind)}, ${sec})`, { file, line, field: 'industry', value: ind });
    out.set(ind, sec);
  }
  return out;
}

function num(name: string, text: string, check: (v: number) => boolean, what: string): number {
  const v = Number(text);
  if (!(Number.isFinite(v) && check(v))) throw new InputError('E_OPTION', `--${name} must be ${what}, got ${text}`, { field: name, value: text });
  return v;
}

export async function runPlanGaps(ctx: CliContext, o: PlanGapsCliOptions): Promise<Record<string, unknown>> {
  const weakLq = num('weak-lq', o.weakLq, (v) => v >= 0, 'a number ≥ 0');
  const minFirms = num('min-firms', o.minFirms, (v) => Number.isInteger(v) && v >= 1, 'a positive integer');
  const maxLeakage = num('max-leakage', o.maxLeakage, (v) => v >= 0 && v <= 1, 'in [0, 1]');
  const candidates = num('candidates', o.candidates, (v) => Number.isInteger(v) && v >= 0, 'an integer ≥ 0');
  const { parsePlace } = await import('../../load/firm-network.js');
  const place = parsePlace(o.place);
  const sectorMap = o.sectorMap ? readSectorMap(o.sectorMap) : undefined;
  const { resolveWorkspacePath } = await import('./info.js');
  const { openWorkspace } = await import('../../store/workspace.js');
  const { loadGapInputs } = await import('../../load/gap-inputs.js');
  const { chainGaps } = await import('../../plan/gaps/index.js');
  const ws = await openWorkspace(resolveWorkspacePath(o), { readOnly: true });
  let stages; let inputs;
  try {
    stages = await chainStages(ws, o);
    inputs = await loadGapInputs(ws, place, { size: o.size, linkWeight: o.linkWeight, ioTable: o.ioTable, sectorMap, useIo: o.io });
  } finally {
    ws.close();
  }
  const res = chainGaps(inputs.firms, inputs.links, stages.map((s) => ({ ...s, order: s.order ?? 1 })), inputs.io, { weakLq, minFirms, maxLeakage, candidates, center: place.kind === 'radius' ? [place.lon, place.lat] : undefined });
  const clean = (x: number): number | null => (Number.isFinite(x) ? x : null);
  const result = {
    place, chain: o.chain ?? null, size: o.size, linkWeight: o.linkWeight, io: inputs.io ? { table: inputs.io.id, sectorMap: o.sectorMap ?? null } : null,
    ...res.value,
    stages: res.value.stages.map((s) => ({ ...s, lq: clean(s.lq), leakage: clean(s.leakage), shareOfNation: clean(s.shareOfNation) })),
    targets: res.value.targets.map((t) => ({ ...t, score: clean(t.score) })),
    warnings: [...inputs.warnings, ...res.warnings],
  };
  if (ctx.format === 'json') ctx.out(JSON.stringify(result, null, 2));
  else {
    const { renderTable } = await import('../output.js');
    const f = (x: number | null, d = 3): string => (x === null ? '—' : x.toFixed(d));
    ctx.out(renderTable(['stage', 'role', 'firms inside', 'LQ', 'leakage %', 'status', 'why'],
      result.stages.map((s) => [s.id, s.role, s.firmsInside, f(s.lq), s.leakage === null ? '—' : (100 * s.leakage).toFixed(1), s.status, s.reasons.join('; ')]), [false, false, true, true, true, false, false]));
    ctx.out('');
    ctx.out(renderTable(['rank', 'stage', 'status', 'score', 'IO', 'relatedness', 'leakage', 'first candidates (id, km)'],
      result.targets.map((t) => [t.rank, t.stage, t.status, f(t.score), f(t.parts.io?.value ?? null), f(t.parts.relatedness), f(t.parts.leakage),
        t.candidates.slice(0, 3).map((c) => `${c.id}${c.distanceKm === null ? '' : ` ${c.distanceKm.toFixed(0)}`}`).join(', ')]), [true, false, false, true, true, true, true, false]));
    for (const w of result.warnings) if (!ctx.quiet) ctx.err(`warning: ${w}`);
  }
  return result;
}
