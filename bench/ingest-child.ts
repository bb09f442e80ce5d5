/** One side of bench/ingest.ts, in its own process: prints {seconds, maxRssMb, rows} as JSON. */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { ingest } from '../src/io/ingest.js';

async function main(): Promise<void> {
  const [mode, dir] = process.argv.slice(2);
  const started = performance.now();
  let rows = 0;
  if (mode === 'bare') {
    const path = join(dir, 'bare.duckdb');
    rmSync(path, { force: true });
    const db = await DuckDBInstance.create(path);
    const c = await db.connect();
    await c.run(`CREATE TABLE firms AS SELECT * FROM read_csv('${join(dir, 'firms.csv')}')`);
    await c.run('CHECKPOINT');
    rows = Number((await c.runAndReadAll('SELECT count(*) FROM firms')).getRows()[0][0]);
    c.closeSync();
    db.closeSync();
  } else {
    const s = await ingest({ project: join(dir, 'cluster-atlas.json') });
    rows = s.inputs[0].loaded;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024, rows }));
}

main().catch((e) => { console.error(e); process.exit(1); });
