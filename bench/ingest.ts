/**
 * Benchmark: ingest of a 1,000,000-firm CSV, beside DuckDB's bare `read_csv` of the same file
 * into a table, in the same run. Each side runs in its own child process so that peak memory
 * (max RSS) is measured per side.
 *
 *   npm run bench:ingest                 # 1,000,000 firms
 *   npm run bench:ingest -- --rows 200000
 *   npm run bench:ingest -- --industry-names   # two thirds of the industry cells as GB/T titles (纺织业, C17 纺织业)
 *
 * Target (issue 2): validation costs at most 1.5× the bare read; peak memory under 2 GB.
 * Not a test: it prints figures and never fails on them.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createRng } from '../src/core/rng.js';
import { GBT_DIVISIONS } from '../src/model/classifications/gbt4754-2017.js';

const HEADER = '企业代码,企业名称,行业代码,经度,纬度,区划代码,从业人员,营业收入(万元),成立年份,所有制,专利数';
const INDUSTRIES = ['1811', '1819', '1951', '1952', '3823', '3824', '3525', '1713', '1752', '1910', '3851', '3852', '3971', '2822', '1351', '1353', '0313', '1320', '5810', '5223'];
const OWNERSHIP = ['本地', '本地', '本地', '外地', '外资', '国有'];

/** A deterministic firms CSV with a realistic mix of columns and ~0.1% bad rows. */
async function writeFirms(path: string, rows: number, seed: number, names = false): Promise<void> {
  const rng = createRng(seed);
  const title = new Map(GBT_DIVISIONS.map((d) => [d[0], d[1]]));
  // --industry-names: a third of the cells a bare division title, a third code-prefixed, a third the class code
  const industry = (code: string): string => {
    if (!names) return code;
    const u = rng.next();
    const t = title.get(code.slice(0, 2))!;
    return u < 1 / 3 ? t : u < 2 / 3 ? `"${code.slice(0, 2)} ${t}"` : code;
  };
  const out = createWriteStream(path);
  const write = (s: string): Promise<void> => new Promise((res) => { if (out.write(s)) res(); else out.once('drain', () => res()); });
  await write(`${HEADER}\n`);
  let chunk: string[] = [];
  for (let i = 0; i < rows; i++) {
    const bad = rng.next() < 0.001;
    const lon = (118 + rng.next() * 4).toFixed(5);
    const lat = (28 + rng.next() * 3).toFixed(5);
    const emp = bad ? '约200人' : String(1 + Math.floor(Math.exp(rng.normal() * 1.2 + 3)));
    chunk.push([`F${String(i).padStart(7, '0')}`, `企业${i}`, industry(INDUSTRIES[rng.int(INDUSTRIES.length)]), lon, lat, `3300${String(1 + rng.int(90)).padStart(2, '0')}`,
      emp, (rng.next() * 50000).toFixed(1), String(1980 + rng.int(45)), OWNERSHIP[rng.int(OWNERSHIP.length)], String(rng.int(20))].join(','));
    if (chunk.length === 10000) { await write(`${chunk.join('\n')}\n`); chunk = []; }
  }
  if (chunk.length) await write(`${chunk.join('\n')}\n`);
  await new Promise<void>((res) => out.end(() => res()));
}

function project(dir: string): void {
  const columns = { id: '企业代码', name: '企业名称', industry: '行业代码', lon: '经度', lat: '纬度', region: '区划代码', employees: '从业人员', revenue: '营业收入(万元)', founded: '成立年份', ownership: '所有制', patents: '专利数' };
  writeFileSync(join(dir, 'cluster-atlas.json'), JSON.stringify({
    version: 1, industryCodeSystem: 'GB/T 4754-2017', crs: 'WGS84', workspace: 'ws/workspace.duckdb',
    inputs: { firms: { file: 'firms.csv', columns, units: { revenue: '万元' } } },
  }, null, 2));
}

interface ChildResult { seconds: number; maxRssMb: number; rows: number }

function child(mode: 'bare' | 'atlas', dir: string): ChildResult {
  const out = execFileSync(process.execPath, [join(import.meta.dirname, 'ingest-child.js'), mode, dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rows = Number(args[args.indexOf('--rows') + 1] ?? NaN) || 1_000_000;
  const repeats = Number(args[args.indexOf('--repeats') + 1] ?? NaN) || 3;
  const names = args.includes('--industry-names');
  const dir = resolve('bench', 'out', `ingest-${rows}${names ? '-names' : ''}`);
  mkdirSync(dir, { recursive: true });
  const csv = join(dir, 'firms.csv');
  if (!existsSync(csv)) {
    process.stderr.write(`writing ${rows.toLocaleString()} firms to ${csv}…\n`);
    await writeFirms(csv, rows, 20261127, names);
  }
  project(dir);
  const mb = statSync(csv).size / 1e6;
  process.stderr.write(`file: ${mb.toFixed(0)} MB, ${rows.toLocaleString()} rows; ${repeats} runs each, alternating\n`);
  const bare: ChildResult[] = [];
  const atlas: ChildResult[] = [];
  for (let r = 0; r < repeats; r++) {
    bare.push(child('bare', dir));
    atlas.push(child('atlas', dir));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const b = median(bare.map((x) => x.seconds));
  const a = median(atlas.map((x) => x.seconds));
  const line = (name: string, s: number, rss: number, n: number): string =>
    `${name.padEnd(44)} ${s.toFixed(2).padStart(7)} s  ${rss.toFixed(0).padStart(6)} MB peak RSS  ${n.toLocaleString().padStart(10)} rows`;
  console.log(`bench/ingest — ${rows.toLocaleString()} firms (${mb.toFixed(0)} MB CSV${names ? ', two thirds of the industries as GB/T titles' : ''}), median of ${repeats}`);
  console.log(line('DuckDB read_csv → table (reference)', b, Math.max(...bare.map((x) => x.maxRssMb)), bare[0].rows));
  console.log(line('cluster-atlas ingest (validate + load + swap)', a, Math.max(...atlas.map((x) => x.maxRssMb)), atlas[0].rows));
  console.log(`ratio: ${(a / b).toFixed(2)}× (target ≤ 1.5×); peak memory target < 2048 MB`);
}

main().catch((e) => { console.error(e); process.exit(1); });
