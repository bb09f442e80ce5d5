/**
 * Issue 15: findings must scale to millions. Every finding goes to the workspace's `rejects`
 * table as it is found and `rejects.csv` is written from that table in chunks; only the counts
 * and one example per reason stay in memory. Before, every finding was a JS object in one array
 * (2,000,000 findings: 1.3 GB of JS heap), so a large bad input ran out of memory.
 *
 * The ingest runs in a child process with its JS heap capped at 256 MB: 1,000,000 findings held
 * as objects need about 650 MB, so this fails unless they are streamed. The links file (one
 * unknown link end per row) is generated here.
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

describe('findings streamed', () => {
  it(`${N.toLocaleString('en')} findings in one input with a 256 MB JS heap: every one in rejects.csv and the rejects table, a bounded summary`, async () => {
    const dir = copy();
    const rows = ['source,target,type,value,year'];
    for (let i = 0; i < N; i++) rows.push(`F1,X${i},供货,1,2020`);
    writeFileSync(join(dir, 'links.csv'), `${rows.join('\n')}\n`);
    rows.length = 0;
    const script = join(dir, 'run.mts');
    writeFileSync(script, `
      const { ingest } = await import(${JSON.stringify(join(ROOT, 'src/io/ingest.ts'))});
      const s = await ingest({ project: ${JSON.stringify(join(dir, 'cluster-atlas.json'))}, now: () => new Date('2026-06-01T00:00:00Z') });
      console.log(JSON.stringify({ findings: s.findings, rejectedRows: s.rejectedRows, byReason: s.rejectsByReason, examples: s.examples.length, heap: process.memoryUsage().heapUsed }));
    `);
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', '--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const s = JSON.parse(r.stdout.trim().split('\n').pop()!);
    expect(s).toMatchObject({ findings: N, rejectedRows: N, byReason: { unknown_link_end: N }, examples: 1 });

    // rejects.csv: a header and N lines, in line order; the last names line N + 1
    let count = 0;
    let last = '';
    for await (const line of createInterface({ input: createReadStream(join(dir, '.cluster-atlas', 'rejects.csv')) })) { count++; last = line; }
    expect(count).toBe(N + 1);
    expect(last.endsWith(`links.csv,${N + 1},target,X${N - 1},unknown_link_end,no firm or institution with this id`), last).toBe(true);
    const ws = await openWorkspace(join(dir, '.cluster-atlas', 'workspace.duckdb'));
    const [t] = await ws.all<{ n: number; lines: number }>("SELECT count(*)::BIGINT n, count(DISTINCT line)::BIGINT lines FROM rejects WHERE reason = 'unknown_link_end'");
    ws.close();
    expect(t).toEqual({ n: N, lines: N });
  }, 400_000);
});
