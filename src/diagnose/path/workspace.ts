/**
 * Development paths on a workspace: the trajectories (trajectory.ts) of the candidates a
 * diagnosis found, measured on the same data and thresholds. Firms are read again in columns
 * (data.ts loadDiagnosisData) with the register's status column where the workspace has one
 * (经营状态 closed firms kept at ingest: counted present from founding, since no closure date is
 * recorded).
 */
import { InputError } from '../../core/errors.js';
import type { Workspace } from '../../store/workspace.js';
import type { DiagnosedCandidate } from '../candidate.js';
import { loadDiagnosisData, type DiagnosisData } from '../data.js';
import type { ChainKnowledge } from '../discover/tie-structure.js';
import { workspaceChainKnowledge } from '../chain-knowledge.js';
import type { IndustryLevel, RawCandidate } from '../discover/types.js';
import type { DiagnoseWorkspaceResult } from '../workspace.js';
import { nextSteps, youngPatentedShare, type NextSteps } from './next-step.js';
import { trajectories, type Trajectory, type TrajectoryOptions } from './trajectory.js';

/** A candidate's `path` block: its trajectory and the conditions of its next step. */
export type PathBlock = Trajectory & { nextStep: NextSteps };

export interface PathWorkspaceOptions extends Omit<TrajectoryOptions, 'closed'> {
  chainKnowledge?: ChainKnowledge;
}

const LEVEL: Record<number, IndustryLevel> = { 4: 'class', 3: 'group', 2: 'division' };

/** The candidate as the measurement takes it, from its diagnosed form (firm ids → indices). */
export function rawOf(d: DiagnosisData, c: DiagnosedCandidate, index: Map<string, number>): RawCandidate {
  const firms = Int32Array.from(c.firmIds.map((id) => index.get(id) ?? -1).filter((k) => k >= 0)).sort();
  const level = c.indicators.concentrationLevel === undefined ? undefined : LEVEL[c.indicators.concentrationLevel];
  return {
    kind: c.place.kind, firms, industries: c.industries, park: c.place.park === null ? -1 : d.parks.id.indexOf(c.place.park), hull: null,
    ...(level ? { level } : {}), ...(c.indicators.otherParkFirms !== undefined ? { alsoInPark: c.indicators.otherParkFirms } : {}),
  };
}

/** 1 per firm (the data's order) whose register status is closed; undefined when the workspace has no status column or no closed firm. */
async function closedFirms(ws: Workspace, d: DiagnosisData): Promise<Uint8Array | undefined> {
  const has = await ws.all<{ n: bigint | number }>("SELECT count(*) AS n FROM duckdb_columns() WHERE table_name = 'firms' AND column_name = 'status'");
  if (Number(has[0]?.n ?? 0) === 0) return undefined;
  const rows = await ws.all<{ id: string }>("SELECT id FROM firms WHERE status = 'closed'");
  if (rows.length === 0) return undefined;
  const index = new Map(d.id.map((id, k) => [id, k]));
  const out = new Uint8Array(d.firmCount);
  for (const r of rows) { const k = index.get(r.id); if (k !== undefined) out[k] = 1; }
  return out;
}

/** Trajectories and next steps of the result's candidates, by candidate id. */
export async function workspacePaths(ws: Workspace, result: DiagnoseWorkspaceResult, options: PathWorkspaceOptions = {}): Promise<Map<string, PathBlock>> {
  const d = await loadDiagnosisData(ws);
  // the gate the diagnosis used, so a past year is judged by the same knowledge
  d.chainKnowledge = options.chainKnowledge ?? result.chainKnowledge ?? (await workspaceChainKnowledge(ws)).knowledge;
  for (const y of options.years ?? []) {
    if (!Number.isInteger(y) || y > d.currentYear) throw new InputError('E_OPTION', `--years: ${y} is not a year up to the data's current year ${d.currentYear}`, { field: 'years', value: y });
  }
  const index = new Map(d.id.map((id, k) => [id, k]));
  const closed = await closedFirms(ws, d);
  const list = result.candidates.map((c) => ({ id: c.id, name: c.name.en, raw: rawOf(d, c, index) }));
  const paths = trajectories(d, list, result.thresholds, { ...options, ...(closed ? { closed } : {}) });
  const instIndex = new Map(d.institutions.id.map((id, j) => [id, j]));
  return new Map(result.candidates.map((c, i) => {
    const kinds = [...new Set(c.institutionIds.map((id) => instIndex.get(id)).filter((j): j is number => j !== undefined).map((j) => d.institutions.type[j]))];
    const base = paths[i].snapshots.find((x) => x.firms > 0);
    const nextStep = nextSteps(c.indicators, c.diagnosis, result.thresholds, {
      institutionsPer100Firms: c.role.institutionsPer100Firms, institutionKinds: kinds, baseLq: base?.lq ?? null, baseYear: base?.year ?? null,
      youngPatentedShare: youngPatentedShare(d, list[i].raw.firms),
    });
    return [c.id, { ...paths[i], nextStep }];
  }));
}
