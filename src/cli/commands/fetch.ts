import { relative, resolve } from 'node:path';
import { InputError } from '../../core/errors.js';
import { cbpApiUrl, naicsLevelPattern, parseCbpTable, readCbpCsv, writeCbpProject, type CbpRow } from '../../io/cbp.js';
import type { CliContext } from '../output.js';

export interface FetchCbpOptions { year: string; state?: string; level: 'county' | 'state'; out: string; key?: string; fromCsv?: string[]; naicsDigits?: string }

export async function runFetchCbp(ctx: CliContext, o: FetchCbpOptions): Promise<void> {
  const year = Number(o.year);
  const digits = o.naicsDigits === undefined ? 3 : Number(o.naicsDigits);
  naicsLevelPattern(digits); // checks the option before any download
  const rows: CbpRow[] = [];
  let withheld = 0;
  let read = 0;
  if (o.fromCsv && o.fromCsv.length) {
    for (const file of o.fromCsv) {
      const parsed = parseCbpTable(readCbpCsv(file), year, file, digits);
      rows.push(...parsed.rows.filter((r) => r.level === o.level));
      withheld += parsed.withheld;
      read += parsed.read;
    }
  } else {
    const url = cbpApiUrl({ year, level: o.level, state: o.state, key: o.key });
    let body: unknown;
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
      body = await res.json();
    } catch (e) {
      throw new InputError('E_FILE', `fetch cbp: could not download ${url.replace(/&key=[^&]*/, '&key=…')}: ${(e as Error).message} (offline? convert saved extracts with --from-csv)`, { file: url });
    }
    if (!Array.isArray(body)) throw new InputError('E_PARSE', 'fetch cbp: the Census API did not answer a table', { file: url });
    const parsed = parseCbpTable(body as string[][], year, 'Census API', digits);
    rows.push(...parsed.rows);
    withheld += parsed.withheld;
    read += parsed.read;
  }
  if (rows.length === 0) throw new InputError('E_PARSE', `fetch cbp: no ${digits}-digit NAICS ${o.level} rows found`, { field: 'level', value: o.level });
  const dir = resolve(o.out);
  const res = writeCbpProject(rows, dir, `${year}, ${o.level}${o.state ? `, state ${o.state}` : ''}`);
  const summary = { dir, year, level: o.level, naicsDigits: digits, rowsRead: read, cells: res.cells, regions: res.regions, withheldEmployment: withheld, files: res.files };
  if (ctx.format === 'json') { ctx.out(JSON.stringify(summary, null, 2)); return; }
  ctx.out(`CBP ${year} (${o.level}): ${res.cells.toLocaleString()} region × ${digits}-digit NAICS cells in ${res.regions} regions from ${read.toLocaleString()} rows; ${withheld} cells with withheld employment kept as unknown`);
  ctx.out(`Wrote ${relative(process.cwd(), dir) || '.'}; next: cluster-atlas ingest --project ${relative(process.cwd(), resolve(dir, 'cluster-atlas.json'))}`);
}
