/**
 * `cluster-atlas plan gaps`: chain gap analysis of a place (missing / weak / strong stages) and the
 * ranked stages to attract, each score decomposed, with candidate outside firms.
 */
import { InputError } from '../../core/errors.js';
import { readSectorMap } from '../../load/sector-map.js';
import type { CliContext } from '../output.js';
import { chainStages } from './plan-network.js';

export interface PlanGapsCliOptions {
  project?: string; workspace?: string; place: string; chain?: string; industries?: string;
  size: 'employees' | 'output' | 'revenue' | 'count'; linkWeight: 'value' | 'count';
  weakLq: string; minFirms: string; maxLeakage: string; candidates: string;
  ioTable?: string; sectorMap?: string; io: boolean;
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
