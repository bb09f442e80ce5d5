/**
 * Benchmark of the main job, `analyze` with its defaults (99 K-density simulations, 999 LISA
 * permutations), at the 2,000,000-firm demo scale (issue 15 target: under 3 minutes and 3 GB on
 * this 2-core machine), beside the diagnosis alone on the same workspace in the same run.
 *
 *   npm run bench:analyze                   # scale 100 ≈ 2,046,000 firms
 *   node dist/bench/analyze.js --scale 10   # a quicker look
 *
 * The scenario is generated and ingested once into bench/out/analyze (reused when its seed and
 * scale match). Each side runs in its own child process, so its peak memory (maxRSS, worker
 * threads included) is its own:
 *
 * - `diagnose`: `diagnoseWorkspace` with its defaults (the same call `cluster-atlas diagnose` makes);
 * - `analyze`: the whole main job on the existing workspace — diagnosis, the report's measures
 *   for every reported candidate, and the outputs written (report.html, results.json, layers,
 *   tables) — with its stages timed.
 *
 * No other tool computes this job, so the diagnosis alone is the reference printed beside it:
 * what the report's measures and outputs add on top. Not a test: prints figures, never fails.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { analyze } from '../src/analyze/pipeline.js';
import { diagnoseWorkspace } from '../src/diagnose/workspace.js';
import { ingest } from '../src/io/ingest.js';
import { loadProject } from '../src/io/project-file.js';
import { generateScenario, writeScenario } from '../src/scenario/index.js';
import { openWorkspace } from '../src/store/workspace.js';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SCALE = arg('scale', 100);
const SEED = arg('seed', 42);
const DIR = resolve('bench', 'out', `analyze-${SCALE}`);
const TARGET_S = 180;
const TARGET_MB = 3 * 1024;

interface Side { seconds: number; maxRssMb: number; candidates: number; stages: Record<string, number> }

async function prepare(): Promise<void> {
  const truth = join(DIR, 'truth.json');
  const ws = join(DIR, '.cluster-atlas', 'workspace.duckdb');
  const same = existsSync(truth) && (({ seed, scale }) => seed === SEED && scale === SCALE)(JSON.parse(readFileSync(truth, 'utf8')) as { seed: number; scale: number });
  const t0 = performance.now();
  if (!same) {
    rmSync(DIR, { recursive: true, force: true });
    await writeScenario(generateScenario(SEED, { scale: SCALE }), DIR);
  }
  const t1 = performance.now();
  if (same && existsSync(ws) && await upToDate(ws)) return;
  await ingest({ project: join(DIR, 'cluster-atlas.json') });
  console.log(`prepared the scenario (seed ${SEED}, scale ${SCALE}): ${same ? 'reused' : `generated in ${((t1 - t0) / 1000).toFixed(1)} s`}, ingest ${((performance.now() - t1) / 1000).toFixed(1)} s`);
}

/** Is the workspace the one analyze would reuse (built by this code from this project)? Else analyze would ingest again, inside its timing. */
async function upToDate(path: string): Promise<boolean> {
  const ws = await openWorkspace(path, { readOnly: true }).catch(() => null);
  if (!ws) return false;
  try {
    const meta = await ws.all<{ value: string }>("SELECT value FROM meta WHERE key = 'project'");
    return meta.length > 0 && meta[0].value === JSON.stringify(loadProject(join(DIR, 'cluster-atlas.json')).project);
  } finally {
    ws.close();
  }
}

/** A stage clock: `tick(stage)` closes the running stage and opens the next. */
function stageClock(): { tick: (stage: string) => void; done: () => Record<string, number> } {
  const stages: Record<string, number> = {};
  let current = '';
  let last = performance.now();
  const tick = (stage: string): void => {
    if (stage === current) return;
    const now = performance.now();
    if (current) stages[current] = (stages[current] ?? 0) + (now - last) / 1000;
    current = stage;
    last = now;
  };
  return { tick, done: () => { tick(''); return stages; } };
}

async function runChild(mode: string): Promise<Side> {
  const clock = stageClock();
  const t0 = performance.now();
  let candidates: number;
  if (mode === 'diagnose') {
    const ws = await openWorkspace(join(DIR, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
    try {
      candidates = (await diagnoseWorkspace(ws, { onProgress: (s) => clock.tick(s) })).candidates.length;
    } finally {
      ws.close();
    }
  } else {
    const out = join(DIR, 'report');
    rmSync(out, { recursive: true, force: true });
    const s = await analyze({ project: join(DIR, 'cluster-atlas.json'), out, force: false, onStage: (stage) => clock.tick(stage) }, { diagnose: diagnoseWorkspace });
    if (!s.reused.workspace) throw new Error('bench:analyze expected the prepared workspace to be reused');
    candidates = s.candidates.length;
  }
  return { seconds: (performance.now() - t0) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024, candidates, stages: clock.done() };
}

function child(mode: 'diagnose' | 'analyze'): Side {
  const out = execFileSync(process.execPath, [import.meta.filename, '--child', mode, '--scale', String(SCALE), '--seed', String(SEED)], { encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out.trim().split('\n').pop()!) as Side;
}

const childMode = process.argv.indexOf('--child');
if (childMode >= 0) {
  console.log(JSON.stringify(await runChild(process.argv[childMode + 1])));
} else {
  await prepare();
  const ws = await openWorkspace(join(DIR, '.cluster-atlas', 'workspace.duckdb'), { readOnly: true });
  const [{ firms }] = await ws.all<{ firms: number }>('SELECT count(*) AS firms FROM firms');
  ws.close();
  const d = child('diagnose');
  const a = child('analyze');
  const fmt = (s: Side): string => `${s.seconds.toFixed(1)} s, peak RSS ${s.maxRssMb.toFixed(0)} MB (${Object.entries(s.stages).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ')})`;
  console.log(`analyze ${Number(firms).toLocaleString('en-US')} firms (seed ${SEED}, scale ${SCALE}), defaults: 99 simulations, 999 permutations`);
  console.log(`  cluster-atlas analyze:  ${fmt(a)} → ${a.candidates} candidates in the report`);
  console.log(`  diagnose alone:         ${fmt(d)} → ${d.candidates} candidates`);
  console.log(`  analyze / diagnose:     ${(a.seconds / d.seconds).toFixed(2)}×`);
  console.log(`  target: < ${TARGET_S} s and < ${TARGET_MB} MB → ${a.seconds < TARGET_S && a.maxRssMb < TARGET_MB ? 'met' : 'NOT met'}`);
}
