import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWorkspace, requireBuild, runCli } from './helpers.js';

// `plan network` and `plan gaps` through the real command line (bin → dist), on a demo workspace.
let dir: string;
beforeAll(async () => {
  requireBuild();
  dir = await demoWorkspace(42, 0.5, 'atlas-plan-ws-');
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[]) => runCli(dir, args);

describe('cluster-atlas plan network / gaps (command line)', () => {
  it('plan network groups the pork chain into seven regional groups, none lacking a stage', () => {
    const r = cli(['--format', 'json', 'plan', 'network', '--chain', 'pork-yurun']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { groups: { lacking?: string[]; missing?: string[] }[] };
    expect(out.groups).toHaveLength(7);
    for (const g of out.groups) expect(g.lacking ?? g.missing ?? []).toEqual([]);
  });
  it('plan gaps rates each stage of a template in a place and ranks what to attract', () => {
    const r = cli(['plan', 'gaps', '--place', 'region:330302', '--chain', 'apparel-footwear']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/missing|weak|strong/);
    expect(r.stdout).toMatch(/rank/);
  });
  it('bad input: an unknown template names the templates that exist (exit 1)', () => {
    const r = cli(['plan', 'network', '--chain', 'nope']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/--chain nope: no such template in the workspace \(templates: .*pork-yurun/);
  });
});
