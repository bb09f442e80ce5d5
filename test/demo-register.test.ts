/**
 * The register-style demo (scenario/register.ts, `cluster-atlas demo --register`): firms with
 * credit codes and addresses but no coordinates are placed by address at ingest, and the diagnosis
 * runs end to end on zones and says which point-based measures could not run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateUscc } from '../src/core/uscc.js';
import { diagnoseWorkspace } from '../src/diagnose/workspace.js';
import { ingest } from '../src/io/ingest.js';
import { generateScenario, REGISTER_FILE, writeRegisterVariant, writeScenario } from '../src/scenario/index.js';
import { openWorkspace } from '../src/store/workspace.js';

const dir = mkdtempSync(join(tmpdir(), 'atlas-demo-register-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('demo --register', () => {
  it('ingests by address and credit code and diagnoses without points', { timeout: 120_000 }, async () => {
    const scenario = generateScenario(7, { scale: 0.1 });
    await writeScenario(scenario, dir);
    await writeRegisterVariant(scenario, dir);
    const lines = readFileSync(join(dir, REGISTER_FILE), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('企业代码,统一社会信用代码,企业名称,行业代码,注册地址,登记机关,成立日期,注册资本,经营状态,从业人员');
    expect(lines.length - 1).toBe(scenario.firms.length);
    expect(lines.slice(1).every((l) => validateUscc(l.split(',')[1]).ok)).toBe(true);
    const summary = await ingest({ project: join(dir, 'cluster-atlas.json') });
    const placement = summary.warnings.find((w) => w.startsWith('firms: ') && w.includes('not placed'));
    expect(placement).toMatch(/at county level/);
    expect(summary.rejectsByReason.closed_firm).toBeGreaterThan(0);
    const ws = await openWorkspace(summary.workspace);
    try {
      const [row] = await ws.all<{ n: number; located: number; county: number; byCode: number }>(
        "SELECT count(*)::INT n, count(lon)::INT located, count(*) FILTER (place_level = 'county')::INT county, count(*) FILTER (place_source = 'credit_code')::INT byCode FROM firms");
      expect(row.located).toBe(0);
      expect(row.county / row.n).toBeGreaterThan(0.5);
      expect(row.byCode).toBeGreaterThan(0); // the 不详 addresses
      const result = await diagnoseWorkspace(ws, { seed: 7 });
      expect(result.warnings.some((w) => w.startsWith('no firm has coordinates') && w.includes('K-density'))).toBe(true);
      expect(result.candidates.length).toBeGreaterThan(0);
    } finally {
      ws.close();
    }
  });
});
