/**
 * Issue 15: findings must scale to millions. Every finding goes to the workspace's `rejects`
 * table as it is found and `rejects.csv` is written from that table in chunks; only the counts
 * and one example per reason stay in memory. Before, every finding was a JS object in one array
 * (2,000,000 findings: 1.3 GB of JS heap), so a large bad input ran out of memory.
 *
 * The ingest runs in a child process with its JS heap capped at 256 MB: 1,000,000 findings held
 * as objects need about 650 MB, so this fails unless they are streamed. The links files (one
 * unknown link end per row; one extra column per row, which the CSV reader itself rejects) are
 * generated here.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkspace } from '../src/store/workspace.js';
import { fixtureCopies } from './helpers.js';

const copy = fixtureCopies();
const ROOT = join(import.meta.dirname, '..');
const N = 1_000_000;

/** Ingest the fixture with `links` as its links file in a child process with a 256 MB JS heap. */
function ingestCapped(dir: string, links: string[]): { findings: number; rejectedRows: number; byReason: Record<string, number>; examples: number } {
  writeFileSync(join(dir, 'links.csv'), `${links.join('\n')}\n`);
  const script = join(dir, 'run.mts');
  writeFileSync(script, `
    const { ingest } = await import(${JSON.stringify(join(ROOT, 'src/io/ingest.ts'))});
    const s = await ingest({ project: ${JSON.stringify(join(dir, 'cluster-atlas.json'))}, now: () => new Date('2026-06-01T00:00:00Z') });
    console.log(JSON.stringify({ findings: s.findings, rejectedRows: s.rejectedRows, byReason: s.rejectsByReason, examples: s.examples.length }));
  `);
  const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  expect(r.status, r.stderr.slice(-2000)).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** Line count and last line of rejects.csv, read as a stream. */
async function rejectsCsv(dir: string): Promise<{ count: number; last: string }> {
  let count = 0;
  let last = '';
  for await (const line of createInterface({ input: createReadStream(join(dir, '.cluster-atlas', 'rejects.csv')) })) { count++; last = line; }
  return { count, last };
}

describe('findings streamed', () => {
  it(`${N.toLocaleString('en')} findings in one input with a 256 MB JS heap: every one in rejects.csv and the rejects table, a bounded summary`, async () => {
    const dir = copy();
    const rows = ['source,target,type,value,year'];
    for (let i = 0; i < N; i++) rows.push(`F1,X${i},供货,1,2020`);
    const s = ingestCapped(dir, rows);
    rows.length = 0;
    expect(s).toMatchObject({ findings: N, rejectedRows: N, byReason: { unknown_link_end: N }, examples: 1 });
    // rejects.csv: a header and N lines, in line order; the last names line N + 1
    const csv = await rejectsCsv(dir);
    expect(csv.count).toBe(N + 1);
    expect(csv.last.endsWith(`links.csv,${N + 1},target,X${N - 1},unknown_link_end,no firm or institution with this id`), csv.last).toBe(true);
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'));
    const [t] = await ws.all<{ n: number; lines: number }>("SELECT count(*)::BIGINT n, count(DISTINCT line)::BIGINT lines FROM rejects WHERE reason = 'unknown_link_end'");
    ws.close();
    expect(t).toEqual({ n: N, lines: N });
  }, 400_000);

  it(`${N.toLocaleString('en')} records the CSV reader cannot split (malformed_row), with a 256 MB JS heap`, async () => {
    const dir = copy();
    const rows = ['source,target,type,value,year', 'F2,F1,供货,120,2023'];
    for (let i = 0; i < N; i++) rows.push(`F1,F2,供货,1,2020,extra${i}`);
    rows.push('F4,F1,外包,80,2023');
    const s = ingestCapped(dir, rows);
    rows.length = 0;
    expect(s).toMatchObject({ findings: N, rejectedRows: N, byReason: { malformed_row: N }, examples: 1 });
    const csv = await rejectsCsv(dir);
    expect(csv.count).toBe(N + 1);
    expect(csv.last).toContain(`links.csv,${N + 2},,"F1,F2,供货,1,2020,extra${N - 1}",malformed_row,`);
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'));
    const [{ n }] = await ws.all<{ n: number }>('SELECT count(*)::BIGINT n FROM links');
    ws.close();
    expect(n).toBe(2); // the rows before and after all the bad ones
  }, 400_000);
});
