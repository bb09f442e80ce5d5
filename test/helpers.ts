import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FIXTURE_DIR = join(import.meta.dirname, 'fixtures', 'ingest');
export const NOW = () => new Date('2026-06-01T00:00:00Z');

/** A fresh copy of the ingest fixture project in a temp dir. */
export function fixtureCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-test-'));
  cpSync(FIXTURE_DIR, dir, { recursive: true });
  return dir;
}

/** `copy()` gives a fresh copy of the ingest fixture project; every copy is removed after the file's tests. */
export function fixtureCopies(): () => string {
  const dirs: string[] = [];
  afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });
  return () => { const d = fixtureCopy(); dirs.push(d); return d; };
}

/** Replace 1-based line `line` of a text file (or append when line = count + 1). */
export function setLine(path: string, line: number, text: string): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines[line - 1] = text;
  writeFileSync(path, `${lines.join('\n')}\n`);
}

export function editJson(path: string, edit: (doc: any) => void): void {
  const doc = JSON.parse(readFileSync(path, 'utf8'));
  edit(doc);
  writeFileSync(path, JSON.stringify(doc, null, 2));
}

/** Parse rejects.csv (BOM, quoted cells). */
export function readRejectsCsv(path: string): Record<string, string>[] {
  const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let q = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (q) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') q = false; else cell += ch;
    } else if (ch === '"') q = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; }
    else cell += ch;
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i] ?? ''])));
}

/** The built command line (bin → dist); tests that spawn it need `npm run build` first (npm test does it). */
export const BIN = join(import.meta.dirname, '..', 'bin', 'cluster-atlas.js');

/** Fail early, with the fix, when dist/ has not been built. */
export function requireBuild(): void {
  if (!existsSync(join(import.meta.dirname, '..', 'dist', 'src', 'cli', 'main.js'))) throw new Error('dist/ is missing: run `npm run build` (npm test does it)');
}

/** The demo scenario written and ingested in a fresh temp dir. */
export async function demoWorkspace(seed: number, scale: number, prefix: string): Promise<string> {
  const { writeScenario, generateScenario } = await import('../src/scenario/index.js');
  const { ingest } = await import('../src/io/ingest.js');
  const dir = mkdtempSync(join(tmpdir(), prefix));
  await writeScenario(generateScenario(seed, { scale }), dir);
  await ingest({ project: join(dir, 'cluster-atlas.json') });
  return dir;
}

/** Run the command line in `cwd`; exit code, stdout, stderr. */
export function runCli(cwd: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run `plan <argv…>` in-process through the planning registrar with a captured context. */
export async function runPlan(argv: string[], format: 'json' | 'table' = 'json'): Promise<{ out: string; err: string }> {
  const { Command } = await import('commander');
  const { registerPlanWorkspaceCommands } = await import('../src/cli/commands/plan-commands.js');
  const out: string[] = [];
  const err: string[] = [];
  const ctx = { lang: 'en' as const, format, quiet: false, out: (s: string) => out.push(s), err: (s: string) => err.push(s), progress: false };
  const program = new Command('cluster-atlas').exitOverride();
  registerPlanWorkspaceCommands(program.command('plan').exitOverride(), () => ctx);
  await program.parseAsync(['node', 'cluster-atlas', 'plan', ...argv]);
  return { out: out.join('\n'), err: err.join('\n') };
}
