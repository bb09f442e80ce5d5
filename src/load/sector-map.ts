/**
 * An industry → IO sector map (CSV with columns industry, sector: an industry code or code
 * prefix → an IO sector code; the longest matching prefix wins where it is applied). Read by
 * `plan gaps --sector-map` and by the diagnosis's chain gate (`diagnose --sector-map`, the
 * project's `diagnosis.ioSectorMap`). Every bad row is an InputError naming the file, line, field
 * and value; blank rows are skipped.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseCsvRecords } from '../core/csv.js';
import { InputError } from '../core/errors.js';

/** The map from `file`; `label` names the option or project field in messages (default --sector-map). */
export function readSectorMap(file: string, label = '--sector-map'): Map<string, string> {
  let text: string;
  try {
    if (statSync(file).isDirectory()) throw new InputError('E_FILE', `${label} ${file}: is a directory, not a CSV file`, { file });
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new InputError('E_FILE', `${label} ${file}: ${code === 'ENOENT' ? 'file not found' : `cannot be read (${code})`}`, { file });
  }
  const records = parseCsvRecords(text);
  const head = (records[0]?.cells ?? []).map((h) => h.trim().toLowerCase());
  const ci = head.indexOf('industry');
  const cs = head.indexOf('sector');
  if (ci < 0 || cs < 0) throw new InputError('E_MAPPING', `${label} ${file}: needs columns industry, sector; header: ${head.join(', ')}`, { file, line: 1, field: ci < 0 ? 'industry' : 'sector' });
  const out = new Map<string, string>();
  for (const { cells, line } of records.slice(1)) {
    const ind = (cells[ci] ?? '').trim();
    const sec = (cells[cs] ?? '').trim();
    if (!ind && !sec) continue;
    if (!ind || !sec) throw new InputError('E_PARSE', `${label} ${file}:${line}: ${!ind ? 'industry' : 'sector'} is empty`, { file, line, field: !ind ? 'industry' : 'sector', value: '' });
    if (out.has(ind) && out.get(ind) !== sec) throw new InputError('E_PARSE', `${label} ${file}:${line}: industry ${ind} is mapped twice (${out.get(ind)}, ${sec})`, { file, line, field: 'industry', value: ind });
    out.set(ind, sec);
  }
  return out;
}
