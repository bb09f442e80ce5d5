/**
 * The README's library example runs as written: the ```js block under "## Library" is taken from
 * README.md, its `from 'cluster-atlas'` pointed at the compiled package entry (dist/, built by
 * `npm test`), and run with node. It must print one verdict line per candidate and the report path.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..');
const ENTRY = join(ROOT, 'dist', 'src', 'index.js');
const scratch = mkdtempSync(join(tmpdir(), 'atlas-readme-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function libraryExample(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Library\n'));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('README.md: no ```js block under "## Library"');
  return m[1];
}

describe('README library example', () => {
  it.skipIf(!existsSync(ENTRY))('runs against the built package and prints verdicts and the report path', () => {
    const code = libraryExample();
    expect(code).toContain("from 'cluster-atlas'");
    const file = join(scratch, 'example.mjs');
    writeFileSync(file, code.replace("from 'cluster-atlas'", `from ${JSON.stringify(pathToFileURL(ENTRY).href)}`));
    const run = spawnSync(process.execPath, [file], { encoding: 'utf8', env: { ...process.env, TMPDIR: scratch }, timeout: 240_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trim().split('\n');
    const verdicts = lines.filter((l) => l.includes(' → '));
    expect(verdicts.length).toBeGreaterThan(0);
    for (const v of verdicts) expect(v).toMatch(/ → (cluster|park_hosting_cluster|park_without_cluster|agglomeration_without_cluster|chain_without_agglomeration|concentration_only|none) LQ /);
    const report = lines[lines.length - 1];
    expect(report).toMatch(/report\.html$/);
    expect(existsSync(report)).toBe(true);
  }, 300_000);
});
